package simplify

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestParityPairs checks parityPairs on random sums and products of calls
// of even and odd functions of a sum and of its negation, with other
// factors and terms: wherever the input is defined, at random points
// negative ones included, the rewritten form is defined and has its
// value; and a pair is found in most of them.
func TestParityPairs(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(31, 32))
	fns := []string{"abs", "sign", "cos", "sin", "tan", "cosh", "sinh", "tanh", "sech", "atan", "asinh", "erf"}
	sums := []symbolic.Expr{symbolic.Sub(symbolic.One, symbolic.Mul(symbolic.Two, x)), symbolic.Sub(y, x),
		symbolic.Sub(symbolic.Pow(x, symbolic.Two), y), symbolic.Add(x, y, symbolic.Int(-3))}
	rewritten, compared := 0, 0
	for range 300 {
		s := sums[rng.IntN(len(sums))]
		n := symbolic.Neg(s)
		f, g := fns[rng.IntN(len(fns))], fns[rng.IntN(len(fns))]
		a, b := call(f, s), call(g, n)
		var e symbolic.Expr
		switch rng.IntN(3) {
		case 0:
			e = symbolic.Add(symbolic.Mul(symbolic.Int(int64(rng.IntN(5)-2)), a), b, y)
		case 1:
			e = symbolic.Mul(a, symbolic.Pow(b, symbolic.Int(int64(rng.IntN(3)-1))), x)
		default:
			e = symbolic.Add(symbolic.Mul(x, a, b), call(f, n))
		}
		rs := parityPairs(e)
		if len(rs) == 0 {
			continue
		}
		rewritten++
		compared += definedAlike(t, rng, "parityPairs", e, rs[0], 20, x, y)
	}
	if rewritten < 150 || compared < 2000 {
		t.Errorf("only %d rewritten, %d values compared", rewritten, compared)
	}
}
