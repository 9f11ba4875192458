package testkit

import "math"

// Bounded is what is evaluated with a bound on its rounding error, as a
// numeric.Program is.
type Bounded interface {
	ErrorBound(args []float64) (v, bound float64)
}

// A Comparison holds the values of two evaluations at one point, each with
// its rounding bound.
type Comparison struct {
	A, BoundA float64
	B, BoundB float64
}

// Compare evaluates p and q at args with their rounding bounds.
func Compare(p, q Bounded, args []float64) Comparison {
	var c Comparison
	c.A, c.BoundA = p.ErrorBound(args)
	c.B, c.BoundB = q.ErrorBound(args)
	return c
}

// Finite reports whether both values and both bounds are finite: where one
// is not, the point says nothing about whether the two agree.
func (c Comparison) Finite() bool {
	for _, v := range [...]float64{c.A, c.BoundA, c.B, c.BoundB} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// Same reports whether the values differ by at most 1e-9 of the larger
// magnitude (at least 1) plus slack times the sum of the rounding bounds.
func (c Comparison) Same(slack float64) bool {
	scale := math.Max(math.Max(math.Abs(c.A), math.Abs(c.B)), 1)
	return math.Abs(c.A-c.B) <= 1e-9*scale+slack*(c.BoundA+c.BoundB)
}
