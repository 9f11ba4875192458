package numeric

import "math"

// Settings tunes Ridders' method. A nil *Settings, or a zero field, means
// the default.
type Settings struct {
	// Step is the first, largest step h. Default 0.1*max(|x|, 1).
	Step float64
	// Shrink divides the step from one row of the tableau to the next.
	// Default 1.4.
	Shrink float64
	// Rows is the largest number of steps tried. Default 10.
	Rows int
	// Safe stops the extrapolation once the error grows by this factor
	// over the best estimate so far. Default 2.
	Safe float64
}

func (s *Settings) defaults(x float64) (h, shrink float64, rows int, safe float64) {
	h, shrink, rows, safe = 0.1*math.Max(math.Abs(x), 1), 1.4, 10, 2
	if s == nil {
		return
	}
	if s.Step > 0 {
		h = s.Step
	}
	if s.Shrink > 1 {
		shrink = s.Shrink
	}
	if s.Rows > 1 {
		rows = s.Rows
	}
	if s.Safe > 1 {
		safe = s.Safe
	}
	return
}

// Ridders returns the derivative of f at x by Ridders' method: central
// differences (f(x+h) - f(x-h))/2h for steps h shrinking geometrically,
// extrapolated to h = 0 with Richardson's tableau (the error of a central
// difference is a series in h^2). errEst estimates the error of d from the
// differences between neighbouring entries of the tableau; the answer is
// the entry with the smallest estimate. A large errEst means the derivative
// could not be pinned down, as near a pole or a kink.
//
// If f is not finite at the points of the first step, the step is divided
// by 10 (up to 10 times) so that points near the edge of f's domain can be
// differentiated; if no step works, d is NaN and errEst +Inf.
func Ridders(f func(float64) float64, x float64, s *Settings) (d, errEst float64) {
	h, shrink, rows, safe := s.defaults(x)
	central := func(h float64) (float64, bool) {
		// Round h so that x+h is exactly representable: the step is then
		// the step actually taken.
		h = (x + h) - x
		v := (f(x+h) - f(x-h)) / (2 * h)
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	a0, ok := central(h)
	for try := 0; !ok && try < 10; try++ {
		h /= 10
		a0, ok = central(h)
	}
	if !ok {
		return math.NaN(), math.Inf(1)
	}
	prev := []float64{a0}
	cur := make([]float64, 0, rows)
	d, errEst = a0, math.Inf(1)
	shrink2 := shrink * shrink
	for i := 1; i < rows; i++ {
		h /= shrink
		v, ok := central(h)
		if !ok {
			break
		}
		cur = append(cur[:0], v)
		fac := shrink2
		for j := 1; j <= i; j++ {
			// Eliminate the h^(2j) term of the error.
			v := (cur[j-1]*fac - prev[j-1]) / (fac - 1)
			cur = append(cur, v)
			fac *= shrink2
			e := math.Max(math.Abs(v-cur[j-1]), math.Abs(v-prev[j-1]))
			if e <= errEst {
				errEst, d = e, v
			}
		}
		if math.Abs(cur[i]-prev[i-1]) >= safe*errEst {
			break
		}
		prev, cur = cur, prev
	}
	return d, errEst
}

// ComplexStepH is the imaginary step of ComplexStep.
const ComplexStepH = 1e-200

// ComplexStep returns the derivative of the real-analytic function f at x
// by the complex step: Im f(x + ih)/h with h = ComplexStepH. No difference
// of nearby values is taken, so there is no cancellation and the result is
// exact to rounding, for any f that is analytic near x and whose complex
// continuation fc carries the tiny imaginary part through (see
// Program.EvalComplex).
func ComplexStep(fc func(complex128) complex128, x float64) float64 {
	return imag(fc(complex(x, ComplexStepH))) / ComplexStepH
}
