package latex_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/latex"
	. "github.com/symdiff/symdiff/symbolic"
)

var x, y, w, b = Sym("x"), Sym("y"), Sym("w"), Sym("b")

func fn(name string) *Func {
	f, ok := Lookup(name)
	if !ok {
		panic("no function " + name)
	}
	return f
}

func call(name string, u Expr) Expr { return Apply(fn(name), u) }

func TestFormat(t *testing.T) {
	f := Abstract("f")
	tests := []struct {
		e    Expr
		want string
	}{
		// numbers
		{Int(42), `42`},
		{Int(-7), `-7`},
		{Frac(1, 2), `\frac{1}{2}`},
		{Frac(-3, 4), `-\frac{3}{4}`},
		// sums in reading order, with subtraction
		{Add(Mul(w, x), b), `w x + b`},
		{Add(One, Pow(x, Two), x), `x^{2} + x + 1`},
		{Sub(One, x), `1 - x`},
		{Sub(Neg(x), One), `-x - 1`},
		{Add(x, Frac(1, 2)), `x + \frac{1}{2}`},
		{Sub(x, Mul(Frac(1, 2), y)), `x - \frac{y}{2}`},
		// products, quotients and negative powers
		{Mul(Int(2), x), `2 x`},
		{Mul(Int(2), Pow(Int(3), x)), `2 \cdot 3^{x}`},
		{Mul(x, Pow(Int(2), x)), `2^{x} x`},
		{Mul(Pow(Int(2), x), Pow(Int(3), x)), `2^{x} \cdot 3^{x}`},
		{Div(One, x), `\frac{1}{x}`},
		{Pow(x, Int(-2)), `\frac{1}{x^{2}}`},
		{Div(call("sin", x), x), `\frac{\sin(x)}{x}`},
		{Div(One, Add(One, call("exp", Neg(x)))), `\frac{1}{e^{-x} + 1}`},
		{Div(x, Mul(Add(x, One), Sub(x, One))), `\frac{x}{(x - 1) (x + 1)}`},
		{Mul(Frac(-3, 2), x, y), `-\frac{3 x y}{2}`},
		{Mul(x, Add(x, One)), `x (x + 1)`},
		{Mul(x, Add(x, Div(One, y))), `x \left(x + \frac{1}{y}\right)`},
		{Neg(x), `-x`},
		// powers and roots
		{Pow(x, y), `x^{y}`},
		{Pow(x, Pow(y, Two)), `x^{y^{2}}`},
		{Pow(Add(x, One), Two), `(x + 1)^{2}`},
		{Pow(Pow(x, y), y), `(x^{y})^{y}`},
		{Pow(Mul(x, y), y), `(x y)^{y}`},
		{Pow(Int(-2), x), `(-2)^{x}`},
		{Pow(Frac(1, 2), x), `\left(\frac{1}{2}\right)^{x}`},
		{Pow(x, Frac(1, 3)), `x^{1/3}`},
		{Sqrt(x), `\sqrt{x}`},
		{Div(One, Sqrt(Add(x, One))), `\frac{1}{\sqrt{x + 1}}`},
		{Pow(Sqrt(x), y), `\left(\sqrt{x}\right)^{y}`},
		{Pow(Pi, Two), `\pi^{2}`},
		// functions
		{call("sigmoid", x), `\sigma(x)`},
		{Mul(call("sigmoid", x), Sub(One, call("sigmoid", x))), `\sigma(x) (1 - \sigma(x))`},
		{Pow(call("sin", x), Two), `\sin^{2}(x)`},
		{Pow(call("cos", x), Int(-2)), `\frac{1}{\cos^{2}(x)}`},
		{Pow(call("sin", x), y), `\sin(x)^{y}`},
		{call("exp", Neg(x)), `e^{-x}`},
		{call("exp", Neg(Pow(x, Two))), `e^{-x^{2}}`},
		{call("exp", Div(x, Two)), `\exp\left(\frac{x}{2}\right)`},
		{call("exp", Add(Mul(x, y), Mul(Int(2), x), One)), `\exp\left(x y + 2 x + 1\right)`},
		{Pow(call("exp", x), y), `(e^{x})^{y}`},
		{call("log", x), `\ln(x)`},
		{call("log", call("abs", x)), `\ln\left|x\right|`},
		{call("log2", x), `\log_{2}(x)`},
		{Pow(call("log10", x), Two), `\log_{10}(x)^{2}`},
		{call("cbrt", x), `\sqrt[3]{x}`},
		{Pow(call("cbrt", x), Two), `\sqrt[3]{x}^{2}`},
		{call("abs", Sub(x, One)), `\left|x - 1\right|`},
		{call("softplus", x), `\operatorname{softplus}(x)`},
		{call("sin", Div(One, x)), `\sin\left(\frac{1}{x}\right)`},
		{call("asin", x), `\arcsin(x)`},
		{Apply(f, x), `f(x)`},
		{Apply(f.Derivative(), Mul(x, y)), `f'(x y)`},
		{Apply(Abstract("phi"), x), `\phi(x)`},
		{Apply(Abstract("loss"), x), `\operatorname{loss}(x)`},
		// names
		{Sym("theta"), `\theta`},
		{Sym("θ"), `\theta`},
		{Sym("w_1"), `w_{1}`},
		{Sym("w1"), `w_{1}`},
		{Sym("theta_0"), `\theta_{0}`},
		{Sym("x_ij"), `x_{ij}`},
		{Sym("x_max"), `x_{\mathrm{max}}`},
		{Sym("w_i_j"), `w_{i,j}`},
		{Sym("rate"), `\mathit{rate}`},
		{Sym("x1y"), `\mathit{x1y}`},
		{Sym("é"), `\text{é}`},
		{Sym("Omega"), `\Omega`},
		{Pi, `\pi`},
		{E, `e`},
		{Mul(Sym("rate"), Sym("theta")), `\mathit{rate} \theta`},
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
func corpus() []Expr {
	var es []Expr
	for _, f := range Builtins() {
		u := Apply(f, x)
		for _, e := range []Expr{
			u, Pow(u, Two), Pow(u, Int(-1)), Pow(u, y), Sqrt(u), Mul(Int(3), u, y),
			Apply(f, Add(Mul(Int(2), x), One)), Apply(f, Div(x, y)), Apply(f, Pow(x, Two)),
			Add(u, Apply(f, y)), Div(u, Add(x, One)),
		} {
			es = append(es, e)
			if d, err := Diff(e, x); err == nil {
				es = append(es, d, DN(e, x, 2))
			}
		}
	}
	for _, name := range []string{"theta", "θ", "w_1", "x12", "x_max", "rate", "é", "Omega", "w_i_j", "a_b#c"} {
		s := Sym(name)
		es = append(es, s, Pow(s, Two), Mul(s, x), Div(s, Add(s, One)))
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
	RunKaTeX(t, tex, nil)
}

// RunKaTeX writes the inline strings and display strings to a corpus file
// and renders them with node and KaTeX, when SYMDIFF_KATEX is set.
func RunKaTeX(t *testing.T, inline, display []string) {
	t.Helper()
	dir := os.Getenv("SYMDIFF_KATEX")
	if dir == "" {
		if os.Getenv("SYMDIFF_KATEX_REQUIRED") != "" {
			t.Fatal("SYMDIFF_KATEX_REQUIRED is set but SYMDIFF_KATEX is not")
		}
		t.Log("SYMDIFF_KATEX is not set: the KaTeX check did not run")
		return
	}
	type entry struct {
		TeX     string `json:"tex"`
		Display bool   `json:"display"`
	}
	var es []entry
	for _, s := range inline {
		if strings.Contains(s, "\n") {
			t.Errorf("LaTeX spans lines: %q", s)
		}
		es = append(es, entry{s, false})
	}
	for _, s := range display {
		es = append(es, entry{s, true})
	}
	data, err := json.Marshal(es)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "corpus.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "katex_check.js"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", script, dir, file).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("KaTeX rejected some of the %d strings: %v", len(es), err)
	}
}

// BenchmarkFormatDeep formats chains 1 + sin(1 + sin(... x/2 ...)/3) of
// depths 1,000 and 10,000: the time per level should not grow with depth
// (Format is linear in its output).
func BenchmarkFormatDeep(b *testing.B) {
	defer latex.SetCheckStructure(latex.SetCheckStructure(false))
	sin, _ := Lookup("sin")
	for _, depth := range []int{1000, 10000} {
		e := Expr(Sym("x"))
		for i := range depth {
			e = Add(One, Apply(sin, Div(e, Int(int64(i%3+2)))))
		}
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
			for b.Loop() {
				latex.Format(e)
			}
		})
	}
}
