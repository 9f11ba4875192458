// Package fmath holds the logarithms and powers of float64 and complex128
// that the evaluators use, where the math and math/cmplx packages are
// wrong: on amd64 (and s390x) math.Log of a subnormal argument is about
// log(2^-1022), whatever the argument (golang/go#56600: math.Log(5e-324)
// is -709.09, not -744.44), and so are math.Log10, math.Pow of a subnormal
// base to a non-integer exponent (which goes through Log), cmplx.Log and
// cmplx.Pow. Each function here scales a subnormal argument into the
// normal range first; on other arguments it is the math function.
package fmath

import (
	"math"
	"math/cmplx"
)

// scale is the power of two that takes every subnormal float64 into the
// normal range, and minNormal the least normal float64.
const (
	scale     = 54
	minNormal = 0x1p-1022
)

// Log is math.Log, right for subnormal x.
func Log(x float64) float64 {
	if x > 0 && x < minNormal {
		return math.Log(x*0x1p54) - scale*math.Ln2
	}
	return math.Log(x)
}

// Log10 is math.Log10, right for subnormal x.
func Log10(x float64) float64 {
	if x > 0 && x < minNormal {
		return Log(x) * (1 / math.Ln10)
	}
	return math.Log10(x)
}

// Pow is math.Pow, right for a subnormal base x and a non-integer
// exponent y: x^y = (x*2^54)^y * 2^(-54*y), where neither factor
// overflows or underflows unless the power does (x*2^54 is below 1).
func Pow(x, y float64) float64 {
	if ax := math.Abs(x); ax > 0 && ax < minNormal && y != math.Trunc(y) && !math.IsInf(y, 0) {
		return math.Pow(x*0x1p54, y) * math.Exp2(-scale*y)
	}
	return math.Pow(x, y)
}

// CLog is cmplx.Log, right where |z| is subnormal.
func CLog(z complex128) complex128 {
	if m := cmplx.Abs(z); m > 0 && m < minNormal {
		return complex(Log(m), cmplx.Phase(z))
	}
	return cmplx.Log(z)
}

// CPow is cmplx.Pow, right where |x| is subnormal: x^y =
// (x*2^54)^y * 2^(-54*y).
func CPow(x, y complex128) complex128 {
	if m := cmplx.Abs(x); m > 0 && m < minNormal && !cmplx.IsInf(y) && !cmplx.IsNaN(y) {
		return cmplx.Pow(x*0x1p54, y) * cmplx.Exp(-scale*math.Ln2*y)
	}
	return cmplx.Pow(x, y)
}
