#!/usr/bin/env bash
# kot benchmarks: build, generate 5 years of day files, measure, report.
# See bench/README.md for what is measured and the environment knobs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")

: "${KOT_NOW:=2026-11-23T09:00:00}"
: "${TZ:=Europe/Brussels}"
: "${START:=2021-11-23}"
: "${END:=2026-11-22}"
: "${SEED:=1}"
: "${RUNS:=50}"
: "${TUI_RUNS:=20}"
: "${IDLE_SECONDS:=600}"
: "${IDLE_SCENARIOS:=focus,break}"
: "${STATUS_EVERY:=5}"
: "${MARKER:=kot}"
: "${COLS:=100}"
: "${ROWS:=30}"
: "${VALIDATE:=all}"
: "${FRAME_TIMEOUT:=5}"

if [[ "${1:-}" == "--selftest" ]]; then
    exec python3 "$here/kotbench.py" selftest
fi

if [[ -z "${KOT_BIN:-}" ]]; then
    # What is measured: the commit, "-dirty" with uncommitted changes.
    : "${SOURCE:=$(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)}"
    echo "building kot (release) from $SOURCE …" >&2
    (cd "$repo" && cargo build --release --locked --quiet)
    KOT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/kot"
fi
[[ -x "$KOT_BIN" ]] || { echo "run.sh: $KOT_BIN is not an executable" >&2; exit 1; }
: "${SOURCE:=$KOT_BIN}"

work=$(mktemp -d "${TMPDIR:-/tmp}/kot-bench.XXXXXX")
cleanup() {
    if [[ -n "${KEEP_DATA:-}" ]]; then
        echo "kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# Measure a copy: a rebuild during the run must not swap the binary under us.
cp "$KOT_BIN" "$work/kot-bin"
echo "measuring $KOT_BIN (copied to $work/kot-bin)" >&2
KOT_BIN="$work/kot-bin"

data="$work/kot"
mkdir -m 700 "$data"
echo "generating day files $START .. $END into $data …" >&2
gen_args=(--start "$START" --end "$END" --seed "$SEED" --expected "$work/expected.json")
[[ -n "${NO_BREAKS:-}" ]] && gen_args+=(--no-breaks)
python3 "$here/gen_days.py" "$data" "${gen_args[@]}" >"$work/gen.json"

args=(
    run --bin "$KOT_BIN" --data "$data" --now "$KOT_NOW" --tz "$TZ"
    --gen-summary "$work/gen.json" --expected "$work/expected.json" --validate "$VALIDATE"
    --runs "$RUNS" --tui-runs "$TUI_RUNS" --idle-seconds "$IDLE_SECONDS"
    --idle-scenarios "$IDLE_SCENARIOS" --status-every "$STATUS_EVERY"
    --source "$SOURCE" --marker "$MARKER" --cols "$COLS" --rows "$ROWS" --frame-timeout "$FRAME_TIMEOUT"
)
if [[ -n "${JSON_OUT:-}" ]]; then
    args+=(--json-out "$JSON_OUT")
elif [[ -n "${KEEP_DATA:-}" ]]; then
    args+=(--json-out "$work/results.json")
fi
[[ -n "${BUSY_DATE:-}" ]] && args+=(--busy-date "$BUSY_DATE")
[[ -n "${NO_HYPERFINE:-}" ]] && args+=(--no-hyperfine)

# The machine's floor for a 1 Hz countdown, run beside each idle TUI.
if command -v cc >/dev/null 2>&1 && cc -O2 -o "$work/tick" "$here/floor/tick.c" 2>/dev/null; then
    args+=(--floor-bin "$work/tick")
else
    echo "run.sh: no C compiler, the idle runs are reported without the 1 Hz floor" >&2
fi
python3 "$here/kotbench.py" "${args[@]}"
