package simplify_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/symdiff/symdiff/internal/golden"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// eval evaluates e at env through the function table.
var eval = refeval.Eval

// sameValues checks a and b at random points of [lo, hi] for each
// variable, skipping points where either is undefined.
func sameValues(t *testing.T, what string, a, b symbolic.Expr, lo, hi float64) {
	t.Helper()
	vars := symbolic.Symbols(symbolic.Add(a, b))
	rng := rand.New(rand.NewPCG(7, 7))
	n := 0
	for try := 0; try < 400 && n < 25; try++ {
		env := map[*symbolic.Symbol]float64{}
		for _, v := range vars {
			env[v] = lo + (hi-lo)*rng.Float64()
		}
		x, y := eval(a, env), eval(b, env)
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || math.Abs(x) > 1e8 {
			continue
		}
		n++
		if d := math.Abs(x - y); d > 1e-9*math.Max(1, math.Abs(x)) {
			t.Fatalf("%s: %v = %g but %v = %g at %v", what, a, x, b, y, env)
		}
	}
	if n < 10 {
		t.Fatalf("%s: only %d points where both %v and %v are defined", what, n, a, b)
	}
}

func mustSimplify(t testing.TB, e symbolic.Expr) symbolic.Expr {
	t.Helper()
	r, err := simplify.Simplify(context.Background(), e)
	if err != nil {
		t.Fatalf("Simplify(%v): %v", e, err)
	}
	return r
}

func input(t testing.TB, f, v string) symbolic.Expr {
	e, err := parser.Parse(f)
	if err != nil {
		t.Fatalf("Parse(%q): %v", f, err)
	}
	if v != "" {
		e = symbolic.D(e, symbolic.Sym(v))
	}
	return e
}

// corpus is the inputs of testdata/corpus.txt, the table of the first
// issue (TestGolden checks their results).
func corpus(t testing.TB) []string {
	t.Helper()
	f := golden.Read(t, filepath.Join("testdata", "corpus.txt"))
	in := make([]string, len(f.Cases))
	for i, c := range f.Cases {
		in[i] = c.Input
	}
	return in
}

func TestIdempotentAndDeterministic(t *testing.T) {
	ctx := context.Background()
	var cache simplify.Cache
	fresh := func(e symbolic.Expr) symbolic.Expr {
		r, err := simplify.Simplify(ctx, e)
		if err != nil {
			t.Fatalf("Simplify(%v): %v", e, err)
		}
		return r
	}
	for _, c := range corpus(t) {
		e := goldenInput(t, c)
		r1 := fresh(e)
		r2 := fresh(e)
		if r1 != r2 || r1.String() != r2.String() {
			t.Errorf("Simplify(%v) gave %v then %v", e, r1, r2)
		}
		if rr := fresh(r1); rr != r1 {
			t.Errorf("Simplify(%v) = %v, but Simplify of that is %v", e, r1, rr)
		}
		// Twice with a cache: the second call is answered from it.
		for range 2 {
			if rc, err := simplify.Simplify(ctx, e, simplify.WithCache(&cache)); err != nil || rc != r1 {
				t.Errorf("Simplify(%v) = %v, %v with a cache, %v fresh", e, rc, err, r1)
			}
		}
	}
}

// TestConcurrent runs simplifications in parallel (for the race detector)
// and checks they agree with a sequential run.
func TestConcurrent(t *testing.T) {
	ctx := context.Background()
	inputs := corpus(t)
	want := make([]symbolic.Expr, len(inputs))
	for i, c := range inputs {
		want[i] = mustSimplify(t, goldenInput(t, c))
	}
	got := make([][]symbolic.Expr, 4)
	done := make(chan int)
	for g := range got {
		go func() {
			defer func() { done <- g }()
			for _, c := range inputs {
				f, v, _ := goldenSplit(c)
				e, err := parser.Parse(f)
				if err != nil {
					return
				}
				if v != "" {
					e = symbolic.D(e, symbolic.Sym(v))
				}
				r, _ := simplify.Simplify(ctx, e)
				got[g] = append(got[g], r)
			}
		}()
	}
	for range got {
		<-done
	}
	for g := range got {
		for i, r := range got[g] {
			if r != want[i] {
				t.Errorf("goroutine %d: Simplify(%s) = %v, want %v", g, inputs[i], r, want[i])
			}
		}
	}
}

func TestNeverMoreExpensive(t *testing.T) {
	for _, src := range []string{"x", "sin(x)*cos(x)", "exp(x)*(1+x)", "sqrt(x)*sqrt(x+1)", "tan(x)", "2^x", "a*b + a*c",
		"1/(sin(x)^2 + cos(x)^2 - 1)", "(x+1)^60 + 1", "x^1000000 - 1", "(x+y+z)^9/(x+y+z+1)", "f(x) + g(x)^2",
		"exp(exp(exp(x)))/(1+exp(exp(exp(x))))", "3^(1/2)*x/sqrt(3)"} {
		e := parser.MustParse(src, parser.Funcs("f", "g"))
		r := mustSimplify(t, e)
		if simplify.Cost(r) > simplify.Cost(e) {
			t.Errorf("Simplify(%v) = %v costs %d > %d", e, r, simplify.Cost(r), simplify.Cost(e))
		}
		if numeric(e) && r != e {
			sameValues(t, src, e, r, 0.1, 0.9)
		}
	}
}

// sineProduct is the product of sin(k*x + k) for k = 1..n.
func sineProduct(n int) symbolic.Expr {
	sin, _ := symbolic.Lookup("sin")
	x := symbolic.Sym("x")
	fs := make([]symbolic.Expr, n)
	for k := 1; k <= n; k++ {
		kk := symbolic.Int(int64(k))
		fs[k-1] = symbolic.Apply(sin, symbolic.Add(symbolic.Mul(kk, x), kk))
	}
	return symbolic.Mul(fs...)
}

func TestBudgetHolds(t *testing.T) {
	d := symbolic.D(sineProduct(100), symbolic.Sym("x"))
	r := mustSimplify(t, d)
	if simplify.Cost(r) > simplify.Cost(d) {
		t.Errorf("cost grew from %d to %d", simplify.Cost(d), simplify.Cost(r))
	}
	sameValues(t, "product of 100 sines", d, r, 0.1, 0.2)
	// A tiny node budget still returns an equal, no more expensive form.
	small, err := simplify.Simplify(context.Background(), d, simplify.MaxNodes(5))
	if err != nil || simplify.Cost(small) > simplify.Cost(d) {
		t.Errorf("MaxNodes(5): %v, cost %d > %d", err, simplify.Cost(small), simplify.Cost(d))
	}
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := input(t, "1/(1+exp(-x))", "x")
	r, err := simplify.Simplify(ctx, e)
	if err == nil {
		t.Fatalf("Simplify with a canceled context: no error, result %v", r)
	}
	if simplify.Cost(r) > simplify.Cost(e) {
		t.Errorf("canceled: result %v costs more than the input", r)
	}
	sameValues(t, "canceled", e, r, -3, 3)
}

func TestSteps(t *testing.T) {
	tests := []struct {
		src, rule string // the function differentiated by x, and a rule one of the steps names
	}{
		{"1/(1+exp(-x))", "sigmoid-def"},
		// A rewrite of the node before its children were simplified (the
		// search's orig) replays from it, not after the children's steps:
		// the derivative of cos(atan(exp(x))), whose sin(atan(exp(x)))
		// takes its form of equal cost in the product.
		{"cos(atan(exp(x)))", "sin-atan, in an operand"},
		{"exp(x)/(exp(x) + exp(q)) + log(x)", "groups apart"},
	}
	for _, tt := range tests {
		e := input(t, tt.src, "x")
		var steps []simplify.Step
		r, err := simplify.Simplify(context.Background(), e, simplify.CollectSteps(&steps))
		if err != nil {
			t.Fatal(err)
		}
		if len(steps) == 0 {
			t.Fatalf("no steps from %v to %v", e, r)
		}
		if steps[0].Before != e || steps[len(steps)-1].After != r {
			t.Errorf("%s: steps run from %v to %v, want %v to %v", tt.src, steps[0].Before, steps[len(steps)-1].After, e, r)
		}
		named := false
		for i, s := range steps {
			if s.Rule == "" {
				t.Errorf("%s: step %d has no rule name", tt.src, i)
			}
			named = named || s.Rule == tt.rule
			if i > 0 && steps[i-1].After != s.Before {
				t.Errorf("%s: step %d starts from %v, not from the previous result %v", tt.src, i, s.Before, steps[i-1].After)
			}
			sameValues(t, "step "+s.Rule, s.Before, s.After, -3, 3)
		}
		if !named {
			t.Errorf("%s: no step names %q: %v", tt.src, tt.rule, steps)
		}
	}
}

// TestRefusedWholeTakesOperands: where the simplified whole is refused (a
// new difference that cancels at 0: cosh(z) - 1 here, the half-angle form
// 2*sinh(z/2)^2 being dearer than the input), the operands' forms are
// still taken, in a power as in a product.
func TestRefusedWholeTakesOperands(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"sinh(z)^2/(cosh(z) + tan(atan(1)))", "sinh(z)^2/(cosh(z) + 1)"},
		{"sinh(z)^2/(cosh(z) + 1)*exp(log(y))", "y*sinh(z)^2/(cosh(z) + 1)"},
	} {
		e := input(t, tt.src, "")
		r, err := simplify.Simplify(context.Background(), e)
		if err != nil {
			t.Fatal(err)
		}
		if want := parser.MustParse(tt.want); r != want {
			t.Errorf("Simplify(%v) = %v, want %v", e, r, want)
		}
		sameValues(t, "refused whole", e, r, -3, 3)
	}
}

// TestZeroCancelTie: of two forms of equal cost the search takes the one
// without a new difference that cancels at 0, which Simplify would refuse
// (see TestRefusedWholeTakesOperands): 1/(1 + coth(-3*z)) is (1 -
// exp(6*z))/2, and also -exp(3*z)*sinh(3*z), exact near z = 0 where the
// difference keeps only the rounding error of exp(6*z).
func TestZeroCancelTie(t *testing.T) {
	e := input(t, "1/(1 + (exp(-3*z) + exp(3*z))/(exp(-3*z) - exp(3*z)))", "")
	r, err := simplify.Simplify(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	want := parser.MustParse("-exp(3*z)*sinh(3*z)")
	if r != want {
		t.Errorf("Simplify(%v) = %v, want %v", e, r, want)
	}
	if refused := parser.MustParse("(1 - exp(6*z))/2"); simplify.Cost(refused) != simplify.Cost(want) {
		t.Errorf("%v costs %d, %v %d: not a tie any more, the test needs another input", refused, simplify.Cost(refused), want, simplify.Cost(want))
	}
	sameValues(t, "zero-cancel tie", e, r, -1, 1)
	// Near 0, where the input itself is accurate (its sums do not cancel
	// there) and the refused form is not.
	z := symbolic.Sym("z")
	for _, v := range []float64{1e-9, -3e-7, 2e-5} {
		got := eval(r, map[*symbolic.Symbol]float64{z: v})
		if exact := -math.Exp(3*v) * math.Sinh(3*v); math.Abs(got-exact) > 4e-16*math.Abs(exact) {
			t.Errorf("at z = %g: %v = %g, want %g", v, r, got, exact)
		}
	}
}

func TestExtraRules(t *testing.T) {
	rs, err := simplify.ParseRules("test.rules", "# a user's rule\nsoftsign-def: a/(1 + abs(a)) => softsign_form(a)\n")
	if err == nil {
		t.Fatalf("ParseRules accepted an unknown function: %v", rs)
	}
	rs, err = simplify.ParseRules("test.rules", "gd: 2*atan(tanh(a/2)) => asin(tanh(a))\n")
	if err != nil {
		t.Fatal(err)
	}
	e := parser.MustParse("2*atan(tanh(x/2))")
	r, err := simplify.Simplify(context.Background(), e, simplify.WithRules(rs...))
	if err != nil {
		t.Fatal(err)
	}
	if want := parser.MustParse("asin(tanh(x))"); r != want {
		t.Errorf("with the extra rule: %v, want %v", r, want)
	}
}

func TestParseRulesErrors(t *testing.T) {
	for _, text := range []string{
		"no arrow here",
		"r: sin(a) = cos(a)",
		"r: sin(a) => cos(b)",
		"r: a => a",
		"r: sin(a) => sin(a)  if b > 0",
		"r: sin(a) => sin(a)  if a > 1",
		"r: sin(a) => sin(a)\nr: cos(a) => cos(a)",
		"r: sin(a => a",
	} {
		if _, err := simplify.ParseRules("bad.rules", text); err == nil {
			t.Errorf("ParseRules(%q): no error", text)
		}
	}
}

// Errors keep their cause: a rule whose number is too large wraps
// symbolic.ErrLimit and the parser's *Error, and a cancelled
// simplification wraps ErrCanceled and the context's error.
func TestErrorsWrapTheirCause(t *testing.T) {
	for _, text := range []string{
		"big: sin(a) => 3^(10^9)*a",
		"big: sin(a*3^(10^9)) => a",
		"ok: cos(a) => cos(a)\nbig: sin(a) => sin(a)^(2^(2^70))",
	} {
		_, err := simplify.ParseRules("big.rules", text)
		var pe *parser.Error
		if !errors.Is(err, symbolic.ErrLimit) || !errors.As(err, &pe) || pe.Limit != "MaxNumberBits" {
			t.Errorf("ParseRules(%q): %v, want an error wrapping symbolic.ErrLimit and a MaxNumberBits *parser.Error", text, err)
		}
	}
	if _, err := simplify.ParseRules("bad.rules", "r: sin(a => a"); errors.Is(err, symbolic.ErrLimit) {
		t.Errorf("a syntax error wraps symbolic.ErrLimit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := simplify.Simplify(ctx, input(t, "1/(1+exp(-x))", "x"))
	if !errors.Is(err, simplify.ErrCanceled) || !errors.Is(err, context.Canceled) {
		t.Errorf("Simplify with a cancelled context: %v, want an error wrapping ErrCanceled and context.Canceled", err)
	}
}

func TestEqual(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		a, b string
		want simplify.Kind
	}{
		{"sin(x)^2 + cos(x)^2", "1", simplify.Proven},
		{"exp(-x)/(1+exp(-x))^2", "sigmoid(x)*(1-sigmoid(x))", simplify.Proven},
		{"sin(2*x)", "2*sin(x)*cos(x)", simplify.Proven},
		{"erf(x)^2 + 0*x", "erf(x)*erf(x)", simplify.Proven},
		{"atan(x) + atan(1/x)", "pi/2*sign(x)", simplify.Numeric},
		{"sin(x)", "cos(x)", simplify.Different},
		{"x^2", "x", simplify.Different},
	} {
		v, err := simplify.Equal(ctx, parser.MustParse(c.a), parser.MustParse(c.b))
		if err != nil {
			t.Fatalf("Equal(%s, %s): %v", c.a, c.b, err)
		}
		if v.Kind != c.want {
			t.Errorf("Equal(%s, %s) = %v, want %v", c.a, c.b, v, c.want)
		}
		if v.Kind == simplify.Different && v.A == v.B {
			t.Errorf("Equal(%s, %s): witness %v does not differ", c.a, c.b, v)
		}
	}
}

// numeric reports whether e can be evaluated (no abstract functions) and is
// defined somewhere in (0.1, 0.9).
func numeric(e symbolic.Expr) bool {
	ok := true
	symbolic.Walk(e, func(n symbolic.Expr) {
		if c, isCall := n.(*symbolic.Call); isCall && c.Func().IsAbstract() {
			ok = false
		}
	})
	return ok && !math.IsNaN(eval(e, map[*symbolic.Symbol]float64{symbolic.Sym("x"): 0.5, symbolic.Sym("y"): 0.5, symbolic.Sym("z"): 0.5, symbolic.Sym("a"): 0.5, symbolic.Sym("b"): 0.5, symbolic.Sym("c"): 0.5}))
}
