package simplify_test

import (
	"context"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// TestIdentitiesInContext embeds the identities of issue 13 (and more of
// each family) in larger expressions: beside other calls in a sum, as a
// factor, scaled, inside a call. The simplification of each must cost at
// most one more than that of the same context around the identity's
// simple side (one: the trigonometric kernel takes a rewrite only where
// it saves two, see minTrigGain), and keep the value. A strategy that
// fires on the identity alone but not inside a larger node fails here:
// 1 - 2*sin(x)^2 + exp(y) and 3 - 3*tanh(x)^2 - log(z) did. (Not yet
// passed: the identity times itself plus one, coth(x)*(coth(x) + 1) from
// the exponentials, which the search leaves at 2*coth(x)^2*sigmoid(2*x).)
func TestIdentitiesInContext(t *testing.T) {
	identities := []struct{ in, simple string }{
		{"1/cos(x)^2 - tan(x)^2", "1"},
		{"cos(2*x) + 2*sin(x)^2", "1"},
		{"sin(acos(x))", "sqrt(1 - x^2)"},
		{"tan(atan(x))", "x"},
		{"(exp(x) + exp(-x))/(exp(x) - exp(-x))", "coth(x)"},
		{"exp(a)/(exp(a) + exp(b))", "sigmoid(a - b)"},
		{"x*tan(x)*cot(x)", "x"},
		{"sin(x)^2 + cos(x)^2", "1"},
		{"cosh(x)^2 - sinh(x)^2", "1"},
		{"2*sin(x)*cos(x)", "sin(2*x)"},
		{"1 - tanh(x)^2", "sech(x)^2"},
		{"2*sigmoid(2*x) - 1", "tanh(x)"},
		{"log(exp(a) + exp(b))", "a + softplus(b - a)"},
		{"exp(2*log(x))", "x^2"},
		{"log(x^3)", "3*log(x)"},
		{"sec(x)^2 - 1", "tan(x)^2"},
		{"(1 - cos(2*x))/2", "sin(x)^2"},
		{"1/(1 + exp(-x))", "sigmoid(x)"},
		{"cos(x)^4 - sin(x)^4", "cos(2*x)"},
		{"(1 + tanh(x))/2", "sigmoid(2*x)"},
		{"1 + cot(2*t)^2", "csc(2*t)^2"},
		{"cosh(u)^2 - 1", "sinh(u)^2"},
		{"2/(exp(v) + exp(-v))", "sech(v)"},
		{"cos(atan(x))", "1/sqrt(x^2 + 1)"},
		{"sigmoid(u) - 1", "-sigmoid(-u)"},
		{"2*sigmoid(-x) - 2", "-2*sigmoid(x)"},
		{"sech(log(x))^2/x", "4*x/(x^2 + 1)^2"},
		{"tanh(2*log(t))*(t^4 + 1)", "t^4 - 1"},
	}
	contexts := []string{
		"(B) + exp(y)", "(B)*exp(y)", "(B) + cosh(y)", "(B) + sin(y)",
		"3*(B) - log(z)", "(B)*sigmoid(y)", "(B) + tanh(y)^2", "exp(B)",
		"(B)/(y^2 + 1)", "y*(B) + y",
		"x*(B) + x^2", "1/(B + y)", "(B)^2 + y", "sqrt((B)^2 + 1)", "log(2 + (B)*y)", "(B) - sigmoid(-y)*exp(t)", "sin(B)*cos(y)",
	}
	simp := func(src string) (float64, string) {
		t.Helper()
		s := simplifyChecked(t, src)
		return float64(simplify.Cost(s)), s.String()
	}
	for _, id := range identities {
		for _, ctx := range contexts {
			in := strings.ReplaceAll(ctx, "B", id.in)
			want := strings.ReplaceAll(ctx, "B", id.simple)
			cin, sin := simp(in)
			cwant, swant := simp(want)
			if cin > cwant+1 {
				t.Errorf("%s simplifies to %s (cost %v), but %s to %s (cost %v)", in, sin, cin, want, swant, cwant)
			}
		}
	}
}

// TestIdentityDerivativesInContext differentiates the identities
// under other arguments and inside other expressions (testkit.IdentityCases),
// and compares each result with the derivative of the same expression
// around the identity's simple side: the simplified derivative of
// 1/cos(2*x + 1)^2 - tan(2*x + 1)^2 inside exp, say, must cost at most one
// more than that of exp(1). A strategy that holds only for the argument x,
// or only for the identity alone, fails here; the simplified derivatives
// must also keep their inputs' values (simplifyChecked's oracle). The
// identities whose derivatives hold in context only through the command
// are left to internal/cli's TestDerivativeFormsInContext.
func TestIdentityDerivativesInContext(t *testing.T) {
	x := symbolic.Sym("x")
	deriv := func(src string) (int, symbolic.Expr) {
		t.Helper()
		e, err := parser.Parse(src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		d := symbolic.D(e, x)
		s, err := simplify.Simplify(context.Background(), d)
		if err != nil {
			t.Fatalf("Simplify(%v): %v", d, err)
		}
		if err := checkSameValues(src, d, s); err != nil {
			t.Error(err)
		}
		return simplify.Cost(s), s
	}
	testkit.IdentityCases(false, func(src, want string) {
		c1, d1 := deriv(src)
		c2, d2 := deriv(want)
		if c1 > c2+1 {
			t.Errorf("d/dx %s is %v (cost %d), but d/dx %s is %v (cost %d)", src, d1, c1, want, d2, c2)
		}
	})
}
