#!/usr/bin/env python3
"""Generate years of kot history for `kot report`, and the same work as timewarrior data.

Day files come from gen_days.py (tasks, blocks, the break coach's records) with
a `[shutdown]` table added as kot writes one (worked and overtime minutes,
at the ritual or, for a forgotten one, marked missed the next morning); journal entries, one a day,
from journalbench.py. The work of each day (the check-in to the shutdown or the
coach's last sign, less the breaks taken) is written as timewarrior intervals
(`TIMEWARRIORDB/data/YYYY-MM.data`, tagged `work` and the place), so
`timew summary` of a year sums the same intervals `kot report --year` does.

Usage: gen_review.py KOT_DIR TIMEWARRIORDB [--start 2021-11-23] [--end 2026-11-22] [--seed 1]
Standard library only (Python 3.11+ for tomllib). Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_days  # noqa: E402
import journalbench  # noqa: E402

WORK_END = dt.time(17, 30)


def parse(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def work_segments(day: dict) -> list[tuple[dt.datetime, dt.datetime]]:
    """From the check-in to the last sign of work, less the breaks taken."""
    checkin = day.get("checkin", {}).get("at")
    seen = day.get("coach", {}).get("seen_at")
    if not checkin or not seen or day.get("place") in ("off", "sick"):
        return []
    start, end = parse(checkin), parse(seen)
    gaps = sorted(
        (parse(b["start"]), parse(b["end"]))
        for b in day.get("breaks", [])
        if b["outcome"] == "taken"
    )
    out, at = [], start
    for s, e in gaps:
        s, e = max(s, at), min(e, end)
        if s > at:
            out.append((at, s))
        at = max(at, e)
    if end > at:
        out.append((at, end))
    return [(s, e) for s, e in out if e > s]


def minutes(segs) -> int:
    return int(sum((e - s).total_seconds() for s, e in segs) // 60)


def utc(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def add_shutdowns(kot_dir: str, timew_db: str, seed: int) -> dict:
    rng = random.Random(f"shutdown-{seed}")
    months: dict[str, list[str]] = {}
    stats = {"shutdowns": 0, "intervals": 0, "worked_minutes": 0}
    days_dir = os.path.join(kot_dir, "days")
    for year in sorted(os.listdir(days_dir)):
        for name in sorted(os.listdir(os.path.join(days_dir, year))):
            path = os.path.join(days_dir, year, name)
            with open(path, "rb") as f:
                day = tomllib.load(f)
            segs = work_segments(day)
            if not segs:
                continue
            last = segs[-1][1]
            end = dt.datetime.combine(last.date(), WORK_END, last.tzinfo)
            late = [(max(s, end), e) for s, e in segs if e > end]
            worked, overtime = minutes(segs), minutes(late)
            stats["worked_minutes"] += worked
            # Most days end with the ritual; some are forgotten, and the next
            # morning's check-in records them as missed, with the same totals.
            ended = f'at = "{last.isoformat()}"' if rng.random() < 0.85 else "missed = true"
            with open(path, "a", encoding="utf-8") as f:
                f.write(
                    f"\n[shutdown]\n{ended}\n"
                    f"worked_minutes = {worked}\novertime_minutes = {overtime}\n"
                )
            stats["shutdowns"] += 1
            place = day.get("place") or "home"
            for s, e in segs:
                months.setdefault(s.strftime("%Y-%m"), []).append(
                    f"inc {utc(s)} - {utc(e)} # work {place}"
                )
                stats["intervals"] += 1
    data = os.path.join(timew_db, "data")
    os.makedirs(data, exist_ok=True)
    for month, lines in months.items():
        with open(os.path.join(data, f"{month}.data"), "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(lines)) + "\n")
    with open(os.path.join(data, "tags.data"), "w", encoding="utf-8") as f:
        json.dump({t: {"count": 1} for t in ("work", "home", "office")}, f)
    with open(os.path.join(timew_db, "timewarrior.cfg"), "w", encoding="utf-8") as f:
        f.write("verbose = off\n")
    return stats


def journal(kot_dir: str, start: dt.date, end: dt.date, seed: int) -> int:
    rng = random.Random(f"journal-{seed}")
    n = 0
    day = start
    while day <= end:
        d = os.path.join(kot_dir, "journal", f"{day.year:04d}")
        os.makedirs(d, mode=0o700, exist_ok=True)
        with open(os.path.join(d, f"{day:%Y-%m-%d}.toml"), "w", encoding="utf-8") as f:
            f.write(journalbench.kot_toml(journalbench.entry(rng, day)))
        n += 1
        day += dt.timedelta(days=1)
    return n


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("kot_dir")
    p.add_argument("timew_db")
    p.add_argument("--start", default="2021-11-23")
    p.add_argument("--end", default="2026-11-22")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    start, end = dt.date.fromisoformat(a.start), dt.date.fromisoformat(a.end)
    summary = gen_days.generate(a.kot_dir, start, end, a.seed)
    summary.pop("feature_dates", None)
    summary.update(add_shutdowns(a.kot_dir, a.timew_db, a.seed))
    summary["journal_entries"] = journal(a.kot_dir, start, end, a.seed)
    json.dump(summary, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
