#!/usr/bin/env python3
"""Run a program on a pseudo-terminal, drain its output, and report the CPU it
used (schedstat run time of all its threads) per hour. Usage: measure.py BIN SECONDS"""
import os
import pty
import select
import sys
import time


def run_time_ns(pid: int) -> int:
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
            total += int(f.read().split()[0])
    return total


def main() -> None:
    argv, secs = [sys.argv[1]], float(sys.argv[2])
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    time.sleep(2)  # past the start
    s0, t0 = run_time_ns(pid), time.monotonic()
    while time.monotonic() - t0 < secs:
        if select.select([fd], [], [], 0.5)[0]:
            os.read(fd, 65536)
    s1, elapsed = run_time_ns(pid), time.monotonic() - t0
    os.kill(pid, 9)
    ms = (s1 - s0) / 1e6
    print(f"1 Hz floor ({os.path.basename(argv[0])}): {ms:.1f} ms CPU in {elapsed:.0f} s "
          f"= {ms / 1000 / elapsed * 3600:.3f} s/h")


if __name__ == "__main__":
    main()
