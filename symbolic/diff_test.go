package symbolic_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

var x, y = symbolic.Sym("x"), symbolic.Sym("y")

// fn and call name rows of the function table.
var (
	fn   = fntab.Must
	call = fntab.Call
)

// checkDerivative compares D(e, x) with a central difference of e at n
// random points of the domain ok.
func checkDerivative(t *testing.T, e symbolic.Expr, ok func(float64) bool, n int) {
	t.Helper()
	de := symbolic.D(e, x)
	r := rand.New(rand.NewPCG(1, uint64(symbolic.Size(e))))
	f := func(v float64) float64 { return eval(e, map[*symbolic.Symbol]float64{x: v, y: 0.7}) }
	checked := 0
	for range n {
		p, found := samplePoint(r, ok)
		if !found {
			t.Fatalf("%v: no point in the domain", e)
		}
		want, errEst := centralDiff(f, p)
		if math.IsNaN(want) || errEst > 1e-4*math.Max(1, math.Abs(want)) {
			continue // too close to a singularity to judge
		}
		got := eval(de, map[*symbolic.Symbol]float64{x: p, y: 0.7})
		checked++
		if !closeTo(got, want, 1e-6) {
			t.Errorf("d/dx %v = %v: at x = %v got %v, central difference %v", e, de, p, got, want)
			return
		}
	}
	if checked < n/2 {
		t.Errorf("%v: only %d of %d points could be judged", e, checked, n)
	}
}

// Every function of the table, alone and under the chain rule, against a
// central difference at random points of its domain.
func TestFunctionTableDerivatives(t *testing.T) {
	for _, f := range symbolic.Builtins() {
		t.Run(f.Name, func(t *testing.T) {
			checkDerivative(t, symbolic.Apply(f, x), f.Domain, 20)
			// Chain rule through an inner function u = x/2 + y/10; the
			// domain of f(u) is the domain of f at u.
			u := symbolic.Add(symbolic.Mul(symbolic.Half, x), symbolic.Mul(symbolic.Frac(1, 10), y))
			dom := func(v float64) bool { return f.Domain(0.5*v + 0.07) }
			checkDerivative(t, symbolic.Apply(f, u), dom, 20)
		})
	}
}

func positive(v float64) bool { return v > 0.1 }

// The differentiation rules on expressions that exercise each of them, and
// the exact text of derivatives, are the cases of testdata/diff.txt
// (TestGoldenDiff).

func TestDN(t *testing.T) {
	tests := []struct {
		e    symbolic.Expr
		n    int
		want symbolic.Expr
	}{
		{call("sin", x), 2, symbolic.Neg(call("sin", x))},
		{call("sin", x), 4, call("sin", x)},
		{symbolic.Pow(x, symbolic.Int(5)), 3, symbolic.Mul(symbolic.Int(60), symbolic.Pow(x, symbolic.Int(2)))},
		{call("exp", symbolic.Mul(symbolic.Int(2), x)), 3, symbolic.Mul(symbolic.Int(8), call("exp", symbolic.Mul(symbolic.Int(2), x)))},
		{symbolic.Pow(x, symbolic.Int(3)), 0, symbolic.Pow(x, symbolic.Int(3))},
		{symbolic.Pow(x, symbolic.Int(3)), 4, symbolic.Zero},
	}
	for _, tt := range tests {
		if got, err := symbolic.Diff(context.Background(), tt.e, x, symbolic.Order(tt.n)); got != tt.want || err != nil {
			t.Errorf("d^%d/dx^%d %v = %v, %v, want %v", tt.n, tt.n, tt.e, got, err, tt.want)
		}
	}
}

// Successive partials: d/dx then d/dy.
func TestSuccessivePartials(t *testing.T) {
	e := symbolic.Mul(call("sin", symbolic.Mul(x, y)), symbolic.Pow(y, symbolic.Int(2)))
	dxy := symbolic.D(symbolic.D(e, x), y)
	dyx := symbolic.D(symbolic.D(e, y), x)
	for _, p := range [][2]float64{{0.3, 0.7}, {-1.2, 2.5}, {2, -0.4}} {
		env := map[*symbolic.Symbol]float64{x: p[0], y: p[1]}
		a, b := eval(dxy, env), eval(dyx, env)
		if !closeTo(a, b, 1e-12) {
			t.Errorf("mixed partials differ at %v: %v vs %v", p, a, b)
		}
	}
}

func TestAbstractFunctions(t *testing.T) {
	f, g := symbolic.Abstract("f"), symbolic.Abstract("g")
	e := symbolic.Apply(f, symbolic.Apply(g, x))
	if got, want := symbolic.D(e, x).String(), "f'(g(x))*g'(x)"; got != want {
		t.Errorf("D(%v) = %s, want %s", e, got, want)
	}
	if got, want := symbolic.D(symbolic.D(symbolic.Apply(f, x), x), x).String(), "f''(x)"; got != want {
		t.Errorf("second derivative of f(x) = %s, want %s", got, want)
	}
	if f == symbolic.Abstract("g") || f != symbolic.Abstract("f") {
		t.Error("abstract functions are not identified by name")
	}
}

// The derivative of an input with n distinct nodes has O(n) distinct nodes:
// the memoised walk shares every subexpression.
func TestLinearCost(t *testing.T) {
	for _, d := range []int{10, 100, 1000} {
		e := workloads.NestedSigmoid(d)
		in, out := symbolic.Size(e), symbolic.Size(symbolic.D(e, x))
		if out > 5*in {
			t.Errorf("nested sigmoid depth %d: input %d nodes, derivative %d nodes (more than 5x)", d, in, out)
		}
		t.Logf("depth %d: input %d nodes, derivative %d nodes", d, in, out)
	}
}

// TestDSteps checks the trace: children before parents, the last step for
// the whole expression, the same derivative as D where neither the
// quotient nor the constant multiple rule applies, and the rule and parts
// each step names, with every step's result and every part's derivative
// checked against D in value at random points.
func TestDSteps(t *testing.T) {
	g := call("tanh", x)
	for _, tc := range []struct {
		e      symbolic.Expr
		rules  []symbolic.Rule // of the steps, in order
		sameAs bool            // Diff with Trace gives D's very expression
	}{
		{symbolic.Mul(x, call("sin", symbolic.Pow(x, symbolic.Int(2)))),
			[]symbolic.Rule{symbolic.PowerRule, symbolic.ChainRule, symbolic.ProductRule}, true},
		{symbolic.Div(call("sin", x), symbolic.Pow(x, symbolic.Int(2))),
			[]symbolic.Rule{symbolic.ChainRule, symbolic.PowerRule, symbolic.QuotientRule}, false},
		{symbolic.Mul(symbolic.Int(3), call("exp", symbolic.Mul(y, x))),
			[]symbolic.Rule{symbolic.ConstantMultipleRule, symbolic.ChainRule, symbolic.ConstantMultipleRule}, false},
		{symbolic.Add(symbolic.Pow(symbolic.Int(2), x), symbolic.Pow(x, x), g),
			[]symbolic.Rule{symbolic.GeneralPowerRule, symbolic.ChainRule, symbolic.ExponentialRule, symbolic.SumRule}, true},
		{symbolic.Add(call("asin", x), call("acos", x)),
			[]symbolic.Rule{symbolic.ChainRule, symbolic.ChainRule, symbolic.SumRule}, true},
	} {
		r, steps := traced(t, tc.e, x)
		d := symbolic.D(tc.e, x)
		if tc.sameAs && r != d {
			t.Errorf("%v: Diff with Trace gives %v, D %v", tc.e, r, d)
		}
		sameValue(t, tc.e.String(), r, d)
		if len(steps) == 0 || steps[len(steps)-1].Expr != tc.e || steps[len(steps)-1].Result != r {
			t.Fatalf("%v: the last step should be the whole expression: %v", tc.e, steps)
		}
		var rules []symbolic.Rule
		seen := map[symbolic.Expr]bool{}
		for _, s := range steps {
			rules = append(rules, s.Rule)
			for _, c := range symbolic.Children(s.Expr) {
				if _, leaf := c.(*symbolic.Symbol); !leaf && symbolic.Contains(c, x) && !seen[c] && s.Rule == symbolic.ProductRule {
					t.Errorf("%v: step for %v comes before the step for its child %v", tc.e, s.Expr, c)
				}
			}
			seen[s.Expr] = true
			if len(s.DParts) != len(s.Parts) {
				t.Fatalf("%v: step %v has %d parts, %d derivatives", tc.e, s.Expr, len(s.Parts), len(s.DParts))
			}
			sameValue(t, "step "+s.Name, s.Result, symbolic.D(s.Expr, x))
			for i, p := range s.Parts {
				sameValue(t, "part "+p.String(), s.DParts[i], symbolic.D(p, x))
			}
			if (s.Rule == symbolic.ChainRule) != (s.Func != nil) {
				t.Errorf("%v: step %s has Func %v", tc.e, s.Name, s.Func)
			}
		}
		if !slices.Equal(rules, tc.rules) {
			t.Errorf("%v: rules %v, want %v", tc.e, rules, tc.rules)
		}
	}
}

// sameValue checks that a and b agree at random points (with y = 0.7)
// where both are finite.
func sameValue(t *testing.T, what string, a, b symbolic.Expr) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	ok := 0
	for range 40 {
		env := map[*symbolic.Symbol]float64{x: -3 + 6*rng.Float64(), y: 0.7}
		va, vb := eval(a, env), eval(b, env)
		if math.IsNaN(va) || math.IsNaN(vb) || math.IsInf(va, 0) || math.IsInf(vb, 0) {
			continue
		}
		ok++
		if math.Abs(va-vb) > 1e-9*(1+math.Abs(va)+math.Abs(vb)) {
			t.Errorf("%s: %v = %g but %v = %g at %v", what, a, va, b, vb, env[x])
			return
		}
	}
	if ok < 5 {
		t.Errorf("%s: only %d of 40 points are in the domain of %v and %v", what, ok, a, b)
	}
}

func BenchmarkDiff(b *testing.B) {
	cases := []struct {
		name string
		e    symbolic.Expr
	}{
		{"sigmoid", workloads.NestedSigmoid(1)},
		{"nested100", workloads.NestedSigmoid(100)},
		{"nested1000", workloads.NestedSigmoid(1000)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				symbolic.D(c.e, x)
			}
		})
	}
}

func BenchmarkPrint(b *testing.B) {
	for _, d := range []int{1, 100, 1000} {
		de := symbolic.D(workloads.NestedSigmoid(d), x)
		b.Run("nested"+itoa(d), func(b *testing.B) {
			for b.Loop() {
				_ = symbolic.Format(de)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// traced returns Diff's derivative of e and the steps its Trace records.
func traced(t testing.TB, e symbolic.Expr, x *symbolic.Symbol) (symbolic.Expr, []symbolic.Step) {
	t.Helper()
	var steps []symbolic.Step
	r, err := symbolic.Diff(context.Background(), e, x, symbolic.Trace(&steps))
	if err != nil {
		t.Fatalf("Diff(%v, Trace): %v", e, err)
	}
	return r, steps
}

func TestDiffLimits(t *testing.T) {
	e := workloads.NestedSigmoid(3000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := symbolic.Diff(ctx, e, x); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
	_, err := symbolic.Diff(context.Background(), workloads.NestedSigmoid(100), x, symbolic.MaxNodes(50))
	var se *symbolic.Error
	if !errors.Is(err, symbolic.ErrLimit) || !errors.As(err, &se) || se.Limit != "MaxNodes" {
		t.Errorf("node limit: got %v, want a MaxNodes *Error wrapping ErrLimit", err)
	}
	r, err := symbolic.Diff(context.Background(), workloads.NestedSigmoid(10), x, symbolic.MaxNodes(1000))
	if err != nil || r != symbolic.D(workloads.NestedSigmoid(10), x) {
		t.Errorf("within the limit: got %v, %v", r, err)
	}
	// With Order, the bound holds for every derivative: those of x^9 stay
	// small, those of sin(x)^40 grow past it.
	if _, err := symbolic.Diff(context.Background(), symbolic.Pow(call("sin", x), symbolic.Int(40)), x, symbolic.Order(6), symbolic.MaxNodes(20)); !errors.Is(err, symbolic.ErrLimit) {
		t.Errorf("node limit with Order(6): got %v, want ErrLimit", err)
	}
	if r, err := symbolic.Diff(context.Background(), symbolic.Pow(x, symbolic.Int(9)), x, symbolic.Order(3), symbolic.MaxNodes(20)); err != nil || r != symbolic.Mul(symbolic.Int(504), symbolic.Pow(x, symbolic.Int(6))) {
		t.Errorf("x^9 with Order(3), MaxNodes(20): got %v, %v", r, err)
	}
}

// TestDiffOrderTrace checks that Trace with Order records the steps of
// each derivative in turn: the second's last step is the first
// derivative's.
func TestDiffOrderTrace(t *testing.T) {
	e := symbolic.Mul(call("sin", x), call("exp", x))
	_, first := traced(t, e, x)
	var steps []symbolic.Step
	r, err := symbolic.Diff(context.Background(), e, x, symbolic.Order(2), symbolic.Trace(&steps))
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := traced(t, e, x)
	d2, second := traced(t, d1, x)
	if r != d2 || len(steps) != len(first)+len(second) {
		t.Fatalf("Order(2) with Trace: %v and %d steps, want %v and %d", r, len(steps), d2, len(first)+len(second))
	}
	if last := steps[len(first)-1]; last.Expr != e || last.Result != d1 {
		t.Errorf("step %d is %v -> %v, want %v -> %v", len(first)-1, last.Expr, last.Result, e, d1)
	}
	if last := steps[len(steps)-1]; last.Expr != d1 || last.Result != d2 {
		t.Errorf("last step is %v -> %v, want %v -> %v", last.Expr, last.Result, d1, d2)
	}
}

// TestPowLimit checks that the bound on exact numbers is per call: PowLimit
// refuses 3^200 (317 bits) under 128 bits and computes it under 512, and
// Pow keeps the default bound whatever an earlier call used.
func TestPowLimit(t *testing.T) {
	three, e200 := symbolic.Int(3), symbolic.Int(200)
	cases := []struct {
		name    string
		pow     func() symbolic.Expr
		refused bool
	}{
		{"3^200 under 128 bits", func() symbolic.Expr { return symbolic.PowLimit(three, e200, 128) }, true},
		{"3^200 under 512 bits", func() symbolic.Expr { return symbolic.PowLimit(three, e200, 512) }, false},
		{"(3*x)^200 under 128 bits", func() symbolic.Expr { return symbolic.PowLimit(symbolic.Mul(three, x), e200, 128) }, true},
		{"3^200 under the default", func() symbolic.Expr { return symbolic.Pow(three, e200) }, false},
		{"3^(10^9) under the default", func() symbolic.Expr { return symbolic.Pow(three, symbolic.Int(1e9)) }, true},
		{"3^20 under 64 bits", func() symbolic.Expr { return symbolic.PowLimit(three, symbolic.Int(20), 1) }, false},
	}
	for _, c := range cases {
		var err error
		var got symbolic.Expr
		func() {
			defer symbolic.Recover(&err)
			got = c.pow()
		}()
		if c.refused {
			var se *symbolic.Error
			if !errors.Is(err, symbolic.ErrLimit) || !errors.As(err, &se) || se.Limit != "MaxNumberBits" || strings.Contains(err.Error(), "--") {
				t.Errorf("%s: got %v, %v; want a MaxNumberBits *Error that names no flag", c.name, got, err)
			}
			continue
		}
		if err != nil || got == nil {
			t.Errorf("%s: got %v, %v", c.name, got, err)
		}
	}
	if got := symbolic.PowLimit(three, symbolic.Int(20), 64); got != symbolic.Int(3486784401) {
		t.Errorf("3^20 = %v", got)
	}
}

// A derivative that cancels to 0 still ends its steps with the expression.
func TestDStepsCancelling(t *testing.T) {
	e := symbolic.Add(call("asin", x), call("acos", x))
	r, steps := traced(t, e, x)
	if r != symbolic.Zero || len(steps) == 0 || steps[len(steps)-1].Expr != e || steps[len(steps)-1].Result != symbolic.Zero {
		t.Errorf("Diff(%v, Trace) = %v, steps %v", e, r, steps)
	}
}

func TestJacobianHessianContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := workloads.NestedSigmoid(10)
	if _, err := symbolic.Hessian(ctx, e, []*symbolic.Symbol{x}); !errors.Is(err, context.Canceled) {
		t.Errorf("Hessian with a cancelled context: %v", err)
	}
	if _, err := symbolic.Jacobian(ctx, []symbolic.Expr{e}, []*symbolic.Symbol{x}); !errors.Is(err, context.Canceled) {
		t.Errorf("Jacobian with a cancelled context: %v", err)
	}
	J, err := symbolic.Jacobian(context.Background(), []symbolic.Expr{e}, []*symbolic.Symbol{x})
	if err != nil || len(J) != 1 || len(J[0]) != 1 || !closeTo(eval(J[0][0], map[*symbolic.Symbol]float64{x: 0.3}), eval(symbolic.D(e, x), map[*symbolic.Symbol]float64{x: 0.3}), 1e-12) {
		t.Errorf("Jacobian = %v, %v", J, err)
	}
}
