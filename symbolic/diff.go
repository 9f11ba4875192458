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
// met while building the result); Diff returns it as an error instead.
func D(e Expr, x *Symbol) Expr {
	d := differ{x: x}
	return d.diff(e)
}

// Diff is D with a context, options and errors returned instead of
// panicking. It stops with ctx's error when ctx is done (checked as the
// derivative grows, so the work done before is proportional to the nodes
// built so far). The options are:
//
//   - Order(n): the n-th derivative, D applied n times (e itself for n = 0);
//   - MaxNodes(n): stop with an *Error whose Limit is "MaxNodes" (wrapping
//     ErrLimit) when a derivative has more than n distinct nodes;
//   - Trace(&steps): record the rules applied, as a derivation shows them
//     (see Step).
//
// With Trace, Diff takes two rules apart where D folds them into the
// product rule: a product with factors free of x is a constant multiple,
// and one with negative powers a quotient. Its derivative is therefore
// equal to D's in value, and in form wherever neither applies. The steps
// come children before parents, one per distinct subexpression that
// depends on x (and for the new subexpressions the constant multiple and
// quotient rules split off), ending with e itself; none if e is x or free
// of x; with Order(n), the steps of each of the n derivatives in turn. A
// traced differentiation has work proportional to the size of e, like
// D's, but recurses as deep as e is and builds every step's result; D
// alone pays nothing for it.
func Diff(ctx context.Context, e Expr, x *Symbol, opts ...DiffOption) (r Expr, err error) {
	defer Recover(&err)
	c := diffConfig{order: 1}
	for _, o := range opts {
		o(&c)
	}
	r = e
	for range c.order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := differ{x: x, ctx: ctx, maxNodes: c.maxNodes}
		if c.steps != nil {
			d.trace = func(s Step) { *c.steps = append(*c.steps, s) }
			d.deps = map[Expr]bool{}
		}
		r = d.diff(r)
		if c.maxNodes > 0 {
			if n := Size(r); n > c.maxNodes {
				return nil, nodesLimit(c.maxNodes)
			}
		}
	}
	return r, nil
}

// A DiffOption changes what Diff computes or how far it goes.
type DiffOption func(*diffConfig)

type diffConfig struct {
	order    int
	maxNodes int
	steps    *[]Step
}

// Order makes Diff return the n-th derivative (e itself for n = 0).
func Order(n int) DiffOption { return func(c *diffConfig) { c.order = n } }

// MaxNodes bounds the number of distinct nodes of the derivative (of each,
// with Order): Diff stops with an *Error whose Limit is "MaxNodes" when a
// derivative has more. There is no bound if n <= 0.
func MaxNodes(n int) DiffOption { return func(c *diffConfig) { c.maxNodes = n } }

// Trace makes Diff append the steps of the derivation to *steps.
func Trace(steps *[]Step) DiffOption { return func(c *diffConfig) { c.steps = steps } }

func nodesLimit(max int) *Error {
	return &Error{
		Msg:   "the derivative has more than " + itoa(max) + " distinct nodes",
		Limit: "MaxNodes",
	}
}

// A Step is one application of a differentiation rule in a derivation:
// Expr differentiated into Result by Rule, from the derivatives of its
// Parts. The Rule's comment says what Factors and Parts hold for it; for
// the quotient rule, Parts are u and v and DParts u' and v'; for the chain
// rule through F(u), Func is F, Parts [u], Factors [F'(u)], DParts [u'].
type Step struct {
	// Rule is the rule applied.
	Rule Rule
	// Name is the rule's name in words: Rule.String(), or for the chain
	// rule the name from Func's row ("exponential rule", "derivative of
	// sin", "derivative of f" for an abstract f).
	Name string
	// Expr is the expression differentiated.
	Expr Expr
	// Func is the outer function of the chain rule, else nil.
	Func *Func
	// Factors are the rule's factors other than the derivatives of the
	// parts (the constant c, the outer derivative F'(u), ...).
	Factors []Expr
	// Parts are the subexpressions whose derivatives the rule combines,
	// in the order the rule uses them.
	Parts []Expr
	// DParts are the derivatives of Parts, in the same order; earlier
	// steps derive those of the parts that are neither the variable nor
	// free of it.
	DParts []Expr
	// Result is the derivative of Expr.
	Result Expr
}

type differ struct {
	x     *Symbol
	memo  smallmap.Map[Expr, *dval]
	trace func(Step)    // nil unless a caller asked for the steps (Trace)
	deps  map[Expr]bool // with trace: which nodes contain x (see depends)

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

// times returns the product fs * v: pending, or built at once when the
// steps are traced (each step shows its result as the rule builds it:
// Mul(fs..., v)).
func (d *differ) times(v *dval, fs ...Expr) *dval {
	if v.expr == Zero {
		return zeroVal
	}
	for _, f := range fs {
		if f == Zero {
			return zeroVal
		}
	}
	if d.trace != nil {
		return d.newVal(Mul(append(fs[:len(fs):len(fs)], d.build(v))...), nil)
	}
	var tail *factorList
	switch {
	case v.expr == nil:
		tail = v.chain
	case v.expr != One:
		tail = d.newLink(v.expr, nil)
	}
	for i := len(fs) - 1; i >= 0; i-- {
		tail = d.newLink(fs[i], tail)
	}
	return d.newVal(nil, tail)
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
// that. A traced differentiation always recurses: its rules for products
// differentiate new subexpressions, in the order a derivation shows them.
func (d *differ) get(e Expr) *dval {
	if r, ok := d.memo.Get(e); ok {
		return r
	}
	if d.depth >= maxDepth && d.trace == nil {
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
			return e.base(), true
		case 1:
			return e.exp(), true
		}
	case *Call:
		if i == 0 {
			return e.args[0], true
		}
	}
	return nil, false
}

// record enters the derivative r of e in the memo and checks the context
// and the bound on the memo's size.
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
}

// depends reports whether e contains x, memoised (traced only).
func (d *differ) depends(e Expr) bool {
	switch e := e.(type) {
	case *Number:
		return false
	case *Symbol:
		return e == d.x
	}
	if v, ok := d.deps[e]; ok {
		return v
	}
	v := false
	for _, c := range Children(e) {
		if d.depends(c) {
			v = true
			break
		}
	}
	d.deps[e] = v
	return v
}

// constant reports whether a rule treats e, whose derivative is v, as a
// constant: D where its derivative is 0, a traced Diff where it is free of x (a
// derivation shows the rule for x - x too).
func (d *differ) constant(e Expr, v *dval) bool {
	if d.trace != nil {
		return !d.depends(e)
	}
	return v.expr == Zero
}

// emit reports a step to the trace.
func (d *differ) emit(r Rule, e Expr, result *dval, factors, parts []Expr) {
	s := Step{Rule: r, Name: r.String(), Expr: e, Factors: factors, Parts: parts, Result: d.build(result)}
	s.DParts = make([]Expr, len(parts))
	for i, p := range parts {
		s.DParts[i] = d.diff(p)
	}
	d.trace(s)
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
	}
	if d.trace != nil && !d.depends(e) {
		return zeroVal
	}
	switch e := e.(type) {
	case *Sum:
		return d.sum(e)
	case *Product:
		if d.trace != nil {
			return d.productSteps(e)
		}
		return d.product(e)
	case *Power:
		return d.power(e)
	case *Call:
		return d.call(e)
	}
	panic(e)
}

// sum: (a + b)' = a' + b'.
func (d *differ) sum(e *Sum) *dval {
	terms := e.terms
	if d.trace != nil {
		terms = SumDisplayOrder(e)
	}
	var buf [4]*dval
	nonzero := buf[:0]
	for _, t := range terms {
		if dt := d.get(t); dt.expr != Zero {
			nonzero = append(nonzero, dt)
		}
	}
	var r *dval
	switch len(nonzero) {
	case 0:
		r = zeroVal
	case 1:
		r = nonzero[0] // (c + f)' = f', still pending
	default:
		r = d.sumOf(nonzero)
	}
	if d.trace != nil {
		d.emit(SumRule, e, r, nil, terms)
	}
	return r
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
// derivatives, all in the memo: the product rule, or the constant multiple
// rule where only one factor has a derivative.
func (d *differ) productOf(e *Product, ks []int) *dval {
	if len(ks) == 1 {
		k := ks[0]
		others := make([]Expr, 0, len(e.factors)-1)
		others = append(others, e.factors[:k]...)
		others = append(others, e.factors[k+1:]...)
		return d.constMultiple(Mul(others...), d.get(e.factors[k]))
	}
	terms := make([]Expr, len(ks))
	ix := newFactorIndex(e)
	for i, k := range ks {
		terms[i] = ix.replaceFactor(k, d.diff(e.factors[k]))
	}
	return d.newVal(Add(terms...), nil)
}

// constMultiple: (c g)' = c g'.
func (d *differ) constMultiple(c Expr, dg *dval) *dval { return d.times(dg, c) }

// quotient: (u/v)' = (v u' - u v')/v^2.
func (d *differ) quotient(u, v Expr, du, dv *dval) *dval {
	return d.newVal(Div(Sub(Mul(v, d.build(du)), Mul(u, d.build(dv))), Pow(v, Two)), nil)
}

// productSteps differentiates the product e as a derivation shows it: the
// factors free of x are a constant multiple of the product of the others;
// a product of factors that all contain x, with negative powers among
// them, is a quotient; any other, the product rule.
func (d *differ) productSteps(e *Product) *dval {
	var consts, deps []Expr
	for _, f := range e.factors {
		if d.depends(f) {
			deps = append(deps, f)
		} else {
			consts = append(consts, f)
		}
	}
	if len(consts) > 0 {
		c, g := Mul(consts...), Mul(deps...)
		r := d.constMultiple(c, d.get(g))
		d.emit(ConstantMultipleRule, e, r, []Expr{c}, []Expr{g})
		return r
	}
	if num, den, _ := SplitFraction(deps); len(num) > 0 && len(den) > 0 {
		u, v := Mul(num...), Mul(den...)
		r := d.quotient(u, v, d.get(u), d.get(v))
		d.emit(QuotientRule, e, r, nil, []Expr{u, v})
		return r
	}
	var ks []int
	for k, f := range e.factors {
		if d.get(f).expr != Zero {
			ks = append(ks, k)
		}
	}
	r := zeroVal
	if len(ks) > 0 {
		r = d.productOf(e, ks)
	}
	d.emit(ProductRule, e, r, nil, e.factors)
	return r
}

// call: the chain rule, F(u)' = F'(u) u'.
func (d *differ) call(e *Call) *dval {
	du := d.get(e.args[0])
	if du.expr == Zero && d.trace == nil {
		return zeroVal
	}
	outer := callLocal(e)
	r := d.times(du, outer)
	if d.trace != nil {
		s := Step{Rule: ChainRule, Name: ruleName(e.fn), Expr: e, Func: e.fn, Factors: []Expr{outer},
			Parts: []Expr{e.args[0]}, DParts: []Expr{d.build(du)}, Result: d.build(r)}
		d.trace(s)
	}
	return r
}

// power differentiates f^g: the power rule g f^(g-1) f' for an exponent
// free of x, the exponential rule f^g log(f) g' for a base free of x, and
// f^g (g' log(f) + g f'/f) in general. The first two are the local
// partials (see Local) times the derivative of the one part that varies.
func (d *differ) power(e *Power) *dval {
	f, g := e.base(), e.exp()
	df, dg := d.get(f), d.get(g)
	fc, gc := d.constant(f, df), d.constant(g, dg)
	var r *dval
	var rule Rule
	var lf [2]Expr
	switch {
	case fc && gc:
		return zeroVal
	case gc:
		// g and f^(g-1) stay separate pending factors: built first,
		// 2*(log(x) + 1) would distribute into 2*log(x) + 2 and no longer
		// collect with other terms in log(x) + 1.
		rule, lf = PowerRule, powerLocal(e, 0)
		r = d.times(df, lf[0], lf[1])
	case fc:
		rule, lf = ExponentialRule, powerLocal(e, 1)
		r = d.times(dg, lf[0], lf[1])
	default:
		rule, lf = GeneralPowerRule, [2]Expr{e, Apply(Log, f)}
		r = d.newVal(Mul(e, Add(Mul(d.build(dg), lf[1]), Mul(g, d.build(df), Pow(f, MinusOne)))), nil)
	}
	if d.trace != nil {
		parts := []Expr{f, g}
		switch rule {
		case PowerRule:
			parts = parts[:1]
		case ExponentialRule:
			parts = parts[1:]
		}
		d.emit(rule, e, r, []Expr{lf[0], lf[1]}, parts)
	}
	return r
}
