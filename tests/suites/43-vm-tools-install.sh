#!/bin/bash
# tools: the user's workflow in one std VGA boot:
# vpwrap install from the bundled driver disk, modprobe by the device's
# modalias through the installed alias file, vpwrap binds vpbochs.sys (and
# /dev/dri/card0 appears when the module has drm-glue), vpwrap status/list,
# rmmod, vpwrap remove, and the alias then loads nothing.
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

# The driver disk as miniports/out/ lays it out (the INF names \x86_64).
vmrun --out "$OUT/vm" --name "tools install" --profile std --timeout 100 \
	--add "$tool:/usr/bin/vpwrap" \
	--add "$disk/vpbochs.inf:/disk/vpbochs.inf" \
	--add "$disk/x86_64/vpbochs.sys:/disk/x86_64/vpbochs.sys" \
	"${extra[@]}" "$ROOT/tests/vm/tools/install.sh"
exit 0
