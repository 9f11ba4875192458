package simplify

import "github.com/symdiff/symdiff/symbolic"

// A pattern is the compiled left-hand side of a rule. Pattern variables are
// numbered; a ground subpattern (one without variables) is a literal that
// matches its own interned node only.
type pattern struct {
	kind  patKind
	v     int            // pVar: the variable's index
	lit   symbolic.Expr  // pLit: the expression
	fn    *symbolic.Func // pCall: the function
	args  []*pattern     // pCall arguments; pPow base and exponent; pSum terms; pProd factors (non-numeric)
	num   symbolic.Rat   // pSum: the constant term (0 if none); pProd: the coefficient (1 if none)
	heads []opHead       // pSum, pProd: what the non-variable operands need, for a quick reject
	fixed []*pattern     // pSum, pProd: the non-variable operands
	free  []*pattern     // pSum, pProd: the variable operands
}

type patKind uint8

const (
	pVar patKind = iota
	pLit
	pCall
	pPow
	pSum
	pProd
)

// A head is the outermost shape of an expression: its kind, and the function
// for a call. Rules are indexed by the head of their left-hand side.
type head struct {
	kind patKind
	fn   *symbolic.Func
}

func headOf(e symbolic.Expr) head {
	switch e := e.(type) {
	case *symbolic.Sum:
		return head{kind: pSum}
	case *symbolic.Product:
		return head{kind: pProd}
	case *symbolic.Power:
		return head{kind: pPow}
	case *symbolic.Call:
		return head{kind: pCall, fn: e.Func()}
	}
	return head{kind: pLit}
}

// compile turns e into a pattern whose variables are the symbols in vars
// (index = position).
func compile(e symbolic.Expr, vars []*symbolic.Symbol) *pattern {
	if !hasVar(e, vars) {
		return &pattern{kind: pLit, lit: e}
	}
	switch e := e.(type) {
	case *symbolic.Symbol:
		for i, v := range vars {
			if v == e {
				return &pattern{kind: pVar, v: i}
			}
		}
	case *symbolic.Call:
		p := &pattern{kind: pCall, fn: e.Func()}
		for _, a := range e.Args() {
			p.args = append(p.args, compile(a, vars))
		}
		return p
	case *symbolic.Power:
		return &pattern{kind: pPow, args: []*pattern{compile(e.Base(), vars), compile(e.Exp(), vars)}}
	case *symbolic.Sum:
		return compileNary(pSum, qZero, e.Terms(), vars)
	case *symbolic.Product:
		return compileNary(pProd, qOne, e.Factors(), vars)
	}
	panic("simplify: cannot compile pattern " + e.String())
}

// compileNary compiles a sum or product pattern (kind) of the operands xs:
// the numeric operand, if any, becomes the pattern's num (else identity,
// the empty sum's or product's value); the others become its arguments.
func compileNary(kind patKind, identity symbolic.Rat, xs []symbolic.Expr, vars []*symbolic.Symbol) *pattern {
	p := &pattern{kind: kind, num: identity}
	for _, x := range xs {
		if n, ok := x.(*symbolic.Number); ok {
			p.num = n.Exact()
			continue
		}
		p.args = append(p.args, compile(x, vars))
	}
	p.heads = patHeads(p.args)
	p.fixed, p.free = splitVars(p.args)
	return p
}

func splitVars(ps []*pattern) (fixed, free []*pattern) {
	for _, q := range ps {
		if q.kind == pVar {
			free = append(free, q)
		} else {
			fixed = append(fixed, q)
		}
	}
	return fixed, free
}

// An opHead is what an operand pattern of a sum or product needs of the
// operand it matches: its head and, for a literal, that very node, or, for a
// power pattern with a literal exponent, that exponent (the matcher compares
// literals by pointer).
type opHead struct {
	h   head
	lit symbolic.Expr // the literal the operand must be, or nil
	exp symbolic.Expr // the exponent the operand (a power) must have, or nil
}

func (o opHead) accepts(x symbolic.Expr) bool {
	if headOf(x) != o.h || o.lit != nil && x != o.lit {
		return false
	}
	if o.exp != nil {
		w, ok := x.(*symbolic.Power)
		return ok && w.Exp() == o.exp
	}
	return true
}

func patHeads(ps []*pattern) []opHead {
	var hs []opHead
	for _, p := range ps {
		switch p.kind {
		case pVar:
			continue
		case pLit:
			hs = append(hs, opHead{h: headOf(p.lit), lit: p.lit})
		case pPow:
			o := opHead{h: head{kind: pPow}}
			if p.args[1].kind == pLit {
				o.exp = p.args[1].lit
			}
			hs = append(hs, o)
		default:
			hs = append(hs, opHead{h: head{kind: p.kind, fn: p.fn}})
		}
	}
	return hs
}

func hasVar(e symbolic.Expr, vars []*symbolic.Symbol) bool {
	for _, v := range vars {
		if symbolic.Contains(e, v) {
			return true
		}
	}
	return false
}

// A matcher holds the bindings of one match attempt.
type matcher struct {
	b     []symbolic.Expr // bindings, nil when unbound
	steps int             // work done, for the budget
	limit int             // give up after this much work
	// free holds the states of finished AC matches for the next ones: a
	// match allocated one per call, a megabyte per simplification of a
	// logistic loss's gradient. A nested pattern's match takes another.
	free []*acMatch
}

// bind tries to bind variable i to x; it returns an undo function and false
// if i is bound to something else.
func (m *matcher) bind(i int, x symbolic.Expr) (bool, bool) {
	if m.b[i] != nil {
		return m.b[i] == x, false
	}
	m.b[i] = x
	return true, true
}

// match calls k for each way p matches s; k returns true to stop. It
// returns true if k stopped it.
func (m *matcher) match(p *pattern, s symbolic.Expr, k func() bool) bool {
	m.steps++
	if m.steps > m.limit {
		return true
	}
	switch p.kind {
	case pLit:
		return p.lit == s && k()
	case pVar:
		ok, fresh := m.bind(p.v, s)
		if !ok {
			return false
		}
		stop := k()
		if fresh {
			m.b[p.v] = nil
		}
		return stop
	case pCall:
		c, ok := s.(*symbolic.Call)
		if !ok || c.Func() != p.fn || len(c.Args()) != len(p.args) || c.AtPole() {
			// A call at a pole (csc(0)) is an undefined constant, no
			// instance of the function's identities: 1/csc(0) is not
			// sin(0), which is 0 and would make 2 + 1/csc(0), put over
			// csc(0), into 0.
			return false
		}
		return m.matchList(p.args, c.Args(), k)
	case pPow:
		w, ok := s.(*symbolic.Power)
		if !ok {
			return false
		}
		return m.matchList(p.args, []symbolic.Expr{w.Base(), w.Exp()}, k)
	case pSum:
		num, terms := splitSum(s)
		return m.matchAC(p, num, terms, false, func(symbolic.Rat, []symbolic.Expr) bool { return k() })
	case pProd:
		num, fs := splitProduct(s)
		return m.matchAC(p, num, fs, false, func(symbolic.Rat, []symbolic.Expr) bool { return k() })
	}
	return false
}

// matchList matches patterns to expressions pairwise.
func (m *matcher) matchList(ps []*pattern, xs []symbolic.Expr, k func() bool) bool {
	switch len(ps) {
	case 0:
		return k()
	case 1:
		// A call of one argument, the most common: k itself continues.
		return m.match(ps[0], xs[0], k)
	}
	return m.match(ps[0], xs[0], func() bool { return m.matchList(ps[1:], xs[1:], k) })
}

// splitSum views s as a constant plus non-numeric terms.
func splitSum(s symbolic.Expr) (symbolic.Rat, []symbolic.Expr) {
	if s, ok := s.(*symbolic.Sum); ok {
		return splitNumber(s.Terms(), qZero)
	}
	return splitOne(s, qZero)
}

// splitProduct views s as a coefficient times non-numeric factors.
func splitProduct(s symbolic.Expr) (symbolic.Rat, []symbolic.Expr) {
	if s, ok := s.(*symbolic.Product); ok {
		return splitNumber(s.Factors(), qOne)
	}
	return splitOne(s, qOne)
}

// splitProductIn is splitProduct without an allocation: the factors of
// a term that is not a product (the term alone) are written to *one, so
// that a caller whose slice does not outlive it keeps them on its stack
// (splitProduct's one-element slices were a tenth of the simplifier's
// allocations on the XOR MLP's gradient).
func splitProductIn(s symbolic.Expr, one *[1]symbolic.Expr) (symbolic.Rat, []symbolic.Expr) {
	switch x := s.(type) {
	case *symbolic.Product:
		return splitNumber(x.Factors(), qOne)
	case *symbolic.Number:
		return x.Exact(), nil
	}
	one[0] = s
	return qOne, one[:]
}

// coefficient is the number of a term (1 if it has none), as
// splitProduct splits it.
func coefficient(s symbolic.Expr) symbolic.Rat {
	switch x := s.(type) {
	case *symbolic.Product:
		if n, ok := x.Factors()[0].(*symbolic.Number); ok {
			return n.Exact()
		}
	case *symbolic.Number:
		return x.Exact()
	}
	return qOne
}

// splitNumber splits the operands xs of a sum or product, in canonical
// order (a number first), into their number (identity if there is none)
// and the others.
func splitNumber(xs []symbolic.Expr, identity symbolic.Rat) (symbolic.Rat, []symbolic.Expr) {
	if n, ok := xs[0].(*symbolic.Number); ok {
		return n.Exact(), xs[1:]
	}
	return identity, xs
}

// splitOne is splitNumber for s, not a sum or product, taken as the only
// operand.
func splitOne(s symbolic.Expr, identity symbolic.Rat) (symbolic.Rat, []symbolic.Expr) {
	if n, ok := s.(*symbolic.Number); ok {
		return n.Exact(), nil
	}
	return identity, []symbolic.Expr{s}
}

// matchAC matches a sum or product pattern against the operands xs (and the
// numeric part num) of a subject, modulo associativity and commutativity.
// Each non-variable operand pattern takes one distinct operand. When partial
// is false (a nested pattern), everything must be used: the last unbound
// variable operand takes all the operands left over (and the numeric
// difference); when partial is true (the root of a rule), the left-over
// operands and number are passed to k as the rest, which the rewrite keeps.
func (m *matcher) matchAC(p *pattern, num symbolic.Rat, xs []symbolic.Expr, partial bool, k func(rest symbolic.Rat, left []symbolic.Expr) bool) bool {
	isSum := p.kind == pSum
	if len(xs) < len(p.heads) || !partial && len(p.free) == 0 && len(xs) != len(p.fixed) || !headsPresent(p.heads, xs) {
		return false
	}
	pnum := p.num
	// restNum is the numeric part left over: num - pnum for sums, num/pnum
	// for products (a product pattern's coefficient is never 0).
	var restNum symbolic.Rat
	if isSum {
		restNum = num.Sub(pnum)
	} else {
		restNum = num.Quo(pnum)
	}
	if partial && isSum && !pnum.Is(0) && num.Is(0) {
		return false
	}
	// Fixed (non-variable) operand patterns first, then variables.
	var a *acMatch
	if n := len(m.free); n > 0 {
		a, m.free = m.free[n-1], m.free[:n-1]
	} else {
		a = new(acMatch)
	}
	defer func() {
		*a = acMatch{}
		m.free = append(m.free, a)
	}()
	*a = acMatch{m: m, xs: xs, order: p.fixed, vars: p.free, restNum: restNum, isSum: isSum, partial: partial, k: k}
	if !partial && len(a.vars) == 0 && !a.restIsUnit() {
		// Nothing can take the numeric difference (2*sigmoid(2*a) against
		// 3*sigmoid(z)): fail before the operands bind, which can build a
		// large expression (a = z/2 for a long sum z).
		return false
	}
	if len(xs) > len(a.usedBuf) {
		a.used = make([]bool, len(xs))
	} else {
		a.used = a.usedBuf[:len(xs)]
	}
	return a.fixed(0)
}

// An acMatch is the state of one matchAC: which operands are taken, and
// the numeric part left over. One value holds it, rather than closures
// over matchAC's variables, so that a match allocates once.
type acMatch struct {
	m       *matcher
	xs      []symbolic.Expr
	used    []bool
	usedBuf [16]bool
	order   []*pattern // the fixed operand patterns
	vars    []*pattern // the variable ones
	restNum symbolic.Rat
	isSum   bool
	partial bool
	k       func(rest symbolic.Rat, left []symbolic.Expr) bool
}

// restIsUnit reports whether the numeric part left over is the identity.
func (a *acMatch) restIsUnit() bool {
	if a.isSum {
		return a.restNum.Is(0)
	}
	return a.restNum.Is(1)
}

// leftover returns the operands not taken.
func (a *acMatch) leftover() []symbolic.Expr {
	var left []symbolic.Expr
	for i, x := range a.xs {
		if !a.used[i] {
			left = append(left, x)
		}
	}
	return left
}

// fixed matches the fixed operand patterns from the i-th on, then the
// variables.
func (a *acMatch) fixed(i int) bool {
	if i == len(a.order) {
		return a.free(0)
	}
	// One continuation for every operand tried: made in the loop, it
	// would be allocated once per operand of a long product.
	next := func() bool { return a.fixed(i + 1) }
	for j, x := range a.xs {
		if a.used[j] {
			continue
		}
		a.used[j] = true
		if a.m.match(a.order[i], x, next) {
			a.used[j] = false
			return true
		}
		a.used[j] = false
	}
	return false
}

// free matches the variable operand patterns from the i-th on, then calls
// k.
func (a *acMatch) free(i int) bool {
	m := a.m
	if i == len(a.vars) {
		left := a.leftover()
		if a.partial {
			return a.k(a.restNum, left)
		}
		if len(left) != 0 || !a.restIsUnit() {
			return false
		}
		return a.k(a.restNum, nil)
	}
	q := a.vars[i]
	if i == len(a.vars)-1 && !a.partial {
		// The last variable takes everything left; bound already (as a is
		// in sigmoid(a)/sigmoid(-a)), everything left must be its value:
		// -a matches -2*x where a is 2*x.
		left := a.leftover()
		var x symbolic.Expr
		if a.isSum {
			if len(left) == 0 && a.restNum.Is(0) {
				return false
			}
			x = symbolic.Add(append(left, symbolic.NumberOf(a.restNum))...)
		} else {
			x = symbolic.Mul(append(left, symbolic.NumberOf(a.restNum))...)
		}
		if b := m.b[q.v]; b != nil {
			return b == x && a.k(a.restNum, nil)
		}
		m.b[q.v] = x
		stop := a.k(a.restNum, nil)
		m.b[q.v] = nil
		return stop
	}
	for j, x := range a.xs {
		if a.used[j] {
			continue
		}
		a.used[j] = true
		if m.match(q, x, func() bool { return a.free(i + 1) }) {
			a.used[j] = false
			return true
		}
		a.used[j] = false
	}
	return false
}

// headsPresent reports whether, for each operand pattern, xs has at least
// as many operands it accepts as there are operand patterns like it.
func headsPresent(hs []opHead, xs []symbolic.Expr) bool {
	for i, h := range hs {
		need := 0
		for _, g := range hs[:i+1] {
			if g == h {
				need++
			}
		}
		have := 0
		for _, x := range xs {
			if h.accepts(x) {
				have++
				if have >= need {
					break
				}
			}
		}
		if have < need {
			return false
		}
	}
	return true
}
