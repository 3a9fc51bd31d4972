#!/bin/sh
# Guest init: a minimal system, then /test.sh with its output on ttyS1.
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
stty -F /dev/ttyS1 raw -echo 115200
# vpwrap.ko's stock dependencies (drm, drm_kms_helper, ...), so that tests can
# insmod it directly.
for m in $(cat /etc/vpwrap-deps 2>/dev/null); do modprobe "$m"; done
exec 1>/dev/ttyS1 2>&1
cd /
rc=0
sh -c '. /lib/vmlib.sh; . /test.sh' || rc=$?
echo "@@DONE $rc"
sync
poweroff -f
