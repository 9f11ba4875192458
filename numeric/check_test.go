package numeric

import (
	"flag"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/symbolic"
)

// propertyN is the number of random expressions of TestProperty:
//
//	go test ./numeric -run Property -args -property.n=10000
var propertyN = flag.Int("property.n", 300, "number of random expressions TestProperty differentiates")

// The check the command line's --check makes for 1/(1+exp(-x)).
func TestCheckSigmoid(t *testing.T) {
	f := symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, call("exp", symbolic.Neg(x))))
	df := symbolic.D(f, x)
	rep, err := Check(f, df, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || rep.Judged < 5 {
		t.Fatalf("check failed:\n%s", rep)
	}
	for _, p := range rep.Points {
		if p.Verdict != Agree || !(p.RelErrFD <= 1e-8) || !(p.RelErrCS <= 1e-13) {
			t.Errorf("point %v: verdict %v, rel err %g vs FD, %g vs complex step", p.Values, p.Verdict, p.RelErrFD, p.RelErrCS)
		}
	}
	if rep.RelTolFD != 1e-8 || rep.RelTolCS != 1e-13 {
		t.Errorf("tolerances %g, %g", rep.RelTolFD, rep.RelTolCS)
	}
}

func TestCheckFindsWrongDerivative(t *testing.T) {
	f := call("sin", symbolic.Mul(x, y))
	tests := []struct {
		name string
		df   symbolic.Expr
	}{
		{"missing inner derivative", call("cos", symbolic.Mul(x, y))},
		{"off by a tiny relative amount", symbolic.Mul(symbolic.Frac(10000000001, 10000000000), y, call("cos", symbolic.Mul(x, y)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(f, tt.df, x, &CheckOptions{Fixed: map[*symbolic.Symbol]float64{y: 1.7}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || rep.Mismatches == 0 {
				t.Fatalf("wrong derivative passed:\n%s", rep)
			}
			for _, p := range rep.Points {
				if p.Values[1] != 1.7 {
					t.Errorf("y = %v, want the fixed 1.7", p.Values[1])
				}
			}
		})
	}
	// The tiny error is below the finite difference's tolerance: only the
	// complex step sees it.
	rep, _ := Check(f, tests[1].df, x, &CheckOptions{Fixed: map[*symbolic.Symbol]float64{y: 1.7}})
	for _, p := range rep.Points {
		if p.Verdict == Mismatch && p.Reason != "disagrees with the complex step" {
			t.Errorf("reason %q", p.Reason)
		}
	}
}

func TestCheckDomainAndKinks(t *testing.T) {
	logx := call("log", x)
	absx := call("abs", x)
	tests := []struct {
		name   string
		f      symbolic.Expr
		points []float64
		want   []Verdict
	}{
		{"log outside its domain", logx, []float64{-1, 0, 2}, []Verdict{OutsideDomain, OutsideDomain, Agree}},
		{"abs near its kink", absx, []float64{1e-9, 0.5, -0.5}, []Verdict{NotJudged, Agree, Agree}},
		{"abs at its kink", symbolic.Mul(absx, y), []float64{0, 1}, []Verdict{OutsideDomain, Agree}},
		{"pole of 1/x", symbolic.Pow(x, symbolic.MinusOne), []float64{1e-12, 3}, []Verdict{NotJudged, Agree}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(tt.f, symbolic.D(tt.f, x), x, &CheckOptions{Points: tt.points})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range rep.Points {
				if p.Verdict != tt.want[i] {
					t.Errorf("x=%v: %v, want %v\n%s", p.Values[0], p.Verdict, tt.want[i], rep)
				}
			}
			if !rep.OK {
				t.Errorf("points outside the domain made the check fail:\n%s", rep)
			}
		})
	}
	// Random sampling replaces points outside the domain.
	rep, err := Check(call("acosh", x), symbolic.D(call("acosh", x), x), x, &CheckOptions{N: 8})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || rep.Judged != 8 || rep.Skipped == 0 {
		t.Errorf("acosh: judged %d, skipped %d, ok %v\n%s", rep.Judged, rep.Skipped, rep.OK, rep)
	}
}

func TestCheckDeterministic(t *testing.T) {
	f := symbolic.Mul(call("exp", x), y)
	a, _ := Check(f, symbolic.D(f, x), x, &CheckOptions{Seed: 3})
	b, _ := Check(f, symbolic.D(f, x), x, &CheckOptions{Seed: 3})
	if a.String() != b.String() {
		t.Errorf("same seed, different reports:\n%s\n%s", a, b)
	}
	c, _ := Check(f, symbolic.D(f, x), x, &CheckOptions{Seed: 4})
	if a.String() == c.String() {
		t.Error("different seeds, same points")
	}
}

func TestCheckErrors(t *testing.T) {
	g := symbolic.Apply(symbolic.Abstract("g"), x)
	if _, err := Check(g, symbolic.D(g, x), x, nil); err == nil || !strings.Contains(err.Error(), "abstract") {
		t.Errorf("abstract function: error %v", err)
	}
	if _, err := Check(x, symbolic.One, nil, nil); err == nil {
		t.Error("nil variable accepted")
	}
}

func TestReportTable(t *testing.T) {
	f := symbolic.Mul(x, y)
	rep, err := Check(f, symbolic.D(f, x), x, &CheckOptions{Points: []float64{0.5, -2, 0.001}, Fixed: map[*symbolic.Symbol]float64{y: 2}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(rep.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want header, 3 rows and a summary:\n%s", len(lines), rep)
	}
	head := lines[0]
	for _, col := range []string{"x", "y", "d/dx symbolic", "finite diff", "± est", "rel err", "complex step", "verdict"} {
		if !strings.Contains(head, col) {
			t.Errorf("header %q lacks %q", head, col)
		}
	}
	// Aligned: every row's verdict starts where the header's does.
	col := strings.Index(head, "verdict")
	for _, row := range lines[1:4] {
		if strings.Index(row, "ok") != col && !strings.HasSuffix(row, "ok") {
			t.Errorf("row not aligned with the header:\n%s\n%s", head, row)
		}
		if len([]rune(row)) != len([]rune(head))-len("verdict")+len("ok") {
			t.Errorf("row width differs from the header:\n%s\n%s", head, row)
		}
	}
	if !strings.HasPrefix(lines[4], "ok: the derivative agrees at 3 of 3 points") {
		t.Errorf("summary %q", lines[4])
	}
}

// TestBuiltinsComplexStep checks every function of the table: the symbolic
// derivative of f(x), compiled, agrees with the complex step of the
// Program's continuation of f and with Ridders on f.Eval, at random points
// of f's domain.
func TestBuiltinsComplexStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, f := range symbolic.Builtins() {
		t.Run(f.Name, func(t *testing.T) {
			d := symbolic.D(symbolic.Apply(f, x), x)
			p, err := Compile(d, x)
			if err != nil {
				t.Fatal(err)
			}
			fc := complexFunc(f)
			judged := 0
			for try := 0; try < 1000 && judged < 20; try++ {
				xv := 8*rng.Float64() - 4
				if !f.Domain(xv) {
					continue
				}
				sym := p.Eval([]float64{xv})
				cs := ComplexStep(fc, xv)
				fd, est := Ridders(f.Eval, xv, nil)
				scale := math.Max(math.Abs(sym), 1)
				if est > 1e-6*scale {
					continue // too close to a pole or kink for differences
				}
				judged++
				if math.Abs(sym-cs) > 1e-13*math.Max(scale, math.Abs(cs)) {
					t.Errorf("x=%v: symbolic %v, complex step %v (rel %.1e)", xv, sym, cs, math.Abs(sym-cs)/scale)
				}
				if math.Abs(sym-fd) > math.Max(1e-8*scale, 2*est) {
					t.Errorf("x=%v: symbolic %v, Ridders %v ± %v", xv, sym, fd, est)
				}
			}
			if judged < 20 {
				t.Errorf("only %d points judged", judged)
			}
		})
	}
}

// TestProperty differentiates random expressions (nested functions, sums,
// products, quotients, powers, kept inside their domains) and compares the
// compiled symbolic derivative with the complex step at random points.
// Run 10,000 with
//
//	go test ./numeric -run Property -args -property.n=10000
func TestProperty(t *testing.T) {
	g := randexpr.New(2024, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 5, Kinks: true})
	checked, skipped, slackUsed := 0, 0, 0
	for i := 0; i < *propertyN; i++ {
		e := g.Expr()
		de := symbolic.D(e, x)
		pf, err := Compile(e, x, y)
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		pd, err := Compile(de, x, y)
		if err != nil {
			t.Fatalf("%s: %v", de, err)
		}
		for k := 0; k < 2; k++ {
			xv, yv := g.Point(-2, 2), g.Point(-2, 2)
			fv, dv := pf.Eval([]float64{xv, yv}), pd.Eval([]float64{xv, yv})
			cs := ComplexStep(func(z complex128) complex128 {
				return pf.EvalComplex([]complex128{z, complex(yv, 0)})
			}, xv)
			slack := errorBound(pd, []float64{xv, yv})
			if !finite(fv) || !finite(dv) || !finite(cs) || !finite(slack) || math.Abs(fv) > 1e12 {
				skipped++
				continue
			}
			checked++
			tol := propertyTol * math.Max(math.Max(math.Abs(dv), math.Abs(cs)), 1)
			if math.Abs(dv-cs) > tol {
				slackUsed++
			}
			if math.Abs(dv-cs) > tol+slack {
				// Rounding in a badly conditioned formula can exceed the
				// tolerance; Ridders tells such points from wrong
				// derivatives.
				fd, est := Ridders(func(t float64) float64 { return pf.Eval([]float64{t, yv}) }, xv, nil)
				t.Errorf("d/dx %s\n  = %s\n  at x=%v, y=%v: symbolic %v (rounding bound %.1e), complex step %v (rel %.1e), Ridders %v ± %.1e",
					e, de, xv, yv, dv, slack, cs, math.Abs(dv-cs)/math.Max(math.Abs(cs), 1), fd, est)
			}
		}
	}
	if checked < *propertyN {
		t.Errorf("only %d points checked for %d expressions (%d skipped)", checked, *propertyN, skipped)
	}
	t.Logf("%d expressions, %d points checked (%d needed the rounding-error bound), %d skipped (not finite, or an intermediate overflowed)",
		*propertyN, checked, slackUsed, skipped)
}

// propertyTol is TestProperty's mixed relative/absolute tolerance against
// the complex step, to which the rounding-error bound of the symbolic
// derivative is added as in Check.
const propertyTol = 1e-13

// TestCheckWidensDefaultRange: a function defined only for x > 3 has no
// point in the default range [-3, 3]; the range widens until it has, but
// an explicit range stays.
func TestCheckWidensDefaultRange(t *testing.T) {
	f := symbolic.Pow(call("log", symbolic.Sub(x, symbolic.Int(3))), symbolic.Int(2))
	rep, err := Check(f, symbolic.D(f, x), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || rep.Judged != 5 {
		t.Errorf("log(x - 3)^2: %s", rep.Summary())
	}
	for _, p := range rep.Points {
		if p.Verdict == Agree && p.Values[0] <= 3 {
			t.Errorf("a judged point at x = %v, outside the domain", p.Values[0])
		}
	}
	rep, err = Check(f, symbolic.D(f, x), x, &CheckOptions{Lo: -2, Hi: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.Judged != 0 {
		t.Errorf("with the range [-2, 2]: %s", rep.Summary())
	}
}

func TestReportSummary(t *testing.T) {
	logx := call("log", x)
	rep, err := Check(logx, symbolic.D(logx, x), x, &CheckOptions{Points: []float64{-1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	want := "ok: the derivative agrees at 2 of 3 points, 1 outside the domain or not judged"
	if got := rep.Summary(); !strings.HasPrefix(got, want) || !rep.OK {
		t.Errorf("summary %q (ok %v), want prefix %q", got, rep.OK, want)
	}
	rep, err = Check(logx, symbolic.D(logx, x), x, &CheckOptions{Points: []float64{-1}})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Summary(); !strings.HasPrefix(got, "FAIL: no point could be judged") || rep.OK {
		t.Errorf("summary %q (ok %v)", got, rep.OK)
	}
	rep, err = Check(logx, symbolic.One, x, &CheckOptions{N: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Summary(); !strings.HasPrefix(got, "FAIL: 3 of 3 judged points disagree") || rep.OK {
		t.Errorf("summary %q (ok %v)", got, rep.OK)
	}
}

// A function whose values are tiny (exp(100*x) for x < 0) is compared at
// its own scale, not an absolute 1: every row marked ok meets the stated
// relative tolerances, and the finite difference has the derivative's
// sign. Steep functions get shorter steps; tiny derivatives a complex step
// that stays out of subnormal numbers.
func TestCheckTinyAndSteep(t *testing.T) {
	for _, f := range []symbolic.Expr{
		call("exp", symbolic.Mul(symbolic.Int(100), x)),
		call("exp", symbolic.Mul(symbolic.Int(-100), symbolic.Pow(x, symbolic.Int(2)))),
		symbolic.Mul(symbolic.Frac(1, 1000000), call("exp", symbolic.Mul(symbolic.Int(-40), x))),
	} {
		rep, err := Check(f, symbolic.D(f, x), x, &CheckOptions{N: 8, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK {
			t.Errorf("%s: a right derivative failed:\n%s", f, rep)
		}
		for _, p := range rep.Points {
			if p.Verdict != Agree {
				continue
			}
			if !(p.RelErrFD <= rep.RelTolFD) || math.Signbit(p.FD) != math.Signbit(p.Symbolic) {
				t.Errorf("%s at x=%v: ok with finite difference %v against %v (rel %.1e)", f, p.Values[0], p.FD, p.Symbolic, p.RelErrFD)
			}
			if finite(p.CS) && !(p.RelErrCS <= rep.RelTolCS) {
				t.Errorf("%s at x=%v: ok with complex step %v against %v (rel %.1e)", f, p.Values[0], p.CS, p.Symbolic, p.RelErrCS)
			}
		}
	}
	// A wrong derivative of a tiny function is caught: 101*exp(100*x).
	f := call("exp", symbolic.Mul(symbolic.Int(100), x))
	rep, err := Check(f, symbolic.Mul(symbolic.Int(101), f), x, &CheckOptions{Points: []float64{-2.5, -1}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.Mismatches != 2 {
		t.Errorf("101*exp(100*x) passed for the derivative of exp(100*x):\n%s", rep)
	}
}

// The complex step keeps its precision when f'(x)*ComplexStepH would be
// subnormal.
func TestComplexStepScaled(t *testing.T) {
	for _, xv := range []float64{-2.6243, -2.9, -1.5} {
		fc := func(z complex128) complex128 { return cmplx.Exp(100 * z) }
		want := 100 * math.Exp(100*xv)
		got := complexStepScaled(fc, xv, want)
		if math.Abs(got-want) > 1e-15*want {
			t.Errorf("x=%v: %v, want %v (rel %.1e)", xv, got, want, math.Abs(got-want)/want)
		}
	}
	if v := complexStepScaled(func(z complex128) complex128 { return z }, 0, 1e-290); !math.IsNaN(v) {
		t.Errorf("no step keeps 1e-290*h normal below h = 1e-20, got %v", v)
	}
}

// At a given point where a function of f has a kink, one-sided differences
// judge: x*abs(x) is differentiable at 0 (derivative 0), abs(x) is not.
func TestCheckAtKink(t *testing.T) {
	absx := call("abs", x)
	tests := []struct {
		name   string
		f, df  symbolic.Expr
		points []float64
		want   Verdict
		reason string
	}{
		{"x*abs(x) at 0", symbolic.Mul(x, absx), nil, []float64{0}, Agree, "one-sided"},
		{"x*relu(x) at 0", symbolic.Mul(x, call("relu", x)), nil, []float64{0}, Agree, "one-sided"},
		{"abs(x)*y at 0, y = 0", symbolic.Mul(absx, y), nil, []float64{0}, Agree, "one-sided"},
		{"abs(x) at 0", absx, nil, []float64{0}, OutsideDomain, "from the left is -1, from the right 1"},
		{"relu(x) at 0", call("relu", x), nil, []float64{0}, OutsideDomain, "from the left is 0, from the right 1"},
		{"wrong derivative at the kink", symbolic.Mul(x, absx), symbolic.One, []float64{0}, Mismatch, "one-sided"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := tt.df
			if df == nil {
				df = symbolic.D(tt.f, x)
			}
			rep, err := Check(tt.f, df, x, &CheckOptions{Points: tt.points, Fixed: map[*symbolic.Symbol]float64{y: 0}})
			if err != nil {
				t.Fatal(err)
			}
			p := rep.Points[0]
			if p.Verdict != tt.want || !strings.Contains(p.Reason, tt.reason) {
				t.Errorf("verdict %v (%s), want %v (%s)\n%s", p.Verdict, p.Reason, tt.want, tt.reason, rep)
			}
			if tt.want == OutsideDomain && !strings.Contains(rep.Summary(), tt.reason) {
				t.Errorf("summary %q does not say why", rep.Summary())
			}
		})
	}
	// Random points at a kink are still replaced, not judged.
	f := symbolic.Mul(x, absx)
	rep, _ := Check(f, symbolic.D(f, x), x, &CheckOptions{N: 5, Seed: 2})
	if !rep.OK {
		t.Errorf("x*abs(x) at random points:\n%s", rep)
	}
}

// riddersOneSided extrapolates one-sided differences: exact to rounding
// for smooth functions from either side.
func TestRiddersOneSided(t *testing.T) {
	for _, tt := range []struct {
		f    func(float64) float64
		x    float64
		want float64
	}{
		{math.Exp, 0.5, math.Exp(0.5)},
		{math.Sin, -1, math.Cos(-1)},
		{func(t float64) float64 { return t * t * t }, 2, 12},
	} {
		for _, dir := range []int{-1, 1} {
			d, est := riddersOneSided(tt.f, tt.x, dir, nil)
			if math.Abs(d-tt.want) > 1e-8*math.Abs(tt.want) || est > 1e-6 {
				t.Errorf("x=%v dir %d: %v ± %v, want %v", tt.x, dir, d, est, tt.want)
			}
		}
	}
}
