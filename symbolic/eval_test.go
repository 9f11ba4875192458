package symbolic_test

import (
	"math"
	"math/rand/v2"

	"github.com/symdiff/symdiff/internal/refeval"
)

// eval is the tree-walking reference evaluator (the numeric package has
// the real, compiled one; symbolic's tests do not need it).
var eval = refeval.Eval

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
