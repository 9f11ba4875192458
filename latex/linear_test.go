package latex_test

import (
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

// chain applies f n times to x.
func chain(f func(symbolic.Expr) symbolic.Expr, n int) symbolic.Expr {
	e := symbolic.Expr(x)
	for range n {
		e = f(e)
	}
	return e
}

func sinOf(e symbolic.Expr) symbolic.Expr { return symbolic.Apply(fn("sin"), e) }
func sigmoidOf(e symbolic.Expr) symbolic.Expr {
	return symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(e))))
}

// TestTreeVisitBounded checks that deciding whether an exponent is short
// (e^{u} or \exp(u)) visits a bounded number of nodes of u, however deep u
// is: counting the whole of a deep u at every exp made Format quadratic on
// nested sigmoids.
func TestTreeVisitBounded(t *testing.T) {
	for _, tc := range []struct {
		e    symbolic.Expr
		n    int
		want int
	}{
		{chain(sinOf, 5000), 5, 6},
		{chain(sigmoidOf, 2000), 5, 6},
		{chain(sinOf, 3), 5, 4},
		{symbolic.Add(x, y, symbolic.Mul(w, b)), 5, 6},
		{symbolic.Add(x, y), 5, 3},
	} {
		if got := latex.TreeVisit(tc.e, tc.n); got != tc.want {
			t.Errorf("TreeVisit(%.40s..., %d) = %d, want %d", symbolic.Format(tc.e), tc.n, got, tc.want)
		}
	}
}

// TestFormatWritesSharedSubtreesOnce checks that Format's work grows with
// the distinct nodes of its input, not with the length of its text (about
// the square of the depth for these derivatives): a repeated subexpression
// is copied, not walked again. It counts allocations, not time.
func TestFormatWritesSharedSubtreesOnce(t *testing.T) {
	defer latex.SetCheckStructure(latex.SetCheckStructure(false))
	for _, tc := range []struct {
		name string
		f    func(symbolic.Expr) symbolic.Expr
	}{{"sin chain", sinOf}, {"nested sigmoid", sigmoidOf}} {
		g := allocs.Growth(200, func(n int) func() {
			d := symbolic.D(chain(tc.f, n), x)
			return func() { latex.Format(d) }
		})
		t.Logf("%s: allocations grow %.2fx", tc.name, g)
		if g > 2.6 {
			t.Errorf("%s: Format's allocations grow %.2fx when the depth doubles (linear: about 2, quadratic: 4)", tc.name, g)
		}
	}
}

// BenchmarkFormatDeepChain formats the derivatives of the sin chain of
// depth 3000 and of the nested sigmoid of depths 1000 and 3000, as
// symdiff --raw --latex EXPR x does: LaTeX texts of 27 to 300 MB, about
// the square of the depth.
func BenchmarkFormatDeepChain(b *testing.B) {
	defer latex.SetCheckStructure(latex.SetCheckStructure(false))
	for _, c := range []struct {
		name string
		f    func(symbolic.Expr) symbolic.Expr
		n    int
	}{{"sin", sinOf, 3000}, {"sigmoid", sigmoidOf, 1000}, {"sigmoid", sigmoidOf, 3000}} {
		d := symbolic.D(chain(c.f, c.n), x)
		b.Run(fmt.Sprintf("%s%d", c.name, c.n), func(b *testing.B) {
			b.SetBytes(int64(len(latex.Format(d))))
			for b.Loop() {
				latex.Format(d)
			}
		})
	}
}
