package latex

import (
	"strings"
	"unicode"

	"github.com/symdiff/symdiff/symbolic"
)

// Format returns e as LaTeX math, without delimiters ($ or \[), on one line.
// Sums show subtraction in reading order, products show division as
// \frac{}{}, and parentheses appear only where precedence needs them.
// The output uses only commands that LaTeX with amsmath, MathJax and KaTeX
// all know.
func Format(e symbolic.Expr) string {
	var p printer
	p.expr(e, 0)
	return p.b.String()
}

type printer struct{ b strings.Builder }

// expr writes e, in parentheses if its precedence is below min.
func (p *printer) expr(e symbolic.Expr, min int) {
	if symbolic.Precedence(e) < min {
		p.b.WriteString(Paren(Format(e)))
		return
	}
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

func (p *printer) sum(s *symbolic.Sum) {
	for i, t := range symbolic.SumDisplayOrder(s) {
		switch {
		case i == 0:
		case negative(t):
			p.b.WriteString(" - ")
			t = symbolic.Neg(t)
		default:
			p.b.WriteString(" + ")
		}
		p.expr(t, symbolic.PrecProduct)
	}
}

// negative reports whether a term shows with a leading minus sign: a
// negative number or a product with a negative coefficient.
func negative(e symbolic.Expr) bool {
	switch e := e.(type) {
	case *symbolic.Number:
		return e.Sign() < 0
	case *symbolic.Product:
		if c, ok := e.Factors()[0].(*symbolic.Number); ok {
			return c.Sign() < 0
		}
	}
	return false
}

// product writes a product (or a lone power) as [-]num or [-]\frac{num}{den}.
func (p *printer) product(factors []symbolic.Expr) {
	num, den, neg := symbolic.SplitFraction(factors)
	if neg {
		p.b.WriteByte('-')
	}
	if len(den) == 0 {
		p.b.WriteString(p.factors(num))
		return
	}
	p.b.WriteString(`\frac{` + p.side(num) + `}{` + p.side(den) + `}`)
}

// side writes the numerator or the denominator of a fraction: a lone
// factor needs no parentheses there.
func (p *printer) side(fs []symbolic.Expr) string {
	if len(fs) == 1 {
		return Format(fs[0])
	}
	return p.factors(fs)
}

// factors writes the factors of a numerator or denominator side by side,
// with \cdot where juxtaposition would mislead.
func (p *printer) factors(fs []symbolic.Expr) string {
	if len(fs) == 0 {
		return "1"
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = factor(f)
	}
	return JoinFactors(parts)
}

// JoinFactors joins the LaTeX of the factors of a product. Factors stand
// side by side (2 x \sin(x)), with \cdot before a factor that starts with a
// digit, a sign or a fraction, where juxtaposition would read as one number
// (2 \cdot 3, x \cdot 2^{x}) or as a subtraction.
func JoinFactors(parts []string) string {
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			if NeedsCdot(s) {
				b.WriteString(` \cdot `)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// NeedsCdot reports whether a factor printed as s needs \cdot after
// another factor: when s starts with a digit, a minus sign or a \frac.
func NeedsCdot(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c >= '0' && c <= '9' || c == '.' || c == '-' || strings.HasPrefix(s, `\frac`)
}

// factor returns one factor of a numerator or denominator: a power with a
// positive exponent or any non-power.
func factor(f symbolic.Expr) string {
	if pw, ok := f.(*symbolic.Power); ok {
		return power(pw)
	}
	if symbolic.Precedence(f) < symbolic.PrecPower {
		return Paren(Format(f))
	}
	return Format(f)
}

// power writes base^exp for a power with a positive or symbolic exponent.
func power(pw *symbolic.Power) string {
	base, exp := pw.Base(), pw.Exp()
	if exp == symbolic.Half {
		return `\sqrt{` + Format(base) + `}`
	}
	ex := Format(exp)
	if n, ok := exp.(*symbolic.Number); ok && !n.IsInt() {
		ex = n.String() // x^{1/3}: a slash reads better than \frac in a superscript
	}
	if c, ok := base.(*symbolic.Call); ok {
		if n, ok := exp.(*symbolic.Number); ok && n.IsInt() && n.Sign() > 0 {
			if s, ok := funcPower(c, ex); ok {
				return s
			}
		}
		if c.Func() == symbolic.Exp { // (e^{x})^{y}, not a double superscript
			return Paren(call(c)) + `^{` + ex + `}`
		}
		return call(c) + `^{` + ex + `}`
	}
	var b string
	switch {
	case symbolic.Precedence(base) < symbolic.PrecAtom:
		b = Paren(Format(base))
	case isPower(base): // a square root: (\sqrt{x})^{y}
		b = Paren(Format(base))
	default:
		b = Format(base)
	}
	return b + `^{` + ex + `}`
}

func isPower(e symbolic.Expr) bool {
	_, ok := e.(*symbolic.Power)
	return ok
}

// funcPower writes a positive integer power of a named function the way
// textbooks do, \sin^{2}(x), where that reads unambiguously.
func funcPower(c *symbolic.Call, ex string) (string, bool) {
	f := c.Func()
	switch {
	case f.IsAbstract(), f == symbolic.Exp, f.Name == "abs", f.Name == "cbrt",
		strings.Contains(f.TeX, "_"):
		return "", false
	}
	return f.TeX + `^{` + ex + `}` + args(c), true
}

func (p *printer) call(c *symbolic.Call) { p.b.WriteString(call(c)) }

// shortExp bounds the size of an exponent shown as e^{...}; larger ones,
// and those with fractions, show as \exp\left(...\right).
const shortExp = 5

func call(c *symbolic.Call) string {
	f := c.Func()
	switch {
	case f == symbolic.Exp:
		u := Format(c.Arg())
		if symbolic.TreeSize(c.Arg()) <= shortExp && !strings.Contains(u, `\frac`) {
			return `e^{` + u + `}`
		}
		return `\exp\left(` + u + `\right)`
	case f.Name == "abs" && !f.IsAbstract():
		return `\left|` + Format(c.Arg()) + `\right|`
	case f.Name == "cbrt" && !f.IsAbstract():
		return `\sqrt[3]{` + Format(c.Arg()) + `}`
	case f == symbolic.Log:
		if a, ok := c.Arg().(*symbolic.Call); ok && a.Func().Name == "abs" && !a.Func().IsAbstract() {
			return `\ln` + call(a) // \ln\left|x\right|
		}
	case f.IsAbstract():
		return FuncName(f) + args(c)
	}
	return f.TeX + args(c)
}

// FuncName returns the LaTeX name of a function: the table's TeX for a
// built-in function, and for an abstract function its name as a variable
// would print (f, \phi, g_{1}) or in \operatorname for longer names, with
// its primes (f').
func FuncName(f *symbolic.Func) string {
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

// args writes the arguments of a call in parentheses.
func args(c *symbolic.Call) string {
	parts := make([]string, len(c.Args()))
	for i, a := range c.Args() {
		parts[i] = Format(a)
	}
	return Paren(strings.Join(parts, ", "))
}

// Paren wraps s in parentheses: plain ( ) around flat material, and
// \left( \right) around material with fractions, roots or other tall parts,
// so that the parentheses grow with it.
func Paren(s string) string {
	if Tall(s) {
		return `\left(` + s + `\right)`
	}
	return `(` + s + `)`
}

// Tall reports whether LaTeX s has parts taller than a line of text:
// fractions, roots, or delimiters that grow.
func Tall(s string) bool {
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
