package simplify

import (
	"math"

	"github.com/symdiff/symdiff/symbolic"
)

// Measuring candidates in time proportional to what is new in them.
//
// Cost is a DAG measure: a node shared by two parts of an expression is paid
// for once. Measured from scratch, every candidate of every node's search
// would cost a walk of its whole sub-DAG, and a chain of n nodes would cost
// n^2. The engine instead remembers a cost for every node it has measured
// (settled nodes: the results of finished searches, the candidates of
// searches) and measures a new candidate by walking only down to settled
// nodes, each counted once with its remembered cost. Two candidates of one
// search are compared by how they differ: the part of each that is new, and
// the settled nodes that one reaches and the other does not. Below the
// settled nodes both are the same, so the comparison is exact wherever the
// settled parts do not share nodes with each other; where they do (the
// remembered cost of a settled node counts what it shares with another as
// its own) a rewrite that drops one of them is credited with its whole cost.

// minSettled is the least remembered cost at which a walk stops at a
// settled node. Smaller nodes are walked through: a walk through them costs
// little, and it sees what they share with their siblings
// (sigmoid(x)*(1 - sigmoid(x)) pays for sigmoid(x) once).
const minSettled = 256

// saturate is the largest cost, tree size or count the measures record;
// sums stop there rather than overflow (a DAG of depth 64 with sharing at
// every level is 2^64 nodes written out).
const saturate = math.MaxInt64 / 4

func satAdd(a, b int64) int64 {
	if a >= saturate-b {
		return saturate
	}
	return a + b
}

// A measure is what the search knows of a candidate: its cost relative to
// the search's root, its tree size and its minus signs.
type measure struct {
	rel   int64 // cost minus the cost of the root (see engine.measureRel)
	tree  int64 // nodes written out as a tree (saturating)
	minus int64 // negative numbers written out as a tree (saturating)
}

// treeInfo holds a node's tree size and count of minus signs, properties of
// the node alone (not of where it is found), memoised across the engine.
type treeInfo struct {
	tree, minus int64
}

// intrinsic returns e's tree size and minus signs, memoised: each distinct
// node is visited once per engine.
func (en *engine) intrinsic(e symbolic.Expr) treeInfo {
	if t, ok := en.trees.Get(symbolic.KeyOf(e)); ok {
		return t
	}
	t := treeInfo{tree: 1}
	if x, ok := e.(*symbolic.Number); ok && x.Sign() < 0 {
		t.minus = 1
	}
	for _, c := range symbolic.Children(e) {
		ct := en.intrinsic(c)
		t.tree = satAdd(t.tree, ct.tree)
		t.minus = satAdd(t.minus, ct.minus)
	}
	en.trees.Set(symbolic.KeyOf(e), t)
	return t
}

// settledCost returns the remembered cost of e, measuring e first if it has
// none.
func (en *engine) settledCost(e symbolic.Expr) int64 {
	if c, ok := en.cost(e); ok {
		return c
	}
	c, _ := en.walkCost(e, nil)
	return c
}

// walkCost measures e: the weights of the distinct nodes reachable from e
// without passing a settled node, plus the remembered cost of each settled
// node reached (once each). It remembers the result as e's cost, appends
// each settled node reached to *bounds unless bounds is nil, and returns
// the cost and the part of it that is e's own (not settled).
func (en *engine) walkCost(e symbolic.Expr, bounds *[]symbolic.Expr) (total, fresh int64) {
	// The visited set is the engine's table of measures, stamped with a
	// generation per walk, so a walk costs what it visits.
	en.gen++
	w := costWalk{en: en, gen: en.gen, bounds: bounds}
	w.walk(e, true)
	en.setCost(e, w.total)
	return w.total, w.fresh
}

// A costWalk is the walk of walkCost: its generation, where it lists the
// settled nodes it reaches, and the sums so far.
type costWalk struct {
	en           *engine
	gen          uint32
	bounds       *[]symbolic.Expr
	total, fresh int64
}

func (w *costWalk) walk(n symbolic.Expr, root bool) {
	m := w.en.measEntry(n)
	if m.visit == w.gen {
		return
	}
	m.visit = w.gen
	if !root {
		if c := m.cost; m.hasCost && c >= minSettled {
			w.total = satAdd(w.total, c)
			if w.bounds != nil {
				*w.bounds = append(*w.bounds, n)
			}
			return
		}
	}
	if m.weight == 0 {
		m.weight = int16(min(nodeWeight(n), math.MaxInt16-1)) + 1
	}
	weight := int64(m.weight - 1)
	w.fresh += weight
	w.total = satAdd(w.total, weight)
	for _, k := range symbolic.Children(n) {
		w.walk(k, false)
	}
}

// A measEntry is what the cost walks keep of a node: its remembered cost,
// if it has one, and the last walk that visited it. One table holds both,
// so a walk looks each node up once.
type measEntry struct {
	cost    int64
	hasCost bool
	// weight is the node's weight (nodeWeight) plus 1, or 0 before the
	// first walk that reaches it: the walks pass the same small nodes
	// again and again (they stop only at settled nodes of cost
	// minSettled or more), and a sum's weight looks at its terms.
	weight int16
	visit  uint32
}

// measEntry returns n's entry, made if n has none. The pointer is valid
// until the next call (the table may grow).
func (en *engine) measEntry(n symbolic.Expr) *measEntry {
	_, m := en.measures.at(n, 5*en.size/2)
	return m
}

// cost returns the remembered cost of n, if it has one.
func (en *engine) cost(n symbolic.Expr) (int64, bool) {
	m := en.measures.lookup(n)
	if m == nil {
		return 0, false
	}
	return m.cost, m.hasCost
}

// setCost remembers c as n's cost.
func (en *engine) setCost(n symbolic.Expr, c int64) {
	m := en.measEntry(n)
	m.cost, m.hasCost = c, true
}

// A baseline is the root of a search as measured: its fresh cost and the
// settled nodes it reaches, listed (each once) and as a set. The list is
// the top of the engine's stack of them (searches nest: a candidate's new
// children are searched while the candidate's search goes on).
type baseline struct {
	fresh  int64
	bounds []symbolic.Expr
	mark   int // where bounds starts on the engine's stack
	set    nodeSet
}

// newBaseline measures the root of a search into b. The caller releases
// it (releaseBaseline), the innermost first.
func (en *engine) newBaseline(b *baseline, root symbolic.Expr) {
	b.mark = len(en.boundStack)
	_, b.fresh = en.walkCost(root, &en.boundStack)
	b.bounds = en.boundStack[b.mark:len(en.boundStack):len(en.boundStack)]
	for _, n := range b.bounds {
		b.set.add(symbolic.KeyOf(n))
	}
}

// releaseBaseline takes b's nodes off the engine's stack and gives back
// the table of b's set, if it took one.
func (en *engine) releaseBaseline(b *baseline) {
	clear(en.boundStack[b.mark:])
	en.boundStack = en.boundStack[:b.mark]
	b.set.release()
}

// baseMeasure is measureRel of the root of a search against its own
// baseline: a walk that would reach what the baseline's reached, relative
// cost 0.
func (en *engine) baseMeasure(root symbolic.Expr) measure {
	t := en.intrinsic(root)
	return measure{rel: 0, tree: t.tree, minus: t.minus}
}

// measureRel measures candidate e against the search's root: e's fresh
// cost, plus the settled nodes e reaches that the root does not, minus
// those the root reaches that e does not. Candidates of one search compare
// by it as by their costs, without a walk below the settled nodes.
func (en *engine) measureRel(e symbolic.Expr, b *baseline) measure {
	// The settled nodes e reaches, each once, in a buffer the engine keeps
	// (nothing below measures again before it is read).
	en.reached = en.reached[:0]
	_, fresh := en.walkCost(e, &en.reached)
	reached := en.reached
	rel := fresh - b.fresh
	common := 0
	for _, n := range reached {
		if b.set.has(symbolic.KeyOf(n)) {
			common++
			continue
		}
		c, _ := en.cost(n)
		rel = satAdd(rel, c)
	}
	if common < len(b.bounds) {
		var in nodeSet
		for _, n := range reached {
			in.add(symbolic.KeyOf(n))
		}
		for _, n := range b.bounds {
			if !in.has(symbolic.KeyOf(n)) {
				c, _ := en.cost(n)
				rel -= c
			}
		}
		in.release()
	}
	clear(reached)
	t := en.intrinsic(e)
	return measure{rel: rel, tree: t.tree, minus: t.minus}
}

// better reports whether candidate a (measured ma) is preferred to b
// (measured mb) in one search: lower cost, then fewer minus signs, then the
// smaller tree, then fewer fractions, then the canonical order.
func (en *engine) better(a symbolic.Expr, ma measure, b symbolic.Expr, mb measure) bool {
	if ma.rel != mb.rel {
		return ma.rel < mb.rel
	}
	if a == b {
		return false
	}
	if za, zb := zeroCancelFactor(a), zeroCancelFactor(b); za != zb {
		return zb // of equal costs, the one without a new difference near zero (see newZeroCancel)
	}
	if ma.minus != mb.minus {
		return ma.minus < mb.minus
	}
	if ma.tree != mb.tree {
		return ma.tree < mb.tree
	}
	if fa, fb := en.treeFractions(a), en.treeFractions(b); fa != fb {
		return fa < fb
	}
	return symbolic.Compare(a, b) < 0
}

// treeFractions counts the numbers in e that are not integers, written
// out as a tree, memoised: the last tie-break of better, which the search
// reaches again and again with its best candidate (fractions, a walk of
// the whole DAG at each call, was a sixth of the time on a chain of
// exp(-u) + x).
func (en *engine) treeFractions(e symbolic.Expr) int64 {
	switch x := e.(type) {
	case *symbolic.Number:
		if x.IsInt() {
			return 0
		}
		return 1
	case *symbolic.Symbol:
		return 0
	}
	if n, ok := en.fracs.Get(symbolic.KeyOf(e)); ok {
		return n
	}
	var n int64
	for _, c := range symbolic.Children(e) {
		n = satAdd(n, en.treeFractions(c))
	}
	en.fracs.Set(symbolic.KeyOf(e), n)
	return n
}

// localCost is Cost of e's rational skeleton (sums, products and integer
// powers), with every other node (a call, a root, a symbol) counted as a
// leaf of weight 1 however large it is. Forms of one rational function over
// the same kernels compare by it as by Cost, in time proportional to the
// skeleton. The second result is the skeleton's tree size, the third its
// minus signs.
func localCost(e symbolic.Expr) (cost, tree, minus int64) {
	seen := map[symbolic.Expr]treeInfo{}
	var walk func(n symbolic.Expr) treeInfo
	walk = func(n symbolic.Expr) treeInfo {
		if t, ok := seen[n]; ok {
			return t
		}
		t := treeInfo{tree: 1}
		if inSkeleton(n) {
			cost += int64(nodeWeight(n))
			for _, c := range symbolic.Children(n) {
				ct := walk(c)
				t.tree = satAdd(t.tree, ct.tree)
				t.minus = satAdd(t.minus, ct.minus)
			}
		} else {
			if x, ok := n.(*symbolic.Number); ok {
				cost += int64(nodeWeight(n))
				if x.Sign() < 0 {
					t.minus = 1
				}
			} else {
				cost++
			}
		}
		seen[n] = t
		return t
	}
	t := walk(e)
	return cost, t.tree, t.minus
}

// lessLocal is less by localCost: for choosing between forms of one
// rational function over the same kernels.
func lessLocal(a, b symbolic.Expr) bool {
	if a == b {
		return false
	}
	ca, ta, ma := localCost(a)
	cb, tb, mb := localCost(b)
	if ca != cb {
		return ca < cb
	}
	if ma != mb {
		return ma < mb
	}
	if ta != tb {
		return ta < tb
	}
	return symbolic.Compare(a, b) < 0
}

// settle makes sure e has a remembered cost, so that walks from the nodes
// above it stop there.
func (en *engine) settle(e symbolic.Expr) {
	if _, ok := en.cost(e); !ok {
		en.walkCost(e, nil)
	}
}

// costlier reports whether r costs more than e, its input, by Cost alone
// (dearer's tie-breaks aside), measured as dearer measures.
func (en *engine) costlier(r, e symbolic.Expr) bool {
	if !en.many {
		return Cost(r) > Cost(e)
	}
	var base baseline
	en.newBaseline(&base, e)
	defer en.releaseBaseline(&base)
	return en.measureRel(r, &base).rel > en.baseMeasure(e).rel
}

// dearer reports whether r is not preferred to e, its input: the guard that
// Simplify never returns something costlier. For one expression it is
// decided by Cost; for several (All), whose DAGs share most nodes, each
// would cost a walk of its whole DAG, so r is measured against e as
// candidates are (measureRel).
func (en *engine) dearer(r, e symbolic.Expr) bool {
	if !en.many {
		cr, ce := Cost(r), Cost(e)
		return cr > ce || (cr == ce && !less(r, cr, e, ce))
	}
	var base baseline
	en.newBaseline(&base, e)
	defer en.releaseBaseline(&base)
	me, mr := en.baseMeasure(e), en.measureRel(r, &base)
	return !en.better(r, mr, e, me)
}
