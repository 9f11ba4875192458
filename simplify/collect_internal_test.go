package simplify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestCollect collects random sums of terms that are a number times a
// polynomial times one of a few kernels (sin(x), cos(x)^2, exp(-x),
// sin(x)*cos(x), cos(x)*sin(x)/log(x), or none), and checks that the value
// is the same at random points (where log(x) has one), that the collected
// sum has no two terms with the same kernel (uncollected weighs it 0), and
// that collect gives nil for a sum whose kernels are all different (and
// so does uncollected).
func TestCollect(t *testing.T) {
	x := symbolic.Sym("x")
	call := func(name string, u symbolic.Expr) symbolic.Expr {
		f, _ := symbolic.Lookup(name)
		return symbolic.Apply(f, u)
	}
	kernels := []symbolic.Expr{
		symbolic.One, call("sin", x), symbolic.Pow(call("cos", x), symbolic.Two),
		call("exp", symbolic.Neg(x)), symbolic.Mul(call("sin", x), call("cos", x)),
		// Calls apart in the canonical order: 1/log(x), a negative power,
		// is a coefficient between them.
		symbolic.Mul(call("cos", x), symbolic.Pow(call("log", x), symbolic.MinusOne), call("sin", x)),
	}
	rng := rand.New(rand.NewPCG(5, 6))
	coef := func() symbolic.Expr {
		c := symbolic.Int(int64(rng.IntN(7) - 3))
		switch rng.IntN(3) {
		case 0:
			return symbolic.Mul(c, x)
		case 1:
			return symbolic.Mul(c, symbolic.Add(x, symbolic.Int(int64(rng.IntN(5)-2))))
		}
		return c
	}
	collected := 0
	for range 400 {
		var ts []symbolic.Expr
		for range 2 + rng.IntN(5) {
			ts = append(ts, symbolic.Mul(coef(), kernels[rng.IntN(len(kernels))]))
		}
		e := symbolic.Add(ts...)
		s, ok := e.(*symbolic.Sum)
		if !ok {
			continue
		}
		c := collect(e)
		if c == nil {
			if uncollected(s) != 0 {
				t.Errorf("collect(%v) is nil, but uncollected weighs it %d", e, uncollected(s))
			}
			continue
		}
		collected++
		if uncollected(s) == 0 {
			t.Errorf("collect(%v) = %v, but uncollected weighs the input 0", e, c)
		}
		if cs, ok := c.(*symbolic.Sum); ok && uncollected(cs) != 0 {
			t.Errorf("collect(%v) = %v still has terms with the same kernel", e, c)
		}
		for range 5 {
			ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: 3*rng.Float64() + 0.1}}
			ve, vc := ev.Eval(e), ev.Eval(c)
			if math.Abs(ve-vc) > 1e-9*math.Max(1, math.Abs(ve)) {
				t.Fatalf("collect(%v) = %v: %g, not %g", e, c, vc, ve)
			}
		}
	}
	if collected < 100 {
		t.Errorf("only %d of 400 sums collected", collected)
	}
}
