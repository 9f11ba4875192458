package parser

import "github.com/symdiff/symdiff/symbolic"

// directParser is the engine of Parse: the recursive descent of fastParser
// fused with the lowering of lower.go. It reads the token stream once and
// calls the symbolic constructors as it goes, in the order in which lower
// calls them on the syntax tree, without building the tree: on a large
// input the tree (a node with a position for every token) costs more to
// allocate and collect than the expression itself. Tests check that it
// returns what lower returns on the participle grammar's tree, errors
// included (TestDirectMatchesParticiple and FuzzParse).
//
// Like fastParser it runs only on token streams that check accepted, and
// its recursion is bounded by MaxDepth. The constructors' errors are
// reported as lower reports them: l.off is the offset of the operation
// whose constructor runs.
type directParser struct {
	lowerer
	toks []token
	i    int
	// operands holds the terms of the sums and the factors of the products
	// being read, innermost last: one slice for all of them, instead of a
	// new one for each sum and product (the constructors copy what they
	// keep).
	operands []symbolic.Expr
	// syms holds the variables read so far, up to maxSyms of them: a name
	// read again is found here, without the intern table's hash, lock and
	// weak pointer. Past maxSyms names (an input of many distinct
	// variables) the others go to symbolic.Sym every time.
	syms map[string]symbolic.Expr
}

// maxSyms is the number of distinct variables a directParser keeps.
const maxSyms = 1024

// parseDirect returns the expression of the checked token stream toks of
// src.
func parseDirect(src string, toks []token, c *config) (e symbolic.Expr, err error) {
	p := &directParser{lowerer: lowerer{src: src, c: c}, toks: toks}
	defer p.recoverError(&e, &err)
	return p.expr(), nil
}

// recoverError turns a panic of the lowering into the error *err, as lower
// does.
func (p *directParser) recoverError(e *symbolic.Expr, err *error) {
	if r := recover(); r != nil {
		switch r := r.(type) {
		case errPanic:
			*e, *err = nil, r.err
		case *symbolic.Error:
			pe := errorAt(p.src, p.off, r.Msg)
			pe.Limit = r.Limit
			*e, *err = nil, pe
		default:
			panic(r)
		}
	}
}

// next consumes the next token and returns it if it is the punctuation a or
// b; otherwise it returns nil.
func (p *directParser) next(a, b byte) *token {
	t := &p.toks[p.i]
	if !t.is(a, b) {
		return nil
	}
	p.i++
	return t
}

// The functions below mirror fastParser's, production by production, and
// lower.go's for what they build.

func (p *directParser) expr() symbolic.Expr {
	first := p.term()
	if !p.toks[p.i].is('+', '-') {
		return first
	}
	return p.sum(first)
}

// sum reads the rest of the sum whose first term is first.
func (p *directParser) sum(first symbolic.Expr) symbolic.Expr {
	base, opOff := p.open(first)
	for {
		t := p.next('+', '-')
		if t == nil {
			break
		}
		p.operands = append(p.operands, p.sign(t, p.term()))
	}
	p.off = opOff
	return p.collect(base, symbolic.Add)
}

// open pushes first, the first operand of a sum or a product, and
// returns where its operands start and the offset of its first operator.
func (p *directParser) open(first symbolic.Expr) (base, opOff int) {
	base = len(p.operands)
	p.operands = append(p.operands, first)
	return base, int(p.toks[p.i].off)
}

// sign returns v, negated if the sign or operator t is '-'.
func (p *directParser) sign(t *token, v symbolic.Expr) symbolic.Expr {
	if t.op == '-' {
		p.off = int(t.off)
		return symbolic.Neg(v)
	}
	return v
}

// collect applies the constructor mk to the operands from base on and
// drops them.
func (p *directParser) collect(base int, mk func(...symbolic.Expr) symbolic.Expr) symbolic.Expr {
	e := mk(p.operands[base:]...)
	clear(p.operands[base:])
	p.operands = p.operands[:base]
	return e
}

func (p *directParser) term() symbolic.Expr {
	if t := p.next('-', '+'); t != nil {
		return p.sign(t, p.term())
	}
	return p.product()
}

// startsFactor reports whether t starts a factor of an implicit product.
func startsFactor(t *token) bool {
	return t.typ == tNumber || t.typ == tIdent || t.typ == tFunc || t.op == '('
}

func (p *directParser) product() symbolic.Expr {
	first := p.power()
	if t := &p.toks[p.i]; !t.is('*', '/') && !startsFactor(t) {
		return first
	}
	return p.mul(first)
}

// mul reads the rest of the product whose first factor is first.
func (p *directParser) mul(first symbolic.Expr) symbolic.Expr {
	base, opOff := p.open(first)
	for {
		var f symbolic.Expr
		if t := p.next('*', '/'); t != nil {
			f = p.unary()
			if t.op == '/' {
				p.off = int(t.off)
				f = symbolic.Pow(f, symbolic.MinusOne)
			}
		} else if startsFactor(&p.toks[p.i]) {
			f = p.power()
		} else {
			break
		}
		p.operands = append(p.operands, f)
	}
	p.off = opOff
	return p.collect(base, symbolic.Mul)
}

func (p *directParser) unary() symbolic.Expr {
	if t := p.next('-', '+'); t != nil {
		return p.sign(t, p.unary())
	}
	return p.power()
}

func (p *directParser) power() symbolic.Expr {
	b := p.primary()
	t := p.next('^', '^')
	if t == nil {
		return b
	}
	return p.raise(b, t)
}

// raise reads the exponent after the power operator t and raises b to it.
func (p *directParser) raise(b symbolic.Expr, t *token) symbolic.Expr {
	e := p.unary()
	p.off = int(t.off)
	return symbolic.PowLimit(b, e, p.c.maxNumberBits)
}

func (p *directParser) primary() symbolic.Expr {
	t := &p.toks[p.i]
	p.i++
	switch t.typ {
	case tNumber:
		return p.number(t.text(p.src), int(t.off))
	case tIdent:
		return p.symbol(t.text(p.src))
	case tFunc:
		return p.call(t)
	}
	// '('
	x := p.expr()
	p.i++ // ')'
	return x
}

// symbol returns the variable or constant name.
func (p *directParser) symbol(name string) symbolic.Expr {
	if x, ok := p.syms[name]; ok {
		return x
	}
	var x symbolic.Expr = symbolic.Pi
	if name != "π" {
		x = symbolic.Sym(name)
	}
	if len(p.syms) < maxSyms {
		if p.syms == nil {
			p.syms = make(map[string]symbolic.Expr)
		}
		p.syms[name] = x
	}
	return x
}

// call reads the arguments of the call of function token t.
func (p *directParser) call(t *token) symbolic.Expr {
	base := len(p.operands)
	p.i++ // '('
	for {
		a := p.expr()
		p.operands = append(p.operands, a)
		if p.next(',', ',') == nil {
			break
		}
	}
	p.i++ // ')'
	var f *symbolic.Func
	if t.fn != 0 {
		f = functions().funcs[t.fn-1]
	}
	e := p.applyFunc(t.text(p.src), f, int(t.off), p.operands[base:])
	clear(p.operands[base:])
	p.operands = p.operands[:base]
	return e
}
