#!/bin/bash
# The INF corpus (tests/unit/inf/corpus/CASE): every case is a driver disk
# in one of the shapes real disks come in, a vpwrap command, and what that
# command must do, byte for byte.  Sourced by tests/suites/42-tools-inspect.sh
# (needs tests/lib.sh's pass/fail).
#
#   CASE/disk/          the disk (INFs written for these tests from the INF
#                       syntax documentation; symlinks share another case's)
#   CASE/images         "PATH ARCH" lines: a built miniport (vpbochs.sys of
#                       miniports/out/ARCH) is copied to PATH on the disk,
#                       with PATH appended so that every image differs (and
#                       its PE checksum made right again)
#   CASE/cmd            the vpwrap arguments, run from the case's folder
#   CASE/expected/rc, stdout, stderr
#   CASE/expected/root/ every text file the command must write, as it must
#                       read; nothing else may be written
#   CASE/expected/images "INSTALLED DISK-FILE" lines: an installed image and
#                       the disk file it must be a copy of
#
# corpus_run VPWRAP MINIPORTS_OUT WORKDIR [--update]: one PASS/FAIL per case.
# --update rewrites expected/ from what the command did (review the diff).

corpus_case() {
	local c=$1 v=$2 mp=$3 w=$4 update=$5 name why=
	name=$(basename "$c")
	rm -rf "$w" && mkdir -p "$w" && cp -rL "$c/disk" "$w/disk"
	if [ -f "$c/images" ]; then
		while read -r path arch; do
			mkdir -p "$(dirname "$w/$path")"
			cp "$mp/$arch/vpbochs.sys" "$w/$path"
			printf '%s' "$path" >>"$w/$path"
			python3 "$ROOT/scripts/pe_checksum.py" fix "$w/$path"
		done <"$c/images"
	fi
	# shellcheck disable=SC2046
	(cd "$w" && "$v" $(cat "$c/cmd") >stdout 2>stderr; echo $? >rc)
	if [ "$update" = --update ]; then
		rm -rf "$c/expected" && mkdir -p "$c/expected"
		cp "$w/rc" "$w/stdout" "$w/stderr" "$c/expected/"
		if [ -d "$w/root" ]; then
			(cd "$w/root" && find . -type f ! -name '*.sys' | while read -r f; do
				mkdir -p "$c/expected/root/$(dirname "$f")"
				cp "$f" "$c/expected/root/$f"
			done)
			(cd "$w" && find root -type f -name '*.sys' | sort | while read -r f; do
				src=$(find disk -type f -name '*.sys' | sort | while read -r d; do
					cmp -s "$f" "$d" && echo "$d" && break; done)
				echo "$f ${src:-?}"
			done) >"$c/expected/images"
			[ -s "$c/expected/images" ] || rm "$c/expected/images"
		fi
		return
	fi
	for f in rc stdout stderr; do
		cmp -s "$c/expected/$f" "$w/$f" ||
			why="$why $f differs: $(diff "$c/expected/$f" "$w/$f" | grep -m1 '^[<>]')"
	done
	local want got
	want=$( { [ -d "$c/expected/root" ] && (cd "$c/expected/root" && find . -type f)
		  [ -f "$c/expected/images" ] && cut -d' ' -f1 "$c/expected/images" | sed 's|^root|.|'; } | sort)
	got=$([ -d "$w/root" ] && (cd "$w/root" && find . -type f) | sort)
	[ "$want" = "$got" ] || why="$why written files differ: got [$(echo $got)], want [$(echo $want)]"
	if [ -d "$c/expected/root" ]; then
		while read -r f; do
			cmp -s "$c/expected/root/$f" "$w/root/$f" ||
				why="$why $f differs: $(diff "$c/expected/root/$f" "$w/root/$f" 2>&1 | grep -m1 '^[<>]')"
		done < <(cd "$c/expected/root" && find . -type f)
	fi
	if [ -f "$c/expected/images" ]; then
		while read -r inst src; do
			cmp -s "$w/$inst" "$w/$src" || why="$why $inst is not a copy of $src"
		done <"$c/expected/images"
	fi
	if [ -z "$why" ]; then
		pass "install corpus: $name"
	else
		fail "install corpus: $name" "$why (see $w)"
	fi
}

corpus_run() {
	local v=$1 mp=$2 w=$3 update=$4 c
	for c in "$ROOT"/tests/unit/inf/corpus/*/; do
		corpus_case "${c%/}" "$v" "$mp" "$w/$(basename "$c")" "$update"
	done
}
