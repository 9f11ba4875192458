package symbolic

import (
	"context"

	"github.com/symdiff/symdiff/internal/smallmap"
)

// D returns the derivative of e with respect to the variable x. The result
// is built with the canonical constructors and is not otherwise simplified.
//
// D is a memoised walk over the DAG: every distinct node is differentiated
// once, so for an input of n distinct nodes it does O(n) node operations and
// the result shares the input's subexpressions. The one exception to linear
// size is the n-ary product rule, whose k-th term repeats the other factors;
// for a product of m factors that depend on x it builds m products.
//
// Functions that are not differentiable everywhere (abs, sign, step, relu)
// differentiate to their derivative where it exists (abs' = sign,
// relu' = step, sign' = step' = 0); see the function table's Doc strings
// for the points where the derivative does not exist.
//
// D panics with an *Error only where a constructor does (a division by zero
// met while building the result); use Diff for an error value.
func D(e Expr, x *Symbol) Expr {
	d := differ{x: x}
	return d.diff(e)
}

// Diff is D with errors returned instead of panicking.
func Diff(e Expr, x *Symbol) (r Expr, err error) {
	defer Recover(&err)
	return D(e, x), nil
}

// DContext is D with a context and a bound on the result: it stops with
// ctx's error when ctx is done, and with an *Error whose Limit is
// "MaxNodes" (wrapping ErrLimit) when the derivative has more than maxNodes
// distinct nodes (no bound if maxNodes <= 0). The work done before either
// is detected is proportional to the nodes built so far.
func DContext(ctx context.Context, e Expr, x *Symbol, maxNodes int) (r Expr, err error) {
	defer Recover(&err)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := differ{x: x, ctx: ctx, maxNodes: maxNodes}
	r = d.diff(e)
	if maxNodes > 0 {
		if n := Size(r); n > maxNodes {
			return nil, nodesLimit(maxNodes)
		}
	}
	return r, nil
}

func nodesLimit(max int) *Error {
	return &Error{
		Msg:   "the derivative has more than " + itoa(max) + " distinct nodes (raise the limit with --max-nodes)",
		Limit: "MaxNodes",
	}
}

// DN returns the n-th derivative of e with respect to x (e itself for
// n = 0).
func DN(e Expr, x *Symbol, n int) Expr {
	for i := 0; i < n; i++ {
		e = D(e, x)
	}
	return e
}

// A Step records that D differentiated Expr into Result. The rule applied
// follows from Expr's kind (sum, product or quotient, power, chain rule
// through a function); the sub-derivatives it combined are the Results of
// earlier steps for Expr's children.
type Step struct {
	Expr   Expr
	Result Expr
}

// DSteps is D that also returns the steps taken, children before parents,
// one per distinct subexpression that depends on x, ending with e itself.
// Derivation printers read it; D alone pays nothing for it.
func DSteps(e Expr, x *Symbol) (Expr, []Step) {
	var steps []Step
	d := differ{x: x, trace: func(s Step) { steps = append(steps, s) }}
	r := d.diff(e)
	if r == Zero && Contains(e, x) {
		// The derivative cancelled (asin(x) + acos(x)): the trace skips
		// zero results, but it still ends with e.
		steps = append(steps, Step{Expr: e, Result: r})
	}
	return r, steps
}

type differ struct {
	x     *Symbol
	memo  smallmap.Map[Expr, *dval]
	trace func(Step) // nil unless a caller asked for the steps

	// vals and links are the unused rest of the blocks that newVal and
	// newLink hand out: one allocation for many small records.
	vals  []dval
	links []factorList

	depth int // of the recursion through get (see walk)

	ctx      context.Context // nil: never cancelled
	maxNodes int             // > 0: bound on the memo, checked as it grows
}

// A dval is a derivative as the differentiator holds it: either built
// (expr), or a pending product of factors (chain). The chain rule makes
// long products: the derivative of f(g(h(x))) is f'*g'*h'. Built eagerly,
// each level would flatten the product of the level below into a new
// product one factor longer, O(d^2) work for a chain of depth d. A pending
// product shares its tail with the level below, so each level costs O(1),
// and the product is built once, where a sum or the caller needs it.
type dval struct {
	expr  Expr
	chain *factorList
}

// factorList is a persistent list of factors: f times the product of next.
type factorList struct {
	f    Expr
	next *factorList
}

func (d *differ) diff(e Expr) Expr { return d.build(d.get(e)) }

// build returns the expression of v, building it once.
func (d *differ) build(v *dval) Expr {
	if v.expr == nil {
		v.expr = v.product()
		v.chain = nil
	}
	return v.expr
}

// product multiplies out a pending product.
func (v *dval) product() Expr {
	var buf [8]Expr
	n := 0
	for l := v.chain; l != nil; l = l.next {
		n++
	}
	fs := buf[:0]
	if n > len(buf) {
		fs = make([]Expr, 0, n)
	}
	for l := v.chain; l != nil; l = l.next {
		fs = append(fs, l.f)
	}
	return Mul(fs...)
}

// times returns the pending product f * v.
func (d *differ) times(f Expr, v *dval) *dval {
	if v.expr == Zero || f == Zero {
		return zeroVal
	}
	if v.expr == One {
		return d.newVal(Expr(nil), d.newLink(f, nil))
	}
	tail := v.chain
	if v.expr != nil {
		tail = d.newLink(v.expr, nil)
	}
	return d.newVal(nil, d.newLink(f, tail))
}

// zeroVal and oneVal are the derivatives 0 and 1 (never modified: build
// only fills in a dval without an expr).
var zeroVal, oneVal = &dval{expr: Zero}, &dval{expr: One}

// blockSize is the number of dvals or factorLists allocated at once.
const blockSize = 16

// take returns the next record of *block, refilling it with blockSize new
// records when it is empty: one allocation for many small records.
func take[T any](block *[]T) *T {
	if len(*block) == 0 {
		*block = make([]T, blockSize)
	}
	r := &(*block)[0]
	*block = (*block)[1:]
	return r
}

func (d *differ) newVal(e Expr, chain *factorList) *dval {
	v := take(&d.vals)
	v.expr, v.chain = e, chain
	return v
}

func (d *differ) newLink(f Expr, next *factorList) *factorList {
	l := take(&d.links)
	l.f, l.next = f, next
	return l
}

// get returns the derivative of e: from the memo, or by recursion through
// rule while the recursion is less than maxDepth deep, or by walk below
// that.
func (d *differ) get(e Expr) *dval {
	if r, ok := d.memo.Get(e); ok {
		return r
	}
	if d.depth >= maxDepth {
		return d.walk(e)
	}
	d.depth++
	r := d.rule(e)
	d.depth--
	d.record(e, r)
	return r
}

// maxDepth is the depth of recursion through get beyond which walk takes
// over: recursion is the faster of the two on the expressions people type,
// walk the one whose stack does not grow with the expression's depth. A
// variable so that the tests can move it (TestWalkMatchesRecursion).
var maxDepth = 64

// walk differentiates root and every descendant of it that is not in the
// memo, children before parents and in the order of their operands, as a
// recursion would, but with a stack of its own: rule then finds every
// operand's derivative in the memo and never recurses. The goroutine's
// stack stays small whatever the depth of root; a recursion 5000 levels
// deep (the nested sigmoid of depth 1000) grew it to a megabyte or two by
// copying, and after a collection had shrunk it that cost more than the
// differentiation (and faulted in as many fresh pages).
func (d *differ) walk(root Expr) *dval {
	type frame struct {
		e    Expr
		next int // the operand to visit next
	}
	var buf [32]frame
	stack := append(buf[:0], frame{e: root})
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if c, ok := operand(top.e, top.next); ok {
			top.next++
			if _, done := d.memo.Get(c); !done {
				stack = append(stack, frame{e: c})
			}
			continue
		}
		e := top.e
		stack = stack[:len(stack)-1]
		d.record(e, d.rule(e))
	}
	r, _ := d.memo.Get(root)
	return r
}

// operand returns the i-th operand of e that rule differentiates, if any.
func operand(e Expr, i int) (Expr, bool) {
	switch e := e.(type) {
	case *Sum:
		if i < len(e.terms) {
			return e.terms[i], true
		}
	case *Product:
		if i < len(e.factors) {
			return e.factors[i], true
		}
	case *Power:
		switch i {
		case 0:
			return e.base, true
		case 1:
			return e.exp, true
		}
	case *Call:
		if i == 0 {
			return e.args[0], true
		}
	}
	return nil, false
}

// record enters the derivative r of e in the memo, checks the context and
// the bound on the memo's size, and reports the step to the trace.
func (d *differ) record(e Expr, r *dval) {
	d.memo.Set(e, r)
	if d.ctx != nil && d.memo.Len()%1024 == 0 {
		if err := d.ctx.Err(); err != nil {
			panic(&Error{Msg: "differentiation stopped: " + err.Error(), cause: err})
		}
		if d.maxNodes > 0 && d.memo.Len() > 4*d.maxNodes {
			panic(nodesLimit(d.maxNodes))
		}
	}
	if d.trace != nil && r.expr != Zero {
		d.step(e, r)
	}
}

// step reports the derivative r of e to the trace. It builds the result
// without settling the pending product, so that DSteps builds exactly what
// D builds.
func (d *differ) step(e Expr, r *dval) {
	res := r.expr
	if res == nil {
		res = (&dval{chain: r.chain}).product()
	}
	d.trace(Step{Expr: e, Result: res})
}

// rule differentiates e from the derivatives of its operands, which walk
// has put in the memo.
func (d *differ) rule(e Expr) *dval {
	switch e := e.(type) {
	case *Number:
		return zeroVal
	case *Symbol:
		if e == d.x {
			return oneVal
		}
		return zeroVal
	case *Sum:
		return d.sum(e)
	case *Product:
		return d.product(e)
	case *Power:
		return d.power(e)
	case *Call:
		du := d.get(e.args[0])
		if du.expr == Zero {
			return zeroVal
		}
		return d.callOf(e, du)
	}
	panic(e)
}

func (d *differ) sum(e *Sum) *dval {
	var buf [4]*dval
	nonzero := buf[:0]
	for _, t := range e.terms {
		if dt := d.get(t); dt.expr != Zero {
			nonzero = append(nonzero, dt)
		}
	}
	switch len(nonzero) {
	case 0:
		return zeroVal
	case 1:
		return nonzero[0] // (c + f)' = f', still pending
	}
	return d.sumOf(nonzero)
}

// sumOf returns the sum of the derivatives ds.
func (d *differ) sumOf(ds []*dval) *dval {
	ts := make([]Expr, len(ds))
	for i, v := range ds {
		ts[i] = d.build(v)
	}
	return d.newVal(Add(ts...), nil)
}

// product: (f1 f2 ... fn)' = sum over k of f1 ... fk' ... fn.
func (d *differ) product(e *Product) *dval {
	var buf [4]int
	ks := buf[:0]
	for k, f := range e.factors {
		if d.get(f).expr != Zero {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return zeroVal
	}
	return d.productOf(e, ks)
}

// productOf returns the derivative of e, whose factors ks have nonzero
// derivatives, all in the memo.
func (d *differ) productOf(e *Product, ks []int) *dval {
	if len(ks) == 1 {
		k := ks[0]
		others := make([]Expr, 0, len(e.factors)-1)
		others = append(others, e.factors[:k]...)
		others = append(others, e.factors[k+1:]...)
		return d.times(Mul(others...), d.get(e.factors[k]))
	}
	terms := make([]Expr, len(ks))
	ix := newFactorIndex(e)
	for i, k := range ks {
		terms[i] = ix.replaceFactor(k, d.diff(e.factors[k]))
	}
	return d.newVal(Add(terms...), nil)
}

// callOf returns the derivative of the call e, whose argument's derivative
// is du: the chain rule.
func (d *differ) callOf(e *Call, du *dval) *dval {
	u := e.args[0]
	var outer Expr
	if e.fn.abstract {
		outer = Apply(e.fn.Derivative(), u)
	} else {
		outer = e.fn.Deriv(u)
	}
	return d.times(outer, du)
}

// power differentiates f^g: g f^(g-1) f' for a constant exponent,
// f^g log(f) g' for a constant base, and f^g (g' log(f) + g f'/f) in
// general.
func (d *differ) power(e *Power) *dval {
	df, dg := d.get(e.base), d.get(e.exp)
	if df.expr == Zero && dg.expr == Zero {
		return zeroVal
	}
	return d.powerOf(e, df, dg)
}

// powerOf returns the derivative of e from those of its base and exponent.
func (d *differ) powerOf(e *Power, df, dg *dval) *dval {
	f, g := e.base, e.exp
	switch {
	case dg.expr == Zero:
		// g and f^(g-1) stay separate pending factors: built first,
		// 2*(log(x) + 1) would distribute into 2*log(x) + 2 and no longer
		// collect with other terms in log(x) + 1.
		return d.times(g, d.times(Pow(f, Add(g, MinusOne)), df))
	case df.expr == Zero:
		return d.times(Mul(e, Apply(Log, f)), dg)
	}
	return d.newVal(Mul(e, Add(Mul(d.build(dg), Apply(Log, f)), Mul(g, d.build(df), Pow(f, MinusOne)))), nil)
}
