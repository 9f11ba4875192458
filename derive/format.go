package derive

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

// A derivation is printed from a small document model: sections of groups
// of equation rows, each group with an optional label naming its rule.
type section struct {
	title  string
	groups []group
}

type group struct {
	label []piece // the rule, in words and math
	rows  []row
}

// A row is lhs = rhs; rows without lhs continue the chain of equalities
// above them.
type row struct {
	lhs, rhs term
	note     string // the rule that justifies this equality, if not the group's
}

// A piece of a label: words, or math when t is set.
type piece struct {
	words string
	t     term
}

// sections builds the document model of d.
func (d *Derivation) sections() []section {
	if d.Abridged {
		return d.abridgedSections()
	}
	var out []section
	fx := d.funcTerm()
	out = append(out, section{groups: []group{{rows: []row{{lhs: fx, rhs: ex(d.Func)}}}}})

	rules := section{title: "Rule by rule"}
	for i, s := range d.Steps {
		var label []piece
		label = append(label, piece{words: fmt.Sprintf("Step %d: %s", i+1, s.Rule)})
		if s.Inner != nil {
			label = append(label, piece{words: ", chain rule with "},
				piece{t: rawT{d.inner.Name() + " = " + symbolic.Format(s.Inner), latex.Name(d.inner.Name()) + " = " + latex.Format(s.Inner)}})
		}
		g := group{label: label}
		for _, l := range append(slices.Clone(s.lines), ex(s.Result)) {
			if len(g.rows) == 0 {
				g.rows = append(g.rows, row{lhs: derivT{s.Expr, d.v}, rhs: l})
			} else {
				g.rows = append(g.rows, row{rhs: l})
			}
		}
		rules.groups = append(rules.groups, g)
	}
	if len(d.Steps) == 0 {
		rules.groups = append(rules.groups, group{
			label: []piece{{words: d.trivialRule()}},
			rows:  []row{{lhs: derivT{d.Func, d.v}, rhs: ex(d.Derivative)}},
		})
	}
	out = append(out, rules)

	if len(d.Simplification) > 0 {
		g := group{label: []piece{{words: "Each equality names the rule that justifies it"}}}
		for i, rw := range d.Simplification {
			var lhs term
			if i == 0 {
				lhs = d.ratio(d.name, d.Var, d.v.partial)
				g.rows = append(g.rows, row{lhs: lhs, rhs: ex(rw.Before)})
			}
			g.rows = append(g.rows, row{rhs: ex(rw.After), note: rw.Rule})
		}
		out = append(out, section{title: "Simplification", groups: []group{g}})
	}

	out = append(out, section{title: "Result", groups: []group{{rows: []row{{lhs: d.ratio(d.name, d.Var, d.v.partial), rhs: ex(d.Result)}}}}})

	if g := d.Graph; g != nil {
		out = append(out, d.graphSection())
	}
	return out
}

// maxShownTree is the largest tree, in nodes, that an abridged derivation
// writes out. Past it, the derivative is shown in the intermediate
// variables.
const maxShownTree = 20000

// shown reports whether an abridged derivation writes e out.
func shown(e symbolic.Expr) bool { return symbolic.TreeSize(e) <= maxShownTree }

// funcShown is the function as a derivation shows it: Func, or for an
// abridged derivation, its definition in the intermediate variables (the
// function itself is hundreds of nodes, and as a deep nesting wider than
// a page of LaTeX).
func (d *Derivation) funcShown() symbolic.Expr {
	if d.Abridged && d.Graph != nil {
		return d.Graph.Nodes[len(d.Graph.Nodes)-1].Def
	}
	return d.Func
}

// funcTitle names the function in a title: the expression, or f(x) for an
// abridged derivation.
func (d *Derivation) funcTitle() rawT {
	if e := d.funcShown(); e != d.Func {
		return d.funcTerm()
	}
	return rawT{symbolic.Format(d.Func), latex.Format(d.Func)}
}

// abridgedSections is the document model of an abridged derivation: the
// function, its derivative through intermediate variables, and the
// result, each written out where its tree is small enough.
func (d *Derivation) abridgedSections() []section {
	fx := d.funcTerm()
	out := []section{{groups: []group{{rows: []row{{lhs: fx, rhs: ex(d.funcShown())}}}}}}
	lhs := d.ratio(d.name, d.Var, d.v.partial)
	g := d.Graph
	if g == nil {
		return append(out, section{title: "Result", groups: []group{{rows: []row{{lhs: lhs, rhs: ex(d.Result)}}}}})
	}
	out = append(out, d.graphSection())
	res := row{lhs: lhs, rhs: ex(d.Result)}
	switch {
	case shown(d.Result):
	case g.Paths != nil:
		res.rhs, res.note = g.pathProducts(), "in the intermediate variables above"
	default:
		res.rhs, res.note = g.accumulated(d, len(g.Nodes)-1), "with the derivatives accumulated above"
	}
	return append(out, section{title: "Result", groups: []group{{rows: []row{res}}}})
}

// trivialRule names the rule when there are no steps.
func (d *Derivation) trivialRule() string {
	if d.Func == symbolic.Expr(d.Var) {
		return "the derivative of the variable itself is 1"
	}
	return "constant rule: the expression does not depend on " + d.Var.Name()
}

// funcTerm is f(x), or f(w, x, b) for several variables.
func (d *Derivation) funcTerm() rawT {
	vars := symbolic.Symbols(d.Func)
	if len(vars) == 0 {
		vars = []*symbolic.Symbol{d.Var}
	}
	var text, tex []string
	for _, v := range vars {
		text = append(text, v.Name())
		tex = append(tex, latex.Name(v.Name()))
	}
	return rawT{
		d.name.Name() + "(" + strings.Join(text, ", ") + ")",
		latex.Name(d.name.Name()) + "(" + strings.Join(tex, ", ") + ")",
	}
}

func (d *Derivation) ratio(num, den *symbolic.Symbol, partial bool) term {
	return ratioT{&variable{sym: num}, &variable{sym: den}, partial}
}

// graphSection is the view through intermediate variables.
func (d *Derivation) graphSection() section {
	g := d.Graph
	sec := section{title: "Through intermediate variables"}
	fwd := group{label: []piece{{words: "Forward: each operation gets a name"}}}
	if d.Abridged {
		fwd.label[0].words += fmt.Sprintf(" (%d distinct nodes, more than the %d of a derivation rule by rule)", d.size, d.maxNodes)
	}
	for _, n := range g.Nodes {
		fwd.rows = append(fwd.rows, row{lhs: ex(n.Name), rhs: ex(n.Def)})
	}
	local := group{label: []piece{{words: "Local derivatives"}}}
	for k, n := range g.Nodes {
		for i, in := range n.Inputs {
			local.rows = append(local.rows, row{lhs: d.ratio(n.Name, in, g.partial(k)), rhs: ex(n.Locals[i])})
		}
	}
	chain := group{label: []piece{{words: "Chain rule"}}}
	top := g.Nodes[len(g.Nodes)-1].Name
	lhs := d.ratio(top, d.Var, d.v.partial)
	if g.Paths != nil {
		ratios, locals := g.pathSums(d)
		chain.rows = []row{{lhs: lhs, rhs: ratios}, {rhs: locals}}
	} else {
		chain.label = []piece{{words: "Chain rule, accumulated from the variable up"}}
		var totals []symbolic.Expr
		if !d.Abridged {
			totals = g.totals()
		}
		for k, n := range g.Nodes {
			var ts []term
			for _, in := range n.Inputs {
				r := d.ratio(n.Name, in, g.partial(k))
				if in == g.Var {
					ts = append(ts, r)
				} else {
					ts = append(ts, mul(r, d.ratio(in, g.Var, d.v.partial)))
				}
			}
			switch {
			case k == len(g.Nodes)-1:
				chain.rows = append(chain.rows, row{lhs: lhs, rhs: add(ts...)})
			case d.Abridged:
				// Each total in the names is a sum over all the paths
				// below: an abridged derivation writes the local
				// derivatives and keeps its inputs' totals by name.
				chain.rows = append(chain.rows, row{lhs: d.ratio(n.Name, g.Var, d.v.partial), rhs: add(ts...)}, row{rhs: g.accumulated(d, k)})
			default:
				chain.rows = append(chain.rows, row{lhs: d.ratio(n.Name, g.Var, d.v.partial), rhs: add(ts...)}, row{rhs: ex(totals[k])})
			}
		}
		if d.Abridged {
			chain.rows = append(chain.rows, row{rhs: g.accumulated(d, len(g.Nodes)-1)})
		}
	}
	// An abridged derivation writes no InNames row: along paths, its
	// products stay in the paths' order (the canonical order of names, u_1,
	// u_10, u_100, ..., is not the graph's), and accumulated it has none.
	if !d.Abridged {
		chain.rows = append(chain.rows, row{rhs: ex(g.InNames)})
	}
	if !d.Abridged || shown(g.Result) {
		chain.rows = append(chain.rows, row{rhs: ex(g.Result)})
	}
	sec.groups = []group{fwd, local, chain}
	return sec
}

// pathSums returns the sum over the paths of the products of the local
// derivatives along them, as ratios (df/dv * dv/du * du/dx) and written
// out (cos(v) * cos(u) * cos(x)).
func (g *Graph) pathSums(d *Derivation) (ratios, locals term) {
	var rs, ls []term
	for _, p := range g.Paths {
		var r, l []term
		for _, e := range g.edges(p) {
			n := g.Nodes[e.n]
			r = append(r, d.ratio(n.Name, n.Inputs[e.i], g.partial(e.n)))
			l = append(l, ex(n.Locals[e.i]))
		}
		rs = append(rs, product(r))
		ls = append(ls, product(l))
	}
	return add(rs...), add(ls...)
}

// pathProducts returns the sum over the paths of the products of the local
// derivatives along them with their numbers multiplied out: the chain
// rule's last row without its ones, in the order of the paths.
func (g *Graph) pathProducts() term {
	var ts []term
	for _, p := range g.Paths {
		coef := symbolic.Expr(symbolic.One)
		fs := []term{nil}
		for _, e := range g.edges(p) {
			l := g.Nodes[e.n].Locals[e.i]
			if _, ok := l.(*symbolic.Number); ok {
				coef = symbolic.Mul(coef, l)
			} else {
				fs = append(fs, ex(l))
			}
		}
		fs[0] = ex(coef)
		ts = append(ts, mul(fs...))
	}
	return add(ts...)
}

// accumulated is node k's total derivative with its local derivatives
// written out and its inputs' totals by name: cos(u) * du/dx.
func (g *Graph) accumulated(d *Derivation, k int) term {
	n := g.Nodes[k]
	var ts []term
	for i, in := range n.Inputs {
		if in == g.Var {
			ts = append(ts, ex(n.Locals[i]))
		} else {
			ts = append(ts, mul(ex(n.Locals[i]), d.ratio(in, g.Var, d.v.partial)))
		}
	}
	return add(ts...)
}

// product shows factors as they are, ones and signs included.
func product(fs []term) term {
	if len(fs) == 1 {
		return fs[0]
	}
	return mulT{fs: fs}
}

// sameText reports whether two right-hand sides differ only in how they
// show multiplication (2 * x and 2*x, x \cdot 2 and x 2): whether they are
// equal without their spaces, stars and \cdot commands. It compares them
// in place, without copying them.
func sameText(a, b string) bool {
	i, j := 0, 0
	for {
		i, j = skipMul(a, i), skipMul(b, j)
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i, j = i+1, j+1
	}
}

// skipMul returns the offset of the first byte of s from i on that is not
// part of a space, a star or a \cdot.
func skipMul(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '*':
			i++
		case strings.HasPrefix(s[i:], `\cdot`):
			i += len(`\cdot`)
		default:
			return i
		}
	}
	return i
}

// rendered is a row with its sides written out.
type rendered struct{ lhs, rhs, note string }

// render writes the rows of a group, dropping a continuation row that
// repeats the one above it.
func (r renderer) render(rows []row) []rendered {
	var out []rendered
	for _, rw := range rows {
		x := rendered{rhs: r.rhs(rw.rhs), note: rw.note}
		if rw.lhs != nil {
			x.lhs = r.term(rw.lhs, 0)
		} else if len(out) > 0 && sameText(out[len(out)-1].rhs, x.rhs) && x.note == "" {
			continue
		}
		out = append(out, x)
	}
	return out
}

// texLineWidth is the longest right-hand side, in bytes of LaTeX, that a
// row writes on one line; a longer sum or product (a chain rule along a
// path of hundreds of names) continues on the lines below, so that it fits
// a page.
const texLineWidth = 160

// rhs writes the right-hand side t of a row: in LaTeX, a sum or product
// longer than texLineWidth broken into lines of an align* (or aligned)
// environment, each continuing the one above after \quad.
func (r renderer) rhs(t term) string {
	s := r.term(t, 0)
	if !r.tex || len(s) <= texLineWidth {
		return s
	}
	parts := r.pieces(t, "") // the operands, each with the operator before it
	if parts == nil {
		return s
	}
	var b strings.Builder
	line := 0
	for i, p := range parts {
		if i > 0 {
			if line+len(p) > texLineWidth {
				b.WriteString(" \\\\\n &\\quad ")
				line = 0
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(p)
		line += len(p) + 1
	}
	return b.String()
}

// pieces returns the operands of the product or sum t in LaTeX, each with
// the operator before it (the first with prefix), and the factors of a
// long product in a sum as operands of their own; nil if t is neither.
// A product as one expression (a canonical product of names) gives its
// factors as latex.Factors writes them.
func (r renderer) pieces(t term, prefix string) []string {
	var out []string
	switch t := t.(type) {
	case exprT:
		fs := latex.Factors(t.e)
		if fs == nil {
			return nil
		}
		out = append(out, prefix+fs[0])
		out = append(out, fs[1:]...)
	case mulT:
		for i, f := range t.fs {
			lead := prefix
			switch {
			case i == 0 && t.neg:
				lead += "-"
			case i > 0:
				lead = `\cdot `
			}
			// A long product among the factors is its factors, without
			// parentheses.
			if e, ok := f.(exprT); ok {
				if fs := latex.Factors(e.e); fs != nil && !strings.HasPrefix(fs[0], "-") && len(r.expr(e.e)) > texLineWidth {
					out = append(out, lead+fs[0])
					out = append(out, fs[1:]...)
					continue
				}
			}
			out = append(out, lead+r.term(f, symbolic.PrecPower))
		}
	case addT:
		for i, x := range t.ts {
			neg, pos := negated(x)
			op := ""
			switch {
			case neg:
				op = "- "
			case i > 0:
				op = "+ "
			}
			var ps []string
			if _, sum := pos.(addT); !sum && len(r.term(pos, 0)) > texLineWidth {
				// A product's factors; a sum in a sum keeps its
				// parentheses, on one line.
				ps = r.pieces(pos, prefix+op)
			}
			if ps == nil {
				ps = []string{prefix + op + r.term(pos, symbolic.PrecProduct)}
			}
			out = append(out, ps...)
			prefix = ""
		}
	}
	return out
}

func (r renderer) label(ps []piece, mathOpen, mathClose string) string {
	var b strings.Builder
	for _, p := range ps {
		if p.t != nil {
			b.WriteString(mathOpen + r.term(p.t, 0) + mathClose)
		} else {
			b.WriteString(p.words)
		}
	}
	return b.String()
}

// Text returns the derivation as plain text for a terminal, with
// expressions in the input syntax and equalities aligned.
func (d *Derivation) Text() string {
	r := newRenderer(false, d.Func)
	var b strings.Builder
	for i, sec := range d.sections() {
		if i > 0 {
			b.WriteString("\n")
		}
		indent := ""
		if sec.title != "" {
			b.WriteString(sec.title + "\n")
			indent = "  "
		}
		for _, g := range sec.groups {
			rowIndent := indent
			if len(g.label) > 0 {
				b.WriteString(indent + r.label(g.label, "", "") + "\n")
				rowIndent += "  "
			}
			width := 0
			for _, x := range r.render(g.rows) {
				note := ""
				if x.note != "" {
					note = "    (" + x.note + ")"
				}
				b.WriteString(rowIndent)
				if x.lhs != "" {
					width = utf8.RuneCountInString(x.lhs)
					b.WriteString(x.lhs)
				} else {
					b.WriteString(strings.Repeat(" ", width))
				}
				b.WriteString(" = ")
				b.WriteString(x.rhs)
				b.WriteString(note)
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

// alignRows writes rows for an align* or aligned environment; note, if
// not empty, goes on the first row after &&.
func alignRows(b *strings.Builder, rs []rendered, note string) {
	for i, x := range rs {
		if i > 0 {
			b.WriteString(" \\\\\n")
		}
		b.WriteString(x.lhs)
		b.WriteString(" &= ")
		b.WriteString(x.rhs)
		switch {
		case x.note != "" && strings.Contains(x.rhs, "\n"):
			// Beside the lines of a broken row the note's column would
			// start past the widest of them, off the page: it continues
			// the row instead.
			b.WriteString(" \\\\\n &\\quad \\text{(" + texText(x.note) + ")}")
		case x.note != "":
			b.WriteString(` && \text{` + texText(x.note) + `}`)
		case i == 0 && note != "":
			b.WriteString(" && " + note)
		}
	}
}

// texLabel writes a label in math mode: words in \text{}, math as it is.
func texLabel(ps []piece) string {
	r := renderer{tex: true}
	var parts []string
	for _, p := range ps {
		if p.t != nil {
			parts = append(parts, r.term(p.t, 0))
		} else if p.words != "" {
			parts = append(parts, `\text{`+texText(p.words)+`}`)
		}
	}
	return strings.Join(parts, " ")
}

// texText escapes words for \text{}.
func texText(s string) string {
	return strings.NewReplacer(`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `_`, `\_`, `%`, `\%`, `&`, `\&`, `#`, `\#`, `$`, `\$`, `^`, `\textasciicircum{}`, `~`, `\textasciitilde{}`).Replace(s)
}

// LaTeX returns the derivation as the body of an align* environment: one
// chain of equalities per step, the rule named on the right of its first
// line, the steps separated by a little space. Wrap it in
// \begin{align*} ... \end{align*} (amsmath).
func (d *Derivation) LaTeX() string {
	r := newRenderer(true, d.Func)
	var b strings.Builder
	first := true
	for _, sec := range d.sections() {
		for _, g := range sec.groups {
			if !first {
				b.WriteString(" \\\\[1ex]\n")
			}
			first = false
			alignRows(&b, r.render(g.rows), texLabel(g.label))
		}
	}
	b.WriteString("\n")
	return b.String()
}

// Markdown returns the derivation as a Markdown document: headings and
// labels in prose, the mathematics in $$ blocks holding an aligned
// environment, which MathJax (Jekyll, kramdown) and KaTeX both render.
// Labels show their mathematics in the input syntax, in code spans, so
// that no inline math delimiters are needed.
func (d *Derivation) Markdown() string {
	tex, txt := newRenderer(true, d.Func), newRenderer(false, d.Func)
	var b strings.Builder
	fmt.Fprintf(&b, "# Derivative of %s with respect to %s\n", "`"+d.funcTitle().text+"`", "`"+d.Var.Name()+"`")
	for _, sec := range d.sections() {
		if sec.title != "" {
			b.WriteString("\n## " + sec.title + "\n")
		}
		for _, g := range sec.groups {
			if len(g.label) > 0 {
				b.WriteString("\n" + txt.label(g.label, "`", "`") + "\n")
			}
			b.WriteString("\n$$\n\\begin{aligned}\n")
			alignRows(&b, tex.render(g.rows), "")
			b.WriteString("\n\\end{aligned}\n$$\n")
		}
	}
	return b.String()
}

// Standalone returns the derivations, one section each, as one complete
// LaTeX document that pdflatex compiles (it needs amsmath and geometry,
// both in TeX Live's basic packages): one derivation, or the successive
// partials of a mixed derivative, say. Its displays may break across
// pages (\allowdisplaybreaks): a derivation through hundreds of
// intermediate variables is one align* of as many rows.
func Standalone(ds ...*Derivation) string {
	var b strings.Builder
	b.WriteString(`\documentclass{article}
\usepackage{amsmath}
\usepackage[margin=2cm]{geometry}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\begin{document}
`)
	for i, d := range ds {
		if i > 0 {
			b.WriteString("\n")
		}
		d.standaloneBody(&b)
	}
	b.WriteString("\\end{document}\n")
	return b.String()
}

// standaloneBody writes the derivation's section of a LaTeX document.
func (d *Derivation) standaloneBody(b *strings.Builder) {
	tex := newRenderer(true, d.Func)
	fmt.Fprintf(b, "\\section*{Derivative of $%s$ with respect to $%s$}\n", d.funcTitle().tex, latex.Name(d.Var.Name()))
	for _, sec := range d.sections() {
		if sec.title != "" {
			b.WriteString("\n\\subsection*{" + texText(sec.title) + "}\n")
		}
		for _, g := range sec.groups {
			if len(g.label) > 0 {
				var parts []string
				for _, p := range g.label {
					if p.t != nil {
						parts = append(parts, "$"+tex.term(p.t, 0)+"$")
					} else {
						parts = append(parts, texText(p.words))
					}
				}
				b.WriteString("\n" + strings.Join(parts, "") + "\n")
			}
			b.WriteString("\\begin{align*}\n")
			alignRows(b, tex.render(g.rows), "")
			b.WriteString("\n\\end{align*}\n")
		}
	}
}
