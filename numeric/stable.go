package numeric

import (
	"math"
	"math/big"
	"math/cmplx"

	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the lowerings that keep the compiled program's values
// right where the direct evaluation of the canonical form overflows,
// cancels or meets an indeterminate form though the mathematics does not:
//
//   - a product whose exact coefficient is beyond float64's range, or
//     that holds two or more integer powers of magnitude at least 2
//     (x^2/10^400, (2^2000)*x, x^200/y^200, the canonical form of
//     (x/y)^200), is one scale instruction: the coefficient as a mantissa
//     and a binary exponent, the bases with their integer exponents, and
//     the value computed directly when that stays in the normal range,
//     else with mantissas and exponents kept apart (math.Frexp) and put
//     together once at the end (math.Ldexp), so that a representable
//     result comes out right;
//   - c + w*sigmoid(u) with c = -w, the shape of 1 - sigmoid(u), is
//     -w*sigmoid(-u): no cancellation where sigmoid(u) is near 1;
//   - log(1 + exp(u)) is softplus(u), the table's stable form;
//   - sinh and cosh are finite up to the true overflow threshold, and so
//     is exp (expWide);
//   - a product that holds a general power u^v (v not a number) and a
//     factor with log(u) or a negative power of u (the general power
//     rule's u^v*(v'*log(u) + v*u'/u) and its simplified forms) is 0 where
//     u is exactly 0 and another factor is exactly 0 (mulz): there the
//     logarithmic singularity meets a zero factor (u^v = 0 for v > 0, or
//     u' = 0 where u vanishes on an interval) and the limit is 0.

// A scaleCoef is an exact coefficient rounded to 53 bits, as m*2^e with
// m in [0.5, 1): its range is not float64's.
type scaleCoef struct {
	m float64
	e int
}

// splitRat rounds r to 53 bits as m*2^e, whatever its magnitude.
func splitRat(r *big.Rat) scaleCoef {
	if r.Sign() == 0 {
		return scaleCoef{}
	}
	f := new(big.Float).SetPrec(53).SetRat(r)
	mant := new(big.Float)
	e := f.MantExp(mant)
	m, _ := mant.Float64()
	return scaleCoef{m, e}
}

// inRange reports whether the rational's float64 rounding is a normal
// number (or it is 0): no scaling is needed to represent it.
func inRange(r *big.Rat) bool {
	if r.Sign() == 0 {
		return true
	}
	f, _ := r.Float64()
	a := math.Abs(f)
	return a >= 0x1p-1022 && a <= math.MaxFloat64
}

// scaleTerm is one factor of a scale instruction: a register to an
// integer power.
type scaleTerm struct {
	reg int32
	n   int
}

// scaleMin is the smallest magnitude the fast path of a scale
// instruction trusts: below it (and at 0) the slow path decides.
const scaleMin = 0x1p-1022

// scaleValue is the value of a scale instruction with coefficient m*2^e over
// the factors val(k)^ks[k]: first directly, and if that leaves the normal
// range (or is 0), with mantissas and exponents apart.
func scaleValue(m float64, e int, ks []int, val func(k int) float64) float64 {
	v, d := m, 1.0
	for k, n := range ks {
		switch {
		case n == 1:
			v *= val(k)
		case n > 0:
			v *= powi(val(k), n)
		default:
			d *= powi(val(k), -n)
		}
	}
	if d != 1 {
		v /= d
	}
	if e != 0 {
		v = math.Ldexp(v, e)
	}
	if a := math.Abs(v); a >= scaleMin && a <= math.MaxFloat64 {
		return v
	}
	// The slow path: a zero, infinite or NaN base decides the value as
	// the direct evaluation does.
	for k := range ks {
		if b := val(k); b == 0 || math.IsInf(b, 0) || math.IsNaN(b) {
			return v
		}
	}
	// Numerator and denominator apart, divided once, as above.
	sm, se := m, e
	dm, de := 1.0, 0
	for k, n := range ks {
		f, fe := math.Frexp(val(k))
		var t int
		if n > 0 {
			pm, pe := powScaled(f, fe, n)
			sm, t = math.Frexp(sm * pm)
			se += pe + t
		} else {
			pm, pe := powScaled(f, fe, -n)
			dm, t = math.Frexp(dm * pm)
			de += pe + t
		}
	}
	return math.Ldexp(sm/dm, se-de)
}

// powScaled returns (f*2^fe)^n as pm*2^pe with pm in [0.5, 1), by binary
// powering with the exponent kept apart, for f in [0.5, 1) and n > 0.
func powScaled(f float64, fe, n int) (float64, int) {
	rm, re := 1.0, 0
	bm, be := f, fe
	for {
		if n&1 == 1 {
			rm *= bm
			var t int
			rm, t = math.Frexp(rm)
			re += be + t
		}
		n >>= 1
		if n == 0 {
			break
		}
		bm *= bm
		var t int
		bm, t = math.Frexp(bm)
		be = 2*be + t
	}
	return rm, re
}

// cexponent returns the binary exponent of the larger part of z (0 for 0
// and non-finite parts).
func cexponent(z complex128) int {
	a := math.Max(math.Abs(real(z)), math.Abs(imag(z)))
	if a == 0 || math.IsInf(a, 0) || math.IsNaN(a) {
		return 0
	}
	_, e := math.Frexp(a)
	return e
}

// cldexp returns z*2^e, part by part.
func cldexp(z complex128, e int) complex128 {
	return complex(math.Ldexp(real(z), e), math.Ldexp(imag(z), e))
}

// scaleValueC is scaleValue in complex128.
func scaleValueC(m float64, e int, ks []int, val func(k int) complex128) complex128 {
	v, d := complex(m, 0), complex128(1)
	for k, n := range ks {
		if n > 0 {
			v *= powi(val(k), n)
		} else {
			d *= powi(val(k), -n)
		}
	}
	if d != 1 {
		v /= d
	}
	if e != 0 {
		v = cldexp(v, e)
	}
	if a := cmplx.Abs(v); a >= scaleMin && a <= math.MaxFloat64 {
		return v
	}
	for k := range ks {
		if b := val(k); b == 0 || cmplx.IsInf(b) || cmplx.IsNaN(b) {
			return v
		}
	}
	sm, se := complex(m, 0), e
	dm, de := complex128(1), 0
	for k, n := range ks {
		z := val(k)
		ze := cexponent(z)
		z = cldexp(z, -ze)
		// z^n by binary powering, renormalised at every step.
		k := n
		if k < 0 {
			k = -k
		}
		rm, re := complex128(1), 0
		bm, be := z, ze
		for {
			if k&1 == 1 {
				rm *= bm
				t := cexponent(rm)
				rm, re = cldexp(rm, -t), re+be+t
			}
			k >>= 1
			if k == 0 {
				break
			}
			bm *= bm
			t := cexponent(bm)
			bm, be = cldexp(bm, -t), 2*be+t
		}
		if n > 0 {
			sm *= rm
			t := cexponent(sm)
			sm, se = cldexp(sm, -t), se+re+t
		} else {
			dm *= rm
			t := cexponent(dm)
			dm, de = cldexp(dm, -t), de+re+t
		}
	}
	return cldexp(sm/dm, se-de)
}

// mulzLimit applies the limit of a mulz instruction to the product v
// (computed as opMul computes it): where v is not finite, u is exactly 0,
// every factor marked by ks (those holding log(u) or 1/u) is what may be
// infinite or NaN, some other factor is exactly 0 and every divisor is
// finite and not 0, the value is 0.
func mulzLimit(v float64, in *instr, r []float64) float64 {
	if !math.IsInf(v, 0) && !math.IsNaN(v) || r[in.a] != 0 {
		return v
	}
	zero := false
	for k, a := range in.args {
		x := r[a]
		switch {
		case in.ks[k] != 0:
		case x == 0:
			zero = true
		case math.IsInf(x, 0) || math.IsNaN(x):
			return v
		}
	}
	for _, a := range in.den {
		if x := r[a]; x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return v
		}
	}
	if zero {
		return 0
	}
	return v
}

// mulzLimitC is mulzLimit in complex128.
func mulzLimitC(v complex128, in *instr, r []complex128) complex128 {
	if !cmplx.IsInf(v) && !cmplx.IsNaN(v) || r[in.a] != 0 {
		return v
	}
	zero := false
	for k, a := range in.args {
		x := r[a]
		switch {
		case in.ks[k] != 0:
		case x == 0:
			zero = true
		case cmplx.IsInf(x) || cmplx.IsNaN(x):
			return v
		}
	}
	for _, a := range in.den {
		if x := r[a]; x == 0 || cmplx.IsInf(x) || cmplx.IsNaN(x) {
			return v
		}
	}
	if zero {
		return 0
	}
	return v
}

// sinhWide is sinh finite up to its true overflow threshold (about
// 710.475): math.Sinh computes exp(|x|)/2 from |x| > 21, and math.Exp
// overflows early on amd64. Beyond 21 it is exp(|x|)/2 with the compiled
// exponential, and beyond exp's own threshold exp(|x|/2)^2/2.
func sinhWide(x float64) float64 {
	a := math.Abs(x)
	if !(a > 21) {
		return math.Sinh(x)
	}
	v := halfExp(a)
	if x < 0 {
		return -v
	}
	return v
}

// coshWide is cosh finite up to its true overflow threshold, as
// sinhWide.
func coshWide(x float64) float64 {
	a := math.Abs(x)
	if !(a > 21) {
		return math.Cosh(x)
	}
	return halfExp(a)
}

// halfExp is exp(a)/2 for a > 21 (where exp(-a)/2 is below the rounding
// of exp(a)/2), finite wherever the value is.
func halfExp(a float64) float64 {
	if a <= expOverflow {
		return 0.5 * expfast(a)
	}
	h := expfast(0.5 * a)
	return 0.5 * h * h
}

// wideEval are the functions whose compiled evaluation is not the table's
// Eval, with the one used instead.
var wideEval = map[string]func(float64) float64{
	"sinh": sinhWide,
	"cosh": coshWide,
}

var (
	sigmoidFunc  = mustLookup("sigmoid")
	softplusFunc = mustLookup("softplus")
)

func mustLookup(name string) *symbolic.Func {
	f, ok := symbolic.Lookup(name)
	if !ok {
		panic("numeric: no function " + name)
	}
	return f
}

// softplusArg reports whether e is log(1 + exp(u)) and returns u.
func softplusArg(e *symbolic.Call) (symbolic.Expr, bool) {
	if e.Func().Name != "log" {
		return nil, false
	}
	s, ok := e.Arg().(*symbolic.Sum)
	if !ok || len(s.Terms()) != 2 {
		return nil, false
	}
	var one, ex symbolic.Expr
	for _, t := range s.Terms() {
		if n, ok := t.(*symbolic.Number); ok {
			one = n
		} else {
			ex = t
		}
	}
	if one != symbolic.One {
		return nil, false
	}
	if c, ok := ex.(*symbolic.Call); ok && c.Func().Name == "exp" && len(c.Args()) == 1 {
		return c.Arg(), true
	}
	return nil, false
}

// sigmoidTerm reports whether t is w*sigmoid(u) for a number w (1 when t
// is the call itself) and returns w and u.
func sigmoidTerm(t symbolic.Expr) (*big.Rat, symbolic.Expr, bool) {
	w := big.NewRat(1, 1)
	if p, ok := t.(*symbolic.Product); ok {
		fs := p.Factors()
		n, ok := fs[0].(*symbolic.Number)
		if !ok || len(fs) != 2 {
			return nil, nil, false
		}
		w, t = n.Rat(), fs[1]
	}
	if c, ok := t.(*symbolic.Call); ok && c.Func() == sigmoidFunc {
		return w, c.Arg(), true
	}
	return nil, nil, false
}

// singularIn reports whether e holds log(u) or a negative power of u
// within a few levels (the terms of the general power rule's derivative:
// v'*log(u) + v*u'/u, and their products and sums after simplification).
func singularIn(e, u symbolic.Expr, depth int) bool {
	switch e := e.(type) {
	case *symbolic.Call:
		if e.Func().Name == "log" && len(e.Args()) == 1 && e.Arg() == u {
			return true
		}
	case *symbolic.Power:
		if n, ok := e.Exp().(*symbolic.Number); ok && n.Sign() < 0 && e.Base() == u {
			return true
		}
	}
	if depth == 0 {
		return false
	}
	switch e.(type) {
	case *symbolic.Sum, *symbolic.Product:
		for _, k := range symbolic.Children(e) {
			if singularIn(k, u, depth-1) {
				return true
			}
		}
	}
	return false
}

// maxScaleExp bounds the integer exponents a scale instruction takes
// (larger ones are compiled as powers of their own, as pow does).
const maxScaleExp = 1 << 20

// scaleProduct compiles a product as one scale instruction when its
// exact coefficient is beyond float64's normal range, or when it holds
// two or more integer powers of magnitude 2 or more (the canonical form
// of (x/y)^n is x^n*y^-n), and reports whether it did.
func (c *compiler) scaleProduct(factors []symbolic.Expr) (int32, bool) {
	coef := big.NewRat(1, 1)
	var args []int32
	var ks []int
	powers := 0
	for _, f := range factors {
		if n, ok := f.(*symbolic.Number); ok {
			coef.Mul(coef, n.Rat())
			continue
		}
		if p, ok := f.(*symbolic.Power); ok {
			if n, ok := p.Exp().(*symbolic.Number); ok && n.IsInt() {
				if k, ok := n.Int64(); ok && abs64(k) <= maxScaleExp {
					if abs64(k) >= 2 {
						powers++
					}
					args = append(args, c.memo[p.Base()])
					ks = append(ks, int(k))
					continue
				}
			}
		}
		args = append(args, c.memo[f])
		ks = append(ks, 1)
	}
	wide := !inRange(coef)
	if !wide && powers < 2 {
		return 0, false
	}
	sc := scaleCoef{}
	if wide {
		sc = splitRat(coef)
	} else {
		sc.m, _ = coef.Float64()
	}
	return c.emit(instr{op: opScale, c: sc.m, cc: complex(sc.m, 0), n: sc.e, args: args, ks: ks}), true
}

// mulzProduct compiles a product that holds a general power u^v and a
// factor singular at u = 0 (log(u), 1/u: singularIn) as one mulz
// instruction, and reports whether it did.
func (c *compiler) mulzProduct(factors []symbolic.Expr) (int32, bool) {
	for _, f := range factors {
		p, ok := f.(*symbolic.Power)
		if !ok {
			continue
		}
		if _, ok := p.Exp().(*symbolic.Number); ok {
			continue
		}
		u := p.Base()
		in := instr{op: opMulZ, c: 1, cc: 1, a: c.memo[u]}
		marked := false
		for _, g := range factors {
			if n, ok := g.(*symbolic.Number); ok {
				v := n.Float64()
				in.c *= v
				in.cc *= complex(v, 0)
				continue
			}
			k := 0
			if g != f && singularIn(g, u, 3) {
				k, marked = 1, true
			}
			in.args = append(in.args, c.memo[g])
			in.ks = append(in.ks, k)
		}
		if marked {
			return c.emit(in), true
		}
	}
	return 0, false
}

// sigmoidComplement rewrites c + w*sigmoid(u) with c = -w, the shape of
// 1 - sigmoid(u), as -w*sigmoid(-u) among the terms of a sum whose
// constant in.c is c.
func (c *compiler) sigmoidComplement(terms []term, in *instr) {
	if in.c == 0 {
		return
	}
	for i, t := range terms {
		w, u, ok := sigmoidTerm(t.whole)
		if !ok {
			continue
		}
		wf, _ := w.Float64()
		if in.c != -wf {
			continue
		}
		s := symbolic.Apply(sigmoidFunc, symbolic.Neg(u))
		c.expr(s)
		terms[i] = term{w: -wf, factors: []symbolic.Expr{s}, whole: symbolic.Mul(symbolic.NewNumber(new(big.Rat).Neg(w)), s)}
		in.c, in.cc = 0, 0
		return
	}
}
