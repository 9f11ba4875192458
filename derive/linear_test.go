package derive_test

import (
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/symbolic"
)

// TestNewLinearInSteps checks that building a derivation of a nested
// expression costs allocations in proportion to its steps: asking at every
// node whether the subexpression depends on the variable used to walk the
// subexpression each time (a map allocated per question), quadratic in the
// depth. It counts allocations, not time.
func TestNewLinearInSteps(t *testing.T) {
	x := symbolic.Sym("x")
	allocs.Linear(t, "New", allocs.Chains(long.N(75, 150), long.N(25, 50)), func(e symbolic.Expr) func() { // the quadratic New of 1c2adf2 grows 3.17x and 3.05x at 75 and 25
		return func() {
			if _, err := derive.New(e, x, derive.MaxNodes(1000)); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// BenchmarkStepsDeepChain builds and prints (as text, LaTeX and Markdown)
// the derivations of chains as deep as derive.DefaultMaxNodes allows
// them to be, within a factor of two: a sin chain of depth 200 and a
// nested sigmoid of depth 50 (201 and 201 distinct nodes). Each step
// writes out the derivative of its part, so the text grows with the cube
// of the depth (about 11 MB for the sin chain).
func BenchmarkStepsDeepChain(b *testing.B) { benchSteps(b, allocs.Chains(200, 50), false) }

// BenchmarkStepsAbridged does the same for the abridged derivations of the
// 3000-deep sine chain and the nested sigmoid of depth 1000, the sizes of
// issue 13.
func BenchmarkStepsAbridged(b *testing.B) { benchSteps(b, allocs.Chains(3000, 1000), true) }

// benchSteps builds and prints the derivation of each chain, which is
// abridged or not as the benchmark expects.
func benchSteps(b *testing.B, chains []allocs.Chain, abridged bool) {
	x := symbolic.Sym("x")
	for _, c := range chains {
		e := c.Make(c.Depth)
		b.Run(fmt.Sprintf("%s%d", c.Name, c.Depth), func(b *testing.B) {
			for b.Loop() {
				d, err := derive.New(e, x)
				if err != nil {
					b.Fatal(err)
				}
				if d.Abridged != abridged {
					b.Fatalf("abridged %v, want %v", d.Abridged, abridged)
				}
				_, _, _ = d.Text(), d.LaTeX(), d.Markdown()
			}
		})
	}
}
