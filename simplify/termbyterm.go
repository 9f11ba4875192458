package simplify

import "github.com/symdiff/symdiff/symbolic"

// termByTerm divides a sum by a monomial term by term: a product of one
// sum, numbers and powers of variables, one of them to a negative power,
// is offered as the sum of the sum's terms each times the rest, which the
// search keeps where it costs less. (2*x + 1)/x is 2 + 1/x (the derivative
// of log(x*exp(2*x)), whose quotient rule gives one fraction), 2*(x^2 +
// 1)/x is 2*x + 2/x; (x - 1)/(2*x^(3/2)) stays, its terms dearer apart.
// It holds wherever both sides are defined (a product distributes over a
// sum). Work: one look at the product's factors, and a product per term
// of a sum of at most maxTermByTerm terms.
func termByTerm(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return nil
	}
	var sum *symbolic.Sum
	var rest []symbolic.Expr
	divides := false
	for _, f := range p.Factors() {
		switch x := f.(type) {
		case *symbolic.Number, *symbolic.Symbol:
			rest = append(rest, f)
		case *symbolic.Sum:
			if sum != nil {
				return nil
			}
			sum = x
		case *symbolic.Power:
			_, isVar := x.Base().(*symbolic.Symbol)
			k, isNum := x.Exp().(*symbolic.Number)
			if !isVar || !isNum {
				return nil
			}
			divides = divides || k.Sign() < 0
			rest = append(rest, f)
		default:
			return nil
		}
	}
	if sum == nil || !divides || len(sum.Terms()) > maxTermByTerm {
		return nil
	}
	r, ok := try(func() symbolic.Expr {
		ts := make([]symbolic.Expr, len(sum.Terms()))
		for i, t := range sum.Terms() {
			ts[i] = symbolic.Mul(append([]symbolic.Expr{t}, rest...)...)
		}
		return symbolic.Add(ts...)
	})
	if !ok {
		return nil
	}
	return []symbolic.Expr{r}
}

// maxTermByTerm is the most terms of a sum that termByTerm divides.
const maxTermByTerm = 8
