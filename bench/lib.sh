# Shared by bench/run.sh, profile.sh and trace.sh (sourced; needs KCACHE).
# Which driver drives which QEMU device, and how a boot loads it.

declare -A NATIVE=([std]=bochs [cirrus]=cirrus)
declare -A MINIPORT=([std]=vpbochs.sys [cirrus]=vpcirrus.sys)

# stock_deps KO: the stock modules KO needs, space separated.
stock_deps() {
	modinfo -F depends "$1" 2>/dev/null | tr ',' ' '
}

# driver_setup DEVICE DRIVER: sets MODS (for vmrun --modules), LOAD (the
# timed command), PRELOAD (its stock dependencies, loaded untimed so that
# load time and memory are the driver's own: the VM harness preloads
# vpwrap's anyway) and appends the miniport to the array ARGS.
driver_setup() {
	local dev=$1 drv=$2 ko
	if [ "$drv" = native ]; then
		ko=$(find "$KCACHE/modules/" -name "${NATIVE[$dev]}.ko*" | head -n 1)
		MODS=drm,drm_kms_helper,${NATIVE[$dev]}
		LOAD="modprobe ${NATIVE[$dev]}"
		# Like for like: vpwrap.ko as built here is unsigned, and checking
		# Debian's signature is most of the native module's load time, so
		# the native module goes in without it (over vmrun's copy).
		local rel=${ko#"$KCACHE/modules/"} unsigned
		rel=${rel%.xz}
		rel=${rel%.zst}
		unsigned=$OUT/unsigned/${rel##*/}
		mkdir -p "$OUT/unsigned"
		if python3 bench/unsign.py "$ko" "$unsigned"; then
			ARGS+=(--add "$unsigned:/lib/modules/$KREL/$rel")
		fi
	else
		ko=$VPWRAP_KO
		MODS=drm,drm_kms_helper
		LOAD="modprobe vpwrap miniport=/${MINIPORT[$dev]}"
		ARGS+=(--add "miniports/out/x86_64/${MINIPORT[$dev]}:/${MINIPORT[$dev]}")
	fi
	PRELOAD=$(stock_deps "$ko")
}

# after_bench_setup: for the one-boot tools run after make bench (profile.sh,
# trace.sh): sets OUT, KCACHE, KREL and VPWRAP_KO (make bench's stripped
# module), builds the guest programs into $OUT/guest.
after_bench_setup() {
	OUT=$ROOT/out/bench
	KCACHE=$(scripts/kernel.sh fetch "${KVER:-}")
	KREL=$(basename "$KCACHE")
	VPWRAP_KO=$OUT/vpwrap.ko
	export KCACHE KREL VPWRAP_KO
	# Measure the kernel as users run it: without the test suite's memory checks.
	export VPWRAP_VM_DEBUG=0
	make -s -C bench/guest OUT="$OUT/guest" >/dev/null
}
