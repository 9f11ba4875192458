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
	if saturatedAway(s) {
		return false
	}
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

// saturatedAway reports whether s is c + k*f(a), f sigmoid or tanh, whose
// terms can meet only where f saturates, on the side that the sign of a
// rules out: 1 - sigmoid(a) is 0 in float64 only where a is large, and at
// least 1/2 where a <= 0, so with a = -9*x^2 - 1 it cancels nowhere, where
// its reflection sigmoid(9*x^2 + 1) - 1 cancels for every large x. Likewise
// 1 - tanh(a) where a <= 0, and 1 + tanh(a) where a >= 0. The sign is the
// structural one (provesSign).
func saturatedAway(s *symbolic.Sum) bool {
	ts := s.Terms()
	if len(ts) != 2 {
		return false
	}
	c, ok := ts[0].(*symbolic.Number)
	if !ok {
		return false
	}
	k, f := symbolic.RatInt(1), ts[1]
	if p, ok := f.(*symbolic.Product); ok {
		fs := p.Factors()
		n, ok := fs[0].(*symbolic.Number)
		if !ok || len(fs) != 2 {
			return false
		}
		k, f = n.Exact(), fs[1]
	}
	call, ok := f.(*symbolic.Call)
	if !ok || (call.Func() != sigmoidFn && call.Func() != tanhFn) {
		return false
	}
	// f(a) meets the number where f(a) = -c/k.
	switch at := c.Exact().Quo(k).Neg(); {
	case at.Is(1):
		return provesSign(call.Arg(), "<=")
	case at.Is(-1) && call.Func() == tanhFn:
		return provesSign(call.Arg(), ">=")
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
