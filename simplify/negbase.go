package simplify

import "github.com/symdiff/symdiff/symbolic"

// negatedBases returns the product e with each factor (-u)^k, k an integer,
// written (-1)^k*u^k where another factor is a power of the sum u, so that
// the two merge: sqrt(x - 1)*(1 - x) is -(x - 1)^(3/2), and
// sign(x)/(sqrt(x^2 - 1)*(1 - x^2)), the derivative of cosh(acoth(x)), is
// -sign(x)/(x^2 - 1)^(3/2). The canonical product keeps the two bases apart
// (a sum and its negation are different nodes), and only the factor with an
// integer exponent can give its sign: (-u)^(1/2) is not -u^(1/2). It
// returns nil where no two factors have negated bases. It holds wherever e
// is defined. Work: the factors' bases compared in pairs (a product has a
// few).
func negatedBases(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok || len(p.Factors()) > maxCollectTerms {
		return nil
	}
	fs := p.Factors()
	var out []symbolic.Expr
	for i, f := range fs {
		b, k := sumPower(f)
		if b == nil || k == 0 {
			continue
		}
		neg, ok := try(func() symbolic.Expr { return symbolic.Neg(b) })
		if !ok {
			continue
		}
		for j, g := range fs {
			gb := g
			if pw, ok := g.(*symbolic.Power); ok {
				gb = pw.Base()
			}
			if j == i || gb != neg {
				continue
			}
			r, ok := try(func() symbolic.Expr {
				rest := make([]symbolic.Expr, 0, len(fs)+1)
				for l, h := range fs {
					if l != i {
						rest = append(rest, h)
					}
				}
				if k%2 != 0 {
					rest = append(rest, symbolic.MinusOne)
				}
				return symbolic.Mul(append(rest, symbolic.Pow(neg, symbolic.NumberOf(symbolic.RatInt(k))))...)
			})
			if ok && r != e {
				out = append(out, r)
			}
			break
		}
	}
	return out
}
