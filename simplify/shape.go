package simplify

import (
	"sync/atomic"

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
// Large call arguments (see largeArgTree) become placeholders at any
// depth, and where the input has several variables, so do the variables
// (renamed in order of appearance): the neurons of a layer, whose terms in
// a gradient differ only in which weights they hold and which inner sum
// they apply to, then share one search.
//
// The result is right for the node: what the search finds for the shape is
// equal to it for every value of the placeholders, so also with the
// subexpressions put back. It can miss a form that a search of the node
// itself would have found only by looking deeper than a rule can, or
// through a sign condition that needed to know the sign of a placeholder
// (sign conditions are proven for every value of it).

// shapeDepth is the number of levels of calls a shape keeps.
const shapeDepth = 3

// largeArgTree is the size (written out as a tree) from which an argument
// of a call in a shape is a placeholder, up to a small integer multiple
// (sigmoid(-u) and sigmoid(u) keep their relation): the inner sum of a
// neuron or a logistic loss's linear form. A rule looks at an argument's
// top node or two; a large argument's top is a sum of many terms, which no
// rule's left side spells out.
const largeArgTree = 24

// maxShapeWalk bounds the nodes a shape's walk visits, so that taking the
// shape of every node of a DAG costs a bounded amount per node; a node
// whose shape is larger is searched as it is.
const maxShapeWalk = 512

// maxPlaceholders bounds the placeholders of one shape; a node with more
// distinct deep subexpressions is searched as it is.
const maxPlaceholders = 64

// placeholder returns the i-th (from 0) of the symbols that stand for deep
// subexpressions in shapes. Their names cannot be written in the input
// syntax, so they never meet a user's symbol. Each is made on first use:
// most processes never look for a shape, and a small input's shapes need
// only the first few.
func placeholder(i int) *symbolic.Symbol {
	if p := placeholderSyms[i].Load(); p != nil {
		return p
	}
	// Two digits: placeholders sort by name as by number. Two goroutines
	// making the same one get the same interned symbol.
	p := symbolic.Sym(string([]byte{'#', byte('0' + (i+1)/10), byte('0' + (i+1)%10)}))
	placeholderSyms[i].Store(p)
	return p
}

var placeholderSyms [maxPlaceholders]atomic.Pointer[symbolic.Symbol]

// keepsHeld reports whether r, the result of a shape's search, holds the
// placeholders of large arguments (those of held) only as whole arguments
// of calls: as held, or up to sign. A placeholder counts as one node in
// the search's cost, but a new expression of it (the difference of two)
// is a new sum as large as the argument once filled: softmax's
// sigmoid(a - b) is a rewrite worth having for short a and b, not for two
// linear forms of 300 terms each. The search of a shape with large
// arguments takes only results that keep them (search, heldOf); where a
// shape's result still does not (a final rule's, a wide shape's groups'),
// the node is searched as it is, with its true costs.
func keepsHeld(r symbolic.Expr, held heldArgs) bool {
	if len(held) == 0 {
		return true
	}
	var large nodeSet
	defer large.release()
	for _, h := range held {
		switch f := h.form.(type) {
		case *symbolic.Symbol:
			large.add(symbolic.KeyOf(f))
		default:
			// k times a placeholder
			for _, c := range symbolic.Children(f) {
				if isPlaceholder(c) {
					large.add(symbolic.KeyOf(c))
				}
			}
		}
	}
	// wholeArg reports whether a call argument is a held form, or P or -P
	// for a large P (sigmoid(-u) = 1 - sigmoid(u) needs the other sign; a
	// new multiple such as u/2 would be a new sum).
	wholeArg := func(c symbolic.Expr) bool {
		if large.has(symbolic.KeyOf(c)) || held.find(c) != nil {
			return true
		}
		p, ok := c.(*symbolic.Product)
		if !ok || len(p.Factors()) != 2 {
			return false
		}
		k, isNum := p.Factors()[0].(*symbolic.Number)
		return isNum && k.Equal(symbolic.MinusOne) && large.has(symbolic.KeyOf(p.Factors()[1]))
	}
	var seen nodeSet
	defer seen.release()
	ok := true
	var walk func(n symbolic.Expr)
	walk = func(n symbolic.Expr) {
		if !ok || !seen.add(symbolic.KeyOf(n)) {
			return
		}
		if large.has(symbolic.KeyOf(n)) {
			ok = false
			return
		}
		_, isCall := n.(*symbolic.Call)
		for _, c := range symbolic.Children(n) {
			if isCall && wholeArg(c) {
				continue
			}
			walk(c)
		}
	}
	walk(r)
	return ok
}

// fillKept is fill of r, the result of shape s's search, where
// keepsHeld(r, held), and false elsewhere. keepsHeld depends on s alone
// (held's forms are parts of s), so it is memoised by s: the levels of a
// chain share their shapes.
//
// Where the search left the shape as it was (r is s), the result is the
// node the shape was taken of, orig: filling s puts back every
// subexpression where the shape took it, and the constructors give the
// canonical node again (TestShapeFillRoundTrip). No fill is needed then,
// for most nodes of a derivative.
func (en *engine) fillKept(s, r, orig symbolic.Expr, vals []symbolic.Expr, held heldArgs) (symbolic.Expr, bool) {
	k, ok := en.kept[symbolic.KeyOf(s)]
	if !ok {
		k = keepsHeld(r, held)
		if en.kept == nil {
			en.kept = map[symbolic.Key]bool{}
		}
		en.kept[symbolic.KeyOf(s)] = k
	}
	if !k {
		return nil, false
	}
	if r == s {
		return orig, true
	}
	if en.filler == nil {
		en.filler = &filler{}
	}
	return en.filler.fill(r, vals, held)
}

// fill puts the subexpressions vals back for the placeholders of r, and
// each argument of held back for its shape as a whole (exp(-P) becomes
// exp(u) for the u it came from, not exp of -1 times a, the negation of a
// long sum built again). It is symbolic.Subs with those pairs, without
// building a map for them: a chain fills a shape at every level.
func fill(r symbolic.Expr, vals []symbolic.Expr, held heldArgs) (out symbolic.Expr, ok bool) {
	var f filler
	return f.fill(r, vals, held)
}

// A filler is the walk of fill. An engine keeps one for all its fills: its
// memo is stamped with a generation per fill (see genTable), so a fill
// neither makes nor empties a table, and its scratch stack is allocated
// once.
type filler struct {
	vals    []symbolic.Expr
	held    heldArgs
	memo    genTable[symbolic.Expr] // each node's fill, nil until made
	scratch []symbolic.Expr
}

// fill is fill with f's tables.
func (f *filler) fill(r symbolic.Expr, vals []symbolic.Expr, held heldArgs) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	f.memo.next()
	f.vals, f.held = vals, held
	// A refused constructor leaves the scratch stack as it was: it is
	// emptied here, not popped.
	f.scratch = f.scratch[:0]
	out = f.walk(r)
	f.vals, f.held = nil, nil
	return out, true
}

func (f *filler) walk(n symbolic.Expr) symbolic.Expr {
	// A held form first: it may be a placeholder itself.
	if a := f.held.find(n); a != nil {
		return a
	}
	switch n := n.(type) {
	case *symbolic.Number:
		return n
	case *symbolic.Symbol:
		if i := placeholderIndex(n); i >= 0 && i < len(f.vals) {
			return f.vals[i]
		}
		return n
	}
	if m := *f.memo.at(n); m != nil {
		return m
	}
	kids := symbolic.Children(n)
	// The new children on the filler's scratch stack, popped after the
	// node is built (the constructors keep none of their arguments).
	mark := len(f.scratch)
	f.scratch = append(f.scratch, kids...)
	nk := f.scratch[mark:len(f.scratch):len(f.scratch)]
	for i, c := range kids {
		nk[i] = f.walk(c)
	}
	r := symbolic.Rebuild(n, nk)
	f.scratch = f.scratch[:mark]
	*f.memo.at(n) = r // again: the walk below may have grown the table
	return r
}

// placeholderIndex returns i for placeholders[i], and -1 for any other
// symbol.
func placeholderIndex(s *symbolic.Symbol) int {
	n := s.Name()
	if len(n) != 3 || n[0] != '#' || n[1] < '0' || n[1] > '9' || n[2] < '0' || n[2] > '9' {
		return -1
	}
	i := int(n[1]-'0')*10 + int(n[2]-'0') - 1
	if i < 0 || i >= maxPlaceholders || placeholder(i) != s {
		return -1
	}
	return i
}

// A shapeVisit is what the walk of shape records of a node in one call:
// where it passed the node, the node's placeholder, and whether the node is
// a variable numbered by name.
type shapeVisit struct {
	index int32 // the placeholder's number, or -1
	named bool  // a variable to number by name
	// 1 + the node's number among the nodes the walk passed, at each
	// depth of calls; 0 where not passed.
	visit [shapeDepth]int32
}

// leafID returns a number for n, the same for the engine's life: a kept
// leaf's in shape keys.
func (en *engine) leafID(n symbolic.Expr) int32 {
	i, _ := en.leafIDs.at(n, 64)
	return i
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
// inside a shape).
func (en *engine) hasPlaceholder(e symbolic.Expr) bool { return en.facts(e).holder }

// callNesting returns the largest number of calls above a node of e that
// is not a leaf (counting from e, e itself excluded), or -1 if e is a
// leaf. A shape differs from its node only where this is at least
// shapeDepth.
func (en *engine) callNesting(e symbolic.Expr) int { return int(en.facts(e).nesting) }

// hasLargeArg reports whether a call in e has a large argument (see
// largeArg).
func (en *engine) hasLargeArg(e symbolic.Expr) bool { return en.facts(e).large }

// nodeFacts are what the engine asks of a node before taking its shape,
// made once from its children's: callNesting, hasPlaceholder, hasLargeArg.
type nodeFacts struct {
	nesting int32
	holder  bool
	large   bool
}

// facts returns e's nodeFacts, memoised.
func (en *engine) facts(e symbolic.Expr) nodeFacts {
	switch e := e.(type) {
	case *symbolic.Number:
		return nodeFacts{nesting: -1}
	case *symbolic.Symbol:
		return nodeFacts{nesting: -1, holder: isPlaceholder(e)}
	}
	if f, ok := en.nodeFacts.Get(symbolic.KeyOf(e)); ok {
		return f
	}
	var f nodeFacts
	_, isCall := e.(*symbolic.Call)
	for _, c := range symbolic.Children(e) {
		cf := en.facts(c)
		if k := cf.nesting; k >= 0 {
			if isCall {
				k++
			}
			f.nesting = max(f.nesting, k)
		}
		f.holder = f.holder || cf.holder
		f.large = f.large || cf.large || isCall && en.largeArg(c)
	}
	en.nodeFacts.Set(symbolic.KeyOf(e), f)
	return f
}

// largeArg reports whether u, an argument of a call, is large enough to be
// a placeholder in a shape (see largeArgTree).
func (en *engine) largeArg(u symbolic.Expr) bool {
	switch u.(type) {
	case *symbolic.Number, *symbolic.Symbol:
		return false
	}
	return en.intrinsic(u).tree >= largeArgTree
}

// holdArg returns the shape of a large argument u = k*a: k times the
// placeholder for a, or nil if hold has no placeholder left.
func (en *engine) holdArg(u symbolic.Expr, hold func(symbolic.Expr) symbolic.Expr) symbolic.Expr {
	k, a := en.splitMultiple(u)
	if k == 0 {
		return hold(u)
	}
	p := hold(a)
	if p == nil || k == 1 {
		return p
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Mul(symbolic.Int(k), p) })
	if !ok {
		return nil
	}
	return r
}

// inputFacts returns the number of distinct nodes of es (as symbolic.Size
// counts them), whether es hold two or more variables, and whether their
// domain may give facts (a call of a function with an ArgSign or a root:
// see domainOf), in one walk.
func inputFacts(es []symbolic.Expr) (size int, several, domain bool) {
	var first *symbolic.Symbol
	var seen keyTable[struct{}]
	var walk func(symbolic.Expr)
	walk = func(n symbolic.Expr) {
		if _, ok := seen.Get(symbolic.KeyOf(n)); ok {
			return
		}
		seen.Set(symbolic.KeyOf(n), struct{}{})
		switch n := n.(type) {
		case *symbolic.Symbol:
			if !n.IsConstant() && !isPlaceholder(n) {
				if first == nil {
					first = n
				} else if n != first {
					several = true
				}
			}
			return
		case *symbolic.Call:
			domain = domain || n.Func().ArgSign != 0
		case *symbolic.Power:
			if k, ok := n.Exp().(*symbolic.Number); ok {
				domain = domain || evenRoot(k)
			}
		}
		for _, c := range symbolic.Children(n) {
			walk(c)
		}
	}
	for _, e := range es {
		walk(e)
	}
	return seen.Len(), several, domain
}

// wantsShape reports whether simp searches the shape of r0, e with its
// children simplified, rather than r0: where r0 has calls nested deeper
// than a shape keeps, is a node inside a shape, or has variables to rename
// or large arguments -- but for the last two not where the search of r0
// would also try e's own form (see search's orig), which a shape of r0
// does not see.
func (en *engine) wantsShape(r0, e symbolic.Expr) bool {
	f := en.facts(r0) // callNesting, hasPlaceholder and hasLargeArg at once
	if int(f.nesting) >= shapeDepth || f.holder {
		return true
	}
	if !en.renameSymbols && (!en.anyLargeArg || !f.large) {
		return false
	}
	return r0 == e || en.intrinsic(e).tree > maxOrigTree
}

// anyLargeArgIn reports whether a call in es has a large argument (see
// largeArg); where none has, no node of the search asks (hasLargeArg).
func (en *engine) anyLargeArgIn(es []symbolic.Expr) bool {
	for _, e := range es {
		if en.hasLargeArg(e) {
			return true
		}
	}
	return false
}

// heldArgs are a shape's large call arguments: each form in the shape (k
// times a placeholder) with the argument it stands for. A shape holds a
// few; a slice costs less than a map to make and to search.
type heldArgs []struct{ form, arg symbolic.Expr }

// add records that form stands for arg, once.
func (h heldArgs) add(form, arg symbolic.Expr) heldArgs {
	if h.find(form) != nil {
		return h
	}
	return append(h, struct{ form, arg symbolic.Expr }{form, arg})
}

// find returns the argument form stands for, or nil.
func (h heldArgs) find(form symbolic.Expr) symbolic.Expr {
	for _, x := range h {
		if x.form == form {
			return x.arg
		}
	}
	return nil
}
