// Package bigmath computes the elementary functions on big.Float to a
// requested precision, with the extra bits that cancellation in their
// argument needs. The function table (package symbolic) takes its rows'
// high-precision evaluations (Func.EvalBig) from here, and the reference
// evaluator of the tests (internal/refeval) its sums and powers.
package bigmath

import (
	"math"
	"math/big"
	"math/bits"
	"sync"
)

// Each function is computed with enough extra bits for the cancellation
// its argument may cause (log near 1, sin of a large argument, sinh of a
// tiny one) and rounded to the requested precision; sums are exact (Sum).

// maxSpread bounds the extra bits a sum keeps to hold small terms beside
// large ones: enough for any two float64 magnitudes (2^-1074 to 2^1024).
const maxSpread = 2300

// maxExtra bounds the extra bits a function evaluation adds for its
// argument (a larger need fails the evaluation).
const maxExtra = 6000

// exactSum adds the terms without rounding (up to maxSpread bits beyond
// prec), and keeps as many bits as the result needs.
func exactSum(ts []*big.Float, prec uint) *big.Float {
	hi, lo := math.MinInt, math.MaxInt
	var p uint
	for _, t := range ts {
		if t.Sign() == 0 {
			continue
		}
		e := t.MantExp(nil)
		hi = max(hi, e)
		lo = min(lo, e-int(t.Prec()))
		p = max(p, t.Prec())
	}
	if hi == math.MinInt {
		return new(big.Float).SetPrec(prec)
	}
	acc := min(uint(hi-lo)+64, prec+maxSpread)
	acc = max(acc, p+64, prec)
	s := new(big.Float).SetPrec(acc)
	for _, t := range ts {
		// A term below the accumulator's bits changes at most its last
		// one, and adding it would shift a mantissa by the whole gap
		// (1 + exp(-1e6) would take 1.4e6 bits).
		if t.Sign() != 0 && t.MantExp(nil) < hi-int(acc)-64 {
			continue
		}
		s.Add(s, t)
	}
	return s.SetPrec(max(prec, s.MinPrec()))
}

// work returns the precision to compute a function of u with: prec plus
// guard bits, plus the bits that u carries beyond prec, plus the size of
// u's exponent (a large argument needs its reduction done with more
// bits, a tiny one loses bits to cancellation in a formula such as
// (exp(u) - exp(-u))/2). Zero if that is more than maxExtra.
func work(u *big.Float, prec uint) uint {
	w := max(prec, u.Prec()) + 64
	if u.Sign() != 0 {
		e := u.MantExp(nil)
		if e < 0 {
			e = -e
		}
		if e > maxExtra {
			return 0
		}
		w += uint(e)
	}
	return w
}

func inv(u *big.Float, prec uint) *big.Float {
	if u.Sign() == 0 {
		return new(big.Float).SetInf(false)
	}
	return new(big.Float).SetPrec(max(prec, u.Prec())+16).Quo(big.NewFloat(1), u)
}

// bigPow returns b^x: by repeated squaring for a small integer x, through
// exp and log otherwise (b > 0, or b = 0 with x > 0).
func bigPow(b, x *big.Float, prec uint) *big.Float {
	p := max(prec, b.Prec()) + 64
	if x.IsInt() {
		n, acc := x.Int64()
		if acc == big.Exact && n >= -1<<20 && n <= 1<<20 {
			if n < 0 && b.Sign() == 0 {
				return nil
			}
			r := new(big.Float).SetPrec(p).SetInt64(1)
			sq := new(big.Float).SetPrec(p).Set(b)
			k := n
			if k < 0 {
				k = -k
			}
			for k > 0 {
				if k&1 == 1 {
					r.Mul(r, sq)
				}
				k >>= 1
				if k > 0 {
					sq.Mul(sq, sq)
				}
			}
			if n < 0 {
				r.Quo(big.NewFloat(1).SetPrec(p), r)
			}
			return r
		}
	}
	switch b.Sign() {
	case 0:
		if x.Sign() > 0 {
			return new(big.Float)
		}
		return nil
	case -1:
		return nil
	}
	l, ok := bigLogF(b, p)
	if !ok {
		return nil
	}
	y := new(big.Float).SetPrec(p+64).Mul(l, x)
	r, ok := bigExpF(y, prec)
	if !ok {
		return nil
	}
	return r
}

var consts struct {
	sync.Mutex
	pi, ln2 *big.Float
}

// bigPi returns pi to prec bits (Machin: 16 atan(1/5) - 4 atan(1/239)).
func bigPi(prec uint) *big.Float {
	consts.Lock()
	defer consts.Unlock()
	if consts.pi == nil || consts.pi.Prec() < prec {
		p := prec + 64
		a := atanSeries(new(big.Float).SetPrec(p).Quo(big.NewFloat(1), big.NewFloat(5)), p)
		b := atanSeries(new(big.Float).SetPrec(p).Quo(big.NewFloat(1), big.NewFloat(239)), p)
		a.Mul(a, big.NewFloat(16))
		b.Mul(b, big.NewFloat(4))
		consts.pi = a.Sub(a, b).SetPrec(prec + 32)
	}
	return new(big.Float).SetPrec(prec).Set(consts.pi)
}

// bigLn2 returns log(2) to prec bits (2 atanh(1/3)).
func bigLn2(prec uint) *big.Float {
	consts.Lock()
	defer consts.Unlock()
	if consts.ln2 == nil || consts.ln2.Prec() < prec {
		p := prec + 64
		x := new(big.Float).SetPrec(p).Quo(big.NewFloat(1), big.NewFloat(3))
		x2 := new(big.Float).SetPrec(p).Mul(x, x)
		sum := new(big.Float).SetPrec(p).Set(x)
		t := new(big.Float).SetPrec(p).Set(x)
		q := new(big.Float).SetPrec(p)
		for k := int64(3); ; k += 2 {
			t.Mul(t, x2)
			q.Quo(t, big.NewFloat(float64(k)))
			if q.Sign() == 0 || q.MantExp(nil) < -int(p) {
				break
			}
			sum.Add(sum, q)
		}
		consts.ln2 = sum.Mul(sum, big.NewFloat(2)).SetPrec(prec + 32)
	}
	return new(big.Float).SetPrec(prec).Set(consts.ln2)
}

// atanSeries sums x - x^3/3 + x^5/5 - ... for a small |x|.
func atanSeries(x *big.Float, p uint) *big.Float {
	x2 := new(big.Float).SetPrec(p).Mul(x, x)
	sum := new(big.Float).SetPrec(p).Set(x)
	t := new(big.Float).SetPrec(p).Set(x)
	q := new(big.Float).SetPrec(p)
	ex := x.MantExp(nil)
	for k := int64(3); ; k += 2 {
		t.Mul(t, x2)
		t.Neg(t)
		q.Quo(t, big.NewFloat(float64(k)))
		if q.Sign() == 0 || q.MantExp(nil) < ex-int(p)-2 {
			break
		}
		sum.Add(sum, q)
	}
	return sum
}

// bigExpF returns exp(u) to prec bits: exp(u) = 2^k exp(r)
// with r = u - k log 2, exp(r) = exp(r/2^m)^(2^m), Taylor's series for
// exp(r/2^m).
func bigExpF(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() == 0 {
		return new(big.Float).SetPrec(prec).SetInt64(1), true
	}
	uf, _ := u.Float64()
	if math.Abs(uf) > 1<<30 {
		return nil, false
	}
	const m = 24
	k := int64(math.Round(uf / math.Ln2))
	// The reduction u - k log 2 needs log 2 to the bits of k beyond prec;
	// the squarings lose m bits.
	p := prec + m + 64 + uint(bits.Len64(uint64(max(k, -k))))
	r := new(big.Float).SetPrec(p).Mul(bigLn2(p+64), new(big.Float).SetInt64(k))
	r.Sub(new(big.Float).SetPrec(p).Set(u), r)
	r.SetMantExp(r, -m)
	sum := new(big.Float).SetPrec(p).SetInt64(1)
	t := new(big.Float).SetPrec(p).SetInt64(1)
	for n := int64(1); ; n++ {
		t.Mul(t, r)
		t.Quo(t, new(big.Float).SetInt64(n))
		if t.Sign() == 0 || t.MantExp(nil) < -int(p) {
			break
		}
		sum.Add(sum, t)
	}
	for range m {
		sum.Mul(sum, sum)
	}
	sum.SetMantExp(sum, int(k))
	return sum.SetPrec(prec), true
}

// bigLogF returns log(u) to prec bits for u > 0, by Halley's iteration
// y += 2(u - exp(y))/(u + exp(y)) from float64's log (log1p near 1).
func bigLogF(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() <= 0 || u.IsInf() {
		return nil, false
	}
	d := new(big.Float).SetPrec(max(prec, u.Prec())+64).Sub(u, big.NewFloat(1))
	if d.Sign() == 0 {
		return new(big.Float).SetPrec(prec), true
	}
	extra := 0
	var y *big.Float
	if df, _ := d.Float64(); math.Abs(df) < 0.5 {
		extra = -d.MantExp(nil)
		if df == 0 || math.Abs(df) < 1e-300 {
			y = new(big.Float).Set(d) // log(1 + d) = d to float64 precision
		} else {
			y = big.NewFloat(math.Log1p(df))
		}
	} else {
		mant := new(big.Float)
		e := u.MantExp(mant)
		mf, _ := mant.Float64()
		y = big.NewFloat(math.Log(mf) + float64(e)*math.Ln2)
	}
	if extra > maxExtra {
		return nil, false
	}
	p := max(prec, u.Prec()) + uint(extra) + 64
	y.SetPrec(p)
	// Each step triples the correct bits: the first ones need only a
	// third of the precision of the next.
	q := uint(extra) + 150
	for range 12 {
		q = min(3*q, p)
		ey, ok := bigExpF(y, q)
		if !ok {
			return nil, false
		}
		num := new(big.Float).SetPrec(q).Sub(u, ey)
		den := new(big.Float).SetPrec(q).Add(u, ey)
		num.Quo(num, den)
		num.Mul(num, big.NewFloat(2))
		y.Add(y, num)
		if q == p && (num.Sign() == 0 || y.Sign() != 0 && num.MantExp(nil) < y.MantExp(nil)-int(p)+8) {
			break
		}
	}
	return y.SetPrec(prec), true
}

func logBase(u *big.Float, prec uint, b int64) (*big.Float, bool) {
	l, ok := bigLogF(u, prec+32)
	if !ok {
		return nil, false
	}
	lb, _ := bigLogF(big.NewFloat(float64(b)), prec+32)
	return l.Quo(l, lb).SetPrec(prec), true
}

// bigSinCos returns sin(u) and cos(u) to prec bits: u = k pi/2 + r with
// |r| <= pi/4, and Taylor's series for sin(r) and cos(r).
func bigSinCos(u *big.Float, prec uint) (*big.Float, *big.Float, bool) {
	p := work(u, prec)
	if p == 0 {
		return nil, nil, false
	}
	halfPi := bigPi(p + 64)
	halfPi.SetMantExp(halfPi, -1)
	q := new(big.Float).SetPrec(p).Quo(u, halfPi)
	q.Add(q, big.NewFloat(0.5))
	kb, _ := q.Int(nil)
	if q.Sign() < 0 && !q.IsInt() {
		kb.Sub(kb, big.NewInt(1)) // floor
	}
	r := new(big.Float).SetPrec(p).Mul(halfPi, new(big.Float).SetInt(kb))
	r.Sub(new(big.Float).SetPrec(p).Set(u), r)
	r2 := new(big.Float).SetPrec(p).Mul(r, r)
	s := new(big.Float).SetPrec(p).Set(r)
	c := new(big.Float).SetPrec(p).SetInt64(1)
	t := new(big.Float).SetPrec(p).Set(r) // r^n/n!, n odd
	ct := new(big.Float).SetPrec(p).SetInt64(1)
	for n := int64(2); ; n += 2 {
		ct.Mul(ct, r2)
		ct.Quo(ct, new(big.Float).SetInt64(-(n-1)*n))
		t.Mul(t, r2)
		t.Quo(t, new(big.Float).SetInt64(-n*(n+1)))
		c.Add(c, ct)
		s.Add(s, t)
		if (ct.Sign() == 0 || ct.MantExp(nil) < -int(p)-4) && (t.Sign() == 0 || t.MantExp(nil) < r.MantExp(nil)-int(p)-4) {
			break
		}
	}
	k := new(big.Int).And(kb, big.NewInt(3)).Int64()
	switch k {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	return s.SetPrec(prec), c.SetPrec(prec), true
}

// trigRatio returns tan (cot if recip), or sec (csc if recip) if one.
func trigRatio(recip, one bool) func(*big.Float, uint) (*big.Float, bool) {
	return func(u *big.Float, prec uint) (*big.Float, bool) {
		s, c, ok := bigSinCos(u, prec+32)
		if !ok {
			return nil, false
		}
		num, den := s, c
		if one {
			num = big.NewFloat(1)
		}
		if recip {
			if one {
				den = s
			} else {
				num, den = c, s
			}
		}
		if den.Sign() == 0 {
			return nil, false
		}
		return new(big.Float).SetPrec(prec).Quo(num, den), true
	}
}

// bigAtan returns atan(u): atan(u) = ±pi/2 - atan(1/u) for |u| > 1, three
// halvings atan(u) = 2 atan(u/(1 + sqrt(1 + u^2))), and the series.
func bigAtan(u *big.Float, prec uint) *big.Float {
	p := max(prec, u.Prec()) + 64
	x := new(big.Float).SetPrec(p).Set(u)
	var off *big.Float
	if x.MantExp(nil) > 0 { // |u| >= 1
		off = bigPi(p)
		off.SetMantExp(off, -1)
		if x.Sign() < 0 {
			off.Neg(off)
		}
		x.Quo(big.NewFloat(1).SetPrec(p), x)
		x.Neg(x)
	}
	const m = 4
	for range m {
		d := new(big.Float).SetPrec(p).Mul(x, x)
		d.Add(d, big.NewFloat(1))
		d.Sqrt(d)
		d.Add(d, big.NewFloat(1))
		x.Quo(x, d)
	}
	r := atanSeries(x, p)
	r.SetMantExp(r, m)
	if off != nil {
		r.Add(r, off)
	}
	return r.SetPrec(prec)
}

func bigAcot(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() == 0 {
		// pi/2, the limit from the right, as math.Atan(1/0) gives.
		return new(big.Float).SetPrec(prec).Quo(Pi(prec+32), big.NewFloat(2)), true
	}
	return bigAtan(inv(u, prec+32), prec), true
}

// bigAsin returns asin(u) = atan(u/sqrt(1 - u^2)) for |u| < 1, ±pi/2 at ±1.
func bigAsin(u *big.Float, prec uint) (*big.Float, bool) {
	p := max(prec, u.Prec()) + 64
	one := big.NewFloat(1)
	d := exactSum([]*big.Float{one, new(big.Float).Neg(new(big.Float).SetPrec(2*p).Mul(u, u))}, p)
	switch d.Sign() {
	case -1:
		return nil, false
	case 0:
		h := bigPi(prec)
		h.SetMantExp(h, -1)
		if u.Sign() < 0 {
			h.Neg(h)
		}
		return h, true
	}
	d.Sqrt(d)
	return bigAtan(new(big.Float).SetPrec(p).Quo(u, d), prec), true
}

// bigAcos returns acos(u) = 2 atan(sqrt((1 - u)/(1 + u))).
func bigAcos(u *big.Float, prec uint) (*big.Float, bool) {
	p := max(prec, u.Prec()) + 64
	one := big.NewFloat(1)
	a := exactSum([]*big.Float{one, new(big.Float).Neg(u)}, p)
	b := exactSum([]*big.Float{one, u}, p)
	if a.Sign() < 0 || b.Sign() < 0 {
		return nil, false
	}
	if b.Sign() == 0 {
		return bigPi(prec), true
	}
	q := new(big.Float).SetPrec(p).Quo(a, b)
	q.Sqrt(q)
	r := bigAtan(q, prec+8)
	return r.SetMantExp(r, 1).SetPrec(prec), true
}

// hyper returns sinh, cosh, tanh, coth, sech or csch through exp(u) and
// exp(-u), computed with the extra bits their difference may need.
func hyper(name string) func(*big.Float, uint) (*big.Float, bool) {
	return func(u *big.Float, prec uint) (*big.Float, bool) {
		p := work(u, prec)
		if p == 0 {
			return nil, false
		}
		a, ok := bigExpF(u, p)
		if !ok {
			return nil, false
		}
		b := new(big.Float).SetPrec(p).Quo(big.NewFloat(1), a)
		sh := new(big.Float).SetPrec(p).Sub(a, b)
		sh.SetMantExp(sh, -1)
		ch := new(big.Float).SetPrec(p).Add(a, b)
		ch.SetMantExp(ch, -1)
		var num, den *big.Float
		switch name {
		case "sinh":
			return sh.SetPrec(prec), true
		case "cosh":
			return ch.SetPrec(prec), true
		case "tanh":
			num, den = sh, ch
		case "coth":
			num, den = ch, sh
		case "sech":
			num, den = big.NewFloat(1), ch
		case "csch":
			num, den = big.NewFloat(1), sh
		}
		if den.Sign() == 0 {
			return nil, false
		}
		return new(big.Float).SetPrec(prec).Quo(num, den), true
	}
}

// bigAsinh returns asinh(u) = sign(u) log(|u| + sqrt(u^2 + 1)).
func bigAsinh(u *big.Float, prec uint) (*big.Float, bool) {
	p := work(u, prec)
	if p == 0 {
		return nil, false
	}
	a := new(big.Float).SetPrec(p).Abs(u)
	d := new(big.Float).SetPrec(p).Mul(a, a)
	d.Add(d, big.NewFloat(1))
	d.Sqrt(d)
	d.Add(d, a)
	r, ok := bigLogF(d, prec)
	if ok && u.Sign() < 0 {
		r.Neg(r)
	}
	return r, ok
}

// bigAcosh returns acosh(u) = log(u + sqrt(u^2 - 1)) for u >= 1.
func bigAcosh(u *big.Float, prec uint) (*big.Float, bool) {
	p := work(u, prec)
	if p == 0 || u.Cmp(big.NewFloat(1)) < 0 {
		return nil, false
	}
	d := exactSum([]*big.Float{new(big.Float).SetPrec(2*p).Mul(u, u), big.NewFloat(-1)}, p)
	d.Sqrt(d)
	d.Add(d, u)
	return bigLogF(d, prec)
}

// bigAtanh returns atanh(u) = log((1 + u)/(1 - u))/2 for |u| < 1.
func bigAtanh(u *big.Float, prec uint) (*big.Float, bool) {
	p := work(u, prec)
	if p == 0 {
		return nil, false
	}
	one := big.NewFloat(1)
	a := exactSum([]*big.Float{one, u}, p)
	b := exactSum([]*big.Float{one, new(big.Float).Neg(u)}, p)
	if a.Sign() <= 0 || b.Sign() <= 0 {
		return nil, false
	}
	q := new(big.Float).SetPrec(p).Quo(a, b)
	r, ok := bigLogF(q, prec+8)
	if !ok {
		return nil, false
	}
	return r.SetMantExp(r, -1).SetPrec(prec), true
}

// bigSigmoid returns 1/(1 + exp(-u)).
func bigSigmoid(u *big.Float, prec uint) (*big.Float, bool) {
	e, ok := bigExpF(new(big.Float).Neg(u), prec+32)
	if !ok {
		if u.Sign() > 0 {
			return big.NewFloat(1).SetPrec(prec), true
		}
		return nil, false
	}
	d := exactSum([]*big.Float{big.NewFloat(1), e}, prec+32)
	return new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), d), true
}

// bigSoftplus returns max(u, 0) + log(1 + exp(-|u|)), the sum exact, so
// that softplus(-700) is exp(-700) to prec bits.
func bigSoftplus(u *big.Float, prec uint) (*big.Float, bool) {
	a := new(big.Float).Abs(u)
	e, ok := bigExpF(a.Neg(a), prec+32)
	if !ok {
		if u.Sign() > 0 {
			return new(big.Float).Set(u), true
		}
		return nil, false
	}
	l, ok := bigLogF(exactSum([]*big.Float{big.NewFloat(1), e}, prec+32), prec+32)
	if !ok {
		return nil, false
	}
	if u.Sign() > 0 {
		l = exactSum([]*big.Float{u, l}, prec)
	}
	return l, true
}

// bigCbrt returns the real cube root of u.
func bigCbrt(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() == 0 {
		return new(big.Float), true
	}
	a := new(big.Float).Abs(u)
	l, ok := bigLogF(a, prec+64)
	if !ok {
		return nil, false
	}
	l.Quo(l, big.NewFloat(3))
	r, ok := bigExpF(l, prec)
	if ok && u.Sign() < 0 {
		r.Neg(r)
	}
	return r, ok
}

// Sum returns the sum of the terms without rounding (up to maxSpread bits
// beyond prec), with as many bits as the result needs.
func Sum(ts []*big.Float, prec uint) *big.Float { return exactSum(ts, prec) }

// Pow returns b^x at about prec bits: by repeated squaring for a small
// integer x, through exp and log otherwise (b > 0, or b = 0 with x > 0);
// nil where it is undefined.
func Pow(b, x *big.Float, prec uint) *big.Float { return bigPow(b, x, prec) }

// Pi returns pi to prec bits.
func Pi(prec uint) *big.Float { return bigPi(prec) }

// The functions below take u and a precision in bits and return f(u)
// to about that precision; they report false outside f's domain or where
// u is beyond what they handle (exp of more than 2^30).

// Exp returns exp(u).
func Exp(u *big.Float, prec uint) (*big.Float, bool) { return bigExpF(u, prec) }

// Log returns the natural logarithm of u > 0.
func Log(u *big.Float, prec uint) (*big.Float, bool) { return bigLogF(u, prec) }

// Log2 returns the logarithm of u > 0 to base 2.
func Log2(u *big.Float, prec uint) (*big.Float, bool) { return logBase(u, prec, 2) }

// Log10 returns the logarithm of u > 0 to base 10.
func Log10(u *big.Float, prec uint) (*big.Float, bool) { return logBase(u, prec, 10) }

// Sin returns sin(u).
func Sin(u *big.Float, prec uint) (*big.Float, bool) { s, _, ok := bigSinCos(u, prec); return s, ok }

// Cos returns cos(u).
func Cos(u *big.Float, prec uint) (*big.Float, bool) { _, c, ok := bigSinCos(u, prec); return c, ok }

// Tan returns tan(u).
func Tan(u *big.Float, prec uint) (*big.Float, bool) { return trigRatio(false, false)(u, prec) }

// Cot returns cot(u).
func Cot(u *big.Float, prec uint) (*big.Float, bool) { return trigRatio(true, false)(u, prec) }

// Sec returns sec(u).
func Sec(u *big.Float, prec uint) (*big.Float, bool) { return trigRatio(false, true)(u, prec) }

// Csc returns csc(u).
func Csc(u *big.Float, prec uint) (*big.Float, bool) { return trigRatio(true, true)(u, prec) }

// Atan returns atan(u).
func Atan(u *big.Float, prec uint) (*big.Float, bool) { return bigAtan(u, prec), true }

// Acot returns atan(1/u).
func Acot(u *big.Float, prec uint) (*big.Float, bool) { return bigAcot(u, prec) }

// Asin returns asin(u) for |u| <= 1.
func Asin(u *big.Float, prec uint) (*big.Float, bool) { return bigAsin(u, prec) }

// Acos returns acos(u) for |u| <= 1.
func Acos(u *big.Float, prec uint) (*big.Float, bool) { return bigAcos(u, prec) }

// Asec returns acos(1/u) for |u| >= 1.
func Asec(u *big.Float, prec uint) (*big.Float, bool) { return bigAcos(inv(u, prec), prec) }

// Acsc returns asin(1/u) for |u| >= 1.
func Acsc(u *big.Float, prec uint) (*big.Float, bool) { return bigAsin(inv(u, prec), prec) }

// Sinh returns sinh(u).
func Sinh(u *big.Float, prec uint) (*big.Float, bool) { return hyper("sinh")(u, prec) }

// Cosh returns cosh(u).
func Cosh(u *big.Float, prec uint) (*big.Float, bool) { return hyper("cosh")(u, prec) }

// Tanh returns tanh(u).
func Tanh(u *big.Float, prec uint) (*big.Float, bool) { return hyper("tanh")(u, prec) }

// Coth returns coth(u) for u != 0.
func Coth(u *big.Float, prec uint) (*big.Float, bool) { return hyper("coth")(u, prec) }

// Sech returns sech(u).
func Sech(u *big.Float, prec uint) (*big.Float, bool) { return hyper("sech")(u, prec) }

// Csch returns csch(u) for u != 0.
func Csch(u *big.Float, prec uint) (*big.Float, bool) { return hyper("csch")(u, prec) }

// Asinh returns asinh(u).
func Asinh(u *big.Float, prec uint) (*big.Float, bool) { return bigAsinh(u, prec) }

// Acosh returns acosh(u) for u >= 1.
func Acosh(u *big.Float, prec uint) (*big.Float, bool) { return bigAcosh(u, prec) }

// Atanh returns atanh(u) for |u| < 1.
func Atanh(u *big.Float, prec uint) (*big.Float, bool) { return bigAtanh(u, prec) }

// Acoth returns atanh(1/u) for |u| > 1. Near ±1, 1 - 1/u cancels up to as
// many bits as u carries, so 1/u is taken with that many more.
func Acoth(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() == 0 {
		return nil, false
	}
	return bigAtanh(inv(u, prec+u.Prec()+64), prec)
}

// Asech returns acosh(1/u) for 0 < u <= 1, with 1/u taken with extra bits
// as in Acoth (1/u - 1 cancels near 1).
func Asech(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() <= 0 {
		return nil, false
	}
	return bigAcosh(inv(u, prec+u.Prec()+64), prec)
}

// Acsch returns asinh(1/u) for u != 0.
func Acsch(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() == 0 {
		return nil, false
	}
	return bigAsinh(inv(u, prec+32), prec)
}

// Sigmoid returns 1/(1 + exp(-u)).
func Sigmoid(u *big.Float, prec uint) (*big.Float, bool) { return bigSigmoid(u, prec) }

// Softplus returns log(1 + exp(u)).
func Softplus(u *big.Float, prec uint) (*big.Float, bool) { return bigSoftplus(u, prec) }

// Cbrt returns the real cube root of u.
func Cbrt(u *big.Float, prec uint) (*big.Float, bool) { return bigCbrt(u, prec) }

// Abs returns |u|.
func Abs(u *big.Float, prec uint) (*big.Float, bool) { return new(big.Float).Abs(u), true }

// Sign returns -1, 0 or 1, the sign of u.
func Sign(u *big.Float, prec uint) (*big.Float, bool) {
	return new(big.Float).SetInt64(int64(u.Sign())), true
}

// Step returns 1 for u > 0, else 0.
func Step(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() > 0 {
		return big.NewFloat(1), true
	}
	return new(big.Float), true
}

// Relu returns max(u, 0).
func Relu(u *big.Float, prec uint) (*big.Float, bool) {
	if u.Sign() > 0 {
		return new(big.Float).Set(u), true
	}
	return new(big.Float), true
}
