package simplify

import (
	"math/bits"
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// weightPair is the weight of each pair of terms that one identity makes
// one (see pairTerms): a function call and a square, what the collapsed
// term's new function costs in the DAG count.
const weightPair = weightCall + weightIntPow

// pairTerms is the weight of a sum that holds terms that one identity
// makes one, weightPair for each such pair:
//
//   - a Pythagorean pair, m*f(u)^2 and the multiple of m that completes
//     it: m*tan(u)^2 + m is m*sec(u)^2, m - m*tanh(u)^2 is m*sech(u)^2,
//     m*sec(u)^2 - m is m*tan(u)^2, m*sin(u)^2 - m is -m*cos(u)^2;
//   - an exponential, m*cosh(u) + m*sinh(u) = m*exp(u) (or minus,
//     m*exp(-u)).
//
// A reader collapses the pair: the derivative of x*tan(x) is x*sec(x)^2 +
// tan(x), not x*tan(x)^2 + x + tan(x), and that of tan(x)^3 is
// 3*tan(x)^2*sec(x)^2, not 3*tan(x)^2*(tan(x)^2 + 1). The DAG count alone
// prefers the pair wherever f(u) is computed anyway, since the collapsed
// form calls a second function (sec beside tan), and prefers exp(u)
// written cosh(u) + sinh(u) beside a cosh(u) and a sinh(u).
//
// So that the search does not trade the pair for a form that only hides
// it, a Pythagorean pair is also found where m is a sum written out among
// the terms (u + v - (u + v)*tanh(w)^2, for (u + v)*sech(w)^2) and where
// m holds f (m*tanh(u) - m*tanh(u)^3, for m*tanh(u)*sech(u)^2). Higher
// powers are not read as pairs: a polynomial in one function of a pair
// (15*sec(x)^4 - 15*sec(x)^2 + 2, which the Pythagorean reduction writes
// for a derivative of high order, see pythag.go) keeps its form. Each
// term completes one pair at most: sin(x)^2 + cos(x)^2 - 1 holds one.
// Sums of more than maxCollectTerms terms are not weighed.
//
// The work is quadratic in the terms and in the factors of each term: a
// few hundred comparisons for the largest sum weighed.
func pairTerms(s *symbolic.Sum) int {
	ts := s.Terms()
	if len(ts) > maxCollectTerms {
		return 0
	}
	n := 0
	var used uint32 // the terms that completed a pair already
	for i, t := range ts {
		if pairedTerm(ts, i, t, &used) {
			n++
		}
	}
	return n * weightPair
}

// A pairFactor is a factor of a term, f(u)^k, that a multiple of the term
// with the factor replaced completes into one term (see pairTerms):
//
//   - k = 2 or 3, f a function of a Pythagorean pair: m*f(u)^k +
//     sign*m*f(u)^(k-2). For the pair b^2 = k0 + k2*a^2 (see
//     pythagPairs), m*a^2 + k0*k2*m is m*b^2/k2, and m*b^2 - k0*m is
//     k2*m*a^2.
//   - k = 1, f cosh: m*cosh(u) + sign*m*sinh(u), either sign.
type pairFactor struct {
	call *symbolic.Call
	k    int64
	sign int64 // 0: either sign
}

// The functions whose calls pairFactorOf reads: cosh, sinh, and those of
// the Pythagorean pairs with their signs (see pairFactor), in an array
// scanned in turn (cheaper than a map for a dozen).
var (
	coshFunc, sinhFunc = lookupFunc("cosh"), lookupFunc("sinh")
	pairSigns          = func() (out [12]struct {
		f    *symbolic.Func
		sign int64
	}) {
		for i, pp := range pythagPairs() {
			out[2*i].f, out[2*i].sign = pp.a, pp.k0*pp.k2
			out[2*i+1].f, out[2*i+1].sign = pp.b, -pp.k0
		}
		return out
	}()
)

func lookupFunc(name string) *symbolic.Func {
	f, ok := symbolic.Lookup(name)
	if !ok {
		panic("simplify: no built-in function " + name)
	}
	return f
}

// pairFactorOf reports whether the factor f is a pairFactor.
func pairFactorOf(f symbolic.Expr) (pairFactor, bool) {
	if c, ok := f.(*symbolic.Call); ok {
		return pairFactor{c, 1, 0}, c.Func() == coshFunc
	}
	p, ok := f.(*symbolic.Power)
	if !ok {
		return pairFactor{}, false
	}
	n, isNum := p.Exp().(*symbolic.Number)
	c, isCall := p.Base().(*symbolic.Call)
	if !isNum || !isCall {
		return pairFactor{}, false
	}
	k := int64(2)
	if x := n.Exact(); !x.Is(2) {
		if !x.Is(3) {
			return pairFactor{}, false
		}
		k = 3
	}
	for _, ps := range pairSigns {
		if c.Func() == ps.f {
			return pairFactor{c, k, ps.sign}, true
		}
	}
	return pairFactor{}, false
}

// replaces reports whether f is the factor that completes the pair in
// place of pf: f(u) for f(u)^3, sinh(u) for cosh(u). (For f(u)^2 there is
// none.)
func (pf pairFactor) replaces(f symbolic.Expr) bool {
	if pf.k == 3 {
		return f == symbolic.Expr(pf.call)
	}
	c, ok := f.(*symbolic.Call)
	if !ok || c.Func() != sinhFunc {
		return false
	}
	a, b := c.Args(), pf.call.Args()
	return len(a) == 1 && len(b) == 1 && a[0] == b[0]
}

// pairedTerm reports whether t, the i-th of the terms ts, has a
// pairFactor and other terms, none in *used, complete it; it adds those
// to *used.
func pairedTerm(ts []symbolic.Expr, i int, t symbolic.Expr, used *uint32) bool {
	var fs []symbolic.Expr
	switch x := t.(type) {
	case *symbolic.Power, *symbolic.Call:
		fs = []symbolic.Expr{t}
	case *symbolic.Product:
		fs = x.Factors()
	default:
		return false
	}
	for k, f := range fs {
		if pf, ok := pairFactorOf(f); ok && hasPartner(ts, i, fs, k, pf, used) {
			return true
		}
	}
	return false
}

// hasPartner reports whether terms of ts other than the i-th and not in
// *used complete the pair of the term whose factors are fs, fs[skip]
// being pf, and adds them to *used: one term, the term with pf replaced
// (see replaces; dropped for a square) times pf.sign, or where the term
// is m*f(u)^2 with m a sum, the terms of pf.sign*m.
func hasPartner(ts []symbolic.Expr, i int, fs []symbolic.Expr, skip int, pf pairFactor, used *uint32) bool {
	// The term's coefficient and its other factors.
	coef, rest := symbolic.RatInt(1), fs
	if x, ok := fs[0].(*symbolic.Number); ok {
		coef, rest, skip = x.Exact(), fs[1:], skip-1
	}
	for _, sign := range [2]int64{1, -1} {
		if pf.sign != 0 && sign != pf.sign {
			continue
		}
		c := coef
		if sign < 0 {
			c = coef.Neg()
		}
		for j, r := range ts {
			if j != i && *used&(1<<j) == 0 && completes(r, c, rest, skip, pf) {
				*used |= 1 << j
				return true
			}
		}
	}
	if pf.k != 2 || len(rest) != 2 {
		return false
	}
	// m a sum, its terms among ts: u + v - (u + v)*tanh(w)^2, as the
	// search writes (u + v)*(1 - tanh(w)^2) expanded.
	m, ok := rest[1-skip].(*symbolic.Sum)
	if !ok || len(m.Terms()) >= len(ts) {
		return false
	}
	if pf.sign < 0 {
		coef = coef.Neg()
	}
	var mine uint32 // the terms that make up m
	for _, u := range m.Terms() {
		uc, uf := splitProduct(u)
		uc = uc.Mul(coef)
		found := false
		for j, r := range ts {
			if j != i && (*used|mine)&(1<<j) == 0 && completes(r, uc, uf, -1, pf) {
				mine |= 1 << j
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	*used |= mine
	return true
}

// completes reports whether r is coef times the product of the factors
// rest, with rest[skip] replaced as pf says (see replaces; dropped for a
// square). A skip out of range leaves rest as it is. A sum factor may be
// negated in r (-x^2 - 1 for x^2 + 1), its sign taken by the
// coefficient: the search otherwise trades the pair for such a form.
func completes(r symbolic.Expr, coef symbolic.Rat, rest []symbolic.Expr, skip int, pf pairFactor) bool {
	others := len(rest)
	inRange := skip >= 0 && skip < len(rest)
	if inRange && pf.k == 2 {
		others--
	}
	var one [1]symbolic.Expr
	rc, rf := splitProductIn(r, &one)
	if len(rf) != others {
		return false
	}
	// The factors are distinct (a canonical product has one factor of
	// each base), so r has them all if it has each. The replacement may
	// sort elsewhere than the factor it replaces: sinh(u) and cosh(u) do.
	neg := false
	for k, f := range rest {
		if k == skip {
			if pf.k != 2 && !hasFactor(rf, pf.replaces) {
				return false
			}
			continue
		}
		found := false
		for _, g := range rf {
			if g == f {
				found = true
				break
			}
			if negatedSum(g, f) {
				found, neg = true, !neg
				break
			}
		}
		if !found {
			return false
		}
	}
	if neg {
		rc = rc.Neg()
	}
	return rc.Equal(coef)
}

// negatedSum reports whether a and b are sums, each the other negated.
// The terms are matched in any order: the canonical order of a sum's
// terms depends on their coefficients (x - b is x + (-b), b - x is b +
// (-x)). Sums of more than 64 terms are not compared.
func negatedSum(a, b symbolic.Expr) bool {
	sa, ok1 := a.(*symbolic.Sum)
	sb, ok2 := b.(*symbolic.Sum)
	if !ok1 || !ok2 || len(sa.Terms()) != len(sb.Terms()) {
		return false
	}
	return pairUp(sa.Terms(), sb.Terms(), func(t, u symbolic.Expr) bool {
		var oa, ob [1]symbolic.Expr
		ca, fa := splitProductIn(t, &oa)
		cb, fb := splitProductIn(u, &ob)
		return ca.Equal(cb.Neg()) && slices.Equal(fa, fb)
	})
}

// pairUp reports whether each element of as has a partner in bs for
// which same holds, a different one for each (bs of at most 64
// elements; longer, it reports false). Quadratic: for the few factors or
// terms of one node.
func pairUp[T any](as, bs []T, same func(a, b T) bool) bool {
	if len(bs) > 64 {
		return false
	}
	var taken uint64
	for _, a := range as {
		found := false
		for j, b := range bs {
			if taken&(1<<j) == 0 && same(a, b) {
				taken |= 1 << j
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// hasFactor reports whether one of fs satisfies is.
func hasFactor(fs []symbolic.Expr, is func(symbolic.Expr) bool) bool {
	for _, f := range fs {
		if is(f) {
			return true
		}
	}
	return false
}

// expPairs returns e with the pairs of terms m*cosh(u) + m*sinh(u) of its
// sums written m*exp(u) (and m*cosh(u) - m*sinh(u) as m*exp(-u)), or e
// itself if it has none. The trigonometric kernel writes exp(u) as cosh(u)
// + sinh(u) to meet the hyperbolic functions of u (see trig.go); where the
// pair is left in its result, a reader writes exp again (pairTerms).
func expPairs(e symbolic.Expr) symbolic.Expr {
	memo := map[symbolic.Expr]symbolic.Expr{}
	var walk func(symbolic.Expr) symbolic.Expr
	walk = func(e symbolic.Expr) symbolic.Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		kids := symbolic.Children(e)
		if len(kids) == 0 {
			return e
		}
		var nk []symbolic.Expr
		for i, k := range kids {
			if w := walk(k); w != k && nk == nil {
				nk = slices.Clone(kids)
				nk[i] = w
			} else if nk != nil {
				nk[i] = w
			}
		}
		r := e
		if nk != nil {
			if x, ok := rebuildSafe(e, nk); ok {
				r = x
			}
		}
		if s, ok := r.(*symbolic.Sum); ok {
			r = collapseExpTerms(s)
		}
		memo[e] = r
		return r
	}
	return walk(e)
}

// collapseExpTerms returns s with its pairs m*cosh(u) ± m*sinh(u) written
// m*exp(±u), or s itself if it has none or if a constructor refuses.
func collapseExpTerms(s *symbolic.Sum) symbolic.Expr {
	ts := s.Terms()
	if len(ts) > maxCollectTerms || funcsOf(s, nil)&(funcBit(coshFunc)|funcBit(sinhFunc)) == 0 {
		return s
	}
	// The pairs first, then the terms but the partners: a partner may
	// come before its cosh in the sum's order.
	var used uint32 // terms in a pair
	exps := make([]symbolic.Expr, len(ts))
	for i, t := range ts {
		if used&(1<<i) == 0 {
			exps[i], _ = expOfPair(ts, i, t, &used)
		}
	}
	out := make([]symbolic.Expr, 0, len(ts))
	for i, t := range ts {
		switch {
		case exps[i] != nil:
			out = append(out, exps[i])
		case used&(1<<i) == 0:
			out = append(out, t)
		}
	}
	if len(out) == len(ts) {
		return s
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Add(out...) })
	if !ok {
		return s
	}
	return r
}

// expOfPair returns m*exp(±u) where t, the i-th of the terms ts, is
// m*cosh(u) and another term not in *used is ±m*sinh(u), which it adds to
// *used with t.
func expOfPair(ts []symbolic.Expr, i int, t symbolic.Expr, used *uint32) (symbolic.Expr, bool) {
	var fs []symbolic.Expr
	switch x := t.(type) {
	case *symbolic.Call:
		fs = []symbolic.Expr{t}
	case *symbolic.Product:
		fs = x.Factors()
	default:
		return nil, false
	}
	coef, rest, off := symbolic.RatInt(1), fs, 0
	if x, ok := fs[0].(*symbolic.Number); ok {
		coef, rest, off = x.Exact(), fs[1:], 1
	}
	for k, f := range rest {
		c, ok := f.(*symbolic.Call)
		if !ok || c.Func() != coshFunc {
			continue
		}
		pf := pairFactor{c, 1, 0}
		for _, sign := range [2]int64{1, -1} {
			cc := coef
			if sign < 0 {
				cc = coef.Neg()
			}
			for j := range ts {
				if j == i || *used&(1<<j) != 0 || !completes(ts[j], cc, rest, k, pf) {
					continue
				}
				x, ok := try(func() symbolic.Expr {
					u := c.Args()[0]
					if sign < 0 {
						u = symbolic.Neg(u)
					}
					m := slices.Concat(fs[:off+k], fs[off+k+1:], []symbolic.Expr{symbolic.Apply(symbolic.Exp, u)})
					return symbolic.Mul(m...)
				})
				if !ok {
					return nil, false
				}
				*used |= 1<<i | 1<<j
				return x, true
			}
		}
	}
	return nil, false
}

// weightRootPair is the weight of each pair of terms of a sum that hold
// roots of one sum u whose exponents differ by an integer (see
// rootPairs): the root of u, a power that is not an integer's, that the
// terms over a common root do without.
const weightRootPair = weightOtherPow

// rootPairs is the weight of a sum whose terms hold u^r and u^s, u a sum,
// r and s not integers and r - s an integer: a reader writes the two over
// the lower power, a*u^(-1/2) + b*u^(1/2) = (a + b*u)/sqrt(u), and
// x/sqrt(u) + 1/(2*sqrt(u)) = (2*x + 1)/(2*sqrt(u)).
// The derivative of cos(x*sqrt(x^2 - 1)) is -(2*x^2 - 1)*sin(x*sqrt(x^2 -
// 1))/sqrt(x^2 - 1), not -sin(x*sqrt(x^2 - 1))*(x^2/sqrt(x^2 - 1) +
// sqrt(x^2 - 1)), which the DAG count preferred for the sqrt(x^2 - 1) it
// shares with the argument. Each term completes one pair at most; sums
// of more than maxCollectTerms terms are not weighed. Quadratic in the
// terms, linear in their factors.
func rootPairs(s *symbolic.Sum) int {
	ts := s.Terms()
	if len(ts) > maxCollectTerms {
		return 0
	}
	// First the cheap count: most sums have no two terms with roots.
	var rooted uint32
	for i, t := range ts {
		if hasRootFactor(t) {
			rooted |= 1 << i
		}
	}
	if bits.OnesCount32(rooted) < 2 {
		return 0
	}
	n := 0
	used := ^rooted
	for i, t := range ts {
		if used&(1<<i) != 0 {
			continue
		}
		for j := i + 1; j < len(ts); j++ {
			if used&(1<<j) == 0 && rootsPaired(t, ts[j]) {
				used |= 1<<i | 1<<j
				n++
				break
			}
		}
	}
	return n * weightRootPair
}

// rootsPaired reports whether terms a and b hold roots of sums, u^r, each
// with a partner in the other term: a root of the same sum whose exponent
// differs by an integer. Then the two over their common root hold no
// other: x/sqrt(u) + 1/(2*sqrt(u)) and x^2/sqrt(u) + sqrt(u) pair, but
// not the product rule's 8*x^7*sqrt(x^2 + 1)/sqrt(1 - x^16) +
// x*asin(x^8)/sqrt(x^2 + 1), whose sum over a common denominator would
// carry sqrt(1 - x^16) up into a numerator, nor terms that divide by
// something else (see otherDivisor).
func rootsPaired(a, b symbolic.Expr) bool {
	if otherDivisor(a) || otherDivisor(b) {
		return false
	}
	var ra, rb [maxPairRoots]rootFactor
	na, oka := rootFactors(a, &ra)
	nb, okb := rootFactors(b, &rb)
	if !oka || !okb || na == 0 || nb == 0 {
		return false
	}
	return partnered(ra[:na], rb[:nb]) && partnered(rb[:nb], ra[:na])
}

// otherDivisor reports whether the term t divides by an integer power of
// a sum: sqrt(x^2 - 1)/(x^2 + 1) beside
// x*atan(x)/sqrt(x^2 - 1) is the product rule's form, which over a common
// denominator would multiply x^2 + 1 into the other term.
func otherDivisor(t symbolic.Expr) bool {
	for _, f := range factorsOf(t) {
		p, ok := f.(*symbolic.Power)
		if !ok {
			continue
		}
		if _, sum := p.Base().(*symbolic.Sum); !sum {
			continue // x^-3 joins a common power of x
		}
		if k, ok := p.Exp().(*symbolic.Number); ok && k.Sign() < 0 && k.IsInt() {
			return true
		}
	}
	return false
}

// maxPairRoots is the most roots of a term that rootsPaired reads.
const maxPairRoots = 4

// A rootFactor is a factor u^r of a term, u a sum and r not an integer.
type rootFactor struct {
	u *symbolic.Sum
	r symbolic.Rat
}

// rootFactors writes the root factors of the term t (or t itself) into
// out and returns their number; false if there are more than out holds.
func rootFactors(t symbolic.Expr, out *[maxPairRoots]rootFactor) (int, bool) {
	n := 0
	ok := true
	eachRootFactor(t, func(u *symbolic.Sum, r symbolic.Rat) {
		if n == len(out) {
			ok = false
			return
		}
		out[n] = rootFactor{u, r}
		n++
	})
	return n, ok
}

// partnered reports whether every root of xs has a partner in ys: a root
// of the same sum whose exponent differs by an integer.
func partnered(xs, ys []rootFactor) bool {
	for _, x := range xs {
		if !slices.ContainsFunc(ys, func(y rootFactor) bool { return x.u == y.u && x.r.Sub(y.r).IsInt() }) {
			return false
		}
	}
	return true
}

// hasRootFactor reports whether the term t (or t itself) has a factor
// u^r, u a sum and r a number not an integer (see rootOf).
func hasRootFactor(t symbolic.Expr) bool {
	return slices.ContainsFunc(factorsOf(t), isRootOfSum)
}

// isRootOfSum reports whether f is u^r, u a sum and r a number not an
// integer.
func isRootOfSum(f symbolic.Expr) bool {
	_, _, ok := rootOf[*symbolic.Sum](f)
	return ok
}

// eachRootFactor calls f for each factor of the term t (or t itself) that
// is u^r, u a sum and r a number not an integer.
func eachRootFactor(t symbolic.Expr, f func(*symbolic.Sum, symbolic.Rat)) {
	for _, x := range factorsOf(t) {
		if u, r, ok := rootOf[*symbolic.Sum](x); ok {
			f(u, r.Exact())
		}
	}
}
