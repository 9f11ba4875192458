package simplify

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestMonomial checks the gate of simp's short way for monomials: the
// nodes it takes as they are come back unchanged the long way too (the
// final rules, the shape and the search, which a rule of WithRules on
// products makes simp take), and the gate's answer is checked, so that a
// gate that took every product would fail.
func TestMonomial(t *testing.T) {
	// A product rule that holds (tan is sin/cos) and matches none of the
	// inputs: with it, simp takes the long way for every product.
	rs, err := ParseRules("test.rules", "never: sin(a)*cos(a)*tan(a) => sin(a)^2\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"3*x", true},
		{"-w/4", true},
		{"33*w17/100", true},
		{"x*y", true},
		{"x^2*y", true},
		{"-2*x^-3*y*z^5/7", true},
		{"pi*x", true},
		{"x^(1/2)*y", false},
		{"2^x*y", false},
		{"(x + 1)*y", false},
		{"2*sin(x)", false},
		{"x*exp(y)", false},
		{"(x*y)^(1/3)*z", false},
	} {
		e := parser.MustParse(c.in)
		p, ok := e.(*symbolic.Product)
		if !ok {
			t.Fatalf("%s parsed to %T, not a product", c.in, e)
		}
		if got := monomial(p); got != c.want {
			t.Errorf("monomial(%v) = %v, want %v", e, got, c.want)
		}
		if !c.want {
			continue
		}
		long, err := Simplify(context.Background(), e, WithRules(rs...))
		if err != nil {
			t.Fatal(err)
		}
		short, err := Simplify(context.Background(), e)
		if err != nil {
			t.Fatal(err)
		}
		if long != e || short != e {
			t.Errorf("%v simplified to %v the long way and %v the short one; want it unchanged", e, long, short)
		}
	}
}
