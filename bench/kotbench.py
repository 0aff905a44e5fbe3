#!/usr/bin/env python3
"""kot benchmarks: CLI latency, TUI start to first frame, idle TUI cost.

Run through bench/run.sh, which builds kot and generates the data. Subcommands:

  run       all measurements against --bin and --data, then the report
  selftest  check the pseudo-terminal harness on a tiny bash "TUI" (no kot needed)

Standard library only (Linux: /proc, pty, termios).
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import re
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"

TARGETS = {
    "first_frame_ms": 50.0,
    "plan_list_ms": 10.0,
    "peak_rss_mb": 15.0,
    "idle_cpu_s_per_hour": 1.0,
}


# ---------------------------------------------------------------- statistics


def percentile(xs, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = (len(s) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summary(xs):
    return {
        "n": len(xs),
        "median": percentile(xs, 50),
        "p95": percentile(xs, 95),
        "min": min(xs) if xs else float("nan"),
        "max": max(xs) if xs else float("nan"),
    }


# ---------------------------------------------------------------- CLI timing


def spawn_wait(argv, env, stdout_path=os.devnull):
    """Spawn (posix_spawn, no shell), wait; returns (seconds, exit code, maxrss kB)."""
    fa = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=fa)
    _, status, ru = os.wait4(pid, 0)
    t1 = time.perf_counter()
    return t1 - t0, os.waitstatus_to_exitcode(status), ru.ru_maxrss


def peak_rss_kb(argv, env, runs=5):
    """Peak RSS of a short command, from GNU time (`-f %M`); None without it.

    Not from our own wait4: a child spawned by this Python process starts out
    with Python's high-water mark (vfork/fork share or copy its memory map), so
    ru_maxrss would say ~10-15 MB for /bin/true. GNU time is a small parent.
    """
    gtime = "/usr/bin/time"
    if not os.access(gtime, os.X_OK):
        return None
    best = None
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        for _ in range(runs):
            _, code, _ = spawn_wait([gtime, "-f", "%M", "-o", out.name, *argv], env)
            if code != 0:
                return None
            out.seek(0)
            try:
                kb = int(out.read().strip().splitlines()[-1])
            except (ValueError, IndexError):
                return None
            best = kb if best is None else max(best, kb)
    return best


def time_command(argv, env, runs, warmup, use_hyperfine):
    """Latency of one command in ms: {'median','p95',...,'maxrss_kb','tool'}."""
    for _ in range(warmup):
        _, code, _ = spawn_wait(argv, env)
        if code != 0:
            raise RuntimeError(f"{shlex.join(argv)} exited with {code}")
    hf = shutil.which("hyperfine") if use_hyperfine else None
    if hf:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            # Its cache warnings go to stderr: shown only if it fails.
            hp = subprocess.run(
                [hf, "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                 "--export-json", out.name, shlex.join(argv)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            if hp.returncode != 0:
                raise RuntimeError(f"hyperfine failed: {hp.stderr.strip()}")
            res = json.load(open(out.name))["results"][0]
        times = [t * 1000 for t in res["times"]]
        s = summary(times)
        s["tool"] = "hyperfine"
    else:
        times = []
        for _ in range(runs):
            t, code, _ = spawn_wait(argv, env)
            if code != 0:
                raise RuntimeError(f"{shlex.join(argv)} exited with {code}")
            times.append(t * 1000)
        s = summary(times)
        s["tool"] = "python posix_spawn+wait4"
    s["maxrss_kb"] = peak_rss_kb(argv, env)
    return s


# ---------------------------------------------------------------- validation


def run_capture(argv, env, timeout=10):
    p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def validate(bin_, env, expected, dates):
    """`kot plan list --json --date D` agrees with what the generator wrote."""
    problems = []
    for d in dates:
        code, out, err = run_capture([bin_, "plan", "list", "--json", "--date", d], env)
        if code != 0:
            problems.append(f"{d}: exit {code}: {err.strip()}")
            continue
        got = json.loads(out)
        want = expected[d]
        checks = {
            "date": (got.get("date"), d),
            "place": (got.get("place"), want["place"]),
            "feeling": (got.get("feeling"), want["feeling"]),
            "tasks": ([t["id"] for t in got.get("tasks", [])], want["tasks"]),
            "blocks": (len(got.get("blocks", [])), want["blocks"]),
        }
        for k, (g, w) in checks.items():
            if g != w:
                problems.append(f"{d}: {k} is {g!r}, expected {w!r}")
        if err.strip():
            problems.append(f"{d}: stderr: {err.strip()}")
    return problems


def format_check(bin_, env, data, date):
    """Let kot rewrite one generated file (add a task, remove it) and compare bytes.

    Only next_task may differ. Runs on a copy, so the benchmark data stays as made.
    """
    src = os.path.join(data, "days", date[:4], f"{date}.toml")
    with tempfile.TemporaryDirectory(prefix="kotfmt-") as tmp:
        os.makedirs(os.path.join(tmp, "days", date[:4]))
        dst = os.path.join(tmp, "days", date[:4], f"{date}.toml")
        shutil.copyfile(src, dst)
        e = dict(env, KOT_DIR=tmp)
        code, out, err = run_capture([bin_, "plan", "add", "format", "probe", "--date", date], e)
        if code != 0:
            return f"plan add failed: {err.strip()}"
        m = re.search(r"(\d+)", out)
        if not m:
            return f"cannot find the new task id in {out!r}"
        code, _, err = run_capture([bin_, "plan", "rm", m.group(1), "--date", date], e)
        if code != 0:
            return f"plan rm failed: {err.strip()}"
        strip = lambda s: re.sub(r"(?m)^next_task = \d+$", "next_task = N", s)
        a, b = strip(open(src).read()), strip(open(dst).read())
        if a != b:
            import difflib
            diff = "".join(list(difflib.unified_diff(
                a.splitlines(True), b.splitlines(True), "generated", "kot"))[:40])
            return "kot rewrote the file differently:\n" + diff
    return None


# ---------------------------------------------------------------- pseudo-terminal


class PtyProc:
    """A child on a pseudo-terminal of a fixed size, with a minimal terminal
    emulator: it answers cursor-position, device-attribute and colour queries so
    a TUI that asks never waits for a timeout."""

    def __init__(self, argv, env, cols=100, rows=30):
        self.cols, self.rows = cols, rows
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.buf = bytearray()
        self.scanned = 0  # queries answered up to here
        self.first_byte = None  # perf_counter of the first output byte
        self.alt_at = None  # index just past ALT_SCREEN_ON in buf
        self.first_after_alt = None  # perf_counter of the first byte after it
        self.closed = False
        self.exit_code = None

        def make_controlling_tty():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
            start_new_session=True, preexec_fn=make_controlling_tty,
        )
        os.close(slave)

    # -- output

    def _answer_queries(self):
        data = bytes(self.buf[self.scanned:])
        replies = []
        last_end = 0
        for m in re.finditer(rb"\x1b\[6n|\x1b\[0?c|\x1b\[>0?c|\x1b\](1[01]);\?(\x07|\x1b\\)"
                             rb"|\x1b\[18t|\x1b\[\?u", data):
            q = m.group(0)
            last_end = m.end()
            if q == b"\x1b[6n":
                replies.append(b"\x1b[1;1R")
            elif q in (b"\x1b[c", b"\x1b[0c"):
                replies.append(b"\x1b[?62;22c")
            elif q.startswith(b"\x1b[>"):
                replies.append(b"\x1b[>1;10;0c")
            elif q == b"\x1b[18t":
                replies.append(b"\x1b[8;%d;%dt" % (self.rows, self.cols))
            elif q.startswith(b"\x1b]"):
                colour = b"ffff/ffff/ffff" if m.group(1) == b"10" else b"0000/0000/0000"
                replies.append(b"\x1b]" + m.group(1) + b";rgb:" + colour + m.group(2))
            # \x1b[?u (kitty keyboard query): unsupported, the DA1 answer says so.
        # Keep a possibly cut-off query at the end for the next round.
        tail = data.rfind(b"\x1b")
        keep = len(data) - tail if tail >= last_end and len(data) - tail < 8 else 0
        self.scanned = len(self.buf) - keep
        for r in replies:
            self.send(r)

    def pump(self, timeout):
        """Read what is there (waiting up to `timeout` s for the first chunk)."""
        if self.closed:
            return False
        r, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not r:
            return True
        got = False
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError as e:
                if e.errno == errno.EIO:  # the child closed the terminal
                    self.closed = True
                    break
                raise
            if not chunk:
                self.closed = True
                break
            now = time.perf_counter()
            if self.first_byte is None:
                self.first_byte = now
            self.buf += chunk
            got = True
            if self.alt_at is None:
                i = self.buf.find(ALT_SCREEN_ON)
                if i >= 0:
                    self.alt_at = i + len(ALT_SCREEN_ON)
            if self.alt_at is not None and self.first_after_alt is None \
                    and len(self.buf) > self.alt_at:
                self.first_after_alt = now
            if not select.select([self.master], [], [], 0)[0]:
                break
        if got:
            self._answer_queries()
        return not self.closed

    def screen_text(self, start=0):
        return strip_escapes(bytes(self.buf[start:]))

    def wait_for_marker(self, marker, timeout):
        """perf_counter when `marker` is visible after the alternate-screen switch."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            alive = self.pump(deadline - time.perf_counter())
            if self.alt_at is not None and marker in self.screen_text(self.alt_at):
                return time.perf_counter()
            if not alive or self.proc.poll() is not None:
                self.pump(0.05)
                if self.alt_at is not None and marker in self.screen_text(self.alt_at):
                    return time.perf_counter()
                return None
        return None

    def drain_until_quiet(self, quiet=0.05, limit=2.0):
        """Read until no output for `quiet` s; perf_counter of the last byte."""
        last = time.perf_counter()
        deadline = last + limit
        while time.perf_counter() < deadline:
            n = len(self.buf)
            if not self.pump(quiet):
                break
            if len(self.buf) == n:
                break
            last = time.perf_counter()
        return last

    # -- input and exit

    def send(self, data: bytes):
        try:
            os.write(self.master, data)
        except OSError:
            pass

    def wait_exit(self, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            code = self.proc.poll()
            if code is not None:
                self.exit_code = code
                return code
            self.pump(min(0.002, max(0.0, deadline - time.perf_counter())))
            if getattr(self, "restored_at", 0) is None \
                    and self.buf.find(ALT_SCREEN_OFF, getattr(self, "quit_from", 0)) >= 0:
                self.restored_at = time.perf_counter()
        return None

    def quit(self, key=b"q"):
        """Send `key`; escalate to Ctrl-C, SIGTERM, SIGKILL. Returns how it ended."""
        sent = time.perf_counter()
        self.quit_from = len(self.buf)
        self.restored_at = None
        self.send(key)
        how = "key"
        if self.wait_exit(3.0) is None:
            how = "ctrl-c"
            self.send(b"\x03")
            if self.wait_exit(2.0) is None:
                how = "SIGTERM"
                self.proc.terminate()
                if self.wait_exit(2.0) is None:
                    how = "SIGKILL"
                    self.proc.kill()
                    self.wait_exit(2.0)
        quit_ms = (time.perf_counter() - sent) * 1000
        self.restored_ms = ms(self.restored_at, sent)
        self.pump(0.02)
        self.close()
        return how, quit_ms

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.exit_code = self.proc.returncode
        try:
            os.close(self.master)
        except OSError:
            pass


_ESC_RE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    rb"|\x1b[@-Z\\-_]|\x1b[()#][0-9A-Za-z]"  # two-byte and charset
)


def strip_escapes(b: bytes) -> str:
    return _ESC_RE.sub(b"", b).decode("utf-8", "replace")


def first_frame_once(argv, env, marker, cols, rows, timeout):
    p = PtyProc(argv, env, cols, rows)
    t_marker = p.wait_for_marker(marker, timeout)
    r = {
        "first_byte_ms": ms(p.first_byte, p.t0),
        "after_alt_ms": ms(p.first_after_alt, p.t0),
        "marker_ms": ms(t_marker, p.t0),
    }
    if t_marker is None:
        p.pump(0.1)
        r["failed"] = True
        r["exited"] = exit_code_soon(p)
        r["output"] = p.screen_text().strip()
        p.close()
        return r
    r["settled_ms"] = ms(p.drain_until_quiet(), p.t0)
    how, quit_ms = p.quit()
    r["quit"] = how
    r["quit_ms"] = quit_ms
    r["restore_ms"] = p.restored_ms
    r["exit_code"] = p.exit_code
    r["restored"] = p.buf.rfind(ALT_SCREEN_OFF) > (p.alt_at or 0)
    return r


def exit_code_soon(p, timeout=1.0):
    """The exit code if the child ends within `timeout` s (it may be closing)."""
    try:
        return p.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def ms(t, t0):
    return None if t is None else (t - t0) * 1000


def bench_first_frame(argv, env, runs, marker, cols, rows, timeout):
    results = []
    for i in range(runs):
        r = first_frame_once(argv, env, marker, cols, rows, timeout)
        if r.get("failed"):
            return {"available": False, "reason": describe_failure(r, marker), "run": i + 1}
        results.append(r)

    def col(k):
        return [r[k] for r in results if r.get(k) is not None]

    return {
        "available": True,
        "runs": len(results),
        "marker": summary(col("marker_ms")),
        "after_alt": summary(col("after_alt_ms")),
        "settled": summary(col("settled_ms")),
        "quit": summary(col("quit_ms")),
        "restore": summary(col("restore_ms")),
        "quit_by": sorted({r["quit"] for r in results}),
        "exit_codes": sorted({r["exit_code"] for r in results}),
        "terminal_restored": all(r["restored"] for r in results),
    }


def describe_failure(r, marker):
    out = " ".join(r.get("output", "").split())
    if r.get("exited") is not None:
        return f"exited with {r['exited']} before a frame: {out[:200] or '(no output)'}"
    if r.get("after_alt_ms") is None:
        return f"no alternate screen within the timeout; output: {out[:200] or '(none)'}"
    return f"marker {marker!r} not seen within the timeout; screen: {out[:200]}"


# ---------------------------------------------------------------- /proc sampling


CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc_sample(pid):
    """CPU (stat ticks and schedstat ns), context switches, memory of a process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    s = {"cpu_s": (utime + stime) / CLK_TCK, "sched_ns": 0, "vol": 0, "nonvol": 0, "threads": 0}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                s[k] = int(v.split()[0])
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches"):
                        s["vol"] += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches"):
                        s["nonvol"] += int(line.split()[1])
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                s["sched_ns"] += int(f.read().split()[0])
            s["threads"] += 1
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that just ended
    return s


def bench_idle(argv, env, seconds, marker, cols, rows, timeout, sample_every=1.0,
               progress=None):
    p = PtyProc(argv, env, cols, rows)
    t_marker = p.wait_for_marker(marker, timeout)
    if t_marker is None:
        p.pump(0.1)
        r = {"failed": True, "exited": exit_code_soon(p), "output": p.screen_text().strip(),
             "after_alt_ms": ms(p.first_after_alt, p.t0)}
        p.close()
        return {"available": False, "reason": describe_failure(r, marker)}
    p.drain_until_quiet()
    pid = p.proc.pid
    start = proc_sample(pid)
    t_start = time.perf_counter()
    start_bytes = len(p.buf)
    peak_rss = start.get("VmRSS", 0)
    max_threads = start["threads"]
    end = start
    died = None
    next_report = t_start + 60
    while True:
        now = time.perf_counter()
        left = t_start + seconds - now
        if left <= 0:
            break
        p.pump(min(sample_every, left))
        if p.proc.poll() is not None:
            died = p.proc.returncode
            break
        try:
            end = proc_sample(pid)
        except (FileNotFoundError, ProcessLookupError):
            died = p.proc.wait()
            break
        peak_rss = max(peak_rss, end.get("VmRSS", 0))
        max_threads = max(max_threads, end["threads"])
        if progress and time.perf_counter() >= next_report:
            progress(f"  idle: {time.perf_counter() - t_start:.0f}/{seconds:.0f} s")
            next_report += 60
    elapsed = time.perf_counter() - t_start
    idle_bytes = len(p.buf) - start_bytes
    how, _ = p.quit() if died is None else ("died", 0)
    if died is not None:
        p.close()
    cpu = end["cpu_s"] - start["cpu_s"]
    sched = (end["sched_ns"] - start["sched_ns"]) / 1e9
    # Ticks are 1/CLK_TCK s; schedstat is exact but misses threads that ended.
    precise = sched if end["sched_ns"] and sched >= 0 else cpu
    wakeups = (end["vol"] + end["nonvol"]) - (start["vol"] + start["nonvol"])
    return {
        "available": True,
        "seconds": elapsed,
        "died": died,
        "quit_by": how,
        "startup_cpu_s": start["sched_ns"] / 1e9 if start["sched_ns"] else start["cpu_s"],
        "cpu_s_ticks": cpu,
        "cpu_s_schedstat": sched if end["sched_ns"] else None,
        "cpu_s": precise,
        "cpu_s_per_hour": precise / elapsed * 3600 if elapsed > 0 else float("nan"),
        "wakeups": wakeups,
        "wakeups_per_s": wakeups / elapsed if elapsed > 0 else float("nan"),
        "voluntary": end["vol"] - start["vol"],
        "nonvoluntary": end["nonvol"] - start["nonvol"],
        "peak_rss_kb": max(end.get("VmHWM", 0), peak_rss),
        "rss_end_kb": end.get("VmRSS"),
        "threads": max_threads,
        "idle_output_bytes": idle_bytes,
    }


# ---------------------------------------------------------------- self-test

SELFTEST_SCRIPT = r"""
printf '\033[?1049h'
sleep 0.05
printf '\033[6n'
IFS= read -rs -d R pos
printf '\033[1;1Hkot frame size=%s pos=%s' "$(stty size)" "${pos#?[}"
IFS= read -rs -n 1 key
printf '\033[?1049l'
[ "$key" = q ] && exit 0 || exit 3
"""


def selftest():
    """The harness against bash: the timing, the query answers, the window size."""
    ok = True
    r = first_frame_once(["bash", "-c", SELFTEST_SCRIPT], dict(os.environ, TERM="xterm-256color"),
                         "kot frame", 100, 30, 5.0)
    print(json.dumps(r, indent=1, default=str))
    checks = [
        ("marker seen", not r.get("failed")),
        ("first byte after alt screen is the query (≥ 50 ms sleep)",
         (r.get("after_alt_ms") or 0) >= 45),
        ("marker after the cursor-position reply", (r.get("marker_ms") or 0) >= (r.get("after_alt_ms") or 1e9)),
        ("quit by key q, exit 0", r.get("quit") == "key" and r.get("exit_code") == 0),
        ("terminal restored", r.get("restored")),
    ]
    p = PtyProc(["bash", "-c", SELFTEST_SCRIPT], dict(os.environ, TERM="xterm-256color"), 100, 30)
    p.wait_for_marker("kot frame", 5.0)
    p.drain_until_quiet()
    text = p.screen_text()
    s = proc_sample(p.proc.pid)
    p.quit()
    checks.append(("window is 30 rows x 100 cols", "size=30 100" in text))
    checks.append(("cursor-position query answered", "pos=1;1" in text))
    checks.append(("/proc sampling works", s["threads"] >= 1 and s.get("VmHWM", 0) > 0))
    # A child that fails at once is reported, not waited on.
    r2 = first_frame_once(["bash", "-c", "echo 'kot: the TUI is being built' >&2; exit 1"],
                          dict(os.environ), "kot", 100, 30, 5.0)
    checks.append(("an early exit is a failure with its message",
                   r2.get("failed") and "being built" in r2.get("output", "")))
    # Idle sampling against a fake TUI that wakes up 20 times a second.
    fake = ("import os,select,sys,time,tty; tty.setraw(0); "
            "os.write(1,b'\\x1b[?1049hkot idle'); "
            "exec('while True:\\n r=select.select([0],[],[],0.05)[0]\\n "
            "if r and os.read(0,1)==b\"q\": break'); os.write(1,b'\\x1b[?1049l')")
    idle = bench_idle([sys.executable, "-c", fake], dict(os.environ), 2.0, "kot idle", 100, 30, 5.0)
    print(json.dumps(idle, indent=1, default=str))
    checks.append(("idle: about 20 wake-ups/s counted",
                   idle.get("available") and 15 <= idle["wakeups_per_s"] <= 30))
    checks.append(("idle: quit by q", idle.get("quit_by") == "key"))
    for name, good in checks:
        print(f"  {'ok ' if good else 'BAD'} {name}")
        ok &= bool(good)
    return 0 if ok else 1


# ---------------------------------------------------------------- report


def fmt(x, unit="", digits=1):
    if x is None or x != x:
        return "—"
    return f"{x:.{digits}f}{unit}"


def verdict(value, target):
    if value is None or value != value:
        return "n/a"
    return "ok" if value < target else "MISS"


def report(res):
    rows = []
    for name, s in res.get("plan_list", {}).items():
        rows.append((name, f"{fmt(s['median'], ' ms', 2)}", f"{fmt(s['p95'], ' ms', 2)}",
                     f"< {TARGETS['plan_list_ms']:g} ms", verdict(s["p95"], TARGETS["plan_list_ms"]),
                     f"maxrss {fmt(s['maxrss_kb'] / 1024 if s.get('maxrss_kb') else None, ' MB')}"))
    base = res.get("spawn_baseline")
    if base:
        rows.append(("(spawn /bin/true: harness cost)", fmt(base["median"], " ms", 2),
                     fmt(base["p95"], " ms", 2), "", "", ""))
    ff = res.get("first_frame")
    if ff:
        if ff["available"]:
            m, a, st = ff["marker"], ff["after_alt"], ff["settled"]
            t = TARGETS["first_frame_ms"]
            rows.append((f"TUI first frame (marker {res['marker']!r})", fmt(m["median"], " ms"),
                         fmt(m["p95"], " ms"), f"< {t:g} ms", verdict(m["p95"], t),
                         f"{ff['runs']} runs"))
            rows.append(("TUI first byte after alt screen", fmt(a["median"], " ms"),
                         fmt(a["p95"], " ms"), "", "", ""))
            rows.append(("TUI first frame fully written", fmt(st["median"], " ms"),
                         fmt(st["p95"], " ms"), "", "", "no output for 50 ms after"))
            rows.append(("TUI q to terminal restored", fmt(ff["restore"]["median"], " ms"),
                         fmt(ff["restore"]["p95"], " ms"), "", "",
                         "\\e[?1049l seen" if ff["terminal_restored"] else "NOT restored"))
            rows.append(("TUI q to process exit", fmt(ff["quit"]["median"], " ms"),
                         fmt(ff["quit"]["p95"], " ms"), "", "",
                         f"by {'/'.join(ff['quit_by'])}, exit {ff['exit_codes']}"))
        else:
            rows.append(("TUI first frame", "—", "—", f"< {TARGETS['first_frame_ms']:g} ms",
                         "n/a", "TUI not available"))
    idle = res.get("idle")
    if idle:
        if idle["available"]:
            mb = idle["peak_rss_kb"] / 1024
            rows.append(("TUI peak memory (VmHWM)", fmt(mb, " MB"), "",
                         f"< {TARGETS['peak_rss_mb']:g} MB", verdict(mb, TARGETS["peak_rss_mb"]),
                         f"{idle['threads']} threads"))
            rows.append((f"TUI idle CPU ({idle['seconds']:.0f} s)",
                         fmt(idle["cpu_s_per_hour"], " s/h", 3), "",
                         f"< {TARGETS['idle_cpu_s_per_hour']:g} s/h",
                         verdict(idle["cpu_s_per_hour"], TARGETS["idle_cpu_s_per_hour"]),
                         f"{fmt(idle['cpu_s'], ' s', 3)} used"
                         + (" — process DIED" if idle["died"] is not None else "")))
            rows.append(("TUI idle wake-ups", fmt(idle["wakeups_per_s"], " /s", 2), "", "", "",
                         f"{idle['voluntary']} vol + {idle['nonvoluntary']} invol, "
                         f"{idle['idle_output_bytes']} B output"))
        else:
            rows.append(("TUI idle CPU / memory", "—", "", "", "n/a", "TUI not available"))
    head = ("measurement", "median", "p95", "target", "", "notes")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    for k in ("first_frame", "idle"):
        v = res.get(k)
        if v and not v["available"]:
            print(f"\nTUI not available: {v['reason']}")
            break
    print("\nTargets: first frame < 50 ms, plan list < 10 ms, peak memory < 15 MB, "
          "idle CPU < 1 s/hour. Latency verdicts use p95.")


# ---------------------------------------------------------------- main


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cmd_run(a):
    env = dict(os.environ)
    for k in ("COLUMNS", "LINES"):
        env.pop(k, None)
    env.update(KOT_DIR=a.data, KOT_NOW=a.now, TZ=a.tz, TERM="xterm-256color")
    res = {"bin": a.bin, "data": a.data, "now": a.now, "tz": a.tz, "marker": a.marker}
    load = os.getloadavg()[0]
    res["loadavg_start"] = load
    if load > 0.5 * (os.cpu_count() or 1):
        log(f"warning: load average {load:.2f} on {os.cpu_count()} CPUs: timings will be noisy")
    gen = json.load(open(a.gen_summary)) if a.gen_summary else {}
    res["generated"] = gen
    busy = a.busy_date or gen.get("max_tasks_date")

    if a.expected:
        expected = json.load(open(a.expected))
        dates = sorted(expected)
        if a.validate != "all":
            step = max(1, len(dates) // int(a.validate))
            dates = dates[::step][: int(a.validate)]
        log(f"validating {len(dates)} day files with `kot plan list --json --date` …")
        problems = validate(a.bin, env, expected, dates)
        res["validated"] = len(dates)
        res["validation_problems"] = problems
        for p_ in problems[:10]:
            log(f"  PROBLEM {p_}")
        if problems:
            log(f"  {len(problems)} problems")
        if busy:
            msg = format_check(a.bin, env, a.data, busy)
            res["format_check"] = msg or "ok"
            log(f"format check on {busy}: {msg or 'kot rewrites the file byte for byte'}")

    if a.runs > 0:
        log(f"timing the CLI ({a.runs} runs each) …")
        cmds = {
            "plan list (today, no file)": ["plan", "list"],
            "plan list --json (today)": ["plan", "list", "--json"],
        }
        if busy:
            cmds[f"plan list --date {busy}"] = ["plan", "list", "--date", busy]
            cmds[f"plan list --json --date {busy}"] = ["plan", "list", "--json", "--date", busy]
        res["plan_list"] = {}
        for name, args in cmds.items():
            res["plan_list"][name] = time_command([a.bin, *args], env, a.runs, 3, not a.no_hyperfine)
            s = res["plan_list"][name]
            log(f"  {name}: median {s['median']:.2f} ms, p95 {s['p95']:.2f} ms")
        res["spawn_baseline"] = time_command(["/bin/true"], env, a.runs, 3, False)

    if a.tui_runs > 0:
        log(f"TUI start to first frame ({a.tui_runs} runs, {a.cols}x{a.rows}) …")
        res["first_frame"] = bench_first_frame([a.bin], env, a.tui_runs, a.marker, a.cols,
                                               a.rows, a.frame_timeout)
        if not res["first_frame"]["available"]:
            log(f"  TUI not available: {res['first_frame']['reason']}")

    tui_ok = res.get("first_frame", {}).get("available", True)
    if a.idle_seconds > 0 and tui_ok:
        log(f"idle TUI for {a.idle_seconds:g} s …")
        res["idle"] = bench_idle([a.bin], env, a.idle_seconds, a.marker, a.cols, a.rows,
                                 a.frame_timeout, progress=log)
    elif a.idle_seconds > 0:
        res["idle"] = {"available": False, "reason": res["first_frame"]["reason"]}

    print()
    if gen:
        print(f"data: {gen.get('files')} day files, {gen.get('tasks')} tasks, "
              f"{gen.get('blocks')} blocks, {gen.get('bytes', 0) / 1e6:.1f} MB in {a.data}")
    if "validated" in res:
        print(f"validated: {res['validated']} files read back by kot, "
              f"{len(res['validation_problems'])} problems; format check: "
              f"{res.get('format_check', 'skipped').splitlines()[0]}")
    res["loadavg_end"] = os.getloadavg()[0]
    print(f"KOT_NOW={a.now} TZ={a.tz}  bin={a.bin}")
    print(f"machine: {os.cpu_count()} CPUs, load average {res['loadavg_start']:.2f} at start, "
          f"{res['loadavg_end']:.2f} at end\n")
    report(res)
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump(res, f, indent=1, default=str)
        print(f"\nraw results: {a.json_out}")
    return 1 if res.get("validation_problems") else 0


def main(argv=None):
    p = argparse.ArgumentParser(description="kot benchmarks")
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--bin", required=True)
    r.add_argument("--data", required=True)
    r.add_argument("--now", default="2026-11-23T09:00:00")
    r.add_argument("--tz", default="Europe/Brussels")
    r.add_argument("--gen-summary")
    r.add_argument("--expected")
    r.add_argument("--validate", default="all", help="'all' or how many files to check")
    r.add_argument("--busy-date")
    r.add_argument("--runs", type=int, default=50)
    r.add_argument("--tui-runs", type=int, default=20)
    r.add_argument("--idle-seconds", type=float, default=600)
    r.add_argument("--marker", default="kot")
    r.add_argument("--cols", type=int, default=100)
    r.add_argument("--rows", type=int, default=30)
    r.add_argument("--frame-timeout", type=float, default=5.0)
    r.add_argument("--no-hyperfine", action="store_true")
    r.add_argument("--json-out")
    sub.add_parser("selftest")
    a = p.parse_args(argv)
    if a.cmd == "selftest":
        return selftest()
    return cmd_run(a)


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
