package simplify

import (
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
// maxPythagWork terms collected, and the skeleton's walk, bounded by
// maxPythagNodes distinct nodes.

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

const (
	// maxPythagNodes bounds the distinct nodes of the skeleton walked to
	// find the pairs.
	maxPythagNodes = 4096
	// maxPythagWork is the normaliser's work budget for the strategy at a
	// node, in terms collected.
	maxPythagWork = 20000
)

// A pythagGroup is one pair met at one argument: the kernels of its two
// calls.
type pythagGroup struct {
	pair *pythagPair
	a, b symbolic.Expr // the calls a(u) and b(u)
}

// pythagorean returns the cheaper of e's two reductions (toward the first
// or the second function of each pair) if it costs less than e, or nil.
func pythagorean(e symbolic.Expr) []symbolic.Expr {
	groups, calls := pythagGroups(e)
	if len(groups) == 0 {
		return nil
	}
	// A function's reciprocal beside it (sin(2*x) beside csc(2*x) and
	// cot(2*x)) is written through it, so that the normal form has only
	// the pair's two kernels.
	x := e
	if m := reciprocalsOf(groups, calls); m != nil {
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
		if c := Cost(x); c < bestCost {
			best, bestCost = x, c
		}
	}
	if best == e {
		return nil
	}
	return []symbolic.Expr{best}
}

// pythagReduce returns r with its numerator and denominator multiplied
// out, the squares of each group's b replaced through b^2 = k0 + k2*a^2
// (towardA) or those of a through a^2 = (b^2 - k0)/k2, normalised again and
// written as an expression; nil if nothing changed or the work is too big.
func (n *normaliser) pythagReduce(r *ratfn, groups []pythagGroup, towardA bool) (out symbolic.Expr) {
	defer gaveUp(&out)
	if r.isZero() {
		return nil
	}
	num, den := n.numDen(r)
	changed := false
	for _, g := range groups {
		a, b := n.kernel(g.a), n.kernel(g.b)
		k0, k2 := symbolic.RatInt(g.pair.k0), symbolic.RatInt(g.pair.k2)
		x, sq := b, n.collect([]pterm{{c: k0}, {m: mono{{a, 2}}, c: k2}})
		if !towardA {
			// a^2 = b^2/k2 - k0/k2
			inv := k2.Inv()
			x, sq = a, n.collect([]pterm{{c: k0.Neg().Mul(inv)}, {m: mono{{b, 2}}, c: inv}})
		}
		var ok1, ok2 bool
		num, ok1 = n.replaceSquares(num, x, sq)
		den, ok2 = n.replaceSquares(den, x, sq)
		changed = changed || ok1 || ok2
	}
	if !changed {
		return nil
	}
	q := n.quotient(num, den)
	if q == nil {
		return nil
	}
	return n.toExpr(q)
}

// pythagGroups returns the pairs whose two functions e's rational skeleton
// calls with one argument, in the order the walk meets their first
// function; nil if there are none, or the skeleton has more than
// maxPythagNodes distinct nodes or more than maxPythagCalls calls of the
// pairs' functions.
func pythagGroups(e symbolic.Expr) ([]pythagGroup, []*symbolic.Call) {
	var calls []*symbolic.Call
	seen := map[symbolic.Expr]bool{}
	var walk func(x symbolic.Expr) bool
	walk = func(x symbolic.Expr) bool {
		if seen[x] {
			return true
		}
		seen[x] = true
		if len(seen) > maxPythagNodes {
			return false
		}
		if c, ok := x.(*symbolic.Call); ok {
			if funcBit(c.Func())&pythagMask() != 0 && len(c.Args()) == 1 && !c.AtPole() {
				if len(calls) == maxPythagCalls {
					return false
				}
				calls = append(calls, c)
			}
			return true
		}
		if !inSkeleton(x) {
			return true
		}
		for _, k := range symbolic.Children(x) {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	if !walk(e) {
		return nil, nil
	}
	var groups []pythagGroup
	pairs := pythagPairs()
	for _, ca := range calls {
		for i := range pairs {
			p := &pairs[i]
			if p.a != ca.Func() {
				continue
			}
			for _, cb := range calls {
				if cb.Func() == p.b && cb.Arg() == ca.Arg() {
					groups = append(groups, pythagGroup{p, ca, cb})
				}
			}
		}
	}
	return groups, calls
}

// reciprocalCouples are the functions that are each other's reciprocals.
var reciprocalCouples = sync.OnceValue(func() [][2]*symbolic.Func {
	f := func(n string) *symbolic.Func { g, _ := symbolic.Lookup(n); return g }
	return [][2]*symbolic.Func{
		{f("sin"), f("csc")}, {f("cos"), f("sec")}, {f("tan"), f("cot")},
		{f("sinh"), f("csch")}, {f("cosh"), f("sech")}, {f("tanh"), f("coth")},
	}
})

// reciprocalsOf returns the substitution of each call among calls whose
// reciprocal is also there, of one argument, by 1 over the reciprocal,
// where the reciprocal is in one of groups and the call is in none; nil
// if there is none.
func reciprocalsOf(groups []pythagGroup, calls []*symbolic.Call) map[symbolic.Expr]symbolic.Expr {
	inGroup := func(c *symbolic.Call) bool {
		for _, g := range groups {
			if g.a == c || g.b == c {
				return true
			}
		}
		return false
	}
	var m map[symbolic.Expr]symbolic.Expr
	for _, c := range calls {
		if inGroup(c) {
			continue
		}
		for _, cp := range reciprocalCouples() {
			var other *symbolic.Func
			switch c.Func() {
			case cp[0]:
				other = cp[1]
			case cp[1]:
				other = cp[0]
			default:
				continue
			}
			for _, d := range calls {
				if d.Func() == other && d.Arg() == c.Arg() && inGroup(d) {
					if m == nil {
						m = map[symbolic.Expr]symbolic.Expr{}
					}
					m[c] = symbolic.Pow(d, symbolic.MinusOne)
				}
			}
		}
	}
	return m
}

// maxPythagCalls bounds the calls of the pairs' functions the strategy
// looks at in a node.
const maxPythagCalls = 32
