// Package gcpolicy sets the garbage collector's policy of the symdiff
// command: no collection before the heap reaches about 64 MB, then a heap
// that may grow to five times its live data (GOGC=400) before each
// collection, under a soft limit of 1 GiB.
//
// A command's heap is mostly the expression DAG it is working on, which
// stays live until the command exits, and the simplifier's candidates,
// which die young. With Go's default target (GOGC=100, a collection when
// the heap doubles) a command that simplifies a gradient collects several
// times on its way, each time marking the whole DAG again: for the
// logistic loss with 300 parameters the collector took a fifth of the
// simplification's wall time (docs/benchmarks.md, "Session 10"). A
// larger target collects less often; the soft limit bounds what that
// costs in memory on a long input (the runtime collects harder as the
// heap nears it).
//
// The first target is larger still. Most commands finish in a heap of a
// few tens of megabytes, and a collection in one costs more than it
// frees: parsing a 1 MB input allocates about 40 MB, nearly all of it
// live, and the one collection GOGC=400 made on the way (at 16 MB) marked
// it, made the intern table's weak pointers for everything built so far
// (see symbolic's intern.go) and emptied the lists the table keeps, for
// nothing. The runtime's smallest target is 4 MB times GOGC/100, so the
// command starts at GOGC=1600 and goes to 400 once the first collection
// is done. (The Go compiler starts its heap large for the same reason.)
//
// A GOGC or GOMEMLIMIT in the environment is left alone. Only the symdiff
// command imports the package; a library user's settings are not
// touched.
package gcpolicy

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

const (
	startPercent = 1600    // until the first collection: a 64 MB target
	percent      = 400     // then: the heap grows to 5x its live data between collections
	limit        = 1 << 30 // the soft memory limit, bytes
)

func init() { apply(os.Getenv, afterFirstCollection) }

// apply sets the policy, leaving alone what the environment (getenv) sets;
// after calls its function once the first collection is done.
func apply(getenv func(string) string, after func(func())) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(startPercent)
		after(func() { debug.SetGCPercent(percent) })
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}

// afterFirstCollection calls f once, after the first garbage collection
// other than Collect's (from the runtime's cleanup goroutine): the
// cleanup of an object nothing references runs when a collection has
// freed it. After a collection of Collect's it waits for the next one.
func afterFirstCollection(f func()) {
	runtime.AddCleanup(new(sentinel), func(struct{}) {
		if forced.Swap(false) {
			afterFirstCollection(f)
			return
		}
		f()
	}, struct{}{})
}

// forced is set by Collect until afterFirstCollection's cleanup has seen
// its collection.
var forced atomic.Bool

// Collect runs a garbage collection that leaves the policy where it is:
// before the command's first collection, the first target stays (see the
// package documentation). It is for a command that frees memory on
// purpose early on (see package hugeheap), where a collection costs
// little; the collections the heap's growth starts count as usual.
func Collect() {
	forced.Store(true)
	runtime.GC()
}

// A sentinel is the object whose collection afterFirstCollection waits
// for: it holds a pointer, so that the allocator does not batch it with
// others (a tiny object is freed only with its whole block).
type sentinel struct {
	_ *int
	_ int
}
