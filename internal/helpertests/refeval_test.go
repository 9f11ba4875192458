package helpertests_test

import (
	"math"
	"testing"

	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/symbolic"
)

func TestRefevalEval(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sin, _ := symbolic.Lookup("sin")
	e := symbolic.Add(symbolic.Mul(symbolic.Pi, x), symbolic.Pow(y, symbolic.Frac(1, 2)), symbolic.Apply(sin, x), symbolic.Apply(symbolic.Exp, symbolic.One))
	got := refeval.Eval(e, map[*symbolic.Symbol]float64{x: 0.5, y: 4})
	want := math.Pi*0.5 + 2 + math.Sin(0.5) + math.E
	if math.Abs(got-want) > 1e-15 {
		t.Errorf("Eval(%v) = %v, want %v", e, got, want)
	}
	if got := refeval.EvalNamed(e, map[string]float64{"x": 0.5, "y": 4}); got != want && math.Abs(got-want) > 1e-15 {
		t.Errorf("EvalNamed = %v, want %v", got, want)
	}
}

func TestRefevalAbstractStandIn(t *testing.T) {
	x := symbolic.Sym("x")
	f := symbolic.Abstract("f")
	e := symbolic.Apply(f, symbolic.Mul(symbolic.Two, x))
	d := symbolic.D(e, x) // 2*f'(2*x)
	for _, v := range []float64{-1, 0.3, 2} {
		h := 1e-6
		num := (refeval.Eval(e, map[*symbolic.Symbol]float64{x: v + h}) - refeval.Eval(e, map[*symbolic.Symbol]float64{x: v - h})) / (2 * h)
		if got := refeval.Eval(d, map[*symbolic.Symbol]float64{x: v}); math.Abs(got-num) > 1e-8 {
			t.Errorf("at %v: d/dx f(2x) = %v, central difference %v", v, got, num)
		}
	}
}
