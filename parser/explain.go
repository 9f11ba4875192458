package parser

import "strings"

// explain writes the syntax tree fully parenthesised: every binary
// operation and every sign in parentheses, implicit products as '*', '**'
// as '^', numbers and names as written. Call arguments drop their outermost
// parentheses: sin(x + 1), not sin((x + 1)).
func explain(x *expr) string {
	var b strings.Builder
	w := explainer{&b}
	w.expr(x, false)
	return b.String()
}

type explainer struct{ b *strings.Builder }

// Each method writes its node; bare leaves out the outermost parentheses.

func (w explainer) open(n int, bare bool) {
	if bare {
		n--
	}
	for range n {
		w.b.WriteByte('(')
	}
}

func (w explainer) close(i, n int, bare bool) {
	if !bare || i < n-1 {
		w.b.WriteByte(')')
	}
}

func (w explainer) expr(x *expr, bare bool) { explainList(w, x, bare, w.term, w.addOp) }

func (w explainer) addOp(r *addOp) {
	w.b.WriteString(" " + r.Op + " ")
	w.term(r.Term, false)
}

// explainList writes x, whose first operand first writes and whose
// operators with their operands op writes, each operation in parentheses.
func explainList[T, Op any](w explainer, x *list[T, Op], bare bool, first func(*T, bool), op func(*Op)) {
	if len(x.Rest) == 0 {
		first(x.Left, bare)
		return
	}
	w.open(len(x.Rest), bare)
	first(x.Left, false)
	for i, r := range x.Rest {
		op(r)
		w.close(i, len(x.Rest), bare)
	}
}

func (w explainer) term(x *term, bare bool) { explainSigned(w, x, bare, w.product) }

// explainSigned writes x, whose unsigned operand value writes.
func explainSigned[T any](w explainer, x *signed[T], bare bool, value func(*T, bool)) {
	if x.Value != nil {
		value(x.Value, bare)
		return
	}
	w.open(1, bare)
	w.b.WriteString(x.Sign)
	explainSigned(w, x.Operand, false, value)
	w.close(0, 1, bare)
}

func (w explainer) product(x *product, bare bool) { explainList(w, x, bare, w.power, w.mulOp) }

func (w explainer) mulOp(r *mulOp) {
	if r.Implicit != nil {
		w.b.WriteString(" * ")
		w.power(r.Implicit, false)
	} else {
		w.b.WriteString(" " + r.Op + " ")
		w.unary(r.Operand, false)
	}
}

func (w explainer) unary(x *unary, bare bool) { explainSigned(w, x, bare, w.power) }

func (w explainer) power(x *power, bare bool) {
	if x.Exp == nil {
		w.primary(x.Base, bare)
		return
	}
	w.open(1, bare)
	w.primary(x.Base, false)
	w.b.WriteString(" ^ ")
	w.unary(x.Exp.Operand, false)
	w.close(0, 1, bare)
}

func (w explainer) primary(x *primary, bare bool) {
	switch {
	case x.Number != nil:
		w.b.WriteString(*x.Number)
	case x.Ident != nil:
		w.b.WriteString(*x.Ident)
	case x.Call != nil:
		w.b.WriteString(x.Call.Name + "(")
		for i, a := range x.Call.Args {
			if i > 0 {
				w.b.WriteString(", ")
			}
			w.expr(a, true)
		}
		w.b.WriteByte(')')
	default:
		w.expr(x.Paren, bare)
	}
}
