//go:build amd64 && !purego

package symbolic

import "unsafe"

// prefetchSlot starts loading the home slot of hash h in the table
// *slots into the processor's cache, without waiting for it, and returns
// its index (see prefetch_amd64.s).
//
//go:noescape
func prefetchSlot(slots *[]slot, h uint64) int

// prefetch starts loading the cache line at p, without waiting for it.
//
//go:noescape
func prefetch(p unsafe.Pointer)
