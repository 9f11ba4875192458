package cli

import (
	"fmt"
	"math"
	"math/cmplx"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// tableFunctions are functions added as one row of the function table
// each (symbolic/funcs.go), with what the rest of symdiff must then do with
// them: TestTableFunctions checks that they parse under every spelling,
// differentiate (checked numerically against finite differences and the
// complex step), simplify, evaluate in float64 and complex128, print,
// typeset and show a derivation step.
var tableFunctions = []struct {
	name      string
	spellings []string    // the names the parser accepts
	tex       string      // the LaTeX of name(x)
	simplify  [][2]string // inputs and their simplest forms (the row's rules)
}{
	{"gelu", []string{"gelu"}, `\operatorname{GELU}(x)`,
		[][2]string{{"gelu(x) - gelu(-x)", "x"}, {"gelu(2*y + 1) - gelu(-2*y - 1)", "2*y + 1"}}},
	{"silu", []string{"silu", "swish"}, `\operatorname{SiLU}(x)`,
		[][2]string{{"silu(x) - silu(-x)", "x"}, {"swish(x*y) - swish(-x*y)", "x*y"}}},
	{"mish", []string{"mish"}, `\operatorname{mish}(x)`, nil},
	{"softsign", []string{"softsign"}, `\operatorname{softsign}(x)`,
		[][2]string{{"softsign(-x) + softsign(x)", "0"}, {"softsign(-3)", "-3/4"}}},
	{"acoth", []string{"acoth"}, `\operatorname{arcoth}(x)`,
		[][2]string{{"acoth(-x) + acoth(x)", "0"}, {"acoth(-3*x)", "-acoth(3*x)"}}},
	{"asech", []string{"asech"}, `\operatorname{arsech}(x)`, [][2]string{{"asech(1)", "0"}}},
	{"acsch", []string{"acsch"}, `\operatorname{arcsch}(x)`,
		[][2]string{{"acsch(-x) + acsch(x)", "0"}, {"acsch(-3*x)", "-acsch(3*x)"}}},
}

func TestTableFunctions(t *testing.T) {
	t.Parallel()
	x := symbolic.Sym("x")
	for _, tf := range tableFunctions {
		row, ok := symbolic.Lookup(tf.name)
		if !ok {
			t.Fatalf("%s is not in the function table", tf.name)
		}
		for _, sp := range tf.spellings {
			t.Run(sp, func(t *testing.T) {
				if f, _ := symbolic.Lookup(sp); f != row {
					t.Fatalf("Lookup(%q) = %v, want the row %s", sp, f, tf.name)
				}
				// Print: the canonical name, and the text reads back.
				e := mustParse(t, sp+"(x)")
				if got := e.String(); got != tf.name+"(x)" {
					t.Errorf("%s(x) prints as %q", sp, got)
				}
				for i, tmpl := range []string{"%s(x)", "%s(x^2 - 3*x)", "y*%s(x/y + 1) - %s(-x)"} {
					src := strings.ReplaceAll(tmpl, "%s", sp)
					checkDiff(t, src, x, uint64(i))
				}
				// Derivation step: the rule the row names.
				out, errs, st := runCLI("", "--steps", sp+"(x^2)", "x")
				if st != 0 || !strings.Contains(out, row.Rule) {
					t.Errorf("--steps %s(x^2): status %d, %s%s; want the rule %q", sp, st, out, errs, row.Rule)
				}
				// LaTeX.
				out, errs, st = runCLI("", "simplify", "--latex", sp+"(x)")
				if st != 0 || out != tf.tex+"\n" {
					t.Errorf("simplify --latex %s(x) = %q (%s), want %q", sp, out, errs, tf.tex)
				}
				// Float64 evaluation through the CLI, and complex evaluation of
				// the compiled program, against the row; outside the row's
				// real domain (asech(-1.5)) the CLI reports a domain error.
				for _, v := range []float64{-3.25, -1.5, -0.125, 0.5, 2.75} {
					out, errs, st = runCLI("", "eval", sp+"(x)", "x="+strconv.FormatFloat(v, 'g', -1, 64))
					if math.IsNaN(row.Eval(v)) {
						if st == 0 || !strings.Contains(errs, "outside the domain") {
							t.Errorf("eval %s(x) at %v = %q, status %d (%s); want a domain error", sp, v, out, st, errs)
						}
						continue
					}
					got, err := strconv.ParseFloat(strings.TrimSpace(out), 64)
					if st != 0 || err != nil || !closeRel(got, row.Eval(v), 1e-15) {
						t.Errorf("eval %s(x) at %v = %q (%s), want %v", sp, v, out, errs, row.Eval(v))
					}
				}
				p, err := numeric.Compile(e, x)
				if err != nil {
					t.Fatal(err)
				}
				for _, z := range []complex128{complex(0.7, 0.3), complex(-1.2, 0.05), complex(2, -0.4)} {
					if got, want := p.EvalComplex([]complex128{z}), row.EvalC(z); cmplx.Abs(got-want) > 1e-14*math.Max(1, cmplx.Abs(want)) {
						t.Errorf("%s(%v) = %v compiled, %v by the row", sp, z, got, want)
					}
				}
			})
		}
		for _, c := range tf.simplify {
			out, errs, st := runCLI("", "simplify", c[0])
			if st != 0 || out != c[1]+"\n" {
				t.Errorf("simplify %s = %q (%s), want %s", c[0], out, errs, c[1])
			}
		}
	}
}

// checkDiff differentiates src by x with the CLI, checks the derivative
// against finite differences and the complex step at random points, and
// checks that simplifying it keeps its values.
func checkDiff(t *testing.T, src string, x *symbolic.Symbol, seed uint64) {
	t.Helper()
	out, errs, st := runCLI("", "diff", src, "x")
	if st != 0 {
		t.Fatalf("diff %s: status %d: %s", src, st, errs)
	}
	f, df := mustParse(t, src), mustParse(t, strings.TrimSpace(out))
	r, err := numeric.Check(f, df, x, &numeric.CheckOptions{N: 30, Seed: seed, Lo: -4, Hi: 4})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mismatches > 0 || r.Judged < 30 {
		t.Errorf("d/dx %s = %v: %d of %d points disagree (%d wanted)", src, df, r.Mismatches, r.Judged, r.Wanted)
	}
	out, errs, st = runCLI("", "simplify", df.String())
	if st != 0 {
		t.Fatalf("simplify %v: status %d: %s", df, st, errs)
	}
	sd := mustParse(t, strings.TrimSpace(out))
	r, err = numeric.Check(f, sd, x, &numeric.CheckOptions{N: 30, Seed: seed + 100, Lo: -4, Hi: 4})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mismatches > 0 || r.Judged < 30 {
		t.Errorf("simplified d/dx %s = %v: %d of %d points disagree", src, sd, r.Mismatches, r.Judged)
	}
}

func mustParse(t *testing.T, src string) symbolic.Expr {
	t.Helper()
	e, err := parser.Parse(src)
	if err != nil {
		t.Fatal(fmt.Errorf("%s: %w", src, err))
	}
	return e
}

func closeRel(a, b, tol float64) bool {
	return a == b || math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}
