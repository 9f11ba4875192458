package parser

import "github.com/alecthomas/participle/v2/lexer"

// fastParser builds the same syntax tree as the participle grammar in
// grammar.go, by recursive descent over the tokens: the engine of Parse and
// Explain unless the Participle option asks for the grammar itself.
// Participle's reflective parsing costs several microseconds per token
// (25 us for the sigmoid, about 75 ms for the 14 KB, 3000-parenthesis
// nested-sigmoid workload); this does the same work ten to fifty times
// faster. Tests check that the two build identical trees for every input
// they parse (see TestFastPathMatchesParticiple and FuzzParse). It runs only on token
// streams that check accepted, so it needs no error handling, and its
// recursion is bounded by MaxDepth.
type fastParser struct {
	toks []lexer.Token
	i    int
}

func (p *fastParser) punct(vals ...string) (lexer.Token, bool) {
	t := p.toks[p.i]
	if t.Type != tPunct {
		return t, false
	}
	for _, v := range vals {
		if t.Value == v {
			p.i++
			return t, true
		}
	}
	return t, false
}

func (p *fastParser) expr() *expr {
	x := &expr{Left: p.term()}
	for {
		t, ok := p.punct("+", "-")
		if !ok {
			return x
		}
		x.Rest = append(x.Rest, &addOp{Pos: t.Pos, Op: t.Value, Term: p.term()})
	}
}

func (p *fastParser) term() *term {
	if t, ok := p.punct("-", "+"); ok {
		return &term{Pos: t.Pos, Sign: t.Value, Operand: p.term()}
	}
	pos := p.toks[p.i].Pos // before p.product() moves p.i
	return &term{Pos: pos, Product: p.product()}
}

func (p *fastParser) product() *product {
	x := &product{Left: p.power()}
	for {
		if t, ok := p.punct("*", "/"); ok {
			x.Rest = append(x.Rest, &mulOp{Pos: t.Pos, Op: t.Value, Operand: p.unary()})
			continue
		}
		t := p.toks[p.i]
		if t.Type == tNumber || t.Type == tIdent || t.Type == tFunc || t.Type == tPunct && t.Value == "(" {
			x.Rest = append(x.Rest, &mulOp{Pos: t.Pos, Implicit: p.power()})
			continue
		}
		return x
	}
}

func (p *fastParser) unary() *unary {
	if t, ok := p.punct("-", "+"); ok {
		return &unary{Pos: t.Pos, Sign: t.Value, Operand: p.unary()}
	}
	pos := p.toks[p.i].Pos // before p.power() moves p.i
	return &unary{Pos: pos, Power: p.power()}
}

func (p *fastParser) power() *power {
	x := &power{Base: p.primary()}
	if t, ok := p.punct("^", "**"); ok {
		x.Exp = &powExp{Pos: t.Pos, Operand: p.unary()}
	}
	return x
}

func (p *fastParser) primary() *primary {
	t := p.toks[p.i]
	p.i++
	x := &primary{Pos: t.Pos}
	switch t.Type {
	case tNumber:
		v := t.Value
		x.Number = &v
	case tIdent:
		v := t.Value
		x.Ident = &v
	case tFunc:
		c := &call{Pos: t.Pos, Name: t.Value}
		p.i++ // '('
		c.Args = append(c.Args, p.expr())
		for {
			if _, ok := p.punct(","); !ok {
				break
			}
			c.Args = append(c.Args, p.expr())
		}
		p.i++ // ')'
		x.Call = c
	default: // '('
		x.Paren = p.expr()
		p.i++ // ')'
	}
	return x
}
