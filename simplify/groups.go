package simplify

import "github.com/symdiff/symdiff/symbolic"

// maxGroupTerms bounds the sums whose groups groupForms simplifies apart:
// wider sums are split into groups before their search (see simpGroups).
const maxGroupTerms = wideMin

// groupForms implements the groups-apart strategy for a short sum e: its
// terms are grouped by the leaves of their skeletons they share (symbols,
// calls, roots; a symbol inside a call does not count), each group of two
// or more terms with a call or a root is simplified on its own, and the
// sum of the groups' forms is the candidate. The search of the whole sum
// sees one normal form of all its terms, which can write a group expanded
// where alone it factors: sigmoid(x - q) - sigmoid(x - q)^2 + 1/x (cost
// 15), from the derivative of exp(x)/(exp(x) + exp(q)) + log(x), is
// sigmoid(x - q)*(1 - sigmoid(x - q)) + 1/x (cost 13). The candidate is
// only offered; the whole sum's forms stay in the search (a group's
// cheapest form alone can hide one of the whole). A group of polynomial
// terms stays as it is: 3*x^2 - 6*x + 2, not 3*x*(x - 2) + 2.
//
// Work: a walk of each term's skeleton, and the searches of the groups,
// each smaller than e and memoised as every node is.
func (en *engine) groupForms(e symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return nil
	}
	terms := s.Terms()
	if len(terms) < 3 || len(terms) >= maxGroupTerms {
		return nil
	}
	parent := make([]int, len(terms))
	called := make([]bool, len(terms)) // the term has a call or a root
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	owner := map[symbolic.Expr]int{}
	for i, t := range terms {
		parent[i] = i
		skeleton(t, func(n symbolic.Expr) {
			switch n.(type) {
			case *symbolic.Number, *symbolic.Sum, *symbolic.Product:
				return
			}
			if p, isPow := n.(*symbolic.Power); isPow && inSkeleton(p) {
				return
			}
			if _, isSym := n.(*symbolic.Symbol); !isSym {
				called[i] = true
			}
			if j, seen := owner[n]; seen {
				if a, b := find(i), find(j); a != b {
					parent[a] = b
				}
				return
			}
			owner[n] = i
		})
	}
	members := map[int][]symbolic.Expr{}
	withCall := map[int]bool{}
	var order []int
	for i, t := range terms {
		r := find(i)
		if _, seen := members[r]; !seen {
			order = append(order, r)
		}
		members[r] = append(members[r], t)
		withCall[r] = withCall[r] || called[i]
	}
	// A number is a group of its own, but not one that splits the sum: a
	// polynomial in one kernel keeps its constant (18*c^2 - c - 3 is not
	// c*(18*c - 1) - 3).
	groups := 0
	for _, r := range order {
		if _, isNum := terms[r].(*symbolic.Number); !isNum || len(members[r]) > 1 {
			groups++
		}
	}
	if groups < 2 {
		return nil
	}
	parts := make([]symbolic.Expr, 0, len(order))
	changed := false
	for _, r := range order {
		g := members[r]
		if len(g) < 2 || !withCall[r] {
			// A polynomial's terms stay together: 3*x^2 - 6*x + 2, not
			// 3*x*(x - 2) + 2.
			parts = append(parts, g...)
			continue
		}
		sub, ok := buildSafe(symbolic.Add, g)
		if !ok {
			return nil
		}
		f := en.simp(sub)
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
	return []symbolic.Expr{out}
}
