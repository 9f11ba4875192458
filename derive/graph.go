package derive

import (
	"github.com/symdiff/symdiff/symbolic"
)

// A Graph is a derivative through intermediate variables, the
// computational-graph view of backpropagation notes: each operation that
// depends on the variable gets a name (u = -x, v = exp(u), w = 1 + v,
// f = 1/w), each name its local derivatives with respect to the names it
// is computed from (dv/du = exp(u)), and the chain rule multiplies them
// along every path from the function down to the variable
// (df/dx = df/dw * dw/dv * dv/du * du/dx).
type Graph struct {
	// Nodes are the intermediate variables in the order they are
	// computed; the last one is the function itself.
	Nodes []Node
	// Var is the variable of differentiation.
	Var *symbolic.Symbol
	// Paths lists the paths from the function down to Var, each as the
	// indices of the nodes passed through, from the function down; nil
	// when there are more than MaxPaths of them, and the derivation then
	// accumulates the derivative node by node instead.
	Paths [][]int
	// InNames is the derivative in terms of the intermediate variables:
	// the sum over the paths of the products of the local derivatives.
	// An abridged derivation leaves it nil when Paths is nil.
	InNames symbolic.Expr
	// Result is the derivative in terms of Var.
	Result symbolic.Expr

	v     *variable
	index map[*symbolic.Symbol]int
}

// A Node is one intermediate variable.
type Node struct {
	// Name is the variable's name (u, v, w, ...; f for the function).
	Name *symbolic.Symbol
	// Def defines it from earlier names, the variables and constants.
	Def symbolic.Expr
	// Expr is the subexpression of the function that it stands for.
	Expr symbolic.Expr
	// Inputs are the names in Def that depend on the variable, and the
	// variable itself if it occurs in Def.
	Inputs []*symbolic.Symbol
	// Locals are the local derivatives: Locals[i] is the derivative of Def
	// with respect to Inputs[i], the other inputs held fixed.
	Locals []symbolic.Expr
}

// MaxPaths is the most paths from the function to the variable that a
// graph writes out as one sum of products of local derivatives.
const MaxPaths = 6

// newGraph names the operations of e that depend on x: u, v, w, ... and
// then z_1, z_2, ... It returns nil when there are fewer than two such
// operations, where the graph would only repeat the rule.
//
// For an abridged derivation the names are u_1, u_2, ... (a large graph
// reads better with its names in order), and where there are too many
// paths to write out, InNames and Result are left nil: the totals in the
// names repeat each other's terms, and in a long chain of sums that is
// quadratic.
func newGraph(e symbolic.Expr, x *symbolic.Symbol, v *variable, fname *symbolic.Symbol, taken map[string]bool, dep *deps, abridged bool) *Graph {
	if e == symbolic.Expr(x) || !dep.has(e) {
		return nil
	}
	gb := graphBuilder{x: x, dep: dep, names: map[symbolic.Expr]*symbolic.Symbol{}, taken: map[string]bool{}}
	for k := range taken {
		gb.taken[k] = true
	}
	gb.top = e
	gb.prefix, gb.pool = "z", namePool
	if abridged {
		gb.prefix, gb.pool = "u", nil
	}
	gb.fname = fname
	gb.name(e)
	if len(gb.nodes) < 2 {
		return nil // one operation: its local derivative is the derivative
	}
	g := &Graph{Nodes: gb.nodes, Var: x, v: v, index: map[*symbolic.Symbol]int{}}
	for i, n := range g.Nodes {
		g.index[n.Name] = i
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		for _, s := range symbolic.Symbols(n.Def) {
			if _, ok := g.index[s]; ok || s == x {
				n.Inputs = append(n.Inputs, s)
			}
		}
		// Inputs in the order the nodes were computed, the variable last.
		sortInputs(n.Inputs, g.index)
		n.Locals = symbolic.Gradient(n.Def, n.Inputs)
	}
	g.Paths = g.paths(len(g.Nodes)-1, MaxPaths)
	// The sum over paths of the products of local derivatives.
	var terms []symbolic.Expr
	if g.Paths != nil {
		for _, p := range g.Paths {
			terms = append(terms, symbolic.Mul(g.locals(p)...))
		}
		g.InNames = symbolic.Add(terms...)
	} else if abridged {
		return g
	} else {
		// Forward accumulation: dN/dx = sum over inputs of dN/dI * dI/dx.
		g.InNames = g.accumulate()
	}
	g.Result = symbolic.Subs(g.InNames, g.defs())
	return g
}

func sortInputs(ins []*symbolic.Symbol, index map[*symbolic.Symbol]int) {
	pos := func(s *symbolic.Symbol) int {
		if i, ok := index[s]; ok {
			return i
		}
		return len(index)
	}
	for i := 1; i < len(ins); i++ {
		for j := i; j > 0 && pos(ins[j]) < pos(ins[j-1]); j-- {
			ins[j], ins[j-1] = ins[j-1], ins[j]
		}
	}
}

// defs maps each name to the subexpression of the function it stands for.
func (g *Graph) defs() map[symbolic.Expr]symbolic.Expr {
	m := make(map[symbolic.Expr]symbolic.Expr, len(g.Nodes))
	for _, n := range g.Nodes {
		m[n.Name] = n.Expr
	}
	return m
}

// An edge of a path: node n, its input i.
type edge struct{ n, i int }

// paths returns the paths from node n down to the variable, or nil if there
// are more than max.
func (g *Graph) paths(n, max int) [][]int {
	var out [][]int
	var walk func(path []int) bool
	walk = func(path []int) bool {
		node := g.Nodes[path[len(path)-1]]
		for _, in := range node.Inputs {
			if in == g.Var {
				if len(out) == max {
					return false
				}
				out = append(out, append([]int(nil), path...))
				continue
			}
			if !walk(append(path, g.index[in])) {
				return false
			}
		}
		return true
	}
	if !walk([]int{n}) {
		return nil
	}
	return out
}

// edges returns the edges of a path: node, and the position of the next
// node (or of the variable) among its inputs.
func (g *Graph) edges(p []int) []edge {
	es := make([]edge, len(p))
	for k, n := range p {
		var next *symbolic.Symbol = g.Var
		if k+1 < len(p) {
			next = g.Nodes[p[k+1]].Name
		}
		for i, in := range g.Nodes[n].Inputs {
			if in == next {
				es[k] = edge{n, i}
			}
		}
	}
	return es
}

// locals returns the local derivatives along a path.
func (g *Graph) locals(p []int) []symbolic.Expr {
	var fs []symbolic.Expr
	for _, e := range g.edges(p) {
		fs = append(fs, g.Nodes[e.n].Locals[e.i])
	}
	return fs
}

// accumulate returns df/dx by forward accumulation, in terms of the names.
func (g *Graph) accumulate() symbolic.Expr {
	total := g.totals()
	return total[len(g.Nodes)-1]
}

// totals returns dN/dx for every node N, in terms of the names.
func (g *Graph) totals() []symbolic.Expr {
	total := make([]symbolic.Expr, len(g.Nodes))
	for k, n := range g.Nodes {
		var terms []symbolic.Expr
		for i, in := range n.Inputs {
			if in == g.Var {
				terms = append(terms, n.Locals[i])
			} else {
				terms = append(terms, symbolic.Mul(n.Locals[i], total[g.index[in]]))
			}
		}
		total[k] = symbolic.Add(terms...)
	}
	return total
}

// partial reports whether the derivative of node n with respect to one of
// its inputs is partial.
func (g *Graph) partial(n int) bool { return g.v.partial || len(g.Nodes[n].Inputs) > 1 }

type graphBuilder struct {
	x      *symbolic.Symbol
	dep    *deps
	next   int      // the next prefix_i to try as a name (see pickNameFrom)
	prefix string   // the names after the pool's are prefix_1, prefix_2, ...
	pool   []string // the names tried first: namePool, or none (abridged: u_1, u_2, ...)
	names  map[symbolic.Expr]*symbolic.Symbol
	taken  map[string]bool
	nodes  []Node
	top    symbolic.Expr
	fname  *symbolic.Symbol
}

// name returns what stands for e in the definition of its parent: e itself
// if it is the variable or does not depend on it, else the name of its
// node.
func (gb *graphBuilder) name(e symbolic.Expr) symbolic.Expr {
	if e == symbolic.Expr(gb.x) || !gb.dep.has(e) {
		return e
	}
	if s, ok := gb.names[e]; ok {
		return s
	}
	def := gb.def(e)
	var s *symbolic.Symbol
	if e == gb.top {
		s = gb.fname
	} else {
		s = pickNameFrom(gb.taken, &gb.next, gb.prefix, gb.pool...)
		gb.taken[s.Name()] = true
	}
	gb.names[e] = s
	gb.nodes = append(gb.nodes, Node{Name: s, Def: def, Expr: e})
	return s
}

// def returns the definition of e's node. A numeric coefficient of a term
// of a sum, and a numeric exponent of a factor of a product, stay in the
// definition (f = 2x + 1, f = u/x) rather than getting nodes of their own.
func (gb *graphBuilder) def(e symbolic.Expr) symbolic.Expr {
	switch e := e.(type) {
	case *symbolic.Sum:
		ts := make([]symbolic.Expr, len(e.Terms()))
		for i, t := range e.Terms() {
			if p, ok := t.(*symbolic.Product); ok {
				if c, ok := p.Factors()[0].(*symbolic.Number); ok {
					ts[i] = symbolic.Mul(c, gb.name(symbolic.Mul(p.Factors()[1:]...)))
					continue
				}
			}
			ts[i] = gb.name(t)
		}
		return symbolic.Add(ts...)
	case *symbolic.Product:
		fs := make([]symbolic.Expr, len(e.Factors()))
		for i, f := range e.Factors() {
			if p, ok := f.(*symbolic.Power); ok {
				if _, ok := p.Exp().(*symbolic.Number); ok {
					fs[i] = symbolic.Pow(gb.name(p.Base()), p.Exp())
					continue
				}
			}
			fs[i] = gb.name(f)
		}
		return symbolic.Mul(fs...)
	case *symbolic.Power:
		return symbolic.Pow(gb.name(e.Base()), gb.name(e.Exp()))
	case *symbolic.Call:
		args := make([]symbolic.Expr, len(e.Args()))
		for i, a := range e.Args() {
			args[i] = gb.name(a)
		}
		return symbolic.Apply(e.Func(), args...)
	}
	panic(e) // numbers and symbols are handled by name
}
