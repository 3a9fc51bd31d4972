#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The layer graph of the module, from its includes: one line per pair of
# directories, "from -> to (N includes)", for every #include "dir/..." in a
# file of the module's directories.  "vpwrap/..." headers are include/.
#
#   scripts/layers.sh          print the graph
#   scripts/layers.sh --check  also name every include that points up and
#                              exit 1 if there is one
#
# The layers, top to bottom: wrapper composes everything; drm-glue sits on
# videoport's adapter interface; videoport is the Windows side; pe-loader
# knows the PE format only; include/ holds what every layer may use
# (kernel-version differences, the version).  An include may point to its
# own layer or to one below it.
cd "$(dirname "$0")/.." || exit 2
LAYERS="include pe-loader videoport drm-glue wrapper"

grep -rHE --include='*.[chS]' '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"/]+/' \
	$LAYERS 2>/dev/null | grep -v '^pe-loader/user/' |
awk -v layers="$LAYERS" -v check="$1" '
BEGIN { n = split(layers, l, " "); for (i = 1; i <= n; i++) rank[l[i]] = i }
{
	split($0, f, ":"); from = f[1]; sub("/.*", "", from)
	to = $0; sub(/^[^"]*"/, "", to); sub("/.*", "", to)
	if (to == "vpwrap") to = "include"
	if (!(to in rank)) next
	edge[from " -> " to]++
	if (rank[to] > rank[from]) { up[++nup] = f[1] ": " to }
}
END {
	for (e in edge) printf "%s (%d includes)\n", e, edge[e] | "sort"
	close("sort")
	if (check == "--check") {
		for (i = 1; i <= nup; i++) print "upward include: " up[i]
		exit nup > 0
	}
}'
