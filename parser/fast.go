package parser

import "github.com/alecthomas/participle/v2/lexer"

// fastParser builds the same syntax tree as the participle grammar in
// grammar.go, by recursive descent over the tokens: the engine of Explain
// unless the Participle option asks for the grammar itself (Parse uses
// directParser, the same descent without the tree).
// Participle's parsing reflects over the grammar's structs at every token;
// this does the same work without reflection, several times faster
// (docs/benchmarks.md, BenchmarkExplain). Tests check that the two build identical trees for every input
// they parse (see TestFastPathMatchesParticiple and FuzzParse). It runs
// only on token streams that check accepted, so it needs no error
// handling, and its recursion is bounded by MaxDepth.
type fastParser struct {
	toks []lexer.Token
	i    int
	// The unused rest of the blocks the nodes are taken from: one
	// allocation for many nodes, which all live as long as the tree.
	exprs     []expr
	terms     []term
	products  []product
	unaries   []unary
	powers    []power
	primaries []primary
	calls     []call
	addOps    []addOp
	mulOps    []mulOp
	powExps   []powExp
}

// blockSize is the number of syntax nodes of a type allocated at once for
// an input of n tokens: a few for a short input, which needs few nodes of
// each type, up to 32.
func blockSize(n int) int { return min(max(n/8, 2), 32) }

// take returns a zeroed node from *block, refilling it with blockSize(n)
// nodes when it is empty.
func take[T any](block *[]T, n int) *T {
	if len(*block) == 0 {
		*block = make([]T, blockSize(n))
	}
	x := &(*block)[0]
	*block = (*block)[1:]
	return x
}

// The functions below keep their frames small: the recursion goes through
// five or six of them per parenthesis, and a deep input (the nested
// sigmoid of depth 1000 has 4000 levels) makes the goroutine's stack grow,
// by copying, to the sum of their frames. So tokens are referred to by
// pointer, never copied, and nodes are taken from blocks and filled field
// by field, so that no composite literal's operands wait in the frame
// across the calls that make the children.

// punct consumes the next token and returns it if it is the punctuation a
// or b; otherwise it returns nil.
func (p *fastParser) punct(a, b string) *lexer.Token {
	t := &p.toks[p.i]
	if t.Type != lexer.TokenType(tPunct) || t.Value != a && t.Value != b {
		return nil
	}
	p.i++
	return t
}

func (p *fastParser) expr() *expr {
	x := take(&p.exprs, len(p.toks))
	x.Left = p.term()
	for {
		t := p.punct("+", "-")
		if t == nil {
			return x
		}
		op := take(&p.addOps, len(p.toks))
		op.Pos, op.Op = t.Pos, t.Value
		op.Term = p.term()
		x.Rest = append(x.Rest, op)
	}
}

func (p *fastParser) term() *term { return parseSigned(p, &p.terms, p.product) }

// parseSigned reads a signed value, taking its nodes from *block; value
// reads the unsigned operand.
func parseSigned[T any](p *fastParser, block *[]signed[T], value func() *T) *signed[T] {
	x := take(block, len(p.toks))
	x.Pos = p.toks[p.i].Pos
	if t := p.punct("-", "+"); t != nil {
		x.Sign = t.Value
		x.Operand = parseSigned(p, block, value)
		return x
	}
	x.Value = value()
	return x
}

func (p *fastParser) product() *product {
	x := take(&p.products, len(p.toks))
	x.Left = p.power()
	for {
		var op *mulOp
		if t := p.punct("*", "/"); t != nil {
			op = take(&p.mulOps, len(p.toks))
			op.Pos, op.Op = t.Pos, t.Value
			op.Operand = p.unary()
		} else if t := &p.toks[p.i]; t.Type == lexer.TokenType(tNumber) || t.Type == lexer.TokenType(tIdent) || t.Type == lexer.TokenType(tFunc) || t.Type == lexer.TokenType(tPunct) && t.Value == "(" {
			op = take(&p.mulOps, len(p.toks))
			op.Pos = t.Pos
			op.Implicit = p.power()
		} else {
			return x
		}
		x.Rest = append(x.Rest, op)
	}
}

func (p *fastParser) unary() *unary { return parseSigned(p, &p.unaries, p.power) }

func (p *fastParser) power() *power {
	x := take(&p.powers, len(p.toks))
	x.Base = p.primary()
	if t := p.punct("^", "**"); t != nil {
		x.Exp = take(&p.powExps, len(p.toks))
		x.Exp.Pos = t.Pos
		x.Exp.Operand = p.unary()
	}
	return x
}

func (p *fastParser) primary() *primary {
	t := &p.toks[p.i]
	p.i++
	x := take(&p.primaries, len(p.toks))
	x.Pos = t.Pos
	switch tokType(t.Type) {
	case tNumber:
		x.Number = &t.Value
	case tIdent:
		x.Ident = &t.Value
	case tFunc:
		x.Call = p.call(t)
	default: // '('
		x.Paren = p.expr()
		p.i++ // ')'
	}
	return x
}

// call reads the arguments of the call of function token t.
func (p *fastParser) call(t *lexer.Token) *call {
	c := take(&p.calls, len(p.toks))
	c.Pos, c.Name = t.Pos, t.Value
	p.i++ // '('
	for {
		c.Args = append(c.Args, p.expr())
		if p.punct(",", ",") == nil {
			break
		}
	}
	p.i++ // ')'
	return c
}
