package simplify

import "github.com/symdiff/symdiff/symbolic"

// fractionContent returns e with the fractional content of its polynomial
// operands taken out (see fractionalPoly): a product's factors and an
// integer power's base become integer polynomials, whose contents go to
// the product's coefficient, or to the power's as the content to the
// power: 2*x*(x/2 - 3) is x*(x - 6), and (x/3 + 1)^2 is (x + 3)^2/9,
// which the rational normal form of a sum above it then clears. A base
// that is no polynomial gives its content where its terms' polynomials
// did: 1/((x/3 + 1)^2 + 1) is 9/((x + 3)^2 + 9). A number times a sum
// alone distributes back (the canonical form), so the rewrite is made at
// the sum's parent. It returns nil where e has no such operand.
// It holds wherever e is defined: s is c*(s/c) for its content c, not 0.
// The cost function weighs what it removes (weightFractional). Work: a
// look at each operand's terms.
func fractionContent(e symbolic.Expr) []symbolic.Expr {
	var r symbolic.Expr
	ok := false
	switch n := e.(type) {
	case *symbolic.Product:
		r, ok = try(func() symbolic.Expr { return clearedTerm(n) })
	case *symbolic.Power:
		s, isSum := n.Base().(*symbolic.Sum)
		k, isNum := n.Exp().(*symbolic.Number)
		if !isSum || !isNum || !k.IsInt() {
			return nil
		}
		cleared := termsCleared(s)
		if cleared == s && !fractionalPoly(s) {
			// Another sum's content stays in: (x/2 - 1/(2*x))^2 as
			// (x - 1/x)^2/4 led to 3*(1 + 1/x^2)*(x - 1/x)^2/8 for
			// 3*(x^2 - 1)^2*(x^2 + 1)/(8*x^4).
			return nil
		}
		r, ok = try(func() symbolic.Expr {
			c, p := primitivePart(cleared)
			if c == symbolic.One {
				return e
			}
			return symbolic.Mul(symbolic.Pow(c, k), symbolic.Pow(p, k))
		})
	default:
		return nil
	}
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}

// termsCleared returns the sum s with the fractional content of its terms'
// polynomial factors and of their integer powers' bases taken out (see
// fractionContent), so that the content of a sum such as (x/3 + 1)^2 + 1,
// (x + 3)^2/9 + 1, is its coefficients': 1/9.
func termsCleared(s *symbolic.Sum) *symbolic.Sum {
	var ts []symbolic.Expr
	for i, t := range s.Terms() {
		r := clearedTerm(t)
		if r != t && ts == nil {
			ts = append(make([]symbolic.Expr, 0, len(s.Terms())), s.Terms()[:i]...)
		}
		if ts != nil {
			ts = append(ts, r)
		}
	}
	if ts == nil {
		return s
	}
	if c, ok := symbolic.Add(ts...).(*symbolic.Sum); ok {
		return c
	}
	return s
}

// clearedTerm returns the term t with the fractional content of its
// polynomial factors and integer powers of them taken out, or t. The
// contents go to the coefficient all at once: a number times a sum alone
// would distribute back.
func clearedTerm(t symbolic.Expr) symbolic.Expr {
	fs := factorsOf(t)
	var out []symbolic.Expr // the contents, then the factors; nil while none is cleared
	for i, f := range fs {
		base, k := f, symbolic.One
		if p, ok := f.(*symbolic.Power); ok {
			if n, ok := p.Exp().(*symbolic.Number); ok && n.IsInt() {
				base, k = p.Base(), n
			}
		}
		if s, ok := base.(*symbolic.Sum); ok && fractionalPoly(s) {
			if out == nil {
				out = append(make([]symbolic.Expr, 0, len(fs)+2), fs[:i]...)
			}
			c, q := primitivePart(s)
			out = append(out, symbolic.Pow(c, k), symbolic.Pow(q, k))
			continue
		}
		if out != nil {
			out = append(out, f)
		}
	}
	if out == nil {
		return t
	}
	return symbolic.Mul(out...)
}

// primitivePart splits the sum s into its positive numeric content c and
// the sum s/c, whose coefficients are integers with no common divisor.
func primitivePart(s *symbolic.Sum) (c, p symbolic.Expr) {
	k, _ := termsContent(s.Terms())
	c = symbolic.NumberOf(k)
	inv := symbolic.NumberOf(k.Inv())
	ts := make([]symbolic.Expr, len(s.Terms()))
	for i, t := range s.Terms() {
		ts[i] = symbolic.Mul(inv, t)
	}
	return c, symbolic.Add(ts...)
}
