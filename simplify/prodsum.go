package simplify

import (
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// The product-to-sum strategy: in a sum, each term that multiplies a sine
// or cosine (hyperbolic likewise) of one argument by one of another is
// written as a sum of the functions of their sum and difference,
//
//	sin(a)*sin(b) = (cos(a - b) - cos(a + b))/2
//	cos(a)*cos(b) = (cos(a - b) + cos(a + b))/2
//	sin(a)*cos(b) = (sin(a + b) + sin(a - b))/2
//
// (sinh(a)*sinh(b) = (cosh(a + b) - cosh(a - b))/2, the others as for the
// circular ones), and the canonical sum collects the like terms. The
// derivative of sin(2*x)*cos(3*x), 2*cos(2*x)*cos(3*x) -
// 3*sin(2*x)*sin(3*x), becomes (5*cos(5*x) - cos(x))/2. The trigonometric
// kernel does not find it: it writes calls of multiples of one argument in
// sin(x) and cos(x), and contracts back only to double and triple angles.
// The candidate is offered only where it has no more terms than the sum;
// the cost decides.

// prodSumMask holds sin, cos, sinh and cosh: a sum calls one of them for
// the strategy to look at it.
var prodSumMask = sync.OnceValue(func() funcMask {
	var m funcMask
	for _, fam := range trigFamilies {
		m |= funcBit(fam.sin) | funcBit(fam.cos)
	}
	return m
})

// maxProdSumTerms bounds the sums the strategy rewrites.
const maxProdSumTerms = 8

// productToSum returns e (a sum) with its products of two sines or
// cosines of different arguments linearised, or nil.
func productToSum(e symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) > maxProdSumTerms {
		return nil
	}
	out, changed := replaceEach(s.Terms(), linearTerm)
	if !changed {
		return nil
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Add(out...) })
	if !ok || r == e {
		return nil
	}
	if rs, isSum := r.(*symbolic.Sum); isSum && len(rs.Terms()) > len(s.Terms()) {
		return nil
	}
	return []symbolic.Expr{r}
}

// linearTerm writes a term with exactly two factors that are sin or cos
// (sinh or cosh) calls of one family and of different arguments as the two
// terms of its product-to-sum form.
func linearTerm(t symbolic.Expr) ([]symbolic.Expr, bool) {
	p, ok := t.(*symbolic.Product)
	if !ok {
		return nil, false
	}
	var calls [2]*symbolic.Call
	n := 0
	var fam *trigFamily
	for _, f := range p.Factors() {
		c, ok := f.(*symbolic.Call)
		if !ok {
			continue
		}
		cf := familyOf(c.Func())
		if cf == nil || c.Func() != cf.sin && c.Func() != cf.cos {
			continue
		}
		if n == 2 || fam != nil && cf != fam {
			return nil, false
		}
		fam = cf
		calls[n] = c
		n++
	}
	if n != 2 || calls[0].Arg() == calls[1].Arg() {
		return nil, false
	}
	var rest []symbolic.Expr
	for _, f := range p.Factors() {
		if f != calls[0] && f != calls[1] {
			rest = append(rest, f)
		}
	}
	a, b := calls[0], calls[1]
	if a.Func() == fam.cos && b.Func() == fam.sin {
		a, b = b, a // sin first
	}
	u, v := a.Arg(), b.Arg()
	var ts []symbolic.Expr
	ok = true
	func() {
		defer refused(&ts, &ok)
		sum, diff := symbolic.Add(u, v), symbolic.Sub(u, v)
		half := symbolic.Frac(1, 2)
		var x, y symbolic.Expr // the two halves' functions
		var sy int64 = 1       // the sign of the second
		switch {
		case a.Func() == fam.sin && b.Func() == fam.sin:
			x, y = symbolic.Apply(fam.cos, diff), symbolic.Apply(fam.cos, sum)
			if fam.hyper {
				x, y = y, x // sinh*sinh = (cosh(u+v) - cosh(u-v))/2
			}
			sy = -1
		case a.Func() == fam.cos:
			x, y = symbolic.Apply(fam.cos, diff), symbolic.Apply(fam.cos, sum)
		default:
			x, y = symbolic.Apply(fam.sin, sum), symbolic.Apply(fam.sin, diff)
		}
		k := symbolic.Mul(append([]symbolic.Expr{half}, rest...)...)
		ts = []symbolic.Expr{symbolic.Mul(k, x), symbolic.Mul(symbolic.Int(sy), k, y)}
	}()
	return ts, ok
}
