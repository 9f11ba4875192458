package parser

import (
	"strconv"
	"unicode"
)

// check reads the token stream once, before the grammar runs, and reports
// in the user's terms everything the grammar would reject: misplaced or
// dangling operators, unbalanced parentheses, functions without
// parentheses, commas outside calls, misspelt function names. It also
// measures nesting and enforces MaxDepth, so that the recursive grammar
// only ever sees input of bounded depth. After check succeeds the grammar
// accepts the tokens. It is a checker run over toks; Parse's engine runs a
// checker on the tokens as it reads them (tokenReader).
func check(src string, toks []token, c *config) *Error {
	k := newChecker(src, c)
	for i := range toks {
		prev := &noToken
		if i > 0 {
			prev = &toks[i-1]
		}
		if err := k.step(prev, &toks[i], tokenAt(toks, i+1), tokenAt(toks, i+2)); err != nil {
			return err
		}
	}
	return nil
}

// noToken is the token before the first: its typ is 0.
var noToken token

// tokenAt returns toks[i], or the EOF token past the end.
func tokenAt(toks []token, i int) *token {
	return &toks[min(i, len(toks)-1)]
}

// A checker checks a token stream one token at a time (step), with the
// two tokens after it: see check. Every error is reported at the token
// that shows it, so that a checker fed the tokens in order reports the
// same error as check on the whole stream.
type checker struct {
	src    string
	c      *config
	stack  []frame // the open parentheses, innermost last
	chain  int     // signs and powers in the current chain at this level
	depth  int     // open parentheses plus the chains of all levels
	expect bool    // an operand comes next
	// prev is the token before the one checked now (step); its typ is 0
	// before the first.
	prev *token
}

// A frame is an open parenthesis.
type frame struct {
	open int32 // the offset of the '('
	// name is the name before it if that is a tIdent: its offsets, or
	// 0, 0.
	nameOff, nameEnd int32
	call             bool // the parenthesis opens a function call
	chain            int  // the enclosing level's chain, restored at ')'
}

func newChecker(src string, c *config) checker {
	return checker{src: src, c: c, expect: true}
}

// step checks the token t, after prev (noToken before the first) and
// followed by next and next2 (EOF tokens past the end). After the EOF
// token it accepts nothing more.
func (k *checker) step(prev, t, next, next2 *token) *Error {
	k.prev = prev
	var err *Error
	switch {
	case k.prev.typ == 0 && t.typ == tEOF:
		err = errorAt(k.src, 0, "empty input")
	case k.expect:
		err = k.operand(t, next, next2)
	default:
		var implicit bool
		if implicit, err = k.afterOperand(t); implicit {
			// An implicit product: the token starts the next factor.
			err = k.operand(t, next, next2)
		}
	}
	return err
}

// errAt returns the error msg at token t.
func (k *checker) errAt(t *token, msg string) *Error {
	if t.typ == tEOF && k.prev.typ != 0 {
		// Point just past the last token rather than at trailing space.
		return errorAt(k.src, int(k.prev.end), msg)
	}
	return errorAt(k.src, int(t.off), msg)
}

// deeper counts a level of nesting at token t.
func (k *checker) deeper(t *token) *Error {
	k.depth++
	if k.depth > k.c.maxDepth {
		e := k.errAt(t, "expression is nested too deeply: more than "+strconv.Itoa(k.c.maxDepth)+" levels (MaxDepth)")
		e.Limit = "MaxDepth"
		return e
	}
	return nil
}

// operand checks the token t where an operand is expected.
func (k *checker) operand(t, next, next2 *token) *Error {
	src, c, prev := k.src, k.c, k.prev
	switch {
	case t.typ == tNumber:
	case t.typ == tIdent:
		if next.is('(', '(') {
			v := t.text(src)
			if s := suggest(v, c); s != "" {
				return k.errAt(t, "unknown function "+quote(v)+"; did you mean "+quote(s)+"?")
			}
			if looksLikeFunction(v) {
				return k.errAt(t, "unknown function "+quote(v)+"; "+declareHint(v)+", or write "+v+"*(...) for a product")
			}
		}
	case t.typ == tFunc:
		v := t.text(src)
		if !next.is('(', '(') {
			return k.errAt(t, "function "+quote(v)+" needs parentheses")
		}
		if next2.is(')', ')') {
			return k.errAt(next2, "function "+quote(v)+" needs an argument")
		}
		// The '(' comes next; stay in expect.
		return nil
	case t.op == '(':
		if next.is(')', ')') {
			return k.errAt(next, "expected an expression inside the parentheses")
		}
		if err := k.deeper(t); err != nil {
			return err
		}
		f := frame{open: t.off, call: prev.typ == tFunc, chain: k.chain}
		if prev.typ == tIdent {
			f.nameOff, f.nameEnd = prev.off, prev.end
		}
		k.stack = append(k.stack, f)
		k.chain = 0
		return nil
	case t.is('+', '-'):
		k.chain++
		return k.deeper(t)
	case t.op == ')' && len(k.stack) == 0:
		return k.errAt(t, "unexpected ')' with no matching '('")
	case prev.typ == 0 || prev.is('(', ','):
		if t.typ == tEOF {
			return k.errAt(t, "expected an expression after "+quote(prev.text(src)))
		}
		return k.errAt(t, "expected an expression before "+quote(t.text(src)))
	default:
		return k.errAt(t, "expected an expression after "+quote(prev.text(src)))
	}
	k.expect = false
	return nil
}

// afterOperand checks the token t after an operand. It reports whether t
// starts the next factor of an implicit product, which is then to be
// checked as an operand.
func (k *checker) afterOperand(t *token) (implicit bool, err *Error) {
	src := k.src
	switch {
	case t.is('+', '-') || t.is('*', '/'):
		k.depth -= k.chain
		k.chain = 0
		k.expect = true
	case t.op == '^':
		k.chain++
		k.expect = true
		return false, k.deeper(t)
	case t.op == ',':
		if len(k.stack) == 0 {
			return false, k.errAt(t, "unexpected ','")
		}
		top := k.stack[len(k.stack)-1]
		if !top.call {
			if top.nameEnd > 0 {
				name := src[top.nameOff:top.nameEnd]
				return false, k.errAt(&token{off: top.nameOff}, "unknown function "+quote(name)+"; "+declareHint(name))
			}
			return false, k.errAt(t, "expected ')' to close the '(' at "+at(src, top.open)+", found ','")
		}
		k.depth -= k.chain
		k.chain = 0
		k.expect = true
	case t.op == ')':
		if len(k.stack) == 0 {
			return false, k.errAt(t, "unexpected ')' with no matching '('")
		}
		top := k.stack[len(k.stack)-1]
		k.stack = k.stack[:len(k.stack)-1]
		k.depth -= k.chain + 1
		k.chain = top.chain
	case t.typ == tEOF:
		if len(k.stack) > 0 {
			return false, k.errAt(t, "parenthesis opened at "+at(src, k.stack[len(k.stack)-1].open)+" is never closed")
		}
	case t.typ == tNumber:
		return false, k.errAt(t, "expected an operator before "+quote(t.text(src)))
	default:
		k.depth -= k.chain
		k.chain = 0
		k.expect = true
		return true, nil
	}
	return false, nil
}

// at returns the line and column of offset off: "line:column".
func at(src string, off int32) string {
	p := errorAt(src, int(off), "")
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}

// looksLikeFunction reports whether an undeclared name followed by '(' is
// more likely meant as a function than as a factor of an implicit product:
// a name of two or more letters (foo(x)), or f, g or h, the usual names of
// functions. Other single letters, and names with digits or underscores
// (a(x+1), w_1(x+1)), multiply.
func looksLikeFunction(name string) bool {
	switch name {
	case "f", "g", "h":
		return true
	}
	n := 0
	for _, r := range name {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 2
}
