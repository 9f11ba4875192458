package simplify_test

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// A scaleCase is a family of inputs to simplify, by size.
type scaleCase struct {
	name string
	make func(n int) []symbolic.Expr
	n    int // the small size; the test also runs 4n
}

func derivative(f func(int) symbolic.Expr) func(int) []symbolic.Expr {
	return func(n int) []symbolic.Expr { return []symbolic.Expr{symbolic.D(f(n), workloads.X)} }
}

var scaleCases = []scaleCase{
	{"sine chain", derivative(workloads.SineChain), 100},
	{"nested sigmoid", derivative(workloads.NestedSigmoid), 50},
	{"product of sines", derivative(workloads.ProductSin), 25},
	{"logistic loss gradient", func(n int) []symbolic.Expr {
		loss, ws := workloads.LogisticLoss(n)
		return symbolic.Gradient(loss, ws)
	}, 10},
	{"XOR MLP gradient", func(n int) []symbolic.Expr {
		m := workloads.XOR(n)
		return symbolic.Gradient(m.Loss, m.Params)
	}, 2},
}

// work simplifies es together and returns the counted work: nodes
// searched plus candidates built, and the objects allocated (which count
// what searches do not: a strategy that rebuilds a long sum at every node
// above it).
//
// Objects are counted by the process's allocation counter, which also
// counts what other goroutines allocate meanwhile (the intern table's
// sweeper after a collection, tests running in parallel): the collector is
// off while each size is measured, and the least of three runs counts.
func work(t *testing.T, es []symbolic.Expr) (int, uint64, simplify.Stats) {
	t.Helper()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var st simplify.Stats
	objects := uint64(math.MaxUint64)
	for range 3 {
		st = simplify.Stats{}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := simplify.All(context.Background(), es, simplify.CollectStats(&st)); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		objects = min(objects, after.Mallocs-before.Mallocs)
	}
	return st.Searches + st.Candidates, objects, st
}

// TestSimplifyWorkIsLinear: the simplifier's work grows with the input, not
// with its square. Work is counted (searches and candidates, and objects
// allocated), so the test means the same on any machine: four times the
// input may cost at most six times the work. No budget may stop the
// search.
func TestSimplifyWorkIsLinear(t *testing.T) {
	for _, c := range scaleCases {
		t.Run(c.name, func(t *testing.T) {
			n := c.n
			if long.Enabled() {
				n *= 4 // the large size of the short run is the small one here
			}
			small, smallObj, st1 := work(t, c.make(n))
			large, largeObj, st4 := work(t, c.make(4*n))
			t.Logf("size %d: work %d, %d objects; size %d: work %d, %d objects (%.1fx, %.1fx)", n, small, smallObj, 4*n, large, largeObj,
				float64(large)/float64(small), float64(largeObj)/float64(smallObj))
			if large > 6*small {
				t.Errorf("size %d: work %d (%+v); size %d: work %d (%+v): more than linear", n, small, st1, 4*n, large, st4)
			}
			if largeObj > 6*smallObj {
				t.Errorf("size %d: %d objects allocated; size %d: %d: more than linear", n, smallObj, 4*n, largeObj)
			}
			if st1.Stopped != "" || st4.Stopped != "" {
				t.Errorf("a budget stopped the search: %q, %q", st1.Stopped, st4.Stopped)
			}
		})
	}
}

// TestSimplifyDeterministic: the result depends only on the input. Each
// workload is simplified as usual and again on one processor with a
// goroutine that keeps it busy: the results must be the same nodes.
func TestSimplifyDeterministic(t *testing.T) {
	sizes := map[string]int{}
	if long.Enabled() { // the full sizes of the workloads of issue 13
		// The sizes of issue 13's --stats workloads.
		sizes = map[string]int{"sine chain": 3000, "nested sigmoid": 1000, "product of sines": 300,
			"logistic loss gradient": 300, "XOR MLP gradient": 32}
	}
	for _, c := range scaleCases {
		t.Run(c.name, func(t *testing.T) {
			n := c.n
			if s, ok := sizes[c.name]; ok {
				n = s
			}
			es := c.make(n)
			want, err := simplify.All(context.Background(), es)
			if err != nil {
				t.Fatal(err)
			}
			got := underLoad(t, es)
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("result %d differs under load:\n%v\n%v", i, want[i], got[i])
				}
			}
		})
	}
}

// underLoad simplifies es with GOMAXPROCS=1 while another goroutine spins.
func underLoad(t *testing.T, es []symbolic.Expr) []symbolic.Expr {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		x := 0
		for !stop.Load() {
			for i := 0; i < 1000; i++ {
				x += i
			}
			runtime.Gosched()
		}
		_ = x
	}()
	got, err := simplify.All(context.Background(), es)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return got
}
