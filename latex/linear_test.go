package latex_test

import (
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

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
		{workloads.SineChain(5000), 5, 6},
		{workloads.NestedSigmoid(2000), 5, 6},
		{workloads.SineChain(3), 5, 4},
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
	allocs.Linear(t, "Format", allocs.Chains(long.N(50, 200), long.N(50, 200)), func(e symbolic.Expr) func() { // the quadratic printer of 1c2adf2: 3.95x (sigmoid, 50)
		d := symbolic.D(e, x)
		return func() { latex.Format(d) }
	})
}

// BenchmarkFormatDeepChain formats the derivatives of the sin chain of
// depth 3000 and of the nested sigmoid of depths 1000 and 3000, as
// symdiff --raw --latex EXPR x does: LaTeX texts of 27 to 300 MB, about
// the square of the depth.
func BenchmarkFormatDeepChain(b *testing.B) {
	defer latex.SetCheckStructure(latex.SetCheckStructure(false))
	for _, c := range append(allocs.Chains(3000, 1000), allocs.Chain{Name: "sigmoid", Make: workloads.NestedSigmoid, Depth: 3000}) {
		d := symbolic.D(c.Make(c.Depth), x)
		b.Run(fmt.Sprintf("%s%d", c.Name, c.Depth), func(b *testing.B) {
			b.SetBytes(int64(len(latex.Format(d))))
			for b.Loop() {
				latex.Format(d)
			}
		})
	}
}
