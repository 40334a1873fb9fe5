#!/usr/bin/env python3
"""The browser through a pseudo-terminal, as a user over SSH sees it.

Measures, for a store: the time from start to the first frame, the bytes
written to the terminal per cursor move (j) at 80x24, and the peak memory
(VmHWM) of the process, next to the store file's size. Also runs
`/usr/bin/time -v praktyki search` for the peak memory of a CLI lookup.

The browser keeps a start-up cache of every store file (src/load/cache/). The
script uses a private cache directory and starts the browser twice: the
first start parses the store and writes the cache (cold), the second reads
it (warm), which is what every start after the first gets. Moves and memory
are measured on the warm start.

Also the latency of search as the user sees it: the query is typed one
character at a time, and for each the time from the key's write to the end
of the last frame it brought (frames are marked by synchronized-output
sequences, CSI ?2026h … CSI ?2026l), median and max over the keys.

Usage: scripts/measure-tui.py STORE.json [--bin target/release/praktyki] [--moves 20] [--dump FILE]
       [--query "zwiazek gmin"] [--runs 3]
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


FRAME_END = b"\x1b[?2026l"


def key_latency(fd, key, idle=0.25):
    """Seconds from writing `key` to the end of the last frame it brought."""
    sent = time.perf_counter()
    os.write(fd, key)
    last_end = None
    tail = b""
    while True:
        r, _, _ = select.select([fd], [], [], idle)
        if not r:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        if FRAME_END in tail[-8:] + chunk:
            last_end = time.perf_counter()
        tail = chunk
    return None if last_end is None else last_end - sent


def wait_for_cache(cache, limit=120.0):
    """The browser writes its start-up cache after its first frame, and a
    quit stops that: wait for the file before quitting."""
    end = time.time() + limit
    while time.time() < end:
        if any(n.endswith(".cache") for n in os.listdir(cache)):
            return
        time.sleep(0.05)


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def session(args, moves, cache=None, query=""):
    """Starts the browser in a pty at 80x24; returns the time to its first
    frame, the bytes written for each of `moves` cursor moves, its peak memory,
    the bytes of the last move and the latency of each key of `query`. With
    `cache`, waits for the cache file to be written before quitting."""
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
    latencies = []
    if query:
        os.write(fd, b"/")
        read_until_idle(fd, idle=0.2)
        for c in query:
            latencies.append(key_latency(fd, c.encode()))
        os.write(fd, b"\x1b")
        read_until_idle(fd, idle=0.2)
    if cache:
        wait_for_cache(cache)
    peak = peak_kb(pid)
    os.write(fd, b"q")
    read_until_idle(fd, idle=0.5)
    os.waitpid(pid, 0)
    return first_frame, sizes, peak, last, [x for x in latencies if x is not None]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--bin", default="target/release/praktyki")
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--dump", help="write the bytes of the last cursor move here")
    ap.add_argument("--query", default="zwiazek gmin", help="typed a key at a time for the search latency")
    ap.add_argument("--runs", type=int, default=3, help="warm starts whose key latencies are pooled")
    args = ap.parse_args()
    size_mb = os.path.getsize(args.store) / 1e6

    with tempfile.TemporaryDirectory() as cache:
        os.environ["PRAKTYKI_CACHE"] = cache
        cold, _, cold_peak, _, _ = session(args, 0, cache=cache)
        first_frame, sizes, peak, last, lat = session(args, args.moves, query=args.query)
        for _ in range(args.runs - 1):
            lat += session(args, 0, query=args.query)[4]
        out = subprocess.run(["/usr/bin/time", "-v", args.bin, "--store", args.store, "search", "opole"],
                             capture_output=True, text=True)
    if args.dump:
        with open(args.dump, "wb") as f:
            f.write(last)

    print(f"store:                {args.store} ({size_mb:.1f} MB)")
    print(f"start to first frame: {first_frame:.3f} s (first start, which writes the cache: {cold:.3f} s)")
    print(f"bytes per cursor move at 80x24: median {statistics.median(sizes):.0f}, max {max(sizes)}")
    if lat:
        print(f"key to results frame ('{args.query}' typed, {len(lat)} keys): median {statistics.median(lat) * 1000:.1f} ms,"
              f" max {max(lat) * 1000:.1f} ms")
    print(f"peak memory (browser): {peak / 1024:.1f} MB = {peak / 1024 / size_mb:.2f}x the store file"
          f" (first start: {cold_peak / 1024:.1f} MB = {cold_peak / 1024 / size_mb:.2f}x)")
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            kb = int(line.split(":")[1])
            print(f"peak memory (search):  {kb / 1024:.1f} MB = {kb / 1024 / size_mb:.2f}x the store file")


if __name__ == "__main__":
    main()
