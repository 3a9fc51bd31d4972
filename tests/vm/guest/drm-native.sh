# Guest: the kmstest checks against a stock DRM driver ($DRIVER: bochs or
# cirrus_qemu / cirrus), to validate kmstest + kmscheck.py and as reference.
DRIVER=$(cat /driver 2>/dev/null || echo bochs)
modprobe "$DRIVER" || fail "modprobe $DRIVER" "failed"
i=0
while [ ! -e /dev/dri/card0 ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
check "card0 appears" test -e /dev/dri/card0
/kmstest info
/kmstest pattern -m "$(cat /modes 2>/dev/null || echo 1024x768)"
/kmstest modifier
/kmstest vblank
kclean "no oops or warning"
