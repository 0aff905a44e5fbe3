#!/usr/bin/env bash
# The floor under the countdown's CPU target: a C program that does nothing but
# wake once a second and write a clock (11 bytes) to a pseudo-terminal, measured
# as kotbench measures kot (schedstat run time of all threads). What it costs on
# a machine is what any 1 Hz countdown costs there at the least; kot's figure
# means something only beside it. Usage: bench/floor/run.sh [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/tick" "$here/tick.c"
python3 "$here/measure.py" "$tmp/tick" "${1:-60}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
