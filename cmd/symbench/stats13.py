#!/usr/bin/env python3
"""stats13.py: issue 13's --stats ratios, simplify_ns / diff_ns, of one or
more symdiff binaries on its five workloads, the binaries run in turn N
times so that a noisy neighbour slows them alike.

    python3 cmd/symbench/stats13.py N SYMDIFF [SYMDIFF...]

The workloads' command lines come from `go run ./cmd/symbench -issue13
NAME` (internal/workloads). For each workload and binary it prints the
median and least ratio, the least simplify and diff times, the budget that
stopped a search if any did, and how many distinct outputs the N runs gave
(issue 13 wants 1). Run from the repository's root.
"""
import json
import statistics
import subprocess
import sys

NAMES = ["nested-sigmoid-1000", "product-sin-300", "sine-chain-3000", "xor-32", "logistic-loss-300"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n, bins = int(sys.argv[1]), sys.argv[2:]
    print("| workload | binary | simplify / diff, median (least) | least simplify | least diff | stopped | outputs |")
    print("|---|---|---|---|---|---|---|")
    for name in NAMES:
        args = subprocess.run(["go", "run", "./cmd/symbench", "-issue13", name],
                              capture_output=True, text=True, check=True).stdout.rstrip("\n").split("\n")
        args = args[:1] + ["--stats"] + args[1:] if args[0] == "grad" else ["--stats"] + args
        runs = {b: [] for b in bins}
        outs = {b: set() for b in bins}
        for _ in range(n):
            for b in bins:
                r = subprocess.run([b] + args, capture_output=True, text=True, check=True)
                st = json.loads(r.stderr.strip().split("\n")[-1])
                runs[b].append(st)
                outs[b].add(hash(r.stdout))
        for b in bins:
            ratios = [s["simplify_ns"] / s["diff_ns"] for s in runs[b]]
            stopped = sorted({s.get("simplify_stopped", "") for s in runs[b]} - {""}) or ["none"]
            print(f"| {name} | {b} | {statistics.median(ratios):.1f}x ({min(ratios):.1f}x) | "
                  f"{min(s['simplify_ns'] for s in runs[b]) / 1e6:.1f} ms | "
                  f"{min(s['diff_ns'] for s in runs[b]) / 1e6:.2f} ms | {', '.join(stopped)} | {len(outs[b])} |",
                  flush=True)


if __name__ == "__main__":
    main()
