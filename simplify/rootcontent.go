package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// The root content strategy: a root of a sum with a numeric content k,
// u^r with u = k*p and p primitive, is k^r * p^r, which is worth writing
// where k^r is rational: then the number joins the coefficient of the
// product around the root. 2*sqrt(1 - x^2/4) is sqrt(4 - x^2) (the
// derivative of asin(x/2) is 1/sqrt(4 - x^2)), and sqrt(9*x^2 + 9) is
// 3*sqrt(x^2 + 1). The canonical constructors keep u as it is, since
// taking a power of k is not always exact (sqrt(2*x + 2)).

// maxRootFactors bounds the factors of a product the strategy looks at.
const maxRootFactors = 16

// rootContent returns e (a power or a product) with every factor u^r, u a
// sum and r not an integer, written k^r * (u/k)^r where u's content k is
// not 1 and k^r is rational; nil if there is none.
func rootContent(e symbolic.Expr) []symbolic.Expr { return eachRoot(e, pullRootContent) }

// eachRoot returns e (a power or a product) with each factor that
// rewrite changes rewritten, or nil if it changes none.
func eachRoot(e symbolic.Expr, rewrite func(f symbolic.Expr) (symbolic.Expr, bool)) []symbolic.Expr {
	var fs []symbolic.Expr
	switch e := e.(type) {
	case *symbolic.Power:
		fs = []symbolic.Expr{e}
	case *symbolic.Product:
		fs = e.Factors()
		if len(fs) > maxRootFactors {
			return nil
		}
	default:
		return nil
	}
	out, changed := replaceEach(fs, func(f symbolic.Expr) ([]symbolic.Expr, bool) {
		g, ok := rewrite(f)
		return []symbolic.Expr{g}, ok
	})
	if !changed {
		return nil
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Mul(out...) })
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}

// rootOf returns u and r where f is u^r with r a number, not an integer,
// and u a T.
func rootOf[T symbolic.Expr](f symbolic.Expr) (u T, r *symbolic.Number, ok bool) {
	p, ok := f.(*symbolic.Power)
	if !ok {
		return u, nil, false
	}
	r, ok = p.Exp().(*symbolic.Number)
	if !ok || r.IsInt() {
		return u, nil, false
	}
	u, ok = p.Base().(T)
	return u, r, ok
}

// pullRootContent writes f = u^r as k^r * (u/k)^r (see rootContent).
func pullRootContent(f symbolic.Expr) (symbolic.Expr, bool) {
	u, r, ok := rootOf[*symbolic.Sum](f)
	if !ok {
		return nil, false
	}
	k := sumContent(u)
	if k.Is(1) {
		return nil, false
	}
	var out symbolic.Expr
	ok = false
	if g, good := try(func() symbolic.Expr { return symbolic.Pow(symbolic.NumberOf(k), r) }); good {
		if _, rational := g.(*symbolic.Number); rational {
			out, ok = try(func() symbolic.Expr {
				return symbolic.Mul(g, symbolic.Pow(symbolic.Mul(symbolic.NumberOf(k.Inv()), u), r))
			})
		}
	}
	return out, ok
}

// rootSquares returns e (a power or a product) with each factor u^r, r not
// an integer, written with the squares in u taken out of the root: where u
// is a sum that the rational normal form changes, with u in normal form if
// a sum of that form is then a perfect power (see perfectPower): the
// derivative of asin(2*x/(x^2 + 1)) divides by sqrt(1 - 4*x^2/(x^2 +
// 1)^2), whose radicand is (x^2 - 1)^2/(x^2 + 1)^2, so the root is
// abs(x^2 - 1)/(x^2 + 1) (the normal form alone, where no power comes of
// it, is left to the search: it costs more than u as a rule); where u is
// a product, its squares (see rootOfProduct). Nil if no factor changes.
func rootSquares(e symbolic.Expr, normal func(symbolic.Expr) symbolic.Expr) []symbolic.Expr {
	return eachRoot(e, func(f symbolic.Expr) (symbolic.Expr, bool) {
		if g, ok := rootOfSquares(f, normal); ok {
			return g, true
		}
		return rootOfProduct(f)
	})
}

// rootOfSquares rewrites the factor f = u^r of rootSquares.
func rootOfSquares(f symbolic.Expr, normal func(symbolic.Expr) symbolic.Expr) (symbolic.Expr, bool) {
	u, r, ok := rootOf[*symbolic.Sum](f)
	if !ok {
		return nil, false
	}
	n := normal(u)
	if n == nil || n == symbolic.Expr(u) {
		return nil, false
	}
	// The normal form's factors, with each sum that is a perfect power
	// written as one.
	var parts []symbolic.Expr
	if q, ok := n.(*symbolic.Product); ok {
		parts = q.Factors()
	} else {
		parts = []symbolic.Expr{n}
	}
	found := false
	out := make([]symbolic.Expr, len(parts))
	for i, x := range parts {
		out[i] = x
		base, k := x, symbolic.Expr(symbolic.One)
		if pw, ok := x.(*symbolic.Power); ok {
			base, k = pw.Base(), pw.Exp()
		}
		if pp := perfectPower(base); pp != nil {
			if y, ok := try(func() symbolic.Expr { return symbolic.Pow(pp, k) }); ok {
				out[i], found = y, true
			}
		}
	}
	if !found {
		return nil, false
	}
	return try(func() symbolic.Expr { return symbolic.Pow(symbolic.Mul(out...), r) })
}

// rootOfProduct writes f = u^r, r not an integer and u a product, as the
// roots of u's factors that are squares (b^m with m even, and a positive
// number with a rational root) times the root of the rest: (c*b^m*w)^r
// is c^r*abs(b)^(m*r)*w^r wherever it is defined, each square being at
// least 0 (abs is dropped where m*r is even). The derivative of
// acos((1 - x^2)/(1 + x^2)) divides by sqrt(4*x^2/(x^2 + 1)^2), which is
// 2*abs(x)/(x^2 + 1). False if no factor is such a square.
func rootOfProduct(f symbolic.Expr) (symbolic.Expr, bool) {
	u, r, ok := rootOf[*symbolic.Product](f)
	if !ok {
		return nil, false
	}
	var out, rest []symbolic.Expr
	for _, x := range u.Factors() {
		if c, ok := x.(*symbolic.Number); ok && c.Sign() > 0 {
			if g, ok := try(func() symbolic.Expr { return symbolic.Pow(c, r) }); ok {
				if _, rational := g.(*symbolic.Number); rational {
					out = append(out, g)
					continue
				}
			}
			rest = append(rest, x)
			continue
		}
		pw, ok := x.(*symbolic.Power)
		if !ok {
			rest = append(rest, x)
			continue
		}
		m, ok := pw.Exp().(*symbolic.Number)
		if !ok || !m.IsInt() || !m.Exact().Quo(symbolic.RatInt(2)).IsInt() {
			rest = append(rest, x)
			continue
		}
		mr := m.Exact().Mul(r.Exact())
		g, ok := try(func() symbolic.Expr {
			b := pw.Base()
			if mr.Quo(symbolic.RatInt(2)).IsInt() {
				return symbolic.Pow(b, symbolic.NumberOf(mr))
			}
			return symbolic.Pow(symbolic.Apply(absFn, b), symbolic.NumberOf(mr))
		})
		if !ok {
			return nil, false
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, false
	}
	return try(func() symbolic.Expr {
		if len(rest) > 0 {
			out = append(out, symbolic.Pow(symbolic.Mul(rest...), r))
		}
		return symbolic.Mul(out...)
	})
}

// rootsTogether returns the product e with its roots of one exponent
// multiplied under one root, a^r*b^r = (a*b)^r, or nil if there are none
// to join: 1/(sqrt(2)*sqrt(pi)) is 1/sqrt(2*pi) (the derivative of
// gelu(x) has it), sqrt(2)*sqrt(x) is sqrt(2*x). The identity holds where
// a, b >= 0, and wherever the left side is defined if at most one base's
// sign is unknown and the others are positive (the left side then needs
// that base's root, as the right side does): so two bases of unknown sign
// stay apart (sqrt(x)*sqrt(y) is not sqrt(x*y), which is also defined
// for x, y < 0), and so do roots of sums, which a reader keeps apart
// (sqrt(x)*sqrt(sqrt(x) + 1), in the derivative of sqrt(1 + sqrt(x)), is
// not sqrt(x*(sqrt(x) + 1)); sqrt(2)*sqrt(x^2 + 1) is not sqrt(2*x^2 +
// 2)). r is a number, not an integer; the search keeps the result where
// it costs less.
//
// Work: a look at a product's factors, at most maxRootFactors of them,
// and a sign of each root's base.
func rootsTogether(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok || len(p.Factors()) > maxRootFactors {
		return nil
	}
	fs := p.Factors()
	var out []symbolic.Expr
	joined := make([]bool, len(fs))
	changed := false
	for i, f := range fs {
		if joined[i] {
			continue
		}
		_, r, ok := rootOf[symbolic.Expr](f)
		if !ok {
			continue
		}
		// The factors with f's exponent, and what their bases' signs
		// allow.
		group := []int{i}
		for j := i + 1; j < len(fs); j++ {
			if _, s, ok := rootOf[symbolic.Expr](fs[j]); ok && s.Equal(r) {
				group = append(group, j)
			}
		}
		if len(group) < 2 {
			continue
		}
		unknown, nonNeg, sums := 0, 0, 0
		bases := make([]symbolic.Expr, len(group))
		for k, j := range group {
			bases[k] = fs[j].(*symbolic.Power).Base()
			if _, isSum := bases[k].(*symbolic.Sum); isSum {
				sums++
			}
			switch signOf(bases[k]) {
			case signPos:
			case signNonNeg:
				nonNeg++
			default:
				unknown++
			}
		}
		if unknown > 1 || unknown == 1 && nonNeg > 0 || sums > 0 {
			continue
		}
		g, ok := try(func() symbolic.Expr { return symbolic.Pow(symbolic.Mul(bases...), r) })
		if !ok {
			continue
		}
		for _, j := range group {
			joined[j] = true
		}
		out = append(out, g)
		changed = true
	}
	if !changed {
		return nil
	}
	for i, f := range fs {
		if !joined[i] {
			out = append(out, f)
		}
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Mul(out...) })
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}

// rootBase returns the product e with one of its roots u^r (u a product,
// r a number, not an integer, |r| > 1) written u^(r+1) times the
// reciprocal of u's factors where r < -1, or u^(r-1) times them where r >
// 1, where the rest of e shares a factor's base with u: the constructors
// then cancel the shared factors.
// 2*pi*s/(2*pi*s^2)^(3/2), in the derivative of the normal density by its
// deviation s, is 1/(s*sqrt(2*pi*s^2)), and the derivative is
// exp(-(x - m)^2/(2*s^2))*((x - m)^2 - s^2)/(s^3*sqrt(2*pi*s^2)). The
// identity u^r = u^(r+1)/u holds wherever u^r is defined and u is not 0,
// where e's other factors (which divide by u's, or are 0) are not
// defined either; the search keeps the result where it costs less.
//
// Work: a look at a product's factors, at most maxRootFactors of them, and
// a product made for each root that shares a base.
func rootBase(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok || len(p.Factors()) > maxRootFactors {
		return nil
	}
	fs := p.Factors()
	var out []symbolic.Expr
	for i, f := range fs {
		u, r, ok := rootOf[*symbolic.Product](f)
		if !ok || !sharesBase(u, fs, i) {
			continue
		}
		// Toward the root itself, not through it: (2*pi*s^2)^(-3/2) to
		// (2*pi*s^2)^(-1/2), never sqrt(u) to u/sqrt(u) or back, which
		// would move a root between numerator and denominator.
		var k int64
		switch x := r.Exact(); {
		case x.Cmp(symbolic.RatInt(-1)) < 0:
			k = 1
		case x.Cmp(symbolic.RatInt(1)) > 0:
			k = -1
		default:
			continue
		}
		rest := slices.Delete(slices.Clone(fs), i, i+1)
		if c, ok := try(func() symbolic.Expr {
			return symbolic.Mul(symbolic.Mul(rest...), symbolic.Pow(u, symbolic.Int(-k)),
				symbolic.Pow(u, symbolic.NumberOf(r.Exact().Add(symbolic.RatInt(k)))))
		}); ok && c != e {
			out = append(out, c)
		}
	}
	return out
}

// sharesBase reports whether a factor of fs other than fs[skip] has the
// base (see powerBase) of a factor of u that is not a number.
func sharesBase(u *symbolic.Product, fs []symbolic.Expr, skip int) bool {
	for _, x := range u.Factors() {
		if _, ok := x.(*symbolic.Number); ok {
			continue
		}
		b := powerBase(x)
		for j, f := range fs {
			if j != skip && powerBase(f) == b {
				return true
			}
		}
	}
	return false
}
