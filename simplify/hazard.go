package simplify

import "github.com/symdiff/symdiff/symbolic"

// Hazard weights of the cost function: a form that floating point evaluates
// badly costs more than one that evaluates well, so that a simplification
// never trades accuracy for size. Both look at a node and its immediate
// operands only (see hazard).
const (
	// weightCancel is added for a sum that can cancel: terms of opposite
	// signs, one of them a computed value (a call, or a power or product
	// with one). Near its zero such a difference keeps only the rounding
	// errors of its terms: 1 - sigmoid(x) is 0 in float64 from x = 37,
	// where its value is 8.5e-17.
	weightCancel = 1
	// weightCancelDenom is added for a power with a negative exponent whose
	// base is (or has as a factor) a sum that can cancel: dividing by the
	// difference turns its absolute error into a relative error without
	// bound, and its zero into an overflow. sigmoid(x)^3/(1 - sigmoid(x))
	// is off by 1e-3 at x = 30 and +Inf from x = 37, where the equal
	// exp(x)*sigmoid(x)^2 is exact to a few ulps up to x = 709.
	weightCancelDenom = 4
)

// hazard returns the numerical hazard weight of n, a function of n and its
// immediate operands (and their factors): weightCancel for a sum that can
// cancel, weightCancelDenom for a division by one.
func hazard(n symbolic.Expr) int {
	switch n := n.(type) {
	case *symbolic.Sum:
		if cancels(n) {
			return weightCancel
		}
	case *symbolic.Power:
		k, ok := n.Exp().(*symbolic.Number)
		if !ok || k.Sign() >= 0 {
			return 0
		}
		switch b := n.Base().(type) {
		case *symbolic.Sum:
			if cancels(b) {
				return weightCancelDenom
			}
		case *symbolic.Product:
			for _, f := range b.Factors() {
				if s, ok := powerBase(f).(*symbolic.Sum); ok && cancels(s) {
					return weightCancelDenom
				}
			}
		}
	}
	return 0
}

// cancels reports whether the sum s can cancel catastrophically: it has
// terms of both signs, and at least one term is computed by a function
// call (so carries a rounding error that the difference may expose). A
// difference of variables and numbers, such as x - 1, is exact near its
// zero and is not counted.
func cancels(s *symbolic.Sum) bool {
	pos, neg, computed := false, false, false
	// Cost calls this for every sum it weighs: no allocation here.
	for _, t := range s.Terms() {
		var xs []symbolic.Expr
		sign := 1
		switch t := t.(type) {
		case *symbolic.Number:
			sign = t.Sign()
		case *symbolic.Product:
			xs = t.Factors()
			if c, ok := xs[0].(*symbolic.Number); ok {
				sign = c.Sign()
				xs = xs[1:]
			}
		default:
			computed = computed || isCall(powerBase(t))
		}
		if sign < 0 {
			neg = true
		} else {
			pos = true
		}
		for _, x := range xs {
			if computed {
				break // a long product need not be read to its end
			}
			computed = isCall(powerBase(x))
		}
		if pos && neg && computed {
			return true
		}
	}
	return false
}

func isCall(e symbolic.Expr) bool {
	_, ok := e.(*symbolic.Call)
	return ok
}

// powerBase returns the base of a power with a positive numeric exponent,
// and e itself otherwise.
func powerBase(e symbolic.Expr) symbolic.Expr {
	if p, ok := e.(*symbolic.Power); ok {
		if k, ok := p.Exp().(*symbolic.Number); ok && k.Sign() > 0 {
			return p.Base()
		}
	}
	return e
}
