package simplify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestOrientRandom turns random products of polynomial factors (linear and
// quadratic in x and a, with signs, odd and even powers, and a coefficient)
// and checks that the value is the same at random points, that what is
// left has at most one odd factor whose leading term is negative, and then
// only with a positive coefficient, and that nothing turns where the input
// holds the factors.
func TestOrientRandom(t *testing.T) {
	x, a := symbolic.Sym("x"), symbolic.Sym("a")
	rng := rand.New(rand.NewPCG(3, 4))
	num := func() symbolic.Expr {
		return symbolic.NumberOf(symbolic.NewRat(int64(rng.IntN(9)-4), int64(1+rng.IntN(3))))
	}
	poly := func() symbolic.Expr {
		ts := []symbolic.Expr{num(), symbolic.Mul(num(), x)}
		switch rng.IntN(3) {
		case 0:
			ts = append(ts, symbolic.Mul(num(), symbolic.Pow(x, symbolic.Two)))
		case 1:
			ts = append(ts, symbolic.Mul(num(), a))
		}
		return symbolic.Add(ts...)
	}
	turned := 0
	for range 500 {
		fs := []symbolic.Expr{num()}
		var ks []int64
		for range 1 + rng.IntN(4) {
			fs = append(fs, poly())
			ks = append(ks, int64(rng.IntN(7)-3))
		}
		e, ok := try(func() symbolic.Expr {
			for i, k := range ks {
				fs[i+1] = symbolic.Pow(fs[i+1], symbolic.Int(k))
			}
			return symbolic.Mul(fs...)
		})
		if !ok {
			continue // a zero factor to a negative power
		}
		r := (&orienter{}).walk(e)
		if r != e {
			turned++
		}
		for range 5 {
			ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: 4*rng.Float64() - 2, a: 4*rng.Float64() - 2}}
			ve, vr := ev.Eval(e), ev.Eval(r)
			if math.IsInf(ve, 0) || math.IsNaN(ve) || math.Abs(ve) > 1e12 {
				continue
			}
			if math.Abs(ve-vr) > 1e-9*math.Max(1, math.Abs(ve)) {
				t.Fatalf("%v turned into %v: %g, not %g", e, r, vr, ve)
			}
		}
		if p, ok := r.(*symbolic.Product); ok {
			neg := 0
			for _, f := range p.Factors() {
				if s, k := sumPower(f); s != nil && k%2 != 0 && leadingSign(s) < 0 {
					neg++
				}
			}
			c, isNum := p.Factors()[0].(*symbolic.Number)
			if neg > 1 || neg == 1 && isNum && c.Sign() < 0 {
				t.Errorf("%v turned into %v, with %d odd factors negative", e, r, neg)
			}
		}
		if kept := (&orienter{in: []symbolic.Expr{e}}).walk(e); kept != e {
			t.Errorf("%v, the input itself, turned into %v", e, kept)
		}
	}
	if turned < 100 {
		t.Errorf("only %d of 500 products turned", turned)
	}
}
