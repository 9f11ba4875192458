package simplify

import (
	"github.com/symdiff/symdiff/symbolic"
)

// signParts implements the sign of the parts: sign(u) is written from what
// the structure of u proves about its parts (signOf, not the input's
// domain). A factor of u of proven strict sign leaves the sign of the
// others (sign(2*x*exp(y)) is sign(x), sign(-x) is -sign(x), sign(exp(x))
// is 1); an odd integer power has its base's sign (sign(x^3) is sign(x));
// and a function whose values have the sign of its argument on the whole
// line (signPreserving: sinh, tanh, atan, erf, cbrt, ...) gives its
// argument's (sign(sinh(x)) is sign(x)). A sum is read in its rational
// normal form, whose content is its factors (x^3 + x is x*(x^2 + 1)).
// Each holds wherever both sides are defined, and extends the domain at
// most at a point (sign(1/x) is sign(x), also at 0).
//
// Work: one look at u's operands; for a sum, its rational normal form.
func signParts(e symbolic.Expr) []symbolic.Expr {
	u := partsOf(e, signFn)
	switch u := u.(type) {
	case *symbolic.Product:
		neg := false
		var rest []symbolic.Expr
		for _, f := range u.Factors() {
			switch signOf(f) {
			case signPos:
			case signNeg:
				neg = !neg
			default:
				rest = append(rest, f)
			}
		}
		if len(rest) == len(u.Factors()) {
			return nil
		}
		r := symbolic.Expr(symbolic.One)
		if len(rest) > 0 {
			r = symbolic.Apply(signFn, symbolic.Mul(rest...))
		}
		if neg {
			r = symbolic.Neg(r)
		}
		return []symbolic.Expr{r}
	case *symbolic.Power:
		if k, ok := u.Exp().(*symbolic.Number); ok && k.IsInt() {
			if n, ok := k.Int64(); ok && n%2 != 0 {
				return []symbolic.Expr{symbolic.Apply(signFn, u.Base())}
			}
		}
	case *symbolic.Call:
		if len(u.Args()) == 1 && signPreserving(u.Func()) {
			return []symbolic.Expr{symbolic.Apply(signFn, u.Arg())}
		}
	}
	switch signOf(u) {
	case signPos:
		return []symbolic.Expr{symbolic.One}
	case signNeg:
		return []symbolic.Expr{symbolic.MinusOne}
	}
	return nil
}

// partsOf returns the argument of e if e is a call of f of one argument,
// a sum read in its rational normal form, which takes its content out as
// factors (x^3 + x is x*(x^2 + 1)); nil if e is no such call.
func partsOf(e symbolic.Expr, f *symbolic.Func) symbolic.Expr {
	c, ok := e.(*symbolic.Call)
	if !ok || c.Func() != f || len(c.Args()) != 1 {
		return nil
	}
	u := c.Arg()
	if _, ok := u.(*symbolic.Sum); ok {
		if r := rationalForm(u); r != nil {
			return r
		}
	}
	return u
}

// absParts implements the absolute value of the parts, as signParts does
// for sign: a factor of u whose sign its structure proves comes out of
// abs(u), as it is where it is not negative and negated where it is not
// positive (abs(x*exp(y)) is abs(x)*exp(y), abs(-x^2*y) is x^2*abs(y);
// a number factor the constructor takes out itself); a sum is read in
// its rational normal form, whose content is its factors (abs(x^3 + x) is
// offered as abs(x)*(x^2 + 1)). Each holds wherever both sides are
// defined: |f*r| = |f|*|r| for all reals. The search keeps the result
// where it costs less; where the two tie, the node keeps its form.
//
// Work: one look at u's operands; for a sum, its rational normal form.
func absParts(e symbolic.Expr) []symbolic.Expr {
	p, ok := partsOf(e, absFn).(*symbolic.Product)
	if !ok {
		return nil
	}
	var out, rest []symbolic.Expr
	for _, f := range p.Factors() {
		switch signOf(f) {
		case signPos, signNonNeg:
			out = append(out, f)
		case signNeg, signNonPos:
			out = append(out, symbolic.Neg(f))
		default:
			rest = append(rest, f)
		}
	}
	if len(out) == 0 {
		return nil
	}
	if len(rest) > 0 {
		out = append(out, symbolic.Apply(absFn, symbolic.Mul(rest...)))
	}
	return []symbolic.Expr{symbolic.Mul(out...)}
}

// signPreserving reports whether f's values have the sign of its argument
// everywhere: its table row says so (RangeSignOfArg), it is defined on the
// whole line but perhaps at 0, and f(0) = 0 where it is defined there. asin
// and atanh are not (defined on [-1, 1] only: sign(asin(x)) is not
// sign(x) for x = 2).
func signPreserving(f *symbolic.Func) bool {
	if f.Range != symbolic.RangeSignOfArg || f.Domain == nil || f.Eval == nil {
		return false
	}
	for _, x := range []float64{-1e6, -2, -1, -0.5, -1e-3, 1e-3, 0.5, 1, 2, 1e6} {
		if !f.Domain(x) {
			return false
		}
	}
	return !f.Domain(0) || f.Eval(0) == 0
}
