package simplify

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestNegatedBases checks the rewrite that gives the sign of a factor
// (-u)^k, k an integer, to the product so that it merges with a power of
// u: the forms offered, none where no two bases are negations of each
// other or only a root could give its sign, and each equal to its input at
// random points.
func TestNegatedBases(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(24, 3))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 6*rng.Float64() + 1.1, y: 6*rng.Float64() - 3}
	}
	for _, tc := range []struct {
		src  string
		want []string // nil for nothing offered
	}{
		{"sqrt(x - 1)*(1 - x)", []string{"-(x - 1)^(3/2)"}},
		{"1/(sqrt(x^2 - 1)*(1 - x^2))", []string{"-1/(x^2 - 1)^(3/2)"}},
		{"y*(1 - x)^3*(x - 1)^(1/3)", []string{"-y*(x - 1)^(10/3)"}},
		{"(1 - x)^2/sqrt(x - 1)", []string{"(x - 1)^(3/2)"}},
		{"sqrt(1 - x)*sqrt(x - 1)", nil}, // neither exponent an integer
		{"sqrt(x - 1)*(x + 1)", nil},
	} {
		checkOffered(t, "negated bases", negatedBases, tc.src, tc.want, point)
	}
}
