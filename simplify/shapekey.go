package simplify

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/symdiff/symdiff/symbolic"
)

// Shapes built once per key.
//
// Most nodes whose shape simp takes have the shape of a node met before:
// the 32 neurons of a layer give 32 nodes of each shape, and a gradient's
// partials repeat their terms' shapes. Building a shape rebuilds every
// node its walk passes (a sum or product sorted and interned again with
// placeholders in it), which costs more than the rest of the walk. So
// shape walks the node once without building anything, and records what
// the build needs: each node passed (its kind, arity and function), the
// numbers and the symbols kept as they are, what each placeholder stands
// for, each large argument (its multiple), and where the walk meets a node
// it has passed before at the same depth. Numbered, that record is the
// shape's key: the kinds, arities and functions, the numbers' values, the
// kept symbols, the placeholders' numbers and the multiples, and the
// references, in the walk's order. The shape is built from the record
// (each node passed is the constructor of its kind applied to what was
// built for its children, or the node itself where they are its own), so
// it is a function of the key: two nodes with one key have one shape, and
// the shape is built for the first node of a key only. A key says more
// than the shape (the order of a sum's terms, say), so two keys can give
// one shape, which is then built twice and interned once; never the other
// way.

// The operations of a shape key, one byte each, followed by their operands
// as varints.
const (
	skNode  byte = iota + 1 // a node passed: its kind, arity [, function]
	skRef                   // a node passed before at this depth: its number in the walk
	skLeaf                  // a kept symbol, or a number too large for skNum: an engine-wide number
	skNum                   // a number that fits in int64s: numerator, denominator
	skHold                  // a placeholder: its number
	skLarge                 // a large argument held: its multiple, its placeholder's number
	skCoef                  // a data coefficient held: its sign, its placeholder's number
)

// The kinds of node in a shape key.
const (
	skSum = iota + 1
	skProduct
	skPower
	skCall
)

// A shapeEvent is one step of shape's walk.
//
// The fields are ordered so that the small ones share a word: the walk
// appends an event per node, and 64 bytes fill a size class that 72 do not.
type shapeEvent struct {
	// n is the node passed (skNode), the leaf (skLeaf, skNum), or what
	// the placeholder stands for (skHold, skLarge, skCoef).
	n symbolic.Expr
	// arg is a large argument as it is (skLarge); form is the shape's
	// argument in its place, k times the placeholder (skLarge), or the
	// coefficient's (skCoef).
	arg, form symbolic.Expr
	k         int64 // skLarge: the multiple (0: arg is not a multiple of anything); skCoef: the sign
	// i is the node's number in the walk (skNode, skRef) or the
	// placeholder's number (skHold, skLarge, skCoef).
	i  int32
	op byte
}

// A shapeClass is the shape of the nodes of one key, or ok = false if
// their shape cannot be built (a constructor refused).
type shapeClass struct {
	s  symbolic.Expr
	ok bool
}

// checkShape, where not nil, is called with every shape that shape
// returns (tests compare it with a reference).
var checkShape func(en *engine, e, s symbolic.Expr, vals []symbolic.Expr, held heldArgs, ok bool)

// shape returns e's shape and the subexpressions its placeholders stand
// for (the i-th for placeholders[i]), or ok = false if e has nothing below
// the third level of calls (it is its own shape).
//
// held lists the shape's call arguments that stand for large arguments (k
// times a placeholder) with those arguments; empty if there are none (see
// keepsHeld and fill).
//
// The shape is built for the first node of each key only (see above).
func (en *engine) shape(e symbolic.Expr) (s symbolic.Expr, vals []symbolic.Expr, held heldArgs, ok bool) {
	s, vals, held, ok = en.keyedShape(e)
	if checkShape != nil {
		checkShape(en, e, s, vals, held, ok)
	}
	if !ok {
		return nil, nil, nil, false
	}
	return s, vals, held, true
}

// A shapeWalker is the walk of keyedShape over a node: the events it
// records and its counts. A method rather than a closure: the walk
// recurses at every node it passes.
type shapeWalker struct {
	en   *engine
	evs  []shapeEvent
	syms []*symbolic.Symbol // the variables to number by name
	// steps counts the nodes passed, bounded by maxShapeWalk; holds and
	// larges the placeholders and large arguments met; nodes numbers the
	// nodes passed.
	steps, holds, larges int
	nodes                int32
	// term is set while the walk enters a term of its root, a sum whose
	// terms' data coefficients the shape holds (see termCoefficients).
	term bool
	// coefTerms is whether the root is such a sum.
	coefTerms bool
}

// walk records n, met at the given depth of calls, and what is below it,
// and reports false if the walk passed maxShapeWalk nodes.
func (w *shapeWalker) walk(n symbolic.Expr, depth int) bool {
	en := w.en
	term := w.term
	w.term = false
	switch x := n.(type) {
	case *symbolic.Number:
		if term && isData(x) {
			// The sum's number, data like its terms' coefficients.
			sign, k := signedAbs(x)
			w.evs = append(w.evs, shapeEvent{op: skCoef, n: k, k: sign})
			w.holds++
			return true
		}
		op := skLeaf
		if !x.Exact().IsBig() {
			op = skNum
		}
		w.evs = append(w.evs, shapeEvent{op: op, n: n})
		return true
	case *symbolic.Symbol:
		if !isPlaceholder(x) && (!en.renameSymbols || x.IsConstant()) {
			w.evs = append(w.evs, shapeEvent{op: skLeaf, n: n})
			return true
		}
		// A placeholder already (a node inside a shape): numbered
		// again, so that equal shapes meet whatever their parents. A
		// variable, where the engine renames them: numbered like a
		// placeholder, but those met above the third level of calls
		// first, in the order of their names, so that the shape orders
		// its terms and factors as e does and its search finds e's form,
		// not a mirror image of it (v - w, not w - v).
		if en.renameSymbols && !isPlaceholder(x) && depth < shapeDepth {
			if v := en.walk.at(n); !v.named {
				v.named = true
				w.syms = append(w.syms, x)
			}
		}
		w.evs = append(w.evs, shapeEvent{op: skHold, n: n})
		w.holds++
		return true
	}
	if depth >= shapeDepth || isPlaceholder(n) {
		w.evs = append(w.evs, shapeEvent{op: skHold, n: n})
		w.holds++
		return true
	}
	v := en.walk.at(n)
	if r := v.visit[depth]; r != 0 {
		w.evs = append(w.evs, shapeEvent{op: skRef, i: r - 1})
		return true
	}
	if w.steps++; w.steps > maxShapeWalk {
		return false
	}
	v.visit[depth] = w.nodes + 1
	w.evs = append(w.evs, shapeEvent{op: skNode, n: n, i: w.nodes})
	w.nodes++
	d := depth
	_, isCall := n.(*symbolic.Call)
	if isCall {
		d++
	}
	kids := symbolic.Children(n)
	root := w.nodes == 1 // n is the walk's root, the first node it passes
	if root || term {
		if k, ok := dataCoefficient(n); ok {
			// The node's data coefficient, held (see dataCoefficient).
			sign, k := signedAbs(k)
			w.evs = append(w.evs, shapeEvent{op: skCoef, n: k, k: sign})
			w.holds++
			kids = kids[1:]
		}
	}
	for _, c := range kids {
		if isCall && en.largeArg(c) {
			// A large argument u = k*a: k times the placeholder for a
			// (sigmoid(-u) and sigmoid(u) keep their relation), or the
			// placeholder for u.
			k, a := en.splitMultiple(c)
			if k == 0 {
				a = c
			}
			w.evs = append(w.evs, shapeEvent{op: skLarge, n: a, arg: c, k: k})
			w.larges++
			continue
		}
		w.term = root && w.coefTerms
		if !w.walk(c, d) {
			return false
		}
	}
	return true
}

func (en *engine) keyedShape(e symbolic.Expr) (s symbolic.Expr, vals []symbolic.Expr, held heldArgs, ok bool) {
	// The walk's table is the engine's (see genTable), a new generation
	// for each call: a chain has a shape at every level.
	en.walk.next()
	w := shapeWalker{en: en, evs: en.shapeEvents[:0], syms: en.shapeSyms[:0], coefTerms: termCoefficients(e)}
	defer func() {
		// Keep the buffers, not what they point to.
		clear(w.evs)
		en.shapeEvents = w.evs[:0]
		clear(w.syms)
		en.shapeSyms = w.syms[:0]
	}()
	if !w.walk(e, 0) {
		return nil, nil, nil, false
	}
	evs, syms, holds, larges, nodes := w.evs, w.syms, w.holds, w.larges, w.nodes
	// Number the placeholders: the variables first, in the order of their
	// names (as symbolic.Compare orders two variables), then everything
	// else in the order the walk meets it.
	slices.SortFunc(syms, func(a, b *symbolic.Symbol) int { return strings.Compare(a.Name(), b.Name()) })
	if len(syms) > maxPlaceholders {
		return nil, nil, nil, false
	}
	// The values go on top of the engine's stack, in room for as many as
	// there can be (the placeholders are at most the holds), which the
	// caller frees (see viaShape): a fill needs them, and the search of
	// the shape before it takes shapes of its own. Held arguments are
	// kept with the shape (heldOf): one allocation.
	n := min(holds+larges, maxPlaceholders)
	mark := len(en.valStack)
	en.valStack = slices.Grow(en.valStack, n)
	vals = en.valStack[mark : mark : mark+n]
	if larges > 0 {
		held = make(heldArgs, 0, larges)
	}
	for _, x := range syms {
		en.walk.at(x).index = int32(len(vals))
		vals = append(vals, x)
	}
	number := func(n symbolic.Expr) (int32, bool) {
		v := en.walk.at(n)
		if v.index < 0 {
			if len(vals) == maxPlaceholders {
				return 0, false
			}
			v.index = int32(len(vals))
			vals = append(vals, n)
		}
		return v.index, true
	}
	key := en.shapeKeyBuf[:0]
	defer func() { en.shapeKeyBuf = key }()
	for j := range evs {
		ev := &evs[j]
		key = append(key, ev.op)
		switch ev.op {
		case skNode:
			switch x := ev.n.(type) {
			case *symbolic.Sum:
				key = binary.AppendUvarint(key, skSum)
				key = binary.AppendUvarint(key, uint64(len(x.Terms())))
			case *symbolic.Product:
				key = binary.AppendUvarint(key, skProduct)
				key = binary.AppendUvarint(key, uint64(len(x.Factors())))
			case *symbolic.Power:
				key = binary.AppendUvarint(key, skPower)
			case *symbolic.Call:
				key = binary.AppendUvarint(key, skCall)
				key = binary.AppendUvarint(key, uint64(len(x.Args())))
				key = binary.AppendUvarint(key, uint64(en.funcID(x.Func())))
			}
		case skRef:
			key = binary.AppendUvarint(key, uint64(ev.i))
		case skLeaf:
			key = binary.AppendUvarint(key, uint64(en.leafID(ev.n)))
		case skNum:
			r := ev.n.(*symbolic.Number).Exact()
			key = binary.AppendVarint(key, r.Num64())
			key = binary.AppendVarint(key, r.Den64())
		case skHold, skLarge, skCoef:
			i, ok := number(ev.n)
			if !ok {
				return nil, nil, nil, false
			}
			ev.i = i
			if ev.op != skHold {
				// k times the placeholder: a large argument's multiple, or a
				// data coefficient's sign.
				key = binary.AppendVarint(key, ev.k)
				switch ev.k {
				case 0, 1:
					ev.form = placeholder(int(i))
				case -1:
					ev.form = negPlaceholder(int(i))
				default:
					f, ok := try(func() symbolic.Expr { return symbolic.Mul(symbolic.Int(ev.k), placeholder(int(i))) })
					if !ok {
						return nil, nil, nil, false
					}
					ev.form = f
				}
				if ev.op == skLarge {
					held = held.add(ev.form, ev.arg)
				}
			}
			key = binary.AppendUvarint(key, uint64(i))
		}
	}
	if len(vals) == 0 {
		return nil, nil, nil, false
	}
	c, found := en.shapeClasses[string(key)]
	if !found {
		c.s, c.ok = en.buildFromEvents(evs, int(nodes))
		if en.shapeClasses == nil {
			en.shapeClasses = map[string]shapeClass{}
		}
		en.shapeClasses[string(key)] = c
	}
	if c.ok {
		en.valStack = en.valStack[:mark+len(vals)]
	}
	return c.s, vals, held, c.ok
}

// buildFromEvents builds the shape that a walk recorded (see shape), or
// returns false where a constructor refuses.
func (en *engine) buildFromEvents(evs []shapeEvent, nodes int) (symbolic.Expr, bool) {
	built := make([]symbolic.Expr, nodes)
	pos := 0
	var next func() symbolic.Expr
	next = func() symbolic.Expr {
		ev := &evs[pos]
		pos++
		switch ev.op {
		case skLeaf, skNum:
			return ev.n
		case skHold:
			return placeholder(int(ev.i))
		case skLarge, skCoef:
			return ev.form
		case skRef:
			return built[ev.i]
		}
		n := ev.n
		kids := symbolic.Children(n)
		// The new children on the engine's scratch stack, popped after the
		// node is built (the constructors keep none of their arguments).
		mark := len(en.scratch)
		en.scratch = append(en.scratch, kids...)
		nk := en.scratch[mark:len(en.scratch):len(en.scratch)]
		changed := false
		for i := range kids {
			k := next()
			if k == nil {
				en.scratch = en.scratch[:mark]
				return nil
			}
			nk[i] = k
			changed = changed || k != kids[i]
		}
		r := n
		if changed {
			var ok bool
			if r, ok = rebuildSafe(n, nk); !ok {
				r = nil
			}
		}
		en.scratch = en.scratch[:mark]
		built[ev.i] = r
		return r
	}
	s := next()
	return s, s != nil
}

// funcID returns a number for f, the same for the engine's life.
func (en *engine) funcID(f *symbolic.Func) uint32 {
	id, ok := en.funcIDs[f]
	if !ok {
		if en.funcIDs == nil {
			en.funcIDs = map[*symbolic.Func]uint32{}
		}
		id = uint32(len(en.funcIDs))
		en.funcIDs[f] = id
	}
	return id
}

// dataCoefficient returns the numeric coefficient of e, a product, where
// it is data rather than structure: a rational whose numerator or
// denominator exceeds maxStructural (33/100, 47/50, 400, but not 1/2, 3/4
// or 12). The identities the rules and strategies know involve small
// numbers (2*sin(x)*cos(x), 1/2 - cos(2*x)/2, 4 = 2^2 under a root); a
// weight of 0.33 takes part in none of them. So the shape of a node
// holds its data coefficient as a placeholder (with its sign kept, which
// the search may trade against a sum's), and the products of a gradient
// that differ only in their data, c*exp(-s)*sigmoid(s) for 300
// coefficients c, share one search. Only the node's own coefficient is
// held: numbers below it (x^2/36 + 1) are structure the normal form needs.
func dataCoefficient(e symbolic.Expr) (*symbolic.Number, bool) {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return nil, false
	}
	k, ok := p.Factors()[0].(*symbolic.Number)
	if !ok {
		return nil, false
	}
	return k, isData(k)
}

// isData reports whether k is data rather than structure (see
// dataCoefficient).
func isData(k *symbolic.Number) bool { return !smallRat(k.Exact(), maxStructural) }

// smallRat reports whether r's numerator (in absolute value) and
// denominator are at most bound.
func smallRat(r symbolic.Rat, bound int64) bool {
	return !r.IsBig() && absI(r.Num64()) <= bound && r.Den64() <= bound
}

// signedAbs splits k into its sign and its absolute value, the form of a
// data coefficient in a shape's key.
func signedAbs(k *symbolic.Number) (int64, *symbolic.Number) {
	if k.Sign() < 0 {
		return -1, symbolic.NumberOf(k.Exact().Neg())
	}
	return 1, k
}

// maxStructural is the largest numerator or denominator of a coefficient
// that dataCoefficient counts as structure.
const maxStructural = 12

// termCoefficients reports whether the shape of e, a sum, holds the data
// coefficients of its terms as well (see dataCoefficient): a partial
// derivative of a gradient is a sum of data times shared subexpressions,
// sum_k c_k*sigmoid(u_k) for the logistic loss, and its 300 partials then
// share one search instead of one each. Not where a data coefficient is a
// structural multiple of another coefficient or of the sum's number
// (0.66*sigmoid(2*x) - 0.33 is 0.33*tanh(x)): the placeholders would hide
// the relation. Equal data coefficients, up to sign, are one placeholder,
// so that relation stays. Sums of more than maxCoefTerms terms are left
// as they are: the test is quadratic in the terms.
func termCoefficients(e symbolic.Expr) bool {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) > maxCoefTerms {
		return false
	}
	var data, other [maxCoefTerms]symbolic.Rat
	nd, no := 0, 0
	for _, t := range s.Terms() {
		if k, ok := dataCoefficient(t); ok {
			data[nd] = absRat(k.Exact())
			nd++
			continue
		}
		if k, ok := t.(*symbolic.Number); ok && isData(k) {
			data[nd] = absRat(k.Exact())
			nd++
			continue
		}
		c := symbolic.RatInt(1)
		switch t := t.(type) {
		case *symbolic.Number:
			c = t.Exact()
		case *symbolic.Product:
			if k, ok := t.Factors()[0].(*symbolic.Number); ok {
				c = k.Exact()
			}
		}
		other[no] = absRat(c)
		no++
	}
	if nd == 0 {
		return false
	}
	for i, d := range data[:nd] {
		for _, e := range data[:i] {
			if !d.Equal(e) && structuralRatio(d, e) {
				return false
			}
		}
		for _, o := range other[:no] {
			if structuralRatio(d, o) {
				return false
			}
		}
	}
	return true
}

// maxRelated is the largest numerator or denominator of a ratio of two
// coefficients that structuralRatio counts as a relation.
const maxRelated = 4

// maxCoefTerms bounds the sums whose terms' data coefficients a shape
// holds.
const maxCoefTerms = 16

// structuralRatio reports whether a/b, of two positive rationals, is one
// a rule or strategy could use: numerator and denominator at most
// maxStructural.
func structuralRatio(a, b symbolic.Rat) bool { return smallRat(a.Quo(b), maxRelated) }

func absRat(r symbolic.Rat) symbolic.Rat {
	if r.Sign() < 0 {
		return r.Neg()
	}
	return r
}

// negPlaceholder returns -1 times placeholder(i): the form of a negative
// data coefficient in a shape. Each is made on first use.
func negPlaceholder(i int) symbolic.Expr {
	if p := negPlaceholderExprs[i].Load(); p != nil {
		return *p
	}
	n := symbolic.Neg(placeholder(i))
	negPlaceholderExprs[i].Store(&n)
	return n
}

var negPlaceholderExprs [maxPlaceholders]atomic.Pointer[symbolic.Expr]
