package simplify

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestHazard checks the numerical hazard weight of single nodes.
func TestHazard(t *testing.T) {
	cases := []struct {
		expr string
		want int
	}{
		{"1 - sigmoid(x)", weightCancel},
		{"sigmoid(x) - 1", weightCancel},
		{"exp(x) - 1", weightCancel},
		{"cosh(x) - x", weightCancel},
		{"2*sin(x)^2 - 3*cos(x)", weightCancel},
		{"x - 1", 0},           // exact near its zero
		{"x^2 - 1", 0},         // no call
		{"1 + sigmoid(x)", 0},  // no difference
		{"exp(x) + sin(x)", 0}, // signs not known to differ
		{"sigmoid(x)*(1 - sigmoid(x))", 0},
		{"1/(1 - sigmoid(x))", weightCancelDenom},
		{"(1 - sigmoid(x))^-3", weightCancelDenom},
		{"1/(exp(x) - 1)", weightCancelDenom},
		{"1/(1 + exp(x))", 0},
		{"1/(x - 1)", 0},
		{"(1 - sigmoid(x))^2", 0},
		{"(1 - sigmoid(x))^(1/2)", 0},
		// The sign of the argument keeps the terms apart (saturatesAway):
		// sigmoid(a) <= 1/2 where a <= 0, tanh(a) <= 0, tanh(a) >= 0 where
		// a >= 0.
		{"1 - sigmoid(-x^2 - 1)", 0},
		{"sigmoid(-9*x^2 - 1) - 1", 0},
		{"3 - 3*sigmoid(-exp(x))", 0},
		{"1 - tanh(-x^2)", 0},
		{"1 + tanh(x^2 + 1)", 0},
		// It confines them to the side where they meet, as the argument
		// grows (saturatesToward): the cancellation is certain.
		{"1 - sigmoid(x^2 + 1)", weightCancelSure}, // near 0 for large x
		{"sigmoid(9*x^2 + 1) - 1", weightCancelSure},
		{"1 + tanh(-x^2)", weightCancelSure},
		{"1 - sigmoid(exp(x))", weightCancelSure},
		{"2 - 2*tanh(x^4 + exp(x))", weightCancelSure},
		{"1 - sigmoid(sigmoid(x))", weightCancel}, // bounded: sigmoid(sigmoid(x)) < 0.74
		{"1 - sigmoid(1 + sin(x)^2)", weightCancel},
		{"1 - sigmoid(x*sigmoid(x))", weightCancel},    // its sign is not proved
		{"1 - sigmoid(1/(1 + exp(-x)))", weightCancel}, // a quotient: taken as bounded
		{"1 - sigmoid(x^2*exp(x)/(x^2 + 1))", weightCancel},
		{"1/2 - sigmoid(-x^2)", weightCancel}, // meets at the argument 0
		{"1 - sigmoid(-x^2) + x", weightCancel},
	}
	for _, c := range cases {
		e := parser.MustParse(c.expr)
		if got := hazard(e); got != c.want {
			t.Errorf("hazard(%v) = %d, want %d", e, got, c.want)
		}
	}
	// A root of a product stays a power of the product: its factor 1 - s
	// counts as a divisor.
	p := symbolic.Pow(symbolic.Mul(symbolic.Sym("x"), parser.MustParse("1 - sigmoid(x)")), symbolic.Frac(-1, 2))
	if pw, ok := p.(*symbolic.Power); !ok {
		t.Logf("%v is not a power of a product; case skipped", p)
	} else if _, ok := pw.Base().(*symbolic.Product); ok && hazard(p) != weightCancelDenom {
		t.Errorf("hazard(%v) = %d, want %d", p, hazard(p), weightCancelDenom)
	}
}

// TestAvoidOneMinus checks that every form the sigmoid kernel offers
// equals its input at random points (negative and large ones included),
// and that the forms without 1 - s in a denominator are among them.
func TestAvoidOneMinus(t *testing.T) {
	x := symbolic.Sym("x")
	cases := []struct{ in, want string }{
		{"exp(x)*sigmoid(x)^2", "exp(x)*sigmoid(x)^2"},
		{"exp(2*x)*sigmoid(x)^3", "exp(2*x)*sigmoid(x)^3"},
		{"exp(x)*(sigmoid(x) + softplus(x))", "exp(x)*(sigmoid(x) + softplus(x))"},
		{"exp(2*x)*sigmoid(x)", "exp(2*x)*sigmoid(x)"},
		{"exp(2*x)/sigmoid(x)^2", "(1 + exp(x))^2"},
		{"exp(x)/sigmoid(x)", "1 + exp(x)"},
		{"exp(3*x - 1)*sigmoid(3*x - 1)^2", "exp(3*x - 1)*sigmoid(3*x - 1)^2"},
		// The mirror image, (1 - s)/s = exp(-a).
		{"((1 - sigmoid(x))/sigmoid(x))^2", "exp(-2*x)"},
		{"(sigmoid(x) - 1)/sigmoid(x)", "-exp(-x)"},
		{"(1 - sigmoid(x))^3/sigmoid(x)", "exp(-x)*(1 - sigmoid(x))^2"},
		{"(1 - sigmoid(x))/sigmoid(x)^3", "exp(-x)/sigmoid(x)^2"},
		{"(sigmoid(x) - 1)^3/sigmoid(x)^2", "exp(-2*x)*(sigmoid(x) - 1)"},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range cases {
		in, want := parser.MustParse(c.in), parser.MustParse(c.want)
		found := false
		for _, k := range sigmoidKernel(in) {
			found = found || k == want
			for i := 0; i < 40; i++ {
				// Within |x| <= 15 even the forms with 1 - s in a
				// denominator are accurate to 1e-9.
				v := (rng.Float64()*2 - 1) * 15
				if i%4 == 0 {
					v = (rng.Float64()*2 - 1) * 3
				}
				env := map[*symbolic.Symbol]float64{x: v}
				ev := symbolic.Evaluator{Env: env}
				a, b := ev.Eval(in), ev.Eval(k)
				if math.IsInf(a, 0) || math.IsNaN(a) || math.Abs(a) > 1e12 {
					continue
				}
				if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
					t.Errorf("kernel form %v of %v: %v != %v at x = %v", k, in, b, a, v)
					break
				}
			}
		}
		if !found {
			t.Errorf("sigmoidKernel(%v) = %v, without %v", in, sigmoidKernel(in), want)
		}
	}
}

// TestNoNewZeroCancel checks that Simplify does not return a difference
// that cancels where its argument passes through 0 (1 - cos(x), cosh(x) -
// 1, exp(x) - 1, alone or as a factor) for an input that has none, and
// that the result then evaluates in float64 near 0 as exactly as the
// input; and that such a difference in the input may stay.
func TestNoNewZeroCancel(t *testing.T) {
	x := symbolic.Sym("x")
	for _, src := range []string{
		"2*sin(x/2)^2", "2*sinh(x/2)^2", "sinh(x)^2/(cosh(x) + 1)", "sin(x)^2/(1 + cos(x))",
		"6*sin(3*x/2)^2", "y*sinh(x/2)^2", "2*exp(x/2)*sinh(x/2)", "4*sin(x^2/2)^2*y",
	} {
		e := parser.MustParse(src)
		r, err := Simplify(context.Background(), e)
		if err != nil {
			t.Fatal(err)
		}
		fs := []symbolic.Expr{r}
		if p, ok := r.(*symbolic.Product); ok {
			fs = p.Factors()
		}
		for _, f := range fs {
			if s, ok := powerBase(f).(*symbolic.Sum); ok && cancelsAtZero(s) {
				t.Errorf("Simplify(%s) = %v, a difference that cancels at 0", src, r)
			}
		}
		for _, v := range []float64{1e-3, -1e-5, 1e-7} {
			env := map[*symbolic.Symbol]float64{x: v, symbolic.Sym("y"): 1.5}
			want, ok := refeval.Reference(e, env)
			if !ok {
				t.Fatalf("%s: no reference at %v", src, env)
			}
			if got := refeval.Eval(r, env); math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("Simplify(%s) = %v: %v at x = %g, want %v", src, r, got, v, want)
			}
		}
	}
	// In the input, such a difference is the input's own.
	for src, want := range map[string]string{"1 - cos(x)": "1 - cos(x)", "exp(x)*(1 - exp(-x))": "exp(x) - 1"} {
		r, _ := Simplify(context.Background(), parser.MustParse(src))
		if r.String() != want {
			t.Errorf("Simplify(%s) = %v, want %s", src, r, want)
		}
	}
}

// TestOverUnder checks the weight of a product of exp(u) and sigmoid(v)
// whose arguments can move apart, and that it marks forms that float64
// evaluates wrongly: where the arguments go apart, such a product is NaN,
// 0 or +Inf though its value is moderate, and the input it came from is
// exact.
func TestOverUnder(t *testing.T) {
	cases := []struct {
		expr string
		want int
	}{
		{"exp(a - b)*sigmoid(b - c)", weightOverUnder},
		{"exp(x)*sigmoid(-x)^2", weightOverUnder},
		{"y*exp(a)^2*sigmoid(b)", weightOverUnder},
		{"exp(x)*sigmoid(x)^2", 0},           // they saturate together
		{"exp(2*x)*sigmoid(x)^3", 0},         // positive multiples of x
		{"exp(-x^2 - 4)*sigmoid(-x^2)", 0},   // apart from a number
		{"exp(x + y)*sigmoid(x + y + 1)", 0}, // the same sum
		{"exp(x)*sin(y)", 0},
		{"sigmoid(x)*sigmoid(-x)", 0},
	}
	for _, c := range cases {
		p, ok := parser.MustParse(c.expr).(*symbolic.Product)
		if !ok {
			t.Fatalf("%s is not a product", c.expr)
		}
		if got := overUnder(p.Factors()); got != c.want {
			t.Errorf("overUnder(%v) = %d, want %d", p, got, c.want)
		}
	}
	// The reason: exp(a - b)*sigmoid(b - c) is exp(a)/(exp(b) + exp(c)),
	// 1 at a = 0, b = -740, c = 0 (+Inf times a subnormal in float64).
	in := parser.MustParse("exp(a)/(exp(b) + exp(c))")
	hazardous := parser.MustParse("exp(a - b)*sigmoid(b - c)")
	env := map[string]float64{"a": 0, "b": -740, "c": 0}
	if got := refeval.EvalNamed(in, env); math.Abs(got-1) > 1e-15 {
		t.Errorf("%v = %v at %v, want 1", in, got, env)
	}
	if got := refeval.EvalNamed(hazardous, env); math.Abs(got-1) < 0.5 {
		t.Errorf("%v = %v at %v: float64 no longer goes wrong here; is the weight still needed?", hazardous, got, env)
	}
}

// TestProperFraction checks the quotients written as a number plus a
// fraction, at random points, and the ones left alone.
func TestProperFraction(t *testing.T) {
	cases := []struct{ in, want string }{
		{"-(exp(u) + exp(v))/(exp(u) + exp(v) + 1)", "1/(exp(u) + exp(v) + 1) - 1"},
		{"x*(exp(u) + exp(v))/(exp(u) + exp(v) + 1)", "x - x/(exp(u) + exp(v) + 1)"},
		{"(2*a + 2*b + 3)/(a + b + 1)", "2 + 1/(a + b + 1)"},
		{"(y + 2*exp(u))/(exp(u) + exp(v) + 1)", ""}, // 2*D leaves as many terms
		{"(a + b)/(c + d)", ""},
		{"x/(a + b)", ""},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range cases {
		in := parser.MustParse(c.in)
		got := properFraction(in)
		if c.want == "" {
			if got != nil {
				t.Errorf("properFraction(%v) = %v, want none", in, got)
			}
			continue
		}
		if want := parser.MustParse(c.want); got != want {
			t.Errorf("properFraction(%v) = %v, want %v", in, got, want)
			continue
		}
		for range 40 {
			env := map[string]float64{}
			for _, name := range []string{"u", "v", "x", "a", "b"} {
				env[name] = (rng.Float64()*2 - 1) * 20
			}
			a, b := refeval.EvalNamed(in, env), refeval.EvalNamed(got, env)
			if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
				t.Errorf("properFraction(%v) = %v: %v != %v at %v", in, got, b, a, env)
				break
			}
		}
	}
}

// TestConjugatePair checks which products weigh weightConjugate, and the
// float64 failure the weight guards against.
func TestConjugatePair(t *testing.T) {
	cases := []struct {
		expr string
		want int
	}{
		{"tanh(x)*(tanh(x) - 1)*(tanh(x) + 1)", weightConjugate},
		{"y*(1 - tanh(x))*(1 + tanh(x))", weightConjugate},
		{"tanh(x)*(1 - tanh(x))*(1 + tanh(x))/4", weightConjugate},
		{"sin(x)*(1 - sin(x))^2*(1 + sin(x))", weightConjugate}, // positive powers too
		{"x*(coth(x) - 1)*(coth(x) + 1)", weightConjugate},
		{"(1 + tanh(y))*(tanh(x) - 1)*(tanh(x) + 1)", weightConjugate}, // past a sum of another call
		{"cos(u)*(2*cos(u) - 2)*(2*cos(u) + 2)", weightConjugate},
		{"(1 - tanh(x))*(1 + tanh(x))", 0},         // the pair alone costs more than sech(x)^2
		{"y*(1 - tanh(x))*(1 + tanh(y))", 0},       // two calls
		{"y*(2 - tanh(x))*(2 + tanh(x))", 0},       // never meets the bound
		{"y*(sec(x) - 1)*(sec(x) + 1)", 0},         // sec is not bounded
		{"y*(1 - tanh(x))/(1 + tanh(x))", 0},       // a quotient
		{"y*(1 - sigmoid(x))*(1 + sigmoid(x))", 0}, // sigmoid's bounds are 0 and 1
		{"tanh(x)*(tanh(x) - 1)*(tanh(x) - 1)", 0}, // (tanh(x) - 1)^2, not a pair
	}
	for _, c := range cases {
		p, ok := parser.MustParse(c.expr).(*symbolic.Product)
		if !ok {
			t.Fatalf("%s is not a product", c.expr)
		}
		if got := conjugatePair(p.Factors()); got != c.want {
			t.Errorf("conjugatePair(%v) = %d, want %d", p, got, c.want)
		}
	}
	// The reason: the second derivative of sigmoid(2*x) at x = 20 is
	// -2*sech(20)^2*tanh(20) = -1.7e-17, and the pair gives 0 there.
	pair := parser.MustParse("2*tanh(x)*(tanh(x) - 1)*(tanh(x) + 1)")
	identity := parser.MustParse("-2*sech(x)^2*tanh(x)")
	env := map[string]float64{"x": 20}
	want := -2 / math.Pow(math.Cosh(20), 2) * math.Tanh(20)
	if got := refeval.EvalNamed(identity, env); math.Abs(got-want) > 1e-15*math.Abs(want) {
		t.Errorf("%v = %v at %v, want %v", identity, got, env, want)
	}
	if got := refeval.EvalNamed(pair, env); math.Abs(got-want) < 0.5*math.Abs(want) {
		t.Errorf("%v = %v at %v: float64 no longer goes wrong here; is the weight still needed?", pair, got, env)
	}
}

// TestKernelNested checks which sums weigh as a polynomial in one call
// written nested or as a sum of products of such polynomials.
func TestKernelNested(t *testing.T) {
	cases := []struct {
		expr string
		want int
	}{
		{"sigmoid(x)*(2*sigmoid(x) - 3) + 1", weightNested},
		{"sin(x)^2*(3*sin(x) - 1) + 2*sin(x) - 5", weightNested},
		{"tanh(y)*(tanh(y) - 2) + 1", weightNested},
		{"tanh(y)*(tanh(y)*(tanh(y) - 2) + 1) + 4", 0},                     // its inner sum (above) weighs
		{"2*(sigmoid(x) - 1) + sigmoid(x)", 0},                             // no power of the call outside the sum
		{"sigmoid(x)*(2*sigmoid(y) - 3) + 1", 0},                           // two calls
		{"sigmoid(x)*(2*sigmoid(x) - x) + 1", 0},                           // a variable
		{"sigmoid(x)*(2*sigmoid(x) - 3) + sigmoid(x)*(sigmoid(x) + 1)", 2}, // two such terms: 1 each
		{"sin(u)*(sin(u) - 1) + (sin(u) - 1)^2", 2},
		{"(sigmoid(x) - 1)^2 + sigmoid(x)", 0},                  // one term, a power: a factorisation
		{"sigmoid(x)/(sigmoid(x) - 1) + (sigmoid(x) + 1)^2", 0}, // a division
		{"2*sigmoid(x)^2 - 3*sigmoid(x) + 1", 0},                // expanded
		{"log(2)*(log(2) - 1) + 1", 0},                          // a constant call is a number
	}
	for _, c := range cases {
		s, ok := parser.MustParse(c.expr).(*symbolic.Sum)
		if !ok {
			t.Fatalf("%s is not a sum", c.expr)
		}
		if got := kernelNested(s); got != c.want {
			t.Errorf("kernelNested(%v) = %d, want %d", s, got, c.want)
		}
	}
}
