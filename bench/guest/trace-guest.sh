# Guest half of bench/trace.sh: kprobe events on entry and return of each
# kernel function in $FUNCS while drmbench times the driver's load; the
# trace goes home as TRACE lines.
. /bench.conf
for m in $PRELOAD; do modprobe "$m"; done
T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null
echo mono >$T/trace_clock
echo 8192 >$T/buffer_size_kb
for f in $FUNCS; do
	{ echo "p:p_$f $f" >>$T/kprobe_events &&
		echo "r:r_$f $f" >>$T/kprobe_events; } 2>/dev/null ||
		echo "TRACE not traced: $f"
done
echo 1 >$T/events/kprobes/enable
echo 1 >$T/tracing_on
# shellcheck disable=SC2086
/drmbench load -- $LOAD | sed 's/^/TRACE /'
sleep 1
echo 0 >$T/tracing_on
grep -v '^#' $T/trace | sed 's/^/TRACE /'
