// Package allocs measures how a function's allocations grow with the size
// of its input, for the tests that check work linear in the input by
// counting allocations rather than time.
package allocs

import (
	"math"
	"runtime/debug"
	"testing"
)

// Growth returns how many times the allocations of f(n)'s function grow
// when n doubles: about 2 for work linear in the input, about 4 for
// quadratic. The garbage collector is off meanwhile, so that interned nodes
// stay interned from one run to the next (a collected node is made again,
// an allocation that depends on the collector's timing). testing.AllocsPerRun
// counts the allocations of every goroutine, and another one (a cleanup,
// a test's leftover goroutine) can only add to them, so each size counts
// the fewest of three runs.
func Growth(n int, f func(n int) func()) float64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	fewest := func(run func()) float64 {
		m := math.Inf(1)
		for range 3 {
			m = min(m, testing.AllocsPerRun(1, run))
		}
		return m
	}
	a := fewest(f(n))
	b := fewest(f(2 * n))
	return b / max(a, 1)
}
