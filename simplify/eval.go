package simplify

import "math"

// closeTo reports whether two finite values agree to a relative tolerance
// (absolute near zero).
func closeTo(a, b, tol float64) bool {
	if a == b {
		return true
	}
	d := math.Abs(a - b)
	s := math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
	return d <= tol*s
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
