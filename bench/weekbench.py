#!/usr/bin/env python3
"""The Week screen's first frame on years of history.

kot runs in a pseudo-terminal (kotbench's PtyProc) on a data directory made by
gen_review.py; once Today has settled, `3` is pressed and the time is taken
from the key to the last byte of the frame it causes (the output going quiet
for QUIET seconds ends the frame; the time is that of its last byte, not of the
wait). Every run is a fresh kot, so nothing it read before helps it. The
target (issue 11): at most 30 ms with five years of days.

Usage: weekbench.py KOT_BIN KOT_DIR [--runs 15] [--now 2026-11-27T16:30:00]
       [--cols 120] [--rows 35]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kotbench import PtyProc, summary  # noqa: E402

TARGET_MS = 30.0
QUIET = 0.15


def once(bin_: str, env: dict, cols: int, rows: int) -> tuple[float, str]:
    p = PtyProc([bin_], env, cols, rows)
    try:
        if p.wait_for_marker("Top 3", 15) is None:
            raise SystemExit("kot did not show Today: " + p.screen_text()[-400:])
        p.drain_until_quiet(0.3, 5.0)
        start = len(p.buf)
        t0 = time.perf_counter()
        p.send(b"3")
        last = p.drain_until_quiet(QUIET, 5.0)
        return (last - t0) * 1000, p.screen_text(start)
    finally:
        p.quit()
        p.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bin")
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--now", default="2026-11-27T16:30:00")
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=35)
    a = ap.parse_args()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "en_US.UTF-8",
        "TZ": "Europe/Brussels",
        "KOT_DIR": a.dir,
        "KOT_NOW": a.now,
        # No session bus: notifications are off, nothing waits on D-Bus.
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    times = []
    for i in range(a.runs):
        t, text = once(a.bin, env, a.cols, a.rows)
        if "planned" not in text:
            raise SystemExit(f"run {i + 1}: no Week screen after 3: {text[-400:]!r}")
        times.append(t)
    s = summary(times)
    verdict = "ok" if s["median"] <= TARGET_MS else "OVER"
    print(f"Week screen first frame ({a.cols}x{a.rows}, {a.runs} runs): "
          f"median {s['median']:.1f} ms, p95 {s['p95']:.1f} ms, "
          f"min {s['min']:.1f} ms (target <= {TARGET_MS:g} ms: {verdict})")


if __name__ == "__main__":
    main()
