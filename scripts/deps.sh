#!/bin/bash
# Install what building and testing vpwrap needs on Debian 12, once.
set -euo pipefail
pkgs=(
	build-essential make gcc bc flex bison libelf-dev kmod cpio xz-utils zstd
	python3 qemu-system-x86 qemu-utils busybox-static socat
	gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 binutils-mingw-w64-x86-64 binutils-mingw-w64-i686
	sparse libcmocka-dev clang libclang-rt-14-dev lld llvm
	libdrm-dev libdrm-tests pkg-config openssl
	libx86emu-dev gcc-multilib
	# suite 72: the X.Org server (modesetting), xkbcomp, xrandr, xsetroot, xwininfo, xterm
	xserver-xorg-core x11-xkb-utils x11-xserver-utils x11-utils xterm
)
# The i386 suites take Debian's 32-bit kernel and busybox from the i386
# archive (scripts/kernel.sh), unpacked, not installed; gcc-multilib builds
# their static -m32 guest programs.  Installed from i386: libx86emu (below).
updated=
if ! dpkg --print-foreign-architectures | grep -qx i386; then
	dpkg --add-architecture i386
	# The i386 security index is at times inconsistent on the mirror: an
	# update that fails on it still brings the rest.
	apt-get -o DPkg::Lock::Timeout=900 update -qq || true
	updated=1
fi
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	[ -n "$updated" ] || apt-get -o DPkg::Lock::Timeout=900 update -qq || true
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The i386 video BIOS helper (suite 65 on i386) links Debian's i386
# libx86emu, installed beside the amd64 one (multiarch, with libc6:i386).
# Its libc6 must be the amd64 one's exact version: when the i386 index lags
# the install fails, and only that helper's build says so.
if ! dpkg-query -W -f='${Status}' libx86emu-dev:i386 2>/dev/null | grep -q "ok installed"; then
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
		--no-install-recommends libx86emu-dev:i386 >/dev/null ||
		echo "deps: libx86emu-dev:i386 not installed: the i386 Int10 helper cannot be built"
fi
