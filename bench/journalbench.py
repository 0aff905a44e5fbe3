#!/usr/bin/env python3
"""kot journal benchmarks, side by side with jrnl when it is installed.

Generates five years of daily journal entries (about 200 words each, #tags,
@names, scores, contacts, wins) in kot's own format (`journal/YYYY/*.toml`,
byte for byte what kot writes) and, when a jrnl binary is given, the same
entries as one jrnl plain-text journal; then measures:

  kot journal search WORD | #tag | mood<=2 over all five years
  kot journal list for one month
  kot export --format markdown (and json) of all five years
  kot journal "text" (append, incl. fsync)
  jrnl -contains WORD, jrnl #tag, jrnl --export markdown / json, jrnl "text"
  grep -ril WORD over the files (the floor for reading them)

Usage: journalbench.py --kot BIN --work DIR [--jrnl BIN] [--runs 20]
       [--start 2021-11-23] [--days 1826] [--seed 1] [--json-out F]
Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time

TARGETS_MS = {"search": 50.0, "list_month": 10.0, "export_md": 150.0, "add": 20.0}

WORDS = (
    "de het een en van ik je dat is op te in met was voor niet maar ook nog "
    "vandaag morgen werk thuis kantoor overleg rapport mail koffie wandeling "
    "lunch fiets trein regen zon moe blij rustig druk gesprek plan klaar "
    "één café geïnteresseerd ideeën financiële coördinatie "
    "the a and of to was it with for on meeting report review focus call "
    "team project deadline draft notes idea walk garden tired happy calm busy "
    "small win progress stuck unblocked shipped fixed wrote read planned"
).split()
TAGS = ["werk", "thuis", "sport", "idee", "family", "health", "focus", "lezen"]
NAMES = ["Lena", "Jörg", "Piet", "Sanne", "Ahmed", "Yuki", "Marta"]
HOWS = ["in-person", "call", "video", "chat"]
CJK = ["日本語", "会議", "散歩", "한국어"]
SEARCH_WORD = "wandeling"  # in most entries: every file is read and shown
RARE_WORD = "会議"  # in about one entry in twelve


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), "#" + rng.choice(TAGS))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), "@" + rng.choice(NAMES))
    if rng.random() < 0.05:
        words.insert(rng.randrange(len(words)), rng.choice(CJK))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def entry(rng: random.Random, day: dt.date) -> dict:
    paras = []
    minute = 8 * 60 + rng.randrange(0, 90)
    words = 0
    while words < 190:
        n = rng.randrange(12, 30)
        text = " ".join(sentence(rng, rng.randrange(6, 14)) for _ in range(max(1, n // 10)))
        paras.append((minute, text))
        words += len(text.split())
        minute = min(minute + rng.randrange(30, 150), 23 * 60 + 50)
    e = {"date": day, "paras": paras}
    if rng.random() < 0.85:
        e["scores"] = [rng.choice([1, 2, 3, 3, 4, 4, 5]) for _ in range(5)]
    r = rng.random()
    if r < 0.6:
        e["contacts"] = [(rng.choice(NAMES), rng.choice(HOWS)) for _ in range(rng.randrange(1, 4))]
    elif r < 0.75:
        e["no_contact"] = True
    if rng.random() < 0.4:
        e["wins"] = [sentence(rng, rng.randrange(3, 7)).rstrip(".")]
    return e


def text_of(e: dict) -> str:
    return "\n\n".join(f"{m // 60:02d}:{m % 60:02d} {t}" for m, t in e["paras"])


def kot_toml(e: dict) -> str:
    """Exactly what kot writes (toml::to_string_pretty of core::journal::Entry)."""
    out = ["schema = 1", f'date = "{e["date"]:%Y-%m-%d}"']
    if "scores" in e:
        for k, v in zip(["mood", "energy", "autonomy", "competence", "relatedness"], e["scores"]):
            out.append(f"{k} = {v}")
    if e.get("no_contact"):
        out.append("no_contact = true")
    if "wins" in e:
        out.append("wins = [" + ", ".join(f'"{w}"' for w in e["wins"]) + "]")
    out.append(f'text = """\n{text_of(e)}"""')
    for who, how in e.get("contacts", []):
        out += ["", "[[contacts]]", f'who = "{who}"', f'how = "{how}"']
    return "\n".join(out) + "\n"


def jrnl_text(e: dict) -> str:
    """The same entry as jrnl writes it (default timeformat, title = first sentence)."""
    m, first = e["paras"][0]
    stamp = dt.datetime.combine(e["date"], dt.time(m // 60, m % 60)).strftime("%Y-%m-%d %I:%M:%S %p")
    star = " *" if "wins" in e else ""
    title, _, rest = first.partition(". ")
    title = title.rstrip(".") + "."
    later = "\n\n".join(f"{m // 60:02d}:{m % 60:02d} {t}" for m, t in e["paras"][1:])
    body = "\n\n".join(p for p in (rest, later) if p)
    return f"[{stamp}] {title}{star}\n{body}\n\n"


def generate(work: str, start: dt.date, days: int, seed: int) -> dict:
    rng = random.Random(seed)
    kot_dir = os.path.join(work, "kot")
    jrnl_file = os.path.join(work, "jrnl", "journal.txt")
    os.makedirs(os.path.dirname(jrnl_file), mode=0o700, exist_ok=True)
    total_words = 0
    with open(jrnl_file, "w", encoding="utf-8") as jf:
        for i in range(days):
            day = start + dt.timedelta(days=i)
            e = entry(rng, day)
            total_words += len(text_of(e).split())
            d = os.path.join(kot_dir, "journal", f"{day.year:04d}")
            os.makedirs(d, mode=0o700, exist_ok=True)
            p = os.path.join(d, f"{day:%Y-%m-%d}.toml")
            with open(p, "w", encoding="utf-8") as f:
                f.write(kot_toml(e))
            os.chmod(p, 0o600)
            jf.write(jrnl_text(e))
    return {"kot_dir": kot_dir, "jrnl_file": jrnl_file, "entries": days,
            "words_per_entry": round(total_words / days), "end": str(start + dt.timedelta(days=days - 1))}


def jrnl_config(work: str, jrnl_file: str) -> str:
    path = os.path.join(work, "jrnl", "jrnl.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
            "highlight: false\nindent_character: '|'\n"
            f"journals:\n  default:\n    journal: {jrnl_file}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
            "timeformat: '%Y-%m-%d %I:%M:%S %p'\nversion: v4.6\n"
        )
    return path


def timed(cmd: list[str], env: dict, runs: int, warmup: int = 2, check=None) -> dict:
    for _ in range(warmup):
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    ms = []
    last = None
    for _ in range(runs):
        t0 = time.perf_counter()
        last = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        ms.append((time.perf_counter() - t0) * 1000)
    if last.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {last.stderr.decode(errors='replace')}")
    if check:
        check(last.stdout.decode(errors="replace"))
    ms.sort()
    return {"median": statistics.median(ms), "p95": ms[min(len(ms) - 1, int(len(ms) * 0.95))],
            "min": ms[0], "runs": runs, "out_bytes": len(last.stdout)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kot", required=True)
    ap.add_argument("--jrnl")
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--jrnl-runs", type=int, default=5)
    ap.add_argument("--start", default="2021-11-23")
    ap.add_argument("--days", type=int, default=1826)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json-out")
    ap.add_argument("--no-days", action="store_true",
                    help="no day files (by default gen_days.py writes weekdays' plans and breaks, "
                         "which the export includes)")
    a = ap.parse_args()

    start = dt.date.fromisoformat(a.start)
    gen = generate(a.work, start, a.days, a.seed)
    end = dt.date.fromisoformat(gen["end"])
    if not a.no_days:
        gen_days = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_days.py")
        subprocess.run([sys.executable, gen_days, gen["kot_dir"], "--start", str(start), "--end", str(end),
                        "--seed", str(a.seed)], stdout=subprocess.DEVNULL, check=True)
        gen["day_files"] = sum(len(fs) for _, _, fs in os.walk(os.path.join(gen["kot_dir"], "days")))
    print(f"generated {gen['entries']} entries of ~{gen['words_per_entry']} words "
          f"({start} .. {end})", file=sys.stderr)
    env = dict(os.environ, KOT_DIR=gen["kot_dir"], TZ="Europe/Brussels", LANG="C.UTF-8",
               KOT_NOW=f"{end + dt.timedelta(days=1)}T21:00:00")
    env.pop("NO_COLOR", None)
    k = a.kot
    month_from = (end.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    month_to = end.replace(day=1) - dt.timedelta(days=1)
    n = gen["entries"]

    def expect_found(out: str) -> None:
        if " found" not in out or out.startswith("0 "):
            raise SystemExit(f"search found nothing:\n{out[-400:]}")

    r = {}
    r["kot_search_word"] = timed([k, "journal", "search", SEARCH_WORD], env, a.runs, check=expect_found)
    r["kot_search_rare"] = timed([k, "journal", "search", RARE_WORD], env, a.runs, check=expect_found)
    r["kot_search_tag"] = timed([k, "journal", "search", "#idee"], env, a.runs, check=expect_found)
    r["kot_search_score"] = timed([k, "journal", "search", "mood<=2"], env, a.runs, check=expect_found)
    r["kot_search_none"] = timed([k, "journal", "search", "zzzyx"], env, a.runs)
    r["kot_list_month"] = timed([k, "journal", "list", "--from", str(month_from), "--to", str(month_to)], env, a.runs)
    r["kot_show"] = timed([k, "journal", "show", "--date", str(end)], env, a.runs)
    r["kot_export_md"] = timed([k, "export", "--format", "markdown"], env, a.runs)
    r["kot_export_json"] = timed([k, "export", "--format", "json"], env, a.runs)
    r["kot_add"] = timed([k, "journal", "Een korte notitie #bench"], env, a.runs, warmup=0)
    r["grep_floor"] = timed(["grep", "-ril", SEARCH_WORD, os.path.join(gen["kot_dir"], "journal")], env, a.runs)
    if a.jrnl:
        cfg = jrnl_config(a.work, gen["jrnl_file"])
        jenv = dict(env, HOME=a.work, XDG_CONFIG_HOME=os.path.join(a.work, "jrnl"))
        j = [a.jrnl, "--config-file", cfg]
        jr = a.jrnl_runs
        r["jrnl_search_word"] = timed(j + ["-contains", SEARCH_WORD], jenv, jr, warmup=1)
        r["jrnl_search_rare"] = timed(j + ["-contains", RARE_WORD], jenv, jr, warmup=1)
        r["jrnl_search_tag"] = timed(j + ["#idee"], jenv, jr, warmup=1)
        r["jrnl_export_md"] = timed(j + ["--format", "markdown"], jenv, jr, warmup=1)
        r["jrnl_export_json"] = timed(j + ["--format", "json"], jenv, jr, warmup=1)
        r["jrnl_add"] = timed(j + ["Een korte notitie #bench"], jenv, jr, warmup=0)
    report(r, n, gen)
    if a.json_out:
        with open(a.json_out, "w", encoding="utf-8") as f:
            json.dump({"generated": gen, "results": r}, f, indent=2)


def report(r: dict, n: int, gen: dict) -> None:
    rows = [
        ("search a word, 5 years", "kot_search_word", "jrnl_search_word", "search"),
        ("search a rare word, 5 years", "kot_search_rare", "jrnl_search_rare", "search"),
        ("search a #tag, 5 years", "kot_search_tag", "jrnl_search_tag", "search"),
        ("search mood<=2, 5 years", "kot_search_score", None, "search"),
        ("search, no match", "kot_search_none", None, "search"),
        ("list one month", "kot_list_month", None, "list_month"),
        ("show one day", "kot_show", None, None),
        ("export Markdown, 5 years", "kot_export_md", "jrnl_export_md", "export_md"),
        ("export JSON, 5 years", "kot_export_json", "jrnl_export_json", None),
        ("add an entry (fsync)", "kot_add", "jrnl_add", "add"),
        ("grep -ril over the files", "grep_floor", None, None),
    ]
    days = f"; {gen['day_files']} day files (plans, breaks) in the export" if gen.get("day_files") else ""
    print(f"\n{n} entries, ~{gen['words_per_entry']} words each{days}; median (p95) ms\n")
    print(f"{'':30} {'kot':>18} {'jrnl':>18} {'target':>8}")
    for label, kk, jk, tk in rows:
        kv = r.get(kk)
        jv = r.get(jk) if jk else None
        cell = lambda v: f"{v['median']:.1f} ({v['p95']:.1f})" if v else "-"
        target = TARGETS_MS.get(tk) if tk else None
        verdict = ""
        if target and kv and kk.startswith("kot"):
            verdict = "ok" if kv["p95"] <= target else "OVER"
        tcell = f"<= {target:.0f}" if target else ""
        print(f"{label:30} {cell(kv):>18} {cell(jv):>18} {tcell:>8} {verdict}")


if __name__ == "__main__":
    main()
