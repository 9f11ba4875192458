package numeric

import (
	"math"

	"github.com/symdiff/symdiff/symbolic"
)

// complexFunc returns the complex continuation of f used by EvalComplex:
// the table's EvalC, except for the functions whose EvalC (Go's
// math/cmplx) loses a tiny imaginary part.
//
// cmplx.Asin, Acos, Atan and Acosh (and so asec, acsc, acot) compute the imaginary part of the result
// through the logarithm of a modulus close to 1, so for z = x + ih with
// h = 1e-20 or 1e-200 it comes out 0 or wildly wrong, and the complex-step
// derivative with it. For such small imaginary parts the first-order
// expansion f(x + ih) = f(x) + ih f'(x) is exact to rounding (the next term
// is of order h^2), so these functions use it there, with f'(x) written out
// by hand (independently of the symbolic derivative that Check tests).
// Larger imaginary parts go to EvalC.
func complexFunc(f *symbolic.Func) func(complex128) complex128 {
	d, ok := stepSafe[f.Name]
	if !ok {
		return f.EvalC
	}
	eval, evalC := f.Eval, f.EvalC
	return func(z complex128) complex128 {
		x, h := real(z), imag(z)
		if h == 0 {
			return complex(eval(x), 0)
		}
		if math.Abs(h) <= 1e-15*math.Max(1, math.Abs(x)) {
			return complex(eval(x), h*d(x))
		}
		return evalC(z)
	}
}

// stepSafe holds the derivatives, on the real line, of the functions whose
// EvalC cannot carry a complex step.
var stepSafe = map[string]func(float64) float64{
	"asin":  func(x float64) float64 { return 1 / math.Sqrt(1-x*x) },
	"acos":  func(x float64) float64 { return -1 / math.Sqrt(1-x*x) },
	"atan":  func(x float64) float64 { return 1 / (1 + x*x) },
	"acot":  func(x float64) float64 { return -1 / (1 + x*x) },
	"asec":  func(x float64) float64 { return 1 / (math.Abs(x) * math.Sqrt(x*x-1)) },
	"acsc":  func(x float64) float64 { return -1 / (math.Abs(x) * math.Sqrt(x*x-1)) },
	"acosh": func(x float64) float64 { return 1 / math.Sqrt(x*x-1) },
	// cmplx.Asinh computes log(z + sqrt(1 + z^2)), which cancels for
	// negative z: at z = -20 the imaginary part keeps 3 digits fewer.
	"asinh": func(x float64) float64 { return 1 / math.Sqrt(1+x*x) },
}
