package derive

import (
	"strings"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

// A term is a formula as a derivation shows it: unlike a symbolic.Expr it
// is not put in canonical form, so that a rule can be shown before its
// parts are multiplied out (x^2 * d/dx sin(x), e^(-x) * (-1)).
type term interface{ isTerm() }

type (
	// exprT shows an expression as the printers do.
	exprT struct{ e symbolic.Expr }
	// derivT is the derivative operator applied to e: d/dx e.
	derivT struct {
		e symbolic.Expr
		v *variable
	}
	// ratioT is a derivative written as a ratio of differentials: df/du,
	// or ∂f/∂u when partial.
	ratioT struct {
		num, den *variable
		partial  bool
	}
	// mulT is a product shown factor by factor, with a leading minus sign
	// when neg is set.
	mulT struct {
		fs  []term
		neg bool
	}
	// addT is a sum; terms with a leading minus show as subtraction.
	addT struct{ ts []term }
	// fracT is a fraction.
	fracT struct{ num, den term }
	// powT is a power whose base is shown as it is (not multiplied out).
	powT struct {
		base term
		exp  symbolic.Expr
	}
	// rawT is ready-made text and LaTeX, such as f(x).
	rawT struct{ text, tex string }
)

func (exprT) isTerm()  {}
func (derivT) isTerm() {}
func (ratioT) isTerm() {}
func (mulT) isTerm()   {}
func (addT) isTerm()   {}
func (fracT) isTerm()  {}
func (powT) isTerm()   {}
func (rawT) isTerm()   {}

// A variable is a name as the derivation prints it, in text and in LaTeX.
type variable struct {
	sym *symbolic.Symbol
	// partial makes the derivative operator for this variable ∂/∂x: the
	// function has other variables.
	partial bool
}

func (v *variable) text() string  { return v.sym.Name() }
func (v *variable) latex() string { return latex.Name(v.sym.Name()) }

// ex wraps an expression as a term.
func ex(e symbolic.Expr) term { return exprT{e} }

// mul builds a product term, taking a numeric first factor of ±1 into the
// sign: mul(-1, a, b) shows as -a b.
func mul(fs ...term) term {
	neg := false
	var out []term
	for i, f := range fs {
		if e, ok := f.(exprT); ok && i == 0 {
			if n, ok := e.e.(*symbolic.Number); ok {
				switch {
				case n == symbolic.One:
					continue
				case n == symbolic.MinusOne:
					neg = true
					continue
				case n.Sign() < 0:
					neg = true
					f = ex(symbolic.Neg(n))
				}
			}
		}
		if m, ok := f.(mulT); ok && !m.neg {
			out = append(out, m.fs...)
			continue
		}
		out = append(out, f)
	}
	switch {
	case len(out) == 0:
		if neg {
			return ex(symbolic.MinusOne)
		}
		return ex(symbolic.One)
	case len(out) == 1 && !neg:
		return out[0]
	}
	return mulT{out, neg}
}

func add(ts ...term) term {
	if len(ts) == 1 {
		return ts[0]
	}
	return addT{ts}
}

// renderer writes terms as text or as LaTeX.
type renderer struct {
	tex bool
	// texts holds the text of each expression written so far: a
	// derivation writes the same expressions in many rows (a step's result
	// is a part of the next step's rows), and a nested expression's are
	// long. Nil writes every expression anew.
	texts map[symbolic.Expr]string
	// shared, if set, writes a number times a sum of the function as that
	// multiple: the partial of (w*x + b - y)^2 by b is 2*(w*x + b - y),
	// not 2*w*x - 2*y + 2*b (symbolic.SharedFormatter).
	shared *symbolic.SharedFormatter
}

// newRenderer returns a renderer that writes each expression once, and a
// number times a sum of f as that multiple.
func newRenderer(tex bool, f symbolic.Expr) renderer {
	return renderer{tex: tex, texts: map[symbolic.Expr]string{}, shared: symbolic.NewSharedFormatter(f)}
}

// expr writes an expression.
func (r renderer) expr(e symbolic.Expr) string {
	if s, ok := r.texts[e]; ok {
		return s
	}
	var s string
	switch {
	case r.tex && r.shared != nil:
		if k, sum, ok := r.shared.Multiple(e); ok {
			s = latex.Multiple(k, sum)
		} else {
			s = latex.Format(e)
		}
	case r.tex:
		s = latex.Format(e)
	case r.shared != nil:
		s = r.shared.Format(e)
	default:
		s = symbolic.Format(e)
	}
	if r.texts != nil {
		r.texts[e] = s
	}
	return s
}

func (r renderer) paren(s string) string {
	if r.tex {
		return latex.Paren(s)
	}
	return "(" + s + ")"
}

// prec returns the precedence of a term as r shows it.
func (r renderer) prec(t term) int {
	switch t := t.(type) {
	case exprT:
		p := symbolic.Precedence(t.e)
		if r.tex && p == symbolic.PrecProduct && latex.IsFraction(t.e) {
			return symbolic.PrecPower // \frac{}{} is a unit, but not a base
		}
		return p
	case derivT:
		return symbolic.PrecPower
	case ratioT:
		return symbolic.PrecPower // df/dw reads as one unit
	case mulT:
		return symbolic.PrecProduct
	case addT:
		return symbolic.PrecSum
	case fracT:
		if r.tex {
			return symbolic.PrecPower
		}
		return symbolic.PrecProduct
	case powT:
		return symbolic.PrecPower
	case rawT:
		return symbolic.PrecAtom
	}
	panic(t)
}

// term writes t, in parentheses if its precedence is below min.
func (r renderer) term(t term, min int) string {
	if r.prec(t) < min {
		return r.paren(r.term(t, 0))
	}
	switch t := t.(type) {
	case exprT:
		return r.expr(t.e)
	case derivT:
		op := r.op(t.v)
		arg := ex(t.e)
		if r.tex {
			if r.prec(arg) < symbolic.PrecPower {
				return op + r.paren(r.expr(t.e))
			}
			return op + " " + r.expr(t.e)
		}
		return op + "[" + r.expr(t.e) + "]"
	case ratioT:
		d := "d"
		if t.partial {
			d = "∂"
			if r.tex {
				d = `\partial `
			}
		}
		if r.tex {
			return `\frac{` + d + t.num.latex() + `}{` + d + t.den.latex() + `}`
		}
		return d + t.num.text() + "/" + d + t.den.text()
	case mulT:
		parts := make([]string, len(t.fs))
		for i, f := range t.fs {
			parts[i] = r.term(f, symbolic.PrecPower)
		}
		sep := " * "
		if r.tex {
			sep = ` \cdot `
		}
		s := strings.Join(parts, sep)
		if t.neg {
			s = "-" + s
		}
		return s
	case addT:
		var b strings.Builder
		for i, x := range t.ts {
			neg, pos := negated(x)
			switch {
			case i == 0:
				b.WriteString(r.term(x, symbolic.PrecProduct))
				continue
			case neg:
				b.WriteString(" - ")
				x = pos
			default:
				b.WriteString(" + ")
			}
			b.WriteString(r.term(x, symbolic.PrecProduct))
		}
		return b.String()
	case fracT:
		if r.tex {
			return `\frac{` + r.term(t.num, 0) + `}{` + r.term(t.den, 0) + `}`
		}
		return r.term(t.num, symbolic.PrecProduct) + "/" + r.term(t.den, symbolic.PrecPower)
	case powT:
		base := r.term(t.base, symbolic.PrecAtom)
		if r.tex {
			return base + `^{` + r.expr(t.exp) + `}`
		}
		return base + "^" + r.term(ex(t.exp), symbolic.PrecPower+1)
	case rawT:
		if r.tex {
			return t.tex
		}
		return t.text
	}
	panic(t)
}

// negated reports whether t shows with a leading minus sign, and returns
// the term without it.
func negated(t term) (bool, term) {
	switch t := t.(type) {
	case mulT:
		if t.neg {
			if len(t.fs) == 1 {
				return true, t.fs[0]
			}
			return true, mulT{t.fs, false}
		}
	case exprT:
		if symbolic.HasNegativeSign(t.e) {
			return true, ex(symbolic.Neg(t.e))
		}
	}
	return false, t
}

// op writes the derivative operator d/dx (∂/∂x in LaTeX when the function
// has other variables).
func (r renderer) op(v *variable) string {
	if r.tex {
		if v.partial {
			return `\frac{\partial}{\partial ` + v.latex() + `}`
		}
		return `\frac{d}{d` + v.latex() + `}`
	}
	if v.partial {
		return "∂/∂" + v.text()
	}
	return "d/d" + v.text()
}
