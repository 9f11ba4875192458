package simplify

import (
	"slices"
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// This file is the Pythagorean reduction: the strategy for nodes too
// large for the trigonometric kernel (trig.go), whose rational skeleton is
// a polynomial or quotient in both functions of a Pythagorean pair of one
// argument, tanh(u) and sech(u) say. The derivatives of tanh are
// polynomials in tanh alone (its derivative is 1 - tanh^2), but once the
// search has written 1 - tanh(x)^2 as sech(x)^2, each further derivative
// mixes the two (sech(x)' is -sech(x)*tanh(x)), and the rational normal
// form, which reads tanh(x) and sech(x) as independent kernels, cannot
// cancel across them: the 20th derivative printed 27 terms in
// sech(x)^j*tanh(x)^k and the 30th 157 KB, where the polynomial in tanh
// has 16 terms. The reduction puts the node in rational normal form, then
// replaces every square of one function of each pair by the identity
// (sech^2 = 1 - tanh^2, toward tanh; or tanh^2 = 1 - sech^2, toward sech),
// which leaves that function to the first power at most, normalises
// again, and offers the cheaper of the two directions where it costs less
// than the node.
//
// The work is that of the normaliser on the node's skeleton, bounded by
// maxPythagWork terms collected, and a walk of the skeleton.

// A pythagPair is a Pythagorean identity b^2 = k0 + k2*a^2 between two
// functions of one argument.
type pythagPair struct {
	a, b   *symbolic.Func
	k0, k2 int64
}

var pythagPairs = sync.OnceValue(func() []pythagPair {
	f := func(n string) *symbolic.Func { g, _ := symbolic.Lookup(n); return g }
	return []pythagPair{
		{f("tan"), f("sec"), 1, 1},    // sec^2 = 1 + tan^2
		{f("cot"), f("csc"), 1, 1},    // csc^2 = 1 + cot^2
		{f("sin"), f("cos"), 1, -1},   // cos^2 = 1 - sin^2
		{f("tanh"), f("sech"), 1, -1}, // sech^2 = 1 - tanh^2
		{f("coth"), f("csch"), -1, 1}, // csch^2 = coth^2 - 1
		{f("sinh"), f("cosh"), 1, 1},  // cosh^2 = 1 + sinh^2
	}
})

// pythagMask holds the functions of the pairs: a node calls two of them
// at least, or the strategy has nothing to do.
var pythagMask = sync.OnceValue(func() funcMask {
	var m funcMask
	for _, p := range pythagPairs() {
		m |= funcBit(p.a) | funcBit(p.b)
	}
	return m
})

// pairCalled reports whether calls (a node's functions) holds both
// functions of a pair.
func pairCalled(calls funcMask) bool {
	if calls&pythagMask() == 0 {
		return false
	}
	for _, p := range pythagPairs() {
		if ab := funcBit(p.a) | funcBit(p.b); calls&ab == ab {
			return true
		}
	}
	return false
}

// maxPythagWork is the normaliser's work budget for the strategy at a
// node, in terms collected.
const maxPythagWork = 200000

// A pythagGroup is one pair met at one argument: the kernels of its two
// calls.
type pythagGroup struct {
	pair *pythagPair
	a, b symbolic.Expr // the calls a(u) and b(u)
}

// pythagorean returns the cheaper of e's two reductions (toward the first
// or the second function of each pair) if it costs less than e, or nil.
func pythagorean(e symbolic.Expr) []symbolic.Expr {
	groups, m := pythagGroups(e)
	if len(groups) == 0 {
		return nil
	}
	x := e
	if len(m) > 0 {
		var ok bool
		if x, ok = subsSkeleton(e, m); !ok {
			return nil
		}
	}
	n := newNormaliser()
	n.work = maxNormaliserWork - maxPythagWork
	r, ok := n.normalise(x)
	if !ok {
		return nil
	}
	best, bestCost := e, Cost(e)
	for _, towardA := range [2]bool{true, false} {
		x := n.pythagReduce(r, groups, towardA)
		if x == nil {
			continue
		}
		// Also with quotients of sines and cosines read as tangents and
		// secants, as the kernel does (multiple angles are written in
		// sin and cos of their base).
		for _, y := range [2]symbolic.Expr{x, trigQuotients(x)} {
			if y == nil {
				continue
			}
			if c := Cost(y); c < bestCost {
				best, bestCost = y, c
			}
		}
	}
	if best == e {
		return nil
	}
	return []symbolic.Expr{best}
}

// pythagReduce returns r with the squares of each group's b replaced
// through b^2 = k0 + k2*a^2 (towardA) or those of a through
// a^2 = (b^2 - k0)/k2, normalised again and written as an expression; nil
// if nothing changed or the work is too big. The numerator is multiplied
// out and reduced as one polynomial; the denominator's factors are
// reduced each as it is, so that a power of a sum ((cos(x) + 2)^13, in
// the derivatives of sin(x)/(cos(x) + 2)) stays a power.
func (n *normaliser) pythagReduce(r *ratfn, groups []pythagGroup, towardA bool) (out symbolic.Expr) {
	defer gaveUp(&out)
	if r.isZero() {
		return nil
	}
	// For each group, the kernel whose squares go and what a square is.
	type square struct {
		x  int
		sq poly
	}
	squares := make([]square, len(groups))
	for i, g := range groups {
		a, b := n.kernel(g.a), n.kernel(g.b)
		k0, k2 := symbolic.RatInt(g.pair.k0), symbolic.RatInt(g.pair.k2)
		if towardA {
			squares[i] = square{b, n.collect([]pterm{{c: k0}, {m: mono{{a, 2}}, c: k2}})}
		} else {
			// a^2 = b^2/k2 - k0/k2
			inv := k2.Inv()
			squares[i] = square{a, n.collect([]pterm{{c: k0.Neg().Mul(inv)}, {m: mono{{b, 2}}, c: inv}})}
		}
	}
	changed := false
	reduce := func(p poly) poly {
		for _, s := range squares {
			var ok bool
			p, ok = n.replaceSquares(p, s.x, s.sq)
			changed = changed || ok
		}
		return p
	}
	num := poly{{m: positivePart(r.m, 1), c: r.coef}}
	for _, f := range r.fs {
		for range max(f.e, 0) {
			num = n.polyMul(num, f.p)
		}
	}
	num = reduce(num)
	den := n.fromPoly(reduce(poly{{m: positivePart(r.m, -1), c: qOne}}))
	for _, f := range r.fs {
		if f.e < 0 {
			den = n.mul(den, n.pow(n.fromPoly(reduce(f.p)), -f.e))
		}
	}
	if !changed || len(num) == 0 {
		return nil
	}
	return n.toExpr(n.mul(n.fromPoly(num), n.pow(den, -1)))
}

// pythagGroups returns the groups to reduce e with, and the substitution
// that writes e's other calls through them. For each family (circular,
// hyperbolic) and argument u at which e's rational skeleton calls two or
// more of the family's six functions: where they are sin and cos (sinh and
// cosh), that pair; otherwise the pair of tan and sec, or of cot and csc
// where e calls one of those two and neither of the first, with every
// other function of the family at u written through it (sin = tan/sec,
// cos = 1/sec, cot = 1/tan, csc = sec/tan; sin = 1/csc, cos = cot/csc,
// tan = 1/cot, sec = csc/cot; the same for the hyperbolic functions), so
// that the normal form has two kernels at u, related by the identity:
// sin(2*x) beside cot(2*x) and csc(2*x) is 1/csc(2*x), cosh(x)^8*sech(x)^8
// is 1. Nil if there are none, or the skeleton has more than
// maxPythagCalls calls of the families.
func pythagGroups(e symbolic.Expr) ([]pythagGroup, map[symbolic.Expr]symbolic.Expr) {
	// The calls of the two families in the skeleton (the search looks at
	// no node with more than maxGlobal distinct skeleton nodes).
	var calls []*symbolic.Call
	if !skeletonWhile(e, func(x symbolic.Expr) bool {
		c, ok := x.(*symbolic.Call)
		if !ok || funcBit(c.Func())&pythagMask() == 0 || len(c.Args()) != 1 || c.AtPole() {
			return true
		}
		if len(calls) == maxPythagCalls {
			return false
		}
		calls = append(calls, c)
		return true
	}) {
		return nil, nil
	}
	var groups []pythagGroup
	var m map[symbolic.Expr]symbolic.Expr
	done := make([]bool, len(calls))
	for i, c := range calls {
		if done[i] {
			continue
		}
		fam := familyOf(c.Func())
		// The family's calls at c's argument, by function, and those at
		// other rational multiples of it.
		var at [6]*symbolic.Call
		fns := [6]*symbolic.Func{fam.sin, fam.cos, fam.tan, fam.cot, fam.sec, fam.csc}
		distinct := 0
		var others []*symbolic.Call
		var qs []symbolic.Rat
		onlySinCos := true
		for j := i; j < len(calls); j++ {
			d := calls[j]
			if done[j] || familyOf(d.Func()) != fam {
				continue
			}
			if d.Arg() != c.Arg() {
				if q, ok := proportional(c.Arg(), d.Arg()); ok {
					done[j] = true
					others, qs = append(others, d), append(qs, q)
					onlySinCos = onlySinCos && (d.Func() == fam.sin || d.Func() == fam.cos)
				}
				continue
			}
			done[j] = true
			k := slices.Index(fns[:], d.Func())
			at[k] = d
			distinct++
		}
		if len(others) > 0 && !onlySinCos {
			// A tangent or secant of a multiple angle is a quotient of
			// polynomials of its degree: expanded, the derivatives of
			// sin(x)*cos(2*x)*tan(3*x) grew faster than as they were. And
			// reduced at one argument of a family while others of it stay
			// (cos(2*x) beside sin(x) and tan(3*x)), they grew from 1.8 KB
			// to 776 KB at the 16th order: such a node is left alone.
			return nil, nil
		}
		if len(others) > 0 {
			// Multiple angles (sin(x), sin(2*x), cos(4*x)): all in the
			// sine and cosine of their base.
			for _, d := range at {
				if d != nil {
					others, qs = append(others, d), append(qs, qOne)
				}
			}
			g, ok := baseMultiple(qs, maxPythagMultiple)
			if !ok {
				continue
			}
			if !safely(func() {
				b := symbolic.Mul(symbolic.NumberOf(g), c.Arg())
				sb, cb := symbolic.Apply(fam.sin, b), symbolic.Apply(fam.cos, b)
				if m == nil {
					m = map[symbolic.Expr]symbolic.Expr{}
				}
				for j, d := range others {
					cosK, sinK := multipleAngle(fam, cb, sb, qs[j].Quo(g).Num64())
					if r, ok := fam.of(d.Func(), cosK, sinK); ok && r != d {
						m[d] = r
					}
				}
				groups = append(groups, pythagGroup{pairOf(fam.sin, fam.cos), sb, cb})
			}) {
				return nil, nil
			}
			continue
		}
		if distinct < 2 {
			continue
		}
		sin, cos, tan, cot, sec, csc := at[0], at[1], at[2], at[3], at[4], at[5]
		u := c.Arg()
		if tan == nil && cot == nil && sec == nil && csc == nil {
			groups = append(groups, pythagGroup{pairOf(fam.sin, fam.cos), sin, cos})
			continue
		}
		if m == nil {
			m = map[symbolic.Expr]symbolic.Expr{}
		}
		ok := safely(func() {
			inv := func(x symbolic.Expr) symbolic.Expr { return symbolic.Pow(x, symbolic.MinusOne) }
			set := func(c *symbolic.Call, x symbolic.Expr) {
				if c != nil {
					m[c] = x
				}
			}
			if tan == nil && sec == nil {
				// Through cot and csc.
				k, s := symbolic.Apply(fam.cot, u), symbolic.Apply(fam.csc, u)
				set(sin, inv(s))
				set(cos, symbolic.Mul(k, inv(s)))
				groups = append(groups, pythagGroup{pairOf(fam.cot, fam.csc), k, s})
				return
			}
			t, s := symbolic.Apply(fam.tan, u), symbolic.Apply(fam.sec, u)
			set(sin, symbolic.Mul(t, inv(s)))
			set(cos, inv(s))
			set(cot, inv(t))
			set(csc, symbolic.Mul(s, inv(t)))
			groups = append(groups, pythagGroup{pairOf(fam.tan, fam.sec), t, s})
		})
		if !ok {
			return nil, nil
		}
	}
	return groups, m
}

// pairOf returns the pair of a and b.
func pairOf(a, b *symbolic.Func) *pythagPair {
	pairs := pythagPairs()
	for i := range pairs {
		if pairs[i].a == a && pairs[i].b == b {
			return &pairs[i]
		}
	}
	panic("simplify: no Pythagorean pair " + a.Name + ", " + b.Name)
}

// maxPythagMultiple bounds the multiples of a base angle that the
// reduction expands (cos(8*x) is a polynomial of degree 8 in cos(x) and
// sin(x)).
const maxPythagMultiple = 8

// maxPythagCalls bounds the calls of the pairs' functions the strategy
// looks at in a node.
const maxPythagCalls = 32

// pythagTerms returns the sum e with each two of its terms a and r*a*f(u)^2
// that a Pythagorean identity makes one square written as that square,
// a*(1 + r*f(u)^2) = ±a*g(u)^2 (r = 1 with f tan, cot, sinh or csch; r =
// -1 with sin, cos, tanh, sech, sec, csc, cosh or coth; see pythagSquare);
// nil if there are no such terms. (Written a*(1 + r*f(u)^2) for the rules
// to read, it cost a pair more than the terms, see pairTerms, and was
// not taken.) The rational normal form finds
// y*(1 - tanh(x)^2) in y - y*tanh(x)^2 by its content, but not beside a
// term without y: y - y*tanh(x)^2 + 2*x*tanh(x) is y*sech(x)^2 +
// 2*x*tanh(x) only this way, and the derivative of (x^2 + 1)^(2*tanh(x))
// kept (x^2 + 1)*log(x^2 + 1) - (x^2 + 1)*log(x^2 + 1)*tanh(x)^2, which
// cancels in float64 where tanh(x) is 1 (TestStability). Sums of at most
// maxCollectTerms terms; the work is quadratic in them.
//
// Likewise a and -a*sigmoid(u), a with a call, written a*(1 -
// sigmoid(u)): a*sigmoid(u) - a, its product multiplied in another order
// than a's, is not 0 in float64 where sigmoid(u) is 1 (TestStability at 600
// expressions: 3e-14 where the value is 0).
func pythagTerms(e symbolic.Expr) symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) > maxCollectTerms {
		return nil
	}
	ts := s.Terms()
	used := make([]bool, len(ts))
	var out []symbolic.Expr
	changed := false
	for j, t := range ts {
		if used[j] {
			continue
		}
		c, fs := splitProduct(t)
		for k, f := range fs {
			var sign int64
			if call, ok := f.(*symbolic.Call); ok && call.Func() == sigmoidFn {
				if !slices.ContainsFunc(fs, func(g symbolic.Expr) bool { return g != f && isCall(baseOf(g)) }) {
					// a without a call (a number, or a placeholder for
					// one in a shape): c*sigmoid(u) - c is exact where
					// sigmoid(u) is 1, and the gradients of a logistic
					// loss share their sigmoids rather than reflect them.
					continue
				}
				sign = -1 // a - a*sigmoid(u) = a*(1 - sigmoid(u))
			} else {
				p, ok := f.(*symbolic.Power)
				if !ok || p.Exp() != symbolic.Two {
					continue
				}
				call, ok := p.Base().(*symbolic.Call)
				if !ok || funcBit(call.Func())&pythagMask() == 0 {
					continue
				}
				sign = pythagSign(call.Func())
			}
			// t is r*a*f: a's factors are t's without f, its coefficient
			// c/r (c*r, r being 1 or -1). 1 + r*f is 1 - sigmoid(u), or
			// the square that one.
			one := func() symbolic.Expr { return symbolic.Add(symbolic.One, symbolic.Mul(symbolic.Int(sign), f)) }
			if p, ok := f.(*symbolic.Power); ok {
				call := p.Base().(*symbolic.Call)
				g, k := pythagSquare(call.Func())
				one = func() symbolic.Expr {
					return symbolic.Mul(symbolic.Int(k), symbolic.Pow(symbolic.Apply(g, call.Args()...), symbolic.Two))
				}
			}
			rest := append(append([]symbolic.Expr{}, fs[:k]...), fs[k+1:]...)
			cr, nrest := orientSumFactors(c, rest)
			for i, u := range ts {
				if i == j || used[i] {
					continue
				}
				cu, fu := orientSumFactors(splitProduct(u))
				if !sameFactors(fu, nrest) || !cu.Equal(cr.Mul(symbolic.RatInt(sign))) {
					continue
				}
				// u + t = u*(1 + r*f)
				r, ok := try(func() symbolic.Expr { return symbolic.Mul(u, one()) })
				if !ok {
					continue
				}
				used[i], used[j] = true, true
				out = append(out, r)
				changed = true
				break
			}
			if used[j] {
				break
			}
		}
	}
	if !changed {
		return nil
	}
	for i, t := range ts {
		if !used[i] {
			out = append(out, t)
		}
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Add(out...) })
	if !ok || r == e {
		return nil
	}
	return r
}

// orientSumFactors returns the coefficient c and the factors fs of a term
// with each sum among them (to an odd power) that negativeSum picks
// negated, and c negated as many times: (x - b)*y*tanh(u)^2 and
// -(b - x)*y*tanh(u)^2 are one term, which the pairs of pythagTerms are
// compared in. fs itself is not changed.
func orientSumFactors(c symbolic.Rat, fs []symbolic.Expr) (symbolic.Rat, []symbolic.Expr) {
	var out []symbolic.Expr
	for i, f := range fs {
		s, k := sumPower(f)
		if s == nil || k%2 == 0 || !negativeSum(s) {
			continue
		}
		g, ok := try(func() symbolic.Expr { return symbolic.Pow(symbolic.Neg(s), symbolic.Int(k)) })
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(fs)
		}
		out[i] = g
		c = c.Neg()
	}
	if out == nil {
		return c, fs
	}
	return c, out
}

// sameFactors reports whether a and b hold the same factors, in any
// order (a negated sum factor is not in its place in the canonical order).
func sameFactors(a, b []symbolic.Expr) bool {
	return len(a) == len(b) && pairUp(a, b, func(x, y symbolic.Expr) bool { return x == y })
}

// pythagSquare returns the function g and the sign k for which 1 +
// r*f(u)^2, r being pythagSign(f), is k*g(u)^2: for the pair b^2 = k0 +
// k2*a^2, 1 + k0*k2*a^2 is k0*b^2, and 1 - k0*b^2 is -k0*k2*a^2.
func pythagSquare(f *symbolic.Func) (g *symbolic.Func, k int64) {
	for _, p := range pythagPairs() {
		switch f {
		case p.a:
			return p.b, p.k0
		case p.b:
			return p.a, -p.k0 * p.k2
		}
	}
	panic("simplify: " + f.Name + " is in no Pythagorean pair")
}

// pythagSign is r of pythagTerms for f, read from its pair b^2 = k0 +
// k2*a^2: 1 + r*a^2 is k0 times a square for r = k0*k2 (1 + tan^2, 1 -
// sin^2, coth^2 - 1), and 1 + r*b^2 for r = -k0 (1 - sec^2, 1 + csch^2).
func pythagSign(f *symbolic.Func) int64 {
	for _, p := range pythagPairs() {
		switch f {
		case p.a:
			return p.k0 * p.k2
		case p.b:
			return -p.k0
		}
	}
	panic("simplify: " + f.Name + " is in no Pythagorean pair")
}
