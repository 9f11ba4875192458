package symbolic_test

import (
	"testing"

	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// TestFormatWritesSharedSubtreesOnce checks that Format's work grows with
// the distinct nodes of its input, not with the length of its text: the
// derivative of the sin chain repeats each inner chain at every depth, and
// Format copies such a repeat instead of walking it again. It counts
// allocations, not time: walking a subtree again allocates again (the
// fraction split, the display order of sums), and a quadratic printer
// doubles the count twice over when the depth doubles.
func TestFormatWritesSharedSubtreesOnce(t *testing.T) {
	allocs.Linear(t, "Format", allocs.Chains(long.N(50, 200), long.N(50, 200)), func(e symbolic.Expr) func() { // the quadratic printer of 1c2adf2: 3.95x (sigmoid, 50)
		d := symbolic.D(e, x)
		return func() { _ = symbolic.Format(d) }
	})
}

// BenchmarkPrintDeepChain prints the derivatives of the sin chain of depth
// 3000 (text of 22 MB) and of the nested sigmoid of depth 1000.
func BenchmarkPrintDeepChain(b *testing.B) {
	for _, c := range []struct {
		name string
		e    symbolic.Expr
	}{{"sin3000", symbolic.D(workloads.SineChain(3000), x)}, {"sigmoid1000", symbolic.D(workloads.NestedSigmoid(1000), x)}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(symbolic.Format(c.e))))
			for b.Loop() {
				_ = symbolic.Format(c.e)
			}
		})
	}
}
