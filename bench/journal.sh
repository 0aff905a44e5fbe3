#!/usr/bin/env bash
# kot journal benchmarks, side by side with jrnl: build kot (release), install
# jrnl into a venv made here (skipped, and said so, when pip cannot), generate
# five years of entries for both, measure, report. See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
: "${RUNS:=20}"
: "${JRNL_RUNS:=5}"
: "${DAYS:=1826}"
: "${START:=2021-11-23}"
: "${SEED:=1}"

if [[ -z "${KOT_BIN:-}" ]]; then
    echo "building kot (release) …" >&2
    (cd "$repo" && cargo build --release --locked --quiet)
    KOT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/kot"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kot-journal-bench.XXXXXX")
cleanup() { [[ -n "${KEEP_DATA:-}" ]] && echo "kept: $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
cp "$KOT_BIN" "$work/kot-bin"

jrnl_args=()
if [[ -n "${JRNL_BIN:-}" ]]; then
    jrnl_args=(--jrnl "$JRNL_BIN")
elif [[ -z "${NO_JRNL:-}" ]]; then
    echo "installing jrnl into a venv …" >&2
    if python3 -m venv "$work/venv" >/dev/null 2>&1 \
        && "$work/venv/bin/pip" install --quiet jrnl >"$work/pip.log" 2>&1; then
        jrnl_args=(--jrnl "$work/venv/bin/jrnl")
        echo "jrnl: $("$work/venv/bin/jrnl" --version 2>&1 | head -1)" >&2
    else
        echo "jrnl could not be installed (see below); measuring kot alone" >&2
        tail -3 "$work/pip.log" >&2 || true
    fi
fi

out_args=()
[[ -n "${NO_DAYS:-}" ]] && out_args+=(--no-days)
[[ -n "${JSON_OUT:-}" ]] && out_args+=(--json-out "$JSON_OUT")
python3 "$here/journalbench.py" --kot "$work/kot-bin" --work "$work" \
    --runs "$RUNS" --jrnl-runs "$JRNL_RUNS" --days "$DAYS" --start "$START" --seed "$SEED" \
    "${jrnl_args[@]}" "${out_args[@]}"
