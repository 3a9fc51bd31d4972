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
#
# KVER "686-pae" or "686" (or a full release ending in -686-pae/-686) is one
# of Debian 12's 32-bit kernels.  Their headers cannot be installed next to
# the amd64 ones (linux-kbuild and gcc are not co-installable across
# architectures), so they are extracted into the cache with the amd64 build
# of the matching linux-kbuild, and /lib/modules/<release>/build points
# there.  The i386 security index is at times inconsistent on the mirror:
# the newest release whose packages actually download is taken.
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

i386_flavour() {	# 686-pae, 686, or nothing for an amd64 KVER
	case "${1:-}" in
	686-pae | *-686-pae) echo 686-pae ;;
	686 | *-686) echo 686 ;;
	esac
}

# The packages an i386 release needs, as "name[:arch][=version]" arguments
# of apt-get download: image and headers (i386), the arch-independent common
# headers, and linux-kbuild for amd64 at the headers' version.
i386_debs() {
	local rel=$1 hdr ver common kbuild
	hdr=linux-headers-$rel:i386
	ver=$(apt-cache show "$hdr" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
	[ -n "$ver" ] || return 1
	common=$(apt-cache depends "$hdr" 2>/dev/null |
		sed -n 's/^    \(linux-headers-.*-common\)$/\1/p' | head -n1)
	kbuild=$(apt-cache depends "$hdr" 2>/dev/null |
		sed -n 's/^  Depends: \(linux-kbuild-[^:]*\).*/\1/p' | head -n1)
	[ -n "$common" ] && [ -n "$kbuild" ] || return 1
	echo "linux-image-$rel:i386=$ver $hdr=$ver $common=$ver $kbuild=$ver"
}

# Download an i386 release's packages into $cache/debs/<release>; fails
# (leaving nothing behind) if any of them cannot be downloaded.
i386_download() {
	local rel=$1 dir=$cache/debs/$1 debs tmp
	[ -e "$dir/.done" ] && return 0
	debs=$(i386_debs "$rel") || return 1
	tmp=$(mktemp -d)
	# shellcheck disable=SC2086
	if ! (cd "$tmp" && apt-get download -qq $debs >/dev/null 2>&1); then
		rm -rf "$tmp"
		return 1
	fi
	mkdir -p "$cache/debs"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	touch "$dir/.done"
}

# The newest release of an i386 flavour that downloads: the meta package's
# choice first, then the other releases apt knows, newest first.  The choice
# is remembered next to the meta package's answer it was made for.
resolve_i386() {
	local flavour=$1 want pick memo rel
	memo=$cache/i386-$flavour.release
	want=$(dep_of "linux-image-$flavour:i386")
	if [ -z "$want" ]; then
		apt_update_once
		want=$(dep_of "linux-image-$flavour:i386")
	fi
	want=${want#linux-image-}
	want=${want%:i386}
	if [ -r "$memo" ] && [ "$(sed -n 1p "$memo")" = "$want" ]; then
		pick=$(sed -n 2p "$memo")
		[ -e "$cache/debs/$pick/.done" ] && { echo "$pick"; return; }
	fi
	for rel in $want $(apt-cache search --names-only \
			"^linux-image-[0-9.]+-[0-9]+-$flavour\$" 2>/dev/null |
			awk '{ print $1 }' | sed 's/^linux-image-//' | sort -rV); do
		[ "${rel%-"$flavour"}" != "$rel" ] || continue
		case "$rel" in *-rt-*) continue ;; esac
		if i386_download "$rel"; then
			mkdir -p "$cache"
			printf '%s\n%s\n' "$want" "$rel" >"$memo"
			echo "$rel"
			return
		fi
		echo "kernel.sh: $rel does not download, trying an older one" >&2
	done
	echo "kernel.sh: no linux-image-*-$flavour:i386 downloads" >&2
	exit 1
}

resolve() {
	local kver=${1:-} meta pkg flavour
	flavour=$(i386_flavour "$kver")
	case "$kver" in
	"") meta=linux-image-amd64 ;;
	*-amd64 | *-686-pae | *-686) echo "$kver"; return ;;
	686-pae | 686) resolve_i386 "$flavour"; return ;;
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

# Extract an i386 release (image, modules, headers, kbuild) into the cache,
# point /lib/modules/<release>/build at its headers, and put an i386 busybox
# for the VM guests next to the image.
fetch_i386() {
	local rel=$1 dir=$cache/$1 hdrs common tmp
	if [ ! -e "$dir/.done" ]; then
		i386_download "$rel" || {
			echo "kernel.sh: cannot download the packages of $rel" >&2
			exit 1
		}
		rm -rf "$dir"
		mkdir -p "$dir/root"
		for deb in "$cache/debs/$rel"/*.deb; do
			dpkg-deb -x "$deb" "$dir/root"
		done
		hdrs=$dir/root/usr/src/linux-headers-$rel
		# The headers' Makefile includes the common tree by absolute path.
		common=$(sed -n 's|^include /usr/src/\(.*\)/Makefile$|\1|p' "$hdrs/Makefile")
		echo "include $dir/root/usr/src/$common/Makefile" >"$hdrs/Makefile"
		depmod -b "$dir/root" "$rel"
		ln -sf "root/boot/vmlinuz-$rel" "$dir/vmlinuz"
		ln -sf "root/lib/modules/$rel" "$dir/modules"
		ln -sfn "root/usr/src/linux-headers-$rel" "$dir/build"
		touch "$dir/.done"
	fi
	# The guests' userland: an i386 static busybox (the host's is amd64).
	if [ ! -e "$dir/busybox" ]; then
		apt_update_once
		tmp=$(mktemp -d)
		(cd "$tmp" && apt-get download -qq busybox-static:i386 >/dev/null 2>&1) || {
			rm -rf "$tmp"
			echo "kernel.sh: cannot download busybox-static:i386" >&2
			exit 1
		}
		dpkg-deb -x "$tmp"/busybox-static_*.deb "$tmp/x"
		cp "$tmp/x/bin/busybox" "$dir/busybox"
		rm -rf "$tmp"
	fi
	if [ "$(readlink -f "/lib/modules/$rel/build")" != "$(readlink -f "$dir/build")" ]; then
		mkdir -p "/lib/modules/$rel"
		ln -sfn "$(readlink -f "$dir/build")" "/lib/modules/$rel/build"
	fi
	echo "$dir"
}

fetch() {
	local rel dir tmp
	rel=$(resolve "${1:-}")
	if [ -n "$(i386_flavour "$rel")" ]; then
		fetch_i386 "$rel"
		return
	fi
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
