package simplify

import (
	"slices"
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

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
	// weightCancelSure is added instead for a sum c + k*f(a), f sigmoid or
	// tanh, whose terms meet where f saturates on the side that the sign
	// of a proves, a growing without bound: sigmoid(4*x^2 + 2) - 1 is 0 in
	// float64 for every |x| from 3 on, and the error of every product it
	// is a factor of is then all of the product, where its reflection
	// -sigmoid(-4*x^2 - 2) is exact. A possible cancellation costs
	// weightCancel; a certain one costs more than the number a reflection
	// may make the DAG share (-4*x^2 - 2 costs 1 more than 4*x^2 + 2, whose
	// 2 is also the exponent's).
	weightCancelSure = 2
	// weightCancelDenom is added for a power with a negative exponent whose
	// base is (or has as a factor) a sum that can cancel: dividing by the
	// difference turns its absolute error into a relative error without
	// bound, and its zero into an overflow. sigmoid(x)^3/(1 - sigmoid(x))
	// is off by 1e-3 at x = 30 and +Inf from x = 37, where the equal
	// exp(x)*sigmoid(x)^2 is exact to a few ulps up to x = 709.
	weightCancelDenom = 4
	// weightOverUnder is added for a product of exp(u) and sigmoid(v)
	// whose arguments can move apart (see sameDirection): where u grows and v falls, exp(u) overflows to +Inf
	// while sigmoid(v) underflows to 0, and the product is NaN, 0 or +Inf
	// where its value is moderate. exp(a - b)*sigmoid(b - c) is
	// exp(a)/(exp(b) + exp(c)), 1 at a = 0, b = -740, c = 0, where float64
	// gives +Inf*5e-322 = +Inf, and NaN at b = -800. With the same
	// argument (exp(x)*sigmoid(x)^2) both sides saturate together and the
	// product is exact wherever it is finite.
	weightOverUnder = 2
	// weightConjugate is added for a product with the two factors c +
	// k*f(a) and c - k*f(a), f a function bounded by |c/k| that meets the
	// bound (see conjugateFuncs): tanh(x)*(tanh(x) - 1)*(tanh(x) + 1), the
	// second derivative of sigmoid(2*x), is 0 in float64 wherever |x| > 19
	// (one of the two is, tanh(x) being 1 or -1 there), where its value is
	// -2*sech(x)^2*tanh(x), exact to a few ulps. The identity (here
	// tanh(x)^2 - 1 = -sech(x)^2) writes the product without the
	// difference, and a reader writes it so too. The pair shares its call,
	// which makes it cheaper in the DAG than the identity's new call and
	// power: the weight outweighs that.
	weightConjugate = 4
)

// conjugateFuncs are the bounded functions whose bound c + k*f(a) meets in
// a conjugate pair of factors (see weightConjugate): tanh and coth (1 and
// -1 at the two ends of the line), sin and cos (1 and -1 every period).
var conjugateFuncs = sync.OnceValue(func() funcMask {
	var m funcMask
	for _, name := range []string{"tanh", "coth", "sin", "cos"} {
		f, _ := symbolic.Lookup(name)
		m |= funcBit(f)
	}
	return m
})

// maxPairSums bounds the sum factors conjugatePair compares.
const maxPairSums = 8

// conjugatePair is weightConjugate if the factors fs hold a conjugate pair
// c + k*f(a) and c - k*f(a) (as themselves or to positive powers) with f
// one of conjugateFuncs and |c| = |k|, and another factor that is not a
// number; 0 otherwise. The pair alone, (1 - tanh(x))*(1 + tanh(x)), costs
// more than its identity sech(x)^2 already; it is a third factor sharing
// the call, as in tanh(x)*(tanh(x) - 1)*(tanh(x) + 1), that makes the pair
// the cheaper in the DAG. (Weighing the pair alone too made its search
// take a sigmoid form one step away, and lose the identity two steps
// away.)
func conjugatePair(fs []symbolic.Expr) int {
	others := 0
	for _, f := range fs {
		if _, ok := f.(*symbolic.Number); !ok {
			others++
		}
	}
	if others < 3 {
		return 0
	}
	// The sums that could be half of a pair, a few at most (a product
	// has few sum factors; past maxPairSums the rest are not looked at).
	type half struct {
		c, k symbolic.Rat
		call *symbolic.Call
	}
	var buf [maxPairSums]half
	halves := buf[:0]
	for _, f := range fs {
		if p, ok := f.(*symbolic.Power); ok {
			if k, ok := p.Exp().(*symbolic.Number); !ok || k.Sign() < 0 {
				continue
			}
		}
		s, ok := powerBase(f).(*symbolic.Sum)
		if !ok {
			continue
		}
		c, k, call, ok := numberAndCall(s)
		if !ok || funcBit(call.Func())&conjugateFuncs() == 0 || !c.Exact().Equal(k) && !c.Exact().Equal(k.Neg()) {
			continue
		}
		for _, h := range halves {
			// c - k*f(a) is c + k*f(a)'s conjugate, and so is its
			// negation -c + k*f(a) (tanh(x) - 1 and tanh(x) + 1).
			if call == h.call && (c.Exact().Equal(h.c) && k.Equal(h.k.Neg()) || c.Exact().Equal(h.c.Neg()) && k.Equal(h.k)) {
				return weightConjugate
			}
		}
		if len(halves) == maxPairSums {
			break
		}
		halves = append(halves, half{c.Exact(), k, call})
	}
	return 0
}

// hazard returns the numerical hazard weight of n, a function of n and its
// immediate operands (and their factors): weightCancel for a sum that can
// cancel, weightCancelDenom for a division by one.
func hazard(n symbolic.Expr) int {
	switch n := n.(type) {
	case *symbolic.Sum:
		return cancelWeight(n)
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
// zero and is not counted, nor is a sum whose terms the sign of its
// argument keeps apart (see saturation).
func cancels(s *symbolic.Sum) bool { return cancelWeight(s) > 0 }

// cancelWeight is the hazard weight of the sum s: 0 if it cannot cancel
// (see cancels), weightCancelSure if it cancels wherever its argument grows
// (see saturation), weightCancel otherwise.
func cancelWeight(s *symbolic.Sum) int {
	if !mixedComputed(s) {
		return 0
	}
	switch saturation(s) {
	case saturatesAway:
		return 0
	case saturatesToward:
		return weightCancelSure
	}
	return weightCancel
}

// mixedComputed reports whether s has terms of both signs and a term
// computed by a call: whether it can cancel, as far as its terms say.
func mixedComputed(s *symbolic.Sum) bool {
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

// The side on which a sum c + k*f(a), f sigmoid or tanh, meets its zero
// (see saturation).
const (
	saturatesUnknown = iota // not such a sum, or the sign of a unknown
	saturatesAway           // its terms meet only where a cannot go
	saturatesToward         // they meet where a goes as it grows
)

// saturation says where the terms of s, if it is c + k*f(a) with f sigmoid
// or tanh, meet: they meet only where f saturates, on one side. Away: the
// sign of a rules that side out: 1 - sigmoid(a) is 0 in float64 only
// where a is large, and at least 1/2 where a <= 0, so with a = -9*x^2 - 1
// it cancels nowhere, where its reflection sigmoid(9*x^2 + 1) - 1 cancels
// for every large x. Likewise 1 - tanh(a) where a <= 0, and 1 + tanh(a)
// where a >= 0. Toward: the sign of a leaves only that side, and a grows
// without bound (see unbounded): sigmoid(9*x^2 + 1) - 1. The sign is the
// structural one (provesSign).
func saturation(s *symbolic.Sum) int {
	c, k, call, ok := numberAndCall(s)
	if !ok || (call.Func() != sigmoidFn && call.Func() != tanhFn) {
		return saturatesUnknown
	}
	// f(a) meets the number where f(a) = -c/k: at its upper bound 1 as
	// a grows, or at tanh's lower bound -1 as a falls.
	away, toward := "<=", ">="
	switch at := c.Exact().Quo(k).Neg(); {
	case at.Is(1):
	case at.Is(-1) && call.Func() == tanhFn:
		away, toward = toward, away
	default:
		return saturatesUnknown
	}
	a := call.Arg()
	switch {
	case provesSign(a, away):
		return saturatesAway
	case unbounded(a) && provesSign(a, toward):
		return saturatesToward
	}
	return saturatesUnknown
}

// unbounded reports whether e may grow without bound as its variables do:
// it has a variable outside the calls of bounded functions (sigmoid(u),
// tanh(u), sin(u) and the like are bounded whatever u is) and outside
// quotients (see dividing), within maxUnboundedDepth levels of e. A structural test: x - x does not occur
// in a canonical expression, and x*sigmoid(x) is rightly unbounded. A
// variable found deeper does not count: the test costs a few nodes, not
// a walk down a chain (1/(1 + exp(-1/(1 + exp(-...))))) at each of its
// levels; saturation then says it does not know.
func unbounded(e symbolic.Expr) bool { return unboundedWithin(e, maxUnboundedDepth) }

// dividing reports whether x is a power with a negative exponent: a
// quotient, which unbounded does not try to bound or not
// (1/(1 + exp(-x)) lies in (0, 1), x^2/(x + 1) grows), and so counts as
// bounded, the answer that weighs nothing more.
func dividing(x symbolic.Expr) bool {
	p, ok := x.(*symbolic.Power)
	if !ok {
		return false
	}
	k, ok := p.Exp().(*symbolic.Number)
	return ok && k.Sign() < 0
}

// maxUnboundedDepth is how deep below a node unbounded looks.
const maxUnboundedDepth = 6

func unboundedWithin(e symbolic.Expr, depth int) bool {
	switch e := e.(type) {
	case *symbolic.Number:
		return false
	case *symbolic.Symbol:
		return !e.IsConstant()
	case *symbolic.Call:
		if slices.Contains(boundedFuncs(), e.Func()) {
			return false
		}
	case *symbolic.Power:
		if dividing(e) {
			return false
		}
	case *symbolic.Product:
		if slices.ContainsFunc(e.Factors(), dividing) {
			return false
		}
	}
	if depth == 0 {
		return false
	}
	for _, c := range symbolic.Children(e) {
		if unboundedWithin(c, depth-1) {
			return true
		}
	}
	return false
}

// boundedFuncs are the functions whose values lie in a bounded interval
// for every real argument.
var boundedFuncs = sync.OnceValue(func() []*symbolic.Func {
	var fs []*symbolic.Func
	for _, name := range []string{"sigmoid", "tanh", "sin", "cos", "atan", "acot", "sech"} {
		if f, ok := symbolic.Lookup(name); ok {
			fs = append(fs, f)
		}
	}
	return fs
})

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

// zeroCancelFuncs are the functions f with f(0) = 1 whose differences
// c + k*f(a), k = -c, cancel where a passes through 0: 1 - cos(a), cosh(a)
// - 1, exp(a) - 1, sec(a) - 1, 1 - sech(a).
var zeroCancelFuncs = sync.OnceValue(func() funcMask {
	var m funcMask
	for _, name := range []string{"exp", "cos", "cosh", "sec", "sech"} {
		f, _ := symbolic.Lookup(name)
		m |= funcBit(f)
	}
	return m
})

// cancelsAtZero reports whether the sum s is c + k*f(a) with k = -c and f
// one of zeroCancelFuncs, where a may be 0: near there the difference
// keeps only the rounding error of f(a) (1 - cos(x) is 5e-11 at x = 1e-5,
// off by 2e-6 of that), where 2*sin(x/2)^2 is exact to a few ulps.
func cancelsAtZero(s *symbolic.Sum) bool {
	c, k, call, ok := numberAndCall(s)
	if !ok || funcBit(call.Func())&zeroCancelFuncs() == 0 {
		return false
	}
	return c.Exact().Add(k).Sign() == 0 && !provesSign(call.Arg(), "!=")
}

// numberAndCall reads the sum s as c + k*f(a), a number and a multiple of
// a call of one argument, or reports false.
func numberAndCall(s *symbolic.Sum) (c *symbolic.Number, k symbolic.Rat, call *symbolic.Call, ok bool) {
	ts := s.Terms()
	if len(ts) != 2 {
		return nil, k, nil, false
	}
	if c, ok = ts[0].(*symbolic.Number); !ok {
		return nil, k, nil, false
	}
	k, f := symbolic.RatInt(1), ts[1]
	if p, isProd := f.(*symbolic.Product); isProd {
		fs := p.Factors()
		n, isNum := fs[0].(*symbolic.Number)
		if !isNum || len(fs) != 2 {
			return nil, k, nil, false
		}
		k, f = n.Exact(), fs[1]
	}
	call, ok = f.(*symbolic.Call)
	if !ok || len(call.Args()) != 1 {
		return nil, k, nil, false
	}
	return c, k, call, true
}

// holdsZeroCancel reports whether e has a sum that cancels at zero (see
// cancelsAtZero).
func holdsZeroCancel(e symbolic.Expr) bool {
	found := false
	symbolic.Walk(e, func(n symbolic.Expr) {
		if s, ok := n.(*symbolic.Sum); ok && !found {
			found = cancelsAtZero(s)
		}
	})
	return found
}

// newZeroCancel reports whether r, a simplified form of e, is a sum that
// cancels at zero, or a product or power of one, where e holds none: a
// difference of nearly equal terms that the input did not have
// (2*sin(x/2)^2 as 1 - cos(x), sinh(x)^2/(cosh(x) + 1) as cosh(x) - 1),
// which Simplify does not return, however much smaller (issue 13,
// deliverable 4). Such a sum in the input stays where the search puts it
// (the derivative of x - sin(x) is 1 - cos(x)), and so does one deeper in
// r, beside other terms or in an exponent, where its error is absolute.
// Work: a look at r's factors, and where one is such a sum, a walk of e.
func (en *engine) newZeroCancel(r, e symbolic.Expr) bool {
	return zeroCancelFactor(r) && !holdsZeroCancel(e)
}

// zeroCancelFactor reports whether r is a sum that cancels at zero (see
// cancelsAtZero), or a product or power of one. Of two candidates of equal
// cost the search takes the one that is not (see better): Simplify would
// not return it where the input has no such sum (newZeroCancel), and the
// tie would leave the search's result to be thrown away for the input.
func zeroCancelFactor(r symbolic.Expr) bool {
	fs := []symbolic.Expr{r}
	if p, ok := r.(*symbolic.Product); ok {
		fs = p.Factors()
	}
	for _, f := range fs {
		if s, ok := powerBase(f).(*symbolic.Sum); ok && cancelsAtZero(s) {
			return true
		}
	}
	return false
}

// overUnder is the hazard weight of a product of the factors fs:
// weightOverUnder if it has a factor exp(u) and a factor sigmoid(v) (or
// positive powers of them) whose arguments can move apart (see
// weightOverUnder), 0 otherwise.
//
// sameDirection is an equivalence (of its keys, see there), so some pair
// moves apart unless every such argument is in one class with the first:
// one pass over the factors, where trying each exp against each sigmoid
// made the weight of the nested sigmoid's raw derivative (a product of
// 1000 exps and 1000 powers of sums) a million comparisons, a third of
// its simplification.
func overUnder(fs []symbolic.Expr) int {
	var first symbolic.Expr // the first argument of an exp
	sigmoids := false
	for _, f := range fs {
		c, ok := powerBase(f).(*symbolic.Call)
		if !ok {
			continue
		}
		switch c.Func() {
		case symbolic.Exp:
			if first == nil {
				first = c.Arg()
			}
		case sigmoidFn:
			sigmoids = true
		}
	}
	if first == nil || !sigmoids {
		return 0
	}
	for _, f := range fs {
		c, ok := powerBase(f).(*symbolic.Call)
		if ok && (c.Func() == symbolic.Exp || c.Func() == sigmoidFn) && !sameDirection(first, c.Arg()) {
			return weightOverUnder
		}
	}
	return 0
}

// sameDirection reports whether u and v grow and fall together: apart
// from a number term, they are one term w times numbers of one sign, or
// the same sum (-x^2 - 4 and -x^2; 2*x and x + 1). It is an equivalence:
// u and v are in one class where their keys are equal, the key being the
// terms without the number term, or, for one such term, the sign of its
// coefficient and its other factors.
func sameDirection(u, v symbolic.Expr) bool {
	if u == v {
		return true
	}
	var bu, bv [1]symbolic.Expr
	tu, tv := nonConstant(u, &bu), nonConstant(v, &bv)
	if len(tu) != 1 || len(tv) != 1 {
		return slices.Equal(tu, tv)
	}
	cu, wu := splitProductIn(tu[0], &bu)
	cv, wv := splitProductIn(tv[0], &bv)
	return cu.Sign() == cv.Sign() && slices.Equal(wu, wv)
}

// nonConstant returns the terms of u without its number term, u itself
// (in one) if it is not a sum.
func nonConstant(u symbolic.Expr, one *[1]symbolic.Expr) []symbolic.Expr {
	s, ok := u.(*symbolic.Sum)
	if !ok {
		one[0] = u
		return one[:]
	}
	ts := s.Terms()
	if _, ok := ts[0].(*symbolic.Number); ok {
		return ts[1:]
	}
	return ts
}
