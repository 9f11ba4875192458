package helpertests_test

import (
	"math"
	"testing"

	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// ulps returns |a - b| in units of the last place of b.
func ulps(a, b float64) float64 {
	if a == b {
		return 0
	}
	u := math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b)
	return math.Abs(a-b) / u
}

// goInaccurateNear1 are the functions whose float64 evaluation loses
// accuracy near 1 (Go's Acos is pi/2 - Asin, Asin and the table's asec and
// acsc go through 1 - x*x, Log2 through Frexp): TestRefevalBigHard checks them
// there against mpmath instead.
var goInaccurateNear1 = map[string]bool{"acos": true, "asin": true, "asec": true, "acsc": true, "log2": true}

// goTanTiny are the functions computed through Go's math.Tan, which
// returns x itself for |x| < 1e-7 (where x*x <= 1e-14), short of tan(x) by
// x^2/3 relative: up to 30 ulps.
var goTanTiny = map[string]bool{"tan": true, "cot": true}

// TestRefevalBigMatchesMath checks each function EvalBig supports against its
// float64 Eval (Go's math, correct to a few ulps) at random points of its
// domain, small, large and negative.
func TestRefevalBigMatchesMath(t *testing.T) {
	x := symbolic.Sym("x")
	n := 0
	for _, f := range symbolic.Builtins() {
		if !refeval.BigSupported(f) {
			continue
		}
		// Each function draws its own points, which a new row of the
		// table does not move.
		rng := testkit.FuzzRand(f.Name, 1)
		n++
		e := symbolic.Apply(f, x)
		checked := 0
		for try := 0; try < 200 && checked < 40; try++ {
			var v float64
			switch try % 4 {
			case 0:
				v = rng.Float64()*4 - 2
			case 1:
				v = (rng.Float64()*2 - 1) * 700
			case 2:
				v = math.Ldexp(rng.Float64(), -rng.IntN(60))
			default:
				v = 1 + (rng.Float64()*2-1)*math.Ldexp(1, -rng.IntN(40))
			}
			if !f.Domain(v) {
				continue
			}
			want := f.Eval(v)
			if math.IsInf(want, 0) || math.IsNaN(want) || want == 0 {
				continue
			}
			if try%4 == 3 && goInaccurateNear1[f.Name] {
				continue
			}
			if math.Abs(v) < 1e-7 && goTanTiny[f.Name] {
				continue
			}
			got, ok := refeval.Reference(e, map[*symbolic.Symbol]float64{x: v})
			if !ok {
				t.Errorf("%s(%v): no reference", f.Name, v)
				continue
			}
			checked++
			// Go's math is good to a few ulps; tan, cot, sec, csc of
			// large arguments and the table's own compositions (acot,
			// asec, cbrt, sigmoid) to a few more.
			if d := ulps(want, got); d > 8 {
				t.Errorf("%s(%v) = %v (big) but %v (float64), %.1f ulps apart", f.Name, v, got, want, d)
			}
		}
		if checked < 20 {
			t.Errorf("%s: only %d points checked", f.Name, checked)
		}
	}
	if n < 25 {
		t.Errorf("only %d functions supported", n)
	}
}

// TestRefevalBigHard checks values that float64 cannot compute in the obvious way:
// a sum that must keep a tiny term, a large argument's reduction, a
// cancellation near 1.
func TestRefevalBigHard(t *testing.T) {
	cases := []struct {
		expr string
		x    float64
		want float64
	}{
		{"log(1 + exp(x))", -700, math.Exp(-700)},
		{"(1 + exp(x)) - 1", -700, math.Exp(-700)},
		{"2*(1 + exp(x)) - 2", -700, 2 * math.Exp(-700)},
		{"softplus(x)", -700, math.Exp(-700)},
		{"exp(x)*sigmoid(x)^2", 700, math.Exp(700)},
		{"sin(x)", 1e22, -0.8522008497671888},
		{"cos(x) - 1", 1e-10, -5e-21},
		{"log(x)", 1 + 0x1p-52, 0x1p-52 - 0x1p-105},
		{"sinh(x)", 1e-30, 1e-30},
		{"pi", 0, math.Pi},
		// From mpmath at 200 bits.
		{"acos(x)", 0.9999999999880893, 4.8807160648427907713808993407707469172230330835696414107408e-6},
		{"asin(x)", 0.999999994094341, 1.5706876469074503157433988326925614470605440411314534823596},
		{"log2(x)", 1.00000511498904, 7.379350449721891929610542954425055683529769384542511035574e-6},
		{"asec(x)", 1.0000000280315964, 0.00023677666997667953805523198118814507005931347661533176505866},
		{"e", 0, math.E},
		{"x^(1/2)", 2, math.Sqrt2},
	}
	for _, c := range cases {
		e := parser.MustParse(c.expr)
		got, ok := refeval.Reference(e, map[*symbolic.Symbol]float64{symbolic.Sym("x"): c.x})
		if !ok || ulps(got, c.want) > 2 {
			t.Errorf("Reference(%s) at %v = %v, %v; want %v", c.expr, c.x, got, ok, c.want)
		}
	}
	// Equal functions have the same reference where float64 evaluates
	// one of them badly.
	x := symbolic.Sym("x")
	for _, v := range []float64{30, 37, 100, 700} {
		env := map[*symbolic.Symbol]float64{x: v}
		a, oka := refeval.Reference(parser.MustParse("sigmoid(x)^3/(1 - sigmoid(x))"), env)
		b, okb := refeval.Reference(parser.MustParse("exp(x)*sigmoid(x)^2"), env)
		if !oka || !okb || ulps(a, b) > 1 {
			t.Errorf("at x = %v: references %v, %v and %v, %v differ", v, a, oka, b, okb)
		}
	}
	// Undefined points.
	for _, s := range []string{"log(x - 1)", "1/(x - 1)", "(x - 2)^(1/2)", "asin(x + 1)"} {
		if v, ok := refeval.Reference(parser.MustParse(s), map[*symbolic.Symbol]float64{symbolic.Sym("x"): 1}); ok {
			t.Errorf("Reference(%s) at 1 = %v, want undefined", s, v)
		}
	}
}
