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
// accepts the tokens.
func check(src string, toks []token, c *config) *Error {
	type frame struct {
		open  int  // index of the '(' token
		call  bool // the parenthesis opens a function call
		chain int  // the enclosing level's chain, restored at ')'
	}
	var stack []frame
	chain := 0 // signs and powers in the current chain at this level
	depth := 0 // open parentheses plus the chains of all levels
	expect := true
	errAt := func(t token, msg string) *Error {
		if t.typ == tEOF && len(toks) > 1 {
			// Point just past the last token rather than at trailing space.
			return errorAt(src, int(toks[len(toks)-2].end), msg)
		}
		return errorAt(src, int(t.off), msg)
	}
	deeper := func(t token) *Error {
		depth++
		if depth > c.maxDepth {
			e := errAt(t, "expression is nested too deeply: more than "+strconv.Itoa(c.maxDepth)+" levels (MaxDepth)")
			e.Limit = "MaxDepth"
			return e
		}
		return nil
	}
	if len(toks) == 1 {
		return errorAt(src, 0, "empty input")
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		v := t.text(src)
		if expect {
			switch {
			case t.typ == tNumber:
			case t.typ == tIdent:
				if toks[i+1].is('(', '(') {
					if s := suggest(v, c); s != "" {
						return errAt(t, "unknown function "+quote(v)+"; did you mean "+quote(s)+"?")
					}
					if looksLikeFunction(v) {
						return errAt(t, "unknown function "+quote(v)+"; "+declareHint(v)+", or write "+v+"*(...) for a product")
					}
				}
			case t.typ == tFunc:
				if !toks[i+1].is('(', '(') {
					return errAt(t, "function "+quote(v)+" needs parentheses")
				}
				if next := toks[i+2]; next.is(')', ')') {
					return errAt(next, "function "+quote(v)+" needs an argument")
				}
				// The '(' comes next; stay in expect.
				i++
				continue
			case t.op == '(':
				if next := toks[i+1]; next.is(')', ')') {
					return errAt(next, "expected an expression inside the parentheses")
				}
				if err := deeper(t); err != nil {
					return err
				}
				stack = append(stack, frame{open: i, call: i > 0 && toks[i-1].typ == tFunc, chain: chain})
				chain = 0
				i++
				continue
			case t.is('+', '-'):
				chain++
				if err := deeper(t); err != nil {
					return err
				}
				i++
				continue
			case t.op == ')' && len(stack) == 0:
				return errAt(t, "unexpected ')' with no matching '('")
			case i == 0 || toks[i-1].is('(', ','):
				if t.typ == tEOF {
					return errAt(t, "expected an expression after "+quote(toks[i-1].text(src)))
				}
				return errAt(t, "expected an expression before "+quote(v))
			default:
				return errAt(t, "expected an expression after "+quote(toks[i-1].text(src)))
			}
			expect = false
			i++
			continue
		}
		// After an operand.
		switch {
		case t.is('+', '-') || t.is('*', '/'):
			depth -= chain
			chain = 0
			expect = true
		case t.op == '^':
			chain++
			if err := deeper(t); err != nil {
				return err
			}
			expect = true
		case t.op == ',':
			if len(stack) == 0 {
				return errAt(t, "unexpected ','")
			}
			top := stack[len(stack)-1]
			if !top.call {
				if top.open > 0 && toks[top.open-1].typ == tIdent {
					name := toks[top.open-1]
					return errAt(name, "unknown function "+quote(name.text(src))+"; "+declareHint(name.text(src)))
				}
				return errAt(t, "expected ')' to close the '(' at "+at(src, toks[top.open])+", found ','")
			}
			depth -= chain
			chain = 0
			expect = true
		case t.op == ')':
			if len(stack) == 0 {
				return errAt(t, "unexpected ')' with no matching '('")
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			depth -= chain + 1
			chain = top.chain
		case t.typ == tEOF:
			if len(stack) > 0 {
				return errAt(t, "parenthesis opened at "+at(src, toks[stack[len(stack)-1].open])+" is never closed")
			}
			return nil
		case t.typ == tNumber:
			return errAt(t, "expected an operator before "+quote(v))
		default:
			// An implicit product: the token starts the next factor.
			depth -= chain
			chain = 0
			expect = true
			continue
		}
		i++
	}
	return nil
}

// at returns the line and column of token t: "line:column".
func at(src string, t token) string {
	p := errorAt(src, int(t.off), "")
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
