package simplify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestPerfectPower expands c*q^k for random monic polynomials q in x
// (degree 1 to 3, integer coefficients) and k = 2..4, and checks that
// perfectPower finds it as a power (or a number times one) of the same
// value, and that the power plus 1 (most often no power) gives nil or a
// form of the same value.
func TestPerfectPower(t *testing.T) {
	x := symbolic.Sym("x")
	rng := rand.New(rand.NewPCG(7, 8))
	found := 0
	for range 300 {
		deg, k := 1+rng.IntN(3), 2+rng.IntN(3)
		if deg*k > maxPowerDegree {
			continue
		}
		q := make([]int64, deg+1) // coefficients, low to high; monic
		q[deg] = 1
		for i := range deg {
			q[i] = int64(rng.IntN(7) - 3)
		}
		c := int64([]int{-3, -1, 1, 2, 4, 9}[rng.IntN(6)])
		// c*q^k by convolution, written out as a sum.
		pc := []int64{c}
		for range k {
			next := make([]int64, len(pc)+deg)
			for i, a := range pc {
				for j, b := range q {
					next[i+j] += a * b
				}
			}
			pc = next
		}
		var ts []symbolic.Expr
		for i, a := range pc {
			ts = append(ts, symbolic.Mul(symbolic.Int(a), symbolic.Pow(x, symbolic.Int(int64(i)))))
		}
		p := symbolic.Add(ts...)
		for _, e := range []symbolic.Expr{p, symbolic.Add(p, symbolic.One)} {
			r := perfectPower(e)
			if r == nil {
				continue
			}
			if e == p {
				found++
				base := r
				if m, ok := r.(*symbolic.Product); ok && len(m.Factors()) == 2 {
					base = m.Factors()[1]
				}
				if pw, ok := base.(*symbolic.Power); !ok || pw.Exp() == symbolic.One {
					t.Errorf("perfectPower(%v) = %v, not a power", e, r)
				}
			}
			for range 4 {
				ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: 4*rng.Float64() - 2}}
				ve, vr := ev.Eval(e), ev.Eval(r)
				if math.Abs(ve-vr) > 1e-9*math.Max(1, math.Abs(ve)) {
					t.Fatalf("perfectPower(%v) = %v: %g, not %g", e, r, vr, ve)
				}
			}
		}
	}
	if found < 150 {
		t.Errorf("only %d of the powers found", found)
	}
}
