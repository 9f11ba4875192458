package symbolic_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestCircularExactValues checks the folds at classical multiples of pi,
// the shifts by multiples of pi/2 and the inverse functions' values by
// their printed form; TestCircularExactNumeric checks them by value.
func TestCircularExactValues(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sin(pi/2)", "1"},
		{"cos(pi/3)", "1/2"},
		{"sin(pi)", "0"},
		{"sin(2*pi)", "0"},
		{"cos(pi)", "-1"},
		{"tan(pi/4)", "1"},
		{"tan(pi/3)", "sqrt(3)"},
		{"cot(pi/6)", "sqrt(3)"},
		{"sec(pi/3)", "2"},
		{"cos(5*pi/6)", "-sqrt(3)/2"},
		{"sin(-pi/4)", "-sqrt(2)/2"},
		{"sin(-7*pi/6)", "1/2"},
		// no classical value: the call stays
		{"tan(pi/2)", "tan(pi/2)"},
		{"csc(pi)", "csc(pi)"},
		{"sin(pi/5)", "sin(pi/5)"},
		// shifts by multiples of pi/2 change the function
		{"cos(x + pi/2)", "-sin(x)"},
		{"sin(pi - x)", "sin(x)"},
		{"sin(x - pi/2)", "-cos(x)"},
		{"cos(2*x + 3*pi/2)", "sin(2*x)"},
		{"tan(x + pi)", "tan(x)"},
		{"cot(x + pi/2)", "-tan(x)"},
		{"sec(x + pi)", "-sec(x)"},
		{"csc(pi/2 - y)", "sec(y)"},
		{"sin(-x - pi)", "sin(x)"},
		{"cos(x + y - 5*pi)", "-cos(x + y)"},
		// other shifts are reduced into a half period either side
		{"sin(x + 7*pi/3)", "sin(x + pi/3)"},
		{"sin(x - pi/3)", "sin(x - pi/3)"},
		{"tan(x + 5*pi/4)", "tan(x + pi/4)"},
		// inverses at the classical values
		{"asin(1)", "pi/2"},
		{"asin(1/2)", "pi/6"},
		{"asin(sqrt(2)/2)", "pi/4"},
		{"acos(0)", "pi/2"},
		{"acos(-1)", "pi"},
		{"acos(-sqrt(3)/2)", "5*pi/6"},
		{"atan(1)", "pi/4"},
		{"atan(sqrt(3))", "pi/3"},
		{"atan(-1/sqrt(3))", "-pi/6"},
		{"acot(1)", "pi/4"},
		{"acot(-sqrt(3))", "-pi/6"},
		{"asec(2)", "pi/3"},
		{"asec(-sqrt(2))", "3*pi/4"},
		{"acsc(-2)", "-pi/6"},
		// not classical: the call stays
		{"asin(sqrt(5)/3)", "asin(sqrt(5)/3)"},
		{"atan(2)", "atan(2)"},
		{"acot(0)", "acot(0)"},
		{"cos(acos(1/2))", "1/2"},
	}
	for _, tt := range tests {
		if got := parser.MustParse(tt.in).String(); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestCircularExactNumeric builds every circular function at q*pi,
// x + q*pi and 2*x - y + q*pi for q in twelfths and fifths, and every
// inverse at the numbers the forward values are (and at others), and
// checks that the folded node has the value of the unfolded call:
// the function's own float64 Eval at the argument's value.
func TestCircularExactNumeric(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	env := map[*symbolic.Symbol]float64{}
	check := func(f *symbolic.Func, u symbolic.Expr) {
		t.Helper()
		got := symbolic.Apply(f, u)
		for range 3 {
			env[x], env[y] = rng.Float64()*8-4, rng.Float64()*8-4
			ev := symbolic.Evaluator{Env: env}
			arg := ev.Eval(u)
			want := f.Eval(arg)
			if math.IsNaN(want) || math.Abs(want) > 1e6 {
				continue // outside the domain or at a pole
			}
			v := (&symbolic.Evaluator{Env: env}).Eval(got)
			if math.Abs(v-want) > 1e-9*(1+math.Abs(want)) {
				t.Errorf("%s(%v) folds to %v = %v, want %v (x=%v, y=%v)", f.Name, u, got, v, want, env[x], env[y])
				return
			}
		}
	}
	var circ, inv []*symbolic.Func
	for _, n := range []string{"sin", "cos", "tan", "cot", "sec", "csc"} {
		f, _ := symbolic.Lookup(n)
		circ = append(circ, f)
		g, _ := symbolic.Lookup("a" + n)
		inv = append(inv, g)
	}
	var values []symbolic.Expr
	for _, den := range []int64{12, 5} {
		for k := int64(-30); k <= 30; k++ {
			q := symbolic.Mul(symbolic.Frac(k, den), symbolic.Pi)
			for _, f := range circ {
				check(f, q)
				check(f, symbolic.Add(x, q))
				check(f, symbolic.Add(symbolic.Mul(symbolic.Two, x), symbolic.Neg(y), q))
				if v := symbolic.Apply(f, q); len(symbolic.Symbols(v)) == 0 && !isCall(v) {
					values = append(values, v)
				}
			}
		}
	}
	for _, s := range []string{"2/3", "-5/4", "3", "sqrt(5)/3", "-sqrt(6)", "1/sqrt(7)", "2^(1/3)"} {
		values = append(values, parser.MustParse(s))
	}
	for _, v := range values {
		for _, g := range inv {
			check(g, v)
		}
	}
}

func isCall(e symbolic.Expr) bool {
	_, ok := e.(*symbolic.Call)
	return ok
}
