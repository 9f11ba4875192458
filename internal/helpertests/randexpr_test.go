package helpertests_test

import (
	"math"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// Without Kinks, every call's argument lies in its function's domain at
// every point where it is finite.
func TestRandexprArgumentsInDomain(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(1, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 5})
	calls := 0
	for i := 0; i < 300; i++ {
		e := g.Expr()
		pts := [][]float64{{g.Point(-3, 3), g.Point(-3, 3)}, {g.Point(-3, 3), g.Point(-3, 3)}}
		symbolic.Walk(e, func(n symbolic.Expr) {
			c, ok := n.(*symbolic.Call)
			if !ok {
				return
			}
			calls++
			p, err := numeric.Compile(c.Arg(), x, y)
			if err != nil {
				t.Fatal(err)
			}
			for _, pt := range pts {
				if u := p.Eval(pt); !math.IsNaN(u) && !math.IsInf(u, 0) && !c.Func().Domain(u) {
					t.Errorf("%s: argument %v at %v is outside the domain of %s", c, u, pt, c.Func().Name)
				}
			}
		})
	}
	if calls < 300 {
		t.Errorf("only %d calls in 300 expressions", calls)
	}
}

func TestRandexprDeterministic(t *testing.T) {
	a, b := randexpr.New(5, nil), randexpr.New(5, nil)
	for i := 0; i < 50; i++ {
		if ea, eb := a.Expr(), b.Expr(); ea != eb {
			t.Fatalf("same seed, different expressions: %s and %s", ea, eb)
		}
	}
}
