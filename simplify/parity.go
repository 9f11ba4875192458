package simplify

import "github.com/symdiff/symdiff/symbolic"

// parityPairs writes the calls of an even or odd function (abs, cos, sinh,
// ...) whose arguments are a sum and its negation, among the operands of
// a sum or product and their factors, with one argument: f(-s) is f(s) for
// an even f and -f(s) for an odd one, and of s and -s the one negativeSum
// does not pick is kept. abs(1 - 2*x) - abs(2*x - 1) is 0 and
// abs(y - x)/abs(x - y) is 1; the constructor takes a sign out of a
// product's argument (cos(-x) is cos(x)) but not out of a sum's, and the
// trigonometric kernels orient only their own functions' angles.
//
// It holds wherever both sides are defined (the identities of parity hold
// everywhere). Work: a look at the operands and their factors, a negation
// of each sum argument found, and one substitution in e where a pair is
// met.
func parityPairs(e symbolic.Expr) []symbolic.Expr {
	var ops []symbolic.Expr
	switch e := e.(type) {
	case *symbolic.Sum:
		ops = e.Terms()
	case *symbolic.Product:
		ops = e.Factors()
	default:
		return nil
	}
	// The calls met, each with its argument, and the arguments by node.
	type call struct {
		c *symbolic.Call
		s *symbolic.Sum
	}
	var calls []call
	args := map[symbolic.Expr]bool{}
	look := func(f symbolic.Expr) {
		c, ok := baseOf(f).(*symbolic.Call)
		if !ok || c.Func().Parity == 0 || len(c.Args()) != 1 {
			return
		}
		if s, ok := c.Arg().(*symbolic.Sum); ok {
			calls = append(calls, call{c, s})
			args[s] = true
		}
	}
	for _, o := range ops {
		look(o)
		if p, ok := o.(*symbolic.Product); ok {
			for _, f := range p.Factors() {
				look(f)
			}
		}
	}
	if len(calls) < 2 {
		return nil
	}
	m := map[symbolic.Expr]symbolic.Expr{}
	for _, k := range calls {
		if !negativeSum(k.s) {
			continue
		}
		n, ok := try(func() symbolic.Expr { return symbolic.Neg(k.s) })
		if !ok || !args[n] {
			continue // no call of the negation here: nothing to meet
		}
		r, ok := try(func() symbolic.Expr {
			r := symbolic.Apply(k.c.Func(), n)
			if k.c.Func().Parity < 0 {
				r = symbolic.Neg(r)
			}
			return r
		})
		if ok {
			m[k.c] = r
		}
	}
	if len(m) == 0 {
		return nil
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Subs(e, m) })
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}
