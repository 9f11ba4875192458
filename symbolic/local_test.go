package symbolic_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestLocal checks Local against a central difference, not against D
// (whose rules are Local's): the partial of a node with respect to its
// i-th child is the derivative of the node with that child replaced by a
// fresh symbol t, with respect to t, at t = the child's value, at random
// points (negative ones included).
func TestLocal(t *testing.T) {
	tsym := symbolic.Sym("t_local")
	for _, e := range []symbolic.Expr{
		symbolic.Add(x, call("sin", x), symbolic.Mul(y, x)),
		symbolic.Mul(x, call("sin", x)),
		symbolic.Mul(symbolic.Int(3), x, call("exp", y), call("cos", x)),
		symbolic.Pow(x, y),
		symbolic.Pow(symbolic.Int(2), x),
		symbolic.Pow(call("cosh", x), symbolic.Int(3)),
		symbolic.Pow(x, symbolic.Half),
		call("atan", symbolic.Mul(x, y)),
		call("sigmoid", x),
		call("log", symbolic.Add(symbolic.Int(4), x)),
	} {
		cs := symbolic.Children(e)
		if len(cs) == 0 {
			t.Fatalf("%v has no children", e)
		}
		for i, c := range cs {
			replaced := append([]symbolic.Expr(nil), cs...)
			replaced[i] = tsym
			g := symbolic.Rebuild(e, replaced)
			local := symbolic.Local(e, i)
			rng := rand.New(rand.NewPCG(3, uint64(i)))
			checked := 0
			for range 40 {
				env := map[*symbolic.Symbol]float64{x: -3 + 6*rng.Float64(), y: -2 + 4*rng.Float64()}
				at := eval(c, env)
				f := func(s float64) float64 {
					env[tsym] = s
					return eval(g, env)
				}
				want, errEst := centralDiff(f, at)
				got := eval(local, env)
				if math.IsNaN(want) || math.IsNaN(got) || math.IsInf(want, 0) || errEst > 1e-6*math.Max(1, math.Abs(want)) {
					continue // off the domain, or too close to its edge
				}
				checked++
				if !closeTo(got, want, 1e-6) {
					t.Errorf("Local(%v, %d) = %v = %g, but the difference quotient is %g at %v", e, i, local, got, want, env)
					break
				}
			}
			if checked < 5 {
				t.Errorf("Local(%v, %d): only %d points checked", e, i, checked)
			}
		}
	}
}
