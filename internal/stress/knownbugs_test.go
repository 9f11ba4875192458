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
		r, err := simplify.Simplify(ctx, e, simplify.NoCache())
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

// TestCLIStdinRespectsMaxBytes: with --max-bytes raised above 1 MiB, an
// expression read from standard input is read whole.
//
// Before the fix (01dcc8b) readExpr in cmd/symdiff/main.go read at most 1 MiB + 1
// bytes of standard input whatever --max-bytes said, so a longer input was
// cut short and, where the cut left a valid expression, symdiff printed
// the answer for that prefix with status 0: here "1" instead of "2"
// (and 524289 instead of 1000000 for a sum of a million x's).
func TestCLIStdinRespectsMaxBytes(t *testing.T) {
	bin := buildCLI(t)
	src := "x" + strings.Repeat(" ", 1<<20+100) + "+ x"
	runCLICase(t, bin, cliCase{args: []string{"--max-bytes", "3000000", "-", "x"}, stdin: src, stdout: "2"})
}
