package simplify

import (
	"strconv"

	"github.com/symdiff/symdiff/symbolic"
)

// Searching a shape once.
//
// Derivatives repeat themselves: the chain rule through d nested sigmoids
// gives d factors exp(-s)*sigmoid(s)^2 that differ only in s, the d levels
// of a sine chain give cos(sin(u)) for d different u, and the neurons of a
// layer differ only in their weights. What a rule or strategy can see of a
// node is its rational skeleton and the arguments of the calls in it, a
// call or two deep: no rule's left side nests calls deeper than three
// (exp(log(a)) with a sign condition on a looks at a below two calls). So the
// engine searches the node's shape: the node with every subexpression
// below the second level of calls replaced by a placeholder symbol (the
// same subexpression by the same placeholder). The shape is an interned
// node like any other, so its search is memoised: the second and later
// levels of a chain cost a look-up and a substitution.
//
// The result is right for the node: what the search finds for the shape is
// equal to it for every value of the placeholders, so also with the
// subexpressions put back. It can miss a form that a search of the node
// itself would have found only by looking deeper than a rule can, or
// through a sign condition that needed to know the sign of a placeholder
// (sign conditions are proven for every value of it).

// shapeDepth is the number of levels of calls a shape keeps.
const shapeDepth = 3

// maxPlaceholders bounds the placeholders of one shape; a node with more
// distinct deep subexpressions is searched as it is.
const maxPlaceholders = 64

// placeholders are the symbols that stand for deep subexpressions in
// shapes. Their names cannot be written in the input syntax, so they never
// meet a user's symbol.
var placeholders = func() []*symbolic.Symbol {
	ps := make([]*symbolic.Symbol, maxPlaceholders)
	for i := range ps {
		ps[i] = symbolic.Sym("#" + strconv.Itoa(i+1))
	}
	return ps
}()

// shape returns e's shape and the subexpressions its placeholders stand
// for (the i-th for placeholders[i]), or ok = false if e has nothing below
// the third level of calls (it is its own shape).
func (en *engine) shape(e symbolic.Expr) (s symbolic.Expr, vals []symbolic.Expr, ok bool) {
	// The walk's tables are the engine's, emptied for each call: a chain
	// has a shape at every level.
	if en.shapeIndex == nil {
		en.shapeIndex, en.shapeMemo = map[symbolic.Expr]int{}, map[shapeAt]symbolic.Expr{}
	}
	index, memo := en.shapeIndex, en.shapeMemo
	clear(index)
	clear(memo)
	type at = shapeAt
	var walk func(n symbolic.Expr, depth int) symbolic.Expr
	walk = func(n symbolic.Expr, depth int) symbolic.Expr {
		switch n := n.(type) {
		case *symbolic.Number:
			return n
		case *symbolic.Symbol:
			if !isPlaceholder(n) {
				return n
			}
			// A placeholder already (a node inside a shape): numbered
			// again, so that equal shapes meet whatever their parents.
		}
		if depth >= shapeDepth || isPlaceholder(n) {
			i, seen := index[n]
			if !seen {
				i = len(vals)
				if i == maxPlaceholders {
					return nil
				}
				index[n] = i
				vals = append(vals, n)
			}
			return placeholders[i]
		}
		if r, ok := memo[at{n, depth}]; ok {
			return r
		}
		d := depth
		if _, isCall := n.(*symbolic.Call); isCall {
			d++
		}
		kids := symbolic.Children(n)
		var nk []symbolic.Expr
		for i, c := range kids {
			k := walk(c, d)
			if k == nil {
				return nil
			}
			if k != c && nk == nil {
				nk = make([]symbolic.Expr, len(kids))
				copy(nk, kids[:i])
			}
			if nk != nil {
				nk[i] = k
			}
		}
		r := n
		if nk != nil {
			var ok bool
			if r, ok = rebuildSafe(n, nk); !ok {
				return nil
			}
		}
		memo[at{n, depth}] = r
		return r
	}
	s = walk(e, 0)
	if s == nil || len(vals) == 0 {
		return nil, nil, false
	}
	return s, vals, true
}

// fill puts the subexpressions vals back for the placeholders of r.
func fill(r symbolic.Expr, vals []symbolic.Expr) (symbolic.Expr, bool) {
	m := make(map[symbolic.Expr]symbolic.Expr, len(vals))
	for i, v := range vals {
		m[placeholders[i]] = v
	}
	return subsAll(r, m)
}

// shapeAt is a node met at a depth of calls in shape's walk.
type shapeAt struct {
	n     symbolic.Expr
	depth int
}

// isPlaceholder reports whether e is one of the placeholders.
func isPlaceholder(e symbolic.Expr) bool {
	s, ok := e.(*symbolic.Symbol)
	if !ok {
		return false
	}
	n := s.Name()
	return len(n) > 1 && n[0] == '#'
}

// hasPlaceholder reports whether e holds a placeholder (e is a node
// inside a shape), memoised.
func (en *engine) hasPlaceholder(e symbolic.Expr) bool {
	switch e.(type) {
	case *symbolic.Number:
		return false
	case *symbolic.Symbol:
		return isPlaceholder(e)
	}
	if h, ok := en.holders[e]; ok {
		return h
	}
	h := false
	for _, c := range symbolic.Children(e) {
		if en.hasPlaceholder(c) {
			h = true
			break
		}
	}
	if en.holders == nil {
		en.holders = map[symbolic.Expr]bool{}
	}
	en.holders[e] = h
	return h
}

// callNesting returns the largest number of calls above a node of e that
// is not a leaf (counting from e, e itself excluded), or -1 if e is a
// leaf; memoised. A shape differs from its node only where this is at
// least shapeDepth.
func (en *engine) callNesting(e symbolic.Expr) int {
	switch e.(type) {
	case *symbolic.Number, *symbolic.Symbol:
		return -1
	}
	if d, ok := en.nesting[e]; ok {
		return d
	}
	d := 0
	_, isCall := e.(*symbolic.Call)
	for _, c := range symbolic.Children(e) {
		if k := en.callNesting(c); k >= 0 {
			if isCall {
				k++
			}
			d = max(d, k)
		}
	}
	if en.nesting == nil {
		en.nesting = map[symbolic.Expr]int{}
	}
	en.nesting[e] = d
	return d
}
