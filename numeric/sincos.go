package numeric

import (
	"math"
	"math/big"
)

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
// It takes about 70% of math.Sincos's time (two short polynomials
// instead of two of degree 12) and is as accurate: within 1.06 ulp on
// moderate arguments against a 256-bit reference (math.Sincos 1.35), and
// near large multiples of pi/64, where the 3-part pi limits both, never
// worse (TestSincosFastAccuracy). Zeros, NaN, infinities and |x| >= 2^22
// go to math.Sincos.
func sincosfast(x float64) (sin, cos float64) {
	if !(math.Abs(x) < trigMax) || x == 0 {
		return math.Sincos(x)
	}
	kd := x*trigInv + trigShift
	ki := math.Float64bits(kd)
	kd -= trigShift
	// r + rl = x - k*(trigA + trigB + trigC): t and u are exact, the two
	// subtractions keep their rounding errors in rl (TwoSum, exact
	// whatever the magnitudes).
	t := x - kd*trigA
	u := kd * trigB
	r1 := t - u
	b1 := t - r1
	e1 := (t - (r1 + b1)) + (b1 - u)
	v := kd * trigC
	r := r1 - v
	b2 := r1 - r
	e2 := (r1 - (r + b2)) + (b2 - v)
	rl := e1 + e2
	j := 4 * (ki % trigN)
	sh, sl, ch, cl := trigTab[j], trigTab[j+1], trigTab[j+2], trigTab[j+3]
	r2 := r * r
	sr := r + (rl + r*r2*(trigS3+r2*(trigS5+r2*trigS7)))
	cm := r2 * (trigC2 + r2*(trigC4+r2*trigC6))
	sin = sh + (sl + sh*cm + ch*sr)
	cos = ch + (cl + ch*cm - sh*sr)
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

// trigTab[4j..4j+3] = sin(j*2pi/N) and its rounding error, cos(j*2pi/N)
// and its rounding error.
var trigTab [4 * trigN]float64

func init() {
	const prec = 256
	nf := func() *big.Float { return new(big.Float).SetPrec(prec) }
	// pi = 16 atan(1/5) - 4 atan(1/239) (Machin).
	atanInv := func(n int64) *big.Float {
		sum, pow := nf(), nf().Quo(nf().SetInt64(1), nf().SetInt64(n))
		n2 := nf().SetInt64(n * n)
		for k := int64(0); k < 200; k++ {
			t := nf().Quo(pow, nf().SetInt64(2*k+1))
			if k%2 == 0 {
				sum.Add(sum, t)
			} else {
				sum.Sub(sum, t)
			}
			pow.Quo(pow, n2)
		}
		return sum
	}
	pi := nf().Sub(nf().Mul(nf().SetInt64(16), atanInv(5)), nf().Mul(nf().SetInt64(4), atanInv(239)))
	// sin and cos of j*pi/64 for j = 0..32 by Taylor series; the other
	// nodes by symmetry, so that the zeros and ones are exact.
	var s, c [trigN/4 + 1][2]float64
	for j := 0; j <= trigN/4; j++ {
		a := nf().Quo(nf().Mul(pi, nf().SetInt64(int64(j))), nf().SetInt64(trigN/2))
		sum := [2]*big.Float{nf(), nf().SetInt64(1)} // sin, cos
		term := nf().SetInt64(1)
		for n := int64(1); n < 80; n++ {
			term.Mul(term, a)
			term.Quo(term, nf().SetInt64(n))
			switch n % 4 {
			case 1:
				sum[0].Add(sum[0], term)
			case 2:
				sum[1].Sub(sum[1], term)
			case 3:
				sum[0].Sub(sum[0], term)
			case 0:
				sum[1].Add(sum[1], term)
			}
		}
		for i, v := range sum {
			h, _ := v.Float64()
			l, _ := nf().Sub(v, nf().SetFloat64(h)).Float64()
			if i == 0 {
				s[j] = [2]float64{h, l}
			} else {
				c[j] = [2]float64{h, l}
			}
		}
	}
	s[0], c[trigN/4] = [2]float64{}, [2]float64{}
	c[0], s[trigN/4] = [2]float64{1, 0}, [2]float64{1, 0}
	neg := func(v [2]float64) [2]float64 { return [2]float64{-v[0], -v[1]} }
	q := trigN / 4
	for j := 0; j < trigN; j++ {
		var sj, cj [2]float64
		switch i := j % q; j / q {
		case 0:
			sj, cj = s[i], c[i]
		case 1:
			sj, cj = c[i], neg(s[i])
		case 2:
			sj, cj = neg(s[i]), neg(c[i])
		case 3:
			sj, cj = neg(c[i]), s[i]
		}
		trigTab[4*j], trigTab[4*j+1], trigTab[4*j+2], trigTab[4*j+3] = sj[0], sj[1], cj[0], cj[1]
	}
}
