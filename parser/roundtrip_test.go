package parser_test

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// roundTripCorpus is parsed, printed and parsed again; so are its
// derivatives with respect to x.
var roundTripCorpus = []string{
	"x", "-x", "0.1", "-1/3", "2/3 x", "x - y", "y - x", "-x - y", "a - (b - c)",
	"(a - b) - c", "x/y", "x/(y z)", "1/(2x)", "x^2", "x^-2", "x^(-1/2)", "x^(1/3)",
	"(-x)^2", "-x^2", "(-2)^x", "2^3^x", "(2^3)^x", "(x^2)^y", "x^y^z", "(x^y)^z",
	"e^x", "e^(2x)", "e^-x", "pi x", "2pi", "sqrt(x)", "sqrt(x + 1)", "1/sqrt(x)",
	"x^(3/2)", "ln(x)", "log(x, 10)", "log10(x)", "1/(1+exp(-x))", "sigmoid(x)",
	"sin(x)^2 + cos(x)^2", "tan(x^2)", "asin(x)", "atan(1/x)", "sinh(x) cosh(x)",
	"tanh(2x - 1)", "abs(x)", "relu(x - 1)", "softplus(x)", "erf(x)", "sign(x)",
	"step(x)", "cbrt(x)", "log2(x)", "x^x", "x^sin(x)", "sin(x)^cos(x)",
	"exp(sin(x))", "f(x)", "f(g(x))", "f'(x) + g''(x)", "f(x)^2 g(x)", "-f(-x)",
	"(x + 1)(x - 1)", "x/(x^2 + 1)^2", "3x^2 - 2x + 1", "w_1 x_1 + w_2 x_2 + b",
	"θ^2 + x", "-(x + y)/2", "x^2/2 - x^3/6", "(1 - x)/(1 + x)", "1e-400 x",
	"123456789012345678901234567890 x", "x/y/z", "-1/x", "2^(x/2)", "x^(-y)",
	"acot(x) + asec(x) + acsc(x)", "cot(x) sec(x) csc(x)", "coth(x) - sech(x) + csch(x)",
	"asinh(x) acosh(x) atanh(x)", "acoth(x) - asech(x) + acsch(x)", "acoth(2x) asech(x^2) acsch(-x)",
	"exp(-x^2/2)/sqrt(2pi)", "log(1 + exp(x))",
}

var rtOpts = []parser.Option{parser.Funcs("f", "g")}

func TestRoundTrip(t *testing.T) {
	xs := symbolic.Sym("x")
	for _, s := range roundTripCorpus {
		e, err := parser.Parse(s, rtOpts...)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		checkRoundTrip(t, s, e)
		d, err := symbolic.Diff(context.Background(), e, xs)
		if err != nil {
			t.Errorf("Diff(%q): %v", s, err)
			continue
		}
		checkRoundTrip(t, "d/dx "+s, d)
	}
}

func checkRoundTrip(t *testing.T, what string, e symbolic.Expr) {
	t.Helper()
	text := e.String()
	back, err := parser.Parse(text, rtOpts...)
	if err != nil {
		t.Errorf("%s: printed %q does not parse: %v", what, text, err)
		return
	}
	if back != e {
		t.Errorf("%s: printed %q reparses to %q, a different expression", what, text, back.String())
	}
}
