package parser

import (
	"slices"

	"github.com/symdiff/symdiff/internal/deepstack"
	"github.com/symdiff/symdiff/symbolic"
)

// directParser is the engine of Parse: the recursive descent of fastParser
// fused with the lowering of lower.go. It reads the tokens once, as the
// scanner makes them, and calls the symbolic constructors as it goes, in
// the order in which lower calls them on the syntax tree, without building
// the tree or a slice of the tokens: on a large input the tree (a node with
// a position for every token) and the tokens cost more to allocate and
// collect than the expression itself. Tests check that it returns what
// lower returns on the participle grammar's tree, errors included
// (TestDirectMatchesParticiple and FuzzParse).
//
// Like fastParser it sees only tokens that check accepts: a tokenReader
// checks each token before it becomes the current one, so that the
// recursion is bounded by MaxDepth. The constructors' errors are reported
// as lower reports them, l.off being the offset of the operation whose
// constructor runs, once the rest of the input has been lexed and checked
// (an error of the lexer or of check anywhere comes first, as when the
// tokens are all lexed and checked before the grammar runs).
type directParser struct {
	lowerer
	in tokenReader
	// operands holds the terms of the sums and the factors of the products
	// being read, innermost last: one slice for all of them, instead of a
	// new one for each sum and product (the constructors copy what they
	// keep).
	operands []symbolic.Expr
	// syms holds variables read recently, by a hash of their names: a
	// name read again is most often found here, without the intern
	// table's hash, lock and weak pointer. A name whose slot holds
	// another is made by symbolic.Sym and takes the slot. Made on the
	// first name, with a slot for every 16 bytes of the input, a power of
	// two from 64 to symSlots: a short command's parse does not make 32 KB
	// of slots for its few names.
	syms []symSlot
	memo memo
	// calls holds the functions of the calls being read, innermost last
	// (nil for a declared function's): where each is a call of the one
	// inside it, as in sin(sin(...sin(x))), the call a few levels out is
	// known as soon as the innermost is made (see prefetchAhead).
	calls []*symbolic.Func
	// hint is the last call hinted at (see call), made when the call
	// just made was hintMade, at hintDepth levels of calls.
	hint      symbolic.CallHint
	hintMade  symbolic.Expr
	hintDepth int
	// sampleAt is the offset at which reserve runs (0: it has run, or the
	// input is short), and interned the intern table's entries at the
	// start.
	sampleAt, interned int
	// split is the second half of a long input, read by another
	// goroutine once reserve has run (splitStarted); nil if there is
	// none or once it is taken or dropped (see split.go).
	split        *half
	splitStarted bool
	// topSum reports whether the input has a binary '+' or '-' at its
	// top level (see scan), for findSplit.
	topSum bool
	// stack is the stack reserved for the reading's recursion (see
	// parseDirect), which a second reading reserves too.
	stack int
	// parens counts the parentheses open. While a divisor in parentheses
	// is read, divisorDepth is their count inside it (0 otherwise), and
	// lastProduct holds the factors and the value of the product read
	// last at that depth, if nothing has made the group another value
	// since: a sum, or a minus sign that negates a term (see divisor).
	parens, divisorDepth int
	lastProduct          struct {
		factors []symbolic.Expr
		value   symbolic.Expr
	}
}

// symSlots is the most slots for variables a parser has.
const symSlots = 1024

// A symSlot holds a variable read and its name.
type symSlot struct {
	name string
	x    symbolic.Expr
}

// An input of reserveFrom bytes or more has its first sampleBytes read
// before the parser reserves room in the intern table for the rest (see
// reserve), for at most reserveTo bytes more. (Variables, so that tests
// can split short inputs: see split.go.)
var (
	reserveFrom = 256 << 10
	sampleBytes = 64 << 10
)

const reserveTo = 4 << 20

// A tokenReader lexes and checks the input one token at a time: the
// current token, checked, is ring[n%4], the token before it ring[(n-1)%4]
// and the two after it, lexed for the checker to look at, ring[(n+1)%4]
// and ring[(n+2)%4]. The tokens stay where the scanner writes them.
type tokenReader struct {
	scanner
	checker
	ring [4]token
	n    uint
}

// cur returns the current token.
func (r *tokenReader) cur() *token { return &r.ring[r.n%4] }

// peek returns the token after the current one, lexed but not checked.
func (r *tokenReader) peek() *token { return &r.ring[(r.n+1)%4] }

// start lexes the first tokens and makes the first one current.
func (r *tokenReader) start(src string, c *config) *Error {
	r.scanner = newScanner(src, c)
	r.checker = newChecker(src, c)
	// The first advance makes ring[0] current, with ring[3], zero, before
	// it.
	r.n = 3
	for i := range 2 {
		if err := r.next(&r.ring[i]); err != nil {
			return err
		}
	}
	return r.advance()
}

// advance makes the next token current: it lexes one more and checks the
// new current token. After an error of check it lexes the rest of the
// input, whose lexer error, if any, it reports instead (check runs on
// tokens that all lexed).
func (r *tokenReader) advance() *Error {
	r.n++
	n := r.n
	last := &r.ring[(n+2)%4]
	if err := r.next(last); err != nil {
		return err
	}
	switch last.typ {
	case tIdent:
		// Two tokens before the parser makes the symbol (see
		// symbolic.PrefetchSym).
		symbolic.PrefetchSym(last.text(r.scanner.src))
	case tNumber:
		// And the number: 60,000 new integers in 1 MB of (x + i)/(y - j)
		// waited for their slots.
		if v, ok := smallNumber(last.text(r.scanner.src)); ok {
			if r.ring[(n+1)%4].op == '-' {
				v = v.Neg() // most often read negated (see negativeLiteral)
			}
			symbolic.PrefetchNumber(v)
		}
	}
	cerr := r.step(&r.ring[(n-1)%4], &r.ring[n%4], &r.ring[(n+1)%4], last)
	if cerr == nil {
		return nil
	}
	for t := *last; t.typ != tEOF; {
		if err := r.next(&t); err != nil {
			return err
		}
	}
	return cerr
}

// rest reads and checks the tokens after the current one, and returns the
// first error.
func (r *tokenReader) rest() *Error {
	for r.cur().typ != tEOF {
		if err := r.advance(); err != nil {
			return err
		}
	}
	return nil
}

// readError carries an error of the lexer or of check out of the
// recursion: it is final, where a constructor's error waits for the rest
// of the input to be read (recoverError).
type readError struct{ err *Error }

// parseDirect returns the expression of src.
func parseDirect(src string, c *config) (e symbolic.Expr, err error) {
	p := &directParser{lowerer: lowerer{src: src, c: c}, memo: newMemo(len(src))}
	if err := p.in.start(src, c); err != nil {
		return nil, err
	}
	if len(src) > 2048 || len(src) >= reserveFrom {
		// A deeply nested input recurses as deep: give the goroutine the
		// stack it will need while the stack is shallow (see deepstack).
		// No deeper than the reading goes: past MaxDepth it stops with an
		// error (and unbalanced parentheses nest as deep as they are many).
		// The same scan tells planSplit whether the input is a sum.
		var d int
		d, p.topSum = scan(src)
		if c.maxDepth > 0 {
			d = min(d, c.maxDepth)
		}
		if d > 64 {
			p.stack = stackPerLevel * min(d, maxReserveLevels)
			deepstack.Reserve(p.stack)
		}
	}
	if len(src) >= reserveFrom {
		// A large input may make many nodes: how many its first
		// sampleBytes made says how much room to make for the rest (see
		// reserve).
		p.sampleAt, p.interned = sampleBytes, symbolic.Interned()
		p.planSplit()
	}
	defer p.recoverError(&e, &err)
	defer p.dropSplit()
	return p.expr(), nil
}

// recoverError turns a panic of the reading or of the lowering into the
// error *err, as lower does. An error of the lowering is reported only if
// the rest of the input lexes and checks.
func (p *directParser) recoverError(e *symbolic.Expr, err *error) {
	r := recover()
	if r == nil {
		return
	}
	var pe *Error
	switch r := r.(type) {
	case readError:
		*e, *err = nil, r.err
		return
	case errPanic:
		pe = r.err
	case *symbolic.Error:
		pe = errorAt(p.src, p.off, r.Msg)
		pe.Limit = r.Limit
	default:
		panic(r)
	}
	if rerr := p.in.rest(); rerr != nil {
		pe = rerr
	}
	*e, *err = nil, pe
}

// advance moves to the next token.
func (p *directParser) advance() {
	if err := p.in.advance(); err != nil {
		panic(readError{err})
	}
	if p.sampleAt > 0 && int(p.in.cur().off) >= p.sampleAt {
		p.reserve()
	}
}

// reserve makes room in the intern table for the nodes the rest of the
// input will make, at the rate its first bytes made them (up to reserveTo
// bytes more): where every name and call is new (a1*b1 + a2*b2 + ..., a
// node every 3.5 bytes), the tables are made once at their size rather than
// doubled as the nodes come; an input that repeats itself makes few and
// reserves little.
func (p *directParser) reserve() {
	defer p.startSplit()
	read := int(p.in.cur().off)
	made := symbolic.Interned() - p.interned
	p.sampleAt = 0
	if made <= 0 {
		return
	}
	rest := min(len(p.src)-read, reserveTo)
	symbolic.Reserve(int(int64(rest) * int64(made) / int64(read)))
	// The operands read so far are mostly the top-level sum's (or
	// product's): room for as many more at that rate, and for the second
	// half's (see split.go), so that the operands are not copied as they
	// grow, nor again when the halves are joined. (For a sum of 66,000
	// products, 2.6 MB less allocated, and faulted in, of 3.7.)
	if more := int(int64(len(p.operands)) * int64(len(p.src)-read) / int64(read)); more >= minOperandsHint {
		more += more / 8
		p.operands = slices.Grow(p.operands, more)
		if p.split != nil {
			p.split.hint = more/2 + more/8
		}
	}
}

// minOperandsHint is the number of operands to come from which reserve
// makes room for them at once.
const minOperandsHint = 1024

// next consumes the current token and returns it if it is the punctuation
// a or b; otherwise it reports false.
func (p *directParser) next(a, b byte) (token, bool) {
	t := p.in.cur()
	if !t.is(a, b) {
		return token{}, false
	}
	v := *t
	p.advance()
	return v, true
}

// The functions below mirror fastParser's, production by production, and
// lower.go's for what they build.

func (p *directParser) expr() symbolic.Expr {
	first := p.term()
	if !p.in.cur().is('+', '-') {
		return first
	}
	return p.sum(first)
}

// sum reads the rest of the sum whose first term is first.
func (p *directParser) sum(first symbolic.Expr) symbolic.Expr {
	base, opOff := p.open(first)
	for {
		if p.split != nil {
			p.atSplit('+')
		}
		if !p.nextTerm() {
			break
		}
	}
	p.off = opOff
	if p.atDivisorTop() {
		p.lastProduct.value = nil // a sum, whatever its value
	}
	return p.collect(base, opAdd, symbolic.Add)
}

// nextTerm reads the next term of a sum, after its '+' or '-', and pushes
// it; it reports false if no such operator comes next.
func (p *directParser) nextTerm() bool {
	t, ok := p.next('+', '-')
	if !ok {
		return false
	}
	p.push(p.signed(t))
	return true
}

// open pushes first, the first operand of a sum or a product, and
// returns where its operands start and the offset of its first operator.
func (p *directParser) open(first symbolic.Expr) (base, opOff int) {
	base = len(p.operands)
	p.push(first)
	return base, int(p.in.cur().off)
}

// sign returns v, negated if the sign or operator t is '-'.
func (p *directParser) sign(t token, v symbolic.Expr) symbolic.Expr {
	if t.op == '-' {
		if p.atDivisorTop() {
			p.lastProduct.value = nil
		}
		p.off = int(t.off)
		return p.apply1(opNeg, v, symbolic.Neg)
	}
	return v
}

// push appends x to the operands. A long sum or product grows them to
// twice their length at a time, where append would grow a large slice by
// a quarter (for a sum of 50,000 terms, 4 MB allocated and copied instead
// of 2).
func (p *directParser) push(x symbolic.Expr) {
	if len(p.operands) == cap(p.operands) {
		p.operands = slices.Grow(p.operands, max(len(p.operands), 8))
	}
	p.operands = append(p.operands, x)
}

// collect applies the constructor mk, named op, to the operands from base
// on and drops them.
func (p *directParser) collect(base int, op memoOp, mk func(...symbolic.Expr) symbolic.Expr) symbolic.Expr {
	xs := p.operands[base:]
	e, slot := p.memo.find(op, xs)
	if e == nil && len(xs) <= maxPrefetched {
		// The result's slot in the intern table, loaded while the
		// constructor puts the operands in order.
		switch op {
		case opMul:
			symbolic.PrefetchProduct(xs)
		case opAdd:
			symbolic.PrefetchSum(xs)
		}
	}
	if e == nil {
		e = mk(xs...)
		p.memo.put(slot, op, xs, e)
	}
	if op == opMul && p.atDivisorTop() {
		p.lastProduct.factors = append(p.lastProduct.factors[:0], xs...)
		p.lastProduct.value = e
	}
	clear(xs)
	p.operands = p.operands[:base]
	return e
}

// maxPrefetched is the most operands of a sum or product whose intern
// slot collect prefetches (see symbolic.PrefetchProduct): the terms of a
// polynomial, not a long sum, which the hint would not help.
const maxPrefetched = 8

func (p *directParser) term() symbolic.Expr {
	if t, ok := p.next('-', '+'); ok {
		return p.signed(t)
	}
	return p.product()
}

// signed reads the term after the sign or operator t and returns it,
// negated if t is '-'. A product after '-' is made negated: its first
// factor negated where it is a number, or else with -1 among its factors,
// rather than made and then negated, which makes the product twice (a
// subtracted term of an expanded polynomial, -47*x*y^2, made 47*x*y^2 as
// well). The canonical product is the same either way.
func (p *directParser) signed(t token) symbolic.Expr {
	if t.op != '-' || p.in.cur().is('-', '+') {
		return p.sign(t, p.term())
	}
	first, negated := p.negativeLiteral(t)
	if negated {
		if c := p.in.cur(); !c.is('*', '/') && !startsFactor(c) {
			return first
		}
		return p.mul(first, false)
	}
	first = p.power()
	if c := p.in.cur(); !c.is('*', '/') && !startsFactor(c) {
		return p.sign(t, first)
	}
	if n, ok := first.(*symbolic.Number); ok {
		return p.mul(symbolic.Neg(n), false)
	}
	return p.mul(first, true)
}

// startsFactor reports whether t starts a factor of an implicit product.
func startsFactor(t *token) bool {
	return t.typ == tNumber || t.typ == tIdent || t.typ == tFunc || t.op == '('
}

func (p *directParser) product() symbolic.Expr {
	first := p.power()
	if t := p.in.cur(); !t.is('*', '/') && !startsFactor(t) {
		return first
	}
	return p.mul(first, false)
}

// mul reads the rest of the product whose first factor is first, and
// negates it if neg is set.
func (p *directParser) mul(first symbolic.Expr, neg bool) symbolic.Expr {
	base, opOff := p.open(first)
	if neg {
		p.push(symbolic.MinusOne)
	}
	for {
		if p.split != nil {
			p.atSplit('*')
		}
		if !p.factor() {
			break
		}
	}
	p.off = opOff
	return p.collect(base, opMul, symbolic.Mul)
}

// factor reads the next factor of a product, after '*' or '/' or
// implicit, and pushes it; it reports false if no factor comes next.
func (p *directParser) factor() bool {
	var f symbolic.Expr
	if t, ok := p.next('*', '/'); ok {
		if t.op == '/' {
			f = p.divisor(t)
		} else {
			f = p.unary()
		}
	} else if startsFactor(p.in.cur()) {
		f = p.power()
	} else {
		return false
	}
	p.push(f)
	return true
}

func (p *directParser) unary() symbolic.Expr {
	if t, ok := p.next('-', '+'); ok {
		if v, ok := p.negativeLiteral(t); ok {
			return v
		}
		return p.sign(t, p.unary())
	}
	return p.power()
}

// negativeLiteral reads, after the minus sign or operator t, a number
// literal that no '^' follows, and returns its negation, made at once:
// x - 5 and 3*x^-2 make -5 and -2 without making 5 and 2 first (in 1 MB
// of (x + i)/(y - i - 1), 50,000 numbers fewer, each a look-up in the
// intern table that missed the cache). It reports false, reading
// nothing, where the current token is no such literal, or where t is a
// plus sign, or the literal is one that number reads through big.Rat
// (whose checks it leaves to number).
func (p *directParser) negativeLiteral(t token) (symbolic.Expr, bool) {
	c := p.in.cur()
	if t.op != '-' || c.typ != tNumber || p.in.peek().is('^', '^') {
		return nil, false
	}
	v, ok := smallNumber(c.text(p.src))
	if !ok {
		return nil, false
	}
	if p.atDivisorTop() {
		p.lastProduct.value = nil // as sign does
	}
	p.advance()
	return symbolic.NumberOf(v.Neg()), true
}

func (p *directParser) power() symbolic.Expr {
	b := p.primary()
	t, ok := p.next('^', '^')
	if !ok {
		return b
	}
	return p.raise(b, t)
}

// raise reads the exponent after the power operator t and raises b to it.
// A product in parentheses raised to a power is no divisor's product (see
// divisor), even where the power leaves its value as it was:
// 1/(2*(x + 1))^1 is 1/(2*x + 2), as lower.go reads it.
func (p *directParser) raise(b symbolic.Expr, t token) symbolic.Expr {
	p.lastProduct.value = nil
	e := p.unary()
	p.off = int(t.off)
	xs := [2]symbolic.Expr{b, e}
	v, slot := p.memo.find(opPow, xs[:])
	if v == nil {
		v = symbolic.PowLimit(b, e, p.c.maxNumberBits)
		p.memo.put(slot, opPow, xs[:], v)
	}
	return v
}

// apply1 returns mk(x), mk being the constructor named op.
func (p *directParser) apply1(op memoOp, x symbolic.Expr, mk func(symbolic.Expr) symbolic.Expr) symbolic.Expr {
	xs := [1]symbolic.Expr{x}
	v, slot := p.memo.find(op, xs[:])
	if v == nil {
		v = mk(x)
		p.memo.put(slot, op, xs[:], v)
	}
	return v
}

// inverse returns x^-1.
func inverse(x symbolic.Expr) symbolic.Expr { return symbolic.Pow(x, symbolic.MinusOne) }

// atDivisorTop reports whether the reading is at the top of a divisor in
// parentheses (see divisor).
func (p *directParser) atDivisorTop() bool {
	return p.divisorDepth != 0 && p.parens == p.divisorDepth
}

// divisor reads the operand after the division operator t and returns its
// inverse. A product in parentheses (no power of it, and no sign before
// it but one minus sign right before the product) divides factor by
// factor: a/(2*(x + 1)) is a * 2^-1 * (x + 1)^-1, the product
// (1/2)*a/(x + 1), where the inverse of the product, whose canonical form
// distributes the 2 into the sum, would be a/(2*x + 2). The value is the
// same; the reading keeps the form written, which is how the printer
// writes such a product (see symbolic.Format), so that its text reads
// back as the same node. lower.go's divisor reads the syntax tree so.
func (p *directParser) divisor(t token) symbolic.Expr {
	if !p.in.cur().is('(', '(') {
		f := p.unary()
		p.off = int(t.off)
		return p.apply1(opInv, f, inverse)
	}
	outer := p.divisorDepth
	p.divisorDepth = p.parens + 1
	p.lastProduct.value = nil
	f := p.unary()
	last := p.lastProduct.value
	p.divisorDepth = outer
	p.off = int(t.off)
	if last == nil || last != f {
		return p.apply1(opInv, f, inverse)
	}
	inv := make([]symbolic.Expr, len(p.lastProduct.factors))
	for i, x := range p.lastProduct.factors {
		inv[i] = inverse(x)
	}
	p.lastProduct.value = nil
	return symbolic.Mul(inv...)
}

func (p *directParser) primary() symbolic.Expr {
	t := *p.in.cur()
	p.advance()
	switch t.typ {
	case tNumber:
		return p.number(t.text(p.src), int(t.off))
	case tIdent:
		return p.symbol(t.text(p.src))
	case tFunc:
		return p.call(t)
	}
	// '('
	p.parens++
	x := p.expr()
	p.parens--
	p.advance() // ')'
	return x
}

// symbol returns the variable or constant name.
func (p *directParser) symbol(name string) symbolic.Expr {
	if p.syms == nil {
		n := 64
		for n < symSlots && 16*n < len(p.src) {
			n *= 2
		}
		p.syms = make([]symSlot, n)
	}
	// FNV-1a of the name picks the slot.
	h := uint32(2166136261)
	for i := 0; i < len(name); i++ {
		h = (h ^ uint32(name[i])) * 16777619
	}
	slot := &p.syms[h&uint32(len(p.syms)-1)]
	if slot.x != nil && slot.name == name {
		return slot.x
	}
	var x symbolic.Expr = symbolic.Pi
	if name != "π" {
		x = symbolic.Sym(name)
	}
	slot.name, slot.x = name, x
	return x
}

// call reads the arguments of the call of function token t.
func (p *directParser) call(t token) symbolic.Expr {
	base := len(p.operands)
	var f *symbolic.Func
	op := opNone // a declared function, sqrt: not remembered
	if t.fn != 0 {
		f = functions().funcs[t.fn-1]
		op = opCall + memoOp(t.fn)
	}
	p.calls = append(p.calls, f)
	p.advance() // '('
	for {
		a := p.expr()
		p.push(a)
		if _, ok := p.next(',', ','); !ok {
			break
		}
	}
	p.advance() // ')'
	p.calls = p.calls[:len(p.calls)-1]
	xs := p.operands[base:]
	e, slot := p.memo.find(op, xs)
	if e == nil {
		e = p.applyFunc(t.text(p.src), f, int(t.off), xs)
		if op != opNone {
			p.memo.put(slot, op, xs, e)
		}
	}
	clear(xs)
	p.operands = p.operands[:base]
	if n := len(p.calls); n >= prefetchAhead {
		// The call prefetchAhead levels out, if each level between is a
		// call of the one inside: its intern-table slot is loaded while
		// the levels between are made (a cache miss each on a long
		// input's large table; see symbolic.PrefetchCalls). Where the
		// call just made is that of the last one made, one level in,
		// its hint is the last hint's one level out: one hash of a
		// call, not prefetchAhead of them (7% of the parse of the
		// 1000-deep chains).
		if n == p.hintDepth-1 && symbolic.Extends(e, f, p.hintMade) {
			p.hint = p.hint.Out(p.calls[n-prefetchAhead])
		} else {
			p.hint = symbolic.PrefetchCalls(p.calls[n-prefetchAhead:], e)
		}
		p.hintMade, p.hintDepth = e, n
	}
	return e
}

// prefetchAhead is how many levels of nested calls out the reading of a
// call prefetches (see call).
const prefetchAhead = 4

// stackPerLevel is about the stack the reading takes per level of nested
// parentheses (the checker's and the reader's frames): with it reserved,
// the nested sigmoid of depth 1000 (2000 levels) reads without growing
// the stack on the way, 42 -> 14 M instructions.
const stackPerLevel = 512

// maxReserveLevels bounds the levels stack is reserved for where MaxDepth
// sets no limit: 100 000 levels, 51 MB.
const maxReserveLevels = 100_000
