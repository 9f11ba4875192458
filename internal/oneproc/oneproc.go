// Package oneproc starts a short-lived command on one processor and gives
// it the others back once it has work for them.
//
// Most symdiff commands run for a few milliseconds on one goroutine, and
// most of that time is the process starting. With a second P the Go
// runtime spreads the same allocations over a second set of spans and
// page-allocator caches: on the 2-core machines symdiff is measured on, a
// command touched about 40 more pages of memory (perf stat -e page-faults),
// and there the first touch of a page costs tens of microseconds, about a
// tenth of the whole run (docs/benchmarks.md, "Start-up").
//
// Importing the package sets GOMAXPROCS to 1 while packages are
// initialised (it needs only packages runtime and sync, so it is
// initialised before nearly every other package). Release restores the
// value the runtime chose (the GOMAXPROCS environment variable's, if set);
// a command calls it as soon as it knows its work is not small: a large
// input, several inputs worked on in parallel, a server.
//
// The package's test is internal/cli's TestOneprocRelease: that test
// binary imports the package anyway, and one test binary fewer is one
// link fewer in go test ./....
package oneproc

import (
	"runtime"
	"sync"
)

// procs is the runtime's own GOMAXPROCS.
var procs = runtime.GOMAXPROCS(1)

// Release gives the program the processors the runtime chose for it. It
// may be called any number of times, from any goroutine.
func Release() {
	releaseOnce()
}

var releaseOnce = sync.OnceFunc(func() {
	if procs > 1 {
		runtime.GOMAXPROCS(procs)
	}
})

// Procs returns the number of processors the program may use once it
// has called Release: what a parallel computation should plan for.
func Procs() int {
	return procs
}
