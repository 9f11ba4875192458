package numeric_test

// FuzzCompile: the compiled evaluator agrees with the reference evaluator
// in every mode, for any expression the parser accepts and its derivative.
// The seed corpus is in testdata/fuzz/FuzzCompile/ and runs in plain go
// test.

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// skipKnown lets a long fuzzing run step past a bug already reported
// (SYMDIFF_FUZZ_SKIP_KNOWN=1): the complex continuation of softplus
// loses precision where exp(z) is small (seeds regress-softplus-complex-*; fixed in 01dcc8b).
// Plain go test and CI leave it unset.
var skipKnown = os.Getenv("SYMDIFF_FUZZ_SKIP_KNOWN") != ""

func fuzzFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// FuzzCompile parses its input, compiles it and its derivative with
// respect to x, and at random points checks that
//
//   - Eval agrees with refeval.Eval (or, where that one cancels, with
//     refeval.Reference) within the rounding bound of the program (and is
//     finite where the reference is finite and moderate),
//   - EvalBatch gives Eval's values bit for bit,
//   - CompileMany of both gives the values of the single programs,
//   - the real part of EvalComplex at real arguments agrees with Eval where
//     Eval is finite.
//
// Compile may fail only for abstract functions.
func FuzzCompile(f *testing.F) {
	x := symbolic.Sym("x")
	f.Fuzz(func(t *testing.T, src string) {
		e, ok := testkit.FuzzParse(t, src, 300)
		if !ok {
			return
		}
		es := []symbolic.Expr{e}
		if d, err := symbolic.Diff(context.Background(), e, x); err == nil && symbolic.Size(d) < 5000 {
			es = append(es, d)
		}
		vars := []*symbolic.Symbol{x}
		for _, v := range symbolic.Symbols(e) {
			if v != x {
				vars = append(vars, v)
			}
		}
		progs := make([]*numeric.Program, len(es))
		for i, ei := range es {
			p, err := numeric.Compile(ei, vars...)
			if err != nil {
				if !hasAbstract(ei) {
					t.Fatalf("Compile(%v) (input %q): %v", ei, src, err)
				}
				return
			}
			progs[i] = p
		}
		many, err := numeric.CompileMany(es, vars...)
		if err != nil {
			t.Fatalf("CompileMany (input %q): %v", src, err)
		}

		rng := testkit.FuzzRand(src, 11)
		const n = 4
		cols := make([][]float64, len(vars))
		for i := range cols {
			cols[i] = make([]float64, n)
			testkit.FuzzPoint(rng, cols[i])
		}
		out := make([]float64, n)
		manyOut := make([]float64, len(es))
		args := make([]float64, len(vars))
		cargs := make([]complex128, len(vars))
		env := map[*symbolic.Symbol]float64{}
		for i, ei := range es {
			p := progs[i]
			p.EvalBatch(cols, [][]float64{out})
			for k := 0; k < n; k++ {
				for j, v := range vars {
					args[j] = cols[j][k]
					cargs[j] = complex(args[j], 0)
					env[v] = args[j]
				}
				got, bound := p.ErrorBound(args)
				if v := p.Eval(args); math.Float64bits(v) != math.Float64bits(out[k]) && !(math.IsNaN(v) && math.IsNaN(out[k])) {
					t.Fatalf("input %q: %v at %v: Eval %v but EvalBatch %v", src, ei, args, v, out[k])
				}
				many.EvalMany(args, manyOut)
				if !near(manyOut[i], got, bound) {
					t.Fatalf("input %q: %v at %v: Eval %v but CompileMany's output %v", src, ei, args, got, manyOut[i])
				}
				want := refeval.Eval(ei, env)
				if fuzzFinite(want) && !near(got, want, bound) {
					// The float reference cancels where the compiled
					// program's lowerings do not (1 - sigmoid(u) is
					// sigmoid(-u) there): the high-precision one decides.
					if hp, ok := refeval.Reference(ei, env); ok && near(got, hp, bound) {
						want = hp
					}
				}
				if fuzzFinite(want) && math.Abs(want) < 1e300 && fuzzFinite(bound) && !near(got, want, bound) && !extremeConstants(ei) {
					t.Fatalf("input %q: %v at %v: Eval %.17g, reference %.17g (rounding bound %.3g)", src, ei, args, got, want, bound)
				}
				if fuzzFinite(want) && math.Abs(want) < 1e100 && math.IsNaN(got) && !extremeConstants(ei) {
					t.Fatalf("input %q: %v at %v: Eval NaN, reference %.17g", src, ei, args, want)
				}
				if c := p.EvalComplex(cargs); fuzzFinite(got) && fuzzFinite(bound) && fuzzFinite(real(c)) && !near(real(c), got, bound) && !(skipKnown && strings.Contains(src, "softplus")) {
					t.Fatalf("input %q: %v at %v: Eval %.17g, EvalComplex %v", src, ei, args, got, c)
				}
			}
		}
	})
}

// near reports whether a and b agree within the rounding bound of one
// evaluation (generously: 8 times, plus a relative 1e-9, for EvalComplex,
// whose complex arithmetic rounds more than the float64 evaluation's bound
// covers: cbrt(A^700) through the complex exp and log of 10^156 is off by
// 1e-14 of its value).
func near(a, b, bound float64) bool {
	if a == b || math.IsNaN(a) && math.IsNaN(b) {
		return true
	}
	// 1e-300: ErrorBound charges relative rounding only, which does not
	// hold for subnormal results (seed regress-subnormal).
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))+8*bound+1e-300
}

func hasAbstract(e symbolic.Expr) bool {
	found := false
	symbolic.Walk(e, func(n symbolic.Expr) {
		if c, ok := n.(*symbolic.Call); ok && c.Func().IsAbstract() {
			found = true
		}
	})
	return found
}

// extremeConstants reports whether e holds a number beyond 1e200 or below
// 1e-200 in magnitude. With such constants the order of the operations
// decides whether an intermediate product overflows or underflows: the
// reference multiplies a product's factors left to right, the tape folds
// the coefficient in last, so the two can disagree by far more than
// rounding (seed regress-extreme-constant: the reference underflows to -0
// where the tape gives -7.3e-78), and neither is a bug in the other.
//
// Powers with exponents beyond 64 in magnitude count too: x^1001 overflows
// or underflows at ordinary points, and where it does the same question of
// order arises (seed regress-large-power).
func extremeConstants(e symbolic.Expr) bool {
	found := false
	symbolic.Walk(e, func(n symbolic.Expr) {
		switch n := n.(type) {
		case *symbolic.Number:
			if v := math.Abs(n.Float64()); v > 1e200 || (v != 0 && v < 1e-200) {
				found = true
			}
		case *symbolic.Power:
			// A numeric exponent beyond 64, or a constant one such as
			// 2^(103/2): at 3.2e15, whether its float64 is an even
			// integer, an odd one or neither (and so whether a negative
			// base gives a tiny positive number, a tiny negative one or
			// NaN) depends on how it was rounded (seed
			// regress-pow-constant-exponent).
			if len(symbolic.Symbols(n.Exp())) == 0 && math.Abs(refeval.Eval(n.Exp(), nil)) > 64 {
				found = true
			}
		}
	})
	return found
}
