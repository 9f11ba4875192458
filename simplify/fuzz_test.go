package simplify_test

// FuzzSimplify: the simplifier never panics, never returns something costlier
// than its input, and never changes a value where both forms are finite.
// Inputs are parsed with package parser; the seed corpus is in
// testdata/fuzz/FuzzSimplify/ and runs in plain go test.

import (
	"context"
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/internal/testkit"
	num "github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// Small budgets keep each fuzz iteration fast; the properties checked hold
// for any budget.
var fuzzOpts = []simplify.Option{
	simplify.MaxNodes(2000),
	simplify.MaxIterations(3),
}

// FuzzSimplify parses its input and simplifies it with small budgets. It
// checks that every error is a *parser.Error; that Simplify returns no error
// and a result whose Cost is at most the input's; and that, at random
// points where both the
// input and the result are finite, their values agree within the rounding
// bounds of the two evaluations.
func FuzzSimplify(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		e, ok := testkit.FuzzParse(t, src, 200)
		if !ok {
			return
		}
		if symbolic.Size(e) > 150 {
			return
		}
		s, err := simplify.Simplify(context.Background(), e, fuzzOpts...)
		if err != nil {
			t.Fatalf("Simplify(%v) (input %q): %v", e, src, err)
		}
		if s == nil {
			t.Fatalf("Simplify(%v) (input %q) returned nil", e, src)
		}
		if cs, ce := simplify.Cost(s), simplify.Cost(e); cs > ce {
			t.Fatalf("input %q: Simplify(%v) = %v costs %d, more than the input's %d", src, e, s, cs, ce)
		}
		if err := checkSameValues(src, e, s); err != nil {
			t.Fatal(err)
		}
	})
}

// checkSameValues compares e and s at random points seeded by the input.
func checkSameValues(src string, e, s symbolic.Expr) error {
	seen := map[*symbolic.Symbol]bool{}
	var vars []*symbolic.Symbol
	for _, x := range append(symbolic.Symbols(e), symbolic.Symbols(s)...) {
		if !seen[x] {
			seen[x] = true
			vars = append(vars, x)
		}
	}
	pe, err := num.Compile(e, vars...)
	if err != nil {
		return nil // abstract functions cannot be evaluated
	}
	ps, err := num.Compile(s, vars...)
	if err != nil {
		return fmt.Errorf("input %q: %v compiles but its simplification %v does not: %v", src, e, s, err)
	}
	rng := testkit.FuzzRand(src, 7)
	args := make([]float64, len(vars))
	for k := 0; k < 6; k++ {
		testkit.FuzzPoint(rng, args)
		c := testkit.Compare(pe, ps, args)
		if !c.Finite() {
			continue
		}
		if !c.Same(8) {
			return fmt.Errorf("input %q: Simplify changed the value at %v = %v:\n  input  %v = %.17g (rounding bound %.3g)\n  result %v = %.17g (rounding bound %.3g)",
				src, vars, args, e, c.A, c.BoundA, s, c.B, c.BoundB)
		}
	}
	return nil
}

// TestFuzzValueOracle makes sure the check FuzzSimplify relies on accepts
// equal forms and rejects a change of value of one part in a million.
func TestFuzzValueOracle(t *testing.T) {
	e := parser.MustParse("exp(-x)/(1 + exp(-x))^2 + y^2")
	same := parser.MustParse("sigmoid(x)*(1 - sigmoid(x)) + y^2")
	if err := checkSameValues("seed", e, same); err != nil {
		t.Errorf("equal forms fail: %v", err)
	}
	for _, w := range []string{"sigmoid(x)*(1 - sigmoid(x)) + y^2 + 1/1000000", "1000001/1000000*sigmoid(x)*(1 - sigmoid(x)) + y^2", "sigmoid(x)*(1 - sigmoid(x))"} {
		if err := checkSameValues("seed", e, parser.MustParse(w)); err == nil {
			t.Errorf("%s passes for %v", w, e)
		}
	}
}

// TestUndefinedConstants: a call at a pole (csc(0), sec(pi/2), coth(0)) is
// an undefined constant that no identity of its function applies to, so
// an expression holding one keeps the value float64 gives it. FuzzSimplify
// found 2 + 1/csc(0) simplified to 0: 1/csc(0) read as sin(0) inside
// (2*csc(0) + 1)/csc(0); and x/cot(0)^2, read by the trigonometric kernel
// as x*sin(0)^2/cos(0)^2.
func TestUndefinedConstants(t *testing.T) {
	for _, src := range []string{
		"2 + 1/csc(0)",
		"3 + 1/sec(pi/2)",
		"5 + 1/cot(0)",
		"1 - 1/tan(-pi/2)",
		"2 + 1/csch(0)",
		"2 + 1/coth(0)",
		"x*(3 + 1/sec(pi/2))",
		"x + (x*csc(pi) + 1)/csc(pi)",
		// The trigonometric kernel read cot(0) as cos(0)/sin(0).
		"x/cot(0)^2",
		"sec(x)*tan(x) + cot(x)*csc(x)/cot(0)^2",
	} {
		simplifyChecked(t, src)
	}
}

// simplifyChecked parses src, simplifies it and checks that the result has
// the input's values (checkSameValues), failing t where it does not.
func simplifyChecked(t *testing.T, src string) symbolic.Expr {
	t.Helper()
	e, err := parser.Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	s, err := simplify.Simplify(context.Background(), e)
	if err != nil {
		t.Fatalf("Simplify(%v): %v", e, err)
	}
	if err := checkSameValues(src, e, s); err != nil {
		t.Error(err)
	}
	return s
}
