package simplify_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

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
// callArgsWithin). Where a evaluates badly in float64 and b does not, b is
// compared with a's exact value (refeval.Reference) instead.
// TestLogSigmoidStable checks the simplified forms beyond. It tries 400
// points (1200 under SYMDIFF_LONG).
func agreeWidely(t *testing.T, a, b symbolic.Expr) {
	t.Helper()
	vars := symbolic.Symbols(symbolic.Add(a, b))
	rng := rand.New(rand.NewPCG(3, 5))
	near := []float64{0, 0.5, 1, -1, 2}
	n := 0
	for try := range long.N(400, 1200) {
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
			// Where a itself evaluates badly in float64 ((1 + tanh(x))/(1
			// - tanh(x)) at x = 12), b must agree with a's exact value.
			if ref, ok := refeval.Reference(a, env); ok && math.Abs(y-ref) <= 1e-7*math.Max(1, math.Abs(ref)) {
				continue
			}
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
