#!/usr/bin/env bash
# Attack the journal's writes and the TUI editor (issue 16), and count what is
# lost or broken. Repeatable; nothing is written outside a temp directory,
# removed at the end (KEEP_DATA=1 keeps it).
#
#   bench/attack-journal.sh                 # KOT_BIN=target/debug/kot, N=200, 4 x 250
#   KOT_BIN=target/release/kot N=500 WRITERS=8 PER_WRITER=250 bench/attack-journal.sh
#
# (a) N times: `kot journal "kill-I"` or `kot journal edit` (an $EDITOR script
#     that adds "edit-I") started and SIGKILLed after a random 0-30 ms. Then:
#     every journal file must read (`kot journal show --json`), every command
#     that exited 0 before the kill must have its line, leftover temp files
#     and $EDITOR copies are counted.
# (b) The TUI (in tmux) with unsaved text in its journal editor while
#     WRITERS x PER_WRITER `kot journal "w-W-I"` appends run in parallel; then
#     Ctrl-S in the editor (a conflict: both texts are shown) and Ctrl-S
#     again. Every append and the editor's text must be in the file.
#
# Needs bash, tmux, python3 (to read TOML/JSON) and a built kot.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KOT_BIN=${KOT_BIN:-$ROOT/target/debug/kot}
N=${N:-200}
WRITERS=${WRITERS:-4}
PER_WRITER=${PER_WRITER:-250}
DAY=2026-11-23
WORK=$(mktemp -d /tmp/kot-attack-XXXXXX)
[ "${KEEP_DATA:-0}" = 1 ] || trap 'tmux -L kotattack kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
[ -x "$KOT_BIN" ] || { echo "no kot binary at $KOT_BIN (cargo build first)" >&2; exit 2; }

# The hermetic environment of the tests: no host bus, locale or KOT_*.
kenv() {
    local dir=$1; shift
    env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 TERM=xterm-256color TZ=Europe/Brussels \
        TMPDIR="$WORK/tmp" KOT_DIR="$dir" KOT_NOW="${DAY}T20:00:00" \
        DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent \
        "$@"
}
kexec() { # kenv, replacing the calling (sub)shell
    local dir=$1; shift
    exec env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 TERM=xterm-256color TZ=Europe/Brussels \
        TMPDIR="$WORK/tmp" KOT_DIR="$dir" KOT_NOW="${DAY}T20:00:00" \
        DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent \
        "$@"
}
mkdir -p "$WORK/home" "$WORK/tmp"

text_of() { # the day's journal text, or CORRUPT
    kenv "$1" "$KOT_BIN" journal show --json --date "$DAY" 2>/dev/null |
        python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("text",""))
except Exception: print("CORRUPT")'
}

echo "== (a) SIGKILL during writes and edits, N=$N"
A="$WORK/a"
kenv "$A" "$KOT_BIN" journal --date "$DAY" "seed" >/dev/null
ED="$WORK/ed.sh"
printf '#!/bin/sh\nprintf "edit-%%s\\n" "$KOT_ATTACK_I" >> "$1"\n' >"$ED"
chmod +x "$ED"
done_ok=() killed=0
for i in $(seq 1 "$N"); do
    # exec: $! is kot itself, not a shell around it.
    if (( i % 2 )); then
        (exec > /dev/null 2>&1; kexec "$A" "$KOT_BIN" journal --date "$DAY" "kill-$i") &
        want="kill-$i"
    else
        (exec > /dev/null 2>&1 </dev/null
         kexec "$A" env EDITOR="$ED" KOT_ATTACK_I="$i" "$KOT_BIN" journal edit --date "$DAY") &
        want="edit-$i"
    fi
    pid=$!
    sleep "0.0$(printf '%02d' $((RANDOM % 30)))"
    kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
    if { wait "$pid"; } 2>/dev/null; then done_ok+=("$want"); fi
done
final=$(text_of "$A")
corrupt=0 lost=0
[ "$final" = CORRUPT ] && corrupt=1
for w in "${done_ok[@]}"; do
    grep -qE -- "(^| )$w\$" <<<"$final" || lost=$((lost + 1))
done
temps=$(find "$A" -name '.kot-*.tmp' | wc -l)
copies=$(find "$WORK/tmp" -name 'kot-journal-*' | wc -l)
echo "runs $N, completed before the kill ${#done_ok[@]}, killed while running $((N - ${#done_ok[@]}))"
# The next edit sweeps the copies of killed kots (their text becomes a draft,
# which this editor, doing nothing, saves).
kenv "$A" env EDITOR=true "$KOT_BIN" journal edit --date "$DAY" >/dev/null 2>&1 </dev/null
swept=$(find "$WORK/tmp" -name 'kot-journal-*' | wc -l)
after=$(text_of "$A")
lost_after=0
for w in "${done_ok[@]}"; do
    grep -qE -- "(^| )$w\$" <<<"$after" || lost_after=$((lost_after + 1))
done
echo "corrupt files $corrupt, completed entries lost $lost, leftover .kot-*.tmp $temps (removed at the next TUI start)"
echo "\$EDITOR copies left by SIGKILL $copies, after the next kot journal edit $swept (completed entries lost then: $lost_after)"

echo "== (b) $WRITERS x $PER_WRITER parallel appends beside an open editor with unsaved text"
command -v tmux >/dev/null || { echo "no tmux: (b) skipped"; exit 0; }
B="$WORK/b"
mkdir -p "$B"
T="tmux -L kotattack"
$T kill-server 2>/dev/null
$T new-session -d -s a -x 100 -y 30 "$(printf '%q ' env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 \
    TERM=xterm-256color TZ=Europe/Brussels KOT_DIR="$B" KOT_NOW="${DAY}T08:55:00" \
    DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent \
    "$KOT_BIN"); sleep 600"
wait_screen() { # wait up to 20 s for $1 on the screen
    for _ in $(seq 1 400); do
        $T capture-pane -p -t a | grep -qF -- "$1" && return 0
        sleep 0.05
    done
    echo "timed out waiting for: $1" >&2
    $T capture-pane -p -t a >&2
    return 1
}
for q in "Where do you work today?" "How do you feel today?" "Pick today's top 3"; do
    wait_screen "$q" && $T send-keys -t a Escape
done
wait_screen "a add" && $T send-keys -t a 2
wait_screen "Enter read" && $T send-keys -t a t
wait_screen "Ctrl-S saves" && $T send-keys -t a -l "the editor's own unsaved line"
wait_screen "unsaved line"
start=$(date +%s.%N)
for w in $(seq 1 "$WRITERS"); do
    (for i in $(seq 1 "$PER_WRITER"); do
        kenv "$B" "$KOT_BIN" journal --date "$DAY" "w-$w-$i" >/dev/null 2>>"$WORK/b-errors" ||
            echo "w-$w-$i failed" >>"$WORK/b-errors"
    done) &
done
wait
secs=$(python3 -c "import time;print(round(time.time()-$start,1))")
$T send-keys -t a C-s
wait_screen "both are here"
$T send-keys -t a C-s
for _ in $(seq 1 400); do
    grep -qF "the editor's own unsaved line" "$B/journal/2026/$DAY.toml" 2>/dev/null && break
    sleep 0.05
done
$T send-keys -t a Escape
wait_screen "Enter read"
$T send-keys -t a q
final=$(text_of "$B")
missing=0
for w in $(seq 1 "$WRITERS"); do
    for i in $(seq 1 "$PER_WRITER"); do
        grep -q -- " w-$w-$i\$" <<<"$final" || missing=$((missing + 1))
    done
done
editor_kept=0
grep -qF "the editor's own unsaved line" <<<"$final" && editor_kept=1
failed=$(grep -c failed "$WORK/b-errors" 2>/dev/null || true)
echo "appends $((WRITERS * PER_WRITER)) in ${secs}s, failed ${failed:-0}, missing from the file $missing; editor text kept $editor_kept; file $( [ "$final" = CORRUPT ] && echo corrupt || echo reads)"
