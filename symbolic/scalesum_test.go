package symbolic_test

import (
	"math/big"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestScaleSum checks a number times a sum, which Mul distributes without
// collecting the terms again, against the general way: Mul of the number
// and each term, then Add. The sums are random (terms that are numbers,
// monomials, products with a sum or a radical among their factors, calls)
// and some written by hand; the numbers include -1, fractions and numbers
// too large for an int64 (each sum times each).
func TestScaleSum(t *testing.T) {
	sums := []string{
		"x + 1", "w*x + b - y", "3*x/4 - 2*y + 5", "sqrt(2)*x + 1", "x*sqrt(3)/2 - y",
		"(x + 1)*y + z", "2*(x + 1)*y - 3", "x^2 + 2*x*y + y^2", "sin(x) - cos(x)/2 + exp(-x)",
		"x/7 - 99*w1/100 + 3*w2/25 - w3", "2^(1/3)*x - 4",
	}
	g := randexpr.New(7, &randexpr.Options{Vars: []*symbolic.Symbol{symbolic.Sym("x"), symbolic.Sym("y")}, MaxDepth: 3})
	var es []symbolic.Expr
	for _, s := range sums {
		es = append(es, parser.MustParse(s))
	}
	for len(es) < 400 {
		ts := make([]symbolic.Expr, 2+len(es)%5)
		for i := range ts {
			ts[i] = g.Expr()
		}
		es = append(es, symbolic.Add(ts...))
	}
	huge, _ := new(big.Rat).SetString("123456789012345678901234567890/7")
	ks := []symbolic.Expr{
		symbolic.MinusOne, symbolic.Two, symbolic.Half, symbolic.NewNumber(big.NewRat(-3, 10)),
		symbolic.NewNumber(big.NewRat(99, 100)), symbolic.NewNumber(huge),
	}
	sums2 := 0
	for _, e := range es {
		s, ok := e.(*symbolic.Sum)
		if !ok {
			continue
		}
		sums2++
		for _, k := range ks {
			var ts []symbolic.Expr
			for _, t := range s.Terms() {
				ts = append(ts, symbolic.Mul(k, t))
			}
			want := symbolic.Add(ts...)
			if got := symbolic.Mul(k, s); got != want {
				t.Errorf("%v * (%v) = %v, want %v", k, s, got, want)
			}
		}
	}
	if sums2 < 300 {
		t.Fatalf("only %d of the inputs are sums", sums2)
	}
}
