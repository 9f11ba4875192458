package numeric

import "github.com/symdiff/symdiff/symbolic"

// complexFunc returns the complex continuation of f used by EvalComplex:
// the table's EvalC, which carries the complex step for every function
// (symbolic's nearReal handles the inverse functions whose math/cmplx
// versions lose a tiny imaginary part).
func complexFunc(f *symbolic.Func) func(complex128) complex128 { return f.EvalC }
