#!/usr/bin/env python3
"""kot benchmarks: CLI latency, TUI start to first frame, idle TUI cost.

Run through bench/run.sh, which builds kot and generates the data. Subcommands:

  run       all measurements against --bin and --data, then the report
  selftest  check the pseudo-terminal harness on a tiny bash "TUI" (no kot needed)

Standard library only (Linux: /proc, pty, termios).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
import zoneinfo

ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"

TARGETS = {
    "first_frame_ms": 50.0,
    "plan_list_ms": 10.0,
    "status_ms": 5.0,
    "peak_rss_mb": 15.0,
    "idle_cpu_s_per_hour": 1.0,
    # A countdown changes a few cells a second: it should cost a fraction of that.
    "idle_cpu_s_per_hour_countdown": 0.5,
    # Voluntary context switches of all threads (involuntary ones are
    # preemptions: they grow with the machine's load, not with kot). A break
    # countdown redraws once a second (5 % slack for the file write every
    # 10 min and the watch wake-up it causes); otherwise the screen changes
    # once a minute. A status bar's `kot status` must wake nobody.
    "wakeups_per_s_countdown": 1.05,
    "wakeups_per_s_idle": 0.1,
    # Bytes to the terminal: a second of countdown is a digit or two.
    "terminal_kib_per_min": 1.5,
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


def median(xs):
    return percentile(xs, 50)


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
    """`kot plan list --json --date D` agrees with what the generator wrote, and
    `kot status --json` on that day (at 18:00) counts its breaks the same."""
    problems = []
    for d in dates:
        want = expected[d]
        if "breaks" in want:
            e = dict(env, KOT_NOW=f"{d}T18:00:00")
            code, out, err = run_capture([bin_, "status", "--json"], e)
            if code != 0:
                problems.append(f"{d}: status exit {code}: {err.strip()}")
            else:
                # "Breaks today: 4 taken, 1 skipped, 0 ignored": the tooltip's
                # last line (a kot before ignored breaks leaves out the third).
                last = json.loads(out).get("tooltip", "").splitlines()[-1:] or [""]
                got = [int(x) for x in re.findall(r"\d+", last[0])] + [0]
                got = got[:3]
                want_b = (list(want["breaks"]) + [0, 0, 0])[:3]
                if got != want_b:
                    problems.append(f"{d}: status counts breaks {got} (taken, skipped, "
                                    f"ignored), expected {want_b}: {last[0]!r}")
        code, out, err = run_capture([bin_, "plan", "list", "--json", "--date", d], env)
        if code != 0:
            problems.append(f"{d}: exit {code}: {err.strip()}")
            continue
        got = json.loads(out)
        checks = {
            "date": (got.get("date"), d),
            "place": (got.get("place"), want["place"]),
            "feeling": (got.get("feeling"), want["feeling"]),
            # `plan list` shows carried and dropped tasks too, with their status;
            # the generator's list holds the day's own (open and done).
            "tasks": ([t["id"] for t in got.get("tasks", [])
                       if t.get("status", "open") in ("open", "done")], want["tasks"]),
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


# ---------------------------------------------------------------- today's file

DBUS_NOWHERE = {
    # Notifications fail at once, logind is absent: no bus to wait for.
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
    "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/nonexistent/bus",
}

# name: (KOT_NOW time of day, what the coach is doing then)
SCENARIOS = {
    "status": ("10:20:00", "focus: a break 09:52-10:04 behind, the next due 10:54"),
    "focus": ("10:00:00", "focus since 09:59 (a break just ended), next break 10:49, "
                          "micro-pause 10:19"),
    "break": ("10:00:30", "a long break since 10:00:00 with its countdown in seconds"),
    "checkin": (None, "no file for today: the morning check-in (KOT_NOW)"),
}


def local_stamp(tz, date, hms):
    """`2026-11-23T10:00:00+01:00`: a local time with its offset, as kot writes it."""
    off = dt.datetime.fromisoformat(f"{date}T{hms}").replace(
        tzinfo=zoneinfo.ZoneInfo(tz)).strftime("%z")
    return f"{date}T{hms}{off[:3]}:{off[3:]}"


def today_text(date, tz, scenario, break_minutes=20):
    """Today's file for a scenario, in kot's own format: checked in at 08:55,
    three tasks, the standup behind and a call in the afternoon, and the coach's
    records of the morning."""
    st = lambda hms: f'"{local_stamp(tz, date, hms)}"'
    lines = [
        "schema = 1", f'date = "{date}"', 'place = "home"', "next_task = 4", "next_block = 3",
        "", "[checkin]", f"at = {st('08:55:00')}", "feeling = 4",
        "", "[[tasks]]", "id = 1", 'title = "Review Anna\'s PR"', "top = true",
        'estimate = "30m"',
        "", "[[tasks]]", "id = 2", 'title = "Write quarterly report"', "top = true",
        'estimate = "2h"',
        "", "[[tasks]]", "id = 3", 'title = "Reply to customer emails"',
        "", "[[blocks]]", "id = 1", 'span = "09:30-09:45"', 'title = "Standup"',
        'kind = "meeting"', "video = true",
        "", "[[blocks]]", "id = 2", 'span = "14:00-15:00"', 'title = "Client call"',
        'kind = "meeting"', "video = true",
    ]
    if scenario == "status":
        lines += ["", "[coach]", f"focus_since = {st('10:04:10')}", f"seen_at = {st('10:15:00')}",
                  "", "[[breaks]]", 'kind = "short"', 'outcome = "taken"', 'counted = "you"',
                  f"due = {st('09:50:00')}", f"start = {st('09:52:10')}",
                  f"end = {st('10:04:10')}"]
    elif scenario == "focus":
        lines += ["", "[coach]", f"focus_since = {st('09:59:00')}",
                  "", "[[breaks]]", 'kind = "short"', 'outcome = "taken"', 'counted = "you"',
                  f"due = {st('09:50:00')}", f"start = {st('09:50:20')}",
                  f"end = {st('09:59:00')}", "ended_early = true"]
    elif scenario == "break":
        lines += ["", "[coach.on_break]", 'kind = "long"', f"start = {st('10:00:00')}",
                  f"minutes = {break_minutes}", f"due = {st('09:50:00')}"]
    else:
        raise ValueError(scenario)
    return "\n".join(lines) + "\n"


def put_today(path, text):
    """Write (text) or remove (None) today's file."""
    if text is None:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        return
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def coach_state(bin_, env):
    """What `kot status --json` says: (class, text)."""
    code, out, err = run_capture([bin_, "status", "--json"], env)
    if code != 0:
        return "error", err.strip()
    j = json.loads(out)
    return j.get("class"), j.get("text")


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
        self.chunks = None  # a list: (perf_counter, bytes) of every read from now on

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
            if self.chunks is not None:
                self.chunks.append((now, len(chunk)))
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


def bench_first_frame(argv, env, runs, marker, cols, rows, timeout, before=None):
    """`runs` starts; `before()` runs ahead of each (to put the data back as it was)."""
    results = []
    for i in range(runs):
        if before:
            before()
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
    s = {"cpu_s": (utime + stime) / CLK_TCK, "sched_ns": 0, "vol": 0, "nonvol": 0, "threads": 0,
         "per_thread": {}}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                s[k] = int(v.split()[0])
    for tid in os.listdir(f"/proc/{pid}/task"):
        t = {"name": "?", "vol": 0, "nonvol": 0, "sched_ns": 0}
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith("Name:"):
                        t["name"] = line.split(":", 1)[1].strip()
                    elif line.startswith("voluntary_ctxt_switches"):
                        t["vol"] = int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches"):
                        t["nonvol"] = int(line.split()[1])
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                t["sched_ns"] = int(f.read().split()[0])
            # Where it sleeps (do_epoll_wait, futex_wait…): tells unnamed threads apart.
            with open(f"/proc/{pid}/task/{tid}/wchan") as f:
                t["wchan"] = f.read().strip()
        except (FileNotFoundError, ProcessLookupError):
            continue  # a thread that just ended
        s["vol"] += t["vol"]
        s["nonvol"] += t["nonvol"]
        s["sched_ns"] += t["sched_ns"]
        s["threads"] += 1
        s["per_thread"][int(tid)] = t
    return s


def thread_deltas(start, end, main_tid):
    """Per thread (main first, then by wake-ups): what it did between two samples.
    A thread started in between counts from zero; one that ended is missing."""
    out = []
    for tid, t in end["per_thread"].items():
        t0 = start["per_thread"].get(tid, {"vol": 0, "nonvol": 0, "sched_ns": 0})
        out.append({
            "tid": tid, "name": t["name"], "wchan": t.get("wchan", ""),
            "new": tid not in start["per_thread"],
            "wakeups": t["vol"] + t["nonvol"] - t0["vol"] - t0["nonvol"],
            "nonvoluntary": t["nonvol"] - t0["nonvol"],
            "cpu_ms": (t["sched_ns"] - t0["sched_ns"]) / 1e6,
        })
    out.sort(key=lambda x: (x["tid"] != main_tid, -x["wakeups"], x["tid"]))
    return out


def bursts(chunks, gap=0.1):
    """Output chunks closer than `gap` s belong to one redraw."""
    n, last = 0, None
    for t, _ in chunks:
        if last is None or t - last > gap:
            n += 1
        last = t
    return n


def sched_ns(pid):
    """Run time of all of a process's threads (schedstat, ns)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def bench_idle(argv, env, seconds, marker, cols, rows, timeout, sample_every=1.0,
               progress=None, status_every=0.0, floor_argv=None, window=30.0):
    """An idle TUI for `seconds`. With `status_every`, `kot status` runs that
    often beside it, as a status bar would (argv[0] is kot). With
    `floor_argv`, that program (bench/floor/tick.c: wakes once a second,
    writes a clock) runs on a terminal of its own through the same seconds,
    and both are read every `window` s: on a shared machine what a wake-up
    costs swings tenfold from minute to minute, so kot's CPU means something
    only beside the floor's in the same windows."""
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
    floor = None
    if floor_argv:
        floor = PtyProc(floor_argv, dict(os.environ), cols, rows)
        floor.pump(1.5)  # past its start
    start = proc_sample(pid)
    t_start = time.perf_counter()
    windows = []
    marks = (t_start, start["sched_ns"], sched_ns(floor.proc.pid) if floor else 0)
    floor_start = marks[2]
    start_bytes = len(p.buf)
    p.chunks = []
    peak_rss = start.get("VmRSS", 0)
    max_threads = start["threads"]
    end = start
    died = None
    next_report = t_start + 60
    next_status = t_start + status_every if status_every > 0 else float("inf")
    statuses = 0
    while True:
        now = time.perf_counter()
        left = t_start + seconds - now
        if left <= 0:
            break
        if now >= next_status:
            spawn_wait([argv[0], "status"], env)
            statuses += 1
            next_status += status_every
        p.pump(min(sample_every, left, max(0.0, next_status - time.perf_counter())))
        if floor:
            floor.pump(0)
        if p.proc.poll() is not None:
            died = p.proc.returncode
            break
        try:
            end = proc_sample(pid)
        except (FileNotFoundError, ProcessLookupError):
            died = p.proc.wait()
            break
        if floor and time.perf_counter() - marks[0] >= window:
            at, f_ns = time.perf_counter(), sched_ns(floor.proc.pid)
            hours = (at - marks[0]) / 3600
            windows.append({"kot_s_per_hour": (end["sched_ns"] - marks[1]) / 1e9 / hours,
                            "floor_s_per_hour": (f_ns - marks[2]) / 1e9 / hours})
            marks = (at, end["sched_ns"], f_ns)
        peak_rss = max(peak_rss, end.get("VmRSS", 0))
        max_threads = max(max_threads, end["threads"])
        if progress and time.perf_counter() >= next_report:
            progress(f"  idle: {time.perf_counter() - t_start:.0f}/{seconds:.0f} s")
            next_report += 60
    elapsed = time.perf_counter() - t_start
    floor_res = None
    if floor:
        floor_ns = sched_ns(floor.proc.pid) - floor_start
        floor.close()
        diffs = [w["kot_s_per_hour"] - w["floor_s_per_hour"] for w in windows]
        floor_res = {
            "argv": floor_argv,
            "cpu_s_per_hour": floor_ns / 1e9 / elapsed * 3600 if elapsed > 0 else float("nan"),
            "window_s": window,
            "windows": windows,
            "kot_median_s_per_hour": median([w["kot_s_per_hour"] for w in windows]),
            "floor_median_s_per_hour": median([w["floor_s_per_hour"] for w in windows]),
            "above_floor_median_s_per_hour": median(diffs),
            "kot_min_s_per_hour": min((w["kot_s_per_hour"] for w in windows), default=None),
            "floor_min_s_per_hour": min((w["floor_s_per_hour"] for w in windows), default=None),
        }
    idle_bytes = len(p.buf) - start_bytes
    chunks, p.chunks = p.chunks, None
    idle_out = bytes(p.buf[start_bytes:])
    # What the last redraws changed (a countdown's digits, a banner).
    tail = strip_escapes(idle_out[-2000:])
    bells = re.sub(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", b"", idle_out).count(b"\x07")
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
        "voluntary_per_s": (end["vol"] - start["vol"]) / elapsed if elapsed > 0 else float("nan"),
        "status_runs": statuses,
        "nonvoluntary": end["nonvol"] - start["nonvol"],
        "peak_rss_kb": max(end.get("VmHWM", 0), peak_rss),
        "rss_end_kb": end.get("VmRSS"),
        "threads": max_threads,
        "idle_output_bytes": idle_bytes,
        "output_bytes_per_s": idle_bytes / elapsed if elapsed > 0 else float("nan"),
        "output_kib_per_min": idle_bytes / 1024 / elapsed * 60 if elapsed > 0 else float("nan"),
        "redraws": bursts(chunks),
        "redraws_per_s": bursts(chunks) / elapsed if elapsed > 0 else float("nan"),
        "bells": bells,
        "per_thread": thread_deltas(start, end, pid),
        "last_output": " ".join(tail.split())[-200:],
        "floor": floor_res,
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


def verdict(value, target, at_most=False):
    if value is None or value != value:
        return "n/a"
    return "ok" if (value <= target if at_most else value < target) else "MISS"


def cli_rows(rows, group, target):
    for name, s in group.items():
        rows.append((name, f"{fmt(s['median'], ' ms', 2)}", f"{fmt(s['p95'], ' ms', 2)}",
                     f"< {target:g} ms", verdict(s["p95"], target),
                     f"maxrss {fmt(s['maxrss_kb'] / 1024 if s.get('maxrss_kb') else None, ' MB')}"))


def idle_rows(rows, name, idle):
    if not idle["available"]:
        rows.append((f"TUI idle, {name}", "—", "", "", "n/a", "TUI not available"))
        return
    secs = idle["seconds"]
    died = " — process DIED" if idle["died"] is not None else ""
    countdown = name == "break"
    ct = TARGETS["idle_cpu_s_per_hour_countdown" if countdown else "idle_cpu_s_per_hour"]
    rows.append((f"TUI idle, {name}: CPU ({secs:.0f} s)", fmt(idle["cpu_s_per_hour"], " s/h", 3),
                 "", f"{'≤' if countdown else '<'} {ct:g} s/h",
                 verdict(idle["cpu_s_per_hour"], ct, at_most=countdown),
                 f"{fmt(idle['cpu_s'], ' s', 3)} used; coach: {idle.get('state')}{died}"))
    fl = idle.get("floor")
    if fl and fl["windows"]:
        n = len(fl["windows"])
        rows.append((f"TUI idle, {name}: 1 Hz floor, same time", fmt(fl["cpu_s_per_hour"], " s/h", 3),
                     "", "", "",
                     f"bench/floor/tick.c beside kot; in {n} windows of {fl['window_s']:g} s, "
                     f"median kot {fmt(fl['kot_median_s_per_hour'], '', 3)}, "
                     f"floor {fmt(fl['floor_median_s_per_hour'], '', 3)}; "
                     f"least kot {fmt(fl['kot_min_s_per_hour'], '', 3)}, "
                     f"floor {fmt(fl['floor_min_s_per_hour'], '', 3)}"))
        rows.append((f"TUI idle, {name}: kot above the floor", 
                     fmt(fl["above_floor_median_s_per_hour"], " s/h", 3), "", "", "",
                     "median over the windows of kot's CPU less the floor's: what kot itself "
                     "adds to any program that wakes once a second"))
    wt = TARGETS["wakeups_per_s_countdown" if countdown else "wakeups_per_s_idle"]
    main = idle["per_thread"][0] if idle.get("per_thread") else None
    status = (f"; kot status every {secs / idle['status_runs']:.0f} s beside it"
              if idle.get("status_runs") else "")
    rows.append((f"TUI idle, {name}: wake-ups", fmt(idle["voluntary_per_s"], " /s", 3), "",
                 f"≤ {wt:g} /s", verdict(idle["voluntary_per_s"], wt, at_most=True),
                 f"voluntary; + {idle['nonvoluntary'] / secs:.3f} invol/s (load)"
                 + (f"; main thread {main['wakeups']}" if main else "") + status))
    bt = TARGETS["terminal_kib_per_min"]
    rows.append((f"TUI idle, {name}: terminal bytes", fmt(idle["output_kib_per_min"], " KiB/min", 2),
                 "", f"≤ {bt:g} KiB/min", verdict(idle["output_kib_per_min"], bt, at_most=True),
                 f"{idle['idle_output_bytes']} B in {idle['redraws']} redraws "
                 f"({fmt(idle['redraws_per_s'], '/s', 3)}), {idle['bells']} bells"))
    mb = idle["peak_rss_kb"] / 1024
    rows.append((f"TUI idle, {name}: peak memory", fmt(mb, " MB"), "",
                 f"< {TARGETS['peak_rss_mb']:g} MB", verdict(mb, TARGETS["peak_rss_mb"]),
                 f"VmHWM; {idle['threads']} threads"))


def report(res):
    rows = []
    cli_rows(rows, res.get("plan_list", {}), TARGETS["plan_list_ms"])
    st = res.get("status_state")
    if res.get("status"):
        cli_rows(rows, {f"{k} ({st['class']}, 5 y of history)": v
                        for k, v in res["status"].items()}, TARGETS["status_ms"])
    base = res.get("spawn_baseline")
    if base:
        rows.append(("(spawn /bin/true: harness cost)", fmt(base["median"], " ms", 2),
                     fmt(base["p95"], " ms", 2), "", "", "python loop"))
    ff = res.get("first_frame")
    if ff:
        if ff["available"]:
            m, a, st_ = ff["marker"], ff["after_alt"], ff["settled"]
            t = TARGETS["first_frame_ms"]
            rows.append((f"TUI first frame (marker {res['marker']!r})", fmt(m["median"], " ms"),
                         fmt(m["p95"], " ms"), f"< {t:g} ms", verdict(m["p95"], t),
                         f"{ff['runs']} runs"))
            rows.append(("TUI first byte after alt screen", fmt(a["median"], " ms"),
                         fmt(a["p95"], " ms"), "", "", ""))
            rows.append(("TUI first frame fully written", fmt(st_["median"], " ms"),
                         fmt(st_["p95"], " ms"), "", "", "no output for 50 ms after"))
            rows.append(("TUI q to terminal restored", fmt(ff["restore"]["median"], " ms"),
                         fmt(ff["restore"]["p95"], " ms"), "", "",
                         "\\e[?1049l seen" if ff["terminal_restored"] else "NOT restored"))
            rows.append(("TUI q to process exit", fmt(ff["quit"]["median"], " ms"),
                         fmt(ff["quit"]["p95"], " ms"), "", "",
                         f"by {'/'.join(ff['quit_by'])}, exit {ff['exit_codes']}"))
        else:
            rows.append(("TUI first frame", "—", "—", f"< {TARGETS['first_frame_ms']:g} ms",
                         "n/a", "TUI not available"))
    for name, idle in (res.get("idle") or {}).items():
        idle_rows(rows, name, idle)
    head = ("measurement", "median", "p95", "target", "", "notes")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    if st:
        print(f"\nkot status at {st['now']}: {st['class']}: {st['text']}")
    for name, idle in (res.get("idle") or {}).items():
        if not idle["available"]:
            continue
        print(f"\nidle {name} at KOT_NOW={idle['now']} ({idle['what']}), per thread:")
        for t in idle["per_thread"]:
            print(f"  {t['tid']:>8} {t['name']:<16} {t['wchan'] or '-':<24} {t['wakeups']:>6} wake-ups "
                  f"({t['nonvoluntary']} invol), {t['cpu_ms']:8.1f} ms CPU"
                  + (" (started during the run)" if t["new"] else ""))
    if ff and not ff["available"]:
        print(f"\nTUI not available: {ff['reason']}")
    print(f"\nTargets: first frame < {TARGETS['first_frame_ms']:g} ms, plan list < "
          f"{TARGETS['plan_list_ms']:g} ms, status < {TARGETS['status_ms']:g} ms, peak memory "
          f"< {TARGETS['peak_rss_mb']:g} MB, idle CPU < {TARGETS['idle_cpu_s_per_hour']:g} s/hour "
          f"(≤ {TARGETS['idle_cpu_s_per_hour_countdown']:g} s/hour with a countdown on screen), "
          f"voluntary wake-ups ≤ {TARGETS['wakeups_per_s_countdown']:g}/s with a countdown and "
          f"≤ {TARGETS['wakeups_per_s_idle']:g}/s otherwise (all threads), terminal output "
          f"≤ {TARGETS['terminal_kib_per_min']:g} KiB/min. Latency verdicts use p95.")


# ---------------------------------------------------------------- main


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cmd_run(a):
    env = dict(os.environ)
    for k in ("COLUMNS", "LINES"):
        env.pop(k, None)
    env.update(KOT_DIR=a.data, KOT_NOW=a.now, TZ=a.tz, TERM="xterm-256color")
    res = {"bin": a.bin, "source": a.source, "data": a.data, "now": a.now, "tz": a.tz,
           "marker": a.marker}
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
        log(f"validating {len(dates)} day files with `kot plan list --json --date` "
            "and `kot status --json` …")
        problems = validate(a.bin, env, expected, dates)
        res["validated"] = len(dates)
        res["validation_problems"] = problems
        for p_ in problems[:10]:
            log(f"  PROBLEM {p_}")
        if problems:
            log(f"  {len(problems)} problems")
        # The busiest day, the day with the most breaks, and one day for each
        # kind of record the generator writes.
        fdates = sorted({x for x in [busy, gen.get("max_breaks_date"),
                                     *gen.get("feature_dates", {}).values()] if x})
        if fdates:
            bad = {}
            for d in fdates:
                msg = format_check(a.bin, env, a.data, d)
                if msg:
                    bad[d] = msg
            res["format_check"] = {"dates": fdates, "problems": bad}
            if bad:
                for d, msg in bad.items():
                    log(f"format check on {d}: {msg}")
            else:
                log(f"format check on {len(fdates)} days: kot rewrites them byte for byte")

    today = a.now[:10]
    today_path = os.path.join(a.data, "days", today[:4], f"{today}.toml")
    tenv = dict(env, **DBUS_NOWHERE)  # for the TUI

    if a.runs > 0:
        put_today(today_path, None)
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

        # kot status for a status bar: today's file with a check-in and a break.
        hms = SCENARIOS["status"][0]
        text = today_text(today, a.tz, "status")
        put_today(today_path, text)
        senv = dict(env, KOT_NOW=f"{today}T{hms}")
        state, words = coach_state(a.bin, senv)
        res["status_state"] = {"now": senv["KOT_NOW"], "class": state, "text": words}
        log(f"timing kot status at {senv['KOT_NOW']} ({state}: {words}) …")
        res["status"] = {}
        for name, args in {"status": ["status"], "status --json": ["status", "--json"]}.items():
            res["status"][name] = time_command([a.bin, *args], senv, a.runs, 3,
                                               not a.no_hyperfine)
            s = res["status"][name]
            log(f"  {name}: median {s['median']:.2f} ms, p95 {s['p95']:.2f} ms")
        with open(today_path, encoding="utf-8") as f:
            res["status_wrote"] = f.read() != text  # it should only read
        put_today(today_path, None)

    if a.tui_runs > 0:
        log(f"TUI start to first frame ({a.tui_runs} runs, {a.cols}x{a.rows}) …")
        # No file for today before each start: the TUI writes one (seen_at).
        res["first_frame"] = bench_first_frame([a.bin], tenv, a.tui_runs, a.marker, a.cols,
                                               a.rows, a.frame_timeout,
                                               before=lambda: put_today(today_path, None))
        if not res["first_frame"]["available"]:
            log(f"  TUI not available: {res['first_frame']['reason']}")

    tui_ok = res.get("first_frame", {}).get("available", True)
    scenarios = [x.strip() for x in a.idle_scenarios.split(",") if x.strip()]
    if a.idle_seconds > 0:
        res["idle"] = {}
    for name in scenarios if a.idle_seconds > 0 else []:
        if not tui_ok:
            res["idle"][name] = {"available": False, "reason": res["first_frame"]["reason"]}
            continue
        hms, what = SCENARIOS[name]
        ienv = dict(tenv, KOT_NOW=f"{today}T{hms}" if hms else a.now)
        if name == "checkin":
            put_today(today_path, None)
        else:
            # The break lasts the whole run, with two minutes to spare.
            minutes = max(20, -(-(30 + int(a.idle_seconds) + 120) // 60))
            put_today(today_path, today_text(today, a.tz, name, minutes))
        state, words = coach_state(a.bin, ienv) if name != "checkin" else ("checkin", "")
        log(f"idle TUI, {name} ({state}: {words}), {a.idle_seconds:g} s at KOT_NOW={ienv['KOT_NOW']} …")
        r = bench_idle([a.bin], ienv, a.idle_seconds, a.marker, a.cols, a.rows,
                       a.frame_timeout, progress=log, status_every=a.status_every,
                       floor_argv=[a.floor_bin] if a.floor_bin else None)
        r.update(now=ienv["KOT_NOW"], what=what, state=state, state_text=words)
        if os.path.exists(today_path):
            with open(today_path, encoding="utf-8") as f:
                r["today_after"] = f.read()
        res["idle"][name] = r
        if r["available"]:
            log(f"  {r['cpu_s']:.3f} s CPU ({r['cpu_s_per_hour']:.3f} s/h), "
                f"{r['voluntary_per_s']:.3f} voluntary wake-ups/s, {r['redraws']} redraws, "
                f"{r['output_kib_per_min']:.2f} KiB/min, {r['peak_rss_kb'] / 1024:.1f} MB")
    if a.idle_seconds > 0 or a.tui_runs > 0:
        put_today(today_path, None)

    print()
    if gen:
        print(f"data: {gen.get('files')} day files, {gen.get('tasks')} tasks, "
              f"{gen.get('blocks')} blocks, {gen.get('breaks', 0)} breaks, "
              f"{gen.get('bytes', 0) / 1e6:.1f} MB in {a.data}")
    if "validated" in res:
        fc = res.get("format_check")
        if not fc:
            fcs = "skipped"
        elif fc["problems"]:
            fcs = f"FAILED on {', '.join(fc['problems'])}"
        else:
            fcs = f"{len(fc['dates'])} days rewritten byte for byte"
        print(f"validated: {res['validated']} files read back by kot (plan list, status), "
              f"{len(res['validation_problems'])} problems; format check: {fcs}")
    if res.get("status_wrote"):
        print("NOTE: kot status changed today's file (it should only read it)")
    res["loadavg_end"] = os.getloadavg()[0]
    print(f"KOT_NOW={a.now} TZ={a.tz}  bin={a.bin}  source={a.source}")
    print(f"machine: {os.cpu_count()} CPUs, load average {res['loadavg_start']:.2f} at start, "
          f"{res['loadavg_end']:.2f} at end\n")
    report(res)
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump(res, f, indent=1, default=str)
        print(f"\nraw results: {a.json_out}")
    bad_format = bool(res.get("format_check", {}).get("problems"))
    return 1 if res.get("validation_problems") or bad_format else 0


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
    r.add_argument("--idle-scenarios", default="focus,break",
                   help="comma-separated: focus, break, checkin")
    r.add_argument("--status-every", type=float, default=5.0,
                   help="run `kot status` this often (s) beside each idle TUI, as a status "
                        "bar does; 0: never")
    r.add_argument("--floor-bin", help="a 1 Hz ticker (bench/floor/tick.c, built) to run "
                   "beside each idle TUI and report as the machine's floor")
    r.add_argument("--marker", default="kot")
    r.add_argument("--source", default="", help="what the binary was built from (for the report)")
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
