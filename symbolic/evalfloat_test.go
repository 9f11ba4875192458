package symbolic_test

import (
	"math"
	"math/big"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestEvaluatorContract checks the documented contract of Evaluator: values
// of the constants, NaN for an unbound symbol and an abstract function
// without Abstract, Abstract's value with it, float64 arithmetic outside
// the domains.
func TestEvaluatorContract(t *testing.T) {
	f := symbolic.Apply(symbolic.Abstract("f"), x)
	twice := func(_ *symbolic.Func, u float64) float64 { return 2 * u }
	cases := []struct {
		name     string
		e        symbolic.Expr
		env      map[*symbolic.Symbol]float64
		abstract func(*symbolic.Func, float64) float64
		want     float64
	}{
		{"pi", symbolic.Pi, nil, nil, math.Pi},
		{"e", symbolic.E, nil, nil, math.E},
		{"bound", parser.MustParse("x*y + 1"), map[*symbolic.Symbol]float64{x: 3, y: -2}, nil, -5},
		{"unbound", parser.MustParse("x + y"), map[*symbolic.Symbol]float64{x: 3}, nil, math.NaN()},
		{"abstract without Abstract", f, map[*symbolic.Symbol]float64{x: 3}, nil, math.NaN()},
		{"abstract with Abstract", symbolic.Add(f, x), map[*symbolic.Symbol]float64{x: 3}, twice, 9},
		{"reciprocal", parser.MustParse("1/x"), map[*symbolic.Symbol]float64{x: 4}, nil, 0.25},
		{"reciprocal of zero", parser.MustParse("1/x"), map[*symbolic.Symbol]float64{x: 0}, nil, math.Inf(1)},
		{"sqrt", parser.MustParse("sqrt(x)"), map[*symbolic.Symbol]float64{x: 2}, nil, math.Sqrt2},
		{"sqrt outside domain", parser.MustParse("sqrt(x)"), map[*symbolic.Symbol]float64{x: -1}, nil, math.NaN()},
		{"square", parser.MustParse("x^2"), map[*symbolic.Symbol]float64{x: -1.5}, nil, 2.25},
		{"power", parser.MustParse("x^y"), map[*symbolic.Symbol]float64{x: 2, y: 0.3}, nil, math.Pow(2, 0.3)},
		{"log outside domain", parser.MustParse("log(x)"), map[*symbolic.Symbol]float64{x: -1}, nil, math.NaN()},
		{"function", parser.MustParse("sin(x)*exp(y)"), map[*symbolic.Symbol]float64{x: 0.5, y: -1}, nil, math.Sin(0.5) * math.Exp(-1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := symbolic.Evaluator{Env: c.env, Abstract: c.abstract}
			got := ev.Eval(c.e)
			if got != c.want && !(math.IsNaN(got) && math.IsNaN(c.want)) {
				t.Errorf("Eval(%v) = %v, want %v", c.e, got, c.want)
			}
		})
	}
}

// TestEvaluatorRemembers checks that values are kept across calls: a node
// evaluated once is not evaluated again after Env changes.
func TestEvaluatorRemembers(t *testing.T) {
	e := parser.MustParse("x^3")
	ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: 2}}
	if got := ev.Eval(e); got != 8 {
		t.Fatalf("Eval(x^3) at 2 = %v, want 8", got)
	}
	ev.Env[x] = 3
	if got := ev.Eval(symbolic.Add(e, symbolic.One)); got != 9 {
		t.Errorf("Eval(x^3 + 1) after the change = %v, want 9 (x^3 remembered)", got)
	}
}

// A negative base to a non-integer power has no real value, also at -Inf,
// where math.Pow gives 0 or +Inf (the fuzzer's (0^a*b)^(-1/2) at a < 0,
// b < 0: -Inf to the power -1/2).
func TestEvaluatorNegativeBase(t *testing.T) {
	x := symbolic.Sym("x")
	tests := []struct {
		e    symbolic.Expr
		x    float64
		want float64 // NaN: no value
	}{
		{symbolic.Pow(x, symbolic.Frac(-1, 2)), math.Inf(-1), math.NaN()},
		{symbolic.Pow(x, symbolic.Frac(1, 3)), -8, math.NaN()},
		{symbolic.Pow(x, symbolic.Frac(-3, 2)), -4, math.NaN()},
		{symbolic.Pow(x, symbolic.Int(-3)), -2, -0.125},
		{symbolic.Pow(x, symbolic.Frac(-1, 2)), math.Inf(1), 0},
		// An odd integer beyond 2^53, whose float64 is even: the sign
		// is the exact exponent's.
		{symbolic.Pow(x, huge(1)), -1, -1},
		{symbolic.Pow(x, huge(1)), -2, math.Inf(-1)},
		{symbolic.Pow(x, huge(1)), math.Inf(-1), math.Inf(-1)},
		{symbolic.Pow(x, huge(-1)), -0.5, math.Inf(-1)},
		{symbolic.Pow(x, huge(0)), -1, 1},
		{symbolic.Pow(x, symbolic.Int(1<<53+1)), -1, -1},
		{symbolic.Pow(x, huge(1)), 2, math.Inf(1)},
	}
	for _, tc := range tests {
		ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: tc.x}}
		got := ev.Eval(tc.e)
		if math.IsNaN(tc.want) != math.IsNaN(got) || !math.IsNaN(got) && got != tc.want {
			t.Errorf("%v at x = %v: %v, want %v", tc.e, tc.x, got, tc.want)
		}
	}
}

// huge returns 10^60 + 1 (odd) for k = 1, 10^60 for k = 0 and -(10^60 + 1)
// for k = -1.
func huge(k int) symbolic.Expr {
	n := new(big.Int).Exp(big.NewInt(10), big.NewInt(60), nil)
	if k != 0 {
		n.Add(n, big.NewInt(1))
	}
	if k < 0 {
		n.Neg(n)
	}
	return symbolic.NumberOf(symbolic.RatFromBig(new(big.Rat).SetInt(n)))
}
