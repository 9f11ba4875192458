package simplify

// reserveMin is the input size (distinct nodes) from which run sizes the
// engine's per-node tables before the search.
const reserveMin = 256

// reserve sizes the engine's per-node tables for an input of size
// distinct nodes, so that a large input does not grow them a doubling at a
// time (each doubling moves every entry into new, zeroed memory). The memo
// of results, the function masks and the node facts hold the input's nodes
// and the candidates built from them (one to three entries per input node
// on the workloads of docs/benchmarks.md), the tree sizes fewer. A table
// sized beyond its need costs less than the growth it spares.
func (en *engine) reserve(size int) {
	if size < reserveMin {
		return
	}
	en.memo.Reserve(3 * size)
	en.funcs.Reserve(3 * size)
	en.nodeFacts.Reserve(3 * size)
	en.trees.Reserve(size)
}
