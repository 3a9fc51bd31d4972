#!/bin/bash
# Resolve, fetch and cache a Debian-packaged kernel for the VM tests, and
# run builds for it.
#
#   scripts/kernel.sh resolve [KVER]   print the kernel release (e.g. 6.1.0-56-amd64)
#   scripts/kernel.sh fetch   [KVER]   make sure headers are installed and the image +
#                                      modules are extracted under .cache/kernels/<release>;
#                                      prints the cache directory
#   scripts/kernel.sh run REL CMD...   run CMD where modules for REL are built: on the
#                                      host, or inside the build root REL needs
#
# KVER may be empty (Debian 12's current linux-image-amd64), one of the names
# in the table below, or a full release ("6.1.0-56-amd64",
# "6.12.117+deb12-amd64", "7.3.4+deb13-amd64").  Nothing is hard-coded: the
# archive drops old revisions, so the meta packages are resolved every time.
#
#   KVER      packages from                         meta package
#   (empty)   the host (Debian 12)                  linux-image-amd64
#   6.12      the host (Debian 12)                  linux-image-6.12-amd64
#   rt        the host (Debian 12)                  linux-image-rt-amd64 (PREEMPT_RT)
#   7.3       trixie-backports, trixie build root   linux-image-amd64 (must be 7.3.x)
#   686-pae   the host (Debian 12, i386)            linux-image-686-pae
#   686       the host (Debian 12, i386)            linux-image-686
#   debug     (amd64) built here from linux-source-6.1 with lockdep, KASAN, UBSAN and
#             debug objects (scripts/debug-kernel.sh; `make check-debug`)
#
# A kernel that the host's release does not package is built with its own
# release's compiler: a minimal Debian root made with mmdebstrap (gcc, make,
# sparse, the kernel's headers), cached under .cache/roots/<release> like
# the kernel packages.  `run` enters it with chroot in a private mount
# namespace that shows this tree at the same path.  Its release is recorded
# in .cache/kernels/<release>/buildroot.
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
cache_top=${VPWRAP_CACHE:-$here/.cache}
cache=$cache_top/kernels
roots=$cache_top/roots

apt_updated=
apt_update_once() {
	[ -n "$apt_updated" ] && return
	apt-get update -qq >/dev/null 2>&1 || true
	apt_updated=1
}

# ---- build roots ----

# What the root needs to build (and check) modules; the kernel's headers
# come on top, per kernel.
root_pkgs=make,gcc,sparse,bc,kmod,xz-utils,ca-certificates

# The Debian mirror the host's apt uses (its sources, not a name of ours).
host_mirror() {
	apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
		awk '$2 !~ /-security$/ { print $1; exit }'
}

# ensure_root NAME SUITES: the cached root for Debian release NAME with the
# given suites enabled; prints its directory.
ensure_root() {
	local name=$1 suites=$2 dir=$roots/$1 mirror tmp s srcs
	if [ ! -e "$dir/.done" ]; then
		command -v mmdebstrap >/dev/null || {
			apt_update_once
			DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
				install -y -qq --no-install-recommends mmdebstrap >/dev/null
		}
		mirror=$(host_mirror)
		[ -n "$mirror" ] || { echo "kernel.sh: no Debian mirror in the host's apt sources" >&2; exit 1; }
		tmp=$dir.tmp
		rm -rf "$tmp"
		mkdir -p "$roots"
		echo "kernel.sh: making the $name build root (mmdebstrap)" >&2
		srcs=()
		for s in $suites; do
			srcs+=("deb ${mirror%/} $s main")
		done
		# The package lists stay: resolving reads them.
		mmdebstrap --quiet --variant=apt --include="$root_pkgs" \
			--skip=cleanup/apt/lists "$name" "$tmp" "${srcs[@]}" >&2 ||
			{ rm -rf "$tmp"; echo "kernel.sh: mmdebstrap failed" >&2; exit 1; }
		touch "$tmp/.done"
		rm -rf "$dir"
		mv "$tmp" "$dir"
	fi
	echo "$dir"
}

# in_root DIR CMD...: run CMD inside the root at DIR, with this tree (and
# the current directory) visible at the same paths.
in_root() {
	local dir=$1
	shift
	# shellcheck disable=SC2016
	unshare --mount --propagation private -- sh -c '
		dir=$1 cwd=$PWD
		shift
		for p in "$HERE" "$cwd"; do
			mkdir -p "$dir$p" && mount --bind "$p" "$dir$p" || exit 1
		done
		mount -t proc proc "$dir/proc" || exit 1
		exec chroot "$dir" sh -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
	' in_root "$dir" "$@"
}
export HERE=$here

# ---- resolving ----

dep_of() {
	apt-cache depends "$1" 2>/dev/null |
		sed -n 's/^  Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n1
}

trixie_root() { ensure_root trixie "trixie trixie-backports"; }

backports_version() {
	in_root "$1" apt-cache madison linux-image-amd64 2>/dev/null |
		awk -F' [|] ' '/trixie-backports/ { print $2; exit }'
}

# The newest linux-image-amd64 of trixie-backports, in the trixie root.
resolve_backports() {
	local want=$1 root ver pkg
	root=$(trixie_root)
	ver=$(backports_version "$root")
	if [ -z "$ver" ]; then
		in_root "$root" apt-get update -qq >/dev/null 2>&1 || true
		ver=$(backports_version "$root")
	fi
	[ -n "$ver" ] || { echo "kernel.sh: trixie-backports has no linux-image-amd64" >&2; exit 1; }
	pkg=$(in_root "$root" apt-cache depends "linux-image-amd64=$ver" |
		sed -n 's/^  Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n1)
	case "${pkg#linux-image-}" in
	"$want".*) ;;
	*) echo "kernel.sh: trixie-backports has ${pkg:-nothing}, not $want" >&2; exit 1 ;;
	esac
	mkdir -p "$cache/${pkg#linux-image-}"
	echo trixie >"$cache/${pkg#linux-image-}/buildroot"
	echo "${pkg#linux-image-}"
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
	rt) meta=linux-image-rt-amd64 ;;
	7.3) resolve_backports "$kver"; return ;;
	debug) "$here/scripts/debug-kernel.sh" release; return ;;
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

# The build root a release needs, or nothing for the host.
root_of() {
	local f=$cache/$1/buildroot
	[ -e "$f" ] && echo "$roots/$(cat "$f")"
	return 0
}

# ---- fetching ----

# The packages holding a release's image and modules: linux-image-REL
# itself, or (Debian 13 on) the linux-binary-REL and linux-modules-REL it
# depends on.
image_pkgs() {
	local rel=$1
	shift
	echo "linux-image-$rel"
	"$@" apt-cache depends "linux-image-$rel" 2>/dev/null |
		sed -n "s/^  Depends: \(linux-\(binary\|modules\)-$rel\)\$/\1/p"
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
	local rel dir root tmp run=() vmlinuz moddir p
	rel=$(resolve "${1:-}")
	case "$rel" in
	*-vpdebug-amd64) "$here/scripts/debug-kernel.sh" build; return ;;
	esac
	if [ -n "$(i386_flavour "$rel")" ]; then
		fetch_i386 "$rel"
		return
	fi
	dir=$cache/$rel
	root=$(root_of "$rel")
	if [ -n "$root" ]; then
		run=(in_root "$root")
		[ -e "$root/.done" ] || trixie_root >/dev/null
	fi
	if [ ! -e "$root/lib/modules/$rel/build/Makefile" ] &&
	   [ ! -e "$root/usr/lib/modules/$rel/build/Makefile" ]; then
		[ -n "$root" ] || apt_update_once
		DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get -o DPkg::Lock::Timeout=900 \
			install -y -qq --no-install-recommends "linux-headers-$rel" >/dev/null
	fi
	if [ ! -e "$dir/.done" ]; then
		[ -n "$root" ] || apt_update_once
		rm -rf "$dir/root"
		mkdir -p "$dir"
		tmp=$(mktemp -d "$cache/.dl.XXXXXX")
		for p in $(image_pkgs "$rel" "${run[@]}"); do
			(cd "$tmp" && "${run[@]}" apt-get download -qq "$p" >/dev/null)
		done
		for p in "$tmp"/*.deb; do
			dpkg-deb -x "$p" "$dir/root"
		done
		rm -rf "$tmp"
		vmlinuz=$(find "$dir/root" -name "vmlinuz*" -type f | head -n1)
		moddir=$(find "$dir/root" -maxdepth 4 -type d -path "*/lib/modules/$rel" | head -n1)
		if [ -z "$vmlinuz" ] || [ -z "$moddir" ]; then
			echo "kernel.sh: no kernel image or modules in the packages of $rel" >&2
			exit 1
		fi
		# The package's postinst would run depmod; do it for the cache.
		depmod -b "${moddir%/lib/modules/$rel}" "$rel"
		ln -sfn "${vmlinuz#"$dir"/}" "$dir/vmlinuz"
		ln -sfn "${moddir#"$dir"/}" "$dir/modules"
		touch "$dir/.done"
	fi
	echo "$dir"
}

cmd=${1:-}
shift || true
case "$cmd" in
resolve) resolve "${1:-}" ;;
fetch) fetch "${1:-}" ;;
run)
	rel=$1
	shift
	root=$(root_of "$rel")
	if [ -n "$root" ]; then in_root "$root" "$@"; else "$@"; fi
	;;
*) echo "usage: $0 resolve|fetch [KVER] | run REL CMD..." >&2; exit 2 ;;
esac
