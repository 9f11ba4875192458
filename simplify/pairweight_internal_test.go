package simplify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestPairSigns checks the identity behind each sign of pairSigns at
// random points, negative and near the poles included: for f of a
// Pythagorean pair and its partner g, f(u)^2 + sign is ±g(u)^2 (a single
// term), so m*f(u)^2 + sign*m is ±m*g(u)^2.
func TestPairSigns(t *testing.T) {
	partner := map[*symbolic.Func]*symbolic.Func{}
	for _, pp := range pythagPairs() {
		partner[pp.a], partner[pp.b] = pp.b, pp.a
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, ps := range pairSigns {
		g := partner[ps.f]
		checked := 0
		for range 200 {
			u := 6 * (rng.Float64() - 0.5)
			if rng.IntN(4) == 0 {
				u = math.Pi/2 + 1e-3*(rng.Float64()-0.5) // near a pole of tan, sec
			}
			fu, gu := ps.f.Eval(u), g.Eval(u)
			lhs, rhs := fu*fu+float64(ps.sign), gu*gu
			if math.IsInf(lhs, 0) || math.IsNaN(lhs) || math.IsInf(rhs, 0) || math.IsNaN(rhs) {
				continue
			}
			checked++
			if math.Abs(math.Abs(lhs)-rhs) > 1e-9*math.Max(1, rhs) {
				t.Fatalf("%s(%g)^2 %+d = %g, not ±%s(%g)^2 = %g", ps.f.Name, u, ps.sign, lhs, g.Name, u, rhs)
			}
		}
		if checked < 100 {
			t.Errorf("%s: only %d points checked", ps.f.Name, checked)
		}
	}
}

// TestPairTerms checks the weight of sums with and without pairs that one
// identity makes one term.
func TestPairTerms(t *testing.T) {
	for _, tc := range []struct {
		src   string
		pairs int
	}{
		{"x*tan(x)^2 + x + tan(x)", 1},
		{"tan(x)^2 + 1", 1},
		{"3*tan(x)^2 + 3", 1},
		{"3*tan(x)^2 + 2", 0},
		{"tan(x)^2 - 1", 0},
		{"y - y*tanh(u)^2", 1},
		{"y + y*tanh(u)^2", 0},
		{"y*sec(x)^2 - y", 1},
		{"y*sin(x)^2 - y", 1},
		{"y*cos(x)^2 + y*sin(x)^2 - 1", 0}, // two squares (y): left to the kernel
		{"sin(x)^2 + cos(x)^2 - 1", 1},     // one pair: -1 completes one term
		{"coth(x)^2 - 1", 1},
		{"csch(x)^2 + 1", 1},
		{"sinh(x)^2 + 1", 1},
		{"cosh(x)^2 - 1", 1},
		{"a + b - (a + b)*tanh(w)^2 + tanh(w)", 1}, // m a sum, written out
		{"a*tanh(u) - a*tanh(u)^3", 1},             // m holds tanh(u)
		{"15*sec(x)^4 - 15*sec(x)^2 + 2", 0},       // powers of one function
		{"y*cosh(x) + y*sinh(x)", 1},
		{"y*cosh(x) - y*sinh(x) + 1", 1},
		{"y*cosh(x) - 2*y*sinh(x)", 0},
		{"cosh(x) + sinh(2*x)", 0},
		{"x*tan(x)^2 + x + y*tanh(z)^2 - y", 2},
		{"x^2 + 1", 0},
		// a sum factor negated, its terms in another order (x - b is
		// x + (-b), b - x is b + (-x))
		{"(x - b)*log(b - x)*tanh(x)^2 + (b - x)*log(b - x) + tanh(x)", 1},
		{"(x - b)*y*tanh(x)^2 + (b - x)*y", 1},
	} {
		e := parser.MustParse(tc.src)
		s, ok := e.(*symbolic.Sum)
		if !ok {
			t.Fatalf("%s is %v, no sum", tc.src, e)
		}
		if got := pairTerms(s); got != tc.pairs*weightPair {
			t.Errorf("pairTerms(%v) = %d, want %d pairs (%d)", s, got, tc.pairs, tc.pairs*weightPair)
		}
	}
}

// TestExpPairs checks that expPairs writes the pairs cosh(u) ± sinh(u)
// of sums as exp(±u), in any order and beside other terms, leaves other
// sums alone, and keeps the value at random points.
func TestExpPairs(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"cosh(x) + sinh(x)", "exp(x)"},
		{"cosh(x) - sinh(x)", "exp(-x)"},
		{"sinh(x) - cosh(x)", "-exp(-x)"},
		{"y*cosh(x) - y*sinh(x) + 1", "y*exp(-x) + 1"},
		{"3*y*cosh(x^2) + 3*y*sinh(x^2) + z", "3*y*exp(x^2) + z"},
		{"sech(2*x)*(cosh(x) - sinh(x))", "exp(-x)*sech(2*x)"},
		{"(cosh(x) + sinh(x))/(cosh(y) - sinh(y))", "exp(x)/exp(-y)"},
		{"y*cosh(x) - 2*y*sinh(x)", "y*cosh(x) - 2*y*sinh(x)"},
		{"cosh(x) + sinh(2*x)", "cosh(x) + sinh(2*x)"},
		{"cosh(x)^2 + sinh(x)", "cosh(x)^2 + sinh(x)"},
	} {
		e := parser.MustParse(tc.src)
		want := parser.MustParse(tc.want)
		got := expPairs(e)
		if got != want {
			t.Errorf("expPairs(%v) = %v, want %v", e, got, want)
		}
		rng := rand.New(rand.NewPCG(3, 4))
		vars := symbolic.Symbols(e)
		for range 20 {
			env := map[*symbolic.Symbol]float64{}
			for _, v := range vars {
				env[v] = 4 * (rng.Float64() - 0.5)
			}
			ev := symbolic.Evaluator{Env: env}
			a, b := ev.Eval(e), ev.Eval(got)
			if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
				t.Fatalf("expPairs(%v) = %v: %g, not %g at %v", e, got, b, a, env)
			}
		}
	}
}

// TestPythagSquare checks the square pythagTerms writes for each function
// of a Pythagorean pair at random points, near the poles included: 1 +
// r*f(u)^2 = k*g(u)^2, r being pythagSign(f).
func TestPythagSquare(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, ps := range pairSigns {
		f := ps.f
		g, k := pythagSquare(f)
		r := pythagSign(f)
		checked := 0
		for range 200 {
			u := 6 * (rng.Float64() - 0.5)
			if rng.IntN(4) == 0 {
				u = math.Pi/2 + 1e-3*(rng.Float64()-0.5)
			}
			fu, gu := f.Eval(u), g.Eval(u)
			lhs, rhs := 1+float64(r)*fu*fu, float64(k)*gu*gu
			if math.IsInf(lhs, 0) || math.IsNaN(lhs) || math.IsInf(rhs, 0) || math.IsNaN(rhs) {
				continue
			}
			checked++
			if math.Abs(lhs-rhs) > 1e-9*math.Max(1, math.Abs(rhs)) {
				t.Fatalf("1 %+d*%s(%g)^2 = %g, but %d*%s(%g)^2 = %g", r, f.Name, u, lhs, k, g.Name, u, rhs)
			}
		}
		if checked < 100 {
			t.Errorf("%s: only %d points checked", f.Name, checked)
		}
	}
}

// rootPairs weighs a sum whose terms hold roots of one sum, each root with
// a partner in the other term, neither term dividing by another sum.
func TestRootPairs(t *testing.T) {
	for _, c := range []struct {
		sum   string
		pairs int
	}{
		{"x^2/sqrt(x^2 - 1) + sqrt(x^2 - 1)", 1},
		{"x/sqrt(u + 1) + 1/(2*sqrt(u + 1))", 1},
		{"3/sqrt(x + 1) - (3*x - 1)/(2*(x + 1)^(3/2))", 1},
		{"1/(2*x^2*sqrt(x + 1)) - 2*sqrt(x + 1)/x^3", 1}, // powers of x join
		{"a/sqrt(x + 1) + b*sqrt(x + 1) + c/sqrt(y + 1) + d*sqrt(y + 1)", 2},
		{"x^(1/3)*(x + 1)^(1/3) + (x + 1)^(4/3)", 1},
		{"sqrt(x + 1) + sqrt(x + 2)", 0},                                      // two sums
		{"(x + 1)^(1/2) + (x + 1)^(1/3)", 0},                                  // exponents apart by no integer
		{"sqrt(x) + 1/sqrt(x)", 0},                                            // not a root of a sum
		{"x*atan(x)/sqrt(x^2 - 1) + sqrt(x^2 - 1)/(x^2 + 1)", 0},              // a divisor besides
		{"8*x^7*sqrt(x^2 + 1)/sqrt(1 - x^16) + x*asin(x^8)/sqrt(x^2 + 1)", 0}, // a root without partner
		{"sqrt(x + 1)*sin(x) + cos(x)", 0},
	} {
		s, ok := parser.MustParse(c.sum).(*symbolic.Sum)
		if !ok {
			t.Fatalf("%s is not a sum", c.sum)
		}
		if got := rootPairs(s); got != c.pairs*weightRootPair {
			t.Errorf("rootPairs(%s) = %d, want %d", c.sum, got, c.pairs*weightRootPair)
		}
	}
}
