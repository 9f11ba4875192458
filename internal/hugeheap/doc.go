// Package hugeheap backs the heap that a large input is about to fill with
// transparent huge pages (2 MB) instead of 4 KB ones, where Linux gives
// them only on request.
//
// Parsing a megabyte of input makes some 200,000 nodes and touches about
// 40 MB of fresh heap (the nodes, the intern table, the collector and the
// sort buffers of a long sum). Each 4 KB page faults on its first touch,
// and on the virtual machines symdiff is measured on, those 10,000 faults
// were a quarter of the parse's processor time, and more of its wall
// time where the two threads of a split parse fault at once. A huge page
// costs one fault for 512 pages: touching 32 MB of fresh heap took 3-7 ms
// in 38 of 40 runs, against 13-19 ms with small pages (docs/benchmarks.md,
// "Session 19").
//
// Where the kernel's policy is "madvise" (the default of many
// distributions, and of the machines here), only memory marked with
// madvise(MADV_HUGEPAGE) gets huge pages, and the mark belongs to the
// mapping: the Go runtime maps its heap as it grows, and a new mapping is
// unmarked. Prepare therefore makes the runtime map the memory first (an
// object of the size asked for, never written, so never resident), frees
// it with one garbage collection (a fraction of a millisecond on the small
// heap of a command that has only read its input), and marks the range:
// the allocations that follow reuse it from its low end, and their first
// touches fault in huge pages. (The runtime clears the large objects it
// places there, not knowing that the pages are still zero: they are
// touched when allocated rather than when first written.)
//
// What it costs: a huge page's fault has a tail of its own here (the
// other two of those 40 runs took 10 and 70 ms), and where memory is
// fragmented the kernel may compact it to find a free huge page (policy
// "defrag") or fall back to small pages. Over 30 runs of each input the
// parse's median moved down by 15-30% where the input makes many nodes;
// its slowest tenth moved either way with the machine's load
// (docs/benchmarks.md, "Session 19"). Setting SYMDIFF_HUGEPAGES=off turns
// the package off, to measure what it gains or where compaction stalls.
//
// Prepare does its work once in a process: a second large input (a later
// line of standard input) finds the heap grown already, and another
// collection would mark all that the first left live.
//
// Only the command line (internal/cli) calls Prepare: before parsing an
// input of 256 KB or more (before reading it, where it is a file), after
// parsing one of a thousand distinct nodes or more (a short deep input:
// the sine chain of depth 3000, 18 KB, touched 23 MB for --latex), and
// before a derivative of a higher order once the command has run 20 ms
// (-n K, whose simplifications allocate more at each order). Its
// collection, 2-3 ms on these machines rather than a fraction of one
// once a heap has grown, is why smaller commands do not call it
// (docs/benchmarks.md, "Session 27"). A library user's heap is not
// touched. Elsewhere
// than on Linux, and where the policy is "always" (nothing to ask) or
// "never" (nothing to get), Prepare does nothing.
package hugeheap
