#!/usr/bin/env bash
# e2e.sh: the default path end to end, symdiff against GiNaC's CLI, in one run.
#
#   cmd/symbench/e2e.sh [ANCHORS_DIR]      (default ../shared/anchors)
#   BASE=REV cmd/symbench/e2e.sh ...       (also symdiff built at REV)
#
# For each shared workload that GiNaC finishes (W1, W2, W3, and W6's
# expressions to first order), hyperfine -N times the whole process of
#   symdiff EXPR x      (parse, differentiate, simplify, print)
#   ginac_cli EXPR x    (parse, differentiate, print; no simplification)
# on the sigmoid-expanded text every peer gets (expr_expanded), the two
# commands in the same hyperfine invocation. It prints a Markdown table of
# the means and their ratio, and symdiff's --stats phase split. Needs Go,
# g++, libginac-dev, pkg-config and hyperfine (Debian packages; installed
# with apt-get if missing and running as root). Nothing is written into the
# repository.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command -v hyperfine >/dev/null || need+=(hyperfine)
install_needed

go build -o "$work/symdiff" ./cmd/symdiff
base=${BASE:-}
if [ -n "$base" ]; then
  # The same workloads through symdiff at REV, in the same hyperfine runs:
  # before and after a change, side by side.
  git worktree add -q --detach "$work/base" "$base"
  (cd "$work/base" && go build -o "$work/symdiff-base" ./cmd/symdiff)
  git worktree remove --force "$work/base"
fi
g++ -O2 -std=c++17 -o "$work/ginac_cli" "$anchors/runners/ginac_cli.cpp" $(pkg-config --cflags --libs ginac)

echo "symdiff $(git rev-parse --short=12 HEAD)$(git diff --quiet || echo '+dirty'), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
if [ -n "$base" ]; then
  echo "| case | symdiff | GiNaC CLI | symdiff / GiNaC | symdiff at $base | at $base / GiNaC | symdiff parse / diff / simplify / print (--stats) |"
  echo "|---|---|---|---|---|---|---|"
else
  echo "| case | symdiff | GiNaC CLI | symdiff / GiNaC | symdiff parse / diff / simplify / print (--stats) |"
  echo "|---|---|---|---|---|"
fi
for spec in W1:15 W2_d10:15 W2_d100:10 W2_d1000:1 W3_n10:15 W3_n100:10 W3_n300:5 W6a_k4:15 W6b_k3:15; do
  c=${spec%%:*}
  runs=${spec##*:}
  expr=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['expr_expanded'])" "$anchors/workloads/$c.json")
  printf '%s' "$expr" >"$work/expr"
  cmds=("$work/symdiff --timeout 10m $(printf '%q' "$expr") x" "$work/ginac_cli $(printf '%q' "$expr") x")
  if [ -n "$base" ]; then
    cmds+=("$work/symdiff-base --timeout 10m $(printf '%q' "$expr") x")
  fi
  hyperfine -N --warmup $((runs > 1 ? 2 : 0)) --runs "$runs" --export-json "$work/$c.json" "${cmds[@]}" >/dev/null 2>&1
  stats=$("$work/symdiff" --timeout 10m --stats "$expr" x 2>&1 >/dev/null | tail -1)
  python3 - "$work/$c.json" "$c" "$stats" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
case, stats = sys.argv[2], json.loads(sys.argv[3])
def fmt(s):
    return f"{s*1e3:.1f} ms" if s < 1 else f"{s:.2f} s"
a, b = res[0]["mean"], res[1]["mean"]
ph = " / ".join(fmt(stats[k] / 1e9) for k in ("parse_ns", "diff_ns", "simplify_ns", "print_ns"))
if len(res) > 2:
    c = res[2]["mean"]
    print(f"| {case} | {fmt(a)} | {fmt(b)} | {a/b:.2f} | {fmt(c)} | {c/b:.2f} | {ph} |")
else:
    print(f"| {case} | {fmt(a)} | {fmt(b)} | {a/b:.2f} | {ph} |")
EOF
done
