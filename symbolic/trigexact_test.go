package symbolic_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestCircularExactNumeric builds every circular function at q*pi,
// x + q*pi and 2*x - y + q*pi for q in twelfths and fifths, and every
// inverse at the numbers the forward values are (and at others), and
// checks that the folded node has the value of the unfolded call:
// the function's own float64 Eval at the argument's value.
func TestCircularExactNumeric(t *testing.T) {
	var circ, inv []*symbolic.Func
	for _, n := range []string{"sin", "cos", "tan", "cot", "sec", "csc"} {
		f, _ := symbolic.Lookup(n)
		circ = append(circ, f)
		g, _ := symbolic.Lookup("a" + n)
		inv = append(inv, g)
	}
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
	// At a pole there is no value to fold to: the call stays.
	for _, pole := range []string{"tan(pi/2)", "sec(-pi/2)", "csc(pi)", "cot(2*pi)"} {
		if e := parser.MustParse(pole); !isCall(e) {
			t.Errorf("%s folds to %v at a pole", pole, e)
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

// TestAcotAtZero checks the one point where acot jumps: its exact value,
// its float value and its big-float reference all give pi/2, the end of
// its range (-pi/2, pi/2].
func TestAcotAtZero(t *testing.T) {
	f, _ := symbolic.Lookup("acot")
	if got := symbolic.Apply(f, symbolic.Zero); got != symbolic.Mul(symbolic.Half, symbolic.Pi) {
		t.Errorf("acot(0) = %v, want pi/2", got)
	}
	if got := f.Eval(0); got != math.Pi/2 {
		t.Errorf("acot's Eval(0) = %v, want pi/2", got)
	}
	v, ok := f.EvalBig(new(big.Float), 128)
	if !ok {
		t.Fatal("acot's EvalBig(0) is undefined")
	}
	if got, _ := v.Float64(); got != math.Pi/2 {
		t.Errorf("acot's EvalBig(0) = %v, want pi/2", got)
	}
}

// TestAtPole builds the functions with poles at multiples of pi/12 and at
// a few numbers, and checks that AtPole holds exactly where the float64
// value blows up (beyond 1e12: tan at the float64 pi/2 is 1.6e16) and
// that a call at a pole is left a call, never folded to a number.
func TestAtPole(t *testing.T) {
	var args []symbolic.Expr
	for k := int64(-24); k <= 24; k++ {
		args = append(args, symbolic.Mul(symbolic.NumberOf(symbolic.NewRat(k, 12)), symbolic.Pi))
	}
	for _, n := range []int64{-2, -1, 0, 1, 2} {
		args = append(args, symbolic.Int(n), symbolic.NumberOf(symbolic.NewRat(n, 2)))
	}
	poles := 0
	for _, name := range []string{"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech", "csch", "log", "log2", "log10", "atanh", "acoth", "asech", "acsch", "exp", "sigmoid"} {
		f, ok := symbolic.Lookup(name)
		if !ok {
			t.Fatalf("no function %s", name)
		}
		for _, u := range args {
			e := symbolic.Apply(f, u)
			if p, ok := e.(*symbolic.Product); ok && symbolic.HasNegativeSign(p) {
				e = symbolic.Neg(e) // an odd function's -tan(pi/2)
			}
			c, isCall := e.(*symbolic.Call)
			at := isCall && c.AtPole()
			a := (&symbolic.Evaluator{}).Eval(u)
			v := f.Eval(a)
			if math.IsNaN(v) {
				continue // outside the real domain (log(-1)), no pole
			}
			if blows := math.Abs(v) > 1e12; at != blows {
				t.Errorf("%s(%v): AtPole = %v, but the float64 value at %g is %g", name, u, at, a, v)
			}
			if at {
				poles++
			}
		}
	}
	if poles < 20 {
		t.Errorf("only %d poles met: the arguments miss the poles", poles)
	}
}
