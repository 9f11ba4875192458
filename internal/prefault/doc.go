// Package prefault maps, at start-up, the memory a short symdiff command
// is about to allocate, in one system call rather than one page fault per
// page.
//
// A short command spends much of its time touching fresh memory: every
// page of heap it allocates into faults on first touch, and on the virtual
// machines symdiff is measured on such a fault costs many times what
// populating the page in a batch does (docs/benchmarks.md, "Start-up"). The Go
// runtime maps its heap in 4 MB-aligned chunks and hands out pages from the
// low end of the free space upwards, so the pages a command will allocate
// next are the ones just above the objects allocated so far. Importing the
// package asks Linux to populate them (madvise MADV_POPULATE_WRITE, Linux
// 5.14 and later): the kernel zero-fills them in one pass, at a fraction of
// the cost of faulting them one at a time. Populated pages that the
// command never uses cost only that pass and their memory until it exits.
//
// How much is populated grows with the length of the command line (a
// longer input allocates more), up to a chunk. Since Go 1.26 the runtime
// starts the heap at a random address (heap base randomisation), anywhere
// in its first chunk, and population cannot go past the memory mapped so
// far, so the room left in that chunk varied from run to run: strace of
// six runs of the XOR MLP's gradient showed 0.66 to 3.9 MB populated,
// and its simplification's page faults ranged from 38 to 716
// (docs/benchmarks.md, "Session 12 at its end"). Where the room is short,
// the pages cached for small objects are populated, and then, past the
// first free page, the runtime is made to map its next chunk at once (an
// object that spans the rest of the chunk, never written, so never
// resident; see Frontier) and the rest is populated there: ten runs then
// faulted 42 to 56 times in that simplification, and 514 to 641 times in
// all (eight runs before: 46 to 402, and 736 to 1551).
//
// Setting SYMDIFF_PREFAULT=off turns it off (to measure what it gains).
//
// Only the symdiff command imports it; a library user's heap is not
// touched. Elsewhere than on Linux it does
// nothing.
package prefault
