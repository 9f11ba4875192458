#!/usr/bin/env bash
# compare.sh: symdiff's in-process times (symbench, diff-only and the
# rest) at REV and at the working tree, side by side, in one run.
#
#   cmd/symbench/compare.sh REV [ANCHORS_DIR]     (default ../shared/anchors)
#
# It builds symbench at REV (a git worktree) and from the working tree,
# then runs both on every shared workload, alternating, ROUNDS times
# (default 3), and prints a Markdown table of the least parse, diff and
# simplify times of each and the ratio new / old of each. Needs only Go
# and python3; nothing is written into the repository.
set -euo pipefail
base=${1:?usage: compare.sh REV [ANCHORS_DIR]}
shift
source "$(dirname "$0")/lib.sh"
rounds=${ROUNDS:-3}

git worktree add -q --detach "$work/base" "$base"
(cd "$work/base" && go build -o "$work/symbench-base" ./cmd/symbench)
git worktree remove --force "$work/base"
go build -o "$work/symbench-new" ./cmd/symbench

echo "symbench $(git rev-parse --short=12 HEAD)$(git diff --quiet || echo '+dirty') against $base, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), least of $rounds rounds"
echo
for w in "$anchors"/workloads/W*.json; do
  c=$(basename "$w" .json)
  for r in $(seq "$rounds"); do
    for v in base new; do
      "$work/symbench-$v" "$w" 2>/dev/null | tail -1 | sed "s/^/$c $v /" >>"$work/lines"
    done
  done
done
python3 - "$work/lines" "$base" <<'PY'
import json, sys
best = {}
order = []
for line in open(sys.argv[1]):
    case, v, js = line.split(" ", 2)
    try:
        d = json.loads(js)
    except ValueError:
        continue
    if case not in order:
        order.append(case)
    for k in ("parse_s", "diff_s", "simplify_s"):
        if isinstance(d.get(k), (int, float)):
            key = (case, v, k)
            best[key] = min(best.get(key, float("inf")), d[k])
def fmt(s):
    if s == float("inf"):
        return "-"
    for unit, f in (("s", 1), ("ms", 1e3), ("µs", 1e6)):
        if s >= 1 / f:
            return f"{s*f:.3g} {unit}"
    return f"{s*1e9:.3g} ns"
def ratio(a, b):
    return f"{a/b:.2f}" if a != float("inf") and b not in (0, float("inf")) else "-"
print(f"| case | parse at {sys.argv[2]} | parse | ratio | diff at {sys.argv[2]} | diff | ratio | simplify at {sys.argv[2]} | simplify | ratio |")
print("|---|---|---|---|---|---|---|---|---|---|")
inf = float("inf")
for c in order:
    row = [c]
    for k in ("parse_s", "diff_s", "simplify_s"):
        o, n = best.get((c, "base", k), inf), best.get((c, "new", k), inf)
        row += [fmt(o), fmt(n), ratio(n, o)]
    print("| " + " | ".join(row) + " |")
PY
