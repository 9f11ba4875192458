package simplify

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestAbsAsSign checks the rewrite of abs(u) as u*sign(u) where another
// term of the sum has sign(u): the forms offered, none where no term has
// sign(u), and each equal to its input at random points of both signs.
func TestAbsAsSign(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(24, 2))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 8*rng.Float64() - 4, y: 8*rng.Float64() - 4}
	}
	for _, tc := range []struct {
		src  string
		want []string // nil for nothing offered
	}{
		{"x*abs(x) + (x^2 - 1)*sign(x)", []string{"sign(x)*(2*x^2 - 1)"}},
		{"abs(x) + x*sign(x)*y", []string{"sign(x)*(x + x*y)"}},
		{"asinh(x)*sign(x) + abs(x)/sqrt(x^2 + 1)", []string{"sign(x)*(asinh(x) + x/sqrt(x^2 + 1))"}},
		{"abs(y)*x + sign(x)", nil}, // abs and sign of different arguments
		{"abs(x) + x^2", nil},
		{"sign(x) + x", nil},
	} {
		checkOffered(t, "abs as sign", absAsSign, tc.src, tc.want, point)
	}
}
