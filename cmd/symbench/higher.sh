#!/bin/sh
# higher.sh: the sizes and times of high derivatives (symdiff -n N), the
# whole command, for one or more symdiff binaries: 20 functions whose
# derivatives are polynomials or quotients in trigonometric and hyperbolic
# functions, at orders 10 and 16, each run with a 20 s limit. It prints each
# case with -v, and for each binary the total bytes printed (a timeout
# counts 1,000,000), the total time and the timeouts.
#
#	sh cmd/symbench/higher.sh [-v] SYMDIFF [SYMDIFF...]
set -u
verbose=
if [ "${1:-}" = -v ]; then verbose=1; shift; fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for bin in "$@"; do
	total=0; ms=0; timeouts=0
	for f in "exp(sin(x))" "exp(cos(2*x))" "sin(x)/(2+cos(x))" "tan(2*x)*sin(x)" \
		"sin(sin(x))" "tan(x)*tanh(x)" "sin(x)*cos(2*x)*tan(3*x)" "1/(2+sin(x))" \
		"sin(x)^2/(1+cos(x)^2)" "cos(3*x)*exp(sin(x))" "cosh(sinh(x))" "tanh(x)" \
		"tan(x)" "sec(x)" "exp(tan(x))" "x*sin(x)^2" "sin(x)*cos(x)/(1+x^2)" \
		"log(2+sin(x))" "exp(x)*tan(x)" "sin(2*x)*tanh(x)"; do
		for n in 10 16; do
			start=$(date +%s%N)
			timeout 20 "$bin" -n "$n" "$f" x > "$out" 2>&1
			rc=$?
			end=$(date +%s%N)
			t=$(( (end - start) / 1000000 ))
			size=$(wc -c < "$out")
			if [ "$rc" -ne 0 ]; then timeouts=$((timeouts + 1)); size=1000000; fi
			total=$((total + size)); ms=$((ms + t))
			[ -n "$verbose" ] && echo "  $f -n $n: $t ms, $size bytes"
		done
	done
	echo "$bin: $total bytes, $ms ms, $timeouts timeouts"
done
