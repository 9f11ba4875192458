package latex

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"github.com/symdiff/symdiff/symbolic"
)

// Format returns e as LaTeX math, without delimiters ($ or \[), on one line.
// Sums show subtraction in reading order, products show division as
// \frac{}{}, and parentheses appear only where precedence needs them.
// The output uses only commands that LaTeX with amsmath, MathJax and KaTeX
// all know.
//
// Format writes into one buffer and decides each parenthesis and \cdot from
// the structure of the expression (memoised per node), not from the text
// already printed, so its time is linear in the length of the output.
func Format(e symbolic.Expr) string {
	p := newPrinter()
	p.expr(e, 0)
	return p.b.String()
}

type printer struct {
	b strings.Builder
	// looks remembers the look of each node met.
	looks map[symbolic.Expr]look
	// spans remembers where the text of each large node written so far
	// is, b.String()[start:end], so that a node that occurs again (the
	// DAG shares it) is copied from there rather than walked again: the
	// time is linear in the output even when the output repeats a large
	// subexpression many times. The map is made on the first such node.
	spans map[symbolic.Expr]span
	// plain is a sum being written in parentheses or as a fraction's
	// side, as its terms (see symbolic.FractionalMultiple).
	plain *symbolic.Sum
}

// A span is where a node's text is in the output: b.String()[start:end].
type span struct{ start, end int }

// minSpan is the shortest text that spans remember: below it, writing a
// node again costs about what finding it costs.
const minSpan = 64

func newPrinter() *printer {
	return &printer{looks: map[symbolic.Expr]look{}}
}

// checkStructure, set by tests, makes the printer check every structural
// prediction (tall, \frac, \cdot) against the text it then wrote.
var checkStructure = false

// verify panics if a prediction about the text written since start is
// wrong (tests only; see checkStructure).
func (p *printer) verify(start int, what string, predicted, actual func(string) bool) {
	if s := p.b.String()[start:]; predicted(s) != actual(s) {
		panic("latex: structural " + what + " of " + strconv.Quote(s) + " mispredicted")
	}
}

// paren writes the output of body in parentheses, \left( \right) if tall.
func (p *printer) paren(tall bool, body func()) {
	start := p.b.Len()
	if tall {
		p.b.WriteString(`\left(`)
		body()
		p.b.WriteString(`\right)`)
	} else {
		p.b.WriteByte('(')
		body()
		p.b.WriteByte(')')
	}
	if checkStructure {
		p.verify(start, "tallness", func(string) bool { return tall }, func(s string) bool {
			inner := strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
			if tall {
				inner = strings.TrimSuffix(strings.TrimPrefix(s, `\left(`), `\right)`)
			}
			return isTall(inner)
		})
	}
}

// expr writes e, in parentheses if its precedence is below min.
func (p *printer) expr(e symbolic.Expr, min int) {
	if s, ok := e.(*symbolic.Sum); ok && min <= symbolic.PrecSum && s != p.plain {
		if c, prim, ok := symbolic.FractionalMultiple(s); ok {
			// rac{x^{2} + y^{2}}{2}, as the text printer writes it
			// (x^2 + y^2)/2; the look (tall, a rac) is its terms'.
			p.fractionalMultiple(c, prim)
			return
		}
	}
	if symbolic.Precedence(e) < min {
		p.paren(p.tall(e), func() { p.plainly(e, 0) })
		return
	}
	switch e.(type) {
	case *symbolic.Number, *symbolic.Symbol:
		p.body(e)
		return
	}
	if sp, ok := p.spans[e]; ok {
		// The Builder never changes bytes it has written.
		p.b.WriteString(p.b.String()[sp.start:sp.end])
		return
	}
	start := p.b.Len()
	p.body(e)
	if p.b.Len()-start >= minSpan {
		if p.spans == nil {
			p.spans = map[symbolic.Expr]span{}
		}
		p.spans[e] = span{start, p.b.Len()}
	}
}

// body writes e without parentheses.
func (p *printer) body(e symbolic.Expr) {
	switch e := e.(type) {
	case *symbolic.Number:
		p.number(e)
	case *symbolic.Symbol:
		p.b.WriteString(symbol(e))
	case *symbolic.Sum:
		p.sum(e)
	case *symbolic.Product:
		p.product(e.Factors())
	case *symbolic.Power:
		p.product([]symbolic.Expr{e})
	case *symbolic.Call:
		p.call(e)
	default:
		panic(e) // unreachable: symbolic.Expr is sealed
	}
}

func (p *printer) number(n *symbolic.Number) {
	if v, ok := n.Int64(); ok {
		p.b.WriteString(strconv.FormatInt(v, 10))
		return
	}
	r := n.Rat()
	if r.Sign() < 0 {
		p.b.WriteByte('-')
		r.Neg(r)
	}
	if r.IsInt() {
		p.b.WriteString(r.Num().String())
		return
	}
	p.b.WriteString(`\frac{` + r.Num().String() + `}{` + r.Denom().String() + `}`)
}

func symbol(s *symbolic.Symbol) string {
	switch s {
	case symbolic.Pi:
		return `\pi`
	case symbolic.E:
		return `e`
	}
	return Name(s.Name())
}

// displayTerms returns the terms of a sum in reading order, each with
// whether it shows after a minus sign (and then negated).
func displayTerms(s *symbolic.Sum) (terms []symbolic.Expr, minus []bool) {
	terms = symbolic.SumDisplayOrder(s)
	minus = make([]bool, len(terms))
	for i, t := range terms {
		if i > 0 && symbolic.HasNegativeSign(t) {
			terms[i], minus[i] = symbolic.Neg(t), true
		}
	}
	return terms, minus
}

func (p *printer) sum(s *symbolic.Sum) {
	terms, minus := displayTerms(s)
	for i, t := range terms {
		switch {
		case i == 0:
		case minus[i]:
			p.b.WriteString(" - ")
		default:
			p.b.WriteString(" + ")
		}
		p.expr(t, symbolic.PrecProduct)
	}
}

// IsFraction reports whether Format writes e as one positive
// \frac{num}{den}: a number that is not an integer, or a product (or a
// lone power) with a denominator and no minus sign. A caller that sets e
// among other factors can take it as a unit.
func IsFraction(e symbolic.Expr) bool {
	switch e := e.(type) {
	case *symbolic.Number:
		return e.Sign() > 0 && !e.IsInt()
	case *symbolic.Product:
		return productIsFraction(e.Factors())
	case *symbolic.Power:
		return productIsFraction([]symbolic.Expr{e})
	}
	return false
}

// Factors returns the LaTeX of the factors of e, a product that Format
// writes without a fraction, each but the first with the \cdot that
// stands before it if one does: joined by spaces they are Format(e), and
// a long product may be broken between any two of them. The first holds
// the product's minus sign, if any. It returns nil for any other
// expression.
func Factors(e symbolic.Expr) []string {
	pr, ok := e.(*symbolic.Product)
	if !ok {
		return nil
	}
	num, den, neg := symbolic.SplitFraction(pr.Factors())
	if len(den) > 0 || len(num) < 2 {
		return nil
	}
	out := make([]string, len(num))
	p := newPrinter()
	for i, f := range num {
		p.b.Reset()
		p.spans = nil // offsets into what Reset dropped
		switch {
		case i == 0 && neg:
			p.b.WriteByte('-')
		case i > 0 && leadsNumeric(f):
			p.b.WriteString(`\cdot `)
		}
		p.factor(f)
		out[i] = p.b.String()
	}
	return out
}

// productIsFraction reports whether product writes factors as one
// \frac{}{} without a minus sign.
func productIsFraction(factors []symbolic.Expr) bool {
	_, den, neg := symbolic.SplitFraction(factors)
	return len(den) > 0 && !neg
}

// product writes a product (or a lone power) as [-]num or [-]\frac{num}{den}.
func (p *printer) product(factors []symbolic.Expr) {
	num, den, neg := symbolic.SplitFraction(factors)
	if neg {
		p.b.WriteByte('-')
	}
	if len(den) == 0 {
		p.factors(num)
		return
	}
	p.b.WriteString(`\frac{`)
	p.side(num)
	p.b.WriteString(`}{`)
	p.side(den)
	p.b.WriteString(`}`)
}

// plainly is expr where a sum e is written as its terms, never as a
// multiple: in parentheses, and as a fraction's side (no \frac in a
// \frac).
func (p *printer) plainly(e symbolic.Expr, min int) {
	outer := p.plain
	p.plain, _ = e.(*symbolic.Sum)
	p.expr(e, min)
	p.plain = outer
}

// fractionalMultiple writes the sum c*prim (see
// symbolic.FractionalMultiple): -\frac{x^{2} + y^{2}}{2}, \frac{3 (x + y)}{4}.
func (p *printer) fractionalMultiple(c *symbolic.Number, prim symbolic.Expr) {
	r := c.Rat()
	if r.Sign() < 0 {
		p.b.WriteByte('-')
		r.Neg(r)
	}
	p.b.WriteString(`\frac{`)
	if r.Num().IsInt64() && r.Num().Int64() == 1 {
		p.plainly(prim, 0)
	} else {
		p.factors([]symbolic.Expr{symbolic.NumberOf(symbolic.RatFromBig(new(big.Rat).SetInt(r.Num()))), prim})
	}
	p.b.WriteString(`}{` + r.Denom().String() + `}`)
}

// side writes the numerator or the denominator of a fraction: a lone
// factor needs no parentheses there.
func (p *printer) side(fs []symbolic.Expr) {
	if len(fs) == 1 {
		p.plainly(fs[0], 0)
		return
	}
	p.factors(fs)
}

// factors writes the factors of a numerator or denominator side by side,
// with \cdot where juxtaposition would mislead (see joinFactors).
func (p *printer) factors(fs []symbolic.Expr) {
	if len(fs) == 0 {
		p.b.WriteByte('1')
		return
	}
	for i, f := range fs {
		if i > 0 {
			cdot := leadsNumeric(f)
			if cdot {
				p.b.WriteString(` \cdot `)
			} else {
				p.b.WriteByte(' ')
			}
			if checkStructure {
				start := p.b.Len()
				p.factor(f)
				p.verify(start, "\\cdot", func(string) bool { return cdot }, needsCdot)
				continue
			}
		}
		p.factor(f)
	}
}

// leadsNumeric reports whether factor f, as factor writes it, starts with
// a digit, a minus sign or a \frac (needsCdot of its text): a number, or a
// power of a number.
func leadsNumeric(f symbolic.Expr) bool {
	if pw, ok := f.(*symbolic.Power); ok {
		if pw.Exp() == symbolic.Half {
			return false // \sqrt{...}
		}
		b := pw.Base()
		if symbolic.Precedence(b) < symbolic.PrecAtom || isPower(b) {
			return false // parenthesised
		}
		_, num := b.(*symbolic.Number)
		return num
	}
	if symbolic.Precedence(f) < symbolic.PrecPower {
		return false
	}
	_, num := f.(*symbolic.Number)
	return num
}

// joinFactors joins the LaTeX of the factors of a product. Factors stand
// side by side (2 x \sin(x)), with \cdot before a factor that starts with a
// digit, a sign or a fraction, where juxtaposition would read as one number
// (2 \cdot 3, x \cdot 2^{x}) or as a subtraction.
func joinFactors(parts []string) string {
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			if needsCdot(s) {
				b.WriteString(` \cdot `)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// needsCdot reports whether a factor printed as s needs \cdot after
// another factor: when s starts with a digit, a minus sign or a \frac.
func needsCdot(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c >= '0' && c <= '9' || c == '.' || c == '-' || strings.HasPrefix(s, `\frac`)
}

// factor writes one factor of a numerator or denominator: a power with a
// positive exponent or any non-power.
func (p *printer) factor(f symbolic.Expr) {
	if pw, ok := f.(*symbolic.Power); ok {
		p.power(pw)
		return
	}
	p.expr(f, symbolic.PrecPower)
}

// power writes base^exp for a power with a positive or symbolic exponent.
func (p *printer) power(pw *symbolic.Power) {
	base, exp := pw.Base(), pw.Exp()
	if exp == symbolic.Half {
		p.b.WriteString(`\sqrt{`)
		p.expr(base, 0)
		p.b.WriteString(`}`)
		return
	}
	if c, ok := base.(*symbolic.Call); ok {
		if n, ok := exp.(*symbolic.Number); ok && n.IsInt() && n.Sign() > 0 && textbookPower(c) {
			// \sin^{2}(x)
			p.b.WriteString(c.Func().TeX + `^{`)
			p.exponent(exp)
			p.b.WriteString(`}`)
			p.args(c)
			return
		}
		if c.Func() == symbolic.Exp { // (e^{x})^{y}, not a double superscript
			p.paren(p.tall(c), func() { p.call(c) })
		} else {
			p.call(c)
		}
	} else if symbolic.Precedence(base) < symbolic.PrecAtom || isPower(base) {
		// A sum, product or fraction, or a square root: (\sqrt{x})^{y}.
		p.paren(p.tall(base), func() { p.plainly(base, 0) })
	} else {
		p.expr(base, 0)
	}
	p.b.WriteString(`^{`)
	p.exponent(exp)
	p.b.WriteString(`}`)
}

// exponent writes the exponent of a power: a fraction as 1/3, which reads
// better than \frac in a superscript.
func (p *printer) exponent(exp symbolic.Expr) {
	if n, ok := exp.(*symbolic.Number); ok && !n.IsInt() {
		p.b.WriteString(n.String())
		return
	}
	p.expr(exp, 0)
}

func isPower(e symbolic.Expr) bool {
	_, ok := e.(*symbolic.Power)
	return ok
}

// textbookPower reports whether a positive integer power of c is written
// the way textbooks do, \sin^{2}(x): where that reads unambiguously.
func textbookPower(c *symbolic.Call) bool {
	f := c.Func()
	switch {
	case f.IsAbstract(), f == symbolic.Exp, f.TeXClose != "", strings.Contains(f.TeX, "_"):
		return false
	}
	return true
}

// shortExp bounds the size of an exponent shown as e^{...}; larger ones,
// and those with fractions, show as \exp\left(...\right).
const shortExp = 5

// expSuperscript reports whether exp(u) is written e^{u}.
func (p *printer) expSuperscript(u symbolic.Expr) bool {
	return treeSizeAtMost(u, shortExp) && !p.frac(u)
}

// treeSizeAtMost reports whether e has at most n nodes as a tree.
func treeSizeAtMost(e symbolic.Expr, n int) bool { return treeVisit(e, n) <= n }

// treeVisit counts the nodes of e as a tree, stopping at n+1: it visits at
// most n+1 nodes, however deep e is.
func treeVisit(e symbolic.Expr, n int) int {
	seen := 0
	var walk func(symbolic.Expr)
	walk = func(e symbolic.Expr) {
		seen++
		for _, k := range symbolic.Children(e) {
			if seen > n {
				return
			}
			walk(k)
		}
	}
	walk(e)
	return seen
}

func (p *printer) call(c *symbolic.Call) {
	f := c.Func()
	switch {
	case f == symbolic.Exp:
		if p.expSuperscript(c.Arg()) {
			p.b.WriteString(`e^{`)
			p.expr(c.Arg(), 0)
			p.b.WriteString(`}`)
		} else {
			p.b.WriteString(`\exp\left(`)
			p.expr(c.Arg(), 0)
			p.b.WriteString(`\right)`)
		}
		return
	case f.TeXClose != "":
		p.b.WriteString(f.TeX) // \left| x \right|, \sqrt[3]{ x }
		p.expr(c.Arg(), 0)
		p.b.WriteString(f.TeXClose)
		return
	case f == symbolic.Log:
		if a, ok := c.Arg().(*symbolic.Call); ok && delimited(a) {
			p.b.WriteString(`\ln`) // \ln\left|x\right|
			p.call(a)
			return
		}
	case f.IsAbstract():
		p.b.WriteString(funcName(f))
		p.args(c)
		return
	}
	p.b.WriteString(f.TeX)
	p.args(c)
}

// delimited reports whether c is written between delimiters that grow
// (\left| x \right|), which need no parentheses around them: \ln\left|x\right|.
func delimited(c *symbolic.Call) bool {
	return c.Func().TeXClose != "" && strings.HasPrefix(c.Func().TeX, `\left`)
}

// args writes the arguments of a call in parentheses.
func (p *printer) args(c *symbolic.Call) {
	tall := false
	for _, a := range c.Args() {
		tall = tall || p.tall(a)
	}
	p.paren(tall, func() {
		for i, a := range c.Args() {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.expr(a, 0)
		}
	})
}

// A look says what the LaTeX of an expression contains: tall parts
// (isTall: a fraction, a root or a growing delimiter) and, among them,
// fractions (\frac), which decide between e^{u} and \exp(u).
type look struct{ tall, frac bool }

func (a look) or(b look) look { return look{a.tall || b.tall, a.frac || b.frac} }

// fraction is the look of anything with a \frac in it.
var fraction = look{tall: true, frac: true}

// tall reports whether Format(e) is tall (isTall).
func (p *printer) tall(e symbolic.Expr) bool { return p.look(e).tall }

// frac reports whether Format(e) contains \frac.
func (p *printer) frac(e symbolic.Expr) bool { return p.look(e).frac }

// look returns the look of Format(e), memoised per node. It follows the
// writers above case by case (the tests check every prediction against
// the text written).
func (p *printer) look(e symbolic.Expr) look {
	if l, ok := p.looks[e]; ok {
		return l
	}
	var l look
	switch e := e.(type) {
	case *symbolic.Number:
		if !e.IsInt() {
			l = fraction
		}
	case *symbolic.Sum:
		terms, _ := displayTerms(e)
		for _, x := range terms {
			l = l.or(p.look(x))
		}
	case *symbolic.Product:
		l = p.lookProduct(e.Factors())
	case *symbolic.Power:
		l = p.lookProduct([]symbolic.Expr{e})
	case *symbolic.Call:
		l = p.lookCall(e)
	}
	p.looks[e] = l
	return l
}

func (p *printer) lookProduct(factors []symbolic.Expr) look {
	num, den, _ := symbolic.SplitFraction(factors)
	if len(den) > 0 {
		return fraction
	}
	var l look
	for _, f := range num {
		if pw, ok := f.(*symbolic.Power); ok {
			l = l.or(p.lookPower(pw))
		} else {
			l = l.or(p.look(f))
		}
	}
	return l
}

func (p *printer) lookPower(pw *symbolic.Power) look {
	base, exp := pw.Base(), pw.Exp()
	if exp == symbolic.Half {
		return look{tall: true, frac: p.frac(base)} // \sqrt{base}
	}
	var l look
	if n, ok := exp.(*symbolic.Number); !ok || n.IsInt() {
		l = p.look(exp) // a fraction exponent is written 1/3
	}
	if c, ok := base.(*symbolic.Call); ok {
		if n, ok := exp.(*symbolic.Number); ok && n.IsInt() && n.Sign() > 0 && textbookPower(c) {
			return l.or(p.lookArgs(c))
		}
		return l.or(p.lookCall(c))
	}
	return l.or(p.look(base))
}

func (p *printer) lookCall(c *symbolic.Call) look {
	f := c.Func()
	switch {
	case f == symbolic.Exp:
		l := p.look(c.Arg())
		if !p.expSuperscript(c.Arg()) {
			l.tall = true // \exp\left(...\right)
		}
		return l
	case f.TeXClose != "":
		return look{tall: true, frac: p.frac(c.Arg())} // \left| or \sqrt[3]
	case f == symbolic.Log:
		if a, ok := c.Arg().(*symbolic.Call); ok && delimited(a) {
			return look{tall: true, frac: p.frac(a.Arg())} // \ln\left|a\right|
		}
	}
	return p.lookArgs(c)
}

func (p *printer) lookArgs(c *symbolic.Call) look {
	var l look
	for _, a := range c.Args() {
		l = l.or(p.look(a))
	}
	return l
}

// funcName returns the LaTeX name of a function: the table's TeX for a
// built-in function, and for an abstract function its name as a variable
// would print (f, \phi, g_{1}) or in \operatorname for longer names, with
// its primes (f').
func funcName(f *symbolic.Func) string {
	if !f.IsAbstract() {
		return f.TeX
	}
	base := strings.TrimRight(f.Name, "'")
	primes := f.Name[len(base):]
	n := Name(base)
	if strings.HasPrefix(n, `\mathit{`) {
		n = `\operatorname{` + base + `}`
	}
	return n + primes
}

// Paren wraps s in parentheses: plain ( ) around flat material, and
// \left( \right) around material with fractions, roots or other tall parts,
// so that the parentheses grow with it.
func Paren(s string) string {
	if isTall(s) {
		return `\left(` + s + `\right)`
	}
	return `(` + s + `)`
}

// isTall reports whether LaTeX s has parts taller than a line of text:
// fractions, roots, or delimiters that grow.
func isTall(s string) bool {
	return strings.Contains(s, `\frac`) || strings.Contains(s, `\sqrt`) || strings.Contains(s, `\left`)
}

// isASCIILetters reports whether s is made of ASCII letters only.
func isASCIILetters(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// Multiple writes the number k times the sum s as a product, without
// distributing k over s as the canonical form does: 2 (w x + b - y),
// -(x + 1) for k = -1, \frac{3 (x + 1)}{2} for k = 3/2. It is the LaTeX
// of symbolic.SharedFormatter's "k*(s)" ("3*(x + 1)/2").
func Multiple(k *symbolic.Number, s symbolic.Expr) string {
	var b strings.Builder
	r := k.Rat()
	if r.Sign() < 0 {
		b.WriteByte('-')
		r.Neg(r)
	}
	if !r.IsInt() {
		b.WriteString(`\frac{`)
	}
	switch one := r.Num().IsInt64() && r.Num().Int64() == 1; {
	case one && !r.IsInt():
		b.WriteString(Format(s)) // \frac{x + 1}{2}: the line groups it
	case one:
		b.WriteString(Paren(Format(s)))
	default:
		b.WriteString(r.Num().String())
		b.WriteByte(' ')
		b.WriteString(Paren(Format(s)))
	}
	if !r.IsInt() {
		b.WriteString(`}{` + r.Denom().String() + `}`)
	}
	return b.String()
}
