package simplify_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// stabilityN is the number of random expressions TestStability simplifies
// (each with its derivative). The default keeps the run short; .ci/run or
// a developer sets SYMDIFF_STABILITY_N (or -stability.n) for a longer one.
var stabilityN = flag.Int("stability.n", envInt("SYMDIFF_STABILITY_N", 16), "number of random expressions TestStability checks")

// stabilitySeed seeds TestStability's expressions: 13 in CI; other seeds
// try expressions the tests have not seen.
var stabilitySeed = flag.Uint64("stability.seed", 13, "seed of TestStability's random expressions")

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// The accuracy the stability checks ask of a float64 evaluation, relative
// to the exact value f of the input at x:
//
//	|computed - f| <= stabilityULPs * eps * (1 + kappa) * |f| + stabilityFloor * eps
//
// with eps = 2^-52 and kappa = |x f'(x)/f(x)| the condition number of f at
// x, estimated from the reference at x(1 ± 2^-30) (a central difference
// whose own error, of order 2^-60 kappa”, is far below the tolerance). Rounding x's neighbours
// costs (1 + kappa) ulps even for a perfect evaluation, and each of the
// operations of a stable one adds an ulp or so (more where an intermediate
// result is worse conditioned than f, which both the input and the output
// may be): 64 covers the dozens of operations of a derivative. The
// absolute floor accepts a value near 0 computed with an absolute error of
// a few eps, as sigmoid(x)*(1 - sigmoid(x)) computes the sigmoid's
// derivative (0 instead of 4.2e-18 at x = 40): the issue accepts that form.
// What it rejects is a relative error far beyond that, as 1e-3 at x = 30
// for sigmoid(x)^3/(1 - sigmoid(x)), or an overflow where the input is
// finite (x >= 37 for that form).
const (
	stabilityULPs  = 64
	stabilityFloor = 16
	eps            = 0x1p-52
)

// accuracy is a float64 value's error as a multiple of the tolerance: at
// most 1 is accurate.
func accuracy(got, ref, kappa float64) float64 {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		return math.Inf(1)
	}
	tol := stabilityULPs*eps*(1+kappa)*math.Abs(ref) + stabilityFloor*eps
	return math.Abs(got-ref) / tol
}

// checkStable fails t at each of the points where out, the simplified in,
// is not stable (see stable), and returns at how many points it checked.
func checkStable(t *testing.T, in, out symbolic.Expr, x *symbolic.Symbol, pts []float64) int {
	t.Helper()
	n := 0
	for _, v := range pts {
		ok, checked, msg := stable(in, out, x, v)
		if !ok {
			t.Errorf("%v simplifies to %v, which evaluates worse %s", in, out, msg)
		}
		if checked {
			n++
		}
	}
	return n
}

// stable reports how the float64 evaluation of out compares with that of
// in, an equal expression, at x: ok is false when in evaluates accurately
// (within the tolerance above, against the high-precision reference of
// in) and out does not, by more than twice in's own error: where in is
// at the edge of the tolerance (exp(cosh(u)^2) near exp(85) multiplies
// the rounding of its argument by 85, which the condition number in x
// does not see), out's rounding may land either side of it, which is no
// hazard; the hazards the test is for err by orders of magnitude. checked
// is false when the point says nothing: in or its reference is undefined
// or not finite there, or in itself is inaccurate.
func stable(in, out symbolic.Expr, x *symbolic.Symbol, v float64) (ok, checked bool, msg string) {
	env := map[*symbolic.Symbol]float64{x: v}
	ref, okRef := refeval.Reference(in, env)
	if !okRef || math.IsInf(ref, 0) || math.IsNaN(ref) {
		return true, false, ""
	}
	fi, fo := refeval.Eval(in, env), refeval.Eval(out, env)
	if math.IsInf(fi, 0) || math.IsNaN(fi) {
		return true, false, ""
	}
	// The tolerance grows with the condition number, which costs two more
	// references: only computed when the output is not within the
	// tolerance without it.
	kappa := 0.0
	if accuracy(fo, ref, 0) > 1 && v != 0 {
		const d = 0x1p-30
		lo, ok1 := refeval.Reference(in, map[*symbolic.Symbol]float64{x: v * (1 - d)})
		hi, ok2 := refeval.Reference(in, map[*symbolic.Symbol]float64{x: v * (1 + d)})
		if !ok1 || !ok2 || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return true, false, ""
		}
		if ref != 0 {
			kappa = math.Abs(hi-lo) / (2 * d * math.Abs(ref))
		}
	}
	ai := accuracy(fi, ref, kappa)
	if ai > 1 {
		return true, false, ""
	}
	if a := accuracy(fo, ref, kappa); a > 1 && a > 2*ai {
		return false, true, fmt.Sprintf("at %v = %v: exact %v, input %v, simplified %v (%.3g times the tolerance, condition number %.3g)",
			x.Name(), v, ref, fi, fo, a, kappa)
	}
	return true, true, ""
}

// stabilityPoints are the points every check uses: moderate, large and
// negative arguments (|x| up to 700, where exp is still finite), so that a
// form that is exact only for small arguments fails.
var stabilityPoints = []float64{-700, -100, -37, -30, -5, -1.5, -0.3, 0.7, 2, 5, 30, 37, 100, 700}

// TestStabilityExamples: the examples and variations of them
// (other arguments, nested, inside sums and products) simplify to forms
// that float64 evaluates as accurately as their input, at the issue's
// points among others.
func TestStabilityExamples(t *testing.T) {
	x := symbolic.Sym("x")
	cases := []struct {
		f     string
		deriv bool // check the derivative by x rather than f
	}{
		{"exp(x)*sigmoid(x)^2", false},
		{"exp(x)*log(1+exp(x))", true},
		{"exp(2*x)*sigmoid(x)^3", false},
		{"exp(x)*sigmoid(x)", false},
		{"exp(x)*sigmoid(x)^2*sin(x)", false},
		{"exp(x)*sigmoid(x)^2 + x", false},
		{"exp(3*x - 1)*sigmoid(3*x - 1)^2", false},
		{"exp(-x)*sigmoid(-x)^2", false},
		{"exp(x/2)*sigmoid(x/2)^2", false},
		{"exp(x)*sigmoid(x)^2", true},
		{"exp(x)*softplus(x)", true},
		{"exp(2*x+1)*log(1+exp(2*x+1))", true},
		{"exp(-x)*log(1+exp(-x))", true},
		{"exp(sigmoid(x))*sigmoid(sigmoid(x))^2", false},
		{"x*exp(x)*log(1+exp(x))", true},
		{"exp(x)*log(1+exp(x)) + exp(x)*sigmoid(x)^2", true},
		{"1/(1+exp(-x))", true},
		{"sigmoid(x)*exp(x)/(1 + exp(x))", false},
		// The derivative of sigmoid(-9*x^2 - 1) (TestStability, 300
		// expressions, seed 13): reflected to sigmoid(9*x^2 + 1) it held
		// sigmoid(9*x^2 + 1) - 1, 0 in float64 from x = 2 on.
		{"3*sigmoid(-9*x^2 - 1)", true},
		{"sigmoid(-x^2)*x", true},
		{"tanh(-x^2 - 1)", true},
		// Arguments of one sign that grow without bound: the sigmoid
		// kernel wrote 1 - sigmoid(4*x^2 + 2) for sigmoid(-4*x^2 - 2), 0
		// in float64 from |x| = 3 on (TestStability, 300 expressions,
		// seed 5), and the error was that of every term it multiplied.
		{"sigmoid(-4*x^2 - 2)", true},
		{"x^3*sigmoid(-4*x^2 - 2)", true},
		{"x^2*sigmoid(-4*x^2 - 2)*(sinh(-x - 2)^2 + 1)^(1/3)", true},
		{"x^5*sigmoid(exp(x))", true},
		{"cosh(x)*sigmoid(-x^2 - 2)", true},
	}
	for _, c := range cases {
		in := parser.MustParse(c.f)
		if c.deriv {
			in = symbolic.D(in, x)
		}
		out := mustSimplify(t, in)
		if n := checkStable(t, in, out, x, stabilityPoints); n < len(stabilityPoints)/2 {
			t.Errorf("%v: only %d points checked", in, n)
		}
	}
}

// TestStabilityFormsRejected: the forms the issue names evaluate badly at
// its points, so the checks above can fail: sigmoid(x)^3/(1 - sigmoid(x))
// (what exp(x)*sigmoid(x)^2 simplified to before the hazard weights) and
// the old derivative of exp(x)*log(1+exp(x)).
func TestStabilityFormsRejected(t *testing.T) {
	x := symbolic.Sym("x")
	cases := []struct{ in, bad string }{
		{"exp(x)*sigmoid(x)^2", "sigmoid(x)^3/(1 - sigmoid(x))"},
		{"exp(x)*(sigmoid(x) + softplus(x))", "sigmoid(x)*(sigmoid(x) + softplus(x))/(1 - sigmoid(x))"},
	}
	for _, c := range cases {
		in, bad := parser.MustParse(c.in), parser.MustParse(c.bad)
		for _, v := range []float64{30, 37, 100, 700} {
			if ok, checked, _ := stable(in, bad, x, v); ok || !checked {
				t.Errorf("%v for %v at x = %v: accepted (checked %v)", bad, in, v, checked)
			}
		}
		if c, b := simplify.Cost(in), simplify.Cost(bad); c >= b {
			t.Errorf("Cost(%v) = %d, not less than Cost(%v) = %d", in, c, bad, b)
		}
	}
}

// TestStability: for random expressions and their derivatives, the
// simplified form evaluates in float64 as accurately as the input
// wherever the input evaluates accurately (see stable), at the fixed
// stabilityPoints and at random points of [-700, 700] and [-3, 3].
func TestStability(t *testing.T) {
	x := symbolic.Sym("x")
	var fs []*symbolic.Func
	for _, name := range []string{"exp", "log", "sigmoid", "softplus", "tanh", "sin", "cos", "atan", "sinh", "cosh"} {
		f, _ := symbolic.Lookup(name)
		if !refeval.BigSupported(f) {
			t.Fatalf("no big.Float evaluation of %s", name)
		}
		fs = append(fs, f)
	}
	g := randexpr.New(*stabilitySeed, &randexpr.Options{Vars: []*symbolic.Symbol{x}, MaxDepth: 3, Funcs: fs})
	checked := 0
	for i := 0; i < *stabilityN; i++ {
		f := g.Expr()
		pts := append([]float64{}, stabilityPoints...)
		for range 4 {
			pts = append(pts, g.Point(-700, 700), g.Point(-3, 3))
		}
		for _, in := range []symbolic.Expr{f, symbolic.D(f, x)} {
			out, err := simplify.Simplify(context.Background(), in)
			if err != nil {
				t.Fatalf("Simplify(%v): %v", in, err)
			}
			checked += checkStable(t, in, out, x, pts)
		}
	}
	if checked < *stabilityN*len(stabilityPoints)/2 {
		t.Errorf("only %d points checked", checked)
	}
}
