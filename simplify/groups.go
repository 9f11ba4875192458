package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// maxGroupTerms bounds the sums whose groups groupForms simplifies apart:
// wider sums are split into groups before their search (see simpGroups).
const maxGroupTerms = wideMin

// maxGroupLeaves bounds the skeleton nodes groupForms visits in a sum's
// terms (written out as trees); a sum with more is left to the search.
const maxGroupLeaves = 64

// groupForms implements the groups-apart strategy for a short sum e: its
// terms are grouped, each group of two or more simplified on its own, and
// the sum of the groups' forms is a candidate. The search of the whole sum
// sees one normal form of all its terms, which can write a group expanded
// where alone it factors: sigmoid(x - q) - sigmoid(x - q)^2 + 1/x (cost
// 15), from the derivative of exp(x)/(exp(x) + exp(q)) + log(x), is
// sigmoid(x - q)*(1 - sigmoid(x - q)) + 1/x (cost 13). The candidates are
// only offered; the whole sum's forms stay in the search (a group's
// cheapest form alone can hide one of the whole). Up to three groupings
// (see groupsApart):
//
//   - by the leaves of the terms' skeletons they share (symbols, calls,
//     roots; a symbol inside a call does not count), a group taken where
//     its terms all have a call or a root and are related through calls
//     or roots too, not only through symbols;
//   - by calls and roots alone, where each group's form factors cleanly
//     (cleanFactors): 2*x*sigmoid(u) - 2*x*sigmoid(u)^2 + 1/x, whose terms
//     all share x, is 2*x*sigmoid(u)*(1 - sigmoid(u)) + 1/x;
//   - by every shared leaf again, taking the groups that hold terms with
//     and without calls, where their forms factor cleanly, a number
//     standing apart: 2*x^2 - 2*x^2*sigmoid(u) + 1 is 2*x^2*sigmoid(-u) + 1.
//
// A group of polynomial terms stays as it is: 3*x^2 - 6*x + 2, not
// 3*x*(x - 2) + 2.
//
// Work: a walk of the terms' skeletons (at most maxGroupLeaves nodes), and
// the searches of the groups, each smaller than e and memoised as every
// node is.
func (en *engine) groupForms(e symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return nil
	}
	terms := s.Terms()
	if len(terms) < 3 || len(terms) >= maxGroupTerms {
		return nil
	}
	// Two partitions of the terms: by every leaf they share (the groups),
	// and by the calls and roots alone. A group is simplified apart only
	// if its terms are also one part of the second: terms that share only
	// a symbol (a*sigmoid(u) - a*sigmoid(v)) would only gather it.
	all, calls := newUnion(len(terms)), newUnion(len(terms))
	called := make([]bool, len(terms)) // the term has a call or a root
	type leaf struct {
		n    symbolic.Expr
		term int
	}
	var leaves []leaf // each leaf with the first term it was met in
	joined := false   // two terms share a leaf
	budget := maxGroupLeaves
	var walk func(i int, n symbolic.Expr) bool
	walk = func(i int, n symbolic.Expr) bool {
		if budget--; budget < 0 {
			return false
		}
		if inSkeleton(n) {
			for _, c := range symbolic.Children(n) {
				if !walk(i, c) {
					return false
				}
			}
			return true
		}
		if _, isNum := n.(*symbolic.Number); isNum {
			return true
		}
		_, isSym := n.(*symbolic.Symbol)
		called[i] = called[i] || !isSym
		for _, l := range leaves {
			if l.n == n {
				joined = joined || l.term != i
				all.join(i, l.term)
				if !isSym {
					calls.join(i, l.term)
				}
				return true
			}
		}
		leaves = append(leaves, leaf{n, i})
		return true
	}
	for i, t := range terms {
		if !walk(i, t) {
			return nil
		}
	}
	if !joined {
		return nil
	}
	var out []symbolic.Expr
	// The groups by every shared leaf, where their terms are related
	// through calls or roots too.
	if r := en.groupsApart(e, terms, all, called, func(i, r int) bool {
		return calls.find(i) == calls.find(r)
	}, false, nil); r != nil {
		out = append(out, r)
	}
	// And the groups by calls and roots alone, where a group's form
	// factors cleanly (see cleanFactors): 2*x*sigmoid(u) -
	// 2*x*sigmoid(u)^2 + 1/x, whose terms all share x, is
	// 2*x*sigmoid(u)*(1 - sigmoid(u)) + 1/x.
	if r := en.groupsApart(e, terms, calls, called, nil, false, cleanFactors); r != nil && !slices.Contains(out, r) {
		out = append(out, r)
	}
	// And the groups by every shared leaf that hold terms with and without
	// calls, where their form factors cleanly: 2*x^2 - 2*x^2*sigmoid(u) + 1
	// is 2*x^2*(1 - sigmoid(u)) + 1.
	if r := en.groupsApart(e, terms, all, called, nil, true, cleanFactors); r != nil && !slices.Contains(out, r) {
		out = append(out, r)
	}
	return out
}

// groupsApart returns the sum of e's terms with each group of the union u
// (of two or more terms, all with a call or a root, for which related
// holds between each term and the group's root if related is not nil)
// simplified on its own, and nil where nothing changed or a group's form
// fails accept (if not nil).
func (en *engine) groupsApart(e symbolic.Expr, terms []symbolic.Expr, u union, called []bool, related func(i, r int) bool, mixed bool, accept func(symbolic.Expr) bool) symbolic.Expr {
	n := len(terms)
	var rootBuf, sizeBuf [maxGroupTerms]int
	var eligBuf, withCall, withoutCall [maxGroupTerms]bool
	root, size, eligible := rootBuf[:n], sizeBuf[:n], eligBuf[:n]
	for i := range terms {
		r := u.find(i)
		root[i] = r
		if size[r] == 0 {
			eligible[r] = true
		}
		size[r]++
		// A polynomial's terms stay together: 3*x^2 - 6*x + 2, not
		// 3*x*(x - 2) + 2.
		eligible[r] = eligible[r] && (mixed || called[i]) && (related == nil || related(i, r))
		withCall[r] = withCall[r] || called[i]
		withoutCall[r] = withoutCall[r] || !called[i]
	}
	// A number is a group of its own, but not one that splits the sum: a
	// polynomial in one kernel keeps its constant (18*c^2 - c - 3 is not
	// c*(18*c - 1) - 3). With mixed, a group is one of terms with and
	// without calls (2*x^2 - 2*x^2*sigmoid(u) beside 1), which may.
	groups, apart := 0, false
	for i, t := range terms {
		if root[i] != i {
			continue
		}
		if mixed {
			eligible[i] = eligible[i] && withCall[i] && withoutCall[i]
		}
		if _, isNum := t.(*symbolic.Number); mixed || !isNum || size[i] > 1 {
			groups++
		}
		apart = apart || size[i] > 1 && eligible[i]
	}
	if groups < 2 || !apart {
		return nil
	}
	parts := make([]symbolic.Expr, 0, n)
	changed := false
	for i, t := range terms {
		r := root[i]
		if size[r] < 2 || !eligible[r] {
			parts = append(parts, t)
			continue
		}
		if r != i {
			continue // taken with the group's root
		}
		g := make([]symbolic.Expr, 0, size[r])
		for j := range n {
			if root[j] == r {
				g = append(g, terms[j])
			}
		}
		sub, ok := buildSafe(symbolic.Add, g)
		if !ok {
			return nil
		}
		f := en.simp(sub)
		if f != sub && accept != nil && !accept(f) {
			return nil
		}
		changed = changed || f != sub
		parts = append(parts, f)
	}
	if !changed {
		return nil
	}
	out, ok := buildSafe(symbolic.Add, parts)
	if !ok || out == e {
		return nil
	}
	return out
}

// cleanFactors reports whether no sum in f's skeleton mixes a symbol with
// a call or a root: a group's form that factors into kernel parts
// (2*x*sigmoid(u)*(1 - sigmoid(u))), not one that folds a variable into a
// sum of calls (cot(x)*(1 - x*cot(x))).
func cleanFactors(f symbolic.Expr) bool {
	return skeletonWhile(f, func(n symbolic.Expr) bool {
		s, ok := n.(*symbolic.Sum)
		if !ok {
			return true
		}
		sym, call := false, false
		for _, t := range s.Terms() {
			skeleton(t, func(l symbolic.Expr) {
				switch l := l.(type) {
				case *symbolic.Symbol:
					sym = true
				case *symbolic.Number, *symbolic.Sum, *symbolic.Product:
				default:
					if !inSkeleton(l) {
						call = true
					}
				}
			})
		}
		return !(sym && call)
	})
}

// A union is a union-find over n elements, for a few dozen at most.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(i int) int {
	for u[i] != i {
		i = u[i]
	}
	return i
}

func (u union) join(i, j int) {
	if a, b := u.find(i), u.find(j); a != b {
		u[a] = b
	}
}
