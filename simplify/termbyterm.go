package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// termByTerm divides a sum by a monomial term by term: a product of one
// sum, numbers and powers of variables, one of them to a negative power,
// is offered as the sum of the sum's terms each times the rest, which the
// search keeps where it costs less. (2*x + 1)/x is 2 + 1/x (the derivative
// of log(x*exp(2*x)), whose quotient rule gives one fraction), 2*(x^2 +
// 1)/x is 2*x + 2/x; (x - 1)/(2*x^(3/2)) stays, its terms dearer apart.
//
// Other divisors (calls, sums) are divided term by term only where every
// term cancels one of them: the derivative of log(u*v) is u'/u + v'/v,
// which the quotient rule gives as one fraction, ((3*x - 1)*cos(x) +
// 3*sin(x))/(sin(x)*(3*x - 1)) for log(sin(x)*(3*x - 1)), and term by term
// it is cot(x) + 3/(3*x - 1). Where a term cancels nothing, as in (4*x -
// 1)/(2*sqrt(2*x^2 - x + 5)), the fraction stays whole: its terms apart,
// 2*x/sqrt(...) - 1/(2*sqrt(...)), cost less only by the numbers they
// share, and read worse.
//
// It holds wherever both sides are defined (a product distributes over a
// sum). Work: one look at the product's factors, and a product per term
// of a sum of at most maxTermByTerm terms.
func termByTerm(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return nil
	}
	var sum *symbolic.Sum
	var rest, divisors []symbolic.Expr
	monomial := true // rest is numbers and powers of variables
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
			_, numBase := x.Base().(*symbolic.Number)
			k, isNum := x.Exp().(*symbolic.Number)
			monomial = monomial && isVar && isNum
			if isNum && k.Sign() < 0 && !numBase {
				divisors = append(divisors, x.Base())
			}
			rest = append(rest, f)
		default:
			monomial = false
			rest = append(rest, f)
		}
	}
	if sum == nil || len(divisors) == 0 || len(sum.Terms()) > maxTermByTerm {
		return nil
	}
	if !monomial && !allCancel(sum, divisors) {
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

// allCancel reports whether every term of s has a factor whose base is
// one of divisors (or is one), so that dividing it cancels.
func allCancel(s *symbolic.Sum, divisors []symbolic.Expr) bool {
	for _, t := range s.Terms() {
		if !slices.ContainsFunc(factorsOf(t), func(f symbolic.Expr) bool { return slices.Contains(divisors, baseOf(f)) }) {
			return false
		}
	}
	return true
}

// maxTermByTerm is the most terms of a sum that termByTerm divides.
const maxTermByTerm = 8

// overCommonDenominator is termByTerm's inverse for a sum of fractions: a
// sum of at most maxOverCommon terms, two or more of which divide by
// powers (factors to negative numeric powers), is
// offered as one fraction over the product of each divisor to its largest
// power, each term's numerator multiplied by the divisors it lacks and
// not multiplied out: (x - mu)^2/(c*s^4) - 1/(c*s^2) is ((x - mu)^2 -
// s^2)/(c*s^4), where the rational normal form would expand (x - mu)^2
// (the derivative of a normal density by its standard deviation has it).
// The search keeps it where it costs less. It holds wherever both sides
// are defined: the divisors are those of the terms, nonzero wherever the
// sum is defined. Work: one look at each term's factors, and a product
// per term.
func overCommonDenominator(e symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) > maxOverCommon {
		return nil
	}
	type divisor struct {
		base symbolic.Expr
		exp  symbolic.Rat // negative: the largest power of base that divides a term
	}
	var ds []divisor
	dividing := 0
	for _, t := range s.Terms() {
		fs := []symbolic.Expr{t}
		if p, ok := t.(*symbolic.Product); ok {
			fs = p.Factors()
		}
		found := false
		for _, f := range fs {
			pw, ok := f.(*symbolic.Power)
			if !ok {
				continue
			}
			k, ok := pw.Exp().(*symbolic.Number)
			if !ok || k.Sign() >= 0 {
				continue
			}
			if _, isNum := pw.Base().(*symbolic.Number); isNum {
				continue
			}
			found = true
			i := 0
			for i < len(ds) && ds[i].base != pw.Base() {
				i++
			}
			switch {
			case i == len(ds):
				ds = append(ds, divisor{pw.Base(), k.Exact()})
			case k.Exact().Cmp(ds[i].exp) < 0:
				ds[i].exp = k.Exact()
			}
		}
		if found {
			dividing++
		}
	}
	if dividing < 2 {
		return nil
	}
	// A sum that some term would be multiplied by stays a divisor of its
	// own: x/(x + 1) + 1/(x + 1)^2 as (x*(x + 1) + 1)/(x + 1)^2 shares
	// x + 1 between numerator and denominator, which the rational normal
	// form writes better, multiplied out.
	for _, d := range ds {
		if _, isSum := d.base.(*symbolic.Sum); !isSum {
			continue
		}
		for _, t := range s.Terms() {
			if !dividesBy(t, d.base, d.exp) {
				return nil
			}
		}
	}
	r, ok := try(func() symbolic.Expr {
		den := make([]symbolic.Expr, len(ds))
		inv := make([]symbolic.Expr, len(ds))
		for i, d := range ds {
			den[i] = symbolic.Pow(d.base, symbolic.NumberOf(d.exp))
			inv[i] = symbolic.Pow(d.base, symbolic.NumberOf(d.exp.Neg()))
		}
		nums := make([]symbolic.Expr, len(s.Terms()))
		for i, t := range s.Terms() {
			nums[i] = symbolic.Mul(append([]symbolic.Expr{t}, inv...)...)
		}
		// The numerator's numeric content stays outside it, as the
		// rational normal form keeps it: (1 - 2*log(x))/(2*x^2), not
		// (1/2 - log(x))/x^2.
		num := symbolic.Add(nums...)
		k := symbolic.Expr(symbolic.One)
		if n, ok := num.(*symbolic.Sum); ok {
			if c := sumContent(n); !c.Is(1) {
				k, num = symbolic.NumberOf(c), symbolic.Mul(symbolic.NumberOf(c.Inv()), num)
			}
		}
		return symbolic.Mul(append([]symbolic.Expr{k, num}, den...)...)
	})
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}

// dividesBy reports whether the term t has the factor base^exp.
func dividesBy(t, base symbolic.Expr, exp symbolic.Rat) bool {
	fs := []symbolic.Expr{t}
	if p, ok := t.(*symbolic.Product); ok {
		fs = p.Factors()
	}
	for _, f := range fs {
		if pw, ok := f.(*symbolic.Power); ok && pw.Base() == base {
			k, ok := pw.Exp().(*symbolic.Number)
			return ok && k.Exact().Equal(exp)
		}
	}
	return false
}

// maxOverCommon is the most terms of a sum that overCommonDenominator
// puts over one denominator.
const maxOverCommon = 8

// expandSums offers a product with two or more sum factors that share a
// trigonometric or hyperbolic call as a term (c or a number times c, in
// each) multiplied out, where that makes at most maxTermByTerm terms: (1 -
// tanh(x))*(1 + tanh(x)) is 1 - tanh(x)^2, which the rules write
// sech(x)^2, and (sec(x) - 1)*(sec(x) + 1) is tan(x)^2; so are two or more
// such sums of the denominator (raised to -1). The rational normal
// form keeps a product of polynomials in a call factored, and the rules
// spell sums. Only the functions of the Pythagorean pairs (pythagMask):
// with a sigmoid, whose identities the kernel finds, a network's gradient
// gained a candidate per product and a fifth of its time. It holds
// wherever both sides are defined. Work: a look at each factor's terms,
// and a product per term made.
func expandSums(e symbolic.Expr) []symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return nil
	}
	var out []symbolic.Expr
	// The sums of the numerator, then those of the denominator:
	// 2/((1 - sin(x))*(1 + sin(x))) is 2/(1 - sin(x)^2), 2*sec(x)^2.
	for _, k := range []int64{1, -1} {
		if r := expandSumsTo(p.Factors(), k); r != nil && r != e {
			out = append(out, r)
		}
	}
	return out
}

// expandSumsTo returns the product of fs with its factors that are sums
// raised to k (1 or -1) multiplied out, or nil where fewer than two of them
// share a call as a term or the product would have more than
// maxTermByTerm terms.
func expandSumsTo(fs []symbolic.Expr, k int64) symbolic.Expr {
	// First the count, without allocating: most products have no two
	// such sums.
	count, n := 0, 1
	for _, f := range fs {
		if s := sumRaisedTo(f, k); s != nil {
			count++
			if n *= len(s.Terms()); n > maxTermByTerm {
				return nil
			}
		}
	}
	if count < 2 {
		return nil
	}
	var sums, rest []symbolic.Expr
	for _, f := range fs {
		if s := sumRaisedTo(f, k); s != nil {
			sums = append(sums, s)
		} else {
			rest = append(rest, f)
		}
	}
	if !sharedCallTerm(sums) {
		return nil
	}
	r, ok := try(func() symbolic.Expr {
		ts := []symbolic.Expr{symbolic.One}
		for _, s := range sums {
			us := s.(*symbolic.Sum).Terms()
			next := make([]symbolic.Expr, 0, len(ts)*len(us))
			for _, t := range ts {
				for _, u := range us {
					next = append(next, symbolic.Mul(t, u))
				}
			}
			ts = next
		}
		return symbolic.Mul(append(rest, symbolic.Pow(symbolic.Add(ts...), symbolic.Int(k)))...)
	})
	if !ok {
		return nil
	}
	return r
}

// sumRaisedTo returns f's sum where f is a sum raised to k (the sum itself
// for k = 1), and nil otherwise.
func sumRaisedTo(f symbolic.Expr, k int64) *symbolic.Sum {
	if k == 1 {
		s, _ := f.(*symbolic.Sum)
		return s
	}
	if s, e := sumPower(f); s != nil && e == k {
		return s
	}
	return nil
}

// sharedCallTerm reports whether a call of a function of the Pythagorean
// pairs is a term (or a number times a term) of two or more of the sums
// among fs.
func sharedCallTerm(fs []symbolic.Expr) bool {
	for i, f := range fs {
		s, ok := f.(*symbolic.Sum)
		if !ok {
			continue
		}
		for _, t := range s.Terms() {
			_, r := coefRest(t)
			c, ok := r.one.(*symbolic.Call)
			if !ok || funcBit(c.Func())&pythagMask() == 0 {
				continue
			}
			for _, g := range fs[i+1:] {
				if o, ok := g.(*symbolic.Sum); ok && termOf(o, c) {
					return true
				}
			}
		}
	}
	return false
}
