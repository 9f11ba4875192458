package deepstack

import "testing"

// TestReserveDoesNotAllocate checks that reserve's arrays are in its
// frames, on the stack: escaped, they would cost a heap allocation per
// level and grow no stack.
func TestReserveDoesNotAllocate(t *testing.T) {
	for _, n := range []int{0, 1, -3, 4} {
		if allocs := testing.AllocsPerRun(5, func() { reserve(n) }); allocs != 0 {
			t.Errorf("reserve(%d) allocates %v times a run, want 0", n, allocs)
		}
	}
}
