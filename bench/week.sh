#!/usr/bin/env bash
# The Week screen's first frame on five years of history (issue 11's target:
# at most 30 ms). Builds the release binary unless KOT_BIN is given, generates
# the history with gen_review.py into a temporary directory, runs weekbench.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "${KOT_BIN:-}" ]; then
    (cd "$here/.." && cargo build --release --locked --quiet)
    KOT_BIN="$here/../target/release/kot"
fi
cp "$KOT_BIN" "$tmp/kot"
python3 "$here/gen_review.py" "$tmp/kot-data" "$tmp/timew" \
    --start 2021-11-23 --end 2026-11-27 >/dev/null
python3 "$here/weekbench.py" "$tmp/kot" "$tmp/kot-data" --runs "${RUNS:-15}" "$@"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
