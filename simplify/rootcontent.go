package simplify

import "github.com/symdiff/symdiff/symbolic"

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
func rootContent(e symbolic.Expr) []symbolic.Expr {
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
		g, ok := pullRootContent(f)
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

// pullRootContent writes f = u^r as k^r * (u/k)^r (see rootContent).
func pullRootContent(f symbolic.Expr) (symbolic.Expr, bool) {
	p, ok := f.(*symbolic.Power)
	if !ok {
		return nil, false
	}
	r, ok := p.Exp().(*symbolic.Number)
	if !ok || r.IsInt() {
		return nil, false
	}
	u, ok := p.Base().(*symbolic.Sum)
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
