package cli

import (
	"math"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// TestDerivativeFormsInContext is issue 13's forms as a user meets them:
// `symdiff EXPR x` for the identities under other arguments and
// inside other expressions (testkit.IdentityCases, all of them), each
// against the same command on the same context around the identity's
// simple side. The printed derivative must cost at most one more
// (simplify.Cost) and equal the other in value. Unlike the simplifier's
// TestIdentityDerivativesInContext this goes through the command, which
// also differentiates a small input's simplified form (see
// viaSimplifiedInput): 2*sigmoid(2*u) - 1 and the exponentials of tanh(u)
// are in.
func TestDerivativeFormsInContext(t *testing.T) {
	x, q := symbolic.Sym("x"), symbolic.Sym("q")
	deriv := func(src string) (symbolic.Expr, int) {
		t.Helper()
		_, d := printedDerivative(t, src)
		return d, simplify.Cost(d)
	}
	// The two derivatives are one function: compared by value where both
	// are well conditioned (the inputs are not: 1/cos(u)^2 - tan(u)^2
	// cancels, so finite differences of them are noise at large u).
	same := func(a, b symbolic.Expr) bool {
		pa, err1 := numeric.Compile(a, x, q)
		pb, err2 := numeric.Compile(b, x, q)
		if err1 != nil || err2 != nil {
			return false
		}
		for _, xv := range []float64{0.3, 0.7, 1.1} {
			va, vb := pa.Eval([]float64{xv, 0.4}), pb.Eval([]float64{xv, 0.4})
			if math.IsNaN(va) || math.IsNaN(vb) {
				if math.IsNaN(va) != math.IsNaN(vb) {
					return false
				}
				continue // outside both domains (acos(x^2 + 1))
			}
			if math.Abs(va-vb) > 1e-9*math.Max(1, math.Abs(vb)) {
				return false
			}
		}
		return true
	}
	testkit.IdentityCases(true, func(src, want string) {
		d1, c1 := deriv(src)
		d2, c2 := deriv(want)
		if c1 > c2+1 {
			t.Errorf("symdiff %q x is %v (cost %d), but for %q %v (cost %d)", src, d1, c1, want, d2, c2)
		}
		if !same(d1, d2) {
			t.Errorf("symdiff %q x is %v, which differs from %v, for %q", src, d1, d2, want)
		}
	})
}

// TestPythagoreanForms checks that derivatives which hold a function of a
// Pythagorean pair print the square of its partner, as a reader writes
// them (x*sec(x)^2 + tan(x), not x*tan(x)^2 + x + tan(x); see pairTerms
// in package simplify): for each form, under each inner function u, the
// printed derivative costs no more than the written one (D standing for
// u'), or one more (a common factor left in two terms: exp(x)*tan(x/3) +
// exp(x)*sec(x/3)^2/3), and has its value. The form costs less than the
// Pythagorean pair by more (1 + tan(u)^2, written out or expanded), and
// the printed derivative must call the partners the written one calls
// (sec, csc, sech, csch), so a command that printed the pair fails.
func TestPythagoreanForms(t *testing.T) {
	forms := []struct{ in, want string }{
		{"x*tan(U)", "tan(U) + x*D*sec(U)^2"},
		{"tan(U)^2", "2*D*tan(U)*sec(U)^2"},
		{"tan(U)^3", "3*D*tan(U)^2*sec(U)^2"},
		{"x*cot(U)", "cot(U) - x*D*csc(U)^2"},
		{"cot(U)^2", "-2*D*cot(U)*csc(U)^2"},
		{"x*tanh(U)", "tanh(U) + x*D*sech(U)^2"},
		{"tanh(U)^2", "2*D*tanh(U)*sech(U)^2"},
		{"x*coth(U)", "coth(U) - x*D*csch(U)^2"},
		{"exp(x)*tan(U)", "exp(x)*(tan(U) + D*sec(U)^2)"},
		{"log(x)*tanh(U)", "tanh(U)/x + log(x)*D*sech(U)^2"},
		{"tan(U)/x", "(x*D*sec(U)^2 - tan(U))/x^2"},
		{"tan(U)*tanh(U)", "D*(sec(U)^2*tanh(U) + tan(U)*sech(U)^2)"},
	}
	inner := []struct{ u, du string }{
		{"x", "1"}, {"2*x + 1", "2"}, {"x^2", "2*x"}, {"exp(x)", "exp(x)"}, {"x/3", "1/3"},
	}
	for _, f := range forms {
		for _, in := range inner {
			src := strings.ReplaceAll(f.in, "U", "("+in.u+")")
			want := strings.NewReplacer("U", "("+in.u+")", "D", "("+in.du+")").Replace(f.want)
			out, got := printedDerivative(t, src)
			for _, g := range []string{"sec(", "csc(", "sech(", "csch("} {
				if strings.Contains(want, g) && !strings.Contains(out, g) {
					t.Errorf("symdiff %q x is %s, without the %s...)^2 of %s", src, out, g, want)
				}
			}
			checkForm(t, src, got, parser.MustParse(want), 1, []float64{-1.3, 0.2, 0.7, 1.1})
		}
	}
}

// TestLogProductForms checks that the derivative of the log of a product
// prints as the sum of the factors' logarithmic derivatives, u'/u + v'/v,
// as a reader writes it, where the quotient rule gives one fraction
// ((3*x - 1)*cos(x) + 3*sin(x))/(sin(x)*(3*x - 1)) (termByTerm in package
// simplify), and that a call both terms of the product rule share comes
// out (commonCall): each printed derivative costs no more than the written
// one (or one more, for the logs), and has its value.
func TestLogProductForms(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		slack    int // cost above the written form that passes
	}{
		{"log(sin(x)*(3*x - 1))", "cot(x) + 3/(3*x - 1)", 1},
		{"log(x*sin(x))", "cot(x) + 1/x", 1},
		{"log((x^2 + 1)*cos(x))", "2*x/(x^2 + 1) - tan(x)", 1},
		{"log(x^2*exp(x)*sin(x))", "cot(x) + 1 + 2/x", 1},
		{"log(sqrt(x)*cos(x))", "1/(2*x) - tan(x)", 1},
		{"log((2*x + 1)*atan(x))", "2/(2*x + 1) + 1/(atan(x)*(x^2 + 1))", 1},
		{"log(sinh(x)*(x^2 + 1))", "coth(x) + 2*x/(x^2 + 1)", 1},
		{"log(sin(2*x)*(x + 1))", "2*cot(2*x) + 1/(x + 1)", 1},
		{"log(sin(x)/(x^2 + 1))", "cot(x) - 2*x/(x^2 + 1)", 1},
		// The product rule's terms sharing a call: it comes out
		// (commonCall in package simplify).
		{"exp(x)*log(x)", "exp(x)*(log(x) + 1/x)", 0},
		{"exp(-x)*atan(log(x))", "exp(-x)*(1/(x*(log(x)^2 + 1)) - atan(log(x)))", 0},
		{"exp(2*x)*atan(x)", "exp(2*x)*(2*atan(x) + 1/(x^2 + 1))", 0},
		{"exp(x + 1)*asinh(x + 1)", "exp(x + 1)*(asinh(x + 1) + 1/sqrt((x + 1)^2 + 1))", 0},
		{"x^exp(x)", "x^exp(x)*exp(x)*(log(x) + 1/x)", 0},
	} {
		_, got := printedDerivative(t, tc.in)
		checkForm(t, tc.in, got, parser.MustParse(tc.want), tc.slack, []float64{0.3, 0.7, 1.1, 2.9})
	}
}

// printedDerivative runs symdiff src x and returns what it printed, as
// text and parsed.
func printedDerivative(t *testing.T, src string) (string, symbolic.Expr) {
	t.Helper()
	out, errOut, status := runCLI("", src, "x")
	if status != 0 {
		t.Fatalf("symdiff %q x: status %d, %s", src, status, errOut)
	}
	d, err := parser.Parse(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("symdiff %q x printed %q: %v", src, out, err)
	}
	return strings.TrimSpace(out), d
}

// checkForm fails t where got, the printed derivative of src, costs more
// than want plus slack or differs from it in value at the points xs.
func checkForm(t *testing.T, src string, got, want symbolic.Expr, slack int, xs []float64) {
	t.Helper()
	if cg, cw := simplify.Cost(got), simplify.Cost(want); cg > cw+slack {
		t.Errorf("symdiff %q x is %v (cost %d), where %v costs %d", src, got, cg, want, cw)
	}
	x := symbolic.Sym("x")
	pg, err1 := numeric.Compile(got, x)
	pw, err2 := numeric.Compile(want, x)
	if err1 != nil || err2 != nil {
		t.Fatalf("compile %v, %v: %v, %v", got, want, err1, err2)
	}
	for _, xv := range xs {
		a, b := pg.Eval([]float64{xv}), pw.Eval([]float64{xv})
		if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(b)) {
			t.Errorf("symdiff %q x is %v: %g at x = %g, not %g (%v)", src, got, a, xv, b, want)
		}
	}
}
