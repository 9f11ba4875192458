// Package startstack grows the main goroutine's stack once, at start-up,
// to the size a short symdiff command needs.
//
// A goroutine starts with a small stack that the runtime doubles, by
// copying it, whenever a call needs more. A command's deepest calls (the
// first Simplify building the rules it needs, under the command line's
// frames) took the main goroutine's stack from 4 KB to 8 KB to 16 KB, each
// time deep in the program: a copy walks every frame on the stack, reading
// the function tables of each (pages of the binary touched for that
// alone), and each new size fetches a span of stacks from the heap that is
// written to on every stack it holds. On the machines symdiff is measured
// on, the first touch of a page costs tens of microseconds
// (docs/benchmarks.md, "Start-up").
//
// Importing the package makes one call, while packages are initialised
// and the stack holds a few frames, whose frame does not fit in 8 KB: the
// runtime sizes the new stack for it and goes straight to 16 KB, which the
// rest of a short command does not outgrow. It needs no other package, so
// it is initialised before nearly every other package. Only the symdiff
// command imports it; a library user's goroutines are not touched.
package startstack

// frameBytes is the size of grow's frame: past 8 KB, so that the stack
// that fits it is 16 KB, the size a short command reaches anyway.
const frameBytes = 9 << 10

var _ = grow(1)

// grow has a frame of frameBytes on the stack. The array is written and
// read at an index the compiler cannot know, so it stays in the frame
// (TestGrowDoesNotAllocate) and is not optimised away.
//
//go:noinline
func grow(n int) byte {
	var b [frameBytes]byte
	b[n%frameBytes] = byte(n)
	return b[n/2%frameBytes]
}
