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

// absPowers implements the powers of abs: in a product, the integer
// powers of a, of abs(a) and of sign(a) for one a are one power of a and
// at most one sign, since abs(a) = a*sign(a) and sign(a)^2 = 1 where
// a != 0: a^n*abs(a)^m*sign(a)^k is a^(n+m) times sign(a)^(m+k). With an
// even sign that is a^(n+m) (x^2*abs(x)^-2 is 1, x*abs(x)^2 is x^3); with
// an odd one it is abs(a)^(n+m) for an odd n+m (x^4/abs(x) is abs(x)^3)
// and, for an even one, a^(n+m-1)*abs(a), a*abs(a)^(n+m-1) or
// a^(n+m)*sign(a), which the search weighs (x^3/abs(x) is x*abs(x),
// 3*x^2*sign(x) is 3*x*abs(x)); for a negative even one, a^(n+m+1)/abs(a)
// or abs(a)^(n+m+1)/a (sign(x)/x^4 is 1/(x^3*abs(x))). At a = 0 the two sides agree wherever
// both are defined: the left side is defined there only if no exponent is
// negative, and then, unless it holds only powers of sign(a) (which are
// left alone: sign(0)^2 is 0, not 1), it is 0, as the right side is for
// n+m > 0. Each group of factors with one a is rewritten alone, and only
// where it holds abs(a) or sign(a) beside another factor of a.
//
// Work: one look at the factors for each abs or sign among them, at most
// maxAbsPowerFactors factors.
func absPowers(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok || len(p.Factors()) > maxAbsPowerFactors {
		return nil
	}
	fs := p.Factors()
	var out []symbolic.Expr
	for i, f := range fs {
		a, fn, _, ok := absPowerOf(f)
		if !ok || fn == nil || absGroupBefore(fs[:i], a) {
			continue
		}
		// The group of a: every factor that is a power of a, abs(a) or
		// sign(a), counted as a^n*abs(a)^m*sign(a)^k.
		members, rest := splitGroup(fs, a, func(g symbolic.Expr) (symbolic.Expr, bool) {
			b, _, _, ok := absPowerOf(g)
			return b, ok
		})
		var n, m, k int64
		for _, g := range members {
			_, gfn, j, _ := absPowerOf(g)
			switch gfn {
			case nil:
				n += j
			case absFn:
				m += j
			default:
				k += j
			}
		}
		if len(members) < 2 || n == 0 && m == 0 {
			continue
		}
		N := n + m
		if absI(N) > maxAbsPowerExp {
			continue
		}
		var forms [][]symbolic.Expr
		pow := func(b symbolic.Expr, j int64) symbolic.Expr { return symbolic.Pow(b, symbolic.Int(j)) }
		abs := symbolic.Apply(absFn, a)
		switch {
		case (m+k)%2 == 0:
			forms = append(forms, []symbolic.Expr{pow(a, N)})
		case N%2 != 0:
			forms = append(forms, []symbolic.Expr{pow(abs, N)})
		case N > 0:
			forms = append(forms,
				[]symbolic.Expr{pow(a, N-1), abs},
				[]symbolic.Expr{a, pow(abs, N-1)},
				[]symbolic.Expr{pow(a, N), symbolic.Apply(signFn, a)})
		default:
			// Below the line as a reader writes it: 1/(x*abs(x)), not
			// abs(x)/x^3.
			forms = append(forms,
				[]symbolic.Expr{pow(a, N+1), pow(abs, -1)},
				[]symbolic.Expr{pow(a, -1), pow(abs, N+1)})
		}
		for _, form := range forms {
			r, ok := try(func() symbolic.Expr { return symbolic.Mul(append(form, rest...)...) })
			if ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// splitGroup splits the factors fs into those that base reads as powers
// of a (in their order) and the rest.
func splitGroup(fs []symbolic.Expr, a symbolic.Expr, base func(symbolic.Expr) (symbolic.Expr, bool)) (members, rest []symbolic.Expr) {
	for _, g := range fs {
		if b, ok := base(g); ok && b == a {
			members = append(members, g)
		} else {
			rest = append(rest, g)
		}
	}
	return members, rest
}

// maxAbsPowerFactors bounds the products absPowers looks at, and
// maxAbsPowerExp the exponents it writes.
const (
	maxAbsPowerFactors = 32
	maxAbsPowerExp     = 64
)

// absPowerOf reads f as a power of a (fn nil), of abs(a) (fn absFn) or of
// sign(a) (fn signFn), with an integer exponent j: x^3 is x, nil, 3;
// 1/abs(x) is x, absFn, -1; x is x, nil, 1.
func absPowerOf(f symbolic.Expr) (a symbolic.Expr, fn *symbolic.Func, j int64, ok bool) {
	j = 1
	if pw, isPow := f.(*symbolic.Power); isPow {
		k, isNum := pw.Exp().(*symbolic.Number)
		if !isNum || !k.IsInt() {
			return nil, nil, 0, false
		}
		if j, ok = k.Int64(); !ok || absI(j) > maxAbsPowerExp {
			return nil, nil, 0, false
		}
		f = pw.Base()
	}
	if _, isNum := f.(*symbolic.Number); isNum {
		return nil, nil, 0, false
	}
	if c, isCall := f.(*symbolic.Call); isCall && len(c.Args()) == 1 && (c.Func() == absFn || c.Func() == signFn) {
		return c.Arg(), c.Func(), j, true
	}
	return f, nil, j, true
}

// absGroupBefore reports whether one of fs is abs(a) or sign(a) to a
// power: absPowers has rewritten a's group already.
func absGroupBefore(fs []symbolic.Expr, a symbolic.Expr) bool {
	for _, f := range fs {
		if b, fn, _, ok := absPowerOf(f); ok && fn != nil && b == a {
			return true
		}
	}
	return false
}

var cbrtFn, _ = symbolic.Lookup("cbrt")

// cbrtPowers implements the powers of cbrt, as absPowers does for abs: in
// a product (or a power, or a call), the integer powers of a and of
// cbrt(a^k) for one a are one power of cbrt(a), since a = cbrt(a)^3 and
// cbrt(a^k) = cbrt(a)^k for every real a: a^n*cbrt(a^k)^m is
// cbrt(a)^(3*n + k*m), written as a^q*cbrt(a)^r with r in {0, 1, 2}
// (cbrt(x)^4 is x*cbrt(x), the derivative of x*cbrt(x) is 4*cbrt(x)/3),
// and for a negative power also as a^(q+1)*cbrt(a)^(r-3), which the
// search weighs (2*x/(3*cbrt(x^2)^2), the derivative of cbrt(x^2), is
// 2/(3*cbrt(x))). At a = 0 the two sides agree wherever the left one is
// defined (it is then 0, or has no negative exponent and no member), and
// the right side's negative powers appear only where the left side has
// one. A group is rewritten where it has two members, or one whose power
// of cbrt(a) is not 1 or 2 or comes from cbrt(a^k) with k != 1.
//
// Work: one look at the factors for each cbrt among them, at most
// maxAbsPowerFactors factors.
func cbrtPowers(e symbolic.Expr) []symbolic.Expr {
	var fs []symbolic.Expr
	switch x := e.(type) {
	case *symbolic.Product:
		fs = x.Factors()
		if len(fs) > maxAbsPowerFactors {
			return nil
		}
	case *symbolic.Power, *symbolic.Call:
		fs = []symbolic.Expr{e}
	default:
		return nil
	}
	var out []symbolic.Expr
	for i, f := range fs {
		a, _, isCbrt, ok := cbrtPowerOf(f)
		if !ok || !isCbrt || cbrtGroupBefore(fs[:i], a) {
			continue
		}
		members, rest := splitGroup(fs, a, func(g symbolic.Expr) (symbolic.Expr, bool) {
			b, _, _, ok := cbrtPowerOf(g)
			return b, ok
		})
		// N counts cbrt(a); plain is whether every cbrt is of a itself,
		// not of a power of a.
		var N int64
		plain := true
		for _, g := range members {
			_, j, isCbrt, _ := cbrtPowerOf(g)
			N += j
			if isCbrt {
				c := g
				if pw, isPow := c.(*symbolic.Power); isPow {
					c = pw.Base()
				}
				plain = plain && c.(*symbolic.Call).Arg() == a
			}
		}
		if len(members) < 2 && plain && (N == 1 || N == 2) {
			continue
		}
		if absI(N) > 3*maxAbsPowerExp {
			continue
		}
		q, r := N/3, N%3
		if r < 0 {
			q, r = q-1, r+3
		}
		c := symbolic.Apply(cbrtFn, a)
		pow := func(b symbolic.Expr, j int64) symbolic.Expr { return symbolic.Pow(b, symbolic.Int(j)) }
		forms := [][]symbolic.Expr{{pow(a, q), pow(c, r)}}
		if N < 0 && r != 0 {
			forms = append(forms, []symbolic.Expr{pow(a, q+1), pow(c, r-3)})
		}
		for _, form := range forms {
			x, ok := try(func() symbolic.Expr { return symbolic.Mul(append(form, rest...)...) })
			if ok && x != e {
				out = append(out, x)
			}
		}
	}
	return out
}

// cbrtPowerOf reads f as a power of a in units of cbrt(a): a^n is a, 3*n;
// cbrt(a^k)^m is a, k*m, with isCbrt set; a itself is a, 3. Numbers are
// not read.
func cbrtPowerOf(f symbolic.Expr) (a symbolic.Expr, j int64, isCbrt, ok bool) {
	m := int64(1)
	if pw, isPow := f.(*symbolic.Power); isPow {
		k, isNum := pw.Exp().(*symbolic.Number)
		if !isNum || !k.IsInt() {
			return nil, 0, false, false
		}
		if m, ok = k.Int64(); !ok || absI(m) > maxAbsPowerExp {
			return nil, 0, false, false
		}
		f = pw.Base()
	}
	if _, isNum := f.(*symbolic.Number); isNum {
		return nil, 0, false, false
	}
	if c, isCall := f.(*symbolic.Call); isCall && c.Func() == cbrtFn && len(c.Args()) == 1 {
		u, k := c.Arg(), int64(1)
		if pw, isPow := u.(*symbolic.Power); isPow {
			if kn, isNum := pw.Exp().(*symbolic.Number); isNum && kn.IsInt() {
				if kk, fits := kn.Int64(); fits && absI(kk) <= maxAbsPowerExp {
					u, k = pw.Base(), kk
				}
			}
		}
		if _, isNum := u.(*symbolic.Number); isNum {
			return nil, 0, false, false
		}
		return u, k * m, true, true
	}
	return f, 3 * m, false, true
}

// cbrtGroupBefore reports whether one of fs is a power of cbrt of a power
// of a: cbrtPowers has rewritten a's group already.
func cbrtGroupBefore(fs []symbolic.Expr, a symbolic.Expr) bool {
	for _, f := range fs {
		if b, _, isCbrt, ok := cbrtPowerOf(f); ok && isCbrt && b == a {
			return true
		}
	}
	return false
}
