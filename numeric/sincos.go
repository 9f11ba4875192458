package numeric

import "math"

// sincosfast is the sine and cosine of the compiled code (sincos, and sin
// and cos alone, so that a sine has the same value in every program):
// x = k*pi/64 + r + rl with |r| <= pi/128 (rl the rounding error of the
// reduction by a 3-part pi/64, as math.Sincos splits pi/4), then
// sin(x) = S + (S*(cos r - 1) + C*sin r) and
// cos(x) = C + (C*(cos r - 1) - S*sin r), with S, C = sin, cos(k*pi/64)
// from a table (each a float64 plus the float64 of its rounding error)
// and Taylor polynomials for sin r (to r^7) and cos r - 1 (to r^6), whose
// truncation errors are below 2^-60 relative.
//
// It is faster than math.Sincos (two short polynomials instead of two of
// degree 12; BenchmarkSincos, figures in docs/benchmarks.md) and as
// accurate: within 1.06 ulp on
// moderate arguments against a 256-bit reference (math.Sincos 1.35), and
// near large multiples of pi/64, where the 3-part pi limits both, never
// worse (TestSincosFastAccuracy). Zeros, NaN, infinities and |x| >= 2^22
// go to math.Sincos.
//
// Every product is converted to float64 before it is added, so that the
// compiler cannot fuse the two into an FMA (see expfast): the values are
// the same on every platform and equal the AVX2 kernel's.
func sincosfast(x float64) (sin, cos float64) {
	if !(math.Abs(x) < trigMax) || x == 0 {
		return math.Sincos(x)
	}
	kd := float64(x*trigInv) + trigShift
	ki := math.Float64bits(kd)
	kd -= trigShift
	// r + rl = x - k*(trigA + trigB + trigC): t and u are exact, the two
	// subtractions keep their rounding errors in rl (TwoSum, exact
	// whatever the magnitudes).
	t := x - float64(kd*trigA)
	u := float64(kd * trigB)
	r1 := t - u
	b1 := t - r1
	e1 := (t - (r1 + b1)) + (b1 - u)
	v := float64(kd * trigC)
	r := r1 - v
	b2 := r1 - r
	e2 := (r1 - (r + b2)) + (b2 - v)
	rl := e1 + e2
	j := 4 * (ki % trigN)
	sh, sl, ch, cl := trigTab[j], trigTab[j+1], trigTab[j+2], trigTab[j+3]
	r2 := r * r
	sr := r + (rl + float64(r*r2*(trigS3+float64(r2*(trigS5+float64(r2*trigS7))))))
	cm := r2 * (trigC2 + float64(r2*(trigC4+float64(r2*trigC6))))
	sin = sh + (sl + float64(sh*cm) + float64(ch*sr))
	cos = ch + (cl + float64(ch*cm) - float64(sh*sr))
	return
}

const (
	trigBits = 7
	trigN    = 1 << trigBits // table nodes per turn: the step is 2pi/N = pi/64
	// |x| below trigMax: k*trigA and k*trigB are exact.
	trigMax   = 1 << 22
	trigShift = 0x1.8p52
	trigInv   = trigN / (2 * math.Pi)
	// pi/64 in three parts: math.Sincos's pi/4 split, divided by 16.
	trigA  = 7.85398125648498535156e-1 / 16
	trigB  = 3.77489470793079817668e-8 / 16
	trigC  = 2.69515142907905952645e-15 / 16
	trigS3 = -1.0 / 6
	trigS5 = 1.0 / 120
	trigS7 = -1.0 / 5040
	trigC2 = -1.0 / 2
	trigC4 = 1.0 / 24
	trigC6 = -1.0 / 720
)

// sincosBatchGo sets s[p], c[p] = sincosfast(x) for every p < len(a),
// where x = a[p], or ac + aw*a[p] if affine (the product rounded, as
// instr.arg computes it); s or c may be nil (not computed), else as long
// as a. It is the portable sincosBatch.
func sincosBatchGo(s, c, a []float64, ac, aw float64, affine bool) {
	switch {
	case affine && s != nil && c != nil:
		s, c = s[:len(a)], c[:len(a)]
		for p, v := range a {
			s[p], c[p] = sincosfast(ac + float64(aw*v))
		}
	case affine && s != nil:
		s = s[:len(a)]
		for p, v := range a {
			s[p], _ = sincosfast(ac + float64(aw*v))
		}
	case affine:
		c = c[:len(a)]
		for p, v := range a {
			_, c[p] = sincosfast(ac + float64(aw*v))
		}
	case s != nil && c != nil:
		s, c = s[:len(a)], c[:len(a)]
		for p, v := range a {
			s[p], c[p] = sincosfast(v)
		}
	case s != nil:
		s = s[:len(a)]
		for p, v := range a {
			s[p], _ = sincosfast(v)
		}
	default:
		c = c[:len(a)]
		for p, v := range a {
			_, c[p] = sincosfast(v)
		}
	}
}
