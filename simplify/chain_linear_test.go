package simplify_test

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// addChain returns the chain of depth n that adds a term at each level,
// f(f(...f(x) + x...) + x). Its derivative nests a sum at every level,
// which the rational normal form of each level expanded to the bottom (see
// maxNormalDepth).
func addChain(f string, n int) symbolic.Expr {
	x := symbolic.Sym("x")
	fn, _ := symbolic.Lookup(f)
	e := symbolic.Expr(x)
	for range n {
		e = symbolic.Apply(fn, symbolic.Add(e, x))
	}
	return e
}

// The simplification of the derivative of a chain that adds a term at each
// level does work linear in its depth: counted in allocations, which grew
// 6.7 times from depth 24 to 48 while each level's normal form expanded the
// chain below it (maxNormalDepth 1000: the test fails).
func TestSimplifyAddChainsLinear(t *testing.T) {
	x := symbolic.Sym("x")
	chains := []allocs.Chain{
		{Name: "sin(u + x)", Make: func(n int) symbolic.Expr { return addChain("sin", n) }, Depth: 24},
	}
	allocs.Linear(t, "Simplify", chains, func(e symbolic.Expr) func() {
		d := symbolic.D(e, x)
		return func() {
			if _, err := simplify.Simplify(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
	})
}
