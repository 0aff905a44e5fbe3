#!/usr/bin/env bash
# The release binary's size against issue 8's goal (at most 3,000,000
# bytes): build it (cargo build --release --locked) unless KOT_BIN names a
# binary, print its size and its largest sections, exit 1 above the goal.
#
#   bench/size.sh
#   KOT_BIN=path/to/kot bench/size.sh
#   GOAL=2900000 bench/size.sh
#
# Needs `size` (binutils). Not part of .ci/run: a release build takes minutes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
: "${GOAL:=3000000}"

if [[ -z "${KOT_BIN:-}" ]]; then
    echo "building kot (release) …" >&2
    (cd "$repo" && cargo build --release --locked --quiet)
    KOT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/kot"
fi
[[ -f "$KOT_BIN" ]] || { echo "size: no binary at $KOT_BIN" >&2; exit 2; }

bytes=$(stat -c %s "$KOT_BIN")
if ((bytes > GOAL)); then margin="$((bytes - GOAL)) over"; else margin="$((GOAL - bytes)) to spare"; fi
echo "$KOT_BIN: $bytes bytes (goal <= $GOAL: $margin)"
echo
echo "largest sections (bytes):"
# size -A: a header, then "name size addr", then Total; largest first.
size -A "$KOT_BIN" | awk 'NR > 2 && $1 != "Total" && NF >= 2 { print $2, $1 }' \
    | sort -rn | head -n 8 | awk '{ printf "  %-20s %10d\n", $2, $1 }'
if size -A "$KOT_BIN" | grep -q '^\.eh_frame '; then
    echo "  (unwind tables kept: KOT_KEEP_UNWIND_TABLES, mold, or not linux-gnu; see build.rs)"
fi

if ((bytes > GOAL)); then
    echo "size: $bytes bytes is above the goal of $GOAL" >&2
    exit 1
fi
