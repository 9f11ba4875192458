// Package numeric evaluates symbolic expressions fast and checks symbolic
// derivatives against numbers.
//
// Compile turns an expression DAG into a Program, a flat tape of
// instructions over registers in which every distinct subexpression is
// computed once. Variables are bound by position when compiling; the
// constants pi and e need no binding. The tape has specialised
// instructions: n-ary sums and products with their numeric coefficient
// folded in, integer powers by multiplication (x^2 is x*x, x^-1 is 1/x),
// x^(1/2) through sqrt, direct calls of exp, log, sin, cos, tanh and
// sigmoid, and every other function through the function table's Eval. A
// sum of products that each leave out one factor of a shared set, the
// shape of the product rule, is evaluated with prefix and suffix products
// in time linear in the number of factors. Before registers are
// allocated, instructions are fused: sin and cos of one argument into one
// sincos, exp(-u) into one instruction, a sum of one term c + w*u into
// the function that reads it (sin(k*x + k) is one instruction), and
// c*u/v^2 into one instruction when nothing else reads v^2.
//
// The package's entry points are Compile and CompileMany, the Program's
// evaluation methods Eval, EvalMany, EvalComplex and EvalBatch (with the
// option Serial), Check for a derivative against numbers, and Ridders and
// ComplexStep for a numeric derivative.
//
// The compiler lowers some forms so that their values hold where the
// mathematics does, not only where the canonical form's direct evaluation
// stays in range (stable.go): a product whose exact coefficient is beyond
// float64's range, or that holds two or more integer powers, keeps its
// exponent range apart until the end (x^2/10^400 at x = 1e200 is 1, and
// x^200/y^200, the canonical form of (x/y)^200, is 1 at x = y = 100);
// 1 - sigmoid(u) is sigmoid(-u); log(1 + exp(u)) is softplus(u); exp, sinh
// and cosh are finite up to the true overflow threshold; and in a program
// holding a general power u^v, a product with log(u) or 1/u and a factor
// that is exactly 0 is 0 where u is exactly 0 (the general power rule's
// derivative where it exists, as for relu(-x)^relu(-x) at x = 1).
//
// The compiled exp (also inside sigmoid), sin and cos are the package's
// own table-driven implementations, not math.Exp, math.Sin and math.Cos:
// faster (docs/benchmarks.md) and as accurate or more (exp within
// 0.51 ulp, sin and cos within 1.06 ulp on moderate arguments, measured
// against 256-bit references in the tests; math.Exp 1.55, math.Sincos
// 1.35). Every mode of evaluation uses the same ones, so Eval and
// EvalBatch agree to the last bit.
//
// A Program evaluates in four ways: Eval gives the first output at a
// point, EvalMany every output at a point, EvalComplex the first output at
// complex arguments (for the complex-step derivative), and EvalBatch any
// number of outputs over columns of points, where each instruction loops
// over a chunk of points so that dispatch costs nothing. A batch of at
// least ParallelMinPoints points is split over GOMAXPROCS goroutines; the
// values do not depend on the split, and the option Serial keeps a batch
// on the calling goroutine. Programs are safe for concurrent use.
//
// On amd64 processors with AVX2 (and AVX-512 for exp and sincos) the
// batch loops of exp, sincos, sums, products, leave-one-out products and
// c*u/v^2 run in assembly, four or eight points at a time. The kernels
// round every operation as the Go code does (no fused multiply-add, which
// the Go code forbids the compiler too), so the values are still Eval's
// to the last bit; points outside the fast ranges of exp and sincos are
// handed back to the Go code. Other architectures, and builds with the
// purego tag, run the Go loops.
//
// Ridders computes a derivative by central differences extrapolated to a
// zero step, with an error estimate; ComplexStep computes one exactly to
// rounding from a complex continuation. Check compares a symbolic
// derivative with both at given or random points and returns a Report
// that prints as a table.
package numeric
