package latex_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

var x, y, w, b = symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("w"), symbolic.Sym("b")

// call applies a row of the function table.
var call = fntab.Call

func TestFormat(t *testing.T) {
	f := symbolic.Abstract("f")
	tests := []struct {
		e    symbolic.Expr
		want string
	}{
		// numbers
		{symbolic.Int(42), `42`},
		{symbolic.Int(-7), `-7`},
		{symbolic.Frac(1, 2), `\frac{1}{2}`},
		{symbolic.Frac(-3, 4), `-\frac{3}{4}`},
		// sums in reading order, with subtraction
		{symbolic.Add(symbolic.Mul(w, x), b), `w x + b`},
		{symbolic.Add(symbolic.One, symbolic.Pow(x, symbolic.Two), x), `x^{2} + x + 1`},
		{symbolic.Sub(symbolic.One, x), `1 - x`},
		{symbolic.Sub(symbolic.Neg(x), symbolic.One), `-x - 1`},
		{symbolic.Add(x, symbolic.Frac(1, 2)), `x + \frac{1}{2}`},
		{symbolic.Sub(x, symbolic.Mul(symbolic.Frac(1, 2), y)), `x - \frac{y}{2}`},
		// a sum of fractions of one denominator as a multiple, alone or an
		// argument (as the text printer writes it), but as its terms in
		// parentheses and on a fraction's line
		{symbolic.Mul(symbolic.Frac(-1, 2), symbolic.Add(symbolic.Pow(x, symbolic.Two), symbolic.Pow(y, symbolic.Two))), `-\frac{x^{2} + y^{2}}{2}`},
		{symbolic.Mul(symbolic.Frac(3, 4), symbolic.Add(x, y)), `\frac{3 (x + y)}{4}`},
		{call("exp", symbolic.Mul(symbolic.Frac(-1, 2), symbolic.Add(x, y))), `\exp\left(-\frac{x + y}{2}\right)`},
		{call("sin", symbolic.Mul(symbolic.Frac(1, 2), symbolic.Sub(x, y))), `\sin\left(\frac{x - y}{2}\right)`},
		{symbolic.Pow(symbolic.Mul(symbolic.Frac(1, 2), symbolic.Add(x, y)), symbolic.Two), `\left(\frac{x}{2} + \frac{y}{2}\right)^{2}`},
		{symbolic.Div(symbolic.Mul(symbolic.Frac(1, 2), symbolic.Add(x, y)), call("sin", x)), `\frac{\frac{x}{2} + \frac{y}{2}}{\sin(x)}`},
		{symbolic.Add(symbolic.Mul(symbolic.Frac(1, 2), x), symbolic.One), `\frac{x}{2} + 1`},
		// products, quotients and negative powers
		{symbolic.Mul(symbolic.Int(2), x), `2 x`},
		{symbolic.Mul(symbolic.Int(2), symbolic.Pow(symbolic.Int(3), x)), `2 \cdot 3^{x}`},
		{symbolic.Mul(x, symbolic.Pow(symbolic.Int(2), x)), `x \cdot 2^{x}`},
		{symbolic.Mul(y, symbolic.Pow(x, symbolic.Sub(y, symbolic.One))), `y x^{y - 1}`},
		{symbolic.Mul(symbolic.Sub(symbolic.Mul(symbolic.Int(2), x), symbolic.One), call("sin", x)), `(2 x - 1) \sin(x)`},
		{symbolic.Mul(symbolic.Pow(symbolic.Int(2), x), symbolic.Pow(symbolic.Int(3), x)), `2^{x} \cdot 3^{x}`},
		{symbolic.Div(symbolic.One, x), `\frac{1}{x}`},
		{symbolic.Pow(x, symbolic.Int(-2)), `\frac{1}{x^{2}}`},
		{symbolic.Div(call("sin", x), x), `\frac{\sin(x)}{x}`},
		{symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, call("exp", symbolic.Neg(x)))), `\frac{1}{e^{-x} + 1}`},
		{symbolic.Div(x, symbolic.Mul(symbolic.Add(x, symbolic.One), symbolic.Sub(x, symbolic.One))), `\frac{x}{(x - 1) (x + 1)}`},
		{symbolic.Mul(symbolic.Frac(-3, 2), x, y), `-\frac{3 x y}{2}`},
		{symbolic.Mul(x, symbolic.Add(x, symbolic.One)), `x (x + 1)`},
		{symbolic.Mul(x, symbolic.Add(x, symbolic.Div(symbolic.One, y))), `x \left(x + \frac{1}{y}\right)`},
		{symbolic.Neg(x), `-x`},
		// powers and roots
		{symbolic.Pow(x, y), `x^{y}`},
		{symbolic.Pow(x, symbolic.Pow(y, symbolic.Two)), `x^{y^{2}}`},
		{symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Two), `(x + 1)^{2}`},
		{symbolic.Pow(symbolic.Pow(x, y), y), `(x^{y})^{y}`},
		{symbolic.Pow(symbolic.Mul(x, y), y), `(x y)^{y}`},
		{symbolic.Pow(symbolic.Int(-2), x), `(-2)^{x}`},
		{symbolic.Pow(symbolic.Frac(1, 2), x), `\left(\frac{1}{2}\right)^{x}`},
		{symbolic.Pow(x, symbolic.Frac(1, 3)), `x^{1/3}`},
		{symbolic.Sqrt(x), `\sqrt{x}`},
		{symbolic.Div(symbolic.One, symbolic.Sqrt(symbolic.Add(x, symbolic.One))), `\frac{1}{\sqrt{x + 1}}`},
		{symbolic.Pow(symbolic.Sqrt(x), y), `\left(\sqrt{x}\right)^{y}`},
		{symbolic.Pow(symbolic.Pi, symbolic.Two), `\pi^{2}`},
		// functions
		{call("sigmoid", x), `\sigma(x)`},
		{symbolic.Mul(call("sigmoid", x), symbolic.Sub(symbolic.One, call("sigmoid", x))), `\sigma(x) (1 - \sigma(x))`},
		{symbolic.Pow(call("sin", x), symbolic.Two), `\sin^{2}(x)`},
		{symbolic.Pow(call("cos", x), symbolic.Int(-2)), `\frac{1}{\cos^{2}(x)}`},
		{symbolic.Pow(call("sin", x), y), `\sin(x)^{y}`},
		{call("exp", symbolic.Neg(x)), `e^{-x}`},
		{call("exp", symbolic.Neg(symbolic.Pow(x, symbolic.Two))), `e^{-x^{2}}`},
		{call("exp", symbolic.Div(x, symbolic.Two)), `\exp\left(\frac{x}{2}\right)`},
		{call("exp", symbolic.Add(symbolic.Mul(x, y), symbolic.Mul(symbolic.Int(2), x), symbolic.One)), `\exp\left(x y + 2 x + 1\right)`},
		{symbolic.Pow(call("exp", x), y), `(e^{x})^{y}`},
		{call("log", x), `\ln(x)`},
		{call("log", call("abs", x)), `\ln\left|x\right|`},
		{call("log2", x), `\log_{2}(x)`},
		{symbolic.Pow(call("log10", x), symbolic.Two), `\log_{10}(x)^{2}`},
		{call("cbrt", x), `\sqrt[3]{x}`},
		{symbolic.Pow(call("cbrt", x), symbolic.Two), `\sqrt[3]{x}^{2}`},
		{call("abs", symbolic.Sub(x, symbolic.One)), `\left|x - 1\right|`},
		{call("softplus", x), `\operatorname{softplus}(x)`},
		{call("sin", symbolic.Div(symbolic.One, x)), `\sin\left(\frac{1}{x}\right)`},
		{call("asin", x), `\arcsin(x)`},
		{symbolic.Apply(f, x), `f(x)`},
		{symbolic.Apply(f.Derivative(), symbolic.Mul(x, y)), `f'(x y)`},
		{symbolic.Apply(symbolic.Abstract("phi"), x), `\phi(x)`},
		{symbolic.Apply(symbolic.Abstract("loss"), x), `\operatorname{loss}(x)`},
		// names
		{symbolic.Sym("theta"), `\theta`},
		{symbolic.Sym("θ"), `\theta`},
		{symbolic.Sym("w_1"), `w_{1}`},
		{symbolic.Sym("w1"), `w_{1}`},
		{symbolic.Sym("theta_0"), `\theta_{0}`},
		{symbolic.Sym("x_ij"), `x_{ij}`},
		{symbolic.Sym("x_max"), `x_{\mathrm{max}}`},
		{symbolic.Sym("w_i_j"), `w_{i,j}`},
		{symbolic.Sym("rate"), `\mathit{rate}`},
		{symbolic.Sym("x1y"), `\mathit{x1y}`},
		{symbolic.Sym("é"), `\text{é}`},
		{symbolic.Sym("Omega"), `\Omega`},
		{symbolic.Pi, `\pi`},
		{symbolic.E, `e`},
		{symbolic.Mul(symbolic.Sym("rate"), symbolic.Sym("theta")), `\mathit{rate} \theta`},
	}
	for _, tt := range tests {
		t.Run(tt.e.String(), func(t *testing.T) {
			if got := latex.Format(tt.e); got != tt.want {
				t.Errorf("Format(%s) = %s, want %s", tt.e, got, tt.want)
			}
		})
	}
}

func TestNeedsCdot(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"2", "x"}, "2 x"},
		{[]string{"2", "3"}, `2 \cdot 3`},
		{[]string{"x", "-1"}, `x \cdot -1`},
		{[]string{"x", `\frac{1}{2}`}, `x \cdot \frac{1}{2}`},
		{[]string{`\sin(x)`, `\cos(x)`}, `\sin(x) \cos(x)`},
	}
	for _, tt := range tests {
		if got := latex.JoinFactors(tt.parts); got != tt.want {
			t.Errorf("JoinFactors(%q) = %s, want %s", tt.parts, got, tt.want)
		}
	}
}

// corpus returns the expressions whose LaTeX the KaTeX test renders: every
// built-in function in several positions, the derivatives of those, and
// the names and shapes of TestFormat.
func corpus() []symbolic.Expr {
	var es []symbolic.Expr
	for _, f := range symbolic.Builtins() {
		u := symbolic.Apply(f, x)
		for _, e := range []symbolic.Expr{
			u, symbolic.Pow(u, symbolic.Two), symbolic.Pow(u, symbolic.Int(-1)), symbolic.Pow(u, y), symbolic.Sqrt(u), symbolic.Mul(symbolic.Int(3), u, y),
			symbolic.Apply(f, symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One)), symbolic.Apply(f, symbolic.Div(x, y)), symbolic.Apply(f, symbolic.Pow(x, symbolic.Two)),
			symbolic.Add(u, symbolic.Apply(f, y)), symbolic.Div(u, symbolic.Add(x, symbolic.One)),
			symbolic.Apply(f, symbolic.Mul(symbolic.Frac(1, 2), symbolic.Sub(x, y))), // \frac{x - y}{2} as the argument
		} {
			es = append(es, e)
			if d, err := symbolic.Diff(context.Background(), e, x); err == nil {
				es = append(es, d, symbolic.D(d, x))
			}
		}
	}
	for _, name := range []string{"theta", "θ", "w_1", "x12", "x_max", "rate", "é", "Omega", "w_i_j", "a_b#c"} {
		s := symbolic.Sym(name)
		es = append(es, s, symbolic.Pow(s, symbolic.Two), symbolic.Mul(s, x), symbolic.Div(s, symbolic.Add(s, symbolic.One)))
	}
	return es
}

// TestKaTeX renders every LaTeX string of the corpus with KaTeX (strict,
// throwOnError). It runs when SYMDIFF_KATEX names a folder where
// `npm install katex` was run, and reports an error when it is unset only
// if SYMDIFF_KATEX_REQUIRED is set.
func TestKaTeX(t *testing.T) {
	var tex []string
	for _, e := range corpus() {
		tex = append(tex, latex.Format(e))
	}
	for _, tt := range []string{`\theta \mathit{rate}`} {
		tex = append(tex, tt)
	}
	for _, tt := range multiples {
		tex = append(tex, tt.want)
	}
	testkit.KaTeX(t, tex, nil)
}

// BenchmarkFormatDeep formats chains 1 + sin(1 + sin(... x/2 ...)/3) of
// depths 1,000 and 10,000: the time per level should not grow with depth
// (Format is linear in its output).
func BenchmarkFormatDeep(b *testing.B) {
	defer latex.SetCheckStructure(latex.SetCheckStructure(false))
	sin, _ := symbolic.Lookup("sin")
	for _, depth := range []int{1000, 10000} {
		e := symbolic.Expr(symbolic.Sym("x"))
		for i := range depth {
			e = symbolic.Add(symbolic.One, symbolic.Apply(sin, symbolic.Div(e, symbolic.Int(int64(i%3+2)))))
		}
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
			for b.Loop() {
				latex.Format(e)
			}
		})
	}
}

// TestIsFraction checks IsFraction against the text Format writes: one
// \frac{...}{...} and nothing around it, on chosen expressions and random
// ones.
func TestIsFraction(t *testing.T) {
	half, two := symbolic.Frac(1, 2), symbolic.Int(2)
	es := []symbolic.Expr{
		half, symbolic.Frac(-1, 2), two, x,
		symbolic.Div(x, y), symbolic.Neg(symbolic.Div(x, y)), symbolic.Mul(half, x), symbolic.Mul(two, x),
		symbolic.Pow(x, symbolic.Int(-2)), symbolic.Pow(x, half), symbolic.Add(x, symbolic.Div(symbolic.One, y)),
		call("sin", symbolic.Div(x, y)), symbolic.Div(call("exp", x), symbolic.Add(x, symbolic.One)),
	}
	g := randexpr.New(5, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 4})
	for range 300 {
		es = append(es, g.Expr())
	}
	fractions := 0
	for _, e := range es {
		s := latex.Format(e)
		want := oneFrac(s)
		if got := latex.IsFraction(e); got != want {
			t.Errorf("IsFraction(%s) = %v, but Format writes %s", e, got, s)
		}
		if want {
			fractions++
		}
	}
	if fractions < 10 {
		t.Errorf("only %d of %d expressions are one fraction", fractions, len(es))
	}
}

// oneFrac reports whether s is \frac{a}{b} with balanced a and b.
func oneFrac(s string) bool {
	rest, ok := strings.CutPrefix(s, `\frac`)
	for i := 0; ok && i < 2; i++ {
		rest, ok = group(rest)
	}
	return ok && rest == ""
}

// group cuts a {...} group with balanced braces off the start of s.
func group(s string) (string, bool) {
	if !strings.HasPrefix(s, "{") {
		return s, false
	}
	depth := 0
	for i, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return s[i+1:], true
			}
		}
	}
	return s, false
}

// TestFactors checks that the factors Factors returns, joined by spaces,
// are Format's text of the product, on chosen products and on random ones
// with their factors multiplied together.
func TestFactors(t *testing.T) {
	two, three := symbolic.Int(2), symbolic.Int(3)
	es := []symbolic.Expr{
		symbolic.Mul(x, y), symbolic.Neg(symbolic.Mul(x, y)), symbolic.Mul(two, x, call("sin", y)),
		symbolic.Mul(x, symbolic.Pow(two, x)), symbolic.Mul(symbolic.Frac(-3, 2), x, symbolic.Add(x, y)),
		symbolic.Mul(symbolic.Sqrt(two), x), symbolic.Mul(x, symbolic.Pow(three, symbolic.Half)),
	}
	g := randexpr.New(9, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 3})
	for range 300 {
		es = append(es, symbolic.Mul(g.Expr(), g.Expr(), g.Expr()))
	}
	split := 0
	for _, e := range es {
		fs := latex.Factors(e)
		if fs == nil {
			if p, ok := e.(*symbolic.Product); ok && !latex.IsFraction(e) && !strings.Contains(latex.Format(e), `\frac`) && len(p.Factors()) > 2 {
				t.Errorf("Factors(%s) = nil, but Format writes %s", e, latex.Format(e))
			}
			continue
		}
		split++
		if got, want := strings.Join(fs, " "), latex.Format(e); got != want {
			t.Errorf("Factors(%s) joined = %s, want %s", e, got, want)
		}
	}
	if split < 50 {
		t.Errorf("only %d of %d products were split", split, len(es))
	}
	if latex.Factors(x) != nil || latex.Factors(symbolic.Div(x, y)) != nil {
		t.Errorf("Factors of a symbol or a fraction is not nil")
	}
}

// multiples are the cases of TestMultiple.
var multiples = []struct {
	k    *symbolic.Number
	s    symbolic.Expr
	want string
}{
	{symbolic.Int(2), symbolic.Add(symbolic.Mul(x, y), symbolic.One), `2 (x y + 1)`},
	{symbolic.MinusOne, symbolic.Sub(x, y), `-(x - y)`},
	{symbolic.Frac(-3, 2), symbolic.Add(x, symbolic.One), `-\frac{3 (x + 1)}{2}`},
	{symbolic.Frac(1, 2), symbolic.Add(x, symbolic.One), `\frac{x + 1}{2}`},
	{symbolic.Int(4), symbolic.Add(symbolic.Div(x, y), symbolic.One), `4 \left(1 + \frac{x}{y}\right)`},
}

// TestMultiple checks the LaTeX of a number times a sum, kept apart.
func TestMultiple(t *testing.T) {
	for _, tt := range multiples {
		if got := latex.Multiple(tt.k, tt.s); got != tt.want {
			t.Errorf("Multiple(%v, %v) = %s, want %s", tt.k, tt.s, got, tt.want)
		}
	}
}
