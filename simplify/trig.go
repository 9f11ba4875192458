package simplify

//go:generate go run gen_inverse.go
// compiled_rules.go, from the rule files (inverse.rules included, so after
// gen_inverse.go):
//go:generate go test -run ^TestCompiledRules$ -update-compiled .

import (
	"github.com/symdiff/symdiff/internal/arith"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// This file is the trigonometric kernel strategy (after Fu, Zhong and Zeng,
// "Automated and readable simplification of trigonometric expressions",
// 2006): for each argument b, sin(k*b), cos(k*b), tan, cot, sec and csc of
// it are written as rational functions of s = sin(b) and c = cos(b) (the
// multiple angles through (c + i*s)^k), the node is put in rational normal
// form, reduced with s^2 + c^2 = 1 in both directions, and mapped back,
// with quotients of powers of s and c read as tan, cot, sec and csc. The
// hyperbolic functions work the same way with cosh^2 - sinh^2 = 1, and
// exp(k*b) is (cosh(b) + sinh(b))^k where exp(b) and exp(-b) meet. The
// engine keeps whichever candidate costs least.

// A trigFamily is the circular or the hyperbolic functions.
type trigFamily struct {
	name                         string
	sin, cos, tan, cot, sec, csc *symbolic.Func
	hyper                        bool // cos^2 - sin^2 = 1 instead of cos^2 + sin^2 = 1
}

var trigFamilies = func() [2]*trigFamily {
	f := func(n string) *symbolic.Func { g, _ := symbolic.Lookup(n); return g }
	return [2]*trigFamily{
		{name: "trig", sin: f("sin"), cos: f("cos"), tan: f("tan"), cot: f("cot"), sec: f("sec"), csc: f("csc")},
		{name: "hyp", sin: f("sinh"), cos: f("cosh"), tan: f("tanh"), cot: f("coth"), sec: f("sech"), csc: f("csch"), hyper: true},
	}
}()

// inverses are the inverse trigonometric and hyperbolic functions, which
// Cost weighs as two calls (see weightInverse): acoth, asech and acsch too,
// computed through a log (and a root) as atanh, acosh and asinh are, so
// that sinh(acoth(x)) is sign(x)/sqrt(x^2 - 1) as cos(asin(x)) is
// sqrt(1 - x^2).
var inverses = func() map[*symbolic.Func]bool {
	m := map[*symbolic.Func]bool{}
	for _, n := range []string{"asin", "acos", "atan", "acot", "asec", "acsc", "asinh", "acosh", "atanh", "acoth", "asech", "acsch"} {
		if f, ok := symbolic.Lookup(n); ok {
			m[f] = true
		}
	}
	return m
}()

// isInverse reports whether f is one of inverses. Cost asks it for every
// call it counts, so the names that cannot be (all but "a...") are
// answered without the map.
func isInverse(f *symbolic.Func) bool {
	return f.Name != "" && f.Name[0] == 'a' && inverses[f]
}

// trigMask holds the functions that make the strategy look at a node.
var trigMask = sync.OnceValue(func() funcMask {
	var m funcMask
	for _, fam := range trigFamilies {
		for _, f := range []*symbolic.Func{fam.sin, fam.cos, fam.tan, fam.cot, fam.sec, fam.csc} {
			m |= funcBit(f)
		}
	}
	return m
})

// Bounds of the strategy: it runs only on nodes whose rational skeleton
// has at most maxTrigNodes nodes (counted as a tree) and maxTrigCalls
// calls, with at most maxTrigGroups arguments to rewrite, and expands
// sin(k*b) and cos(k*b) only for |k| <= maxTrigMultiple. The normaliser's
// limits (maxPolyTerms, and maxTrigWork for all the candidates of a node)
// bound the rest, so the work at a node is bounded by a constant.
const (
	maxTrigNodes    = 80
	maxTrigGroups   = 2
	maxTrigMultiple = 3
	// minTrigGain is what a candidate must save over the node: one more
	// than a tie. Each candidate taken is a new expression whose new
	// subexpressions the search simplifies in turn; with a gain of 1
	// accepted, ties between equally cheap forms fed the search candidate
	// after candidate (TestStability's random derivatives with tanh and
	// sech of one argument), for no better result.
	minTrigGain = 2
	// maxTrigForms is how many of the six forms (by number of terms) are
	// turned into expressions and costed.
	maxTrigForms = 2
	// maxTrigTies is how many are, where the last ones taken tie in size.
	maxTrigTies = 4
	// maxTrigExpandNodes bounds the skeleton (counted as a tree) of a node
	// whose multiple angles are expanded: on larger sums the expanded
	// candidates, though cheaper, sent the search into the time budget.
	maxTrigExpandNodes = 24
	// maxTrigWork is the normaliser's work budget (see normaliser.tick)
	// for each step of the strategy at a node (the normal form, each
	// reduction, contraction, size and conversion back), in terms collected.
	maxTrigWork = 1000
)

// A trigOcc is a call of the family (or exp, for the hyperbolic one) whose
// argument is q*a, q a rational multiple.
type trigOcc struct {
	call *symbolic.Call
	fam  *trigFamily
	f    *symbolic.Func
	q    symbolic.Rat
	a    symbolic.Expr
}

// A trigGroup is the occurrences of one family on multiples of one a,
// written in s = sin(g*a) and c = cos(g*a).
type trigGroup struct {
	fam    *trigFamily
	rep    symbolic.Expr // the argument the multiples q are relative to, until a is known
	a      symbolic.Expr
	occs   []trigOcc
	g      symbolic.Rat // the base multiple
	base   symbolic.Expr
	sv, cv *symbolic.Symbol // the placeholders for s and c
	s2, c2 *symbolic.Symbol // and for sin(2*b), cos(2*b)
	s3, c3 *symbolic.Symbol // and for sin(3*b), cos(3*b)
	// halved is set where the base is already the half angle of the
	// calls' argument (see singleTrigGroup), so that halfAngles does not
	// halve it again.
	halved bool
	// angle is set where the group is there for the angle sums (a group
	// of angleSumGroups, or one call that addPartners added): its reading
	// skips the double and triple angles and the half angle.
	angle bool
	// sums are the calls of an angle sum k1*b + k2*b' of this group's base
	// b and another group's b', written in both groups' placeholders (see
	// angleSumGroups).
	sums []sumOcc
}

// trigKernel returns the strategy's rewrites of e (a sum, product or
// power), given the functions e calls: the cheapest of its readings (the
// groups of trigGroups, their half angles, the angle-sum expansion of
// angleSumGroups, and the pair of addPartners), if it saves enough (see
// trigGain).
func trigKernel(e symbolic.Expr, have funcMask) []rewrite {
	if have&(trigMask()|funcBit(symbolic.Exp)) == 0 {
		return nil
	}
	var buf [maxTrigCalls]*symbolic.Call
	calls, size, ok := trigCalls(e, buf[:0])
	if !ok || len(calls) == 0 {
		return nil
	}
	maxK := int64(maxTrigMultiple)
	if size > maxTrigExpandNodes {
		maxK = 1
	}
	groups, pair := trigGroups(e, calls, maxK)
	sums := angleSumGroups(e, calls, maxK)
	if len(groups) == 0 && len(sums) == 0 && len(pair) == 0 {
		return nil
	}
	readings := [][]*trigGroup{sums, pair}
	if len(groups) > 0 {
		readings = append(readings, groups, halfAngles(e, groups))
	}
	best, bestCost := e, Cost(e)
	for _, gs := range readings {
		if len(gs) == 0 {
			continue
		}
		if h, c := trigBest(e, gs); less(h, c, best, bestCost) {
			best, bestCost = h, c
		}
	}
	if best == e || bestCost > Cost(e)-trigGain(e, best) {
		return nil
	}
	return []rewrite{{"trigonometric kernel", best}}
}

// trigGain is what a candidate r of the kernel must save over e:
// minTrigGain, but only 1 where r's rational skeleton has no sum left and
// e's has one (all of e's sums contracted into products of calls, as
// (1 - cos(x))/(1 + cos(x)) into tan(x/2)^2): such a candidate gives the
// search no new sum to work on, and removes e's differences.
func trigGain(e, r symbolic.Expr) int {
	if hasSkeletonSum(r) || !hasSkeletonSum(e) {
		return minTrigGain
	}
	return 1
}

// hasSkeletonSum reports whether e's rational skeleton holds a sum.
func hasSkeletonSum(e symbolic.Expr) bool {
	switch x := e.(type) {
	case *symbolic.Sum:
		return true
	case *symbolic.Product:
		for _, f := range x.Factors() {
			if hasSkeletonSum(f) {
				return true
			}
		}
	case *symbolic.Power:
		if inSkeleton(x) {
			return hasSkeletonSum(x.Base())
		}
	}
	return false
}

// trigBest returns the cheapest reading of e with the calls of groups
// written in the sines and cosines of their bases, and its cost (e and its
// own cost if no reading is cheaper).
func trigBest(e symbolic.Expr, groups []*trigGroup) (symbolic.Expr, int) {
	m := map[symbolic.Expr]symbolic.Expr{}
	back := map[symbolic.Expr]symbolic.Expr{}
	for i, g := range groups {
		g.sv = symbolic.Sym("s#" + strconv.Itoa(i))
		g.cv = symbolic.Sym("c#" + strconv.Itoa(i))
		g.s2 = symbolic.Sym("S#" + strconv.Itoa(i))
		g.c2 = symbolic.Sym("C#" + strconv.Itoa(i))
		back[g.sv] = symbolic.Apply(g.fam.sin, g.base)
		back[g.cv] = symbolic.Apply(g.fam.cos, g.base)
		double := symbolic.Mul(symbolic.Two, g.base)
		back[g.s2] = symbolic.Apply(g.fam.sin, double)
		back[g.c2] = symbolic.Apply(g.fam.cos, double)
		g.s3 = symbolic.Sym("T#" + strconv.Itoa(i))
		g.c3 = symbolic.Sym("K#" + strconv.Itoa(i))
		triple := symbolic.Mul(symbolic.Int(3), g.base)
		back[g.s3] = symbolic.Apply(g.fam.sin, triple)
		back[g.c3] = symbolic.Apply(g.fam.cos, triple)
	}
	for _, g := range groups {
		for _, o := range g.occs {
			r, ok := g.rewrite(o)
			if !ok {
				return e, Cost(e)
			}
			m[o.call] = r
		}
		for _, o := range g.sums {
			r, ok := g.rewriteSum(o)
			if !ok {
				return e, Cost(e)
			}
			m[o.call] = r
		}
	}
	pair := angleSumPair(groups, back)
	sub, ok := subsSkeleton(e, m)
	if !ok {
		return e, Cost(e)
	}
	n := newNormaliser()
	n.work = maxNormaliserWork - maxTrigWork
	r, ok := n.normalise(sub)
	if !ok {
		return e, Cost(e)
	}
	// Only the cheapest candidate is offered, and only if it is cheaper
	// than e: each candidate is a new expression whose new subexpressions
	// the engine simplifies in turn, and a strategy that offered all of
	// them, or uphill ones, multiplied the search's work on random
	// trigonometric derivatives without finding better forms.
	best, bestCost := e, Cost(e)
	// strict: taken only where it costs less, not on a tie-break.
	addOne := func(x symbolic.Expr, back map[symbolic.Expr]symbolic.Expr, strict bool) {
		if x == nil {
			return
		}
		y, ok := subsAll(x, back)
		if !ok {
			return
		}
		// Each also with its pairs cosh(u) ± sinh(u), the kernel's
		// exp(±u), written exp(±u) again (see expPairs).
		var zs [4]symbolic.Expr
		zs[0], zs[1] = y, trigQuotients(y)
		for i := range 2 {
			if zs[i] != nil {
				if z := expPairs(zs[i]); z != zs[i] {
					zs[2+i] = z
				}
			}
		}
		for _, z := range zs {
			if z == nil {
				continue
			}
			if c := Cost(z); c < bestCost || !strict && less(z, c, best, bestCost) {
				best, bestCost = z, c
			}
		}
	}
	// A form is read as it is, and in secants or cosecants where that
	// costs less (reciprocal): only where it costs less, so that a tie
	// does not turn sinh(x)/(sinh(x)^2 + 1) into csch(x)/(csch(x)^2 + 1).
	add := func(x symbolic.Expr, back map[symbolic.Expr]symbolic.Expr, strict bool) {
		addOne(x, back, strict)
		if x != nil {
			n.work = maxNormaliserWork - maxTrigWork
			rx, rback := n.reciprocal(x, groups, back)
			addOne(rx, rback, true)
		}
	}
	// Two groups of one family: the products of their sines and cosines
	// linearised (product to sum), so that cos(x)*cos(y) - sin(x)*sin(y)
	// is cos(x + y).
	var linear *ratfn
	if pair != nil {
		n.work = maxNormaliserWork - maxTrigWork
		linear = n.linearise(r, pair)
	}
	// A reading with a group of one call added for the angle sums (see
	// addPartners) is there for the linearised form alone.
	if partners(groups) {
		if linear == nil {
			return e, Cost(e)
		}
		x := n.toExpr(linear)
		add(x, back, false)
		add(x, flipped(back, pair), false)
		return best, bestCost
	}
	// The normal form as it is; reduced by s^2 + c^2 = 1 toward s or toward
	// c; and each of those with the double angles contracted.
	forms := []*ratfn{r}
	for _, towardSin := range []bool{true, false} {
		n.work = maxNormaliserWork - maxTrigWork
		if rr := n.reducePythagoras(r, groups, towardSin, towardSin); rr != nil {
			forms = append(forms, rr)
		}
	}
	reduced := len(forms)
	// A quotient is also reduced in the mixed directions (numerator toward
	// s, denominator toward c, and the other way round), for
	// (1 - cos(x))/(1 + cos(x)) in the half angle; these are not
	// contracted.
	if n.mixedMayPay(r, groups) {
		for _, numSin := range []bool{true, false} {
			n.work = maxNormaliserWork - maxTrigWork
			if rr := n.reducePythagoras(r, groups, numSin, !numSin); rr != nil {
				forms = append(forms, rr)
			}
		}
	}
	if slices.ContainsFunc(groups, func(g *trigGroup) bool { return g.angle }) {
		reduced = 0
	}
	for _, f := range forms[:reduced] {
		n.work = maxNormaliserWork - maxTrigWork
		if rc := n.contractDouble(f, groups); rc != nil {
			forms = append(forms, rc)
		}
		n.work = maxNormaliserWork - maxTrigWork
		if rt := n.contractTriple(f, groups); rt != nil {
			forms = append(forms, rt)
		}
	}
	if linear != nil {
		forms = append(forms, linear)
	}
	// Turning a form into an expression (toExpr, the substitution back,
	// the quotient reading and Cost) is most of the strategy's work, and
	// most nodes it sees have nothing to gain: only the forms with the
	// fewest terms are turned into expressions.
	// A double or triple angle weighs as the power it stands for, so that
	// a form in multiple angles comes first only where it has fewer terms:
	// cos(x)^3 - 2*sin(x)^2*cos(x) is 3*cos(x)^3 - 2*cos(x), not
	// cos(x)/4 + 3*cos(3*x)/4.
	multiple := map[symbolic.Expr]int{}
	for _, g := range groups {
		multiple[g.s2], multiple[g.c2] = 2, 2
		multiple[g.s3], multiple[g.c3] = 3, 3
	}
	size := make(map[*ratfn]int, len(forms))
	for _, f := range forms {
		n.work = maxNormaliserWork - maxTrigWork
		size[f] = n.size(f, multiple)
	}
	slices.SortStableFunc(forms, func(a, b *ratfn) int { return size[a] - size[b] })
	// Forms as small as the last one taken are taken too (a double angle
	// and the power it stands for tie), up to maxTrigTies, where they
	// cost less than the forms before them, not on a tie-break.
	k := min(len(forms), maxTrigForms)
	for k > 0 && k < min(len(forms), maxTrigTies) && size[forms[k]] == size[forms[k-1]] {
		k++
	}
	for i, f := range forms[:k] {
		n.work = maxNormaliserWork - maxTrigWork
		x := n.toExpr(f)
		strict := i >= maxTrigForms
		add(x, back, strict)
		if f == linear {
			add(x, flipped(back, pair), strict)
		}
	}
	return best, bestCost
}

// reciprocal returns x, a form in the placeholders of groups, read in
// secants where it holds a group's cosine and no other of its
// placeholders, in cosecants where it holds its sine alone, with the
// substitution back that goes with it; nil if no group is such.
// (2 - c^2)/c^3 is sigma*(2*sigma^2 - 1) in sigma = 1/c: the derivative
// of sec(x)*tan(x) is sec(x)*(2*sec(x)^2 - 1), which the quotient reading
// (trigQuotients) cannot make of a sum over a power of cos(x).
func (n *normaliser) reciprocal(x symbolic.Expr, groups []*trigGroup, back map[symbolic.Expr]symbolic.Expr) (symbolic.Expr, map[symbolic.Expr]symbolic.Expr) {
	var inv, rback map[symbolic.Expr]symbolic.Expr
	for _, g := range groups {
		var alone symbolic.Expr
		var fn *symbolic.Func
		for _, p := range []symbolic.Expr{g.sv, g.cv, g.s2, g.c2, g.s3, g.c3} {
			if !symbolic.Contains(x, p) {
				continue
			}
			if alone != nil || (p != g.sv && p != g.cv) {
				alone = nil
				break
			}
			alone, fn = p, g.fam.sec
			if p == g.sv {
				fn = g.fam.csc
			}
		}
		if alone == nil {
			continue
		}
		if rback == nil {
			inv, rback = map[symbolic.Expr]symbolic.Expr{}, maps.Clone(back)
		}
		inv[alone] = symbolic.Pow(alone, symbolic.MinusOne)
		rback[alone] = symbolic.Apply(fn, g.base)
	}
	if rback == nil {
		return nil, nil
	}
	y, ok := subsAll(x, inv)
	if !ok {
		return nil, nil
	}
	r, ok := n.normalise(y)
	if !ok {
		return nil, nil
	}
	return n.toExpr(r), rback
}

// partners reports whether groups is a reading of addPartners: a group
// for the angle sums without a call of a sum argument.
func partners(groups []*trigGroup) bool {
	angle, sums := false, false
	for _, g := range groups {
		angle = angle || g.angle
		sums = sums || len(g.sums) > 0
	}
	return angle && !sums
}

// flipped returns back with the difference's sine read as -sin(-d): which
// sign reads better depends on the signs of the whole, and on the names
// of the variables.
func flipped(back map[symbolic.Expr]symbolic.Expr, p *anglePair) map[symbolic.Expr]symbolic.Expr {
	flip := maps.Clone(back)
	flip[p.sd] = p.flipped
	return flip
}

// halfAngles returns groups again with each base halved, where e is a
// quotient (its skeleton has a negative power) and each group's calls are
// of one argument: sin(2*x)/(1 + cos(2*x)) read in the sine and cosine of
// x is tan(x), (1 - cos(2*y))/sin(2*y) too. Nil where that does not hold.
func halfAngles(e symbolic.Expr, groups []*trigGroup) []*trigGroup {
	for _, g := range groups {
		if g.halved || g.angle {
			return nil
		}
		for _, o := range g.occs[1:] {
			if !o.q.Equal(g.occs[0].q) {
				return nil
			}
		}
	}
	if !hasQuotient(e) && !hasNumberTerm(e) {
		return nil
	}
	out := make([]*trigGroup, len(groups))
	for i, g := range groups {
		h := *g
		h.g = g.g.Quo(symbolic.RatInt(2))
		h.base = symbolic.Mul(symbolic.NumberOf(h.g), g.a)
		out[i] = &h
	}
	return out
}

// hasQuotient reports whether e's rational skeleton has a power with a
// negative exponent.
func hasQuotient(e symbolic.Expr) bool {
	return skeletonPowers(e, nil).quotient
}

// skeletonFacts are what skeletonPowers finds in one walk of a skeleton
// about one call c in it.
type skeletonFacts struct {
	// squared: c to an integer power of 2 or more (or -2 or less), or in
	// two factors of a product ((1 - cos(x))*(1 + cos(x)) is 1 -
	// cos(x)^2 multiplied out)
	squared  bool
	quotient bool // a power with a negative exponent
	shifted  bool // c, or a number times c, a term of a sum with a number term
}

// skeletonPowers reports, in one walk of e's rational skeleton, whether it
// holds c squared, a quotient, and c beside a number in a sum (see
// skeletonFacts).
func skeletonPowers(e symbolic.Expr, c *symbolic.Call) (f skeletonFacts) {
	skeleton(e, func(n symbolic.Expr) {
		switch n := n.(type) {
		case *symbolic.Sum:
			if c != nil && !f.shifted {
				f.shifted = shiftedTerm(n, c)
			}
		case *symbolic.Product:
			if c != nil && !f.squared {
				f.squared = factorsHolding(n, c) >= 2
			}
		case *symbolic.Power:
			k, ok := n.Exp().(*symbolic.Number)
			if !ok {
				return
			}
			f.quotient = f.quotient || k.Sign() < 0
			if n.Base() == c && k.IsInt() {
				if n, ok := k.Int64(); ok && (n >= 2 || n <= -2) {
					f.squared = true
				}
			}
		}
	})
	return f
}

// factorsHolding counts the factors of p, positive powers apart, that are
// c or sums with a term that is c or a number times c.
func factorsHolding(p *symbolic.Product, c *symbolic.Call) int {
	n := 0
	for _, f := range p.Factors() {
		switch b := powerBase(f).(type) {
		case *symbolic.Call:
			if b == c {
				n++
			}
		case *symbolic.Sum:
			if termOf(b, c) {
				n++
			}
		}
	}
	return n
}

// termOf reports whether s has a term c or a number times c.
func termOf(s *symbolic.Sum, c *symbolic.Call) bool {
	for _, t := range s.Terms() {
		if _, r := coefRest(t); r.one == c {
			return true
		}
	}
	return false
}

// shiftedTerm reports whether s has a number term and a term c or a number
// times c, as 1 - cos(x) and cosh(x) + 1 have.
func shiftedTerm(s *symbolic.Sum, c *symbolic.Call) bool {
	return hasNumberTerm(s) && termOf(s, c)
}

// trigGroups collects the calls (of trigCalls: e's skeleton has at most
// maxTrigNodes nodes) by family and argument, and keeps the groups worth
// rewriting: two or more distinct calls (see worth). exp joins a
// hyperbolic group only where exp(b) and exp(-b) both occur or hyperbolic
// functions of b do. Multiples beyond maxK are not expanded. Where fewer
// than two groups are kept, pair is the reading of addPartners (nil if
// none), for the angle sums.
func trigGroups(e symbolic.Expr, calls []*symbolic.Call, maxK int64) (groups, pair []*trigGroup) {
	if len(calls) == 1 {
		return singleTrigGroup(e, calls[0]), nil
	}
	// First by family and proportional arguments, comparing operands
	// without building or allocating anything (most nodes have no group
	// worth the rewrite); then, for the groups kept, the argument's
	// rational part.
	var (
		gid, rep, count [maxTrigCalls]int
		rel             [maxTrigCalls]symbolic.Rat
		gfam            [maxTrigCalls]*trigFamily
	)
	ng := 0
	for i, c := range calls {
		fam := familyOf(c.Func())
		gid[i], rel[i] = -1, qOne
		for j := range ng {
			if gfam[j] != fam {
				continue
			}
			if r, ok := proportional(calls[rep[j]].Arg(), c.Arg()); ok {
				gid[i], rel[i] = j, r
				break
			}
		}
		if gid[i] < 0 {
			gid[i], rep[ng], gfam[ng] = ng, i, fam
			ng++
		}
		count[gid[i]]++
	}
	for j := range ng {
		if count[j] < 2 || !mayPay(calls, gid[:len(calls)], rel[:len(calls)], j, gfam[j], maxK) {
			continue
		}
		g := &trigGroup{fam: gfam[j], rep: calls[rep[j]].Arg()}
		for i, c := range calls {
			if gid[i] == j {
				g.occs = append(g.occs, trigOcc{call: c, fam: gfam[j], f: c.Func(), q: rel[i]})
			}
		}
		groups = append(groups, g)
	}
	var keep []*trigGroup
	for _, g := range groups {
		if g.fam.hyper {
			g.occs = dropLoneExp(g.occs)
		}
		if !g.worth() {
			continue
		}
		if g.multiples(maxK) {
			keep = append(keep, g)
			continue
		}
		// Multiples too far apart to expand: each argument on its own.
		for _, sub := range g.byArgument() {
			if sub.multiples(maxK) {
				keep = append(keep, sub)
			}
		}
	}
	if len(keep) == 0 {
		// No group of two calls: each call alone in its group is read as
		// the only call of a node would be (see singleTrigGroup), so that
		// 1 - 2*sin(x)^2 + exp(y) contracts as 1 - 2*sin(x)^2 does.
		for i, c := range calls {
			if count[gid[i]] != 1 {
				continue
			}
			gs := singleTrigGroup(e, c)
			if len(keep)+len(gs) > maxTrigGroups {
				return nil, nil
			}
			keep = append(keep, gs...)
		}
		if len(keep) > 0 {
			return keep, nil
		}
	}
	if len(keep) > maxTrigGroups {
		return nil, nil
	}
	for _, g := range keep {
		g.finish()
	}
	if len(keep) < 2 {
		pair = addPartners(e, calls, keep, func(c *symbolic.Call) bool { return count[gid[slices.Index(calls, c)]] == 1 })
	}
	return keep, pair
}

// finish writes the multiples of g's occurrences, relative to its
// argument rep so far, as multiples of a with rep = q0*a, sets the base,
// and returns q0.
func (g *trigGroup) finish() symbolic.Rat {
	q0, a := splitRational(g.rep)
	g.a = a
	for i := range g.occs {
		g.occs[i].q = g.occs[i].q.Mul(q0)
		g.occs[i].a = a
	}
	g.g = g.g.Mul(qabs(q0))
	g.base = symbolic.Mul(symbolic.NumberOf(g.g), a)
	return q0
}

// singleTrigGroup returns the group of e's one call c of sin, cos, sinh
// or cosh (tan, cot, tanh, coth in a quotient) where a double or half angle
// can pay (the other single calls, 1 - tanh(x)^2 or 1 + tan(x)^2, are the
// rules': see worth):
//   - c occurs squared (or to a higher power) in e's skeleton: with b its
//     argument, the contractions of s^2, c^2 and s*c to the double angle
//     may pay (1 - 2*sin(x)^2 is cos(2*x), 2*cosh(x)^2 - 5 is
//     cosh(2*x) - 4, 2*tan(x)/(1 - tan(x)^2) is tan(2*x));
//   - e is a sum with a number term and c's argument an even multiple 2k*a:
//     written in sin and cos of k*a, the half angle, c's power may pay
//     ((1 - cos(2*x))/2 is sin(x)^2, 1 + cos(4*y) is 2*cos(2*y)^2);
//   - c is cos or cosh of any argument u, beside a number in a sum, and e
//     a quotient: written in sin and cos of u/2, 1 - cos(u) is
//     2*sin(u/2)^2 and 1 + cos(u) is 2*cos(u/2)^2, so (1 - cos(x))/(1 +
//     cos(x)) is tan(x/2)^2 (with reducePythagoras's mixed directions).
//
// Each costs one walk of e's skeleton; the kernel then offers the cheapest
// reading only if it costs at least minTrigGain less than e.
func singleTrigGroup(e symbolic.Expr, c *symbolic.Call) []*trigGroup {
	fam := familyOf(c.Func())
	if fam == nil || c.Func() == symbolic.Exp {
		return nil
	}
	sinCos := c.Func() == fam.sin || c.Func() == fam.cos
	facts := skeletonPowers(e, c)
	if !sinCos && (c.Func() != fam.tan && c.Func() != fam.cot || !facts.quotient) {
		return nil
	}
	q0, a := splitRational(c.Arg())
	g := &trigGroup{fam: fam, rep: c.Arg(), a: a, g: q0,
		occs: []trigOcc{{call: c, fam: fam, f: c.Func(), q: q0, a: a}}}
	switch {
	case facts.squared:
	case sinCos && hasNumberTerm(e) && q0.IsInt() && q0.Num64()%2 == 0:
		g.g = q0.Quo(symbolic.RatInt(2)) // the half angle
		g.halved = true
	case c.Func() == fam.cos && facts.quotient && facts.shifted:
		g.g = q0.Quo(symbolic.RatInt(2))
		g.halved = true
	default:
		return nil
	}
	if g.g.Sign() < 0 {
		g.g = g.g.Neg()
	}
	g.base = symbolic.Mul(symbolic.NumberOf(g.g), a)
	return []*trigGroup{g}
}

// hasNumberTerm reports whether e is a sum with a number among its terms.
func hasNumberTerm(e symbolic.Expr) bool {
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return false
	}
	_, isNum := s.Terms()[0].(*symbolic.Number)
	return isNum
}

// mayPay reports, before anything is allocated, whether group j (the calls
// with gid j, at the multiples rel of its first argument) can give a group
// worth rewriting: two calls left after dropLoneExp, and multiples within
// maxK of their gcd or a multiple that occurs twice.
func mayPay(calls []*symbolic.Call, gid []int, rel []symbolic.Rat, j int, fam *trigFamily, maxK int64) bool {
	n, pos, neg, hyp := 0, false, false, false
	var qs [maxTrigCalls]symbolic.Rat
	for i, c := range calls {
		if gid[i] != j {
			continue
		}
		qs[n] = rel[i]
		n++
		switch {
		case c.Func() != symbolic.Exp:
			hyp = true
		case rel[i].Sign() > 0:
			pos = true
		default:
			neg = true
		}
	}
	if fam.hyper && !hyp && !(pos && neg) && !twoMultiples(qs[:n]) {
		return false // only exp of one sign and one multiple: the sigmoid kernel's
	}
	if _, ok := baseMultiple(qs[:n], maxK); ok {
		return true
	}
	for a := range n {
		for b := range a {
			if qabs(qs[a]).Equal(qabs(qs[b])) {
				return true
			}
		}
	}
	return false
}

// baseMultiple returns the greatest common divisor g of the multiples qs
// (as rationals), and whether each is an integer multiple k*g with
// |k| <= maxK.
func baseMultiple(qs []symbolic.Rat, maxK int64) (symbolic.Rat, bool) {
	var num, den int64 = 0, 1
	for _, q := range qs {
		if q.IsBig() || absI(q.Num64()) > 1<<20 || q.Den64() > 1<<20 {
			return qOne, false
		}
		l := den / arith.GCD(den, q.Den64()) * q.Den64()
		num = arith.GCD(num*(l/den), absI(q.Num64())*(l/q.Den64()))
		den = l
	}
	if num == 0 {
		return qOne, false
	}
	g := symbolic.NewRat(num, den)
	for _, q := range qs {
		k := q.Quo(g)
		if !k.IsInt() || k.IsBig() || absI(k.Num64()) > maxK {
			return g, false
		}
	}
	return g, true
}

// worth reports whether rewriting g can pay: two or more distinct calls.
// A single call (1 - tanh(x)^2, 1 + tan(x)^2) is the rules' (sech-tanh,
// tan-sec): the kernel on every sum with a tanh in it tripled the time of
// the stability test's random derivatives.
func (g *trigGroup) worth() bool { return len(g.occs) >= 2 }

// proportional returns r with v = r*u, for u and v a number times the same
// factors, or sums whose terms are (2*x + 2 and x + 1).
func proportional(u, v symbolic.Expr) (symbolic.Rat, bool) {
	if u == v {
		return qOne, true
	}
	cu, xu := coefRest(u)
	cv, xv := coefRest(v)
	if cu.Is(0) || cv.Is(0) {
		return qZero, false
	}
	if sameRest(xu, xv) {
		return cv.Quo(cu), true
	}
	su, ok1 := xu.one.(*symbolic.Sum)
	sv, ok2 := xv.one.(*symbolic.Sum)
	if !ok1 || !ok2 || len(su.Terms()) != len(sv.Terms()) {
		return qZero, false
	}
	var r symbolic.Rat
	for i, t := range su.Terms() {
		ct, xt := coefRest(t)
		found := false
		for _, w := range sv.Terms() {
			cw, xw := coefRest(w)
			if !sameRest(xt, xw) {
				continue
			}
			k := cw.Quo(ct)
			if i > 0 && !k.Equal(r) {
				return qZero, false
			}
			r, found = k, true
			break
		}
		if !found {
			return qZero, false
		}
	}
	return r.Mul(cv.Quo(cu)), true
}

// A rest is what coefRest leaves of an expression: nothing (a number),
// one expression, or the factors of a product.
type rest struct {
	one symbolic.Expr
	fs  []symbolic.Expr
}

// coefRest views e as a number times the rest. Unlike splitProduct it
// allocates nothing.
func coefRest(e symbolic.Expr) (symbolic.Rat, rest) {
	switch e := e.(type) {
	case *symbolic.Number:
		return e.Exact(), rest{}
	case *symbolic.Product:
		fs := e.Factors()
		if n, ok := fs[0].(*symbolic.Number); ok {
			if len(fs) == 2 {
				return n.Exact(), rest{one: fs[1]}
			}
			return n.Exact(), rest{fs: fs[1:]}
		}
		return qOne, rest{fs: fs}
	}
	return qOne, rest{one: e}
}

// sameRest compares two rests of coefRest.
func sameRest(a, b rest) bool { return a.one == b.one && slices.Equal(a.fs, b.fs) }

// maxTrigCalls bounds the distinct calls the strategy rewrites at a node.
const maxTrigCalls = 24

// trigCalls appends to calls the distinct calls of the two families and of
// exp in e's rational skeleton, walked as a tree (without a visited set,
// which would cost more than the walk at the small nodes this strategy is
// for); false if the skeleton has more than maxTrigNodes nodes or the calls
// are more than maxTrigCalls.
func trigCalls(e symbolic.Expr, calls []*symbolic.Call) ([]*symbolic.Call, int, bool) {
	visits := 0
	var walk func(symbolic.Expr) bool
	walk = func(n symbolic.Expr) bool {
		visits++
		if visits > maxTrigNodes {
			return false
		}
		if c, ok := n.(*symbolic.Call); ok {
			if !isTrigCall(c.Func()) || c.AtPole() || slices.Contains(calls, c) {
				// A call at a pole (cot(0)) is an undefined constant,
				// not 0 or a quotient by 0 (see symbolic.Call.AtPole).
				return true
			}
			if len(calls) == maxTrigCalls {
				return false
			}
			calls = append(calls, c)
			return true
		}
		if !inSkeleton(n) {
			return true
		}
		for _, k := range symbolic.Children(n) {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	ok := walk(e)
	return calls, visits, ok
}

func isTrigCall(f *symbolic.Func) bool { return familyOf(f) != nil }

// familyOf returns the family of f (the hyperbolic one for exp), or nil.
func familyOf(f *symbolic.Func) *trigFamily {
	if f == symbolic.Exp {
		return trigFamilies[1]
	}
	for _, x := range trigFamilies {
		if f == x.sin || f == x.cos || f == x.tan || f == x.cot || f == x.sec || f == x.csc {
			return x
		}
	}
	return nil
}

// byArgument splits g into one group per multiple |q|, keeping those worth
// the rewrite (see worth); nothing is allocated for the others.
func (g *trigGroup) byArgument() []*trigGroup {
	var out []*trigGroup
	for i, o := range g.occs {
		q := qabs(o.q)
		seen := false
		for _, p := range g.occs[:i] {
			if qabs(p.q).Equal(q) {
				seen = true
				break
			}
		}
		if seen {
			continue
		}
		n := 0
		for _, p := range g.occs[i:] {
			if qabs(p.q).Equal(q) {
				n++
			}
		}
		if n < 2 {
			continue
		}
		h := trigGroup{fam: g.fam, rep: g.rep}
		for _, p := range g.occs[i:] {
			if qabs(p.q).Equal(q) {
				h.occs = append(h.occs, p)
			}
		}
		out = append(out, &h)
	}
	return out
}

func qabs(q symbolic.Rat) symbolic.Rat {
	if q.Sign() < 0 {
		return q.Neg()
	}
	return q
}

// dropLoneExp drops the exp calls of a hyperbolic group unless exp of both
// signs or a hyperbolic function occur: exp(-x)/(1 + exp(-x))^2 is the
// sigmoid kernel's, not this strategy's.
func dropLoneExp(occs []trigOcc) []trigOcc {
	pos, neg, hyp, two := false, false, false, false
	for _, o := range occs {
		two = two || !o.q.Equal(occs[0].q)
		switch {
		case o.f != symbolic.Exp:
			hyp = true
		case o.q.Sign() > 0:
			pos = true
		default:
			neg = true
		}
	}
	if hyp || pos && neg || two {
		return occs
	}
	return nil
}

// twoMultiples reports whether qs holds two different multiples: exp(x)
// and exp(2*x) in one node are, written as (cosh(x) + sinh(x))^k, centred
// on exp(0) (exp(x)/(exp(2*x) + 1) is sech(x)/2).
func twoMultiples(qs []symbolic.Rat) bool {
	for _, q := range qs {
		if !q.Equal(qs[0]) {
			return true
		}
	}
	return false
}

// multiples chooses the base multiple g, the greatest common divisor of
// the multiples q (as rationals), so that each argument is an integer
// multiple k*g of the same expression; false if some |k| is beyond maxK.
func (g *trigGroup) multiples(maxK int64) bool {
	var buf [maxTrigCalls]symbolic.Rat
	qs := buf[:0]
	for _, o := range g.occs {
		qs = append(qs, o.q)
	}
	var ok bool
	g.g, ok = baseMultiple(qs, maxK)
	return ok
}

func absI(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// splitRational writes u as q*a, q a rational number of small height and a
// without a numeric factor, a leading minus sign or (for a sum) a common
// numeric factor of its terms: 2*x + 2 is 2*(x + 1).
func splitRational(u symbolic.Expr) (symbolic.Rat, symbolic.Expr) {
	c, xs := splitProduct(u)
	if len(xs) == 0 || c.IsBig() || absI(c.Num64()) > 64 || c.Den64() > 64 {
		c, xs = qOne, []symbolic.Expr{u}
	}
	a := symbolic.Mul(xs...)
	s, ok := a.(*symbolic.Sum)
	if !ok {
		return c, a
	}
	k := sumContent(s)
	if negativeSum(s) {
		k = k.Neg()
	}
	if k.Is(1) || k.Is(0) {
		return c, a
	}
	return c.Mul(k), symbolic.Mul(symbolic.NumberOf(k.Inv()), a)
}

// sumContent returns the greatest common divisor of the numeric
// coefficients of s's terms (as rationals: the gcd of the numerators over
// the lcm of the denominators), or 1 if they are not small.
func sumContent(s *symbolic.Sum) symbolic.Rat {
	var num, den int64 = 0, 1
	for _, t := range s.Terms() {
		c, _ := splitProduct(t)
		if c.IsBig() || absI(c.Num64()) > 1<<20 || c.Den64() > 1<<20 {
			return qOne
		}
		l := den / arith.GCD(den, c.Den64()) * c.Den64()
		num = arith.GCD(num*(l/den), absI(c.Num64())*(l/c.Den64()))
		den = l
	}
	if num == 0 {
		return qOne
	}
	return symbolic.NewRat(num, den)
}

// multiple returns cos(k*b) and sin(k*b) in g's placeholders (see
// multipleAngle).
func (g *trigGroup) multiple(k int64) (cos, sin symbolic.Expr) {
	return multipleAngle(g.fam, g.cv, g.sv, k)
}

// multipleAngle returns cos(k*b) and sin(k*b) (cosh and sinh for the
// hyperbolic family) as polynomials in c = cos(b) and s = sin(b): the even
// and odd parts of (c + i*s)^k, or of (c + s)^k.
func multipleAngle(fam *trigFamily, c, s symbolic.Expr, k int64) (cos, sin symbolic.Expr) {
	neg := k < 0
	k = absI(k)
	var cs, ss []symbolic.Expr
	binom := int64(1)
	for j := int64(0); j <= k; j++ {
		t := symbolic.Mul(symbolic.Int(binom), symbolic.Pow(c, symbolic.Int(k-j)), symbolic.Pow(s, symbolic.Int(j)))
		if !fam.hyper && j%4 >= 2 {
			t = symbolic.Neg(t)
		}
		if j%2 == 0 {
			cs = append(cs, t)
		} else {
			ss = append(ss, t)
		}
		binom = binom * (k - j) / (j + 1)
	}
	cos, sin = symbolic.Add(cs...), symbolic.Add(ss...)
	if neg {
		sin = symbolic.Neg(sin)
	}
	return cos, sin
}

// rewrite returns the occurrence o in terms of the placeholders.
func (g *trigGroup) rewrite(o trigOcc) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	k := o.q.Quo(g.g).Num64()
	if o.f == symbolic.Exp {
		// exp(k*b) = (cosh(b) + sinh(b))^k, and (cosh(b) - sinh(b))^-k
		// for k < 0.
		if k < 0 {
			return symbolic.Pow(symbolic.Sub(g.cv, g.sv), symbolic.Int(-k)), true
		}
		return symbolic.Pow(symbolic.Add(g.cv, g.sv), symbolic.Int(k)), true
	}
	c, s := g.multiple(k)
	return g.fam.of(o.f, c, s)
}

// of returns fn (a function of the family) of the angle whose cosine is c
// and sine s: s for sin, s/c for tan, 1/c for sec, and so on.
func (f *trigFamily) of(fn *symbolic.Func, c, s symbolic.Expr) (symbolic.Expr, bool) {
	switch fn {
	case f.sin:
		return s, true
	case f.cos:
		return c, true
	case f.tan:
		return symbolic.Div(s, c), true
	case f.cot:
		return symbolic.Div(c, s), true
	case f.sec:
		return symbolic.Pow(c, symbolic.MinusOne), true
	case f.csc:
		return symbolic.Pow(s, symbolic.MinusOne), true
	}
	return nil, false
}

// size returns a cheap stand-in for the cost of toExpr's result: the
// number of terms of r multiplied out (numerator and denominator), then the
// sum of their degrees; 1/(c*s) is larger than 2/S, 3 - 4*s^2 than
// 2*C + 1.
func (n *normaliser) size(r *ratfn, multiple map[symbolic.Expr]int) (sz int) {
	sz = 1 << 30
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(tooBig); !ok {
				panic(x)
			}
		}
	}()
	num, den := n.numDen(r)
	deg := 0
	for _, p := range []poly{num, den} {
		for _, t := range p {
			for _, x := range t.m {
				deg += abs(x.e) * max(1, multiple[n.kernels[x.v]])
			}
		}
	}
	return (len(num)+len(den))<<16 + deg
}

// reducePythagoras returns r with its numerator and denominator
// multiplied out and every power c^j (j >= 2) of each group's c replaced
// through c^2 = 1 - s^2 (toward s), or every s^j through s^2 = 1 - c^2
// (for the hyperbolic family c^2 = 1 + s^2 and s^2 = c^2 - 1), then
// normalised again, so that common factors cancel; nil if that is too big.
// The numerator is reduced toward s if numSin, the denominator if denSin:
// the mixed directions read (1 - cos(2*b))/(1 + cos(2*b)), which is
// (1 - c^2 + s^2)/(1 + c^2 - s^2), as 2*s^2/(2*c^2).
func (n *normaliser) reducePythagoras(r *ratfn, groups []*trigGroup, numSin, denSin bool) (out *ratfn) {
	defer gaveUp(&out)
	toward := func(towardSin bool) func(g *trigGroup) func(poly) (poly, bool) {
		return func(g *trigGroup) func(poly) (poly, bool) {
			s, c := n.kernel(g.sv), n.kernel(g.cv)
			// x^2 = sign0 + sign2*y^2, replacing powers of x by powers of y.
			x, y := c, s
			var k0, k2 symbolic.Rat
			switch {
			case towardSin && !g.fam.hyper:
				k0, k2 = qOne, symbolic.RatInt(-1)
			case towardSin:
				k0, k2 = qOne, qOne
			case !g.fam.hyper:
				x, y = s, c
				k0, k2 = qOne, symbolic.RatInt(-1)
			default:
				x, y = s, c
				k0, k2 = symbolic.RatInt(-1), qOne
			}
			sq := n.collect([]pterm{{c: k0}, {m: mono{{y, 2}}, c: k2}})
			return func(p poly) (poly, bool) { return n.replaceSquares(p, x, sq) }
		}
	}
	return n.rewriteParts(r, groups, toward(numSin), toward(denSin))
}

// mixedMayPay reports whether r's numerator and its denominator (as
// polynomials, multiplied out) both hold a square of a group's sine or
// cosine: only then can reducing them in opposite directions differ from
// reducing both one way.
func (n *normaliser) mixedMayPay(r *ratfn, groups []*trigGroup) bool {
	var vars [2 * maxTrigGroups]int
	nv := 0
	for _, g := range groups {
		vars[nv], vars[nv+1] = n.kernel(g.sv), n.kernel(g.cv)
		nv += 2
	}
	return squareIn(r, vars[:nv], 1) && squareIn(r, vars[:nv], -1)
}

// squareIn reports whether the numerator (sign 1) or the denominator
// (sign -1) of r, multiplied out, may have a term with one of the
// variables vars to a power of 2 or more: whether the variable's degree
// there (its exponent in r's monomial plus, for each factor, its highest
// exponent times the factor's) is 2 or more.
func squareIn(r *ratfn, vars []int, sign int) bool {
	for _, v := range vars {
		deg := max(expOf(r.m, v)*sign, 0)
		for _, f := range r.fs {
			if f.e*sign <= 0 {
				continue
			}
			top := 0
			for _, t := range f.p {
				top = max(top, expOf(t.m, v))
			}
			deg += top * f.e * sign
		}
		if deg >= 2 {
			return true
		}
	}
	return false
}

// rewriteByGroup multiplies out r's numerator and denominator, rewrites
// both with rewriter(g) for each group g in turn, and returns their
// quotient normalised again; nil if r is zero or no rewrite changed
// anything.
func (n *normaliser) rewriteByGroup(r *ratfn, groups []*trigGroup, rewriter func(g *trigGroup) func(poly) (poly, bool)) *ratfn {
	return n.rewriteParts(r, groups, rewriter, rewriter)
}

// rewriteParts is rewriteByGroup with the numerator rewritten by numer and
// the denominator by denom.
func (n *normaliser) rewriteParts(r *ratfn, groups []*trigGroup, numer, denom func(g *trigGroup) func(poly) (poly, bool)) *ratfn {
	if r.isZero() {
		return nil
	}
	num, den := n.numDen(r)
	changed := false
	for _, g := range groups {
		var ok1, ok2 bool
		num, ok1 = numer(g)(num)
		den, ok2 = denom(g)(den)
		changed = changed || ok1 || ok2
	}
	if !changed {
		return nil
	}
	return n.quotient(num, den)
}

// quotient returns num/den normalised (common factors cancelled), or nil
// if den is 0.
func (n *normaliser) quotient(num, den poly) *ratfn {
	switch {
	case len(den) == 0:
		return nil // a quotient by 0, such as 1/(sin(x)^2 + cos(x)^2 - 1)
	case len(num) == 0:
		return &ratfn{coef: qZero}
	}
	return n.mul(n.fromPoly(num), n.pow(n.fromPoly(den), -1))
}

// contractDouble returns r with numerator and denominator multiplied out
// and each product of powers of s and c written with the double angle:
// s*c = sin(2b)/2, c^2 = (1 + cos(2b))/2, s^2 = (1 - cos(2b))/2 (for the
// hyperbolic family s^2 = (cosh(2b) - 1)/2), then normalised again; nil if
// there is no such product or the result is too big. cos(x)^2 - sin(x)^2
// becomes cos(2*x).
func (n *normaliser) contractDouble(r *ratfn, groups []*trigGroup) (out *ratfn) {
	defer gaveUp(&out)
	return n.rewriteByGroup(r, groups, func(g *trigGroup) func(poly) (poly, bool) {
		s, c := n.kernel(g.sv), n.kernel(g.cv)
		s2, c2 := n.kernel(g.s2), n.kernel(g.c2)
		half := symbolic.NewRat(1, 2)
		sc := poly{{m: mono{{s2, 1}}, c: half}}
		cc := n.collect([]pterm{{c: half}, {m: mono{{c2, 1}}, c: half}})
		ss := n.collect([]pterm{{c: half}, {m: mono{{c2, 1}}, c: half.Neg()}})
		if g.fam.hyper {
			ss = n.collect([]pterm{{c: half.Neg()}, {m: mono{{c2, 1}}, c: half}})
		}
		return func(p poly) (poly, bool) { return n.contractPoly(p, s, c, sc, ss, cc) }
	})
}

// contractTriple replaces the cubes of s and c in r by the triple angles:
// s^3 = (3*s - sin(3b))/4 and c^3 = (3*c + cos(3b))/4 (sinh^3 =
// (sinh(3b) - 3*s)/4, cosh^3 as cos^3), so that 3*sin(x) - 4*sin(x)^3 is
// sin(3*x) and 4*cos(x)^3 - 3*cos(x) is cos(3*x). Nil if r has no cube.
func (n *normaliser) contractTriple(r *ratfn, groups []*trigGroup) (out *ratfn) {
	defer gaveUp(&out)
	return n.rewriteByGroup(r, groups, n.cubeRewriter)
}

// cubeRewriter returns contractTriple's rewriting of a polynomial for the
// group g: s^3 = (3*s - S)/4 (hyperbolic: (S - 3*s)/4), c^3 = (3*c + C)/4,
// with S and C the triple angle's sine and cosine.
func (n *normaliser) cubeRewriter(g *trigGroup) func(poly) (poly, bool) {
	s, c := n.kernel(g.sv), n.kernel(g.cv)
	quarter := symbolic.NewRat(1, 4)
	sign := symbolic.RatInt(1) // of s in s^3's expansion, times 3/4
	if g.fam.hyper {
		sign = symbolic.RatInt(-1)
	}
	threeQ := quarter.Mul(symbolic.RatInt(3))
	cubes := [2]poly{
		n.collect([]pterm{{m: mono{{s, 1}}, c: threeQ.Mul(sign)}, {m: mono{{n.kernel(g.s3), 1}}, c: quarter.Mul(sign).Neg()}}),
		n.collect([]pterm{{m: mono{{c, 1}}, c: threeQ}, {m: mono{{n.kernel(g.c3), 1}}, c: quarter}}),
	}
	return func(p poly) (poly, bool) {
		p, ok1 := n.replaceCube(p, s, cubes[0])
		p, ok2 := n.replaceCube(p, c, cubes[1])
		return p, ok1 || ok2
	}
}

// replaceCube replaces x^(3 + i) by cube * x^i in every term of p, and
// reports whether there was such a power.
func (n *normaliser) replaceCube(p poly, x int, cube poly) (poly, bool) {
	return n.mapTerms(p, func(t pterm) (poly, bool) {
		if expOf(t.m, x) < 3 {
			return nil, false
		}
		return n.mulPow(poly{{m: monoMul(t.m, mono{{x, 3}}, -1), c: t.c}}, cube, 1), true
	})
}

// contractPoly replaces s^i*c^j (i + j >= 2) in each term of p by
// sc^min(i,j) times ss and cc for the pairs of s and of c left.
func (n *normaliser) contractPoly(p poly, s, c int, sc, ss, cc poly) (poly, bool) {
	return n.mapTerms(p, func(t pterm) (poly, bool) {
		i, j := expOf(t.m, s), expOf(t.m, c)
		if i+j < 2 {
			return nil, false
		}
		pairs := min(i, j)
		i, j = i-pairs, j-pairs
		// t's monomial without s and c, times s^(i%2)*c^(j%2).
		var m mono
		for _, x := range t.m {
			if x.v != s && x.v != c {
				m = append(m, x)
			}
		}
		if i%2 != 0 {
			m = monoMul(m, mono{{s, 1}}, 1)
		}
		if j%2 != 0 {
			m = monoMul(m, mono{{c, 1}}, 1)
		}
		q := n.mulPow(poly{{m: m, c: t.c}}, sc, pairs)
		q = n.mulPow(q, ss, i/2)
		return n.mulPow(q, cc, j/2), true
	})
}

// replaceSquares replaces x^(2j + i) by sq^j * x^i in every term of p, and
// reports whether there was such a power.
func (n *normaliser) replaceSquares(p poly, x int, sq poly) (poly, bool) {
	return n.mapTerms(p, func(t pterm) (poly, bool) {
		e := expOf(t.m, x)
		if e < 2 {
			return nil, false
		}
		return n.mulPow(poly{{m: monoMul(t.m, mono{{x, e - e%2}}, -1), c: t.c}}, sq, e/2), true
	})
}

// mapTerms replaces each term t of p for which f returns (q, true) by the
// terms of q, and reports whether it replaced any; if not, it returns p.
func (n *normaliser) mapTerms(p poly, f func(t pterm) (poly, bool)) (poly, bool) {
	ts, changed := replaceEach(p, f)
	if !changed {
		return p, false
	}
	return n.collect(ts), true
}

// replaceEach returns xs with each x for which f returns (ys, true)
// replaced by ys, and whether any was.
func replaceEach[S ~[]E, E any](xs S, f func(E) (S, bool)) (S, bool) {
	var out S
	changed := false
	for _, x := range xs {
		ys, ok := f(x)
		if !ok {
			out = append(out, x)
			continue
		}
		changed = true
		out = append(out, ys...)
	}
	return out, changed
}

// mulPow returns q times f^k (k >= 0).
func (n *normaliser) mulPow(q, f poly, k int) poly {
	for range k {
		q = n.polyMul(q, f)
	}
	return q
}

// numDen returns the numerator and denominator of r multiplied out.
func (n *normaliser) numDen(r *ratfn) (num, den poly) {
	num = poly{{m: positivePart(r.m, 1), c: r.coef}}
	den = poly{{m: positivePart(r.m, -1), c: qOne}}
	for _, f := range r.fs {
		for k := 0; k < abs(f.e); k++ {
			if f.e > 0 {
				num = n.polyMul(num, f.p)
			} else {
				den = n.polyMul(den, f.p)
			}
		}
	}
	return num, den
}

// trigQuotients rewrites the products in e's rational skeleton so that
// powers of sin(b) and cos(b) of opposite signs become tan(b) or cot(b),
// and the negative powers left sec(b) and csc(b): sin(x)^2/cos(x)^3 is
// tan(x)^2*sec(x). It returns nil if nothing changed.
func trigQuotients(e symbolic.Expr) symbolic.Expr {
	changed := false
	// A power that is a factor of a product is rewritten with the
	// product (cos(x)/sin(x) is cot(x), not cos(x)*csc(x)), so the memo is
	// kept apart for factors.
	var memo [2]map[symbolic.Expr]symbolic.Expr
	memo[0], memo[1] = map[symbolic.Expr]symbolic.Expr{}, map[symbolic.Expr]symbolic.Expr{}
	var walk func(x symbolic.Expr, factor bool) symbolic.Expr
	walk = func(x symbolic.Expr, factor bool) symbolic.Expr {
		if !inSkeleton(x) {
			return x
		}
		f := 0
		if factor {
			f = 1
		}
		if r, ok := memo[f][x]; ok {
			return r
		}
		_, isProduct := x.(*symbolic.Product)
		kids := symbolic.Children(x)
		nk := make([]symbolic.Expr, len(kids))
		for i, k := range kids {
			nk[i] = walk(k, isProduct)
		}
		r := symbolic.Rebuild(x, nk)
		_, isPower := r.(*symbolic.Power)
		if _, ok := r.(*symbolic.Product); ok || isPower && !factor {
			if q := quotientForm(r); q != nil {
				r = q
				changed = true
			}
		}
		memo[f][x] = r
		return r
	}
	out, ok := try(func() symbolic.Expr { return walk(e, false) })
	if !ok || !changed {
		return nil
	}
	return out
}

// quotientForm rewrites one product (or power) as trigQuotients does, or
// returns nil.
func quotientForm(p symbolic.Expr) symbolic.Expr {
	var fs []symbolic.Expr
	if x, ok := p.(*symbolic.Product); ok {
		fs = x.Factors()
	} else {
		fs = []symbolic.Expr{p}
	}
	// The exponents of sin(u) and cos(u) for each family and argument u.
	type pair struct {
		fam  *trigFamily
		u    symbolic.Expr
		s, c int64
	}
	var pairs []pair
	var rest []symbolic.Expr
	for _, f := range fs {
		base, k := f, int64(1)
		if pw, ok := f.(*symbolic.Power); ok {
			if kn, ok := pw.Exp().(*symbolic.Number); ok && kn.IsInt() {
				if ki, ok := kn.Int64(); ok {
					base, k = pw.Base(), ki
				}
			}
		}
		c, ok := base.(*symbolic.Call)
		var fam *trigFamily
		if ok {
			fam = familyOf(c.Func())
		}
		if fam == nil || c.Func() != fam.sin && c.Func() != fam.cos {
			rest = append(rest, f)
			continue
		}
		i := slices.IndexFunc(pairs, func(x pair) bool { return x.fam == fam && x.u == c.Arg() })
		if i < 0 {
			pairs = append(pairs, pair{fam: fam, u: c.Arg()})
			i = len(pairs) - 1
		}
		if c.Func() == fam.sin {
			pairs[i].s += k
		} else {
			pairs[i].c += k
		}
	}
	changed := false
	for _, x := range pairs {
		s, c, fam, u := x.s, x.c, x.fam, x.u
		put := func(f *symbolic.Func, k int64) {
			if k != 0 {
				rest = append(rest, symbolic.Pow(symbolic.Apply(f, u), symbolic.Int(k)))
			}
		}
		if s >= 0 && c >= 0 {
			put(fam.sin, s)
			put(fam.cos, c)
			continue
		}
		changed = true
		switch {
		case s > 0 && c < 0:
			t := min(s, -c)
			put(fam.tan, t)
			s, c = s-t, c+t
		case s < 0 && c > 0:
			t := min(-s, c)
			put(fam.cot, t)
			s, c = s+t, c-t
		}
		if s < 0 {
			put(fam.csc, -s)
		} else {
			put(fam.sin, s)
		}
		if c < 0 {
			put(fam.sec, -c)
		} else {
			put(fam.cos, c)
		}
	}
	if !changed {
		return nil
	}
	return symbolic.Mul(rest...)
}
