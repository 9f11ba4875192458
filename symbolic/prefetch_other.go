//go:build !amd64 || purego

package symbolic

import "unsafe"

// prefetchSlot returns the home slot of hash h in the table *slots; where
// there is no prefetch instruction in assembly (see prefetch_amd64.s) it
// loads nothing ahead.
func prefetchSlot(slots *[]slot, h uint64) int { return home(h, len(*slots)) }

// slotWrite is prefetch_amd64.go's; here nothing is loaded either way.
var slotWrite = false

// prefetch does nothing here (see prefetch_amd64.s).
func prefetch(unsafe.Pointer) {}
