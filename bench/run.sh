#!/bin/bash
# make bench: vpwrap against the native DRM drivers on the same emulated
# hardware.  For each device (QEMU std VGA: native bochs vs vpwrap+vpbochs.sys;
# cirrus-vga: native cirrus vs vpwrap+vpcirrus.sys) it boots the same machine
# RUNS times per driver, alternating native and vpwrap (and which goes first,
# round by round) so that drift in the host's load hits both alike; each boot
# runs bench/guest/bench.sh.  bench/report.py turns the guest logs into
# bench/results.md and bench/results.json.
#
# Environment (all optional):
#   BENCH_RUNS=6        boots per driver and device (design.md §6: 6 boots bring
#                       small-update noise under TCG to about ±11%)
#   BENCH_SECONDS=1     length of each rate measurement in the guest (noise
#                       comes from boot to boot, not from a short window)
#   BENCH_SWITCHES=20   modesets timed per boot
#   BENCH_DEVICES="std cirrus"
#   BENCH_ICOUNT=1      first, one boot per driver and device under QEMU
#                       -icount (guest time = instructions executed): free of
#                       host-load noise, so one boot each is enough; rates are
#                       taken over BENCH_ICOUNT_SECONDS=0.25 s of virtual time
#   BENCH_BUDGET=840    seconds: a round that would end after this (judged by
#                       the previous round) is not started, so the whole run
#                       stays under 15 minutes on a loaded machine
#   BENCH_CONSOLE_LINES=300  in every boot, before the DRM figures: the
#                       framebuffer console's time per line, median of runs of
#                       that many scrolling lines written to tty1, a line at a
#                       time (0: not measured); BENCH_CONSOLE_RUNS=5 runs in the
#                       -icount boots, which also time them back to back,
#                       BENCH_CONSOLE_WALL_RUNS=2 in the wall-clock boots (their
#                       noise is from boot to boot)
#   BENCH_SPINLOCK_MINIPORT=path.sys   videoport conformance miniport for the
#                       spinlock-pair figure (default: tests/vm/miniports/out/
#                       vpconform.sys), BENCH_SPINLOCK_IOCTL its private IOCTL
#                       that runs N pairs (default IOCTL_CONF_BENCH of
#                       tests/vm/miniports/conform/conform.h),
#                       BENCH_SPINLOCK_PAIRS=1000000
#   KVER                kernel, as for make check
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. bench/lib.sh

RUNS=${BENCH_RUNS:-6}
SECONDS_EACH=${BENCH_SECONDS:-1}
SWITCHES=${BENCH_SWITCHES:-20}
DEVICES=${BENCH_DEVICES:-std cirrus}
BUDGET=${BENCH_BUDGET:-840}
ICOUNT=${BENCH_ICOUNT:-1}
ICOUNT_SECONDS=${BENCH_ICOUNT_SECONDS:-0.25}
CONSOLE_LINES=${BENCH_CONSOLE_LINES:-300}
CONSOLE_RUNS=${BENCH_CONSOLE_RUNS:-5}
CONSOLE_WALL_RUNS=${BENCH_CONSOLE_WALL_RUNS:-2}
OUT=$ROOT/out/bench
START=$(date +%s)

KCACHE=$(scripts/kernel.sh fetch "${KVER:-}")
KREL=$(basename "$KCACHE")
VPWRAP_KO=$ROOT/.build/$KREL/vpwrap.ko
export KCACHE KREL VPWRAP_KO
# Measure the kernel as users run it: without the test suite's memory checks.
export VPWRAP_VM_DEBUG=0

rm -rf "$OUT"
mkdir -p "$OUT"
make -s -C bench/guest OUT="$OUT/guest" >/dev/null
LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)

# vpwrap side: what is missing is recorded as the reason, never papered over.
declare -A NA
if make -s module KVER="$KREL" >"$OUT/build-module.log" 2>&1; then
	# Like Debian's own modules (bochs.ko, cirrus.ko), without debug info:
	# load time should not include reading megabytes of DWARF.
	cp "$VPWRAP_KO" "$OUT/vpwrap.ko"
	strip --strip-debug "$OUT/vpwrap.ko"
	VPWRAP_KO=$OUT/vpwrap.ko
else
	for d in $DEVICES; do NA[$d]="vpwrap.ko did not build (out/bench/build-module.log)"; done
fi
make -s -C miniports >"$OUT/build-miniports.log" 2>&1 || true
if [ -f tests/vm/miniports/Makefile ]; then
	make -s -C tests/vm/miniports >>"$OUT/build-miniports.log" 2>&1 || true
fi
for d in $DEVICES; do
	sys=miniports/out/x86_64/${MINIPORT[$d]}
	[ -n "${NA[$d]:-}" ] || [ -f "$sys" ] ||
		NA[$d]="$sys not built (out/bench/build-miniports.log)"
done

# Spinlock pair: after the DRM figures, the std vpwrap boots reload
# vpwrap with the conformance miniport bound to the std VGA, and time its
# lock loop against native pairs through videoport's debugfs bench file.
SPIN=${BENCH_SPINLOCK_MINIPORT:-tests/vm/miniports/out/vpconform.sys}
SPIN_IOCTL=${BENCH_SPINLOCK_IOCTL:-$(sed -n 's/^#define IOCTL_CONF_BENCH\s*CONF_IOCTL(\([0-9]*\)).*/\1/p' \
	tests/vm/miniports/conform/conform.h 2>/dev/null | head -n1)}
# CONF_IOCTL(n) = FILE_DEVICE_VIDEO << 16 | (0x800 + n) << 2, as conform.h has it.
[ -z "$SPIN_IOCTL" ] || [ -n "${BENCH_SPINLOCK_IOCTL:-}" ] ||
	SPIN_IOCTL=$(printf '0x%x' $(((0x23 << 16) | ((0x800 + SPIN_IOCTL) << 2))))

count() { grep -c "$1" "$2" 2>/dev/null || true; }

# boot DEVICE DRIVER ROUND: one VM, guest log in $OUT/DEVICE-DRIVER-ROUND/.
# ROUND "icount" is the deterministic boot; it also takes the screen dumps
# for the damage placement check.
boot() {
	local dev=$1 drv=$2 round=$3 dir=$OUT/$1-$2-$3
	local ARGS=(--out "$dir" --name "bench $dev $drv $round" --timeout 240
		--profile "$dev" --add "$OUT/guest/drmbench:/drmbench"
		--add "$dir.conf:/bench.conf")
	local MODS LOAD PRELOAD spin="" seconds=$SECONDS_EACH dump=""
	local con_runs=$CONSOLE_WALL_RUNS con_bulk=0
	mkdir -p "$dir"
	driver_setup "$dev" "$drv"
	if [ "$round" = icount ]; then
		# shift=0: one instruction is 1 ns of guest time; sleep=on lets idle
		# time pass without executing anything.
		ARGS+=(--qemu-arg=-icount --qemu-arg=shift=0,sleep=on)
		seconds=$ICOUNT_SECONDS
		dump=-d
		con_runs=$CONSOLE_RUNS
		con_bulk=1
	elif [ "$ICOUNT" = 0 ] && [ "$round" = 1 ]; then
		dump=-d
	fi
	if [ "$drv" = vpwrap ] && [ "$dev" = std ] && [ -f "$SPIN" ] && [ -n "$SPIN_IOCTL" ]; then
		ARGS+=(--add "$SPIN:/$(basename "$SPIN")")
		spin="modprobe vpwrap miniport=/$(basename "$SPIN") pci_ids=1234:1111"
	fi
	cat >"$dir.conf" <<-EOF
		LOAD="$LOAD"
		PRELOAD="$PRELOAD"
		SECONDS_EACH=$seconds
		SWITCHES=$SWITCHES
		DUMP="$dump"
		CONSOLE_LINES=$CONSOLE_LINES
		CONSOLE_RUNS=$con_runs
		CONSOLE_BULK=$con_bulk
		SPINLOCK_LOAD="$spin"
		SPINLOCK_IOCTL="$SPIN_IOCTL"
		SPINLOCK_PAIRS="${BENCH_SPINLOCK_PAIRS:-1000000}"
	EOF
	local t0=$SECONDS
	python3 tests/vm/vmrun.py "${ARGS[@]}" --modules "$MODS" \
		bench/guest/bench.sh >"$dir/vmrun.log" 2>&1 || true
	echo "  $dev $drv #$round ($((SECONDS - t0)) s): $(count '^BENCH ' "$dir/guest.log") figures," \
		"$(count '^BENCH_NA ' "$dir/guest.log") not available"
}

# A vpwrap that did not produce a device in its first boot will not in the
# next ones: stop spending boots on it and keep the reason.
vpwrap_failed() {
	local dir=$OUT/$1-vpwrap-$2
	grep -q '^BENCH load_ms ' "$dir/guest.log" 2>/dev/null && return 1
	NA[$1]="no /dev/dri/card0: $(sed -n 's/^BENCH_NA load_ms //p' "$dir/guest.log" 2>/dev/null | head -n1)"
	NA[$1]+="$(grep -E '^BENCH_LOG .*vpwrap' "$dir/guest.log" 2>/dev/null | tail -n1 | sed 's/^BENCH_LOG / — /')"
	[ -s "$dir/guest.log" ] || NA[$1]="vpwrap boot produced no guest log (see out/bench/$1-vpwrap-$2/console.log)"
	return 0
}

if [ "$ICOUNT" != 0 ]; then
	echo "bench: deterministic boots (QEMU -icount)"
	for dev in $DEVICES; do
		for drv in native vpwrap; do
			if [ "$drv" = vpwrap ] && [ -n "${NA[$dev]:-}" ]; then
				continue
			fi
			boot "$dev" "$drv" icount
			if [ "$drv" = vpwrap ] && vpwrap_failed "$dev" icount; then
				echo "  vpwrap on $dev not available: ${NA[$dev]}"
			fi
		done
	done
fi

done_runs=0
round_s=0
for round in $(seq 1 "$RUNS"); do
	if [ $(($(date +%s) - START + round_s)) -gt "$BUDGET" ]; then
		echo "bench: another round would end after ${BUDGET}s; stopping after $done_runs rounds"
		break
	fi
	round_start=$(date +%s)
	echo "bench: round $round of $RUNS"
	for dev in $DEVICES; do
		order="native vpwrap"
		[ $((round % 2)) -eq 0 ] && order="vpwrap native"
		for drv in $order; do
			if [ "$drv" = vpwrap ] && [ -n "${NA[$dev]:-}" ]; then
				continue
			fi
			boot "$dev" "$drv" "$round"
			if [ "$drv" = vpwrap ] && vpwrap_failed "$dev" "$round"; then
				echo "  vpwrap on $dev not available: ${NA[$dev]}"
			fi
		done
	done
	done_runs=$round
	round_s=$(($(date +%s) - round_start))
done

{
	for dev in $DEVICES; do
		if [ -n "${NA[$dev]:-}" ]; then
			printf 'vpwrap_na %s %s\n' "$dev" "${NA[$dev]}"
		fi
	done
	echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "runs $done_runs"
	echo "runs_planned $RUNS"
	echo "seconds_each $SECONDS_EACH"
	echo "icount $ICOUNT"
	echo "icount_seconds $ICOUNT_SECONDS"
	echo "switches $SWITCHES"
	echo "console_lines $CONSOLE_LINES"
	echo "console_runs $CONSOLE_RUNS"
	echo "console_wall_runs $CONSOLE_WALL_RUNS"
	echo "kernel $KREL"
	echo "qemu $(qemu-system-x86_64 --version | head -n1)"
	echo "cpu $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)"
	echo "cores $(nproc)"
	echo "loadavg_start $LOADAVG_START"
	echo "loadavg_end $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "elapsed_s $(($(date +%s) - START))"
	[ -f "$SPIN" ] && echo "spinlock_miniport $SPIN"
	echo "spinlock_ioctl $SPIN_IOCTL"
} >"$OUT/meta.txt"
python3 bench/report.py "$OUT" bench/results.md bench/results.json
echo "bench: $(($(date +%s) - START)) s; results in bench/results.md"
