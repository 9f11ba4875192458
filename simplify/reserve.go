package simplify

// reserve sizes the engine's per-node tables for an input of size
// distinct nodes before the search, so that they do not grow a doubling at
// a time from the smallest table (each doubling moves every entry into
// new, zeroed memory, which in a fresh process is a page fault per page).
// The memo of results, the function masks and the node facts hold the
// input's nodes and the candidates built from them (one to four entries per
// input node on the workloads of docs/benchmarks.md), the tree sizes fewer.
// A table sized beyond its need costs less than the growth it spares.
func (en *engine) reserve(size int) {
	en.memo.Reserve(3 * size)
	en.funcs.Reserve(3 * size)
	en.nodeFacts.Reserve(3 * size)
	en.trees.Reserve(size)
}
