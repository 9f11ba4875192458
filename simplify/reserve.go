package simplify

// reserve sizes the engine's per-node tables for an input of size
// distinct nodes before the search, so that they do not grow a doubling at
// a time from the smallest table (each doubling moves every entry into
// new, zeroed memory, which in a fresh process is a page fault per page).
// The memo of results, the function masks and the node facts hold the
// input's nodes and the candidates built from them: 1 to 3.6 entries per
// input node on the workloads of docs/benchmarks.md, 1.8 to 2.3 on the
// gradients (XOR MLP, logistic loss), the tree sizes 0.4 to 2.5. Room for
// 2.5 (2 for the tree sizes) is rounded up to a power of two with a quarter
// free: the gradients' tables are made once, at about twice what they
// fill, where room for 3 doubled the XOR MLP's. A table sized beyond its
// need costs less than the growth it spares; one sized at twice it, no
// more than the growth.
func (en *engine) reserve(size int) {
	en.memo.Reserve(5 * size / 2)
	en.funcs.Reserve(5 * size / 2)
	en.nodeFacts.Reserve(5 * size / 2)
	en.trees.Reserve(2 * size)
}
