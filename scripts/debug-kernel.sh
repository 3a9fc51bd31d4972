#!/bin/bash
# The debug kernel of `make check-debug`: Debian 12's linux-source-6.1 built
# with lockdep, KASAN, UBSAN and debug objects (tinyconfig plus
# scripts/debug-kernel.config), cached under .cache/kernels/<release> in the
# layout scripts/kernel.sh gives Debian's packaged kernels, so the VM suites
# boot it like any other (KVER=debug).
#
#   scripts/debug-kernel.sh release   its release (6.1.N-vpdebug-amd64), from
#                                     apt's candidate, without building
#   scripts/debug-kernel.sh build     build it unless cached; prints the cache
#                                     directory
#
# The build takes about half an hour on two cores; it happens once per
# linux-source-6.1 revision.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache_top=${VPWRAP_CACHE:-$here/.cache}
cache=$cache_top/kernels
src=$cache_top/src
fragment=$here/scripts/debug-kernel.config

candidate() {
	local v
	v=$(apt-cache policy linux-source-6.1 2>/dev/null | sed -n 's/^ *Candidate: //p')
	if [ -z "$v" ] || [ "$v" = "(none)" ]; then
		apt-get update -qq >/dev/null 2>&1 || true
		v=$(apt-cache policy linux-source-6.1 2>/dev/null | sed -n 's/^ *Candidate: //p')
	fi
	if [ -z "$v" ] || [ "$v" = "(none)" ]; then
		echo "debug-kernel.sh: apt knows no linux-source-6.1" >&2
		exit 1
	fi
	echo "$v"
}

release() {
	local v
	v=$(candidate)
	echo "${v%-*}-vpdebug-amd64"
}

# The unpacked source of linux-source-6.1 version $1; prints its directory.
source_tree() {
	local v=$1 tree=$src/linux-source-6.1_$1 tmp
	if [ ! -e "$tree/.done" ]; then
		echo "debug-kernel.sh: fetching linux-source-6.1 $v" >&2
		mkdir -p "$src"
		tmp=$(mktemp -d "$src/.dl.XXXXXX")
		(cd "$tmp" && apt-get download -qq "linux-source-6.1=$v" >/dev/null 2>&1) ||
			{ rm -rf "$tmp"; echo "debug-kernel.sh: cannot download linux-source-6.1 $v" >&2; exit 1; }
		dpkg-deb --fsys-tarfile "$tmp"/linux-source-6.1_*.deb |
			tar -xf - -C "$tmp" ./usr/src/linux-source-6.1.tar.xz
		tar -xJf "$tmp/usr/src/linux-source-6.1.tar.xz" -C "$tmp"
		rm -rf "$tree"
		mv "$tmp/linux-source-6.1" "$tree"
		rm -rf "$tmp"
		touch "$tree/.done"
	fi
	echo "$tree"
}

build() {
	local v rel dir tree obj opt got
	v=$(candidate)
	rel=${v%-*}-vpdebug-amd64
	dir=$cache/$rel
	# A changed fragment reconfigures and rebuilds what it touches.
	if [ ! -e "$dir/.done" ] || ! cmp -s "$fragment" "$dir/fragment"; then
		rm -f "$dir/.done"
		for p in flex bison libelf-dev libssl-dev bc; do
			dpkg -s "$p" >/dev/null 2>&1 && continue
			DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
				install -y -qq --no-install-recommends flex bison libelf-dev libssl-dev bc >/dev/null
			break
		done
		tree=$(source_tree "$v")
		obj=$dir/obj
		mkdir -p "$obj"
		echo "debug-kernel.sh: building $rel in $obj" >&2
		make -s -C "$tree" O="$obj" ARCH=x86_64 tinyconfig >&2
		"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" >/dev/null
		make -s -C "$tree" O="$obj" ARCH=x86_64 olddefconfig >&2
		# every option the fragment sets must have survived olddefconfig
		while read -r opt; do
			grep -qxF "$opt" "$obj/.config" ||
				{ echo "debug-kernel.sh: $opt did not stick (dependencies?)" >&2; exit 1; }
		done < <(grep -E '^CONFIG_' "$fragment")
		make -s -C "$tree" O="$obj" ARCH=x86_64 -j"$(nproc)" bzImage modules >&2
		# known only once the build has written include/config/auto.conf
		got=$(make -s -C "$tree" O="$obj" ARCH=x86_64 kernelrelease)
		[ "$got" = "$rel" ] ||
			{ echo "debug-kernel.sh: built release $got, expected $rel" >&2; exit 1; }
		rm -rf "$dir/root"
		make -s -C "$tree" O="$obj" ARCH=x86_64 INSTALL_MOD_PATH="$dir/root" INSTALL_MOD_STRIP=1 \
			modules_install >&2
		ln -sfn obj/arch/x86/boot/bzImage "$dir/vmlinuz"
		ln -sfn "root/lib/modules/$rel" "$dir/modules"
		cp "$fragment" "$dir/fragment"
		touch "$dir/.done"
	fi
	if [ "$(readlink -f "/lib/modules/$rel/build")" != "$(readlink -f "$dir/obj")" ]; then
		mkdir -p "/lib/modules/$rel"
		ln -sfn "$(readlink -f "$dir/obj")" "/lib/modules/$rel/build"
	fi
	echo "$dir"
}

case "${1:-}" in
release) release ;;
build) build ;;
*) echo "usage: $0 release|build" >&2; exit 2 ;;
esac
