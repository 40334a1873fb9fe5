#!/usr/bin/env python3
"""praktyki search against fzf --filter (and skim's sk --filter, when it is
installed) on the same name fields, side by side.

For each store size, writes a synthetic names-only store and the same name
fields one practice per line, then times both whole processes on the same
queries (alternating runs, median of --runs) and prints the ratio
praktyki / fzf per query (below 1: praktyki is faster).

praktyki keeps a start-up cache of large stores (names, index; see
src/load/cache/), made by the first run after the store changes. The script
uses a private cache directory, times that first run on its own ("first run,
makes the cache"), then compares warm runs, which is what a user gets from
the second search on.

Usage: scripts/compare-fzf.py [--sizes 1000,10000,100000] [--runs 5] [--bin target/release/praktyki] [--sk sk]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

QUERIES = ["opole", "aglo opol", "zwiazek gmin", "lodz", "wroclaw"]


def timed(cmd, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    if stdin_path:
        stdin.close()
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--sk", default="sk", help="skim's binary (left out when not found)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default="target/release/praktyki")
    args = ap.parse_args()
    if not shutil.which("fzf"):
        sys.exit("fzf is not installed (apt-get install fzf)")
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} missing: run cargo build --release first")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PRAKTYKI_CACHE"] = os.path.join(tmp, "cache")
        sk = shutil.which(args.sk)
        print(f"{'size':>9} {'query':<14} {'praktyki s':>10} {'fzf s':>8} {'ratio':>6}" + (f" {'sk s':>8} {'ratio':>6}" if sk else ""))
        for size in [int(s) for s in args.sizes.split(",")]:
            store = os.path.join(tmp, f"{size}.json")
            lines = os.path.join(tmp, f"{size}.lines")
            subprocess.run([args.bin, "synthetic", "--names-only", "--count", str(size), "--out", store, "--lines", lines], check=True)
            first = timed([args.bin, "--store", store, "search", QUERIES[0]])
            uncached = statistics.median(timed([args.bin, "--store", store, "--no-cache", "search", QUERIES[0]]) for _ in range(args.runs))
            print(f"{size:>9} {'first run, makes the cache':<28} {first:.3f} s; without the cache (--no-cache, median): {uncached:.3f} s")
            for q in QUERIES:
                ours, theirs, skims = [], [], []
                for _ in range(args.runs):
                    ours.append(timed([args.bin, "--store", store, "search", q]))
                    theirs.append(timed(["fzf", "--filter", q], stdin_path=lines))
                    if sk:
                        skims.append(timed([sk, "--filter", q], stdin_path=lines))
                a, b = statistics.median(ours), statistics.median(theirs)
                line = f"{size:>9} {q:<14} {a:>10.3f} {b:>8.3f} {a / b:>6.2f}"
                if sk:
                    c = statistics.median(skims)
                    line += f" {c:>8.3f} {a / c:>6.2f}"
                print(line)


if __name__ == "__main__":
    main()
