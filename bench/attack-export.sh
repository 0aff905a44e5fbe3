#!/usr/bin/env bash
# Attack `kot export -o FILE --force` (issue 16, item 3): SIGKILL it N times at
# random moments while it replaces an existing export, and check after every
# kill that FILE is byte for byte the complete old export or the complete new
# one (never a part, never missing), still a regular 0600 file, and that the
# temp files of killed writers do not pile up: each export removes the ones
# left before it, so at most the last writers' temps are ever there, and none
# after one export runs to its end.
#
# Two exports alternate as "old" and "new": the whole journal (A) and its
# first half (B), so every write changes FILE. Odd runs are killed at any
# moment (uniform over 1.2 times an export's own time, measured first); even
# runs are aimed at the write: the script polls (bash builtins, no fork)
# until the temp file appears, then kills uniformly over 1.2 times the
# measured window from there to the end, so the kills land in the write, the
# fsync, the rename and after. Nothing between the poll and the kill forks.
#
# Figures of 2026-12-07 (debug build, 2 shared cores): 200 runs, 149 killed
# before the end, 115 of them while the temp file was there; FILE was the
# complete old export 136 times and the complete new one 64 times, never
# partial; at most 1 temp file after a kill, 0 after a whole export. The
# control EXTRA=--in-place N=40 (not atomic, as documented) gave 4 partial
# files: the checks do catch one.
#
# Usage: bench/attack-export.sh            (N=200 DAYS=730 TEXT_BYTES=4000 SEED=1)
#        KOT_BIN=path/to/kot N=500 bench/attack-export.sh
# Without KOT_BIN it builds and uses the debug binary (the release build
# takes minutes on a shared machine; a slower export only widens the window
# a kill can land in). Exit 0 when every check held, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
: "${N:=200}"
: "${DAYS:=730}"
: "${TEXT_BYTES:=4000}"
: "${SEED:=1}"
# Extra flags for the attacked export: EXTRA=--in-place shows the checks
# catching a write that is not atomic (partial files are then expected).
: "${EXTRA:=}"

if [[ -z "${KOT_BIN:-}" ]]; then
    (cd "$repo" && cargo build --locked --quiet)
    KOT_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/kot"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kot-attack-export.XXXXXX")
cleanup() { [[ -n "${KEEP_DATA:-}" ]] && echo "kept: $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
data="$work/data"
out="$work/out"
mkdir -p "$data" "$out"

# DAYS journal entries of about TEXT_BYTES each, ending 2026-11-20.
python3 - "$data" "$DAYS" "$TEXT_BYTES" "$SEED" <<'EOF'
import datetime as dt, os, random, sys
root, days, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed)
words = ("koffie met Lena, planning rond, review, deploy, #werk, rustig, "
         "focus, vergadering, lunch buiten, te veel calls, goed gesprek").split(", ")
end = dt.date(2026, 11, 20)
for i in range(days):
    d = end - dt.timedelta(days=i)
    text = []
    while sum(len(t) + 1 for t in text) < size:
        text.append(" ".join(rnd.choice(words) for _ in range(12)) + ".")
    path = os.path.join(root, "journal", f"{d.year}", f"{d.isoformat()}.toml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    body = "\n\n".join(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    with open(path, "w") as f:
        f.write(f'date = "{d.isoformat()}"\nmood = {rnd.randint(1, 5)}\ntext = "{body}"\n')
EOF

export KOT_DIR="$data" KOT_NOW=2026-11-23T09:00:00 TZ=Europe/Brussels LANG=C
mid=$(python3 -c "import datetime as d; print(d.date(2026,11,20) - d.timedelta(days=$DAYS // 2))")
"$KOT_BIN" export -o "$work/A.md" >/dev/null
"$KOT_BIN" export --to "$mid" -o "$work/B.md" >/dev/null
cmp -s "$work/A.md" "$work/B.md" && { echo "A and B are the same: nothing to tell apart" >&2; exit 1; }

file="$out/journal.md"
cp "$work/A.md" "$file"
chmod 600 "$file"

us() { echo "${EPOCHREALTIME/./}"; }
# Sleep without a fork (a forked `sleep` takes longer than the write window):
# `read` with a timeout on a pipe nobody writes to.
exec {nap_fd}<> <(:)
nap() { read -rt "$1" -u "$nap_fd" || true; }
seconds() { printf '%d.%06d' $(($1 / 1000000)) $(($1 % 1000000)); }
temps() { find "$out" -maxdepth 1 -name '.kot-*.tmp' | wc -l; }
# The write has begun: a temp file is there (or, --in-place, FILE was emptied).
writing() { compgen -G "$out/.kot-*.tmp" >/dev/null || [[ ! -s "$file" ]]; }

# Start `kot export ARGS -o FILE --force`; wait (busy, no fork) until its write
# begins or it ends. Sets pid, and appeared (microseconds, 0 if never).
start_export() {
    # shellcheck disable=SC2086 # EXTRA is words
    "$KOT_BIN" export "$@" -o "$file" --force $EXTRA >/dev/null 2>&1 &
    pid=$!
    appeared=0
    while kill -0 "$pid" 2>/dev/null; do
        if writing; then
            appeared=$(us)
            return
        fi
    done
}

# Calibration, 5 whole exports: the time one takes, and the time from the
# start of its write to its end (the window where it writes and renames).
totals=() windows=()
for _ in 1 2 3 4 5; do
    t0=$(us)
    start_export
    wait "$pid"
    t1=$(us)
    totals+=($((t1 - t0)))
    ((appeared > 0)) && windows+=($((t1 - appeared)))
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
t_export=$(median "${totals[@]}")
t_write=$(median "${windows[@]:-0}")
cp "$work/A.md" "$file"

RANDOM=$SEED
killed=0 finished=0 kept_old=0 got_new=0 bad=0 max_temps=0 temp_sum=0 in_write=0
for ((i = 1; i <= N; i++)); do
    if cmp -s "$file" "$work/A.md"; then
        old="$work/A.md" new="$work/B.md" args=(--to "$mid")
    else
        old="$work/B.md" new="$work/A.md" args=()
    fi
    r=$(((RANDOM << 15) | RANDOM))
    if ((i % 2)); then
        # Any moment: uniform over 1.2 times an export's time.
        delay=$(seconds $((t_export * 12 / 10 * r / 1073741823)))
        # shellcheck disable=SC2086 # EXTRA is words
        "$KOT_BIN" export "${args[@]}" -o "$file" --force $EXTRA >/dev/null 2>&1 &
        pid=$!
        nap "$delay"
    else
        # Aimed at the write: once it has begun, uniform over the window it
        # is written, synced and renamed in.
        delay=$(seconds $((t_write * 12 / 10 * r / 1073741823)))
        start_export "${args[@]}"
        nap "$delay"
        ((appeared > 0)) && in_write=$((in_write + 1))
    fi
    kill -KILL "$pid" 2>/dev/null || true
    if { wait "$pid"; } 2>/dev/null; then
        finished=$((finished + 1))
    else
        killed=$((killed + 1))
    fi
    if [[ ! -f "$file" || -L "$file" ]]; then
        echo "run $i: $file is missing or not a regular file" >&2
        bad=$((bad + 1))
        cp "$old" "$file"
    elif cmp -s "$file" "$old"; then
        kept_old=$((kept_old + 1))
    elif cmp -s "$file" "$new"; then
        got_new=$((got_new + 1))
    else
        echo "run $i: $file is neither the old nor the new export ($(wc -c <"$file") bytes)" >&2
        bad=$((bad + 1))
        cp "$old" "$file"
    fi
    mode=$(stat -c %a "$file")
    if [[ "$mode" != 600 ]]; then
        echo "run $i: mode $mode" >&2
        bad=$((bad + 1))
    fi
    n=$(temps)
    temp_sum=$((temp_sum + n))
    ((n > max_temps)) && max_temps=$n
done

# One export left to finish cleans up after every killed one.
"$KOT_BIN" export -o "$file" --force >/dev/null
left=$(temps)
cmp -s "$file" "$work/A.md" || { echo "the last export is not the full journal" >&2; bad=$((bad + 1)); }
((left == 0)) || { echo "$left temp files left after a whole export" >&2; bad=$((bad + 1)); }

size=$(wc -c <"$work/A.md")
printf 'kot export -o FILE --force%s, SIGKILLed at random: %s (%s)\n' "${EXTRA:+ $EXTRA}" "$KOT_BIN" "$("$KOT_BIN" --version 2>/dev/null || true)"
printf '  runs                      %d: %d at any moment, %d aimed at the write (%d saw the write begin)\n' \
    "$N" "$(((N + 1) / 2))" "$((N / 2))" "$in_write"
printf '  export                    %d days, %d bytes, %d ms, of which %d ms from the start of the write to the end\n' \
    "$DAYS" "$size" "$((t_export / 1000))" "$((t_write / 1000))"
printf '  killed before the end     %d\n' "$killed"
printf '  finished before the kill  %d\n' "$finished"
printf '  FILE the complete old     %d\n' "$kept_old"
printf '  FILE the complete new     %d\n' "$got_new"
printf '  FILE partial/missing/mode %d\n' "$bad"
printf '  temp files after a kill   max %d, in all %d over %d runs\n' "$max_temps" "$temp_sum" "$N"
printf '  temp files after one whole export  %d\n' "$left"
((bad == 0))
