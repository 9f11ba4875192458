package symbolic

import (
	"context"
	"strconv"
	"strings"
)

// Gradient returns the partial derivatives of e with respect to each of
// vars, in the order of vars, by reverse accumulation (backpropagation):
// one backward sweep over the DAG of e, from the output to the leaves.
//
// The sweep visits the nodes of e that depend on some variable of vars in
// reverse topological order (parents before children). The adjoint of a
// node, the derivative of e with respect to it, is the sum over its parents
// of the parent's adjoint times the local partial derivative of the parent
// with respect to the node; the adjoint of e is 1 and the partial with
// respect to a variable is its adjoint. Every adjoint is built at most
// once, so all the partials share one DAG, and for the expressions met in
// practice the whole gradient is a small constant times the size of e,
// however many variables there are (the cheap-gradient principle of Baur
// and Strassen); D, in contrast, differentiates once per variable. Down a
// chain of nodes with one parent each (nested calls), adjoints stay pending
// products and are built only where contributions are summed or a partial
// is read, so a chain of depth d costs O(d), not O(d^2).
//
// The one exception to linear size is the n-ary product: the partial with
// respect to one of m factors is the product of the other m-1, a distinct
// canonical product node for each factor, so m nodes but O(m^2) operand
// links (see Edges), as for D.
//
// The local partials are Local's, the ones D's rules multiply by: for a
// sum 1; for a product the product of the other factors; for b^x,
// x*b^(x-1) with respect to b and b^x*log(b) with respect to x; for a call
// f(u), f'(u) from the function table, or the abstract function f' for an
// abstract f. The results are
// built with the canonical constructors and are not otherwise simplified;
// each partial is equal in value, not necessarily in form, to D(e, x).
//
// Gradient panics with an *Error where a constructor does (a division by
// zero met while building the result); Jacobian, with a context, returns
// it as an error instead.
func Gradient(e Expr, vars []*Symbol) []Expr { return gradient(context.Background(), e, vars) }

// stopIfDone panics with an *Error wrapping ctx's error when ctx is done.
func stopIfDone(ctx context.Context) {
	if err := ctx.Err(); err != nil {
		panic(&Error{Msg: "stopped: " + err.Error(), cause: err})
	}
}

func gradient(ctx context.Context, e Expr, vars []*Symbol) []Expr {
	want := make(map[Expr]bool, len(vars))
	for _, v := range vars {
		want[v] = true
	}
	adj := adjoints(ctx, e, want)
	out := make([]Expr, len(vars))
	for i, v := range vars {
		if a, ok := adj[v]; ok {
			out[i] = a.build()
		} else {
			out[i] = Zero
		}
	}
	return out
}

// Jacobian returns the matrix of partial derivatives of fs with respect to
// vars: row i is the gradient of fs[i] (one reverse sweep per function, as
// Gradient does it). It checks ctx as the sweeps go, stopping with ctx's
// error when ctx is done, and returns an *Error where Gradient panics; with
// one function, its one row is the gradient under a context.
func Jacobian(ctx context.Context, fs []Expr, vars []*Symbol) (J [][]Expr, err error) {
	defer Recover(&err)
	J = make([][]Expr, len(fs))
	for i, f := range fs {
		J[i] = gradient(ctx, f, vars)
	}
	return J, nil
}

// Hessian returns the matrix of second partial derivatives of e with
// respect to vars, by reverse over reverse: the gradient g of e, then for
// each i one reverse sweep over g[i] that gives the entries H[i][j] for
// j >= i. Each pair is computed once and H[j][i] is the same expression as
// H[i][j] (the same pointer), so the matrix is symmetric by construction.
// It handles ctx and errors as Jacobian does.
func Hessian(ctx context.Context, e Expr, vars []*Symbol) (H [][]Expr, err error) {
	defer Recover(&err)
	return hessian(ctx, e, vars), nil
}

func hessian(ctx context.Context, e Expr, vars []*Symbol) [][]Expr {
	n := len(vars)
	g := gradient(ctx, e, vars)
	H := make([][]Expr, n)
	for i := range H {
		H[i] = make([]Expr, n)
	}
	for i := range n {
		row := gradient(ctx, g[i], vars[i:])
		for k, h := range row {
			j := i + k
			H[i][j] = h
			H[j][i] = h
		}
	}
	return H
}

// An adjoint as the backward sweep holds it: built (expr), or a pending
// product of factors (chain). Down a chain of one-parent nodes, such as
// nested function calls, each adjoint is the one above times a local
// partial; built eagerly, every level would flatten the product above into
// a new product one factor longer, O(d^2) work for depth d. A pending
// product shares its tail with the level above, so each level costs O(1),
// and the product is built once, where a node with several parents sums
// its contributions or a variable's partial is read.
type gradVal struct {
	expr  Expr
	chain *gradList
}

// gradList is a persistent list of factors: f times the product of next.
type gradList struct {
	f    Expr
	next *gradList
}

var gradOne = &gradVal{expr: One}

// build returns the value of a, building it once.
func (a *gradVal) build() Expr {
	if a.expr == nil {
		var fs []Expr
		for l := a.chain; l != nil; l = l.next {
			fs = append(fs, l.f)
		}
		a.expr = Mul(fs...)
		a.chain = nil
	}
	return a.expr
}

// gradTimes returns the pending product f * a.
func gradTimes(f Expr, a *gradVal) *gradVal {
	if f == One {
		return a
	}
	tail := a.chain
	if a.expr != nil && a.expr != One {
		tail = &gradList{f: a.expr}
	}
	return &gradVal{chain: &gradList{f: f, next: tail}}
}

// adjoints runs the backward sweep over the nodes of e that depend on a
// variable in want and returns the adjoint of each of them.
func adjoints(ctx context.Context, e Expr, want map[Expr]bool) map[Expr]*gradVal {
	stopIfDone(ctx)
	// Forward: the active nodes in post-order (children before parents).
	active := make(map[Expr]bool)
	var order []Expr
	var visit func(Expr) bool
	visit = func(n Expr) bool {
		if a, ok := active[n]; ok {
			return a
		}
		a := want[n]
		for _, c := range Children(n) {
			if visit(c) {
				a = true
			}
		}
		active[n] = a
		if a {
			order = append(order, n)
		}
		return a
	}
	visit(e)

	// Backward: a node's contributions are complete once all its parents,
	// which come later in order, have been processed.
	contribs := make(map[Expr][]*gradVal, len(order))
	adj := make(map[Expr]*gradVal, len(order))
	if len(order) > 0 {
		contribs[e] = []*gradVal{gradOne}
	}
	push := func(c, local Expr, a *gradVal) {
		if active[c] && local != Zero {
			contribs[c] = append(contribs[c], gradTimes(local, a))
		}
	}
	for i := len(order) - 1; i >= 0; i-- {
		if i%1024 == 0 {
			stopIfDone(ctx)
		}
		n := order[i]
		var a *gradVal
		switch cs := contribs[n]; len(cs) {
		case 0:
			a = &gradVal{expr: Zero}
		case 1:
			a = cs[0] // still pending
		default:
			terms := make([]Expr, len(cs))
			for k, c := range cs {
				terms[k] = c.build()
			}
			a = &gradVal{expr: Add(terms...)}
		}
		delete(contribs, n)
		adj[n] = a
		if a.expr == Zero {
			continue
		}
		// The local partial of n with respect to each active child (see
		// Local); the index of a product's factors is kept between them.
		var ix *factorIndex
		for k, c := range Children(n) {
			if active[c] {
				push(c, local(n, k, &ix), a)
			}
		}
	}
	return adj
}

// Edges returns the number of operand links of the DAG rooted at the given
// expressions: the sum over its distinct nodes of their number of children.
// With Size it measures the cost of evaluating the DAG, since a product of m
// factors is one node but m-1 multiplications.
func Edges(es ...Expr) int {
	seen := make(map[Expr]bool)
	n := 0
	var walk func(Expr)
	walk = func(e Expr) {
		if seen[e] {
			return
		}
		seen[e] = true
		cs := Children(e)
		n += len(cs)
		for _, c := range cs {
			walk(c)
		}
	}
	for _, e := range es {
		walk(e)
	}
	return n
}

// A Binding names a subexpression: the symbol Name stands for Value, which
// may refer to the names of earlier bindings.
type Binding struct {
	Name  *Symbol
	Value Expr
}

// Let rewrites es in let form: every non-trivial node of their shared DAG
// that is used more than once (as an operand of two nodes, twice by one
// node, or as one of es and an operand) is named by a fresh symbol t1, t2,
// ... and replaced by it. It returns the bindings in dependency order (each
// value refers only to earlier names) and es rewritten in terms of the
// names. Numbers, symbols and a number times a symbol (-x, 2*x) are trivial
// and never bound. The names avoid every symbol that occurs in es: if one is
// already called t<digits>, the prefix becomes t_, t__, ...
//
// Substituting the values back, last binding first, gives es again in value
// (the constructors may order operands differently around the names).
func Let(es []Expr) ([]Binding, []Expr) {
	uses := make(map[Expr]int)
	var post []Expr
	var walk func(Expr)
	walk = func(e Expr) {
		if _, ok := uses[e]; ok {
			return
		}
		uses[e] = 0
		for _, c := range Children(e) {
			walk(c)
			uses[c]++
		}
		post = append(post, e)
	}
	for _, e := range es {
		walk(e)
		uses[e]++
	}
	prefix := letPrefix(post)
	var bindings []Binding
	renamed := make(map[Expr]Expr, len(post))
	for _, n := range post {
		cs := Children(n)
		r := n
		if len(cs) > 0 {
			ncs := make([]Expr, len(cs))
			changed := false
			for i, c := range cs {
				ncs[i] = renamed[c]
				if ncs[i] != c {
					changed = true
				}
			}
			if changed {
				r = Rebuild(n, ncs)
			}
		}
		if uses[n] > 1 && !trivial(n) {
			name := Sym(prefix + strconv.Itoa(len(bindings)+1))
			bindings = append(bindings, Binding{Name: name, Value: r})
			r = name
		}
		renamed[n] = r
	}
	out := make([]Expr, len(es))
	for i, e := range es {
		out[i] = renamed[e]
	}
	return bindings, out
}

// trivial reports whether a node is too small to be worth a name.
func trivial(e Expr) bool {
	switch e := e.(type) {
	case *Number, *Symbol:
		return true
	case *Product:
		if len(e.factors) == 2 {
			_, num := e.factors[0].(*Number)
			_, sym := e.factors[1].(*Symbol)
			return num && sym
		}
	}
	return false
}

// letPrefix returns "t", or "t_", "t__", ... if a symbol of the nodes is
// already named prefix<digits>.
func letPrefix(nodes []Expr) string {
	prefix := "t"
	for {
		clash := false
		for _, n := range nodes {
			if s, ok := n.(*Symbol); ok {
				if rest, ok := strings.CutPrefix(s.name, prefix); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
					clash = true
					break
				}
			}
		}
		if !clash {
			return prefix
		}
		prefix += "_"
	}
}
