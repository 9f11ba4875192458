package numeric

import (
	"math"
	"math/big"
	"math/cmplx"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/internal/intpow"
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

// inRange reports whether the rational is 0 or within 2^-511 to 2^511 in
// magnitude: a coefficient that cannot carry a product of normal factors
// out of float64's range on its own. Beyond, the product is a scale
// instruction, which starts from the coefficient's mantissa and applies
// its exponent last (10^306*x*exp(-x) at x = 195 is 3e223, though
// 10^306*x overflows).
func inRange(r *big.Rat) bool {
	if r.Sign() == 0 {
		return true
	}
	f, _ := r.Float64()
	a := math.Abs(f)
	return a >= 0x1p-511 && a <= 0x1p511
}

// scaleTerm is one factor of a scale instruction: a register to an
// integer power.
type scaleTerm struct {
	reg int32
	n   int
}

// csplit returns z as a mantissa and a binary exponent: z*2^-e and the
// exponent e of z's larger part.
func csplit(z complex128) (complex128, int) {
	e := cexponent(z)
	return cldexp(z, -e), e
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

// isNormalC reports whether the larger part of z is a normal float64.
func isNormalC(z complex128) bool {
	return intpow.IsNormal(math.Max(math.Abs(real(z)), math.Abs(imag(z))))
}

// scaleValueC is intpow.Scale in complex128.
func scaleValueC(m float64, e int, xs []complex128, ks []int) complex128 {
	v, normal := intpow.ScaleDirect(complex(m, 0), e, xs, ks, isNormalC, cldexp)
	if normal {
		return v
	}
	zero, pole := false, false
	for k, n := range ks {
		b := xs[k]
		if cmplx.IsInf(b) || cmplx.IsNaN(b) {
			return v
		}
		if b == 0 {
			zero, pole = zero || n > 0, pole || n < 0
		}
	}
	switch {
	case zero && pole:
		return cmplx.NaN()
	case zero:
		return 0
	case pole:
		return cmplx.Inf()
	}
	return intpow.ScaleApart(complex(m, 0), e, xs, ks, csplit, cldexp)
}

// mulzLimit applies the limit of a mulz instruction to the product v
// (computed as opMul computes it): where v is not finite, u is exactly 0,
// every factor marked by ks (those holding log(u) or 1/u) is what may be
// infinite or NaN, some other factor is exactly 0 and every divisor is
// finite and not 0, the value is 0. In complex128, finite means both
// parts finite.
func mulzLimit[T num](v T, in *instr, r []T) T {
	if finite(v) || r[in.a] != 0 {
		return v
	}
	zero := false
	for k, a := range in.args {
		x := r[a]
		switch {
		case in.ks[k] != 0:
		case x == 0:
			zero = true
		case !finite(x):
			return v
		}
	}
	for _, a := range in.den {
		if x := r[a]; x == 0 || !finite(x) {
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

// wideEvalC are the complex continuations that replace the table's EvalC
// for the same reason: cmplx.Exp, Sinh and Cosh call math.Exp and
// math.Sinh, which overflow early.
var wideEvalC = map[string]func(complex128) complex128{
	"exp":  cexpWide,
	"sinh": csinhWide,
	"cosh": ccoshWide,
}

// cexpWide is cmplx.Exp with the real part's exponential from expfast
// where math.Exp overflows early.
func cexpWide(z complex128) complex128 {
	re := real(z)
	if !(re > 700 && re <= expOverflow) {
		return cmplx.Exp(z)
	}
	r := expfast(re)
	s, c := math.Sincos(imag(z))
	return complex(r*c, r*s)
}

// csinhWide is cmplx.Sinh, sinh(a)cos(b) + i cosh(a)sin(b), with
// sinh(a) and cosh(a) from halfExp where |a| > 21.
func csinhWide(z complex128) complex128 { return chWide(z, cmplx.Sinh, true) }

// ccoshWide is cmplx.Cosh, cosh(a)cos(b) + i sinh(a)sin(b), as csinhWide.
func ccoshWide(z complex128) complex128 { return chWide(z, cmplx.Cosh, false) }

// chWide is csinhWide (odd) or ccoshWide: std(z) where |a| <= 21 (a =
// Re z), else the formula with cosh(|a|) = halfExp(|a|) and sinh(a) the
// same with a's sign.
func chWide(z complex128, std func(complex128) complex128, odd bool) complex128 {
	a := math.Abs(real(z))
	if !(a > 21) || math.IsInf(a, 0) {
		return std(z)
	}
	ch := halfExp(a)
	sh := math.Copysign(ch, real(z))
	s, c := math.Sincos(imag(z))
	if odd {
		return complex(sh*c, ch*s)
	}
	return complex(ch*c, sh*s)
}

var (
	sigmoidFunc  = fntab.Must("sigmoid")
	softplusFunc = fntab.Must("softplus")
)

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

// A singularProduct is a product with a factor singular where u is 0
// (singularIn) and another factor, compiled to the instruction writing reg.
type singularProduct struct {
	e   *symbolic.Product
	u   symbolic.Expr
	reg int32
}

// singularBase returns the u of a product with a factor singular at u = 0
// (log(u), a negative power of u, or a sum or product holding one) and
// another factor that is not a number, or nil.
func singularBase(factors []symbolic.Expr) symbolic.Expr {
	others := 0
	for _, f := range factors {
		if _, ok := f.(*symbolic.Number); !ok {
			others++
		}
	}
	if others < 2 {
		return nil
	}
	for _, f := range factors {
		if u := findSingular(f, 3); u != nil {
			return u
		}
	}
	return nil
}

// findSingular returns the u of the first log(u) or negative power of u
// in e within depth levels of sums and products, or nil. A number u is
// not one: log(0) is -Inf everywhere, no limit as u nears 0 (the
// derivative of log(0^w), w'*log(0) once 0^w/0^w cancels, was 0 in a
// program that also computed 0^w, and NaN alone).
func findSingular(e symbolic.Expr, depth int) symbolic.Expr {
	switch e := e.(type) {
	case *symbolic.Call:
		if e.Func().Name == "log" && len(e.Args()) == 1 && !isNumber(e.Arg()) {
			return e.Arg()
		}
	case *symbolic.Power:
		if n, ok := e.Exp().(*symbolic.Number); ok && n.Sign() < 0 && !isNumber(e.Base()) {
			return e.Base()
		}
	case *symbolic.Sum, *symbolic.Product:
		if depth > 0 {
			for _, k := range symbolic.Children(e) {
				if u := findSingular(k, depth-1); u != nil {
					return u
				}
			}
		}
	}
	return nil
}

// isNumber reports whether e is a number.
func isNumber(e symbolic.Expr) bool {
	_, ok := e.(*symbolic.Number)
	return ok
}

// lowerMulz replaces the instruction of every singular product whose u
// is the base of a general power u^v of the program (the general power
// rule's derivative u^v*(v'*log(u) + v*u'/u) and its simplified forms hold
// such products) by a mulz instruction: the same product, 0 where u is
// exactly 0, a factor that is not singular at u = 0 is exactly 0 and only
// singular factors are not finite (mulzLimit). Where the derivative of
// u^v exists at a point where u = 0 (u^v = 0 with v > 0, or u = 0 on an
// interval, u' = v' = 0), that is its value; a lone 0*log(0) elsewhere,
// in a program without u^v, stays NaN.
func (c *compiler) lowerMulz() {
	if len(c.singular) == 0 || len(c.powBases) == 0 {
		return
	}
	def := make(map[int32]int, len(c.code))
	for i := range c.code {
		if c.code[i].op == opMul {
			def[c.code[i].dst] = i
		}
	}
	for _, sp := range c.singular {
		i, ok := def[sp.reg]
		if !ok || !c.powBases[sp.u] {
			continue
		}
		in := instr{op: opMulZ, dst: sp.reg, c: 1, cc: 1, a: c.memo[sp.u]}
		for _, g := range sp.e.Factors() {
			if n, ok := g.(*symbolic.Number); ok {
				v := n.Float64()
				in.c *= v
				in.cc *= complex(v, 0)
				continue
			}
			k := 0
			if singularIn(g, sp.u, 3) {
				k = 1
			}
			in.args = append(in.args, c.memo[g])
			in.ks = append(in.ks, k)
		}
		c.code[i] = in
	}
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
