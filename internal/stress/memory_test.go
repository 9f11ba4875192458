package stress

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/long"
)

// churn builds and drops n batches of expressions that no other batch
// shares (their variables and numbers carry the batch number), each
// through the whole pipeline of TestConcurrentPipeline (runPipeline):
// parse, differentiate, take the gradient, simplify, print, compile and
// evaluate. It returns a checksum so that nothing is optimised away.
func churn(t *testing.T, first, n int) float64 {
	t.Helper()
	sum := 0.0
	for b := first; b < first+n; b++ {
		for k := 0; k < 8; k++ {
			src := fmt.Sprintf("sigmoid(w%d_%d*x + %d/%d)^2 * sin(x*y%d_%d + %d) + log(1 + x^2*y%d_%d^2)/%d",
				b, k, b, k+1, b, k, b+k, b, k, b+k+1)
			r, err := runPipeline(src)
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			sum += r.values[0]
		}
	}
	return sum
}

// settledHeap returns the live heap after garbage collection. Interned
// nodes leave the intern table through cleanups that run after a
// collection, so it collects until the heap stops shrinking.
func settledHeap() uint64 {
	var m runtime.MemStats
	best := ^uint64(0)
	for i := 0; i < 10; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond) // let the cleanup goroutine run
		runtime.ReadMemStats(&m)
		if m.HeapAlloc >= best && i >= 3 {
			break
		}
		best = min(best, m.HeapAlloc)
	}
	return best
}

// TestMemoryReturnsToBaseline: after a warm-up, a long loop that builds and
// drops many expressions ends with the heap near where it started: the
// intern table, the memo tables and the compiled programs keep nothing of
// dropped expressions. The margin is generous (2 MB, ten times the drift
// seen after the warm-up), while the loop allocates at least 25 times as
// much and would keep tens of MB if it leaked its nodes.
func TestMemoryReturnsToBaseline(t *testing.T) {
	// Warm-up: caches of fixed size, rule tables, pools. 4 batches leave
	// the heap after the loop within about 200 KB of the baseline, far
	// inside the margin; SYMDIFF_LONG warms up with 20.
	churn(t, 0, long.N(4, 20))
	base := settledHeap()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	churn(t, 1000, long.N(20, 100)) // 20 batches allocate about 84 MB
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	end := settledHeap()
	const margin = 2 << 20
	t.Logf("baseline heap %d KB, after the loop %d KB; the loop allocated %d MB", base>>10, end>>10, allocated>>20)
	if allocated < 25*margin {
		t.Fatalf("the loop allocated only %d MB: too little to show a leak against a margin of %d MB", allocated>>20, margin>>20)
	}
	if end > base+margin {
		t.Errorf("heap grew from %d KB to %d KB after building and dropping expressions (margin %d KB)", base>>10, end>>10, margin>>10)
	}
}
