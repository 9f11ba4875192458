package simplify

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestFractionalWeight checks that the cost function weighs a fractional
// polynomial where a reader clears it (a quotient's factor, an integer
// power's base) and not where the input's form stands (a call's argument,
// a product with no divisor), so that the cleared forms win.
func TestFractionalWeight(t *testing.T) {
	for _, tc := range []struct{ cheaper, dearer string }{
		{"6/(4*x^2 + 9)", "2/(3*(4*x^2/9 + 1))"},
		{"-2/(x^2 + 4*x + 8)", "-1/(2*(x^2/4 + x + 2))"},
		{"x*(x - 6)/(x^2 + 1)", "2*x*(x/2 - 3)/(x^2 + 1)"},
	} {
		c, d := parser.MustParse(tc.cheaper), parser.MustParse(tc.dearer)
		if !less(c, Cost(c), d, Cost(d)) {
			t.Errorf("%v (cost %d) is not preferred to %v (cost %d)", c, Cost(c), d, Cost(d))
		}
	}
	for _, src := range []string{"sin((5*x - 3)*(x/2 - 1))", "exp(x/2 + 1)", "x*(x/2 + 2)"} {
		e := parser.MustParse(src)
		if w := fractionalWeightOf(e); w != 0 {
			t.Errorf("%v: fractional weight %d, want 0", e, w)
		}
	}
}

// fractionalWeightOf sums the fractional weights of e's nodes.
func fractionalWeightOf(e symbolic.Expr) int {
	w := 0
	seen := map[symbolic.Expr]bool{}
	var walk func(symbolic.Expr)
	walk = func(n symbolic.Expr) {
		if seen[n] {
			return
		}
		seen[n] = true
		switch n := n.(type) {
		case *symbolic.Product:
			w += fractionalFactors(n.Factors())
		case *symbolic.Power:
			if k, ok := n.Exp().(*symbolic.Number); ok && k.IsInt() {
				w += fractionalBase(n)
			}
		}
		for _, c := range symbolic.Children(n) {
			walk(c)
		}
	}
	walk(e)
	return w
}

// TestUnexpandedSingle checks the weight of a polynomial sum with one term
// a monomial times a polynomial sum: weighed where the expansion collects
// with another term (a reader expands it), not where nothing collects (a
// factorisation a reader keeps) or the sum is raised to a power.
func TestUnexpandedSingle(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"2*a*(x - 1) + a*x - 1", 1},
		{"x^3 + 3*x^2*(x - 1)", weightNested},                           // nested: a polynomial in x
		{"16 - x^2*(128*x^12 + 672*x^8 - 390*x^2 + 120)", weightNested}, // nested
		{"a*x^2 + y*(a*x + b)", 0},                                      // y only in m, b only in u
		{"a*x^2 + 2*x*(a*x + b)", 1},
		{"x^6*(x^2 + a^2) + 1", 0},
		{"n*(x^2 - 1) - x^2", 0},
		{"s^2 - (x - m)^2", 0},
		{"x*(x - 2) + x*(x - 1) + (x - 2)*(x - 1)", 3}, // several such terms, as before
	} {
		s := mustSum(t, tc.src)
		if got := unexpanded(s); got != tc.want {
			t.Errorf("unexpanded(%v) = %d, want %d", s, got, tc.want)
		}
	}
}

// TestCompoundNumerator checks the weight of a quotient whose numerator sum
// has a term that divides, and its absence where the product has no
// divisor (the common factor's form).
func TestCompoundNumerator(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"(a*sqrt(x - 1) + (a*x - 1)/(2*sqrt(x - 1)))/(2*sqrt(u))", weightCompound},
		{"(3 + (x^2 - 2)*tan(x)/(x^2*sqrt(x^2 - 1)))/x^4", weightCompound},
		{"exp(x)*(log(x) + 1/x)", 0},
		{"(x + 1)/(x - 1)", 0},
	} {
		p, ok := parser.MustParse(tc.src).(*symbolic.Product)
		if !ok {
			t.Fatalf("%s is not a product", tc.src)
		}
		if got := compoundNumerator(p.Factors()); got != tc.want {
			t.Errorf("compoundNumerator(%v) = %d, want %d", p, got, tc.want)
		}
	}
}

// mustSum parses src, which must be a sum.
func mustSum(t *testing.T, src string) *symbolic.Sum {
	t.Helper()
	s, ok := parser.MustParse(src).(*symbolic.Sum)
	if !ok {
		t.Fatalf("%s is not a sum", src)
	}
	return s
}
