# Guest half of one benchmark boot (run as /test.sh by tests/vm/vmrun.py).
# /bench.conf (written by bench/run.sh) sets:
#   LOAD        the command that loads the display driver under test
#   PRELOAD     its stock dependencies, loaded first
#   SECONDS_EACH, SWITCHES, DUMP   drmbench run options
#   CONSOLE_LINES, CONSOLE_RUNS    drmbench console: runs of that many lines
#               written to the framebuffer console (CONSOLE_LINES=0: none);
#               CONSOLE_BULK=1: also with the lines back to back (-b)
#   SPINLOCK_LOAD  optional: command that loads the videoport conformance
#               miniport; SPINLOCK_IOCTL, SPINLOCK_PAIRS: its timing request
. /bench.conf

# The driver's stock dependencies (DRM core and helpers) load untimed, so
# that load_ms and the memory deltas are the driver module's own.
for m in $PRELOAD; do
	modprobe "$m" || echo "BENCH_LOG modprobe $m failed"
done

# shellcheck disable=SC2086
/drmbench load -- $LOAD
if [ -e /dev/dri/card0 ]; then
	# The console first, as it is at boot: no DRM client has taken the
	# screen yet (after one, a driver's fbdev may be in another state).
	if [ "${CONSOLE_LINES:-0}" -gt 0 ]; then
		/drmbench console -n "$CONSOLE_LINES" -r "$CONSOLE_RUNS"
		if [ "${CONSOLE_BULK:-0}" = 1 ]; then
			/drmbench console -b -n "$CONSOLE_LINES" -r "$CONSOLE_RUNS"
		fi
	fi
	# shellcheck disable=SC2086
	/drmbench run -s "$SECONDS_EACH" -m "$SWITCHES" $DUMP
fi
# A driver that failed to load says why in the kernel log; carry that home.
dmesg | grep -iE 'vpwrap|bochs|cirrus' | tail -n 5 | sed 's/^/BENCH_LOG /'

# Spin locks: vpwrap's debugfs file <adapter>/bench times one private
# IOCTL of the conformance miniport that runs N pairs of each spin lock it
# imports, then N of the native pair of the same meaning, then N empty calls,
# in the same context; it answers one line per pair,
# "pair=NAME pairs=N videoport_ns=X native_ns=Y loop_ns=Z ...".
# We forward its answers (and any such line in the kernel log) to the host,
# where bench/report.py computes the ratio.
if [ -n "${SPINLOCK_LOAD:-}" ]; then
	rmmod vpwrap 2>/dev/null
	# shellcheck disable=SC2086
	$SPINLOCK_LOAD >/dev/null 2>&1 || echo "BENCH_LOG spinlock: '$SPINLOCK_LOAD' failed"
	for f in /sys/kernel/debug/vpwrap-videoport/*/bench; do
		[ -e "$f" ] || { echo "BENCH_LOG spinlock: no vpwrap-videoport/*/bench in debugfs"; break; }
		for i in 1 2 3 4 5; do
			echo "$SPINLOCK_IOCTL $SPINLOCK_PAIRS" >"$f" &&
				sed 's/^/BENCH_SPINLOCK /' "$f"
		done
		break
	done
	dmesg | grep -iE 'spin ?lock.*pair|pair.*spin ?lock' | sed 's/^/BENCH_SPINLOCK /'
fi
kclean "bench kernel log clean"
