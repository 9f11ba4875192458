#!/usr/bin/env python3
"""parse1mb.py N SYMDIFF... : the parse of a 1 MB input through the command.

Writes the eleven inputs of parser.BenchmarkParse1MB (oneMBInputs in
parser/bench_test.go: the same text, byte for byte) to a temporary
directory, then runs each binary on each input N times, alternated
(`SYMDIFF --stats --raw - VAR < FILE`), and prints the distribution of
parse_ns, in ms: what a user waits for between reading the input and
differentiating it, the checks of the input included.

    python3 cmd/symbench/parse1mb.py 30 /tmp/base ./symdiff

SHAPES=symbols,product limits the inputs.
"""
import os
import statistics
import subprocess
import sys
import tempfile

LIMIT = 1 << 20  # parser.DefaultMaxBytes


def one_mb(piece, sep):
    out, n, i = [], 0, 0
    while True:
        p = piece(i)
        if n + len(sep) + len(p) > LIMIT:
            break
        if i > 0:
            out.append(sep)
            n += len(sep)
        out.append(p)
        n += len(p)
        i += 1
    return "".join(out)


FNS = ["sin", "cos", "tan", "exp", "log", "sqrt", "atan", "sinh", "cosh", "tanh", "sigmoid"]

# name, text, the variable to differentiate by
INPUTS = [
    ("sum", lambda: one_mb(lambda i: "sin(3*x+%d)*x^2" % (i % 10), " + "), "x"),
    ("symbols", lambda: one_mb(lambda i: "a%d*b%d" % (i, i), " + "), "a0"),
    ("nested", lambda: one_mb(lambda i: "sin(" * 1000 + "x%d" % i + ")" * 1000, "+"), "x0"),
    ("product", lambda: one_mb(lambda i: "(a%d + %d)" % (i, i % 7 + 1), "*"), "a0"),
    ("numbers", lambda: one_mb(lambda i: "%d987654321098765432109876543210*x^%d" % (1_000_000_007 * (i + 1), i), " + "), "x"),
    ("poly", lambda: one_mb(lambda i: "%d*x^%d*y^%d*z^%d" % (i % 97 - 48, i % 40, i // 40 % 40, i // 1600), " + "), "x"),
    ("names", lambda: one_mb(lambda i: "a%d" % i, "*"), "a5"),
    ("calls", lambda: one_mb(lambda i: "%d.%02d*%s(%d*x + %d*y)" % (1 + i % 9, i * 7 % 100, FNS[i % len(FNS)], 1 + i % 20, 1 + i * 3 % 19), " + "), "x"),
    ("decimals", lambda: one_mb(lambda i: "%d.%06d*x^%d" % (i % 10, i * 7919 % 1000000, i % 50), " + "), "x"),
    ("quotients", lambda: one_mb(lambda i: "(x + %d)/(y - %d)" % (i, i + 1), " + "), "x"),
    ("neurons", lambda: one_mb(lambda i: "w%d*sigmoid(v%d*x + b%d)" % (i, i, i), " + "), "x"),
]


def parse_ms(binary, path, var):
    with open(path) as f:
        r = subprocess.run([binary, "--stats", "--raw", "-", var], stdin=f,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    key = '"parse_ns":'
    i = r.stderr.index(key) + len(key)
    j = i
    while r.stderr[j].isdigit():
        j += 1
    return int(r.stderr[i:j]) / 1e6


def main():
    n, binaries = int(sys.argv[1]), sys.argv[2:]
    want = os.environ.get("SHAPES", "")
    shapes = [s for s in INPUTS if not want or s[0] in want.split(",")]
    with tempfile.TemporaryDirectory() as d:
        for name, text, var in shapes:
            path = os.path.join(d, name + ".txt")
            with open(path, "w") as f:
                f.write(text())
            times = {b: [] for b in binaries}
            for _ in range(n):
                for b in binaries:
                    times[b].append(parse_ms(b, path, var))
            for b in binaries:
                v = sorted(times[b])
                print("%-8s %-24s min %6.1f  p25 %6.1f  median %6.1f  p75 %6.1f  p90 %6.1f  max %6.1f  (n=%d)" % (
                    name, b, v[0], v[len(v) // 4], statistics.median(v), v[3 * len(v) // 4],
                    v[int(0.9 * len(v))], v[-1], len(v)))


if __name__ == "__main__":
    main()
