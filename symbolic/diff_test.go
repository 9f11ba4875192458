package symbolic_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	. "github.com/symdiff/symdiff/symbolic"
)

var x, y = Sym("x"), Sym("y")

func fn(name string) *Func {
	f, ok := Lookup(name)
	if !ok {
		panic("no function " + name)
	}
	return f
}

func call(name string, u Expr) Expr { return Apply(fn(name), u) }

// checkDerivative compares D(e, x) with a central difference of e at n
// random points of the domain ok.
func checkDerivative(t *testing.T, e Expr, ok func(float64) bool, n int) {
	t.Helper()
	de := D(e, x)
	r := rand.New(rand.NewPCG(1, uint64(Size(e))))
	f := func(v float64) float64 { return eval(e, map[*Symbol]float64{x: v, y: 0.7}) }
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
		got := eval(de, map[*Symbol]float64{x: p, y: 0.7})
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
	for _, f := range Builtins() {
		t.Run(f.Name, func(t *testing.T) {
			checkDerivative(t, Apply(f, x), f.Domain, 20)
			// Chain rule through an inner function u = x/2 + y/10; the
			// domain of f(u) is the domain of f at u.
			u := Add(Mul(Half, x), Mul(Frac(1, 10), y))
			dom := func(v float64) bool { return f.Domain(0.5*v + 0.07) }
			checkDerivative(t, Apply(f, u), dom, 20)
		})
	}
}

func positive(v float64) bool { return v > 0.1 }
func all(float64) bool        { return true }

// The differentiation rules, on expressions that exercise each of them.
func TestDiffRules(t *testing.T) {
	tests := []struct {
		name string
		e    Expr
		ok   func(float64) bool
	}{
		{"constant", Mul(Int(3), y), all},
		{"variable", x, all},
		{"sum", Add(x, Pow(x, Int(3)), y), all},
		{"constant multiple", Mul(Int(-7), Pow(x, Int(2))), all},
		{"product", Mul(x, call("sin", x), call("exp", x)), all},
		{"product of sums", Mul(Add(x, One), Add(x, Int(-2)), Add(x, y)), all},
		{"quotient", Div(call("sin", x), x), func(v float64) bool { return math.Abs(v) > 0.1 }},
		{"quotient of sums", Div(Add(x, One), Add(Pow(x, Int(2)), One)), all},
		{"negative power", Pow(Add(x, Int(5)), Int(-3)), all},
		{"rational power", Pow(Add(Pow(x, Int(2)), One), Frac(2, 3)), all},
		{"sqrt", Sqrt(Add(Pow(x, Int(2)), One)), all},
		{"constant base", Pow(Int(2), x), all},
		{"symbolic constant base", Pow(y, Mul(Int(2), x)), all},
		{"x^x", Pow(x, x), positive},
		{"general power", Pow(Add(x, Int(4)), call("sin", x)), func(v float64) bool { return v > -3.9 }},
		{"exp", call("exp", Neg(Pow(x, Int(2)))), all},
		{"log", call("log", Add(Pow(x, Int(2)), One)), all},
		{"pi and e", Mul(Pi, Pow(E, Mul(Int(2), x))), all},
		{"sigmoid expanded", Div(One, Add(One, call("exp", Neg(x)))), all},
		{"nested chain", call("sin", call("cos", call("tanh", Pow(x, Int(2))))), all},
		{"shared subexpression", Mul(call("sin", x), Add(call("sin", x), One), Pow(call("sin", x), Int(2))), all},
		{"abs", call("abs", Sub(Pow(x, Int(2)), Int(2))), func(v float64) bool { return math.Abs(v*v-2) > 0.05 }},
		{"relu", call("relu", Sub(x, Half)), func(v float64) bool { return math.Abs(v-0.5) > 0.05 }},
		{"softplus of product", call("softplus", Mul(x, y)), all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDerivative(t, tt.e, tt.ok, 10) })
	}
}

func TestDiffExact(t *testing.T) {
	w, b := Sym("w"), Sym("b")
	sig := Div(One, Add(One, call("exp", Neg(x))))
	tests := []struct {
		e    Expr
		x    *Symbol
		want string
	}{
		{Add(Mul(w, x), b), w, "x"},
		{Add(Mul(w, x), b), x, "w"},
		{Add(Mul(w, x), b), b, "1"},
		{sig, x, "exp(-x)/(exp(-x) + 1)^2"},
		{Pow(x, x), x, "x^x*(log(x) + 1)"},
		{Pow(x, Int(3)), x, "3*x^2"},
		{Div(One, x), x, "-1/x^2"},
		{Sqrt(x), x, "1/(2*sqrt(x))"},
		{call("sin", Mul(Int(2), x)), x, "2*cos(2*x)"},
		{call("log", call("sin", x)), x, "cos(x)/sin(x)"},
		{call("abs", x), x, "sign(x)"},
		{call("relu", x), x, "step(x)"},
		{call("sigmoid", x), x, "sigmoid(x)*(1 - sigmoid(x))"},
		{Mul(x, y), y, "x"},
		{Int(7), x, "0"},
	}
	for _, tt := range tests {
		if got := D(tt.e, tt.x).String(); got != tt.want {
			t.Errorf("d/d%v %v = %s, want %s", tt.x, tt.e, got, tt.want)
		}
	}
}

func TestDN(t *testing.T) {
	tests := []struct {
		e    Expr
		n    int
		want Expr
	}{
		{call("sin", x), 2, Neg(call("sin", x))},
		{call("sin", x), 4, call("sin", x)},
		{Pow(x, Int(5)), 3, Mul(Int(60), Pow(x, Int(2)))},
		{call("exp", Mul(Int(2), x)), 3, Mul(Int(8), call("exp", Mul(Int(2), x)))},
		{Pow(x, Int(3)), 0, Pow(x, Int(3))},
		{Pow(x, Int(3)), 4, Zero},
	}
	for _, tt := range tests {
		if got := DN(tt.e, x, tt.n); got != tt.want {
			t.Errorf("d^%d/dx^%d %v = %v, want %v", tt.n, tt.n, tt.e, got, tt.want)
		}
	}
}

// Successive partials: d/dx then d/dy.
func TestSuccessivePartials(t *testing.T) {
	e := Mul(call("sin", Mul(x, y)), Pow(y, Int(2)))
	dxy := D(D(e, x), y)
	dyx := D(D(e, y), x)
	for _, p := range [][2]float64{{0.3, 0.7}, {-1.2, 2.5}, {2, -0.4}} {
		env := map[*Symbol]float64{x: p[0], y: p[1]}
		a, b := eval(dxy, env), eval(dyx, env)
		if !closeTo(a, b, 1e-12) {
			t.Errorf("mixed partials differ at %v: %v vs %v", p, a, b)
		}
	}
}

func TestAbstractFunctions(t *testing.T) {
	f, g := Abstract("f"), Abstract("g")
	e := Apply(f, Apply(g, x))
	if got, want := D(e, x).String(), "f'(g(x))*g'(x)"; got != want {
		t.Errorf("D(%v) = %s, want %s", e, got, want)
	}
	if got, want := DN(Apply(f, x), x, 2).String(), "f''(x)"; got != want {
		t.Errorf("second derivative of f(x) = %s, want %s", got, want)
	}
	if f == Abstract("g") || f != Abstract("f") {
		t.Error("abstract functions are not identified by name")
	}
}

// nestedSigmoid wraps 1/(1+exp(-u)) d times around x.
func nestedSigmoid(d int) Expr {
	var e Expr = x
	for range d {
		e = Div(One, Add(One, call("exp", Neg(e))))
	}
	return e
}

// The derivative of an input with n distinct nodes has O(n) distinct nodes:
// the memoised walk shares every subexpression.
func TestLinearCost(t *testing.T) {
	for _, d := range []int{10, 100, 1000} {
		e := nestedSigmoid(d)
		in, out := Size(e), Size(D(e, x))
		if out > 5*in {
			t.Errorf("nested sigmoid depth %d: input %d nodes, derivative %d nodes (more than 5x)", d, in, out)
		}
		t.Logf("depth %d: input %d nodes, derivative %d nodes", d, in, out)
	}
}

func TestDSteps(t *testing.T) {
	e := Mul(x, call("sin", Pow(x, Int(2))))
	r, steps := DSteps(e, x)
	if r != D(e, x) {
		t.Fatalf("DSteps result %v differs from D %v", r, D(e, x))
	}
	if len(steps) == 0 || steps[len(steps)-1].Expr != e || steps[len(steps)-1].Result != r {
		t.Fatalf("last step should be the whole expression: %v", steps)
	}
	seen := map[Expr]bool{}
	for _, s := range steps {
		for _, c := range Children(s.Expr) {
			if Contains(c, x) && !seen[c] {
				t.Errorf("step for %v comes before the step for its child %v", s.Expr, c)
			}
		}
		seen[s.Expr] = true
	}
}

func BenchmarkDiff(b *testing.B) {
	cases := []struct {
		name string
		e    Expr
	}{
		{"sigmoid", nestedSigmoid(1)},
		{"nested100", nestedSigmoid(100)},
		{"nested1000", nestedSigmoid(1000)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				D(c.e, x)
			}
		})
	}
}

func BenchmarkPrint(b *testing.B) {
	for _, d := range []int{1, 100, 1000} {
		de := D(nestedSigmoid(d), x)
		b.Run("nested"+itoa(d), func(b *testing.B) {
			for b.Loop() {
				_ = Format(de)
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

func TestDContextLimits(t *testing.T) {
	e := nestedSigmoid(3000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DContext(ctx, e, x, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
	_, err := DContext(context.Background(), nestedSigmoid(100), x, 50)
	var se *Error
	if !errors.Is(err, ErrLimit) || !errors.As(err, &se) || se.Limit != "MaxNodes" {
		t.Errorf("node limit: got %v, want a MaxNodes *Error wrapping ErrLimit", err)
	}
	r, err := DContext(context.Background(), nestedSigmoid(10), x, 1000)
	if err != nil || r != D(nestedSigmoid(10), x) {
		t.Errorf("within the limit: got %v, %v", r, err)
	}
}

func TestNumberBitsLimit(t *testing.T) {
	old := SetNumberBitsLimit(128)
	defer SetNumberBitsLimit(old)
	var err error
	func() {
		defer Recover(&err)
		Pow(Int(3), Int(200)) // 3^200 has 317 bits
	}()
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "--max-number-bits") {
		t.Errorf("3^200 with a 128-bit limit: got %v", err)
	}
	if got := Pow(Int(3), Int(20)); got != Int(3486784401) {
		t.Errorf("3^20 = %v", got)
	}
}

// A derivative that cancels to 0 still ends its steps with the expression.
func TestDStepsCancelling(t *testing.T) {
	e := Add(call("asin", x), call("acos", x))
	r, steps := DSteps(e, x)
	if r != Zero || len(steps) == 0 || steps[len(steps)-1].Expr != e || steps[len(steps)-1].Result != Zero {
		t.Errorf("DSteps(%v) = %v, steps %v", e, r, steps)
	}
}

func TestGradientContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := nestedSigmoid(10)
	if _, err := GradientContext(ctx, e, []*Symbol{x}); !errors.Is(err, context.Canceled) {
		t.Errorf("GradientContext with a cancelled context: %v", err)
	}
	if _, err := HessianContext(ctx, e, []*Symbol{x}); !errors.Is(err, context.Canceled) {
		t.Errorf("HessianContext with a cancelled context: %v", err)
	}
	if _, err := JacobianContext(ctx, []Expr{e}, []*Symbol{x}); !errors.Is(err, context.Canceled) {
		t.Errorf("JacobianContext with a cancelled context: %v", err)
	}
	g, err := GradientContext(context.Background(), e, []*Symbol{x})
	if err != nil || len(g) != 1 || !closeTo(eval(g[0], map[*Symbol]float64{x: 0.3}), eval(D(e, x), map[*Symbol]float64{x: 0.3}), 1e-12) {
		t.Errorf("GradientContext = %v, %v", g, err)
	}
}
