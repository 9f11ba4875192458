#!/bin/sh
# instr13.sh: the instructions of issue 13's --stats workloads in one
# symdiff binary, counted by callgrind (valgrind) in the whole command with
# GOGC=off GOMAXPROCS=1: simplify.All against symbolic.Jacobian (grad) or
# symbolic.Diff, their ratio, and the whole process. Unlike wall times they
# do not move with the machine's load (asynchronous preemption is off:
# valgrind can fail on its signals). Run from the repository's root:
#
#	sh cmd/symbench/instr13.sh SYMDIFF
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in nested-sigmoid-1000 product-sin-300 sine-chain-3000 xor-32 logistic-loss-300; do
	go run ./cmd/symbench -issue13 "$name" > "$tmp/args"
	# The arguments, one a line (an expression has no newline), as "$@".
	set --
	while IFS= read -r a; do set -- "$@" "$a"; done < "$tmp/args"
	GODEBUG=asyncpreemptoff=1 GOGC=off GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" "$@" > /dev/null 2>&1
	callgrind_annotate --inclusive=yes "$tmp/cg" > "$tmp/cg.txt" 2> /dev/null
	awk -v name="$name" '
		/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
		/simplify\.(All|Simplify) \[/ { gsub(",", "", $1); s += $1 }
		/symbolic\.(Jacobian|Diff) \[/ { gsub(",", "", $1); d += $1 }
		END { printf "%-20s simplify %7.1f M  diff %6.1f M  ratio %5.2f  process %7.1f M\n", name, s / 1e6, d / 1e6, s / d, total / 1e6 }
	' "$tmp/cg.txt"
done
