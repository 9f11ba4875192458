package simplify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestTermByTerm checks the division term by term on random sums over
// random monomials: the rewrite is offered exactly where the product is a
// sum times numbers and powers of variables, one of them negative, and
// has the product's value at random points where both are defined.
func TestTermByTerm(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(13, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2})
	rng := rand.New(rand.NewPCG(5, 6))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 3 * rng.Float64()}
	}
	monomials := []symbolic.Expr{
		symbolic.Pow(x, symbolic.Int(-1)), symbolic.Pow(x, symbolic.Int(-2)),
		symbolic.Mul(symbolic.Int(3), symbolic.Pow(y, symbolic.Frac(-3, 2))),
		symbolic.Mul(x, symbolic.Pow(y, symbolic.Int(-1))),
	}
	offered, compared := 0, 0
	for range 300 {
		s := symbolic.Add(g.Expr(), g.Expr(), symbolic.Mul(symbolic.Int(2), x))
		m := monomials[rng.IntN(len(monomials))]
		e, ok := try(func() symbolic.Expr { return symbolic.Mul(s, m) })
		if !ok {
			continue
		}
		_, isSum := s.(*symbolic.Sum)
		p, isProduct := e.(*symbolic.Product)
		rs := termByTerm(e)
		if want := isSum && isProduct && len(s.(*symbolic.Sum).Terms()) <= maxTermByTerm && simpleFactors(p); (len(rs) == 1) != want {
			t.Errorf("termByTerm(%v) offered %d rewrites, want one: %v", e, len(rs), want)
		}
		for _, r := range rs {
			offered++
			compared += sameAtPoints(t, "term by term", e, r, 20, point, 1e-8)
		}
	}
	if offered < 100 || compared < 1000 {
		t.Errorf("only %d rewrites offered, compared at %d points", offered, compared)
	}
	// Not a product of a sum by a monomial: nothing.
	for _, e := range []symbolic.Expr{
		symbolic.Mul(symbolic.Add(x, symbolic.One), symbolic.Pow(symbolic.Add(x, symbolic.Two), symbolic.Int(-1))),
		symbolic.Mul(symbolic.Add(x, symbolic.One), y),
		symbolic.Mul(symbolic.Add(x, symbolic.One), symbolic.Apply(absFn, x), symbolic.Pow(x, symbolic.Int(-1))),
	} {
		if rs := termByTerm(e); rs != nil {
			t.Errorf("termByTerm(%v) = %v, want nothing", e, rs)
		}
	}
}

// simpleFactors reports whether p's factors are one sum and otherwise
// numbers, variables and powers of variables to numbers, one negative.
func simpleFactors(p *symbolic.Product) bool {
	sums, neg := 0, false
	for _, f := range p.Factors() {
		switch x := f.(type) {
		case *symbolic.Number, *symbolic.Symbol:
		case *symbolic.Sum:
			sums++
		case *symbolic.Power:
			_, isVar := x.Base().(*symbolic.Symbol)
			k, isNum := x.Exp().(*symbolic.Number)
			if !isVar || !isNum {
				return false
			}
			neg = neg || k.Sign() < 0
		default:
			return false
		}
	}
	return sums == 1 && neg
}

// TestOverCommonDenominator checks the sums put over one denominator on
// random sums of terms over random divisors (variables, calls, constants
// under roots, sums that every term divides by), each against the sum at
// random points where both are defined; and that a sum that only some
// terms divide by is left to the rational normal form.
func TestOverCommonDenominator(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(15, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2})
	rng := rand.New(rand.NewPCG(7, 8))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 3 * rng.Float64()}
	}
	pi2 := symbolic.Mul(symbolic.Two, symbolic.Pi)
	divisors := []symbolic.Expr{
		symbolic.Pow(x, symbolic.Int(-1)), symbolic.Pow(x, symbolic.Int(-3)), symbolic.Pow(y, symbolic.Frac(-3, 2)),
		symbolic.Pow(call("sin", x), symbolic.Int(-2)), symbolic.Pow(pi2, symbolic.Frac(-1, 2)),
		symbolic.Pow(call("log", y), symbolic.Int(-1)),
	}
	shared := symbolic.Pow(symbolic.Add(x, y), symbolic.Int(-2))
	offered, compared := 0, 0
	for range 300 {
		var ts []symbolic.Expr
		withShared := rng.IntN(3) == 0
		for range 2 + rng.IntN(3) {
			f := []symbolic.Expr{g.Expr(), divisors[rng.IntN(len(divisors))]}
			if rng.IntN(2) == 0 {
				f = append(f, divisors[rng.IntN(len(divisors))])
			}
			if withShared {
				f = append(f, shared)
			}
			ts = append(ts, symbolic.Mul(f...))
		}
		e, ok := try(func() symbolic.Expr { return symbolic.Add(ts...) })
		if !ok {
			continue
		}
		for _, r := range overCommonDenominator(e) {
			offered++
			compared += sameAtPoints(t, "over a common denominator", e, r, 20, point, 1e-8)
		}
	}
	if offered < 100 || compared < 1000 {
		t.Errorf("only %d rewrites offered, compared at %d points", offered, compared)
	}
	// x/(x + 1) + 1/(x + 1)^2: x + 1 divides one term once, the other
	// twice; the rational normal form writes the sum.
	e := symbolic.Add(symbolic.Mul(x, symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.MinusOne)),
		symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Int(-2)))
	if rs := overCommonDenominator(e); rs != nil {
		t.Errorf("overCommonDenominator(%v) = %v, want nothing", e, rs)
	}
}

// TestTermByTermCancels checks the division term by term by divisors
// other than powers of variables: offered where every term cancels a
// divisor (the quotient rule's one fraction for the derivative of a log
// of a product), and then with the product's value; not offered where a
// term cancels nothing.
func TestTermByTermCancels(t *testing.T) {
	x := symbolic.Sym("x")
	rng := rand.New(rand.NewPCG(9, 10))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 4*rng.Float64() - 2}
	}
	for _, tc := range []struct {
		src, want string // want "" for nothing offered
	}{
		{"((3*x - 1)*cos(x) + 3*sin(x))/(sin(x)*(3*x - 1))", "cos(x)/sin(x) + 3/(3*x - 1)"},
		{"(x*cos(x) + sin(x))/(x*sin(x))", "cos(x)/sin(x) + 1/x"},
		{"(2*x*cos(x) - (x^2 + 1)*sin(x))/((x^2 + 1)*cos(x))", "2*x/(x^2 + 1) - sin(x)/cos(x)"},
		{"(2*x*log(x) + (x^2 + 1)/x)/((x^2 + 1)*log(x))", "2*x/(x^2 + 1) + 1/(x*log(x))"},
		{"(4*x - 1)/(2*sqrt(2*x^2 - x + 5))", ""},
		{"(x + sin(x))/sin(x)", ""},
		{"(x + 1)/(x + 2)", ""},
	} {
		e := parser.MustParse(tc.src)
		rs := termByTerm(e)
		if tc.want == "" {
			if rs != nil {
				t.Errorf("termByTerm(%v) = %v, want nothing", e, rs)
			}
			continue
		}
		if len(rs) != 1 || rs[0] != parser.MustParse(tc.want) {
			t.Errorf("termByTerm(%v) = %v, want %s", e, rs, tc.want)
			continue
		}
		if n := sameAtPoints(t, "term by term", e, rs[0], 20, point, 1e-9); n < 10 {
			t.Errorf("termByTerm(%v): compared at %d points only", e, n)
		}
	}
}

// TestExpandSums checks the products multiplied out, at random points,
// and the ones left alone: no call shared by two sums, or more terms than
// maxTermByTerm.
func TestExpandSums(t *testing.T) {
	cases := []struct{ in, want string }{
		{"(1 - tanh(x))*(1 + tanh(x))", "1 - tanh(x)^2"},
		{"y*(sec(x) - 1)*(2*sec(x) + 3)", "y*(2*sec(x)^2 + sec(x) - 3)"},
		{"(x - 1)*(x + 1)", ""},
		{"(sin(x) + 1)*(cos(x) + 1)", ""},
		{"(sin(x) + x + 1)*(sin(x) + y + 2)*(sin(x) - 1)", ""}, // 18 terms
		{"2/((1 - sin(x))*(1 + sin(x)))", "2/(1 - sin(x)^2)"},  // the denominator's
		{"y/((sec(x) - 1)*(sec(x) + 2))", "y/(sec(x)^2 + sec(x) - 2)"},
		{"y/((sec(x) - 1)*(sec(x) + 2)^2)", ""}, // different powers
		{"(1 + sin(x))/(1 - sin(x))", ""},       // one sum each side
	}
	rng := rand.New(rand.NewPCG(8, 9))
	for _, c := range cases {
		in := parser.MustParse(c.in)
		got := expandSums(in)
		if c.want == "" {
			if got != nil {
				t.Errorf("expandSums(%v) = %v, want none", in, got)
			}
			continue
		}
		if len(got) != 1 || got[0] != parser.MustParse(c.want) {
			t.Errorf("expandSums(%v) = %v, want %s", in, got, c.want)
			continue
		}
		for range 30 {
			env := map[string]float64{"x": (rng.Float64()*2 - 1) * 3, "y": rng.Float64()*4 - 2}
			a, b := refeval.EvalNamed(in, env), refeval.EvalNamed(got[0], env)
			if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
				t.Errorf("expandSums(%v) = %v: %v != %v at %v", in, got[0], b, a, env)
				break
			}
		}
	}
}
