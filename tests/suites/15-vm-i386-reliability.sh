#!/bin/bash
# Reliability on Debian 12's 32-bit 686-pae kernel with the bundled
# miniports' PE32 builds and the guest client built with -m32: suites 80
# (150 hostile PE32 images: every structural mutation, damaged code at the
# entry point, then random ones), 81 (50 load/draw/unload cycles, slab,
# vmalloc and module memory, PCI resources), 82 (20 unbind/bind cycles
# while a client draws), 83 (modesets, flips, dumb buffers, cursor moves
# and fbcon from several processes on two CPUs), 84 (vpmisbehave.sys,
# vpbochs with a wrapped __stdcall HwStartIO, fails mode sets, lies about
# lengths, floods the log), 85 (who may load a miniport, what uid 1000
# can reach) and 86 (signatures with and without lockdown, IMA; no IBT on
# i386).  One boot each.
. "$ROOT/tests/lib.sh"
i386_suites REL_SUITE_ARCH 80-vm-hostile 81-vm-lifecycle 82-vm-unbind 83-vm-concurrency 84-vm-misbehave-runtime 85-permissions 86-vm-trust
exit 0
