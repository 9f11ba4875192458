package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// This file is the trigonometric kernel's knowledge of angle sums: the
// calls of a sum argument k1*b1 + k2*b2 are expanded by the addition
// formulas where calls of b1 and of b2 occur beside them (so that
// sin(x + y) - sin(x)*cos(y) - cos(x)*sin(y) is 0 in the rational normal
// form), and products of the sines and cosines of two groups are
// linearised (product to sum), so that cos(x)*cos(y) - sin(x)*sin(y) is
// cos(x + y).

// maxAngleSumTerms bounds the terms of a sum argument the strategy splits
// into two angles.
const maxAngleSumTerms = 4

// A sumOcc is a call f(u) whose argument u is q*a + q2*a2, a being its
// group's argument and a2 that of the group other (q and q2 relative to
// the groups' reps until a and a2 are known).
type sumOcc struct {
	call  *symbolic.Call
	f     *symbolic.Func
	q     symbolic.Rat
	other *trigGroup
	q2    symbolic.Rat
}

// angleSumGroups returns two groups of one family whose arguments b1 and
// b2 split the sum argument of a call among calls: that call is then
// written, by the addition formulas, in the sines and cosines of both
// groups' bases (see rewriteSum), and so is every other call of the family
// whose argument splits into multiples of b1 and b2. Nil where no call's
// sum argument (of at most maxAngleSumTerms terms) splits so, where no
// product in e's skeleton has calls of both arguments (nothing for the
// expansion to cancel against), or where a multiple is beyond maxK. The
// search compares operands (proportional): per sum argument, each term
// with each call's argument, and the rest of the sum (built once a term
// matches, and only for three or more terms) with each call's argument;
// the calls are at most maxTrigCalls.
func angleSumGroups(e symbolic.Expr, calls []*symbolic.Call, maxK int64) []*trigGroup {
	var r1, r2 symbolic.Expr
	var fam *trigFamily
	for _, c := range calls {
		u, ok := c.Arg().(*symbolic.Sum)
		if !ok || c.Func() == symbolic.Exp || len(u.Terms()) > maxAngleSumTerms {
			continue
		}
		fam = familyOf(c.Func())
		if r1, r2 = splitAngleAmong(u, fam, calls); r1 != nil {
			break
		}
	}
	if r1 == nil {
		return nil
	}
	g1 := &trigGroup{fam: fam, rep: r1, angle: true}
	g2 := &trigGroup{fam: fam, rep: r2, angle: true}
	for _, c := range calls {
		if c.Func() == symbolic.Exp || familyOf(c.Func()) != fam {
			continue
		}
		if q, ok := proportional(r1, c.Arg()); ok {
			g1.occs = append(g1.occs, trigOcc{call: c, fam: fam, f: c.Func(), q: q})
			continue
		}
		if q, ok := proportional(r2, c.Arg()); ok {
			g2.occs = append(g2.occs, trigOcc{call: c, fam: fam, f: c.Func(), q: q})
			continue
		}
		if u, ok := c.Arg().(*symbolic.Sum); ok && len(u.Terms()) <= maxAngleSumTerms {
			if q1, q2, ok := splitAngle(u, r1, r2); ok {
				g1.sums = append(g1.sums, sumOcc{call: c, f: c.Func(), q: q1, other: g2, q2: q2})
			}
		}
	}
	// The expansion pays where it meets products of calls of both
	// arguments: sin(x + y) beside sin(x)*cos(y).
	if len(g1.sums) == 0 || !coFactors(e, inGroup(g1), inGroup(g2)) {
		return nil
	}
	var buf1, buf2 [2 * maxTrigCalls]symbolic.Rat
	qs1, qs2 := buf1[:0], buf2[:0]
	for _, o := range g1.occs {
		qs1 = append(qs1, o.q)
	}
	for _, o := range g2.occs {
		qs2 = append(qs2, o.q)
	}
	for _, o := range g1.sums {
		qs1, qs2 = append(qs1, o.q), append(qs2, o.q2)
	}
	var ok1, ok2 bool
	g1.g, ok1 = baseMultiple(qs1, maxK)
	g2.g, ok2 = baseMultiple(qs2, maxK)
	if !ok1 || !ok2 {
		return nil
	}
	// The multiples so far are relative to the reps; now rep = q0*a.
	groups := []*trigGroup{g1, g2}
	var q0s [2]symbolic.Rat
	for i, g := range groups {
		q0s[i] = g.finish()
	}
	for j := range g1.sums {
		g1.sums[j].q = g1.sums[j].q.Mul(q0s[0])
		g1.sums[j].q2 = g1.sums[j].q2.Mul(q0s[1])
	}
	return groups
}

// splitAngleAmong returns the arguments r1 and r2 of two calls of fam
// (see angleAtom; not proportional) with u = q1*r1 + q2*r2, r1 for one
// term of u and r2 for the others, or nils. For each term it compares the
// calls' arguments with the term and then with the rest of u (built once).
func splitAngleAmong(u *symbolic.Sum, fam *trigFamily, calls []*symbolic.Call) (r1, r2 symbolic.Expr) {
	ts := u.Terms()
	for i, t := range ts {
		if _, isNum := t.(*symbolic.Number); isNum {
			continue
		}
		var a symbolic.Expr
		for _, c := range calls {
			if _, ok := proportional(c.Arg(), t); ok && angleAtom(c, fam) {
				a = c.Arg()
				break
			}
		}
		if a == nil {
			continue
		}
		rest := restOf(ts, i)
		for _, c := range calls {
			if !angleAtom(c, fam) || c.Arg() == a {
				continue
			}
			if _, ok := proportional(c.Arg(), rest); !ok {
				continue
			}
			if _, same := proportional(a, c.Arg()); !same {
				return a, c.Arg()
			}
		}
	}
	return nil, nil
}

// restOf returns the sum of ts without ts[i].
func restOf(ts []symbolic.Expr, i int) symbolic.Expr {
	if len(ts) == 2 {
		return ts[1-i]
	}
	others := make([]symbolic.Expr, 0, len(ts)-1)
	others = append(others, ts[:i]...)
	return symbolic.Add(append(others, ts[i+1:]...)...)
}

// angleAtom reports whether c is a call of fam other than exp whose
// argument is not a number.
func angleAtom(c *symbolic.Call, fam *trigFamily) bool {
	if c.Func() == symbolic.Exp || familyOf(c.Func()) != fam {
		return false
	}
	_, isNum := c.Arg().(*symbolic.Number)
	return !isNum
}

// splitAngle returns q1 and q2 with u = q1*r1 + q2*r2, where one term of u
// is a multiple of r1 and the others together of r2, or the other way
// round: x + y is x and y, 2*a + b + c is 2*a and b + c.
func splitAngle(u *symbolic.Sum, r1, r2 symbolic.Expr) (q1, q2 symbolic.Rat, ok bool) {
	ts := u.Terms()
	for i, t := range ts {
		if _, isNum := t.(*symbolic.Number); isNum {
			continue
		}
		qa, ok1 := proportional(r1, t)
		qb, ok2 := proportional(r2, t)
		if !ok1 && !ok2 {
			continue
		}
		rest := restOf(ts, i)
		if ok1 {
			if q, ok := proportional(r2, rest); ok {
				return qa, q, true
			}
		}
		if ok2 {
			if q, ok := proportional(r1, rest); ok {
				return q, qb, true
			}
		}
	}
	return qZero, qZero, false
}

// rewriteSum returns the call o of the angle k1*b1 + k2*b2 (b1 g's base,
// b2 o.other's) in the two groups' placeholders: with C1, S1 the cosine
// and sine of k1*b1 (see multiple) and C2, S2 of k2*b2,
//
//	sin = S1*C2 + C1*S2    cos = C1*C2 - S1*S2 (cosh: C1*C2 + S1*S2)
//
// and tan, cot, sec, csc their quotients.
func (g *trigGroup) rewriteSum(o sumOcc) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	h := o.other
	c1, s1 := g.multiple(o.q.Quo(g.g).Num64())
	c2, s2 := h.multiple(o.q2.Quo(h.g).Num64())
	sin := symbolic.Add(symbolic.Mul(s1, c2), symbolic.Mul(c1, s2))
	ss := symbolic.Mul(s1, s2)
	if !g.fam.hyper {
		ss = symbolic.Neg(ss)
	}
	cos := symbolic.Add(symbolic.Mul(c1, c2), ss)
	return g.fam.of(o.f, cos, sin)
}

// An anglePair is two groups of one family, with placeholders for the
// sine and cosine of the sum b1 + b2 of their bases and of their
// difference d (b1 - b2 or b2 - b1, whichever is not a negative sum;
// dSign is -1 for b2 - b1, the sign sin(b1 - b2) takes in sin(d)).
type anglePair struct {
	g1, g2         *trigGroup
	sp, cp, sd, cd *symbolic.Symbol
	dSign          symbolic.Rat
	// flipped is the meaning of sd as -sin(-d), for reading the result
	// with the other sign of the difference.
	flipped symbolic.Expr
}

// sumPlaceholders are anglePair's placeholders: the sine and cosine of the
// sum and of the difference d.
var sumPlaceholders = [4]*symbolic.Symbol{
	symbolic.Sym("s+#"), symbolic.Sym("c+#"), symbolic.Sym("s-#"), symbolic.Sym("c-#"),
}

// angleSumPair returns the anglePair of groups where they are two of one
// family, with its placeholders' meanings entered in back; nil otherwise.
func angleSumPair(groups []*trigGroup, back map[symbolic.Expr]symbolic.Expr) (p *anglePair) {
	if len(groups) != 2 || groups[0].fam != groups[1].fam {
		return nil
	}
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(*symbolic.Error); !ok {
				panic(x)
			}
			p = nil
		}
	}()
	g1, g2 := groups[0], groups[1]
	p = &anglePair{g1: g1, g2: g2, dSign: qOne,
		sp: sumPlaceholders[0], cp: sumPlaceholders[1],
		sd: sumPlaceholders[2], cd: sumPlaceholders[3]}
	sum := symbolic.Add(g1.base, g2.base)
	d := symbolic.Sub(g1.base, g2.base)
	if s, ok := d.(*symbolic.Sum); ok && negativeSum(s) {
		d, p.dSign = symbolic.Neg(d), symbolic.RatInt(-1)
	}
	fam := g1.fam
	back[p.sp] = symbolic.Apply(fam.sin, sum)
	back[p.cp] = symbolic.Apply(fam.cos, sum)
	back[p.sd] = symbolic.Apply(fam.sin, d)
	back[p.cd] = symbolic.Apply(fam.cos, d)
	p.flipped = symbolic.Neg(symbolic.Apply(fam.sin, symbolic.Neg(d)))
	return p
}

// linearise returns r with each of its polynomial factors rewritten term
// by term: a term linear in each group (one of s1, c1 times one of s2,
// c2) becomes a sum of sines or cosines of b1 + b2 and of the difference
// d (product to sum):
//
//	s1*c2 = (sin(b1 + b2) + sin(b1 - b2))/2
//	c1*s2 = (sin(b1 + b2) - sin(b1 - b2))/2
//	c1*c2 = (cos(b1 + b2) + cos(b1 - b2))/2   (cosh likewise)
//	s1*s2 = (cos(b1 - b2) - cos(b1 + b2))/2   (sinh: (cosh(b1 + b2) - cosh(b1 - b2))/2)
//
// and the result normalised again. A factor is rewritten only where that
// leaves it no more terms than it had (the products contract, as
// cos(x)*cos(y) - sin(x)*sin(y) into cos(x + y)). Nil if no factor is, a
// denominator vanishes, or it is too big. The work is linear in r's terms.
func (n *normaliser) linearise(r *ratfn, p *anglePair) (out *ratfn) {
	defer gaveUp(&out)
	if r.isZero() {
		return nil
	}
	s1, c1 := n.kernel(p.g1.sv), n.kernel(p.g1.cv)
	s2, c2 := n.kernel(p.g2.sv), n.kernel(p.g2.cv)
	sp, cp := n.kernel(p.sp), n.kernel(p.cp)
	sd, cd := n.kernel(p.sd), n.kernel(p.cd)
	half := symbolic.NewRat(1, 2)
	hd := half.Mul(p.dSign) // sin(b1 - b2) = dSign*sin(d)
	hyper := p.g1.fam.hyper
	lin := func(t pterm) (poly, bool) {
		i1, j1 := expOf(t.m, s1), expOf(t.m, c1)
		i2, j2 := expOf(t.m, s2), expOf(t.m, c2)
		if !linear(i1, j1) || !linear(i2, j2) {
			return nil, false
		}
		var m mono
		for _, x := range t.m {
			if x.v != s1 && x.v != c1 && x.v != s2 && x.v != c2 {
				m = append(m, x)
			}
		}
		term := func(v int, c symbolic.Rat) pterm {
			return pterm{m: monoMul(m, mono{{v, 1}}, 1), c: t.c.Mul(c)}
		}
		var ts []pterm
		switch {
		case i1 == 1 && j2 == 1:
			ts = []pterm{term(sp, half), term(sd, hd)}
		case j1 == 1 && i2 == 1:
			ts = []pterm{term(sp, half), term(sd, hd.Neg())}
		case j1 == 1 && j2 == 1:
			ts = []pterm{term(cp, half), term(cd, half)}
		case hyper:
			ts = []pterm{term(cp, half), term(cd, half.Neg())}
		default:
			ts = []pterm{term(cp, half.Neg()), term(cd, half)}
		}
		return n.collect(ts), true
	}
	out = &ratfn{coef: r.coef, m: r.m}
	changed := false
	for _, f := range r.fs {
		q, ok := n.mapTerms(f.p, lin)
		if !ok || len(q) > len(f.p) {
			// A factor whose products do not contract (more terms
			// than before) is kept as it is.
			out = n.mul(out, &ratfn{coef: qOne, fs: []factor{f}})
			continue
		}
		changed = true
		if len(q) == 0 {
			if f.e < 0 {
				return nil
			}
			return &ratfn{coef: qZero}
		}
		out = n.mul(out, n.pow(n.fromPoly(q), f.e))
	}
	if !changed {
		return nil
	}
	return out
}

// addPartners returns a reading of two groups of one family whose calls
// meet in a product of e's skeleton, where e has a sum (see linearise),
// beside keep (fewer than two groups): a call c with alone(c) (the only
// call of its argument) as a group of its own with keep's group, or two
// such calls: tan(x) + tan(y) over 1 - tan(x)*tan(y) is tan(x + y),
// cos(x)*tan(y) + sin(x) is sin(x + y)*sec(y). Nil where there is no such
// call. The walk is e's skeleton as a tree (at most maxTrigNodes nodes),
// once per candidate pair, and only where some call is alone.
func addPartners(e symbolic.Expr, calls []*symbolic.Call, keep []*trigGroup, alone func(*symbolic.Call) bool) []*trigGroup {
	var singles [maxTrigCalls]*symbolic.Call
	ns := 0
	for _, c := range calls {
		if c.Func() == symbolic.Exp || !alone(c) {
			continue
		}
		if _, isNum := c.Arg().(*symbolic.Number); isNum {
			continue
		}
		singles[ns] = c
		ns++
	}
	if ns == 0 || len(keep) == 0 && ns < 2 || !hasSkeletonSum(e) {
		return nil
	}
	// partner reports whether c (alone) and d, of one family and not
	// proportional, are factors of one product of e's skeleton.
	partner := func(c, d *symbolic.Call) bool {
		if c == d || familyOf(c.Func()) != familyOf(d.Func()) {
			return false
		}
		if _, ok := proportional(c.Arg(), d.Arg()); ok {
			return false
		}
		return coFactors(e, is(c), is(d))
	}
	single := func(c *symbolic.Call) *trigGroup {
		g := &trigGroup{fam: familyOf(c.Func()), rep: c.Arg(), g: qOne, angle: true,
			occs: []trigOcc{{call: c, fam: familyOf(c.Func()), f: c.Func(), q: qOne}}}
		g.finish()
		return g
	}
	if len(keep) == 1 {
		for _, c := range singles[:ns] {
			if familyOf(c.Func()) != keep[0].fam {
				continue
			}
			for _, o := range keep[0].occs {
				if partner(c, o.call) {
					return []*trigGroup{keep[0], single(c)}
				}
			}
		}
		return nil
	}
	for i, c := range singles[:ns] {
		for _, d := range singles[i+1 : ns] {
			if partner(c, d) {
				return []*trigGroup{single(c), single(d)}
			}
		}
	}
	return nil
}

// linear reports whether the exponents i and j of a group's s and c in a
// term are 1 and 0 or 0 and 1 (a factor's terms may have negative
// exponents: s^2/c is not linear).
func linear(i, j int) bool { return i == 1 && j == 0 || i == 0 && j == 1 }

// coFactors reports whether a product in e's rational skeleton, walked as
// a tree, has a factor (or the base of an integer power that is a factor)
// in1 accepts and one in2 accepts.
func coFactors(e symbolic.Expr, in1, in2 func(symbolic.Expr) bool) bool {
	switch x := e.(type) {
	case *symbolic.Product:
		has1, has2 := false, false
		for _, f := range x.Factors() {
			b := f
			if w, ok := f.(*symbolic.Power); ok && inSkeleton(w) {
				b = w.Base()
			}
			has1, has2 = has1 || in1(b), has2 || in2(b)
			if coFactors(f, in1, in2) {
				return true
			}
		}
		return has1 && has2
	case *symbolic.Sum:
		for _, t := range x.Terms() {
			if coFactors(t, in1, in2) {
				return true
			}
		}
	case *symbolic.Power:
		if inSkeleton(x) {
			return coFactors(x.Base(), in1, in2)
		}
	}
	return false
}

// is returns the test for the call c.
func is(c *symbolic.Call) func(symbolic.Expr) bool {
	return func(x symbolic.Expr) bool { return x == c }
}

// inGroup returns the test for the calls of g.
func inGroup(g *trigGroup) func(symbolic.Expr) bool {
	return func(x symbolic.Expr) bool {
		return slices.ContainsFunc(g.occs, func(o trigOcc) bool { return o.call == x })
	}
}
