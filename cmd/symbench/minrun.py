#!/usr/bin/env python3
"""minrun.py: whole-process wall times of symdiff, symdiff at a base commit
and GiNaC's CLI on shared workloads, the three commands run in turn N times,
so that a noisy neighbour slows all three alike. Prints a Markdown table of
the least and median times and symdiff's ratio to GiNaC.

    python3 cmd/symbench/minrun.py ANCHORS SYMDIFF BASE_SYMDIFF GINAC_CLI CASES N

CASES is a comma-separated list of workload names (W1,W2_d10,...); each is
given its sigmoid-expanded text (expr_expanded) and the variable x, as
cmd/symbench/e2e.sh gives them. Build the binaries first (e2e.sh shows how).
"""
import json
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    anchors, new, base, ginac, cases, n = sys.argv[1:]
    bins = {"new": new, "base": base, "ginac": ginac}
    print("| case | symdiff (least / median) | symdiff at base | GiNaC CLI | symdiff / GiNaC (least) | (median) |")
    print("|---|---|---|---|---|---|")
    for case in cases.split(","):
        with open(f"{anchors}/workloads/{case}.json") as f:
            expr = json.load(f)["expr_expanded"]
        times = {k: [] for k in bins}
        for _ in range(int(n)):
            for k, b in bins.items():
                start = time.perf_counter()
                subprocess.run([b, expr, "x"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                times[k].append((time.perf_counter() - start) * 1e3)
        m = {k: (min(v), statistics.median(v)) for k, v in times.items()}
        print(f"| {case} | {m['new'][0]:.1f} / {m['new'][1]:.1f} ms | {m['base'][0]:.1f} / {m['base'][1]:.1f} ms"
              f" | {m['ginac'][0]:.1f} / {m['ginac'][1]:.1f} ms | {m['new'][0] / m['ginac'][0]:.2f}"
              f" | {m['new'][1] / m['ginac'][1]:.2f} |")


main()
