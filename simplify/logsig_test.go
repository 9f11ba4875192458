package simplify_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// logSigmoidCases are logarithms, signs and absolute values, and the
// sigmoid family beyond one argument: a function, the variable to
// differentiate by with symbolic.D before simplifying ("" to simplify the
// function itself), and the expected result.
var logSigmoidCases = []struct{ f, v, want string }{
	// sign(u)/abs(u) = 1/u: log(abs(u))' = u'/u.
	{"log(abs(2*x-1))", "x", "2/(2*x - 1)"},
	{"log(abs(x))", "x", "1/x"},
	{"log(abs(x^2-3))", "x", "2*x/(x^2 - 3)"},
	{"log(abs(sin(y)))", "y", "cot(y)"},
	{"y*log(abs(w*x+b))", "w", "x*y/(w*x + b)"},
	{"log2(abs(x))", "x", "1/(x*log(2))"},
	{"sin(log(abs(2*x-1)))", "x", "2*cos(log(abs(2*x - 1)))/(2*x - 1)"},
	{"sign(x)/abs(x)", "", "1/x"},
	{"3*y*sign(x-y)/abs(x-y)", "", "3*y/(x - y)"},
	{"abs(x)*sign(x)", "", "x"},
	{"abs(x+1)^2", "", "(x + 1)^2"},
	{"x*sign(x)", "", "abs(x)"},
	{"abs(x-2)/(x-2)", "", "sign(x - 2)"},
	{"sign(x^2+1)^2", "", "1"},
	{"sign(x)^2", "", "sign(x)^2"}, // 0 at x = 0, not 1
	// Constant factors stay outside the sum.
	{"log2(x^2+4)", "x", "2*x/(log(2)*(x^2 + 4))"},
	{"log10(y^2+1)", "y", "2*y/(log(10)*(y^2 + 1))"},
	{"log2(sin(x)+2)", "x", "cos(x)/(log(2)*(sin(x) + 2))"},
	{"log2(x^2+4)*y", "x", "2*x*y/(log(2)*(x^2 + 4))"},
	// Powers and roots inside log, keeping the domain.
	{"log(sqrt(x))", "", "log(x)/2"},
	{"log(sqrt(x^2+1))", "", "log(x^2 + 1)/2"},
	{"log(sqrt(x^2+1))", "x", "x/(x^2 + 1)"},
	{"log(x^2) - 2*log(abs(x))", "", "0"},
	{"2*log(abs(x))", "", "log(x^2)"},
	{"log(x^2)", "", "log(x^2)"}, // not 2*log(x), undefined for x < 0
	{"log(x^2)", "x", "2/x"},
	{"log(x^3)", "", "log(x^3)"},
	{"exp(2*log(x))", "", "exp(2*log(x))"}, // x^2 would be defined for x < 0 too
	{"exp(2*log(x^2+1))", "", "(x^2 + 1)^2"},
	// The two-class softmax and its derivatives.
	{"exp(a)/(exp(a)+exp(b))", "", "sigmoid(a - b)"},
	{"exp(-a)/(exp(-a)+exp(-b))", "", "sigmoid(b - a)"},
	{"exp(x)/(exp(x)+exp(2*y))", "", "sigmoid(x - 2*y)"},
	{"3*exp(w*x)/(exp(w*x)+exp(v*x+c))", "", "3*sigmoid(w*x - v*x - c)"},
	{"exp(a+b)/(exp(a)+exp(b))^2", "", "sigmoid(a - b)*(1 - sigmoid(a - b))"},
	{"exp(a)/(exp(a)+exp(b))", "b", "sigmoid(a - b)*(sigmoid(a - b) - 1)"},
	{"x*exp(a)/(exp(a)+exp(b)) + cos(x)", "", "x*sigmoid(a - b) + cos(x)"},
	{"sigmoid(exp(a)/(exp(a)+exp(b)))", "a", "sigmoid(sigmoid(a - b))*sigmoid(a - b)*(1 - sigmoid(sigmoid(a - b)))*(1 - sigmoid(a - b))"},
	// log-sum-exp and softplus.
	{"log(exp(a)+exp(b))", "", "a + softplus(b - a)"},
	{"log(exp(a)+exp(b))", "a", "sigmoid(a - b)"},
	{"log(exp(a)+exp(b)) - log(exp(b)+exp(a))", "", "0"},
	{"log(1+exp(u))", "", "softplus(u)"},
	{"log(1+exp(w*x+b))", "w", "x*sigmoid(w*x + b)"},
	{"-log(sigmoid(u))", "", "softplus(-u)"},
	{"log(1-sigmoid(u))", "", "-softplus(u)"},
	{"exp(-softplus(x))", "", "sigmoid(-x)"},
	{"exp(-softplus(x))", "x", "sigmoid(x)*(sigmoid(x) - 1)"},
	// Cross-entropy with logits and its derivative.
	{"-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))", "", "softplus(z) - y*z"},
	{"-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))", "z", "sigmoid(z) - y"},
	{"-(y*log(sigmoid(w*x+b)) + (1-y)*log(1-sigmoid(w*x+b)))", "w", "x*(sigmoid(w*x + b) - y)"},
	{"y*softplus(-z) + y*z", "", "y*softplus(z)"},
	// A sum met inside a call is kept whole beside it (shared-sum strategy).
	{"-(y*log(sigmoid(w*x+b)) + (1-y)*log(1-sigmoid(w*x+b)))", "", "softplus(w*x + b) - y*(w*x + b)"},
	{"log(exp(w*x)+exp(v*x))", "x", "sigmoid(x*(v - w))*(v - w) + w"},
	{"tanh(w*x+b)*(w*x+b)", "w", "x*((1 - tanh(w*x + b)^2)*(w*x + b) + tanh(w*x + b))"},
	{"sin(a*t + c)*(a*t + c)", "t", "a*(cos(a*t + c)*(a*t + c) + sin(a*t + c))"},
	{"exp(x - y)*x - exp(x - y)*y", "", "exp(x - y)*(x - y)"},
	{"sin(a+b)*(2*a+2*b) + cos(x)", "", "2*sin(a + b)*(a + b) + cos(x)"},
	// tanh and the sigmoid, by cost.
	{"tanh(u)", "", "tanh(u)"},
	{"2*sigmoid(2*u)-1", "", "tanh(u)"},
	{"tanh(x) - 2*sigmoid(2*x)", "", "-1"},
	{"sigmoid(2*y) - (1 + tanh(y))/2", "", "0"},
	{"(1+tanh(x/2))/2", "", "sigmoid(x)"},
	{"(1+tanh(x))*y/2", "", "y*sigmoid(2*x)"},
	{"tanh(x)*sigmoid(2*x)", "", "tanh(x)*(tanh(x) + 1)/2"},
	{"tanh(x) + 1", "", "tanh(x) + 1"},
	{"tanh(x/2)", "x", "1/2 - tanh(x/2)^2/2"},
}

func TestLogSigmoidForms(t *testing.T) {
	for _, c := range logSigmoidCases {
		t.Run(c.f+"/"+c.v, func(t *testing.T) {
			e := input(t, c.f, c.v)
			got := mustSimplify(t, e)
			if got.String() != c.want {
				t.Errorf("Simplify(%v) = %v, want %v", e, got, c.want)
			}
			if simplify.Cost(got) > simplify.Cost(e) {
				t.Errorf("Simplify(%v) = %v costs %d > %d", e, got, simplify.Cost(got), simplify.Cost(e))
			}
			agreeWidely(t, e, got)
		})
	}
}

// callArgsWithin reports whether every argument of a call in e has a
// magnitude of at most m at env. Beyond 15 the unsimplified forms lose
// their digits (1 - sigmoid(34) is 0 or 1.1e-16 in float64, and
// log(1 - sigmoid(34)) has none left), so comparing values there would
// test float64, not the rewrite.
func callArgsWithin(e symbolic.Expr, env map[*symbolic.Symbol]float64, m float64) bool {
	ok := true
	symbolic.Walk(e, func(n symbolic.Expr) {
		if c, isCall := n.(*symbolic.Call); isCall && ok {
			for _, a := range c.Args() {
				if v := refeval.Eval(a, env); math.Abs(v) > m {
					ok = false
				}
			}
		}
	})
	return ok
}

// agreeWidely checks that a and b have the same value at random points:
// moderate ones of either sign, large ones, and points just off the
// singularities of the cases (0, 1/2, 1, -1, 2), skipping points where
// either is undefined or a call in a has an argument beyond 15 (see
// callArgsWithin). TestLogSigmoidStable checks the simplified forms
// beyond.
func agreeWidely(t *testing.T, a, b symbolic.Expr) {
	t.Helper()
	vars := symbolic.Symbols(symbolic.Add(a, b))
	rng := rand.New(rand.NewPCG(3, 5))
	near := []float64{0, 0.5, 1, -1, 2}
	n := 0
	for try := 0; try < 1200; try++ {
		env := map[*symbolic.Symbol]float64{}
		for _, v := range vars {
			switch try % 3 {
			case 0:
				env[v] = 6*rng.Float64() - 3
			case 1:
				env[v] = 30*rng.Float64() - 15
			default:
				off := math.Pow(10, -2-6*rng.Float64())
				if rng.IntN(2) == 0 {
					off = -off
				}
				env[v] = near[rng.IntN(len(near))] + off
			}
		}
		x, y := refeval.Eval(a, env), refeval.Eval(b, env)
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			continue
		}
		if !callArgsWithin(a, env, 15) {
			continue
		}
		scale := math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
		n++
		if d := math.Abs(x - y); d > 1e-7*scale {
			t.Fatalf("%v = %.17g but %v = %.17g at %v", a, x, b, y, env)
		}
	}
	if n < 100 {
		t.Fatalf("only %d points where both %v and %v are defined", n, a, b)
	}
}

// TestLogSigmoidStable checks that the simplified log-sum-exp, softmax and
// cross-entropy have the right values at arguments where the forms they
// come from overflow (exp(800) is +Inf in float64).
func TestLogSigmoidStable(t *testing.T) {
	tests := []struct {
		f    string
		env  map[string]float64
		want float64
	}{
		{"log(exp(a)+exp(b))", map[string]float64{"a": 800, "b": 0}, 800},
		{"log(exp(a)+exp(b))", map[string]float64{"a": 800, "b": 800}, 800 + math.Ln2},
		{"log(exp(a)+exp(b))", map[string]float64{"a": -800, "b": -801}, -800 + math.Log1p(math.Exp(-1))},
		{"exp(a)/(exp(a)+exp(b))", map[string]float64{"a": 800, "b": 799}, 1 / (1 + math.Exp(-1))},
		{"-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))", map[string]float64{"y": 0, "z": 800}, 800},
		{"-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))", map[string]float64{"y": 1, "z": -800}, 800},
		{"-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))", map[string]float64{"y": 1, "z": 800}, 0},
	}
	for _, tc := range tests {
		e := parser.MustParse(tc.f)
		r := mustSimplify(t, e)
		got := refeval.EvalNamed(r, tc.env)
		if math.Abs(got-tc.want) > 1e-12*math.Max(1, math.Abs(tc.want)) {
			t.Errorf("Simplify(%v) = %v is %g at %v, want %g", e, r, got, tc.env, tc.want)
		}
	}
}
