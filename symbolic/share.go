package symbolic

import (
	"strconv"
	"strings"
)

// A Definition names a subexpression in a shared form of an expression
// (see Share): Name stands for Expr, in which the names of earlier
// definitions may occur.
type Definition struct {
	Name *Symbol
	Expr Expr
}

// Share writes e with its large repeated subexpressions named, the form in
// which an expression whose tree is far larger than its DAG can be read
// (and printed in time proportional to the DAG): the derivative of a chain
// sin(sin(...sin(x))) of depth n is a product of n cosines, each of the
// chain inside it, n²/2 nodes as a tree and 2n as a DAG.
//
// A subexpression is named where it has two parents or more in e's DAG
// and its own tree has at least minSize nodes. It is replaced by a new
// variable, prefix_1, prefix_2, ..., in the order in which a walk of e,
// operands before the node, finishes them, so that each definition uses
// only names defined before it; prefix is extended with more of itself
// until no variable of e has a name that starts with it and '_'. Share
// returns e with the names in place, and the definitions. Substituting
// the definitions back, last first, gives e; with no subexpression to
// name it returns e and none.
func Share(e Expr, minSize int64, prefix string) (Expr, []Definition) {
	// One fold numbers the distinct nodes children first, and records
	// each one's tree size, parents, operands (by number) and the
	// variables' names.
	var (
		nodes    []Expr
		trees    []int64
		parents  []int32
		kidStart []int32 // node i's operands are kidIdx[kidStart[i]:kidStart[i+1]]
		kidIdx   []int32
		names    []string
	)
	Fold(e, func(n Expr, kids []int32) int32 {
		i := int32(len(nodes))
		t := int64(1)
		kidStart = append(kidStart, int32(len(kidIdx)))
		for _, k := range kids {
			parents[k]++
			if t += trees[k]; t < 0 {
				t = 1<<63 - 1
			}
			kidIdx = append(kidIdx, k)
		}
		if s, ok := n.(*Symbol); ok {
			names = append(names, s.name)
		}
		nodes, trees, parents = append(nodes, n), append(trees, t), append(parents, 0)
		return i
	})
	kidStart = append(kidStart, int32(len(kidIdx)))
	root := len(nodes) - 1
	named := func(i int) bool { return i != root && parents[i] >= 2 && trees[i] >= minSize }
	some := false
	for i := range nodes {
		if named(i) {
			some = true
			break
		}
	}
	if !some {
		return e, nil
	}
	for taken(names, prefix+"_") {
		prefix += prefix[:1]
	}
	var defs []Definition
	out := make([]Expr, len(nodes))
	var nk []Expr
	for i, n := range nodes {
		kids := kidIdx[kidStart[i]:kidStart[i+1]]
		changed := false
		for _, k := range kids {
			if out[k] != nodes[k] {
				changed = true
				break
			}
		}
		r := n
		if changed {
			nk = nk[:0]
			for _, k := range kids {
				nk = append(nk, out[k])
			}
			r = Rebuild(n, nk)
		}
		if named(i) {
			name := Sym(prefix + "_" + strconv.Itoa(len(defs)+1))
			defs = append(defs, Definition{Name: name, Expr: r})
			r = name
		}
		out[i] = r
	}
	return out[root], defs
}

// taken reports whether a name of names starts with p.
func taken(names []string, p string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}
