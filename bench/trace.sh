#!/bin/bash
# bench/trace.sh DEVICE DRIVER [FUNCTION...]: where a driver's load spends its
# time, step by step.  One deterministic boot (QEMU -icount, as make bench's)
# of DEVICE (std|cirrus) with DRIVER (native|vpwrap): kprobe events on entry
# and return of each kernel FUNCTION (default: the module loader's, the
# probe's, DRM registration's and the fbdev console's steps) while drmbench
# times the load, then the calls as a timeline, nested, in ms of guest time
# from the first event.  vpwrap's own functions carry no ftrace entry, and
# kprobe events refuse such functions: trace the kernel functions it calls.
# Needs the module and miniports built as `make bench` builds them (it
# reuses out/bench/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. bench/lib.sh
dev=${1:?device}; drv=${2:?driver}; shift 2
[ $# -gt 0 ] || set -- load_module module_sig_check module_finalize \
	unwind_module_init do_init_module register_kprobe unregister_kprobe \
	synchronize_rcu __pci_register_driver aperture_remove_conflicting_pci_devices \
	drm_dev_register drm_fbdev_generic_setup drm_helper_probe_single_connector_modes \
	register_framebuffer do_fbcon_takeover fbcon_init fbcon_switch \
	drm_atomic_helper_commit drm_gem_fb_vmap drm_gem_shmem_vmap \
	drm_atomic_helper_commit_planes drm_fb_memcpy drm_fb_blit \
	drm_fb_helper_damage_work do_free_init
FUNCS="$*"
after_bench_setup
dir=$OUT/trace-$dev-$drv
mkdir -p "$dir"
ARGS=(--add "$OUT/guest/drmbench:/drmbench" --add "$dir.conf:/bench.conf")
driver_setup "$dev" "$drv"
printf 'LOAD="%s"\nPRELOAD="%s"\nFUNCS="%s"\n' "$LOAD" "$PRELOAD" "$FUNCS" >"$dir.conf"
python3 tests/vm/vmrun.py --out "$dir" --profile "$dev" --timeout 300 \
	--qemu-arg=-icount --qemu-arg=shift=0,sleep=on \
	--modules "$MODS" "${ARGS[@]}" bench/guest/trace-guest.sh >"$dir/vmrun.log" 2>&1 || true
sed -n 's/^TRACE //p' "$dir/guest.log" >"$dir/trace.txt"
grep -E '^(BENCH|not traced)' "$dir/trace.txt" || true
python3 bench/trace_timeline.py "$dir/trace.txt"
