package simplify

import "github.com/symdiff/symdiff/symbolic"

// kernelVar stands for sigmoid(a) while the sigmoid kernel strategy
// normalises; its name cannot be written in the input syntax.
var kernelVar = symbolic.Sym("σ#kernel")

var sigmoidFn, _ = symbolic.Lookup("sigmoid")

// sigmoidKernel implements the kernel strategy: for each argument a of exp
// (up to sign and a small integer multiple) and of sigmoid in e, it writes
// s = sigmoid(a), replaces exp(k*a) by (s/(1 - s))^k and sigmoid(-a) by
// 1 - s, normalises the result as a rational function of s and the other
// kernels (cancelling common factors), and puts sigmoid(a) back. So
// exp(-x)/(1 + exp(-x))^2 = ((1 - s)/s)*s^2 becomes s*(1 - s).
func sigmoidKernel(e symbolic.Expr) []symbolic.Expr {
	type occ struct {
		call symbolic.Expr
		a    symbolic.Expr
		k    int64 // exp(k*a); 0 for sigmoid(a), -0 handled by neg
		neg  bool  // sigmoid(-a)
		isEx bool
	}
	var occs []occ
	var args []symbolic.Expr
	symbolic.Walk(e, func(n symbolic.Expr) {
		c, ok := n.(*symbolic.Call)
		if !ok {
			return
		}
		switch c.Func() {
		case symbolic.Exp:
			k, a := splitMultiple(c.Arg())
			if k == 0 {
				return
			}
			occs = append(occs, occ{call: c, a: a, k: k, isEx: true})
		case sigmoidFn:
			k, a := splitMultiple(c.Arg())
			if k != 1 && k != -1 {
				return
			}
			occs = append(occs, occ{call: c, a: a, neg: k == -1})
		default:
			return
		}
		a := occs[len(occs)-1].a
		for _, x := range args {
			if x == a {
				return
			}
		}
		args = append(args, a)
	})
	if len(occs) == 0 {
		return nil
	}
	var out []symbolic.Expr
	s := symbolic.Expr(kernelVar)
	for _, a := range args {
		m := map[symbolic.Expr]symbolic.Expr{}
		hasExp := false
		for _, o := range occs {
			if o.a != a {
				continue
			}
			switch {
			case o.isEx:
				hasExp = true
				m[o.call] = symbolic.Pow(symbolic.Div(s, symbolic.Sub(symbolic.One, s)), symbolic.Int(o.k))
			case o.neg:
				m[o.call] = symbolic.Sub(symbolic.One, s)
			default:
				m[o.call] = s
			}
		}
		if !hasExp && len(m) < 2 {
			continue
		}
		sub, ok := subsSafe2(e, m)
		if !ok {
			continue
		}
		r := rationalForm(sub)
		if r == nil {
			continue
		}
		back, ok := subsSafe(r, kernelVar, symbolic.Apply(sigmoidFn, a))
		if ok {
			out = append(out, back)
		}
	}
	return out
}

// splitMultiple writes u as k*a with k a small integer and a not negative.
func splitMultiple(u symbolic.Expr) (int64, symbolic.Expr) {
	c, xs := splitProduct(u)
	if len(xs) == 0 || !c.IsInt() || c.Num().BitLen() > 4 {
		if s, ok := u.(*symbolic.Sum); ok && negativeSum(s) {
			return -1, symbolic.Neg(u)
		}
		return 1, u
	}
	k := c.Num().Int64()
	a := symbolic.Mul(xs...)
	if s, ok := a.(*symbolic.Sum); ok && negativeSum(s) {
		return -k, symbolic.Neg(a)
	}
	return k, a
}

// negativeSum reports whether the first non-numeric term of s has a
// negative coefficient, as in -w*x - b.
func negativeSum(s *symbolic.Sum) bool {
	for _, t := range s.Terms() {
		if _, ok := t.(*symbolic.Number); ok {
			continue
		}
		c, _ := splitProduct(t)
		return c.Sign() < 0
	}
	return false
}

func subsSafe2(e symbolic.Expr, m map[symbolic.Expr]symbolic.Expr) (out symbolic.Expr, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			if _, isErr := x.(*symbolic.Error); !isErr {
				panic(x)
			}
			out, ok = nil, false
		}
	}()
	return symbolic.Subs(e, m), true
}
