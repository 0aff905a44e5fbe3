#!/usr/bin/env python3
"""Generate years of realistic kot day files (weekdays only) into a data directory.

The files are written exactly as kot itself writes them (`toml::to_string_pretty`
of `core::day::Day`): the same key order, the same quoting, `[checkin]` with an
RFC 3339 `at` *string*, `[[tasks]]`, `[[blocks]]`, then the break coach's
`[coach]` table and `[[breaks]]` records (what a day with kot open from the
morning to the evening leaves behind under the default `[breaks]` policy).

Usage: gen_days.py DIR [--start 2021-11-23] [--end 2026-11-22] [--seed 1] [--expected F]
                       [--no-breaks]
Standard library only. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys

PLACES = [("home", 55), ("office", 36), ("off", 4), ("sick", 3), (None, 2)]
FEELINGS = [(1, 4), (2, 12), (3, 34), (4, 38), (5, 12)]

VERBS = [
    "Review", "Write", "Fix", "Prepare", "Update", "Plan", "Finish", "Draft",
    "Check", "Reply to", "Clean up", "Test", "Refactor", "Document", "Book",
    "Follow up on", "Read", "Sort out", "Nakijken:", "Send",
]
OBJECTS = [
    "quarterly report", "Anna's PR", "flaky CI test", "slides for Thursday",
    "budget sheet", "release notes", "onboarding doc", "customer emails",
    "invoice for Q3", "travel expenses", "team retro notes", "API migration",
    "login bug", "offerte Vandenberghe", "database backup job", "roadmap 2025",
    "design review", "meeting notes", "timesheet", "interview feedback",
    "dentist appointment", "train tickets", "tax return", "garage door",
    "Réunion planning", "dashboard alerts", "backlog grooming", "OKR draft",
    "security patch", "contract renewal", "newsletter", "Jira tickets",
]
SOLO_TASKS = [
    "Inbox zero", "Weekly review", "Water the plants", "Stretch", "1:1 prep",
    "Call the plumber", "Pick up parcel", "Order printer ink", "Lunch walk",
]
ESTIMATES = [15, 20, 30, 30, 45, 45, 60, 60, 60, 90, 90, 120, 150, 180, 240]

# (title, kind, video, weight)
BLOCK_TITLES = [
    ("Standup", "meeting", True, 30),
    ("Team sync", "meeting", True, 10),
    ("Client call", "meeting", True, 8),
    ("1:1 with manager", "meeting", True, 6),
    ("Sprint planning", "meeting", False, 4),
    ("Deep work", "focus", False, 20),
    ("Focus: report", "focus", False, 8),
    ("Code review", "focus", False, 8),
    ("Lunch", "personal", False, 20),
    ("Walk", "personal", False, 8),
    ("School run", "personal", False, 5),
    ("Gym", "personal", False, 3),
]


def weighted(rng: random.Random, items):
    total = sum(w for *_, w in items)
    r = rng.uniform(0, total)
    acc = 0.0
    for item in items:
        acc += item[-1]
        if r <= acc:
            return item
    return items[-1]


def brussels_offset(d: dt.date, hour: int) -> str:
    """UTC offset of Europe/Brussels on day d at local `hour` (EU DST rule)."""

    def last_sunday(year: int, month: int) -> dt.date:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() + 1) % 7)

    start, end = last_sunday(d.year, 3), last_sunday(d.year, 10)
    summer = start < d < end or (d == start and hour >= 3) or (d == end and hour < 3)
    return "+02:00" if summer else "+01:00"


def estimate_text(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    if h == 0:
        return f"{m}m"
    if m == 0:
        return f"{h}h"
    return f"{h}h{m:02d}"


def q(s: str) -> str:
    """A TOML basic string, as kot writes titles without '"' or '\\'."""
    assert '"' not in s and "\\" not in s and "\n" not in s, s
    return f'"{s}"'


def task_title(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(SOLO_TASKS)
    t = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.1:
        t += f" (#{rng.randint(100, 4999)})"
    return t


def make_blocks(rng: random.Random, n: int):
    """n blocks on a 15-minute grid between 08:00 and 18:00; overlaps are rare."""
    blocks = []
    used = []
    for _ in range(n):
        title, kind, video, _w = weighted(rng, BLOCK_TITLES)
        if title == "Standup":
            start, length = 9 * 60 + 30, 15
        elif title == "Lunch":
            start, length = 12 * 60 + rng.choice([0, 15, 30]), rng.choice([30, 45, 60])
        else:
            length = rng.choice([30, 30, 45, 60, 60, 90, 120])
            start = rng.randrange(8 * 60, 18 * 60 - length + 1, 15)
        end = start + length
        clash = any(start < e and s < end for s, e in used)
        if clash and rng.random() < 0.8:
            continue  # mostly people avoid double-booking
        used.append((start, end))
        if kind == "meeting" and rng.random() < 0.25:
            video = not video
        blocks.append((start, end, title, kind, video))
    if not blocks:
        blocks.append((9 * 60 + 30, 9 * 60 + 45, "Standup", "meeting", True))
    return blocks


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def workdays(start: dt.date, end: dt.date):
    d = start
    while d <= end:
        if d.weekday() < 5:
            yield d
        d += dt.timedelta(days=1)


# ---------------------------------------------------------------- break coach
#
# The default policy (config.example.toml): work 09:00-17:30, a break due after
# 50 min of focus, 10 min (every 4th 20 min, skipped ones counting), lunch
# 12:00-13:30 for 30 min, snoozes of 5 min within 15, micro-pauses every 20 min,
# back-to-back meetings limited to 90 min with gaps under 5 min. Times are
# seconds since local midnight; a key press lands on any second.

WORK = (9 * 3600, 17 * 3600 + 1800)
LUNCH = (12 * 3600, 13 * 3600 + 1800)
FOCUS, SHORT, LONG, LONG_EVERY = 50 * 60, 10 * 60, 20 * 60, 4
MICRO_EVERY, MICRO_QUIET = 20 * 60, 5 * 60
SNOOZE, ESCALATE = 5 * 60, 5 * 60


def stamp(d: dt.date, secs: int) -> str:
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    return f"{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}{brussels_offset(d, h)}"


def meeting_runs(blocks):
    """core::meetings::runs: (crossed_at block id, its end) per run reaching 90 min."""
    ms = sorted((s, e, bid) for bid, (s, e, _t, kind, _v) in enumerate(blocks, 1)
                if kind == "meeting")
    out, start, end, crossed = [], 0, 0, None
    for s, e, bid in ms:
        if out and s < end + 5:
            end = max(end, e)
            if out[-1] is None and end - start >= 90:
                out[-1] = (bid, e)
        else:
            start, end = s, e
            out.append((bid, e) if e - s >= 90 else None)
    return [r for r in out if r is not None]


def simulate_breaks(rng: random.Random, d: dt.date, checkin_secs: int, blocks):
    """The day as the coach records it: `[[breaks]]` lines and `[coach]` lines.

    Returns (break records as dicts, coach dict) in kot's field order.
    """
    meetings = [(s * 60, e * 60) for s, e, _t, kind, _v in blocks if kind == "meeting"]

    def meeting_end_at(t):
        end = None
        probe = t
        while True:
            nxt = max((e for s, e in meetings if s <= probe < e), default=None)
            if nxt is None or nxt == end:
                return end
            end = probe = nxt

    def postponed(t):
        e = meeting_end_at(t)
        return e if e is not None else t

    w0, w1 = WORK
    quit_at = rng.randint(16 * 3600 + 40 * 60, 18 * 3600 + 20 * 60)  # kot closed
    lunch_at = None
    if rng.random() < 0.88:
        lunch_at = rng.randint(LUNCH[0], LUNCH[0] + 50 * 60)
    focus = max(w0, checkin_secs)
    records = []
    coach = {}
    n_counted = 0  # breaks that count towards the long one (not lunch)
    had_lunch = False

    def kind_now():
        return "long" if (n_counted + 1) % LONG_EVERY == 0 else "short"

    due = None
    while True:
        due = postponed(focus + FOCUS)
        if due >= w1 or due >= quit_at:
            break
        if not had_lunch and lunch_at is not None and lunch_at <= due + 5 * 60:
            start = max(lunch_at, focus + 5 * 60)
            end = start + rng.randint(30 * 60, 62 * 60)
            rec = {"kind": "lunch", "outcome": "taken", "counted": "lunch"}
            if start >= due:
                rec["due"] = due
            rec.update(start=start, end=end)
            if end < start + 30 * 60:
                rec["ended_early"] = True
            records.append(rec)
            had_lunch = True
            focus = end
            continue
        if quit_at - due < 40 * 60 and rng.random() < 0.3:
            # The last break was prompted, then kot was closed.
            coach["prompted_at"] = due
            if quit_at >= due + ESCALATE:
                coach["escalated"] = True
            break
        r = rng.random()
        kind = kind_now()
        planned = LONG if kind == "long" else SHORT
        if r < 0.12:
            # Time away (a suspend, kot closed a while) or a locked session.
            locked = r >= 0.08
            start = rng.randint(focus + 10 * 60, max(focus + 10 * 60, due - 60))
            length = rng.randint(10 * 60, (25 if locked else 55) * 60 + 59)
            end = min(start + length, w1)
            if end - start < SHORT:
                break
            lunch = (not had_lunch and start <= LUNCH[1] and end >= LUNCH[0]
                     and end - start >= 30 * 60)
            if lunch:
                records.append({"kind": "lunch", "outcome": "taken", "counted": "lunch",
                                "start": start, "end": end})
                had_lunch = True
            else:
                records.append({"kind": kind, "outcome": "taken",
                                "counted": "locked" if locked else "away",
                                "start": start, "end": end})
                n_counted += 1
            focus = end
            continue
        if r < 0.16:
            # Taken early, before it fell due: no `due`.
            start = due - rng.randint(60, 15 * 60)
            end = start + planned + rng.randint(-4 * 60, 6 * 60)
            rec = {"kind": kind, "outcome": "taken", "counted": "you", "start": start,
                   "end": end}
            if end < start + planned:
                rec["ended_early"] = True
            records.append(rec)
            n_counted += 1
            focus = end
            continue
        skip = r < 0.28
        snoozed = 0
        if rng.random() < (0.35 if skip else 0.2):
            t = due + rng.randint(0, 90)
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                due = t + SNOOZE  # the snooze's end is when it falls due again
                snoozed += 5
                t = due + rng.randint(0, 60)
        if skip:
            at = due + rng.randint(0, 8 * 60)
            rec = {"kind": kind, "outcome": "skipped", "counted": "you", "due": due,
                   "start": at, "end": at}
            end = at
        else:
            start = due + rng.randint(0, 4 * 60)
            end = start + planned + rng.randint(-4 * 60, 8 * 60)
            rec = {"kind": kind, "outcome": "taken", "counted": "you", "due": due,
                   "start": start, "end": end}
        if snoozed:
            rec["snoozed_minutes"] = snoozed
        if not skip and end < rec["start"] + planned:
            rec["ended_early"] = True
        records.append(rec)
        n_counted += 1
        focus = end

    if records:
        coach["focus_since"] = focus  # written by the first break, absent before
    # The last micro-pause of the focus block kot was closed in.
    limit = min(quit_at, w1, (due - MICRO_QUIET) if due < w1 else w1)
    if "prompted_at" in coach:
        limit = min(limit, coach["prompted_at"] - MICRO_QUIET)
    k, micro = 1, None
    while focus + k * MICRO_EVERY < limit:
        m = focus + k * MICRO_EVERY
        if meeting_end_at(m) is None:
            micro = m
        k += 1
    if micro is not None:
        coach["micro_at"] = micro
    if not had_lunch:
        if quit_at >= LUNCH[1]:
            coach["lunch_warned"] = True
        if quit_at >= w1:
            coach["lunch_skipped"] = True
    warned = [bid for bid, end in meeting_runs(blocks) if end * 60 <= quit_at]
    if warned:
        coach["meeting_warned"] = warned
    coach["seen_at"] = quit_at
    return records, coach


def break_lines(d: dt.date, records, coach):
    """`[coach]` and `[[breaks]]` as kot writes them (CoachLog, BreakRecord order)."""
    lines = []
    if coach:
        lines += ["", "[coach]"]
        for key in ("focus_since", "prompted_at", "escalated", "micro_at", "lunch_warned",
                    "lunch_skipped", "meeting_warned", "seen_at"):
            if key not in coach:
                continue
            v = coach[key]
            if v is True:
                lines.append(f"{key} = true")
            elif isinstance(v, list) and len(v) == 1:
                lines.append(f"{key} = [{v[0]}]")
            elif isinstance(v, list):  # toml's pretty arrays: one item a line
                lines += [f"{key} = ["] + [f"    {x}," for x in v] + ["]"]
            else:
                lines.append(f'{key} = "{stamp(d, v)}"')
    for b in records:
        lines += ["", "[[breaks]]", f'kind = "{b["kind"]}"', f'outcome = "{b["outcome"]}"',
                  f'counted = "{b["counted"]}"']
        if "due" in b:
            lines.append(f'due = "{stamp(d, b["due"])}"')
        lines += [f'start = "{stamp(d, b["start"])}"', f'end = "{stamp(d, b["end"])}"']
        if b.get("snoozed_minutes"):
            lines.append(f"snoozed_minutes = {b['snoozed_minutes']}")
        if b.get("ended_early"):
            lines.append("ended_early = true")
    return lines


def generate(root: str, start: dt.date, end: dt.date, seed: int, expected_path=None,
             breaks: bool = True) -> dict:
    rng = random.Random(seed)
    days = list(workdays(start, end))
    carry_in: list[dict] = []  # tasks the previous day carried to this one
    summary = {"files": 0, "tasks": 0, "blocks": 0, "breaks": 0, "bytes": 0,
               "max_tasks_date": None, "max_breaks_date": None, "feature_dates": {}}
    max_breaks = -1
    max_tasks = -1
    expected = {}
    for i, d in enumerate(days):
        nxt = days[i + 1] if i + 1 < len(days) else None
        last = nxt is None
        n_tasks = rng.randint(4, 12)
        tasks = []
        tid = 0
        for c in carry_in[:n_tasks]:
            tid += 1
            tasks.append({
                "id": tid, "title": c["title"], "status": "open", "top": c["top"],
                "estimate": c["estimate"], "carried_from": f"{c['date']}#{c['id']}",
            })
        while len(tasks) < n_tasks:
            tid += 1
            if rng.random() < 0.08:
                tid += 1  # a task deleted that day: ids are never reused
            tasks.append({
                "id": tid, "title": task_title(rng), "status": "open", "top": False,
                "estimate": rng.choice(ESTIMATES) if rng.random() < 0.8 else None,
                "carried_from": None,
            })
        # Outcomes. The last day is the most recent work day: mostly left open.
        for t in tasks:
            r = rng.random()
            if last:
                t["status"] = "done" if r < 0.3 else "open"
            elif r < 0.66:
                t["status"] = "done"
            elif r < 0.74:
                t["status"] = "open"
            elif r < 0.92:
                t["status"] = "carried"
            else:
                t["status"] = "dropped"
        # At most three active tasks are top; carried-in top tasks keep theirs.
        active = [t for t in tasks if t["status"] in ("open", "done")]
        tops = sum(1 for t in active if t["top"])
        for t in tasks:
            if t["status"] not in ("open", "done"):
                if t["top"] or rng.random() < 0.2:
                    t["top"] = True  # allowed: only active tasks count
                continue
            if tops > 3 and t["top"]:
                t["top"] = False
                tops -= 1
            elif not t["top"] and tops < 3 and rng.random() < 0.45:
                t["top"] = True
                tops += 1
        carry_in = []
        for t in tasks:
            if t["status"] == "carried":
                t["carried_to"] = nxt.isoformat()
                carry_in.append({**t, "date": d.isoformat()})
        next_task = tid + 1 + (1 if rng.random() < 0.05 else 0)

        blocks = make_blocks(rng, rng.randint(1, 5))
        next_block = len(blocks) + 1 + (1 if rng.random() < 0.1 else 0)

        place = weighted(rng, PLACES)[0]
        checkin = None
        if not (rng.random() < 0.03):
            minute = 8 * 60 + 25 + rng.randint(0, 60)
            h, m = divmod(minute, 60)
            at = f"{d.isoformat()}T{h:02d}:{m:02d}:00{brussels_offset(d, h)}"
            feeling = None if rng.random() < 0.05 else weighted(rng, FEELINGS)[0]
            checkin = (at, feeling, h * 3600 + m * 60)

        # The break coach, from its own generator: the plan data above stays
        # the same for a seed with or without breaks.
        records, coach = [], {}
        if breaks and checkin is not None and place not in ("off", "sick"):
            brng = random.Random(f"breaks-{seed}-{d.isoformat()}")
            records, coach = simulate_breaks(brng, d, checkin[2], blocks)

        lines = ["schema = 1", f'date = "{d.isoformat()}"']
        if place is not None:
            lines.append(f'place = "{place}"')
        lines += [f"next_task = {next_task}", f"next_block = {next_block}"]
        if checkin is not None:
            lines += ["", "[checkin]", f'at = "{checkin[0]}"']
            if checkin[1] is not None:
                lines.append(f"feeling = {checkin[1]}")
        for t in tasks:
            lines += ["", "[[tasks]]", f"id = {t['id']}", f"title = {q(t['title'])}"]
            if t["status"] != "open":
                lines.append(f'status = "{t["status"]}"')
            if t["top"]:
                lines.append("top = true")
            if t["estimate"] is not None:
                lines.append(f'estimate = "{estimate_text(t["estimate"])}"')
            if t["carried_from"]:
                lines.append(f'carried_from = "{t["carried_from"]}"')
            if t.get("carried_to"):
                lines.append(f'carried_to = "{t["carried_to"]}"')
        for bid, (s, e, title, kind, video) in enumerate(blocks, 1):
            lines += ["", "[[blocks]]", f"id = {bid}", f'span = "{hhmm(s)}-{hhmm(e)}"',
                      f"title = {q(title)}", f'kind = "{kind}"']
            if video:
                lines.append("video = true")
        lines += break_lines(d, records, coach)
        text = "\n".join(lines) + "\n"

        ydir = os.path.join(root, "days", f"{d.year:04d}")
        os.makedirs(ydir, exist_ok=True)
        with open(os.path.join(ydir, f"{d.isoformat()}.toml"), "w", encoding="utf-8") as f:
            f.write(text)
        summary["files"] += 1
        summary["tasks"] += len(tasks)
        summary["blocks"] += len(blocks)
        summary["breaks"] += len(records)
        if len(records) > max_breaks:
            max_breaks = len(records)
            summary["max_breaks_date"] = d.isoformat()
        # One day per kind of record, for the format check.
        feats = set(coach) | {f"counted={b['counted']}" for b in records}
        if len(coach.get("meeting_warned", [])) > 1:
            feats.add("meeting_warned (several)")
        feats |= {k for b in records for k in ("snoozed_minutes", "ended_early", "due") if k in b}
        feats |= {f"{b['kind']}/{b['outcome']}" for b in records}
        for f_ in sorted(feats):
            summary["feature_dates"].setdefault(f_, d.isoformat())
        summary["bytes"] += len(text.encode())
        if len(tasks) + len(blocks) > max_tasks:
            max_tasks = len(tasks) + len(blocks)
            summary["max_tasks_date"] = d.isoformat()
        # What `kot plan list --json` must say about this day (for validation).
        expected[d.isoformat()] = {
            "place": place,
            "feeling": checkin[1] if checkin else None,
            "tasks": [t["id"] for t in tasks if t["status"] in ("open", "done")],
            "blocks": len(blocks),
            # What `kot status` counts for the day: taken, skipped, ignored.
            "breaks": [sum(b["outcome"] == "taken" for b in records),
                       sum(b["outcome"] == "skipped" for b in records),
                       sum(b["outcome"] == "ignored" for b in records)],
        }
    summary["last_date"] = days[-1].isoformat() if days else None
    if expected_path:
        with open(expected_path, "w", encoding="utf-8") as f:
            json.dump(expected, f)
    return summary


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir")
    p.add_argument("--start", default="2021-11-23")
    p.add_argument("--end", default="2026-11-22")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--expected", help="write what `plan list --json` should say, per date")
    p.add_argument("--no-breaks", action="store_true",
                   help="no [coach] or [[breaks]] (the plan data stays the same)")
    a = p.parse_args(argv)
    s = generate(a.dir, dt.date.fromisoformat(a.start), dt.date.fromisoformat(a.end), a.seed,
                 a.expected, breaks=not a.no_breaks)
    json.dump(s, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
