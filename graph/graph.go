package graph

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// A Graph is an expression's computational graph with the forward value and
// the backward adjoint of every node.
type Graph struct {
	// Expr is the expression the graph computes.
	Expr symbolic.Expr
	// Nodes lists the inputs first, in the order they are first read, then
	// the operations in evaluation order; the last node is the output.
	Nodes []*Node
	// Edges lists one edge per operand of each operation, in the order of
	// Nodes and, within a node, of its operands.
	Edges []Edge
}

// A Node is an input or an operation of a Graph.
type Node struct {
	// Name is the symbol's name for an input; g1, g2, ... for an
	// operation, and f for the output (other names are chosen if the
	// expression has variables with those names).
	Name string
	// Op is "input" for an input, else the operation's label: the function's
	// name for a call, "+", "*" or "^" when every operand is a node, or the
	// operation with its constant operands written in and a dot for each
	// node operand ("1 + .", "-.", "1/.", ".^2", "2^.").
	Op string
	// Expr is the subexpression the node computes.
	Expr symbolic.Expr
	// Operands are the indices in Graph.Nodes of the node's operands, one
	// per edge into it (none for an input).
	Operands []int
	// Value is the node's value (forward sweep).
	Value float64
	// Adjoint is the derivative of the output with respect to the node
	// (backward sweep): 1 for the output, and for any other node the sum
	// of Grad over its outgoing edges.
	Adjoint float64
}

// An Edge links an operand to an operation that reads it.
type Edge struct {
	// From is the index of the operand and To of the operation in
	// Graph.Nodes.
	From, To int
	// Local is the partial derivative of the operation with respect to
	// the operand, at the graph's point.
	Local float64
	// Grad is the backward gradient that flows along the edge: the
	// operation's adjoint times Local.
	Grad float64
}

// Output returns the output node (the last one).
func (g *Graph) Output() *Node { return g.Nodes[len(g.Nodes)-1] }

// Node returns the node with the given name, or nil.
func (g *Graph) Node(name string) *Node {
	for _, n := range g.Nodes {
		if n.Name == name {
			return n
		}
	}
	return nil
}

// Inputs returns the input nodes, whose adjoints are the gradient of the
// output with respect to the variables.
func (g *Graph) Inputs() []*Node {
	var in []*Node
	for _, n := range g.Nodes {
		if n.Op == "input" {
			in = append(in, n)
		}
	}
	return in
}

// Build returns the computational graph of e at the point given by at,
// which must hold a value for every variable of e (other entries are
// ignored). The named constants pi and e take their values. It returns an
// error for a missing variable, an abstract function (which has no values),
// or a node whose value is not a finite number at the point.
func Build(e symbolic.Expr, at map[*symbolic.Symbol]float64) (*Graph, error) {
	if e == nil {
		return nil, fmt.Errorf("graph: no expression")
	}
	var missing []string
	for _, s := range symbolic.Symbols(e) {
		if _, ok := at[s]; !ok {
			missing = append(missing, s.Name())
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("graph: no value for %s", strings.Join(missing, ", "))
	}
	var abstract string
	symbolic.Walk(e, func(n symbolic.Expr) {
		if c, ok := n.(*symbolic.Call); ok && c.Func().IsAbstract() && abstract == "" {
			abstract = c.Func().Name
		}
	})
	if abstract != "" {
		return nil, fmt.Errorf("graph: cannot evaluate the abstract function %s", abstract)
	}

	b := &builder{ev: &symbolic.Evaluator{Env: at}, index: make(map[symbolic.Expr]int), varying: make(map[symbolic.Expr]bool)}
	g := &Graph{Expr: e}
	b.mark(e)
	if !b.varying[e] {
		// No variables: one node, the constant.
		g.Nodes = []*Node{{Name: "f", Op: e.String(), Expr: e, Value: b.value(e), Adjoint: 1}}
		return g, b.check(g)
	}
	var order []symbolic.Expr
	seen := make(map[symbolic.Expr]bool)
	var visit func(symbolic.Expr)
	visit = func(n symbolic.Expr) {
		if seen[n] || !b.varying[n] {
			return
		}
		seen[n] = true
		for _, c := range operandsInReadingOrder(n) {
			visit(c)
		}
		order = append(order, n)
	}
	visit(e)
	// Inputs first, in the order they are read.
	var inputs, ops []symbolic.Expr
	for _, n := range order {
		if _, ok := n.(*symbolic.Symbol); ok {
			inputs = append(inputs, n)
		} else {
			ops = append(ops, n)
		}
	}
	names := nameNodes(inputs, ops)
	for _, n := range slices.Concat(inputs, ops) {
		b.index[n] = len(g.Nodes)
		node := &Node{Name: names[n], Expr: n, Value: b.value(n)}
		if _, ok := n.(*symbolic.Symbol); ok {
			node.Op = "input"
		} else {
			node.Op = b.label(n)
		}
		g.Nodes = append(g.Nodes, node)
	}
	// Edges with their local gradients.
	for to, node := range g.Nodes {
		// A sum's operands in reading order (each has local gradient 1);
		// the others' in canonical order, which local indexes.
		for k, c := range operandsInReadingOrder(node.Expr) {
			if !b.varying[c] {
				continue
			}
			node.Operands = append(node.Operands, b.index[c])
			g.Edges = append(g.Edges, Edge{From: b.index[c], To: to, Local: b.local(node.Expr, k)})
		}
	}
	// Backward sweep: edges into later nodes come later, so walking the
	// edges backwards finishes a node's adjoint before it is read.
	g.Output().Adjoint = 1
	for i := len(g.Edges) - 1; i >= 0; i-- {
		ed := &g.Edges[i]
		ed.Grad = g.Nodes[ed.To].Adjoint * ed.Local
		g.Nodes[ed.From].Adjoint += ed.Grad
	}
	return g, b.check(g)
}

type builder struct {
	ev      *symbolic.Evaluator
	index   map[symbolic.Expr]int
	varying map[symbolic.Expr]bool
}

// mark records which nodes depend on a variable.
func (b *builder) mark(e symbolic.Expr) bool {
	if v, ok := b.varying[e]; ok {
		return v
	}
	v := false
	if s, ok := e.(*symbolic.Symbol); ok {
		v = !s.IsConstant()
	}
	for _, c := range symbolic.Children(e) {
		if b.mark(c) {
			v = true
		}
	}
	b.varying[e] = v
	return v
}

// value evaluates e at the point, memoised across the graph's nodes and
// local partials.
func (b *builder) value(e symbolic.Expr) float64 { return b.ev.Eval(e) }

// local returns the partial derivative of node n with respect to its k-th
// child, at the point: symbolic.Local's partial, evaluated.
func (b *builder) local(n symbolic.Expr, k int) float64 {
	return b.value(symbolic.Local(n, k))
}

// check reports a node whose value is not finite.
func (b *builder) check(g *Graph) error {
	for _, n := range g.Nodes {
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
			return fmt.Errorf("graph: %s = %s is %v at the given point", n.Name, n.Expr, n.Value)
		}
	}
	return nil
}

// operandsInReadingOrder returns the children of n in the order the printed
// expression shows them (a sum's terms as Format writes them).
func operandsInReadingOrder(n symbolic.Expr) []symbolic.Expr {
	if s, ok := n.(*symbolic.Sum); ok {
		return symbolic.SumDisplayOrder(s)
	}
	return symbolic.Children(n)
}

// nameNodes names the inputs by their symbols, the operations g1, g2, ...
// and the output f, changing the prefix or the output's name if a variable
// already has it.
func nameNodes(inputs, ops []symbolic.Expr) map[symbolic.Expr]string {
	taken := make(map[string]bool)
	names := make(map[symbolic.Expr]string, len(inputs)+len(ops))
	for _, in := range inputs {
		name := in.(*symbolic.Symbol).Name()
		names[in] = name
		taken[name] = true
	}
	prefix := "g"
	for _, p := range []string{"g", "h", "q", "node"} {
		prefix = p
		clash := false
		for i := 1; i <= len(ops); i++ {
			if taken[p+strconv.Itoa(i)] {
				clash = true
				break
			}
		}
		if !clash {
			break
		}
	}
	out := "f"
	for taken[out] {
		out += "_"
	}
	for i, op := range ops {
		if i == len(ops)-1 {
			names[op] = out
		} else {
			names[op] = prefix + strconv.Itoa(i+1)
		}
	}
	return names
}

// label returns the operation label of n.
func (b *builder) label(n symbolic.Expr) string {
	switch n := n.(type) {
	case *symbolic.Sum:
		var consts []string
		k := 0
		for _, t := range n.Terms() {
			if b.varying[t] {
				k++
			} else {
				consts = append(consts, t.String())
			}
		}
		if len(consts) == 0 {
			return "+"
		}
		return strings.Join(append(consts, slices.Repeat([]string{"."}, k)...), " + ")
	case *symbolic.Product:
		var consts []string
		k := 0
		neg := false
		for _, f := range n.Factors() {
			switch {
			case b.varying[f]:
				k++
			case f == symbolic.MinusOne:
				neg = true
			default:
				s := f.String()
				if symbolic.Precedence(f) <= symbolic.PrecSum {
					s = "(" + s + ")"
				}
				consts = append(consts, s)
			}
		}
		if len(consts) == 0 && !neg {
			return "*"
		}
		s := strings.Join(append(consts, slices.Repeat([]string{"."}, k)...), "*")
		if neg {
			s = "-" + s
		}
		return s
	case *symbolic.Power:
		vb, ve := b.varying[n.Base()], b.varying[n.Exp()]
		switch {
		case vb && ve:
			return "^"
		case vb:
			switch n.Exp() {
			case symbolic.MinusOne:
				return "1/."
			case symbolic.Half:
				return "sqrt"
			case symbolic.Frac(-1, 2):
				return "1/sqrt"
			}
			s := n.Exp().String()
			if symbolic.Precedence(n.Exp()) < symbolic.PrecAtom {
				s = "(" + s + ")"
			}
			return ".^" + s
		default:
			s := n.Base().String()
			if symbolic.Precedence(n.Base()) < symbolic.PrecAtom {
				s = "(" + s + ")"
			}
			return s + "^."
		}
	case *symbolic.Call:
		return n.Func().Name
	}
	return n.String()
}
