// Package deepstack gives a goroutine the stack a deep recursion will
// need before it starts, while the stack is shallow.
//
// A goroutine's stack starts small and the runtime doubles it, by
// copying, whenever a call needs more; each copy walks every frame on the
// stack and reads its stack map. A recursion thousands of calls deep (the
// simplifier's walk down a nested input) copies its deep stack at every
// doubling: for the nested sigmoid of depth 1000 that was a seventh of the
// command's instructions. Grown first, by a few large frames, the stack is
// copied while it holds only them.
package deepstack

// Reserve grows the calling goroutine's stack to hold at least n bytes
// more than it holds now, while the stack is shallow: a walk that then
// recurses deep (the simplifier's over a nested input, 4000 levels for the
// nested sigmoid of depth 1000) finds the room there, where growing on the
// way would copy the deep stack at each doubling, walking every frame's
// stack map each time (a seventh of that command's instructions). Pages
// of the reserved stack that the walk never reaches are never touched.
// The runtime may shrink the stack again at a garbage collection where the
// goroutine uses little of it, so Reserve belongs just before the walk.
func Reserve(n int) {
	if n > 0 {
		reserve(n / reserveFrame)
	}
}

// reserveFrame is the frame of reserve: large, but below the size from
// which the compiler moves a local array to the heap.
const reserveFrame = 64 << 10

// reserve recurses k levels deep with a frame of reserveFrame each. As
// startstack's grow, it declares its array only on the path that writes
// to it (k < 0, never taken by Reserve), so that the array stays in the
// frame and the recursion zeroes none of it: the stack is sized on entry
// to each call, and pages the walk after it never reaches stay untouched.
//
//go:noinline
func reserve(k int) byte {
	if k > 0 {
		return reserve(k - 1)
	}
	if k == 0 {
		return 0
	}
	var b [reserveFrame]byte
	b[-k%reserveFrame] = byte(k)
	return b[-k/2%reserveFrame]
}
