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
	// The error of a central difference is a series in h^2.
	return tableau(central, h, shrink, rows, safe, shrink*shrink)
}

// riddersOneSided is Ridders' method with one-sided differences
// (f(x+h) - f(x))/h for dir > 0, (f(x) - f(x-h))/h for dir < 0: the
// derivative from one side, for a point where f has a kink (x*abs(x) at 0
// has the derivative 0 from both sides; abs(x) has 1 and -1). The error of
// a one-sided difference is a series in h, which the tableau eliminates
// term by term.
func riddersOneSided(f func(float64) float64, x float64, dir int, s *Settings) (d, errEst float64) {
	h, shrink, rows, safe := s.defaults(x)
	fx := f(x)
	side := func(h float64) (float64, bool) {
		if dir < 0 {
			h = -h
		}
		h = (x + h) - x
		v := (f(x+h) - fx) / h
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return tableau(side, h, shrink, rows, safe, shrink)
}

// tableau extrapolates the differences diff(h) for steps h shrinking
// geometrically to h = 0 (Richardson), eliminating the error terms in
// ratio^j, j = 1, 2, ...; see Ridders.
func tableau(diff func(h float64) (float64, bool), h, shrink float64, rows int, safe, ratio float64) (d, errEst float64) {
	a0, ok := diff(h)
	for try := 0; !ok && try < 10; try++ {
		h /= 10
		a0, ok = diff(h)
	}
	if !ok {
		return math.NaN(), math.Inf(1)
	}
	prev := []float64{a0}
	cur := make([]float64, 0, rows)
	d, errEst = a0, math.Inf(1)
	for i := 1; i < rows; i++ {
		h /= shrink
		v, ok := diff(h)
		if !ok {
			break
		}
		cur = append(cur[:0], v)
		fac := ratio
		for j := 1; j <= i; j++ {
			// Eliminate the j-th term of the error.
			v := (cur[j-1]*fac - prev[j-1]) / (fac - 1)
			cur = append(cur, v)
			fac *= ratio
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
	return complexStep(fc, x, ComplexStepH)
}

func complexStep(fc func(complex128) complex128, x, h float64) float64 {
	return imag(fc(complex(x, h))) / h
}

// minNormalImag is the smallest imaginary part f'(x)*h that the complex
// step keeps to full precision with a margin: below 2^-1022 float64 is
// subnormal and loses a bit per halving (f'(x) = 1e-112 with h = 1e-200
// gives 1e-312, good to about 12 digits only).
const minNormalImag = 0x1p-960

// complexStepScaled is the complex step with a step h chosen so that
// f'(x)*h stays a normal float64 for a derivative of magnitude about mag:
// ComplexStepH when that suffices, else larger, up to 1e-20 (where the
// method's h^2 error is still far below rounding). It returns NaN when
// no such step exists (a derivative below about 1e-269).
func complexStepScaled(fc func(complex128) complex128, x, mag float64) float64 {
	h := ComplexStepH
	if mag*h >= minNormalImag || mag == 0 || !finite(mag) {
		return complexStep(fc, x, h)
	}
	h = 0x1p-900 / mag
	if h > 1e-20 {
		return math.NaN()
	}
	return complexStep(fc, x, h)
}
