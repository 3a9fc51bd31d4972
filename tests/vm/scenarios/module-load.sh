# vpwrap.ko inserts and removes cleanly, twice, with no miniport.
check "insmod vpwrap.ko" insmod /vpwrap.ko
expect_log "version banner" "vpwrap [0-9.]+ loaded"
check "module listed" grep -q '^vpwrap ' /proc/modules
check "rmmod vpwrap" rmmod vpwrap
check "module gone" sh -c '! grep -q "^vpwrap " /proc/modules'
check "insmod again" insmod /vpwrap.ko
check "rmmod again" rmmod vpwrap
kclean "no oops or warning"
