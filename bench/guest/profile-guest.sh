# Guest half of bench/profile.sh: load the driver, then profile one drmbench
# test with perf (cpu-clock: TCG has no PMU), system-wide with call chains.
. /bench.conf
modprobe drm && modprobe drm_kms_helper
# shellcheck disable=SC2086
/drmbench load -- $LOAD >/dev/null
[ -e /dev/dri/card0 ] || { echo "PROFILE no /dev/dri/card0"; exit 0; }
mkdir -p /tmp/perf && cd /tmp/perf || exit 0
# shellcheck disable=SC2086
perf record -q -a -g -e cpu-clock -F 2000 -o /tmp/perf/data -- \
	/drmbench run -s "$SECONDS_EACH" -o "$TEST" | sed 's/^/PROFILE /'
echo "PROFILE --- self time by symbol"
perf report -i /tmp/perf/data --stdio --no-children --sort sym --percent-limit 1 \
	-g none 2>/dev/null | grep -v '^#' | grep . | head -n 40 | sed 's/^/PROFILE /'
echo "PROFILE --- drmbench's time, children included"
perf report -i /tmp/perf/data --stdio --children --comm drmbench --sort sym \
	--percentage relative --percent-limit 2 -g none 2>/dev/null | grep -v '^#' | grep . |
	head -n 60 |
	sed 's/^/PROFILE /'
