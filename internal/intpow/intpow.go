package intpow

import "math"

// Powi returns x^n by binary powering.
func Powi[T Num](x T, n int) T {
	switch n {
	case 2:
		return x * x
	case 3:
		return x * x * x
	case -1:
		return 1 / x
	case -2:
		return 1 / (x * x)
	}
	if n < 0 {
		return 1 / Powi(x, -n)
	}
	r := T(1)
	for n > 0 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
		n >>= 1
	}
	return r
}

// Scale returns m*2^e times the product of xs[k]^ks[k] without spurious
// overflow or underflow: directly (ScaleDirect), and if a step of that
// leaves the normal range (or the value is 0), with mantissas and
// exponents apart (ScaleApart), so that a representable result comes out
// right.
func Scale(m float64, e int, xs []float64, ks []int) float64 {
	v, normal := ScaleDirect(m, e, xs, ks, IsNormal, math.Ldexp)
	if normal {
		return v
	}
	// An infinite or NaN base decides the value as the direct evaluation
	// does; else a zero base makes it a signed zero (an infinity to a
	// negative power), however large the others.
	zero, pole, sign := false, false, 1.0
	if math.Signbit(m) {
		sign = -1
	}
	for k, n := range ks {
		b := xs[k]
		if math.IsInf(b, 0) || math.IsNaN(b) {
			return v
		}
		if n&1 == 1 && math.Signbit(b) {
			sign = -sign
		}
		if b == 0 {
			if n > 0 {
				zero = true
			} else {
				pole = true
			}
		}
	}
	switch {
	case zero && pole:
		return math.NaN()
	case zero:
		return math.Copysign(0, sign)
	case pole:
		return math.Inf(int(sign))
	}
	return ScaleApart(m, e, xs, ks, math.Frexp, math.Ldexp)
}

// ScaleDirect returns m*2^e times the product of xs[k]^ks[k] computed
// directly, numerator and denominator apart and divided once, and reports
// whether every step stayed in the normal range (normal says so for a
// value): a subnormal step loses bits that a later factor could bring
// back into range.
func ScaleDirect[T Num](m T, e int, xs []T, ks []int, normal func(T) bool, ldexp func(T, int) T) (T, bool) {
	v, d, ok := m, T(1), true
	for k, n := range ks {
		var t T
		if n > 0 {
			t = Powi(xs[k], n)
			v *= t
		} else {
			t = Powi(xs[k], -n)
			d *= t
		}
		ok = ok && normal(t) && normal(v) && normal(d)
	}
	if d != 1 {
		v /= d
		ok = ok && normal(v)
	}
	if e != 0 {
		v = ldexp(v, e)
	}
	return v, ok && normal(v)
}

// ScaleApart returns m*2^e times the product of xs[k]^ks[k] computed with
// mantissas and exponents apart (split returns a value's mantissa and
// binary exponent), the numerator and the denominator each renormalised
// at every step and divided once.
func ScaleApart[T Num](m T, e int, xs []T, ks []int, split func(T) (T, int), ldexp func(T, int) T) T {
	sm, se := m, e
	dm, de := T(1), 0
	for k, n := range ks {
		f, fe := split(xs[k])
		var t int
		if n > 0 {
			pm, pe := PowScaled(f, fe, n, split)
			sm, t = split(sm * pm)
			se += pe + t
		} else {
			pm, pe := PowScaled(f, fe, -n, split)
			dm, t = split(dm * pm)
			de += pe + t
		}
	}
	return ldexp(sm/dm, se-de)
}

// PowScaled returns (f*2^fe)^n as pm*2^pe with pm a mantissa (as split
// makes it), by binary powering with the exponent kept apart, for n > 0.
func PowScaled[T Num](f T, fe, n int, split func(T) (T, int)) (T, int) {
	rm, re := T(1), 0
	bm, be := f, fe
	for {
		if n&1 == 1 {
			var t int
			rm, t = split(rm * bm)
			re += be + t
		}
		n >>= 1
		if n == 0 {
			break
		}
		var t int
		bm, t = split(bm * bm)
		be = 2*be + t
	}
	return rm, re
}

// IsNormal reports whether v is a normal float64 (not 0, subnormal,
// infinite or NaN).
func IsNormal(v float64) bool {
	a := math.Abs(v)
	return a >= 0x1p-1022 && a <= math.MaxFloat64
}
