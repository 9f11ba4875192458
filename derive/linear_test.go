package derive_test

import (
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// TestNewLinearInSteps checks that building a derivation of a nested
// expression costs allocations in proportion to its steps: asking at every
// node whether the subexpression depends on the variable used to walk the
// subexpression each time (a map allocated per question), quadratic in the
// depth. It counts allocations, not time.
func TestNewLinearInSteps(t *testing.T) {
	x := symbolic.Sym("x")
	for _, tc := range []struct {
		name  string
		chain func(int) symbolic.Expr
		n     int
	}{{"sin chain", workloads.SineChain, 150}, {"nested sigmoid", workloads.NestedSigmoid, 50}} {
		g := allocs.Growth(tc.n, func(n int) func() {
			e := tc.chain(n)
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
		name  string
		chain func(int) symbolic.Expr
		n     int
	}{{"sin", workloads.SineChain, 200}, {"sigmoid", workloads.NestedSigmoid, 50}} {
		e := c.chain(c.n)
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
