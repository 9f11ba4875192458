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
	// Parents of each node, and the tree size of each, in one walk.
	parents := map[Expr]int{}
	trees := map[Expr]int64{}
	var names []string
	var count func(Expr) int64
	count = func(n Expr) int64 {
		if t, ok := trees[n]; ok {
			return t
		}
		t := int64(1)
		for _, c := range Children(n) {
			parents[c]++
			t += count(c)
			if t < 0 {
				t = 1<<63 - 1
			}
		}
		if s, ok := n.(*Symbol); ok {
			names = append(names, s.name)
		}
		trees[n] = t
		return t
	}
	count(e)
	for taken(names, prefix+"_") {
		prefix += prefix[:1]
	}
	var defs []Definition
	out := map[Expr]Expr{}
	var rewrite func(Expr) Expr
	rewrite = func(n Expr) Expr {
		if r, ok := out[n]; ok {
			return r
		}
		kids := Children(n)
		var nk []Expr
		for i, c := range kids {
			rc := rewrite(c)
			if rc != c && nk == nil {
				nk = make([]Expr, len(kids))
				copy(nk, kids[:i])
			}
			if nk != nil {
				nk[i] = rc
			}
		}
		r := n
		if nk != nil {
			r = Rebuild(n, nk)
		}
		if n != e && parents[n] >= 2 && trees[n] >= minSize {
			name := Sym(prefix + "_" + strconv.Itoa(len(defs)+1))
			defs = append(defs, Definition{Name: name, Expr: r})
			r = name
		}
		out[n] = r
		return r
	}
	return rewrite(e), defs
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
