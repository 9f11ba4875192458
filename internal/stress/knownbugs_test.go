package stress

// Regression tests for bugs that this package found, each with what went
// wrong before the fix.

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
)

// TestSimplifyDeepChainWorkIsLinear: Simplify with an ended context must
// stop at once, and whatever it does must be linear in the size of the
// input. It measures work as bytes allocated (deterministic, unlike time):
// four times the depth may cost at most eight times the bytes.
//
// Before the fix (simplify 4bc278c) the search computed Cost of every node's input (a walk
// of the whole sub-DAG) before checking its budget, so a chain of depth d
// cost O(d^2) whatever the budget, with a short timeout or with a context
// that has already ended.
func TestSimplifyDeepChainWorkIsLinear(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	work := func(n int) uint64 {
		e := mustParse(t, strings.Repeat("sin(", n)+"x"+strings.Repeat(")", n), parser.MaxDepth(2*n))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r, err := simplify.Simplify(ctx, e)
		runtime.ReadMemStats(&after)
		if r == nil || simplify.Cost(r) > simplify.Cost(e) {
			t.Fatalf("depth %d: Simplify returned %v", n, r)
		}
		if !errors.Is(err, simplify.ErrCanceled) || !errors.Is(err, context.Canceled) {
			t.Errorf("depth %d: error %v, want one wrapping ErrCanceled and context.Canceled", n, err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := work(500), work(2000)
	if large > 8*small+8<<20 {
		t.Errorf("Simplify of a chain of depth 500 allocates %d KB, of depth 2000 %d KB: not linear", small>>10, large>>10)
	}
}
