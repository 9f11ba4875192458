package simplify_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
)

// TestMatching applies single rules (without the built-in ones) to show how
// patterns match modulo associativity and commutativity.
func TestMatching(t *testing.T) {
	for _, c := range []struct{ rule, in, want string }{
		// A root sum pattern matches a subset of the terms; the rest stays.
		{"p: sin(a)^2 + cos(a)^2 => 1", "y + cos(x)^2 + sin(x)^2", "y + 1"},
		{"p: sin(a)^2 + cos(a)^2 => 1", "sin(x)^2 + cos(y)^2", "sin(x)^2 + cos(y)^2"},
		// A root product pattern: the coefficient and other factors stay.
		{"d: 2*sin(a)*cos(a) => sin(2*a)", "6*y*sin(x)*cos(x)", "3*y*sin(2*x)"},
		// -a matches any expression, a being its negation.
		{"s: 1/(1 + exp(-a)) => sigmoid(a)", "1/(1 + exp(-x))", "sigmoid(x)"},
		{"s: 1/(1 + exp(-a)) => sigmoid(a)", "1/(1 + exp(-w*x - b))", "sigmoid(w*x + b)"},
		{"s: 1/(1 + exp(-a)) => sigmoid(a)", "1/(1 + exp(x))", "sigmoid(-x)"},
		// A variable bound twice must match the same expression.
		{"t: sin(a)/cos(a) => tan(a)", "sin(x)/cos(y)", "sin(x)/cos(y)"},
		{"t: sin(a)/cos(a) => tan(a)", "z*sin(x+1)/cos(x+1)", "z*tan(x+1)"},
		// Conditions are proved, not assumed: from the binding's own
		// structure, or from the input's domain (log(x) is defined only
		// where x > 0; x^2 >= 0 says nothing of x).
		{"e: exp(log(a)) => a  if a > 0", "exp(log(x))", "x"},
		{"q: sqrt(a^2) => a  if a >= 0", "sqrt(x^2)", "sqrt(x^2)"},
		{"q: sqrt(a^2) => a  if a >= 0", "sqrt(x^2) + sqrt(x)", "x + sqrt(x)"},
		{"e: exp(log(a)) => a  if a > 0", "exp(log(x^2 + 1))", "x^2 + 1"},
		{"e: exp(log(a)) => a  if a > 0", "exp(log(exp(x) + sigmoid(y)))", "exp(x) + sigmoid(y)"},
		// A power pattern p^k also matches p^(j*k).
		{"c: 1/cos(a) => sec(a)", "1/cos(x)^2", "sec(x)^2"},
		// A nested sum pattern's last variable takes the other terms.
		{"r: exp(a + log(b)) => b*exp(a)  if b > 0", "exp(x + y + log(z^2 + 1))", "(z^2 + 1)*exp(x + y)"},
	} {
		rs, err := simplify.ParseRules("test.rules", c.rule)
		if err != nil {
			t.Fatal(err)
		}
		in := parser.MustParse(c.in)
		got, err := simplify.Simplify(context.Background(), in, simplify.WithoutBuiltinRules(), simplify.WithRules(rs...))
		if err != nil {
			t.Fatal(err)
		}
		want := parser.MustParse(c.want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rule %q on %v: got %v, want %v", c.rule, in, got, want)
		}
	}
}
