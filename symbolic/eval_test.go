package symbolic_test

import (
	"math"
	"math/rand/v2"

	. "github.com/symdiff/symdiff/symbolic"
)

// eval is a small tree-walking evaluator for the tests of this package (the
// numeric package has the real, compiled one; symbolic cannot import it).
func eval(e Expr, env map[*Symbol]float64) float64 {
	memo := make(map[Expr]float64)
	var ev func(Expr) float64
	ev = func(e Expr) float64 {
		if v, ok := memo[e]; ok {
			return v
		}
		var v float64
		switch e := e.(type) {
		case *Number:
			v = e.Float64()
		case *Symbol:
			switch {
			case e == Pi:
				v = math.Pi
			case e == E:
				v = math.E
			default:
				x, ok := env[e]
				if !ok {
					panic("unbound " + e.Name())
				}
				v = x
			}
		case *Sum:
			for _, t := range e.Terms() {
				v += ev(t)
			}
		case *Product:
			v = 1
			for _, f := range e.Factors() {
				v *= ev(f)
			}
		case *Power:
			v = math.Pow(ev(e.Base()), ev(e.Exp()))
		case *Call:
			v = e.Func().Eval(ev(e.Arg()))
		}
		memo[e] = v
		return v
	}
	return ev(e)
}

// centralDiff is a fourth-order central difference of f at x with a step
// scaled to x, and an error estimate from the difference with the
// second-order formula.
func centralDiff(f func(float64) float64, x float64) (d, errEst float64) {
	h := 1e-3 * math.Max(1, math.Abs(x))
	d2 := (f(x+h) - f(x-h)) / (2 * h)
	d4 := (-f(x+2*h) + 8*f(x+h) - 8*f(x-h) + f(x-2*h)) / (12 * h)
	return d4, math.Abs(d4 - d2)
}

// closeTo reports whether got and want agree to a relative tolerance, with an
// absolute floor for values near zero.
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// samplePoint draws a point in [-3, 3] where ok holds, away from the points
// where ok fails (so that a finite difference stencil stays inside).
func samplePoint(r *rand.Rand, ok func(float64) bool) (float64, bool) {
	for range 1000 {
		x := -3 + 6*r.Float64()
		const margin = 0.02
		if ok(x) && ok(x-margin) && ok(x+margin) && ok(x-margin/2) && ok(x+margin/2) {
			return x, true
		}
	}
	return 0, false
}
