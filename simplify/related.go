package simplify

import "github.com/symdiff/symdiff/symbolic"

var (
	absFn, _  = symbolic.Lookup("abs")
	signFn, _ = symbolic.Lookup("sign")
)

// relatedKeys reports, for the grouping of a wide sum's or product's
// operands (see partition), the keys by which the call c is related to other
// operands beyond its own kernel and argument, where a rule or strategy
// combines them:
//
//   - abs(u) and sign(u) with the kernels of u: a*sign(a) is abs(a),
//     abs(a)/a is sign(a), so abs(x - 2) goes with (x - 2)^-1;
//   - exp(u) with a sum u with the terms of u as arguments: the exp-ratio
//     strategy writes exp(a + b) beside exp(a) and exp(b) as their product;
//   - a call whose argument is a polynomial sum in the variables (w*x + b)
//     with those variables: the shared-sum strategy collects the terms
//     outside the call that make up the sum, as in softplus(w*x + b) -
//     w*x*y - b*y.
func relatedKeys(c *symbolic.Call, f func(kernelKey)) {
	for _, u := range c.Args() {
		switch {
		case c.Func() == absFn || c.Func() == signFn:
			for _, k := range skeletonKernels(u) {
				f(kernelKey{e: k})
			}
			continue
		case c.Func() == symbolic.Exp:
			if s, ok := u.(*symbolic.Sum); ok {
				for _, t := range s.Terms() {
					if _, ok := t.(*symbolic.Number); !ok {
						f(kernelKey{e: argKey(t), arg: true})
					}
				}
			}
		}
		_, a := splitMultiple(u)
		if s, ok := a.(*symbolic.Sum); ok && polySum(s) {
			for _, v := range symbolic.Symbols(s) {
				f(kernelKey{e: v, poly: true})
			}
		}
	}
}

// skeletonKernels returns the kernels of u's rational skeleton (symbols,
// calls, roots), with repeats. It does not call back into the key
// functions: a recursion through them would make the compiler move every
// engine to the heap (the key callback captures it).
func skeletonKernels(u symbolic.Expr) []symbolic.Expr {
	var out []symbolic.Expr
	stack := []symbolic.Expr{u}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := n.(*symbolic.Number); ok {
			continue
		}
		if inSkeleton(n) {
			stack = append(stack, symbolic.Children(n)...)
			continue
		}
		out = append(out, n)
	}
	return out
}
