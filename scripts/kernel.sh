#!/bin/bash
# Resolve, fetch and cache a Debian-packaged kernel for the VM tests.
#
#   scripts/kernel.sh resolve [KVER]   print the kernel release (e.g. 6.1.0-56-amd64)
#   scripts/kernel.sh fetch   [KVER]   make sure headers are installed and the image +
#                                      modules are extracted under .cache/kernels/<release>;
#                                      prints the cache directory
#
# KVER may be empty (Debian 12's current linux-image-amd64), a series such as
# "6.12" (the linux-image-6.12-amd64 meta package) or a full release
# ("6.1.0-56-amd64", "6.12.117+deb12-amd64").  Nothing is hard-coded: the
# archive drops old revisions, so the meta packages are resolved every time.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${VPWRAP_CACHE:-$here/.cache}/kernels

apt_updated=
apt_update_once() {
	[ -n "$apt_updated" ] && return
	apt-get update -qq >/dev/null 2>&1 || true
	apt_updated=1
}

dep_of() {
	apt-cache depends "$1" 2>/dev/null |
		sed -n 's/^  Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n1
}

resolve() {
	local kver=${1:-} meta pkg
	case "$kver" in
	"") meta=linux-image-amd64 ;;
	*-amd64) echo "$kver"; return ;;
	*) meta=linux-image-$kver-amd64 ;;
	esac
	pkg=$(dep_of "$meta")
	if [ -z "$pkg" ]; then
		apt_update_once
		pkg=$(dep_of "$meta")
	fi
	if [ -z "$pkg" ]; then
		echo "kernel.sh: cannot resolve $meta through apt" >&2
		exit 1
	fi
	echo "${pkg#linux-image-}"
}

fetch() {
	local rel dir tmp
	rel=$(resolve "${1:-}")
	dir=$cache/$rel
	if [ ! -e "/lib/modules/$rel/build/Makefile" ]; then
		apt_update_once
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			"linux-headers-$rel" >/dev/null
	fi
	if [ ! -e "$dir/.done" ]; then
		apt_update_once
		rm -rf "$dir"
		mkdir -p "$dir"
		tmp=$(mktemp -d)
		(cd "$tmp" && apt-get download -qq "linux-image-$rel" >/dev/null)
		dpkg-deb -x "$tmp"/linux-image-*.deb "$dir/root"
		rm -rf "$tmp"
		# The package's postinst would run depmod; do it for the cache.
		depmod -b "$dir/root" "$rel"
		ln -sf "root/boot/vmlinuz-$rel" "$dir/vmlinuz"
		ln -sf "root/lib/modules/$rel" "$dir/modules"
		touch "$dir/.done"
	fi
	echo "$dir"
}

cmd=${1:-}
shift || true
case "$cmd" in
resolve) resolve "${1:-}" ;;
fetch) fetch "${1:-}" ;;
*) echo "usage: $0 resolve|fetch [KVER]" >&2; exit 2 ;;
esac
