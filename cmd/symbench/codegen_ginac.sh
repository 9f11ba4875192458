#!/usr/bin/env bash
# codegen_ginac.sh: generated code against GiNaC's compiled evaluation, in one run.
#
#   cmd/symbench/codegen_ginac.sh [ANCHORS_DIR]      (default ../shared/anchors)
#
# For the W7 workloads of the shared anchors (d/dx sigmoid(x), and d/dx of
# the product of 100 sines, at 1e6 points in [-2, 2]) it runs, one after the
# other in the same invocation:
#   - GiNaC's runner from the anchors: compile_ex (GiNaC writes C, gcc
#     compiles it, dlopen), then the compiled function in a loop;
#   - symdiff's codegen measurement (SYMDIFF_CODEGEN_BENCH=1, codegen's
#     TestMeasureW4): the numeric tape one point at a time and in batch,
#     and the code symdiff codegen generates, as Go and as C (gcc -O2).
# It prints a Markdown table in ns per point. Needs Go, g++, pkg-config,
# libginac-dev, ginac-tools and nlohmann-json3-dev (installed with apt-get if missing
# and running as root). Nothing is written into the repository.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -e /usr/include/nlohmann/json.hpp ] || need+=(nlohmann-json3-dev)
command -v ginac-excompiler >/dev/null || ls /usr/lib/*/ginac/ginac-excompiler >/dev/null 2>&1 || need+=(ginac-tools) # compile_ex runs it
install_needed
# compile_ex runs ginac-excompiler, which compiles with gcc $CXXFLAGS: -O2,
# as the anchors' run_all.sh sets it, and as symdiff's C is compiled.
export CXXFLAGS=${CXXFLAGS:--O2}
g++ -O2 -std=c++17 -o "$work/ginac_runner" "$anchors/runners/ginac_runner.cpp" $(pkg-config --cflags --libs ginac) -lpthread

echo "symdiff $(git rev-parse --short=12 HEAD)$(git diff --quiet || echo '+dirty'), GiNaC $(pkg-config --modversion ginac), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
declare -A ginac
for w in W7a W7b; do
  # The runner prints JSON lines; the first with eval_s has the compiled loop.
  # In $work: compile_ex leaves its C and .so files in the current directory.
  line=$(cd "$work" && "$work/ginac_runner" "$(realpath "$anchors")/workloads/$w.json" | grep '"eval_s"' | head -1)
  ginac[$w]=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("%.1f %.2f" % (r["eval_s"]*1e9/1e6, r["compile_s"]))' "$line")
done
meas=$(SYMDIFF_CODEGEN_BENCH=1 go test ./codegen -run '^TestMeasureW4$' -v -count=1 2>&1 | grep 'time W7')
echo "| case | GiNaC compile_ex (compile time) | symdiff generated C | generated Go | numeric tape, one point at a time | numeric tape, batch |"
echo "|---|---|---|---|---|---|"
for w in W7a W7b; do
  case $w in W7a) key="W7a sigmoid'";; W7b) key="W7b productsin100'";; esac
  l=$(grep -F "time $key " <<<"$meas")
  tape=$(sed -E 's/.*tape Eval ([0-9]+) ns.*/\1/' <<<"$l")
  batch=$(sed -E 's/.*serial EvalBatch ([0-9]+);.*/\1/' <<<"$l")
  gons=$(sed -E 's/.*; Go ([0-9]+) .*/\1/' <<<"$l")
  cns=$(sed -E 's/.*, C ([0-9]+) .*/\1/' <<<"$l")
  read -r gns gcomp <<<"${ginac[$w]}"
  echo "| $w | $gns ns ($gcomp s) | $cns ns | $gons ns | $tape ns | $batch ns |"
done
