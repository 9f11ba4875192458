//go:build amd64 && !purego

package symbolic

import "unsafe"

// prefetchSlot starts loading the home slot of hash h in the table
// *slots into the processor's cache, without waiting for it, and returns
// its index (see prefetch_amd64.s).
//
//go:noescape
func prefetchSlot(slots *[]slot, h uint64) int

// slotWrite says whether prefetchSlot loads the slot for writing
// (PREFETCHW): the parser's hints are for nodes about to be made, whose
// slot the insertion then writes, and a line loaded to be read is asked
// for again to be written (about 3% of the parse of the 1 MB sum of
// products a_i*b_i and of the nested chains, docs/benchmarks.md,
// "Session 28"). One CPUID at start-up, a few microseconds.
var slotWrite = hasPrefetchW()

// hasPrefetchW reports whether the processor has PREFETCHW.
func hasPrefetchW() bool

// prefetch starts loading the cache line at p, without waiting for it.
//
//go:noescape
func prefetch(p unsafe.Pointer)
