#!/bin/bash
# Print the directory of a guest file tree holding the host's X.Org server
# (Debian's xserver-xorg-core: /usr/lib/xorg/Xorg and its modules without
# glamor), xkbcomp with the XKB data, xrandr, xsetroot, xwininfo and xterm,
# each with the shared libraries ldd names.  vmrun.py merges it into the
# initramfs with --add DIR:/.  Built once per set of package versions under
# CACHE_DIR (argument 1).
set -euo pipefail
cache=$1
bins=(/usr/lib/xorg/Xorg /usr/bin/xkbcomp /usr/bin/xrandr /usr/bin/xsetroot
	/usr/bin/xwininfo /usr/bin/xterm)
pkgs=(xserver-xorg-core x11-xkb-utils x11-xserver-utils x11-utils xterm)
key=$(dpkg-query -W -f '${Package}=${Version}\n' "${pkgs[@]}" | sha256sum | cut -c1-16)
dir=$cache/xorg-root/$key
if [ -d "$dir" ]; then
	echo "$dir"
	exit 0
fi
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/xorg-root.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
copy() {	# host path -> same path in the tree (symlinks resolved)
	mkdir -p "$tmp/$(dirname "$1")"
	cp -L "$1" "$tmp/$1"
}
objs=("${bins[@]}")
while IFS= read -r so; do
	case "$so" in */libglamoregl.so) continue ;; esac	# no GL: AccelMethod none
	objs+=("$so")
done < <(find /usr/lib/xorg/modules -name '*.so')
for o in "${objs[@]}"; do
	copy "$o"
	ldd "$o" | sed -n 's/.*=> \(\/[^ ]*\) (0x.*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (0x.*/\1/p'
done | sort -u | while IFS= read -r lib; do copy "$lib"; done
mkdir -p "$tmp/usr/share/X11"
cp -a /usr/share/X11/xkb "$tmp/usr/share/X11/"
mkdir -p "$(dirname "$dir")"
mv "$tmp" "$dir"
trap - EXIT
echo "$dir"
