#!/bin/bash
# The module, conformance (IRQL, spin locks, SMP), misbehaving-miniport,
# verifier, DRM pixel and lifecycle suites again on Debian 12's PREEMPT_RT
# kernel (6.1), where spinlock_t sleeps and interrupt handlers run in threads
# unless told otherwise.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/other-kernel.sh"
other_kernel rt 10 60 63 64 70 71 81
exit 0
