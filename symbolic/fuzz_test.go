package symbolic_test

// Fuzz targets for the differentiator: FuzzDiff (D never panics, returns
// canonical nodes, and agrees with the complex step wherever the input is
// analytic) and FuzzGradient
// (reverse-mode partials agree in value with D, and the Hessian is
// symmetric). Inputs are parsed with package parser; the seed corpora are in
// testdata/fuzz/<FuzzName>/ and run in plain go test.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// fuzzMaxInput bounds the length of a fuzz input: longer inputs only slow
// the search (the limits on long inputs are tested in internal/stress).
const fuzzMaxInput = 300

// fuzzMaxNodes bounds the derivatives the fuzz targets build.
const fuzzMaxNodes = 20000

// fuzzRand returns a random source seeded by the input, so that a failure
// reproduces from its input alone.
func fuzzRand(src string) *rand.Rand { return testkit.FuzzRand(src, 0x5eed) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// pointVars returns the variables of es, x first if it occurs.
func pointVars(x *symbolic.Symbol, es ...symbolic.Expr) []*symbolic.Symbol {
	vars := []*symbolic.Symbol{x}
	seen := map[*symbolic.Symbol]bool{x: true}
	for _, e := range es {
		for _, s := range symbolic.Symbols(e) {
			if !seen[s] {
				seen[s] = true
				vars = append(vars, s)
			}
		}
	}
	return vars
}

// An analyticity checks that an expression is analytic at a point: every
// node has a finite, moderate value, every function is applied well inside
// its Domain, and every base of a non-integer power is positive.
type analyticity struct {
	nodes []symbolic.Expr
	index map[symbolic.Expr]int
	prog  *numeric.Program
	vals  []float64
}

func newAnalyticity(e symbolic.Expr, vars []*symbolic.Symbol) (*analyticity, error) {
	a := &analyticity{index: map[symbolic.Expr]int{}}
	symbolic.Walk(e, func(n symbolic.Expr) {
		a.index[n] = len(a.nodes)
		a.nodes = append(a.nodes, n)
	})
	p, err := numeric.CompileMany(a.nodes, vars...)
	if err != nil {
		return nil, err
	}
	a.prog, a.vals = p, make([]float64, len(a.nodes))
	return a, nil
}

func (a *analyticity) at(args []float64) bool {
	a.prog.EvalMany(args, a.vals)
	for i, n := range a.nodes {
		v := a.vals[i]
		if !finite(v) || math.Abs(v) > 1e100 {
			return false
		}
		switch n := n.(type) {
		case *symbolic.Call:
			dom := n.Func().Domain
			if dom == nil {
				continue
			}
			for _, arg := range n.Args() {
				u := a.vals[a.index[arg]]
				h := 1e-6 * math.Max(1, math.Abs(u))
				if !dom(u) || !dom(u-h) || !dom(u+h) {
					return false
				}
			}
		case *symbolic.Power:
			if k, ok := n.Exp().(*symbolic.Number); ok && k.IsInt() {
				continue
			}
			if b := a.vals[a.index[n.Base()]]; !(b > 1e-6) {
				return false
			}
		}
	}
	return true
}

// fuzzCheckDerivative compares d = D(e, x) with the complex-step derivative of
// e at random points where e is analytic. Where they disagree beyond the
// rounding bound of d, Ridders' finite difference has the last word, so that
// a failure means two independent numeric derivatives disagree with d.
func fuzzCheckDerivative(src string, e, d symbolic.Expr, x *symbolic.Symbol) error {
	vars := pointVars(x, e, d)
	an, err := newAnalyticity(e, vars)
	if err != nil {
		return nil // abstract functions cannot be evaluated
	}
	pe, err := numeric.Compile(e, vars...)
	if err != nil {
		return fmt.Errorf("Compile(%v): %v, though its nodes compile", e, err)
	}
	pd, err := numeric.Compile(d, vars...)
	if err != nil {
		return fmt.Errorf("Compile(D(%v)) = Compile(%v): %v", e, d, err)
	}
	rng := fuzzRand(src)
	args := make([]float64, len(vars))
	cargs := make([]complex128, len(vars))
	for k := 0; k < 4; k++ {
		testkit.FuzzPoint(rng, args)
		if !an.at(args) {
			continue
		}
		dv, bound := pd.ErrorBound(args)
		if !finite(dv) || !finite(bound) {
			continue
		}
		for i, v := range args {
			cargs[i] = complex(v, 0)
		}
		cs := numeric.ComplexStep(func(z complex128) complex128 {
			cargs[0] = z
			return pe.EvalComplex(cargs)
		}, args[0])
		scale := math.Max(math.Max(math.Abs(dv), math.Abs(cs)), 1)
		if !finite(cs) || math.Abs(dv-cs) <= 1e-9*scale+4*bound {
			continue
		}
		fargs := append([]float64(nil), args...)
		fd, est := numeric.Ridders(func(v float64) float64 {
			fargs[0] = v
			return pe.Eval(fargs)
		}, args[0], nil)
		if !finite(fd) || est > 1e-8*scale {
			continue // the finite difference cannot judge here
		}
		if math.Abs(dv-fd) > 1e-7*scale+4*bound {
			return fmt.Errorf("input %q: e = %v\nD(e, %v) = %v\nat %v = %v: D gives %.17g, complex step %.17g, Ridders %.17g (est %.3g), rounding bound %.3g",
				src, e, x, d, vars, args, dv, cs, fd, est, bound)
		}
	}
	return nil
}

// TestFuzzDerivativeOracle makes sure the check FuzzDiff relies on accepts
// right derivatives and rejects wrong ones.
func TestFuzzDerivativeOracle(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sin, _ := symbolic.Lookup("sin")
	cos, _ := symbolic.Lookup("cos")
	e := symbolic.Mul(y, symbolic.Apply(sin, symbolic.Pow(x, symbolic.Two)))
	right := symbolic.D(e, x)
	wrongs := []symbolic.Expr{
		symbolic.Mul(y, symbolic.Apply(cos, symbolic.Pow(x, symbolic.Two))),
		symbolic.Mul(right, symbolic.Frac(1000001, 1000000)),
		symbolic.Add(right, symbolic.Frac(1, 1000000)),
	}
	if err := fuzzCheckDerivative("seed", e, right, x); err != nil {
		t.Errorf("the right derivative fails: %v", err)
	}
	for _, w := range wrongs {
		if err := fuzzCheckDerivative("seed", e, w, x); err == nil {
			t.Errorf("the wrong derivative %v passes", w)
		}
	}
}

// FuzzDiff parses its input and differentiates it with respect to x.
// It checks that nothing panics and that every error is a *symbolic.Error;
// that D and Diff agree, and Diff with Trace in value; that the derivative of
// an expression without x is 0; and, at random points where the expression is analytic,
// that the derivative's value agrees with the complex step (and, where that
// fails, with Ridders' finite difference).
func FuzzDiff(f *testing.F) {
	x := symbolic.Sym("x")
	f.Fuzz(func(t *testing.T, src string) {
		e, ok := testkit.FuzzParse(t, src, fuzzMaxInput)
		if !ok {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		d, err := symbolic.Diff(ctx, e, x, symbolic.MaxNodes(fuzzMaxNodes))
		if err != nil {
			var se *symbolic.Error
			if !errors.As(err, &se) {
				t.Fatalf("Diff(%q): error %v (%T) is not a *symbolic.Error", src, err, err)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Diff(%q) took more than 5s", src)
			}
			return
		}
		if d2 := symbolic.D(e, x); d2 != d {
			t.Fatalf("input %q: D = %v but Diff = %v", src, d2, d)
		}
		r, steps := traced(t, e, x)
		if c := recanon(d, map[symbolic.Expr]symbolic.Expr{}); c != d {
			t.Fatalf("input %q: D = %v is not canonical: the constructors make %v of it", src, d, c)
		}
		if !symbolic.Contains(e, x) {
			if d != symbolic.Zero || r != symbolic.Zero || len(steps) > 0 {
				t.Fatalf("input %q: %v does not contain x but D = %v, Diff with Trace = %v in %d steps", src, e, d, r, len(steps))
			}
			return
		}
		// Trace records a step for every node that contains x, the last
		// for e itself, unless e is x.
		if e != symbolic.Expr(x) && (len(steps) == 0 || steps[len(steps)-1].Expr != e || steps[len(steps)-1].Result != r) {
			t.Fatalf("input %q: the last of %d steps is not e -> Diff(e)", src, len(steps))
		}
		// A traced Diff shares D's rules but shows the quotient and constant
		// multiple rules, so its derivative is D's in value.
		if err := fuzzCheckDerivative(src, e, r, x); err != nil {
			t.Fatalf("Diff with Trace: %v", err)
		}
		if err := fuzzCheckDerivative(src, e, d, x); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzGradient parses its input and takes the gradient with respect to its
// variables (at most four). Each partial must agree in value with D at
// random points where both are finite, and the Hessian (for small inputs)
// must be symmetric in value.
func FuzzGradient(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		e, ok := testkit.FuzzParse(t, src, fuzzMaxInput)
		if !ok {
			return
		}
		vars := symbolic.Symbols(e)
		if len(vars) == 0 || symbolic.Size(e) > 400 {
			return
		}
		if len(vars) > 4 {
			vars = vars[:4]
		}
		var grad []symbolic.Expr
		gerr := func() (err error) {
			defer symbolic.Recover(&err)
			grad = symbolic.Gradient(e, vars)
			return nil
		}()
		ds := make([]symbolic.Expr, len(vars))
		for i, v := range vars {
			d, err := symbolic.Diff(context.Background(), e, v, symbolic.MaxNodes(fuzzMaxNodes))
			if err != nil {
				return // a division by zero or a limit, met by D (Gradient may or may not meet it)
			}
			ds[i] = d
		}
		if gerr != nil {
			t.Fatalf("input %q: D succeeds for every variable but Gradient fails: %v", src, gerr)
		}
		if len(grad) != len(vars) {
			t.Fatalf("input %q: Gradient returned %d partials for %d variables", src, len(grad), len(vars))
		}
		all := append(append([]symbolic.Expr{e}, grad...), ds...)
		pvars := pointVars(vars[0], all...)
		pg := make([]*numeric.Program, len(vars))
		pd := make([]*numeric.Program, len(vars))
		for i := range vars {
			var err error
			if pg[i], err = numeric.Compile(grad[i], pvars...); err != nil {
				return // abstract functions
			}
			if pd[i], err = numeric.Compile(ds[i], pvars...); err != nil {
				t.Fatalf("input %q: the gradient compiles but D does not: %v", src, err)
			}
		}
		rng := fuzzRand(src)
		args := make([]float64, len(pvars))
		for k := 0; k < 3; k++ {
			testkit.FuzzPoint(rng, args)
			for i := range vars {
				c := testkit.Compare(pg[i], pd[i], args)
				if !c.Finite() {
					continue
				}
				if !c.Same(4) {
					t.Fatalf("input %q: partial by %v at %v = %v:\nGradient %v = %.17g\nD        %v = %.17g",
						src, vars[i], pvars, args, grad[i], c.A, ds[i], c.B)
				}
			}
		}
		if len(vars) > 3 || symbolic.Size(e) > 40 {
			return
		}
		checkHessianSymmetric(t, src, e, vars, rng)
	})
}

func checkHessianSymmetric(t *testing.T, src string, e symbolic.Expr, vars []*symbolic.Symbol, rng *rand.Rand) {
	h, err := symbolic.Hessian(context.Background(), e, vars)
	if err != nil {
		return
	}
	n := len(vars)
	if symbolic.Size(flatten(h)...) > fuzzMaxNodes {
		return
	}
	pvars := pointVars(vars[0], append(flatten(h), e)...)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			pij, err1 := numeric.Compile(h[i][j], pvars...)
			pji, err2 := numeric.Compile(h[j][i], pvars...)
			if err1 != nil || err2 != nil {
				return
			}
			args := make([]float64, len(pvars))
			testkit.FuzzPoint(rng, args)
			c := testkit.Compare(pij, pji, args)
			if !c.Finite() {
				continue
			}
			if !c.Same(4) {
				t.Fatalf("input %q: Hessian not symmetric at %v = %v:\nH[%d][%d] = %v = %.17g\nH[%d][%d] = %v = %.17g",
					src, pvars, args, i, j, h[i][j], c.A, j, i, h[j][i], c.B)
			}
		}
	}
}

func flatten(m [][]symbolic.Expr) []symbolic.Expr {
	var es []symbolic.Expr
	for _, row := range m {
		es = append(es, row...)
	}
	return es
}
