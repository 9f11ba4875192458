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

// trigForms are inputs (differentiated by v first if v is set) and the form
// Simplify must give: the examples of the issue and variations of each
// with other arguments, other variables, inside larger expressions and
// differentiated.
var trigForms = []struct{ f, v, want string }{
	// tan, cot, sec, csc in terms of sin and cos, and a quotient of them
	// read back as tan, cot, sec, csc.
	{"x*tan(x)*cot(x)", "", "x"},
	{"x*tan(x)*cot(x)", "x", "1"},
	{"y*tan(3*x+1)*cot(3*x+1)", "x", "0"},
	{"y*tan(3*x+1)*cot(3*x+1)", "y", "1"},
	{"sin(x)*cos(x)*tan(x)*sec(x)*csc(x)*cot(x)", "", "1"},
	{"sin(x)*cos(x)*tan(x)*sec(x)*csc(x)*cot(x)", "x", "0"},
	{"sin(x^2)*cos(x^2)*tan(x^2)*sec(x^2)*csc(x^2)*cot(x^2)", "x", "0"},
	{"exp(sin(t)*cos(t)*tan(t)*sec(t)*csc(t)*cot(t)) + t", "", "t + e"},
	{"tan(x)*cos(x)", "", "sin(x)"},
	{"(sec(x) - cos(x))/tan(x)", "", "sin(x)"},
	{"(1 - cos(x)^2)/sin(x)", "", "sin(x)"},
	{"sin(x)/(1+cos(x)) + (1+cos(x))/sin(x)", "", "2*csc(x)"},
	{"sin(x)/cos(x)", "x", "sec(x)^2"},
	{"tan(x)/sec(x)", "x", "cos(x)"},
	{"log(tan(x))", "x", "2*csc(2*x)"},
	// Pythagoras.
	{"1/cos(x)^2 - tan(x)^2", "", "1"},
	{"1/cos(x)^2 - tan(x)^2", "x", "0"},
	{"1/cos(3*x+1)^2 - tan(3*x+1)^2", "", "1"},
	{"y/cos(x^2)^2 - y*tan(x^2)^2", "", "y"},
	{"exp(1/cos(t)^2 - tan(t)^2)", "", "e"},
	{"sec(x)^2 - tan(x)^2 + sin(y)", "", "sin(y) + 1"},
	{"sin(x)^2 + cos(x)^2 + sin(y)^2", "", "sin(y)^2 + 1"},
	// Double and multiple angles, both ways.
	{"cos(2*x) + 2*sin(x)^2", "", "1"},
	{"cos(2*y+2) + 2*sin(y+1)^2", "", "1"},
	{"cos(2*x^2) + 2*sin(x^2)^2", "", "1"},
	{"2*cos(x)^2 - cos(2*x)", "", "1"},
	{"(cos(2*x) + 2*sin(x)^2)*z", "z", "1"},
	{"sin(2*x)/sin(x)", "", "2*cos(x)"},
	{"sin(2*x)/(2*sin(x))", "", "cos(x)"},
	{"sin(3*x)/sin(x)", "", "2*cos(2*x) + 1"},
	{"cos(x)^4 - sin(x)^4", "", "cos(2*x)"},
	{"sin(x)^4 - cos(x)^4", "", "-cos(2*x)"},
	{"cos(x/2)^2 - sin(x/2)^2", "", "cos(x)"},
	{"2*sin(x/2)*cos(x/2)", "", "sin(x)"},
	{"sin(x)*cos(x)", "x", "cos(2*x)"},
	{"tan(x) + cot(x)", "", "2*csc(2*x)"},
	{"sin(x+1)*sin(2*x+2)*sin(3*x+3)", "x", "2*sin(x + 1)^2*(24*sin(x + 1)^4 - 32*sin(x + 1)^2 + 9)"},
	{"sin(x)^2*cos(y)^2 + sin(x)^2*sin(y)^2 + cos(x)^2", "", "1"},
	// Hyperbolic functions, and exponentials that are hyperbolic.
	{"(exp(x) + exp(-x))/(exp(x) - exp(-x))", "", "coth(x)"},
	{"(exp(x) + exp(-x))/(exp(x) - exp(-x))", "x", "-csch(x)^2"},
	{"(exp(y) - exp(-y))/(exp(y) + exp(-y))", "", "tanh(y)"},
	{"(exp(3*x+1) + exp(-3*x-1))/2", "", "cosh(3*x + 1)"},
	{"(exp(x^2) - exp(-x^2))/2", "", "sinh(x^2)"},
	{"exp(x) + exp(-x)", "", "2*cosh(x)"},
	{"cosh(2*x) - 2*sinh(x)^2", "", "1"},
	{"sech(x)^2 + tanh(x)^2", "", "1"},
	{"coth(x)^2 - csch(x)^2", "", "1"},
	{"tanh(x)*cosh(x)", "", "sinh(x)"},
	{"cosh(x)*tanh(x)*csch(x)", "", "1"},
	{"x*tanh(x)*coth(x)", "x", "1"},
	{"sinh(x)*cosh(x)*tanh(x)*sech(x)*csch(x)*coth(x)", "x", "0"},
	{"log(cosh(x))", "x", "tanh(x)"},
	// Functions of inverse functions (rules/inverse.rules).
	{"sin(acos(x))", "", "sqrt(1 - x^2)"},
	{"cos(asin(x))", "", "sqrt(1 - x^2)"},
	{"tan(atan(x))", "", "x"},
	{"cos(atan(x))", "", "1/sqrt(x^2 + 1)"},
	{"sin(atan(x))", "", "x/sqrt(x^2 + 1)"},
	{"tan(asin(x))", "", "x/sqrt(1 - x^2)"},
	{"tan(acos(x))", "", "sqrt(1 - x^2)/x"},
	{"sec(atan(y))", "", "sqrt(y^2 + 1)"},
	{"sin(asin(x^2))", "", "x^2"},
	{"y + cos(acos(3*x+1))", "", "y + 3*x + 1"},
	{"cosh(asinh(x))", "", "sqrt(x^2 + 1)"},
	{"sinh(acosh(x))", "", "sqrt(x^2 - 1)"},
	{"tanh(atanh(x))", "", "x"},
	{"sin(acos(x))", "x", "-x/sqrt(1 - x^2)"},
	{"sin(acos(x))*cos(asin(x))", "", "1 - x^2"},
	// Not rules: asin(sin(x)) is x only on [-pi/2, pi/2].
	{"asin(sin(x))", "", "asin(sin(x))"},
	{"acos(cos(x))", "", "acos(cos(x))"},
	{"atan(tan(x))", "", "atan(tan(x))"},
	// Left alone by the trig kernel: the sigmoid's exponentials.
	{"exp(-x)/(1+exp(-x))^2", "", "sigmoid(x)*(1 - sigmoid(x))"},
}

func TestTrigForms(t *testing.T) {
	for _, c := range trigForms {
		name := c.f
		if c.v != "" {
			name = "d/d" + c.v + " " + name
		}
		t.Run(name, func(t *testing.T) {
			e := input(t, c.f, c.v)
			got := mustSimplify(t, e)
			if got.String() != c.want {
				t.Errorf("Simplify(%v) = %v, want %s", e, got, c.want)
			}
			if simplify.Cost(got) > simplify.Cost(e) {
				t.Errorf("Simplify(%v) = %v costs %d > %d", e, got, simplify.Cost(got), simplify.Cost(e))
			}
			if err := sameNearPoles(e, got); err != nil {
				t.Error(err)
			}
		})
	}
}

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
	"asin":  unitInterval,
	"acos":  unitInterval,
	"atanh": unitInterval,
	"atan":  realLine,
	"acot":  realLine,
	"asinh": realLine,
	"asec":  outsideUnit,
	"acsc":  outsideUnit,
	"acosh": func(r *rand.Rand) float64 { return math.Abs(outsideUnit(r)) },
}

func unitInterval(r *rand.Rand) float64 {
	switch r.IntN(4) {
	case 0:
		return (1 - 1e-9*r.Float64()) * sign(r)
	case 1:
		return 1e-6 * (2*r.Float64() - 1)
	}
	return 2*r.Float64() - 1
}

func realLine(r *rand.Rand) float64 {
	switch r.IntN(4) {
	case 0:
		return 1e3 * (2*r.Float64() - 1)
	case 1:
		return 1e-6 * (2*r.Float64() - 1)
	}
	return 8*r.Float64() - 4
}

func outsideUnit(r *rand.Rand) float64 {
	switch r.IntN(3) {
	case 0:
		return (1 + 1e-9*r.Float64()) * sign(r)
	case 1:
		return 1e3 * r.Float64() * sign(r)
	}
	return (1 + 3*r.Float64()) * sign(r)
}

func sign(r *rand.Rand) float64 {
	if r.IntN(2) == 0 {
		return -1
	}
	return 1
}

// TestInverseRules checks the table of f(g(a)) rules (rules/inverse.rules,
// written by gen_inverse.go): one rule for each trigonometric f and inverse
// trigonometric g, and each hyperbolic f and inverse hyperbolic g; each
// rule's right side is defined and equal to its left side on all of g's
// domain, near its ends included.
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
	var want []string
	for _, g := range []string{"asin", "acos", "atan", "acot", "asec", "acsc"} {
		for _, f := range trig {
			want = append(want, f+"-"+g)
		}
	}
	for _, g := range []string{"asinh", "acosh", "atanh"} {
		for _, f := range hyp {
			want = append(want, f+"-"+g)
		}
	}
	if len(have) != len(want) {
		t.Errorf("inverse.rules has %d rules, want %d", len(have), len(want))
	}
	for _, name := range want {
		r := have[name]
		if r == nil {
			t.Errorf("no rule %s", name)
			continue
		}
		f, g, _ := strings.Cut(name, "-")
		if lhs := r.LHS.String(); lhs != f+"("+g+"(a))" {
			t.Errorf("%s: left side %s", name, lhs)
		}
		a := r.Vars()[0]
		rng := rand.New(rand.NewPCG(5, uint64(len(name))))
		n := 0
		for range 400 {
			x := inverseDomains[g](rng)
			env := map[*symbolic.Symbol]float64{a: x}
			l, rv := eval(r.LHS, env), eval(r.RHS, env)
			if math.IsNaN(l) || math.IsInf(l, 0) || math.Abs(l) > 1e8 {
				continue
			}
			n++
			if math.IsNaN(rv) || math.Abs(l-rv) > 1e-6*math.Max(1, math.Abs(l)) {
				t.Errorf("%s: %v = %.17g but %v = %.17g at a = %g", name, r.LHS, l, r.RHS, rv, x)
				break
			}
		}
		if n < 200 {
			t.Errorf("%s: only %d points of %s's domain where %v is defined", name, n, g, r.LHS)
		}
	}
}
