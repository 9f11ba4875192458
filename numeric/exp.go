package numeric

import "math"

// expfast is the exponential of the compiled code (exp, expneg and
// sigmoid): exp(x) = 2^(k/N) * exp(r) with N = 128, k = round(x*N/ln2)
// and |r| <= ln2/(2N), where 2^(k/N) comes from a table of 2^(j/N) for
// j = k mod N, each entry a float64 H[j] plus its relative rounding error
// T[j], scaled by 2^floor(k/N) through the exponent bits, and exp(r) - 1
// is the Taylor polynomial of degree 5 (its truncation error is below
// 2^-60 relative at |r| <= ln2/256). This is the table method of Tang
// (1989) as the Arm optimized-routines exp uses it. The error is about
// half an ulp more than the final rounding: below 1 ulp, as the tests
// check against a 200-bit reference; math.Exp (amd64: degree-8 Taylor
// polynomial of x/16 squared four times) errs by up to about 1 ulp too.
//
// It is cheaper than math.Exp, a short polynomial and no squarings
// (BenchmarkExp, figures in docs/benchmarks.md).
// Outside |x| < 704 (where 2^(k/N) or the result could leave the normal
// range) and for NaN it returns expWide(x).
//
// Every product is converted to float64 before it is added: the
// conversion forbids the compiler to fuse the two into an FMA (as it does
// on arm64, and on amd64 with GOAMD64=v3), so that the value is the same
// on every platform and equals the AVX2 kernel's (simd_amd64.s), which
// rounds every operation too.
func expfast(x float64) float64 {
	if !(math.Abs(x) < 704) {
		return expWide(x)
	}
	return expEval(expArg(x))
}

// expArg is the argument reduction of expfast: for k = round(x*N/ln2),
// r = x - k*ln2/N, the index j of 2^((k mod N)/N) in expTab, and top,
// floor(k/N) in the exponent bits of a float64 (modulo 2^64).
func expArg(x float64) (r float64, j, top uint64) {
	// kd = round(x*N/ln2) by adding and subtracting 1.5*2^52; ki holds k
	// in its low bits (two's complement, modulo 2^52).
	kd := float64(expInvLn2N*x) + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	// k*expLn2hiN is exact (|k| < 2^17, expLn2hiN has 36 bits), the
	// subtraction is exact as it cancels.
	r = float64(x-float64(kd*expLn2hiN)) - float64(kd*expLn2loN)
	return r, 2 * (ki % expN), ki << (52 - expBits)
}

// expEval is 2^(k/N) * exp(r) for expArg's r, j and top: the table's
// 2^(j/N) scaled by 2^floor(k/N) through the exponent bits, times the
// polynomial of exp(r). It and expArg are small enough to be inlined, so
// that expfast, expBatchGo's loop and expWide run the one kernel without
// a call.
func expEval(r float64, j, top uint64) float64 {
	scale := math.Float64frombits(math.Float64bits(expTab[j+1]) + top)
	r2 := r * r
	p := expTab[j] + r + float64(r2*(expC2+float64(r*expC3))) + float64(r2*r2*(expC4+float64(r*expC5)))
	return scale + float64(scale*p)
}

const (
	expBits  = 7
	expN     = 1 << expBits
	expShift = 0x1.8p52
	expC2    = 1.0 / 2
	expC3    = 1.0 / 6
	expC4    = 1.0 / 24
	expC5    = 1.0 / 120
	// expInvLn2N is N/ln2 rounded (math.Log2E times a power of two).
	expInvLn2N = expN * math.Log2E
	// expLn2hiN + expLn2loN is ln2/N to about 90 bits; expLn2hiN has its
	// low 17 bits zero (TestTables checks them against tables.Ln2N).
	expLn2hiN = 0x1.62e42fefap-08
	expLn2loN = 0x1.cf79abc9e3b3ap-47
)

// expBatchGo sets dst[p] = expfast(a[p]), or expfast(-a[p]) if neg, for
// every p < len(dst), with expfast's kernel (expArg, expEval) inlined in
// the loop: the portable expBatch. TestExpBatch checks it against expfast bit for bit.
func expBatchGo(dst, a []float64, neg bool) {
	a = a[:len(dst)]
	for p, x := range a {
		if neg {
			x = -x
		}
		if !(math.Abs(x) < 704) {
			dst[p] = expWide(x)
			continue
		}
		dst[p] = expEval(expArg(x))
	}
}

// expOverflow is the largest float64 whose exponential is finite:
// log(MaxFloat64) rounded down.
const expOverflow = 709.782712893384

// expWide is the exponential outside expfast's fast range. From 704 up to
// the true overflow threshold it runs expfast's kernel with the scale
// 2^(k/N) built 2^1009 smaller and multiplies the result by 2^1009 (exact:
// the result stays normal), as the Arm optimized-routines exp does: Go's
// math.Exp on amd64 returns +Inf already from about 709.08, though
// exp(709.5) = 1.35e308 is finite. Elsewhere (below -704, NaN, and beyond
// the threshold) it is math.Exp, which is right there.
func expWide(x float64) float64 {
	if !(x >= 704 && x <= expOverflow) {
		return math.Exp(x)
	}
	r, j, top := expArg(x)
	return 0x1p1009 * expEval(r, j, top-1009<<52)
}
