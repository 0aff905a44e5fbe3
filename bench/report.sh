#!/usr/bin/env bash
# `kot report` benchmarks, side by side with timewarrior: build kot (release),
# install timewarrior when missing (apt), generate five years of days and
# journal entries for kot and the same work intervals for timew
# (gen_review.py), then time `kot report --week` / `--year` and `timew
# summary` of the same week / year. Targets (issue 11): week <= 10 ms, year
# <= 75 ms. hyperfine is used when installed, else a loop with date +%s%N.
#
#   bench/report.sh                  # build, generate, measure
#   KOT_BIN=path/to/kot bench/report.sh
#   RUNS=50 KEEP_DATA=1 bench/report.sh
#
# Not part of .ci/run. Nothing is written outside a temporary directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
: "${RUNS:=30}"
: "${START:=2021-11-23}"
: "${END:=2026-11-22}"
: "${SEED:=1}"
# A complete week and a complete year of the generated history; kot's today
# is the Monday after it ends.
: "${WEEK:=2026-11-16}"
: "${YEAR:=2025}"
: "${NOW:=2026-11-23T09:00:00}"

if [[ -z "${KOT_BIN:-}" ]]; then
    echo "building kot (release) …" >&2
    (cd "$repo" && cargo build --release --locked --quiet)
    KOT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/kot"
fi

if ! command -v timew >/dev/null; then
    echo "installing timewarrior …" >&2
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y -qq timewarrior >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq timewarrior >/dev/null 2>&1; } \
            || true
    fi
    command -v timew >/dev/null || echo "timewarrior could not be installed: kot alone" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kot-report-bench.XXXXXX")
cleanup() { [[ -n "${KEEP_DATA:-}" ]] && echo "kept: $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
cp "$KOT_BIN" "$work/kot"

echo "generating $START .. $END …" >&2
python3 "$here/gen_review.py" "$work/kot-data" "$work/timew" \
    --start "$START" --end "$END" --seed "$SEED" >"$work/summary.json"
cat "$work/summary.json" >&2

export KOT_DIR="$work/kot-data" KOT_NOW="$NOW" TZ=Europe/Brussels LANG=C.UTF-8
export TIMEWARRIORDB="$work/timew"
unset KOT_TIME_SCALE NO_COLOR

week_end=$(date -d "$WEEK + 7 days" +%F)
year_next=$((YEAR + 1))
names=(kot_week kot_year kot_year_json)
cmds=(
    "$work/kot report --week --date $WEEK"
    "$work/kot report --year --date $YEAR-06-01"
    "$work/kot report --year --date $YEAR-06-01 --format json"
)
if command -v timew >/dev/null; then
    names+=(timew_week timew_year)
    cmds+=(
        "timew summary $WEEK - $week_end"
        "timew summary $YEAR-01-01 - $year_next-01-01"
    )
fi

# Every command must work before it is timed.
for c in "${cmds[@]}"; do
    $c >/dev/null || { echo "failed: $c" >&2; exit 1; }
done

# Median and mean in ms of one command, RUNS runs after 3 warm-ups.
measure() {
    local name=$1 cmd=$2
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/$name.json" "$cmd" >/dev/null 2>&1
        python3 - "$work/$name.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{r['median'] * 1000:.1f} {r['mean'] * 1000:.1f} {(r['user'] + r['system']) * 1000:.1f}")
EOF
    else
        for _ in 1 2 3; do $cmd >/dev/null; done
        local times=()
        for _ in $(seq "$RUNS"); do
            local t0 t1
            t0=$(date +%s%N)
            $cmd >/dev/null
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '
            { v[NR] = $1; s += $1 }
            END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                  printf "%.1f %.1f -\n", m / 1000, s / NR / 1000 }'
    fi
}

declare -A median mean cpu
for i in "${!names[@]}"; do
    read -r md mn cp < <(measure "${names[$i]}" "${cmds[$i]}")
    median[${names[$i]}]=$md
    mean[${names[$i]}]=$mn
    cpu[${names[$i]}]=$cp
done

tool=$(command -v hyperfine >/dev/null && hyperfine --version || echo "date +%s%N loop")
echo
echo "kot $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'), $RUNS runs each ($tool)"
echo "history: $START .. $END; week of $WEEK, year $YEAR"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (CPU ms: user + system, all threads)"
printf '%-16s %10s %10s %10s %10s  %s\n' measure "median ms" "mean ms" "CPU ms" target verdict
row() {
    local name=$1 target=${2:-}
    [[ -n "${median[$name]:-}" ]] || return 0
    local verdict=""
    if [[ -n "$target" ]]; then
        verdict=$(awk -v m="${median[$name]}" -v t="$target" 'BEGIN { print (m <= t) ? "ok" : "OVER" }')
    fi
    printf '%-16s %10s %10s %10s %10s  %s\n' "$name" "${median[$name]}" "${mean[$name]}" "${cpu[$name]}" "$target" "$verdict"
}
row kot_week 10
row timew_week
row kot_year 75
row kot_year_json 75
row timew_year

# The same work on both sides: the year's worked time by each.
kot_min=$("$work/kot" report --year --date "$YEAR-06-01" --format json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["worked_minutes"])')
echo
echo "worked in $YEAR: kot $((kot_min / 60))h$(printf '%02d' $((kot_min % 60)))"
if command -v timew >/dev/null; then
    echo "             timew $(timew summary "$YEAR-01-01" - "$year_next-01-01" | awk 'NF == 1 && /:/ { t = $1 } END { print t }') (kot counts whole minutes a day)"
fi
