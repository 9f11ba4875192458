package parser

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// fuzzSeeds are the fuzzers' seeds besides treeInputs: invalid input,
// number syntax, names and calls the grammar treats specially.
var fuzzSeeds = []string{
	"2x sin(x)^2", "2^-x", "f'(g(x))*g'(x)", "sqrt(x)", "ln(x)", "e^x", "0.1", "1e-3",
	"2.5E+4", "-(1 - x)/(x + 1)^2", "sinn(x)", "sin x", "", "2**", ")x(", "(1+2",
	"1/0", "3^(10^9)", "\x00", "θ + w_1", "a - -b*c", "x/-2y", "\n x +\n 1",
	"foo(x, y)", "1e999999999", "x^(1/2)", "-2/3 x^-1/2",
}

// allSeeds is treeInputs and fuzzSeeds.
func allSeeds() []string { return append(slices.Clone(treeInputs), fuzzSeeds...) }

// addSeeds adds allSeeds to f's corpus.
func addSeeds(f *testing.F) {
	for _, s := range allSeeds() {
		f.Add(s)
	}
}

var fuzzOpts = []Option{Funcs("f", "g")}

// FuzzParse checks that Parse never panics, that errors are *Errors, that
// what parses prints to text that parses back to the same expression, and
// that the fast path builds the participle grammar's tree and Parse's engine
// its lowering.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) < 2000 {
			checkSameResult(t, s)
		}
		e, err := Parse(s, fuzzOpts...)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %v is not an *Error", s, err)
			}
			_ = pe.Snippet()
			return
		}
		back, err := Parse(e.String(), fuzzOpts...)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, e.String(), err)
		}
		if back != e {
			t.Fatalf("Parse(%q) = %q, which reparses to %q", s, e.String(), back.String())
		}
		if len(s) < 2000 {
			checkSameTree(t, s)
		}
	})
}

// FuzzRoundTrip checks that the derivative of what parses prints to text
// that parses back to the same expression.
func FuzzRoundTrip(f *testing.F) {
	addSeeds(f)
	x := symbolic.Sym("x")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return // derivatives of huge inputs only slow the search
		}
		e, err := Parse(s, fuzzOpts...)
		if err != nil {
			return
		}
		d, err := symbolic.Diff(context.Background(), e, x)
		if err != nil {
			return // a mathematical limit of the differentiator, not a parser matter
		}
		back, err := Parse(d.String(), fuzzOpts...)
		if err != nil {
			t.Fatalf("D(%q) = %q, which does not parse: %v", s, d.String(), err)
		}
		if back != d {
			t.Fatalf("D(%q) = %q, which reparses to %q", s, d.String(), back.String())
		}
	})
}
