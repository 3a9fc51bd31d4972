# Guest half of bench/profile.sh: profile the driver's load, or load it and
# profile one drmbench test, with perf (cpu-clock: TCG has no PMU),
# system-wide with call chains.
. /bench.conf
for m in $PRELOAD; do modprobe "$m"; done
mkdir -p /tmp/perf && cd /tmp/perf || exit 0
if [ "$TEST" = load ]; then
	# shellcheck disable=SC2086
	perf record -q -a -g -e cpu-clock -F 2000 -o /tmp/perf/data -- \
		/drmbench load -- $LOAD | sed 's/^/PROFILE /'
	COMM=modprobe
else
	# shellcheck disable=SC2086
	/drmbench load -- $LOAD >/dev/null
	[ -e /dev/dri/card0 ] || { echo "PROFILE no /dev/dri/card0"; exit 0; }
	perf record -q -a -g -e cpu-clock -F 2000 -o /tmp/perf/data -- \
		/drmbench run -s "$SECONDS_EACH" -o "$TEST" | sed 's/^/PROFILE /'
	COMM=drmbench
fi
echo "PROFILE --- self time by symbol"
perf report -i /tmp/perf/data --stdio --no-children --sort sym --percent-limit 1 \
	-g none 2>/dev/null | grep -v '^#' | grep . | head -n 40 | sed 's/^/PROFILE /'
echo "PROFILE --- $COMM's time, children included"
perf report -i /tmp/perf/data --stdio --children --comm "$COMM" --sort sym \
	--percentage relative --percent-limit 2 -g none 2>/dev/null | grep -v '^#' | grep . |
	head -n 60 |
	sed 's/^/PROFILE /'
