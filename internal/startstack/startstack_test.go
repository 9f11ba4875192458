package startstack

import "testing"

// TestGrowDoesNotAllocate checks that grow's array is in its frame, on the
// stack, and not on the heap: an escaped array would cost a heap
// allocation of frameBytes at every start and grow no stack.
func TestGrowDoesNotAllocate(t *testing.T) {
	for _, n := range []int{0, 1, -7, -(frameBytes - 1), -(frameBytes + 3)} {
		if allocs := testing.AllocsPerRun(10, func() { grow(n) }); allocs != 0 {
			t.Errorf("grow(%d) allocates %v times a run, want 0", n, allocs)
		}
	}
}
