#!/usr/bin/env python3
"""The browser through a pseudo-terminal, as a user over SSH sees it.

Measures, for a store: the time from start to the first frame, the bytes
written to the terminal per cursor move (j) at 80x24, and the peak memory
(VmHWM) of the process, next to the store file's size. Also runs
`/usr/bin/time -v praktyki search` for the peak memory of a CLI lookup.

Usage: scripts/measure-tui.py STORE.json [--bin target/release/praktyki] [--moves 20]
"""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time


def read_until_idle(fd, idle=0.3, limit=10.0):
    """Bytes the program writes until it has been quiet for `idle` seconds."""
    data = b""
    end = time.time() + limit
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], idle)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--bin", default="target/release/praktyki")
    ap.add_argument("--moves", type=int, default=20)
    args = ap.parse_args()
    size_mb = os.path.getsize(args.store) / 1e6

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        os.execv(args.bin, [args.bin, "--store", args.store])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    seen = b""
    while b"Search:" not in seen:
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            sys.exit("no first frame within 30 s")
        seen += os.read(fd, 65536)
    first_frame = time.perf_counter() - start
    read_until_idle(fd)
    sizes = []
    for _ in range(args.moves):
        os.write(fd, b"j")
        sizes.append(len(read_until_idle(fd, idle=0.15)))
    peak = peak_kb(pid)
    os.write(fd, b"q")
    read_until_idle(fd, idle=0.5)
    os.waitpid(pid, 0)

    print(f"store:                {args.store} ({size_mb:.1f} MB)")
    print(f"start to first frame: {first_frame:.3f} s")
    print(f"bytes per cursor move at 80x24: median {statistics.median(sizes):.0f}, max {max(sizes)}")
    print(f"peak memory (browser): {peak / 1024:.1f} MB = {peak / 1024 / size_mb:.2f}x the store file")
    out = subprocess.run(["/usr/bin/time", "-v", args.bin, "--store", args.store, "search", "opole"],
                         capture_output=True, text=True)
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            kb = int(line.split(":")[1])
            print(f"peak memory (search):  {kb / 1024:.1f} MB = {kb / 1024 / size_mb:.2f}x the store file")


if __name__ == "__main__":
    main()
