package symbolic_test

import (
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// BenchmarkConstruct measures the constructors on the factors
// differentiation builds all the time (no numbers under radicals) and on
// numeric radicals.
func BenchmarkConstruct(b *testing.B) {
	sin := fn("sin")
	u := symbolic.Add(x, symbolic.One)
	s2 := symbolic.Sqrt(symbolic.Two)
	cases := []struct {
		name string
		f    func() symbolic.Expr
	}{
		{"mul-symbols", func() symbolic.Expr {
			return symbolic.Mul(symbolic.Int(3), x, symbolic.Pow(y, symbolic.Two), symbolic.Apply(sin, x))
		}},
		{"mul-merge", func() symbolic.Expr { return symbolic.Mul(symbolic.Half, x, y, symbolic.Pow(x, symbolic.MinusOne)) }},
		{"pow-half", func() symbolic.Expr { return symbolic.Pow(u, symbolic.Frac(-1, 2)) }},
		{"pow-int", func() symbolic.Expr { return symbolic.Pow(symbolic.Mul(x, y), symbolic.Two) }},
		{"sqrt-12", func() symbolic.Expr { return symbolic.Sqrt(symbolic.Int(12)) }},
		{"mul-radicals", func() symbolic.Expr { return symbolic.Mul(symbolic.Half, s2, x) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.f()
			}
		})
	}
}
