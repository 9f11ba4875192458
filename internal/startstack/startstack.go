// Package startstack grows the main goroutine's stack once, at start-up,
// to the size a short symdiff command needs.
//
// A goroutine starts with a small stack that the runtime doubles, by
// copying it, whenever a call needs more. A command's deepest calls (the
// first Simplify building the rules it needs, under the command line's
// frames, or a nested input's recursion) took the main goroutine's stack
// from 4 KB to 8 KB to 16 KB to 32 KB to 64 KB, each time deep in the
// program: a copy walks every frame on the stack, reading the function
// tables of each (pages of the binary touched for that alone), and each
// new size fetches a span of stacks from the heap that is written to on
// every stack it holds. On the machines symdiff is measured on, the first touch of a page
// costs tens of microseconds (docs/benchmarks.md, "Start-up").
//
// Importing the package makes one call, while packages are initialised
// and the stack holds a few frames, whose frame does not fit in 32 KB: the
// runtime checks a frame's size on entry, before the function runs, and
// sizes the new stack for it, going straight to 64 KB. The call returns
// before it writes to its frame, so the pages of the stack that the
// command never reaches are never touched: the stack is reserved, not
// used. It needs no other package, so it is initialised before nearly
// every other package. Only the symdiff command imports it; a library
// user's goroutines are not touched.
package startstack

// frameBytes is the size of grow's frame: past 32 KB, so that the stack
// that fits it is 64 KB, the size a short command on a nested input
// reaches (W2 d=10 of docs/benchmarks.md: its simplification grew the
// stack from 32 to 64 KB, 2-3% of the whole command's samples in perf).
const frameBytes = 33 << 10

var _ = grow(1)

// grow has a frame of frameBytes on the stack. For n > 0 it returns at
// once, having written nothing to the frame: the stack has grown on entry.
// Otherwise the array is written and read at an index the compiler cannot
// know, so it stays in the frame (TestGrowDoesNotAllocate) and is not
// optimised away.
//
//go:noinline
func grow(n int) byte {
	if n > 0 {
		return byte(n)
	}
	var b [frameBytes]byte
	b[-n%frameBytes] = byte(n)
	return b[-n/2%frameBytes]
}
