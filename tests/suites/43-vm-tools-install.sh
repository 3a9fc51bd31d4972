#!/bin/bash
# tools: the user's workflow in one std VGA boot:
# vpwrap install from the bundled driver disk, modprobe by the device's
# modalias through the installed alias file, vpwrap binds vpbochs.sys (and
# /dev/dri/card0 appears when the module has drm-glue), vpwrap status/list,
# rmmod, vpwrap remove, and the alias then loads nothing.  Then the same
# miniport from an inbox-style INF (tests/vm/tools/vpbochs-inbox.inf: no
# SourceDisksFiles, LayoutFile=layout.inf, models and install sections
# merged, a display DLL to skip), bound through the alias that install
# wrote, and an x86-only INF refused for the running x86_64 kernel.
# Guest script: tests/vm/tools/install.sh.
. "$ROOT/tests/lib.sh"

tool=$ROOT/tools/out/vpwrap
disk=$ROOT/miniports/out
for f in "$tool" "$disk/vpbochs.inf" "$disk/x86_64/vpbochs.sys"; do
	if [ ! -f "$f" ]; then
		fail "inputs built" "no $f"
		exit 0
	fi
done

# The host's kmod, to check the alias as a real system's modprobe resolves it.
extra=()
kmod=$(command -v kmod) && extra+=(--bin "$kmod")

# The x86-only shape of the inbox INF: undecorated models only.
inbox=$ROOT/tests/vm/tools/vpbochs-inbox.inf
sed 's/^%QEMU% = vpbochs, NTamd64$/%QEMU% = vpbochs/' "$inbox" >"$OUT/vpbochs-x86.inf"
if cmp -s "$inbox" "$OUT/vpbochs-x86.inf"; then
	fail "inputs: x86-only INF made" "the [Manufacturer] line of $inbox changed"
	exit 0
fi

# The driver disk as miniports/out/ lays it out (the INF names \x86_64);
# the inbox-style disk has the miniport next to its INF.
vmrun --out "$OUT/vm" --name "tools install" --profile std --timeout 150 \
	--add "$tool:/usr/bin/vpwrap" \
	--add "$disk/vpbochs.inf:/disk/vpbochs.inf" \
	--add "$disk/x86_64/vpbochs.sys:/disk/x86_64/vpbochs.sys" \
	--add "$inbox:/inbox/vpbochs.inf" \
	--add "$disk/x86_64/vpbochs.sys:/inbox/vpbochs.sys" \
	--add "$OUT/vpbochs-x86.inf:/inbox32/vpbochs.inf" \
	"${extra[@]}" "$ROOT/tests/vm/tools/install.sh"
exit 0
