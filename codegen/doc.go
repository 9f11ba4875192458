// Package codegen writes a compiled expression, and its gradient,
// Jacobian or Hessian, as source code: one self-contained function in Go,
// C, JavaScript or Python with NumPy, which runs with no symbolic engine.
//
// Generate is the entry point: the expressions, their variables and
// Options (the language, the function's name, the Mode: the value, the
// gradient, the Jacobian or the Hessian) give the source.
//
// The code is emitted from the numeric package's tape (numeric.Program),
// not from printed text: every distinct subexpression of the value and
// its derivatives is computed once, in the order the tape computes it,
// with the same fused instructions (a sum of one term inside the function
// that reads it, the leave-one-out products of the product rule), so that
// what the numeric compiler does for speed and stability reaches every
// language. Functions with no native counterpart in a language (sigmoid,
// softplus, relu, step, sign, gelu, silu, mish, softsign; erf and erfc in
// JavaScript and NumPy) are emitted as small helpers in their numerically
// stable forms, the ones the function table evaluates.
//
// The calling conventions (docs/codegen.md), for variables x1..xn given in
// that order:
//
//	C       void NAME(const double *in, double *out)   (only <math.h>)
//	Go      func NAME(in, out []float64)               (only package math)
//	JS      export function NAME(inArray, outArray)    (an ES module)
//	NumPy   def NAME(*args)                            (broadcasts; returns arrays)
//
// in[i] is the i-th variable. out receives the value(s), then the
// derivatives: with Grad out[0] = f and out[1+i] = df/dx_i; with Jacobian
// out[0..m-1] = f_1..f_m and out[m + i*n + j] = df_i/dx_j; with Hessian
// out[0] = f and out[1 + i*n + j] = d2f/dx_i dx_j.
package codegen
