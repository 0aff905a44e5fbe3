#!/usr/bin/env bash
# Attack `kot import jrnl` with SIGKILL (issue 16, item 6): generate a large
# jrnl journal (plain text, and jrnl's JSON export of the same entries), then
# start an import of one of them (chosen at random) and SIGKILL it at a random
# moment within the time a whole import takes, until KILLS kills landed (an import that
# finished first starts the journal over, so kills keep landing in writes,
# and a killed one leaves the next a half-imported mix of text and JSON
# entries to complete). After each run:
# `kot config check` must read every file (0 corrupt files). At the end two
# complete imports (text, then JSON) must leave every entry exactly once.
#
#   bench/attack-import.sh                 # debug build in target/, 200 kills
#   KILLS=50 ENTRIES=3000 bench/attack-import.sh
#   KOT_BIN=target/release/kot SEED=7 KEEP_DATA=1 bench/attack-import.sh
#
# Repeatable: the journal and the kill moments come from SEED. Prints one
# summary line per figure; exits 1 if any check failed. Not part of .ci/run.
# Nothing is written outside a temporary directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
: "${KILLS:=200}"
: "${ENTRIES:=1000}"
: "${SEED:=1}"
: "${KOT_BIN:=${CARGO_TARGET_DIR:-$repo/target}/debug/kot}"
[[ -x "$KOT_BIN" ]] || { echo "no kot binary at $KOT_BIN (cargo build, or set KOT_BIN)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kot-attack-import.XXXXXX")
cleanup() { [[ -n "${KEEP_DATA:-}" ]] && echo "kept: $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
# A copy: a cargo build during the attack must not swap the binary under it.
cp "$KOT_BIN" "$work/kot"
KOT_BIN="$work/kot"
export KOT_DIR="$work/data" KOT_NOW="2026-11-23T09:00:00" TZ="Europe/Brussels" LANG=C.UTF-8
unset NO_COLOR KOT_TIME_SCALE || true

# The journal: ENTRIES entries over about four years, some two in one minute
# (a shorter one after a longer one: the substring case), stars, jrnl tags
# with punctuation, bodies with blank lines. Each entry holds a unique token
# `tok<n>` once, to count it afterwards.
python3 - "$work" "$ENTRIES" "$SEED" <<'PY'
import datetime, json, random, sys
work, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
words = "koffie plan review deploy lunch walk mail call focus write read fix".split()
tags = ["@work", "@C++", "@C#", "@OS/2", "@home", "@idea"]
t = datetime.datetime(2022, 1, 3, 8, 0)
entries = []
for i in range(n):
    if i % 7 != 3:  # every seventh entry shares the minute of the one before
        t += datetime.timedelta(minutes=rnd.randint(30, 1500))
    title = f"Entry tok{i} {rnd.choice(words)}."
    paras = [" ".join(rnd.choice(words) for _ in range(rnd.randint(3, 12)))
             + (" " + rnd.choice(tags) if rnd.random() < 0.4 else "")
             for _ in range(rnd.randint(0, 3))]
    entries.append((t, title, paras, rnd.random() < 0.1))
with open(f"{work}/journal.txt", "w") as f:
    for t, title, paras, star in entries:
        f.write(f"[{t:%Y-%m-%d %H:%M}] {title}{' *' if star else ''}\n")
        if paras:
            f.write("\n" + "\n\n".join(paras) + "\n")
        f.write("\n")
export = {"tags": {}, "entries": [
    {"title": title, "body": "\n\n".join(paras), "date": f"{t:%Y-%m-%d}",
     "time": f"{t:%H:%M}", "tags": [], "starred": star}
    for t, title, paras, star in entries]}
with open(f"{work}/journal.json", "w") as f:
    json.dump(export, f, indent=2)
PY

"$KOT_BIN" config check >/dev/null 2>&1 || true  # creates the data directory

# How long one whole import takes, in a throwaway directory: the kill moments
# are spread over it.
start=$(date +%s%N)
KOT_DIR="$work/timing" "$KOT_BIN" import jrnl "$work/journal.txt" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -rf "$work/timing"
echo "journal: $ENTRIES entries; one whole import: ${full_ms} ms; kot: $KOT_BIN" >&2

RANDOM=$SEED
killed=0 finished=0 corrupt_runs=0 other_failures=0 temps_max=0 status=137
# Ends on a kill, so the final import below always completes a half-done one.
for ((run = 1; killed < KILLS; run++)); do
    ((run > 5 * KILLS)) && { echo "only $killed kills landed in $run runs" >&2; exit 1; }
    if ((status == 0)); then
        # Nothing left to import would make the next runs no-ops: start the
        # journal over so the next kill lands in writes again.
        rm -rf "$KOT_DIR/journal"
    fi
    file="$work/journal.txt"
    ((RANDOM % 2)) && file="$work/journal.json"
    delay_ms=$(( (RANDOM * 32768 + RANDOM) % (full_ms + 1) ))
    "$KOT_BIN" import jrnl "$file" >"$work/out" 2>"$work/err" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null || true
    status=0
    wait "$pid" 2>/dev/null || status=$?
    if ((status == 0)); then
        finished=$((finished + 1))
    elif ((status == 137)); then
        killed=$((killed + 1))
    else
        other_failures=$((other_failures + 1))
        echo "run $run: import exited $status: $(head -c 300 "$work/err")" >&2
    fi
    temps=$(find "$KOT_DIR" -name '.kot-*.tmp' 2>/dev/null | wc -l)
    ((temps > temps_max)) && temps_max=$temps
    if ! "$KOT_BIN" config check >"$work/check" 2>&1; then
        corrupt_runs=$((corrupt_runs + 1))
        echo "run $run: config check failed:" >&2
        head -5 "$work/check" >&2
    fi
done

runs=$((run - 1))
"$KOT_BIN" import jrnl "$work/journal.txt" >"$work/final-txt"
"$KOT_BIN" import jrnl "$work/journal.json" >"$work/final-json"
"$KOT_BIN" export --format json -o "$work/export.json" >/dev/null

python3 - "$work" "$ENTRIES" <<'PY' >"$work/verify"
import json, re, sys
work, n = sys.argv[1], int(sys.argv[2])
days = json.load(open(f"{work}/export.json"))["days"]
text = "\n\n".join((d["journal"] or {}).get("text", "") for d in days if d["journal"])
counts = {}
for m in re.finditer(r"\btok(\d+)\b", text):
    counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
missing = [i for i in range(n) if counts.get(i, 0) == 0]
twice = [i for i in range(n) if counts.get(i, 0) > 1]
print(f"{n - len(missing) - len(twice)} {len(missing)} {len(twice)}")
PY
read -r once missing twice <"$work/verify"

echo "runs: $runs; killed mid-import: $killed; finished before the kill: $finished; other failures: $other_failures"
echo "runs after which config check found a corrupt or unreadable file: $corrupt_runs"
echo "most temp files left at once by a kill: $temps_max"
echo "after a final import of the text and of the JSON: entries once: $once, missing: $missing, more than once: $twice"
echo "final text import said: $(head -1 "$work/final-txt"); JSON: $(head -1 "$work/final-json")"
((corrupt_runs == 0 && other_failures == 0 && missing == 0 && twice == 0))
