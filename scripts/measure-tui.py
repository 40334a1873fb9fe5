#!/usr/bin/env python3
"""The browser through a pseudo-terminal, as a user over SSH sees it.

Measures, for a store: the time from start to the first frame, the bytes
written to the terminal per cursor move (j) at 80x24, and the peak memory
(VmHWM) of the process, next to the store file's size. Also runs
`/usr/bin/time -v praktyki search` for the peak memory of a CLI lookup.

The browser keeps a start-up cache of large stores (src/cache.rs). The
script uses a private cache directory and starts the browser twice: the
first start parses the store and writes the cache (cold), the second reads
it (warm), which is what every start after the first gets. Moves and memory
are measured on the warm start.

Usage: scripts/measure-tui.py STORE.json [--bin target/release/praktyki] [--moves 20] [--dump FILE]
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
import tempfile
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


def session(args, moves):
    """Starts the browser in a pty at 80x24; returns the time to its first
    frame, the bytes written for each of `moves` cursor moves, its peak memory
    and the bytes of the last move."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        os.execv(args.bin, [args.bin, "--store", args.store])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    seen = b""
    while b"Search:" not in seen:
        r, _, _ = select.select([fd], [], [], 60)
        if not r:
            sys.exit("no first frame within 60 s")
        seen += os.read(fd, 65536)
    first_frame = time.perf_counter() - start
    read_until_idle(fd)
    sizes, last = [], b""
    for _ in range(moves):
        os.write(fd, b"j")
        last = read_until_idle(fd, idle=0.15)
        sizes.append(len(last))
    peak = peak_kb(pid)
    os.write(fd, b"q")
    read_until_idle(fd, idle=0.5)
    os.waitpid(pid, 0)
    return first_frame, sizes, peak, last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--bin", default="target/release/praktyki")
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--dump", help="write the bytes of the last cursor move here")
    args = ap.parse_args()
    size_mb = os.path.getsize(args.store) / 1e6

    with tempfile.TemporaryDirectory() as cache:
        os.environ["PRAKTYKI_CACHE"] = cache
        cold, _, cold_peak, _ = session(args, 0)
        first_frame, sizes, peak, last = session(args, args.moves)
        out = subprocess.run(["/usr/bin/time", "-v", args.bin, "--store", args.store, "search", "opole"],
                             capture_output=True, text=True)
    if args.dump:
        with open(args.dump, "wb") as f:
            f.write(last)

    print(f"store:                {args.store} ({size_mb:.1f} MB)")
    print(f"start to first frame: {first_frame:.3f} s (first start, which writes the cache: {cold:.3f} s)")
    print(f"bytes per cursor move at 80x24: median {statistics.median(sizes):.0f}, max {max(sizes)}")
    print(f"peak memory (browser): {peak / 1024:.1f} MB = {peak / 1024 / size_mb:.2f}x the store file"
          f" (first start: {cold_peak / 1024:.1f} MB = {cold_peak / 1024 / size_mb:.2f}x)")
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            kb = int(line.split(":")[1])
            print(f"peak memory (search):  {kb / 1024:.1f} MB = {kb / 1024 / size_mb:.2f}x the store file")


if __name__ == "__main__":
    main()
