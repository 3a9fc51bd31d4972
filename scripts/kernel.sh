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
#
# A kernel that the host's release does not package is built with its own
# release's compiler: a minimal Debian root made with mmdebstrap (gcc, make,
# sparse, the kernel's headers), cached under .cache/roots/<release> like
# the kernel packages.  `run` enters it with chroot in a private mount
# namespace that shows this tree at the same path.  Its release is recorded
# in .cache/kernels/<release>/buildroot.
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

resolve() {
	local kver=${1:-} meta pkg
	case "$kver" in
	"") meta=linux-image-amd64 ;;
	rt) meta=linux-image-rt-amd64 ;;
	7.3) resolve_backports "$kver"; return ;;
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

fetch() {
	local rel dir root tmp run=() vmlinuz moddir p
	rel=$(resolve "${1:-}")
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
