package simplify

import (
	"math"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestProvesSignFromTable checks the sign facts read from the function
// table's rows (Range), and that provesSign claims nothing it cannot
// prove.
func TestProvesSignFromTable(t *testing.T) {
	tests := []struct {
		src, op string
		want    bool
	}{
		{"exp(x)", ">", true},
		{"sigmoid(x) + cosh(x)", ">", true},
		{"abs(x)", ">=", true},
		{"abs(x)", ">", false},
		{"acos(x)", ">=", true},
		{"atan(exp(x))", ">", true},   // atan has the sign of its argument
		{"-sinh(x^2 + 1)", "<", true}, // so has sinh
		{"atan(x)", ">", false},
		{"atan(x)", "!=", false},
		{"erf(relu(x))", ">=", true},
		{"sin(exp(x))", ">", false},
		{"log(x)", ">", false},
		{"f(x)", ">", false},
	}
	for _, tt := range tests {
		e, err := parser.Parse(tt.src, parser.Funcs("f"))
		if err != nil {
			t.Fatal(err)
		}
		if got := provesSign(e, tt.op); got != tt.want {
			t.Errorf("provesSign(%s %s 0) = %v, want %v", tt.src, tt.op, got, tt.want)
		}
	}
}

// TestInputDomain checks the signs an input's own domain gives
// (domainFacts): what the functions it calls and its roots need of their
// arguments, and what follows for odd powers and multiples; and that the
// facts of several inputs are those every one gives.
func TestInputDomain(t *testing.T) {
	tests := []struct {
		inputs []string
		e, op  string
		want   bool
	}{
		{[]string{"exp(2*log(x))"}, "x", ">", true},
		{[]string{"log(x^3)"}, "x", ">", true},
		{[]string{"log(x^3)"}, "x^3", ">", true},
		{[]string{"log(-2*x)"}, "x", "<", true},
		{[]string{"log(x^2)"}, "x", "!=", false}, // an even power: nothing of x
		{[]string{"log(x^2)"}, "x", ">", false},
		{[]string{"sqrt(x) + 1"}, "x", ">=", true},
		{[]string{"sqrt(x) + 1"}, "x", ">", false},
		{[]string{"acosh(y)*sin(x)"}, "y", ">", true},
		{[]string{"log10(x + y)"}, "x + y", ">", true},
		{[]string{"log10(x + y)"}, "x", ">", false},
		{[]string{"log(x)*sqrt(x)"}, "x", ">", true}, // the stronger fact
		{[]string{"log(x)", "sqrt(x)"}, "x", ">=", true},
		{[]string{"log(x)", "sqrt(x)"}, "x", ">", false}, // x > 0 in one input only
		{[]string{"log(x)", "y"}, "x", ">", false},
		{[]string{"log(x)", "log(-x)"}, "x", ">=", false}, // no sign both give
		{[]string{"log(x)", "log(-x)"}, "x", "<", false},
		{[]string{"sin(x)/x"}, "x", ">", false},
		{[]string{"log(x*exp(2*y))"}, "x", ">", true},
		{[]string{"log(-3*x*(y^2 + 1))"}, "x", "<", true},
		{[]string{"log(x*y)"}, "x", ">", false}, // two factors of unknown sign
		{[]string{"log(x*y)"}, "x*y", ">", true},
	}
	for _, tt := range tests {
		var es []symbolic.Expr
		for _, src := range tt.inputs {
			es = append(es, parser.MustParse(src))
		}
		facts := inputDomain(es)
		if got := provesSignIn(parser.MustParse(tt.e), tt.op, facts); got != tt.want {
			t.Errorf("inputs %q: provesSign(%s %s 0) = %v, want %v", tt.inputs, tt.e, tt.op, got, tt.want)
		}
	}
}

// TestArgSignMatchesEval checks each function row's ArgSign against its
// evaluation: where the row says its argument is positive (non-negative),
// the function is NaN at negative arguments (and at 0 for positive, or
// infinite there: log(0) = -Inf, asech(0) = +Inf).
func TestArgSignMatchesEval(t *testing.T) {
	n := 0
	for _, f := range symbolic.Builtins() {
		if f.ArgSign == 0 {
			continue
		}
		n++
		bad := []float64{-1e6, -3.5, -1, -1e-9}
		if f.ArgSign == symbolic.RangePositive {
			bad = append(bad, 0)
		}
		for _, x := range bad {
			if v := f.Eval(x); !math.IsNaN(v) && !math.IsInf(v, -1) && !(x == 0 && math.IsInf(v, 1)) {
				t.Errorf("%s has ArgSign %v but %s(%g) = %g", f.Name, f.ArgSign, f.Name, x, v)
			}
		}
	}
	if n < 4 {
		t.Errorf("%d rows with an ArgSign, want log, log2, log10 and acosh at least", n)
	}
}

// TestInputDomainNeedsNothingKnown checks that an input whose logarithms and
// roots take arguments of a sign their structure proves gives no facts (so
// its search keeps renaming variables in shapes).
func TestInputDomainNeedsNothingKnown(t *testing.T) {
	srcs := []string{
		"log(1 + exp(-(2*w + b)))",
		"sqrt(x^2 + 1) + log(sigmoid(x))",
		"softplus(x) + log(cosh(y))",
		"sin(x)*y",
	}
	es := make([]symbolic.Expr, len(srcs))
	for i, src := range srcs {
		es[i] = parser.MustParse(src)
	}
	for i := range es {
		if f := inputDomain(es[i : i+1]); f != nil {
			t.Errorf("%s: facts %v, want none", es[i], f)
		}
	}
	if f := inputDomain(es); f != nil {
		t.Errorf("all of them: facts %v, want none", f)
	}
}

// TestInputFactsSeesDomain checks that inputFacts's walk reports exactly
// the inputs whose domain can give facts, the ones for which the engine
// runs inputDomain.
func TestInputFactsSeesDomain(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"exp(2*log(x))", true},
		{"sqrt(x) + 1", true},
		{"acosh(y)*x", true},
		{"x^(3/4)", true},
		{"x^(1/3)", false},
		{"1/(1 + exp(-x))", false},
		{"sin(x)^2", false},
	} {
		if _, _, got := inputFacts([]symbolic.Expr{parser.MustParse(tt.src)}); got != tt.want {
			t.Errorf("inputFacts(%s): domain = %v, want %v", tt.src, got, tt.want)
		}
	}
}
