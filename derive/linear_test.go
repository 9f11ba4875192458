package derive_test

import (
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/symbolic"
)

// chain applies f n times to x.
func chain(f func(symbolic.Expr) symbolic.Expr, n int) symbolic.Expr {
	e := symbolic.Expr(symbolic.Sym("x"))
	for range n {
		e = f(e)
	}
	return e
}

func sinOf(e symbolic.Expr) symbolic.Expr {
	sin, _ := symbolic.Lookup("sin")
	return symbolic.Apply(sin, e)
}

func sigmoidOf(e symbolic.Expr) symbolic.Expr {
	return symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(e))))
}

// TestNewLinearInSteps checks that building a derivation of a nested
// expression costs allocations in proportion to its steps: asking at every
// node whether the subexpression depends on the variable used to walk the
// subexpression each time (a map allocated per question), quadratic in the
// depth. It counts allocations, not time.
func TestNewLinearInSteps(t *testing.T) {
	x := symbolic.Sym("x")
	for _, tc := range []struct {
		name string
		f    func(symbolic.Expr) symbolic.Expr
		n    int
	}{{"sin chain", sinOf, 150}, {"nested sigmoid", sigmoidOf, 50}} {
		g := allocs.Growth(tc.n, func(n int) func() {
			e := chain(tc.f, n)
			return func() {
				if _, err := derive.New(e, x, derive.MaxNodes(1000)); err != nil {
					t.Fatal(err)
				}
			}
		})
		t.Logf("%s: allocations grow %.2fx", tc.name, g)
		if g > 2.6 {
			t.Errorf("%s: New's allocations grow %.2fx when the depth doubles (linear: about 2, quadratic: 4)", tc.name, g)
		}
	}
}

// BenchmarkStepsDeepChain builds and prints (as text, LaTeX and Markdown)
// the derivations of chains as deep as derive.DefaultMaxNodes allows
// them to be, within a factor of two: a sin chain of depth 200 and a
// nested sigmoid of depth 50 (201 and 201 distinct nodes). Each step
// writes out the derivative of its part, so the text grows with the cube
// of the depth (about 11 MB for the sin chain).
func BenchmarkStepsDeepChain(b *testing.B) {
	x := symbolic.Sym("x")
	for _, c := range []struct {
		name string
		f    func(symbolic.Expr) symbolic.Expr
		n    int
	}{{"sin", sinOf, 200}, {"sigmoid", sigmoidOf, 50}} {
		e := chain(c.f, c.n)
		b.Run(fmt.Sprintf("%s%d", c.name, c.n), func(b *testing.B) {
			for b.Loop() {
				d, err := derive.New(e, x)
				if err != nil {
					b.Fatal(err)
				}
				_, _, _ = d.Text(), d.LaTeX(), d.Markdown()
			}
		})
	}
}
