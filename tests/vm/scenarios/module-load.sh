# vpwrap.ko inserts and removes cleanly, twice, with no miniport.
# Every boot runs with the memory checks on (vmrun.py's DEBUG_BOOT).
check "SLUB debugging on (slub_debug=FZPU)" sh -c \
	'for f in sanity_checks red_zone poison store_user; do
		[ "$(cat /sys/kernel/slab/kmalloc-64/$f)" = 1 ] || exit 1; done'
if [ -e /sys/module/kfence/parameters/sample_interval ]; then
	check "KFENCE sampling on" grep -qx 10 /sys/module/kfence/parameters/sample_interval
fi
check "insmod vpwrap.ko" insmod /vpwrap.ko
expect_log "version banner" "vpwrap [0-9.]+ loaded"
check "module listed" grep -q '^vpwrap ' /proc/modules
check "rmmod vpwrap" rmmod vpwrap
check "module gone" sh -c '! grep -q "^vpwrap " /proc/modules'
check "insmod again" insmod /vpwrap.ko
check "rmmod again" rmmod vpwrap
kclean "no oops or warning"
