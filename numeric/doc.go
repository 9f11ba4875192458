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
// in time linear in the number of factors.
//
// A Program evaluates in float64 (Eval, EvalMany), in complex128
// (EvalComplex, for the complex-step derivative) and over columns of
// points (EvalBatch), where each instruction loops over a chunk of points
// so that dispatch costs nothing. Programs are safe for concurrent use.
//
// Ridders computes a derivative by central differences extrapolated to a
// zero step, with an error estimate; ComplexStep computes one exactly to
// rounding from a complex continuation. Check compares a symbolic
// derivative with both at given or random points and returns a Report
// that prints as a table.
package numeric
