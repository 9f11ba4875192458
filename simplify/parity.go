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
// everywhere). Work: a look at the operands and their factors, a
// negation of each distinct sum argument that negativeSum picks, and one
// substitution in e where a pair is met.
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
	// each calls visit with every call of an even or odd function of a
	// sum among the operands and their factors.
	each := func(visit func(c *symbolic.Call, s *symbolic.Sum)) {
		look := func(f symbolic.Expr) {
			c, ok := baseOf(f).(*symbolic.Call)
			if !ok || c.Func().Parity == 0 || len(c.Args()) != 1 {
				return
			}
			if s, ok := c.Arg().(*symbolic.Sum); ok {
				visit(c, s)
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
	}
	var args map[symbolic.Expr]bool // the arguments, each once
	each(func(_ *symbolic.Call, s *symbolic.Sum) {
		if args == nil {
			args = map[symbolic.Expr]bool{}
		}
		args[s] = true
	})
	if len(args) < 2 {
		return nil
	}
	// The arguments to turn, each looked at once (a product rule's sum of
	// n products of n calls calls the same n arguments n times).
	turned := map[symbolic.Expr]symbolic.Expr{}
	for s := range args {
		if !negativeSum(s.(*symbolic.Sum)) {
			continue
		}
		if n, ok := try(func() symbolic.Expr { return symbolic.Neg(s) }); ok && args[n] {
			turned[s] = n
		}
	}
	if len(turned) == 0 {
		return nil // no call of an argument's negation here: nothing to meet
	}
	m := map[symbolic.Expr]symbolic.Expr{}
	each(func(c *symbolic.Call, s *symbolic.Sum) {
		n, ok := turned[s]
		if !ok || m[c] != nil {
			return
		}
		r, ok := try(func() symbolic.Expr {
			r := symbolic.Apply(c.Func(), n)
			if c.Func().Parity < 0 {
				r = symbolic.Neg(r)
			}
			return r
		})
		if ok {
			m[c] = r
		}
	})
	if len(m) == 0 {
		return nil
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Subs(e, m) })
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}
