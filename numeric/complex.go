package numeric

import "github.com/symdiff/symdiff/symbolic"

// complexFunc returns the complex continuation of f used by EvalComplex:
// the table's EvalC, which carries the complex step for every function
// (symbolic's nearReal handles the inverse functions whose math/cmplx
// versions lose a tiny imaginary part).
// exp, sinh and cosh take wideEvalC's continuations, finite up to the
// true overflow threshold as the real evaluation is.
func complexFunc(f *symbolic.Func) func(complex128) complex128 {
	if fc, ok := wideEvalC[f.Name]; ok {
		return fc
	}
	return f.EvalC
}
