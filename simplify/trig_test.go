package simplify_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// polePoints are values near the singularities of the functions of this
// file (multiples of pi/2, 0, 1 and -1), with random ones in [-4, 4] and in
// [-1, 1] (the domain of asin).
func polePoints(rng *rand.Rand) []float64 {
	var ps []float64
	for k := -4; k <= 4; k++ {
		for _, d := range []float64{-1e-3, 1e-3} {
			ps = append(ps, float64(k)*math.Pi/2+d)
		}
	}
	ps = append(ps, -1-1e-6, -1+1e-6, 1-1e-6, 1+1e-6, -1e-4, 1e-4)
	for i := 0; i < 40; i++ {
		ps = append(ps, 8*rng.Float64()-4, 2*rng.Float64()-1)
	}
	return ps
}

// sameNearPoles checks that b has the value of a at random points and
// points near singularities (each variable in turn near one, the others
// random): wherever a is defined, b must be defined and equal.
func sameNearPoles(a, b symbolic.Expr) error {
	vars := symbolic.Symbols(symbolic.Add(a, b))
	rng := rand.New(rand.NewPCG(3, 5))
	ps := polePoints(rng)
	n := 0
	for _, p := range ps {
		for i := range max(1, len(vars)) {
			env := map[*symbolic.Symbol]float64{}
			for j, v := range vars {
				env[v] = 8*rng.Float64() - 4
				if j == i {
					env[v] = p
				}
			}
			x, y := eval(a, env), eval(b, env)
			if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e8 {
				continue
			}
			n++
			if math.IsNaN(y) || math.Abs(x-y) > 1e-6*math.Max(1, math.Abs(x)) {
				return fmt.Errorf("%v = %.17g but %v = %.17g at %v", a, x, b, y, env)
			}
		}
	}
	if n < 20 {
		return fmt.Errorf("only %d points where %v is defined", n, a)
	}
	return nil
}

// TestSameNearPolesCatchesDifference makes sure the check above can fail,
// also where the two differ only near a pole.
func TestSameNearPolesCatchesDifference(t *testing.T) {
	for _, c := range [][2]string{{"sin(x)", "cos(x)"}, {"asin(sin(x))", "x"}, {"sqrt(x^2)", "x"}, {"1/x", "1/x + x^-0.25"}} {
		if sameNearPoles(input(t, c[0], ""), input(t, c[1], "")) == nil {
			t.Errorf("%s and %s passed as equal", c[0], c[1])
		}
	}
}

// inverseDomains gives, for each inverse function, points of its domain:
// random ones and points near the ends, where the roots of the rules'
// right sides vanish.
var inverseDomains = map[string]func(*rand.Rand) float64{
	"asin":  unitInterval.draw,
	"acos":  unitInterval.draw,
	"atanh": unitInterval.draw,
	"atan":  realLine.draw,
	"acot":  realLine.draw,
	"asinh": realLine.draw,
	"asec":  outsideUnit.draw,
	"acsc":  outsideUnit.draw,
	"acosh": func(r *rand.Rand) float64 { return math.Abs(outsideUnit.draw(r)) },
	"acoth": outsideUnit.draw,
	"acsch": realLine.draw,
	"asech": func(r *rand.Rand) float64 { return math.Abs(unitInterval.draw(r)) },
}

// The domains' points: near the ends (within 1e-9 of ±1), tiny, and spread
// over the rest.
var (
	tiny         = uniform(-1e-6, 1e-6)
	unitInterval = mixture{signed(uniform(1, 1-1e-9)), tiny, uniform(-1, 1), uniform(-1, 1)}
	realLine     = mixture{uniform(-1e3, 1e3), tiny, uniform(-4, 4), uniform(-4, 4)}
	outsideUnit  = mixture{signed(uniform(1, 1+1e-9)), signed(uniform(0, 1e3)), signed(uniform(1, 4))}
)

// A mixture draws a point from one of its parts, each as likely.
type mixture []func(*rand.Rand) float64

func (m mixture) draw(r *rand.Rand) float64 { return m[r.IntN(len(m))](r) }

// uniform draws from [lo, hi) (or (hi, lo]).
func uniform(lo, hi float64) func(*rand.Rand) float64 {
	return func(r *rand.Rand) float64 { return lo + (hi-lo)*r.Float64() }
}

// signed draws from f with a random sign.
func signed(f func(*rand.Rand) float64) func(*rand.Rand) float64 {
	return func(r *rand.Rand) float64 { return f(r) * sign(r) }
}

func sign(r *rand.Rand) float64 {
	if r.IntN(2) == 0 {
		return -1
	}
	return 1
}

// TestInverseRules checks the table of f(g(a)) and f(2*g(a)) rules
// (rules/inverse.rules, written by gen_inverse.go): one rule of each kind
// for each trigonometric f and inverse trigonometric g, and each
// hyperbolic f and inverse hyperbolic g; each rule's right side is defined
// and equal to its left side on all of g's domain, near its ends
// included, and at a = 0 where g is defined there and the rule's
// condition (a != 0 for sin(acot(a)), where acot(0) = pi/2) allows it.
func TestInverseRules(t *testing.T) {
	rules, err := simplify.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]*simplify.Rule{}
	for _, r := range rules {
		if strings.HasPrefix(r.Source, "inverse.rules:") {
			have[r.Name] = r
		}
	}
	trig := []string{"sin", "cos", "tan", "cot", "sec", "csc"}
	hyp := []string{"sinh", "cosh", "tanh", "coth", "sech", "csch"}
	type want struct{ name, lhs, g string }
	var wants []want
	add := func(gs, fs []string) {
		for _, g := range gs {
			for _, f := range fs {
				wants = append(wants, want{f + "-" + g, f + "(" + g + "(a))", g},
					want{f + "-2" + g, f + "(2*" + g + "(a))", g})
			}
		}
	}
	add([]string{"asin", "acos", "atan", "acot", "asec", "acsc"}, trig)
	add([]string{"asinh", "acosh", "atanh", "acoth", "asech", "acsch"}, hyp)
	if len(have) != len(wants) {
		t.Errorf("inverse.rules has %d rules, want %d", len(have), len(wants))
	}
	for _, w := range wants {
		r := have[w.name]
		if r == nil {
			t.Errorf("no rule %s", w.name)
			continue
		}
		if lhs := r.LHS.String(); lhs != w.lhs {
			t.Errorf("%s: left side %s, want %s", w.name, lhs, w.lhs)
		}
		a := r.Vars()[0]
		check := func(x float64) bool {
			env := map[*symbolic.Symbol]float64{a: x}
			l, rv := eval(r.LHS, env), eval(r.RHS, env)
			if math.IsNaN(l) || math.IsInf(l, 0) || math.Abs(l) > 1e8 {
				return false
			}
			if math.IsNaN(rv) || math.Abs(l-rv) > 1e-6*math.Max(1, math.Abs(l)) {
				t.Errorf("%s: %v = %.17g but %v = %.17g at a = %g", w.name, r.LHS, l, r.RHS, rv, x)
			}
			return true
		}
		if len(r.Conds) == 0 {
			check(0)
		}
		rng := rand.New(rand.NewPCG(5, uint64(len(w.name))))
		n := 0
		for range 400 {
			if check(inverseDomains[w.g](rng)) {
				n++
			}
		}
		if n < 200 {
			t.Errorf("%s: only %d points of %s's domain where %v is defined", w.name, n, w.g, r.LHS)
		}
	}
}

// randomAngleSum returns a random sum (or quotient of sums, or the
// derivative of one by x) of products of sines, cosines, tangents and
// cotangents, or of their hyperbolic kin, of two variables and their sums,
// differences and small multiples: the inputs of the angle-sum strategies.
func randomAngleSum(r *rand.Rand) string {
	fns := []string{"sin", "cos", "sin", "cos", "tan", "cot"}
	args := []string{"x", "y", "2*x", "x + y", "x - y", "y/2", "2*x + y", "x*y", "z"}
	hyp := r.IntN(4) == 0
	call := func() string {
		f := fns[r.IntN(len(fns))]
		if hyp {
			f += "h"
		}
		return f + "(" + args[r.IntN(len(args))] + ")"
	}
	term := func() string {
		var fs []string
		if r.IntN(3) == 0 {
			fs = append(fs, []string{"-2", "-1", "2", "3"}[r.IntN(4)])
		}
		for range 1 + r.IntN(2) {
			fs = append(fs, call())
		}
		return strings.Join(fs, "*")
	}
	sum := func() string {
		var ts []string
		if r.IntN(3) == 0 {
			ts = append(ts, "1")
		}
		for range 1 + r.IntN(3) {
			ts = append(ts, term())
		}
		return strings.Join(ts, " + ")
	}
	s := sum()
	if r.IntN(3) == 0 {
		s = "(" + s + ")/(" + sum() + ")"
	}
	if r.IntN(5) == 0 {
		s = "d/dx " + s
	}
	return s
}

// TestAngleSumsRandom simplifies random sums of products of circular (or
// hyperbolic) functions of two arguments, where the trigonometric kernel
// tries the addition formulas and product to sum, and checks that each
// result costs no more than its input and has its values at random points
// and near the poles.
func TestAngleSumsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	for range 150 {
		s := randomAngleSum(rng)
		e := goldenInput(t, s)
		r := mustSimplify(t, e)
		if simplify.Cost(r) > simplify.Cost(e) {
			t.Errorf("Simplify(%v) = %v costs %d > %d", e, r, simplify.Cost(r), simplify.Cost(e))
		}
		if err := sameNearPoles(e, r); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}
