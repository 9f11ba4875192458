package parser

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFindSplit checks the operator findSplit picks, or none, on inputs
// with parentheses, signs of exponents and of operands, "**" and an
// operator at the very start.
func TestFindSplit(t *testing.T) {
	for _, tt := range []struct {
		src  string
		from int
		off  int
		op   byte
	}{
		{"a+b", 0, 1, '+'},
		{"a + b - c", 3, 6, '+'},
		{"2e-5+x", 0, 4, '+'},      // the exponent's sign is not an operator
		{"2E+5 - x", 0, 5, '+'},    // nor in capitals
		{"xe-5", 0, 2, '+'},        // a name ending in e: the '-' is binary
		{"1.5e-3+x", 0, 6, '+'},    // a number with a point is not looked into
		{"x^-2+y", 0, 4, '+'},      // a sign after '^' is not
		{"a*-b+c", 0, 4, '+'},      // nor after '*'
		{"(a+b)-c", 0, 5, '+'},     // inside parentheses is not the top level
		{"(a+b)*(c+d)", 0, 5, '*'}, // no top-level sum: the product's '*'
		{"a**b*c", 0, 4, '*'},      // "**" is a power
		{"a*b + c*d", 2, 4, '+'},   // a sum's '*' is not a split
		{"a*b*c", 2, 3, '*'},
		{"é+x+y", 0, 4, '+'},     // a name of other bytes than ASCII is not looked into
		{"x' + y", 0, -1, 0},     // nor one with primes
		{"f(x)\n+ y", 0, 5, '+'}, // spaces and newlines before the operator
		{"-a", 0, -1, 0},
		{"a+b", 2, -1, 0},     // none after from
		{"a*b + c", 5, -1, 0}, // a product's operator in a sum is not
		{"2 * 3", 0, 2, '*'},
		{"(a)(b)", 0, -1, 0}, // an implicit product has no operator to split at
		{"*a", 0, -1, 0},     // nothing before the operator
	} {
		_, topSum := scan(tt.src)
		off, op := findSplit(tt.src, tt.from, topSum)
		if off != tt.off || op != tt.op {
			t.Errorf("findSplit(%q, %d) = %d, %q; want %d, %q", tt.src, tt.from, off, op, tt.off, tt.op)
		}
	}
}

// splitFiller returns a valid sum (op '+') or product (op '*') of at
// least n bytes, of distinct names.
func splitFiller(op byte, n, seed int) string {
	var b strings.Builder
	for i := seed; b.Len() < n; i++ {
		if b.Len() > 0 {
			if op == '+' {
				b.WriteString([]string{" + ", " - ", "+", "-"}[i%4])
			} else {
				b.WriteString([]string{"*", " * ", "/"}[i%3])
			}
		}
		if op == '+' {
			b.WriteString("a" + strconv.Itoa(i) + "*b" + strconv.Itoa(i))
		} else {
			b.WriteString("(a" + strconv.Itoa(i) + " + " + strconv.Itoa(i%7+1) + ")")
		}
	}
	return b.String()
}

// TestSplitMatchesSequential checks that a long input read in two halves
// gives the node, or the error, that reading it alone gives: inputs of
// every production and error of the grammar put into long sums and
// products before the split, across it and after it.
func TestSplitMatchesSequential(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	// Short inputs, split as long ones are.
	defer func(r, s, w int) { reserveFrom, sampleBytes, splitWindow = r, s, w }(reserveFrom, sampleBytes, splitWindow)
	reserveFrom, sampleBytes, splitWindow = 8<<10, 2<<10, 2<<10
	opts := []Option{Funcs("f", "g")}
	inputs := slices.Concat(treeInputs, loweringErrorInputs, laterErrorInputs, fuzzSeeds,
		[]string{"1e-5", "2E+3", "x**-2", "a*-b", "((x+1)", "x)", "sin + x", "é - x", "x'", "f' - 1", "1/0", "+"})
	taken := splitsTaken.Load()
	cases := 0
	for i, in := range inputs {
		for _, op := range []byte{"+*"[i%2], "*+"[i%2]}[:1+i%3/2] {
			filler := splitFiller(op, reserveFrom+splitWindow/2, i)
			_, topSum := scan(filler)
			mid, _ := findSplit(filler, (len(filler)+sampleBytes)/2, topSum)
			if mid < 0 {
				t.Fatalf("no split in the filler of %q", op)
			}
			// The input just before the split, just after it, and in
			// place of the operand after it.
			for _, src := range []string{
				filler[:mid] + string(op) + in + filler[mid:],
				filler[:mid+1] + in + string(op) + filler[mid+1:],
				filler[:mid+1] + in + filler[strings.IndexAny(filler[mid+2:], "+-*/")+mid+2:],
				in + string(op) + filler,
				filler + string(op) + in,
			} {
				cases++
				splitEnabled = false
				want, werr := Parse(src, opts...)
				splitEnabled = true
				got, gerr := Parse(src, opts...)
				if fmt.Sprint(werr) != fmt.Sprint(gerr) || !reflect.DeepEqual(werr, gerr) {
					t.Fatalf("%q in a long %q: read alone, error %v; in two halves, %v", in, op, werr, gerr)
				}
				if got != want {
					t.Fatalf("%q in a long %q: the halves give another node", in, op)
				}
			}
		}
	}
	// Most of the inputs are valid where they stand, and are split.
	if n := splitsTaken.Load() - taken; n < int64(cases/4) {
		t.Errorf("%d of %d inputs were read in two halves; want at least a quarter", n, cases)
	}
}
