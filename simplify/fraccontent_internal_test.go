package simplify

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestFractionalPoly checks which sums count as polynomials with
// fractional coefficients: every term a number times variables to positive
// integer powers, one coefficient not an integer.
func TestFractionalPoly(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"x/2 + 1", true},
		{"x^2/4 + x + 2", true},
		{"a*x/3 - b", true},
		{"n + 3/2", true},
		{"x + 1", false},
		{"2*x^2 - 6*x", false},
		{"sin(x)/2 + 1", false},     // not a polynomial
		{"(x/2 + 1)^2 + 1", false},  // a term is a power of a sum
		{"sqrt(x)/2 + 1", false},    // a root
		{"x^(-1)/2 + 1", false},     // a negative power
		{"x/2 + exp(x)/3", false},   // a call
		{"x^2*y/5 + y^3", true},     // several variables
		{"pi*x/2 + 1", true},        // a named constant is a variable here
		{"x/2 + y/2 + 1/2", true},   // content 1/2
		{"2*x/3 + 4/3 + x^2", true}, // one term with an integer coefficient
	} {
		s := mustSum(t, tc.src)
		if got := fractionalPoly(s); got != tc.want {
			t.Errorf("fractionalPoly(%v) = %v, want %v", s, got, tc.want)
		}
	}
}

// TestFractionContent checks the rewrite that takes the fractional content
// out of a product's polynomial factors and an integer power's base (the
// inner powers of its terms first): the forms offered, none where there is
// no fraction to clear, and each equal to its input at random points.
func TestFractionContent(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(24, 1))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 8*rng.Float64() - 4, y: 8*rng.Float64() - 4}
	}
	for _, tc := range []struct {
		src  string
		want []string // nil for nothing offered
	}{
		{"2*x*(x/2 - 3)/(x^2 + 1)", []string{"x*(x - 6)/(x^2 + 1)"}},
		{"(x/3 + 1)^2", []string{"(x + 3)^2/9"}},
		{"1/(x^2/4 + x + 2)", []string{"4/(x^2 + 4*x + 8)"}},
		{"1/((x/3 + 1)^2 + 1)", []string{"9/((x + 3)^2 + 9)"}},
		{"1/((x/2 + y)^3 - 2)", []string{"8/((x + 2*y)^3 - 16)"}},
		{"-(2*x/3 + 1/2)/(x^2/3 + x/2 + 1)^2", []string{"-6*(4*x + 3)/(2*x^2 + 3*x + 6)^2"}},
		{"sin(x)*(x/2 + y/2)", []string{"sin(x)*(x + y)/2"}},
		{"(x + 1)^2", nil},
		{"1/(x^2 + 1)", nil},
		{"x*(x + 2)", nil},
		{"(sin(x)/2 + 1)^2", nil}, // no polynomial, none inside
		{"(x/2 - 1/(2*x))^2", nil},
		{"sin(x)*(sin(x)/2 + 1)", nil}, // a product's factors: polynomials only
		{"sqrt(x/2 + 1)", nil},         // a root: not an integer power
	} {
		checkOffered(t, "fraction content", fractionContent, tc.src, tc.want, point)
	}
}
