#!/bin/bash
# Fault containment on Debian 12's 32-bit 686-pae kernel: suite 66 with
# PE32 builds of its miniports (mingw-w64 i686 for the faulting ones and
# the teardown one, clang's i686-pc-windows-msvc target for the SEH ones,
# whose handlers are fs:[0] registrations) and guest programs built with
# -m32.  One boot.
. "$ROOT/tests/lib.sh"
i386_suites CONTAIN_SUITE_ARCH 66-vm-contain
exit 0
