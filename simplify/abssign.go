package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// absAsSign returns the sum e with each factor abs(u) of its terms written
// u*sign(u), where another term has the factor sign(u), and then sign(u)
// taken out of the terms (commonCall): the terms meet in one factor.
// x*abs(x) + (x^2 - 1)*sign(x), the derivative of x*tan(asec(x)), is
// sign(x)*(2*x^2 - 1). It returns nil where no term has both. abs(u) is
// u*sign(u) for every real u. Work: a look at each term's factors.
func absAsSign(e symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) > maxCollectTerms {
		return nil
	}
	var signs []symbolic.Expr // the arguments u of the factors sign(u)
	for _, t := range s.Terms() {
		for _, f := range factorsOf(t) {
			if c, ok := f.(*symbolic.Call); ok && c.Func() == signFn {
				signs = appendNew(signs, c.Arg())
			}
		}
	}
	if len(signs) == 0 {
		return nil
	}
	changed := false
	ts := make([]symbolic.Expr, len(s.Terms()))
	for i, t := range s.Terms() {
		ts[i] = t
		fs := factorsOf(t)
		j := slices.IndexFunc(fs, func(f symbolic.Expr) bool {
			c, ok := f.(*symbolic.Call)
			return ok && c.Func() == absFn && slices.Contains(signs, c.Arg())
		})
		if j < 0 {
			continue
		}
		r, ok := try(func() symbolic.Expr {
			u := fs[j].(*symbolic.Call).Arg()
			out := slices.Concat(fs[:j], []symbolic.Expr{u, symbolic.Apply(signFn, u)}, fs[j+1:])
			return symbolic.Mul(out...)
		})
		if ok {
			ts[i], changed = r, true
		}
	}
	if !changed {
		return nil
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Add(ts...) })
	if !ok {
		return nil
	}
	if c := commonCall(r); len(c) > 0 {
		return c
	}
	return []symbolic.Expr{r}
}
