package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// maxSharedSums bounds the sums the shared-sum strategy tries at one node,
// and maxSharedWalk the nodes it visits inside calls to find them.
const (
	maxSharedSums = 4
	maxSharedWalk = 256
)

// sharedSum implements the shared-sum strategy at a sum e. The rational
// normal form sees a call as an opaque kernel, so it cannot know that
// -w*x*y - b*y beside softplus(w*x + b) is -y times the sum inside the
// call. For each polynomial sum S in the variables that occurs inside a
// call of e (or under a root), at most maxSharedSums of them, it takes a
// pivot, a term c*v of S with v a variable of degree 1 that no other term
// of S has, writes v as (T - (S - c*v))/c in e's rational skeleton for a
// placeholder T, normalises, collects the terms linear in T in each sum
// (T*(1 - t^2) + t, not T - T*t^2 + t, which would flatten S into the sum),
// and puts S back for T. So
// softplus(w*x + b) - w*x*y - b*y becomes softplus(w*x + b) - y*(w*x + b),
// and v*s - w*s + w with s = sigmoid(x*(v - w)) becomes (v - w)*s + w. The
// substitution is an identity (T is S), so every value is kept.
//
// Work: a walk of at most maxSharedWalk nodes inside the calls, and one
// rational normal form per sum tried, by nf (the search's, which looks
// at most maxNormalDepth levels of sums down).
func sharedSum(e symbolic.Expr, nf func(symbolic.Expr) symbolic.Expr) []symbolic.Expr {
	es, ok := e.(*symbolic.Sum)
	if !ok || !hasCallTerm(es) {
		return nil
	}
	var sums []symbolic.Expr
	var inSkel nodeSet
	defer inSkel.release()
	var opaque []symbolic.Expr
	skeleton(e, func(n symbolic.Expr) {
		inSkel.add(symbolic.KeyOf(n))
		switch n := n.(type) {
		case *symbolic.Call:
			opaque = append(opaque, n.Args()...)
		case *symbolic.Power:
			if !inSkeleton(n) {
				opaque = append(opaque, n.Base(), n.Exp())
			}
		}
	})
	var seen nodeSet
	defer seen.release()
	var walk func(symbolic.Expr)
	walk = func(n symbolic.Expr) {
		if seen.len() >= maxSharedWalk || len(sums) >= maxSharedSums || !seen.add(symbolic.KeyOf(n)) {
			return
		}
		if s, ok := n.(*symbolic.Sum); ok && polySum(s) {
			sums = append(sums, s)
			return
		}
		for _, k := range symbolic.Children(n) {
			walk(k)
		}
	}
	for _, o := range opaque {
		walk(o)
	}
	var out []symbolic.Expr
	t := symbolic.Sym("T#shared")
	for _, s := range sums {
		v, c, ok := pivot(s.(*symbolic.Sum))
		if !ok || !inSkel.has(symbolic.KeyOf(v)) {
			continue
		}
		var sub symbolic.Expr
		if !safely(func() {
			// v = (T - (S - c*v))/c
			cv := symbolic.Mul(symbolic.NumberOf(c), v)
			val := symbolic.Mul(symbolic.Sub(t, symbolic.Sub(s, cv)), symbolic.NumberOf(qOne.Quo(c)))
			sub, ok = subsSkeleton(e, map[symbolic.Expr]symbolic.Expr{v: val})
		}) || !ok {
			continue
		}
		r := nf(sub)
		if r == nil || !symbolic.Contains(r, t) {
			continue
		}
		if c, ok := collectLinear(r, t); ok {
			r = c
		}
		back, ok := subsAll(r, map[symbolic.Expr]symbolic.Expr{t: s})
		if ok && back != e {
			out = appendNew(out, back)
		}
	}
	return out
}

// polySum reports whether every term of s is a number times a product of
// variables and their integer powers, and some variable occurs.
func polySum(s *symbolic.Sum) bool {
	vars := false
	var one [1]symbolic.Expr
	for _, t := range s.Terms() {
		_, fs := splitProductIn(t, &one)
		for _, f := range fs {
			if p, ok := f.(*symbolic.Power); ok {
				k, isNum := p.Exp().(*symbolic.Number)
				if !isNum || !k.IsInt() {
					return false
				}
				f = p.Base()
			}
			sym, ok := f.(*symbolic.Symbol)
			if !ok || sym == symbolic.Pi || sym == symbolic.E {
				return false
			}
			vars = true
		}
	}
	return vars
}

// pivot returns the first term c*v of s (in its canonical order) with v a
// variable of degree 1 that no other term of s contains.
func pivot(s *symbolic.Sum) (symbolic.Expr, symbolic.Rat, bool) {
	ts := s.Terms()
	for i, t := range ts {
		c, fs := splitProduct(t)
		if len(fs) != 1 {
			continue
		}
		v, ok := fs[0].(*symbolic.Symbol)
		if !ok {
			continue
		}
		alone := true
		for j, u := range ts {
			if j != i && symbolic.Contains(u, v) {
				alone = false
				break
			}
		}
		if alone {
			return v, c, true
		}
	}
	return nil, symbolic.Rat{}, false
}

// hasCallTerm reports whether a term of s is a call, or a product with a
// call factor: a cheap test, without a walk, for whether s can have a sum
// inside a call in its skeleton.
func hasCallTerm(s *symbolic.Sum) bool {
	return slices.ContainsFunc(s.Terms(), hasCallFactor)
}

// collectLinear rewrites each sum of e's skeleton with two or more terms
// that have t as a factor (to the first power) as t times the sum of their
// cofactors plus the other terms.
func collectLinear(e, t symbolic.Expr) (symbolic.Expr, bool) {
	return mapSkeleton(e, nil, func(r symbolic.Expr) symbolic.Expr {
		s, ok := r.(*symbolic.Sum)
		if !ok {
			return r
		}
		var co, rest []symbolic.Expr
		for _, term := range s.Terms() {
			if q, ok := cofactor(term, t); ok {
				co = append(co, q)
			} else {
				rest = append(rest, term)
			}
		}
		if len(co) < 2 {
			return r
		}
		return symbolic.Add(append(rest, symbolic.Mul(t, symbolic.Add(co...)))...)
	})
}

// cofactor returns term/t where t is a factor of term to the first power.
func cofactor(term, t symbolic.Expr) (symbolic.Expr, bool) {
	if term == t {
		return symbolic.One, true
	}
	p, ok := term.(*symbolic.Product)
	if !ok {
		return nil, false
	}
	fs := p.Factors()
	for i, f := range fs {
		if f == t {
			rest := make([]symbolic.Expr, 0, len(fs)-1)
			rest = append(append(rest, fs[:i]...), fs[i+1:]...)
			return symbolic.Mul(rest...), true
		}
	}
	return nil, false
}
