package derive

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/symdiff/symdiff/symbolic"
)

// A Step is one application of a differentiation rule: Expr differentiated
// into Result by Rule, from the derivatives of Expr's parts, which earlier
// steps derive.
type Step struct {
	// Rule names the rule: "sum rule", "constant multiple rule",
	// "product rule", "quotient rule", "power rule", "exponential rule",
	// "general power rule", "logarithm rule", "sigmoid rule", "derivative
	// of sin", ... When Inner is set the chain rule is applied as well.
	Rule string
	// Expr is the expression differentiated.
	Expr symbolic.Expr
	// Inner is the inner function u of the chain rule, or nil when the rule
	// applies to the variable itself.
	Inner symbolic.Expr
	// Parts are the expressions whose derivatives the rule combines, in the
	// order the rule uses them (for the quotient rule: numerator,
	// denominator).
	Parts []symbolic.Expr
	// Result is the derivative of Expr.
	Result symbolic.Expr

	// lines are the right-hand sides shown before Result: the rule with
	// the derivatives of the parts written as d/dx, then with them worked
	// out.
	lines []term
}

// A Rewrite is one step of a simplification: the rule that justifies it
// turned Before into After. Before and After are the whole expression
// (After of one rewrite is Before of the next) or a subexpression of it,
// which the derivation replaces in the whole.
//
// The fields match simplify.Step, so a []simplify.Step converts element by
// element: derive.Rewrite(s).
type Rewrite struct {
	Rule          string
	Before, After symbolic.Expr
}

// A Simplifier simplifies an expression and returns the rewrites it made,
// in order. A derivation shows them after the differentiation steps.
type Simplifier func(e symbolic.Expr) (symbolic.Expr, []Rewrite, error)

// A Derivation is the step-by-step derivative of Func with respect to Var.
type Derivation struct {
	// Func is the expression differentiated.
	Func symbolic.Expr
	// Var is the variable.
	Var *symbolic.Symbol
	// Steps are the rule steps, parts before the wholes, ending with Func
	// itself. It is empty when Func is Var or does not contain it.
	Steps []Step
	// Derivative is the derivative the rule steps arrive at.
	Derivative symbolic.Expr
	// Raw is the derivative as symbolic.D returns it. It equals Derivative
	// (symbolic.Diff's with Trace) in value; in form it differs where the
	// derivation shows a quotient rule or takes a constant factor out,
	// which D does not.
	Raw symbolic.Expr
	// Simplification holds the rewrites from Derivative to Result, each on
	// the whole expression; empty without a Simplifier.
	Simplification []Rewrite
	// Result is the final form: the simplified derivative, or Derivative.
	Result symbolic.Expr
	// Graph is the same derivative through intermediate variables, the
	// computational-graph view of backpropagation; nil when Func has fewer
	// than two operations that depend on Var.
	Graph *Graph
	// Abridged reports a derivation of an expression of more distinct
	// nodes than MaxNodes: it has no rule steps and no simplification
	// (Result is Raw) and takes the derivative through intermediate
	// variables only, so that its text grows with the number of distinct
	// nodes rather than with the expression's tree, which a deep nesting
	// or much sharing makes far larger (a chain of 3000 sines has 3001
	// distinct nodes, and its derivative's tree 4.5 million).
	Abridged bool

	v        *variable
	size     int              // Func's distinct nodes
	maxNodes int              // the most of a derivation rule by rule
	inner    *symbolic.Symbol // the name of the chain rule's inner function
	name     *symbolic.Symbol // the name of the function (f)
}

// DefaultMaxNodes is the largest expression, in distinct nodes, that New
// derives rule by rule unless MaxNodes says otherwise: the rule steps of a
// larger one are too long to read (each step writes its subexpression out
// in full, so their text grows with the square of a nesting's depth), and
// New derives it through intermediate variables only (Abridged).
const DefaultMaxNodes = 400

// ErrTooLarge is what New's error for an expression larger than
// MaxGraphSize wraps.
var ErrTooLarge = errors.New("expression too large for a step-by-step derivation")

// DefaultMaxGraphSize is the largest graph size (see MaxGraphSize) of an
// expression that New derives at all unless MaxGraphSize says otherwise.
const DefaultMaxGraphSize = 500000

type config struct {
	simplifier   Simplifier
	maxNodes     int
	maxGraphSize int
	names        []string
}

// An Option changes how New builds a derivation.
type Option func(*config)

// WithSimplifier makes New simplify the derivative with s and show the
// rewrites it made.
func WithSimplifier(s Simplifier) Option { return func(c *config) { c.simplifier = s } }

// FuncName makes New call the function differentiated by the first of
// names that is not a variable of it, instead of f (or y, F, g). A
// derivation of a derivative reads better with it: f_x(x, y) = 2*x*y^3,
// then the partial of f_x with respect to y.
func FuncName(names ...string) Option { return func(c *config) { c.names = names } }

// MaxNodes sets the largest expression, in distinct nodes, that New
// derives rule by rule (DefaultMaxNodes by default); New derives a larger
// one through intermediate variables only.
func MaxNodes(n int) Option { return func(c *config) { c.maxNodes = n } }

// MaxGraphSize sets the largest expression that New derives at all
// (DefaultMaxGraphSize by default), measured by its graph size, which
// bounds the length of a derivation through intermediate variables: the
// sum over its distinct nodes of one more than the number of their
// operands, squared for a product (a product of k factors has k local
// derivatives of k-1 factors each).
func MaxGraphSize(n int) Option { return func(c *config) { c.maxGraphSize = n } }

// New derives e with respect to x step by step. An expression of more
// distinct nodes than MaxNodes is derived through intermediate variables
// only (see Derivation.Abridged). New returns an error for an expression
// larger than MaxGraphSize, when the simplifier fails, and for
// mathematical impossibilities met on the way (such as a division by
// zero).
func New(e symbolic.Expr, x *symbolic.Symbol, opts ...Option) (d *Derivation, err error) {
	cfg := config{maxNodes: DefaultMaxNodes, maxGraphSize: DefaultMaxGraphSize}
	for _, o := range opts {
		o(&cfg)
	}
	switch {
	case e == nil:
		return nil, errors.New("derive: nil expression")
	case x == nil:
		return nil, errors.New("derive: nil variable")
	case x.IsConstant():
		return nil, fmt.Errorf("derive: cannot differentiate with respect to the constant %s", x.Name())
	}
	size := symbolic.Size(e)
	if size > cfg.maxNodes {
		if n := graphSize(e); n > cfg.maxGraphSize {
			return nil, fmt.Errorf("derive: %w (%d distinct nodes of graph size %d; the limit is %d)", ErrTooLarge, size, n, cfg.maxGraphSize)
		}
	}
	defer symbolic.Recover(&err)

	d = &Derivation{Func: e, Var: x, size: size, maxNodes: cfg.maxNodes}
	taken := map[string]bool{x.Name(): true}
	for _, s := range symbolic.Symbols(e) {
		taken[s.Name()] = true
		if s != x {
			d.v = &variable{sym: x, partial: true}
		}
	}
	if d.v == nil {
		d.v = &variable{sym: x}
	}
	d.name = pickName(taken, append(slices.Clone(cfg.names), "f", "y", "F", "g")...)
	taken[d.name.Name()] = true
	d.inner = pickName(taken, namePool...)

	d.Raw = symbolic.D(e, x)
	if size > cfg.maxNodes {
		d.Abridged = true
		d.Derivative, d.Result = d.Raw, d.Raw
		if d.Graph = newGraph(e, x, d.v, d.name, taken, newDeps(x), true); d.Graph != nil && d.Graph.InNames == nil {
			d.Graph.Result = d.Raw
		}
		return d, nil
	}
	var steps []symbolic.Step
	if d.Derivative, err = symbolic.Diff(context.Background(), e, x, symbolic.Trace(&steps)); err != nil {
		return nil, err
	}
	d.Steps = make([]Step, len(steps))
	for i, s := range steps {
		d.Steps[i] = d.v.step(s)
	}
	d.Result = d.Derivative
	d.Graph = newGraph(e, x, d.v, d.name, taken, newDeps(x), false)

	if cfg.simplifier != nil {
		if err := d.simplify(cfg.simplifier); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// simplify runs s on the derivative and records its rewrites as rewrites of
// the whole expression.
func (d *Derivation) simplify(s Simplifier) error {
	r, rws, err := s(d.Derivative)
	if err != nil {
		return fmt.Errorf("derive: simplifying %s: %w", d.Derivative, err)
	}
	if r == nil {
		return fmt.Errorf("derive: the simplifier returned no expression for %s", d.Derivative)
	}
	cur := d.Derivative
	for i, rw := range rws {
		if rw.Before == nil || rw.After == nil {
			return fmt.Errorf("derive: simplification step %d (%s) has no expression", i+1, rw.Rule)
		}
		next := rw.After
		if rw.Before != cur {
			if !symbolic.Contains(cur, rw.Before) {
				return fmt.Errorf("derive: simplification step %d (%s) rewrites %s, which does not occur in %s", i+1, rw.Rule, rw.Before, cur)
			}
			next = symbolic.Subs(cur, map[symbolic.Expr]symbolic.Expr{rw.Before: rw.After})
		}
		if next == cur {
			continue
		}
		d.Simplification = append(d.Simplification, Rewrite{Rule: rw.Rule, Before: cur, After: next})
		cur = next
	}
	if cur != r {
		d.Simplification = append(d.Simplification, Rewrite{Rule: "simplification", Before: cur, After: r})
	}
	d.Result = r
	return nil
}

// graphSize returns the graph size of e (see MaxGraphSize), saturating at
// the largest int.
func graphSize(e symbolic.Expr) int {
	n := 0
	symbolic.Walk(e, func(e symbolic.Expr) {
		k := len(symbolic.Children(e)) + 1
		if _, ok := e.(*symbolic.Product); ok {
			k *= k
		}
		if n += k; n < 0 {
			n = math.MaxInt
		}
	})
	return n
}

// namePool lists the names given to intermediate variables, in order.
var namePool = []string{"u", "v", "w", "g", "h", "p", "q", "r", "s", "t", "a", "c", "k", "m", "n", "z"}

// deps tells which subexpressions contain the variable x, memoised: one
// walk of the DAG in all, where symbolic.Contains walks the subexpression
// each time it is asked (the steps and the graph ask at every node, which
// made them quadratic in the depth of a nested expression).
type deps struct {
	x    *symbolic.Symbol
	memo map[symbolic.Expr]bool
}

func newDeps(x *symbolic.Symbol) *deps { return &deps{x: x, memo: map[symbolic.Expr]bool{}} }

// has reports whether e contains x.
func (d *deps) has(e symbolic.Expr) bool {
	switch e.(type) {
	case *symbolic.Number:
		return false
	case *symbolic.Symbol:
		return e == symbolic.Expr(d.x)
	}
	if v, ok := d.memo[e]; ok {
		return v
	}
	v := false
	for _, c := range symbolic.Children(e) {
		if d.has(c) {
			v = true
			break
		}
	}
	d.memo[e] = v
	return v
}

// pickName returns the first of names that is not taken, or z_1, z_2, ...
func pickName(taken map[string]bool, names ...string) *symbolic.Symbol {
	return pickNameFrom(taken, new(int), "z", names...)
}

// pickNameFrom returns the first of names that is not taken, or else the
// first of prefix_i (z_i for pickName) not taken with i from *next on; it
// leaves *next at the index after the name returned, so that a caller that
// picks many names tries each prefix_i once in all.
func pickNameFrom(taken map[string]bool, next *int, prefix string, names ...string) *symbolic.Symbol {
	for _, n := range names {
		if !taken[n] {
			return symbolic.Sym(n)
		}
	}
	for *next = max(*next, 1); ; *next++ {
		n := prefix + "_" + strconv.Itoa(*next)
		if !taken[n] {
			*next++
			return symbolic.Sym(n)
		}
	}
}

// step renders the trace step s of symbolic.Diff's Trace: the rule with the
// derivatives of its parts written as d/dx, then with them worked out. It
// builds terms to show and differentiates nothing.
func (v *variable) step(s symbolic.Step) Step {
	x := symbolic.Expr(v.sym)
	out := Step{Rule: s.Name, Expr: s.Expr, Parts: s.Parts, Result: s.Result}
	deriv := func(e symbolic.Expr) term { return derivT{e, v} }
	p, dp, fs := s.Parts, s.DParts, s.Factors
	switch s.Rule {
	case symbolic.SumRule:
		formula := make([]term, len(p))
		subst := make([]term, len(p))
		for i, t := range p {
			formula[i] = deriv(t)
			subst[i] = ex(dp[i])
		}
		out.lines = []term{add(formula...), add(subst...)}
	case symbolic.ConstantMultipleRule:
		c := ex(fs[0])
		out.lines = []term{mul(c, deriv(p[0])), mul(c, ex(dp[0]))}
	case symbolic.QuotientRule:
		u, w := p[0], p[1]
		w2 := powT{ex(w), symbolic.Two}
		minus := ex(symbolic.MinusOne)
		out.lines = []term{
			fracT{add(mul(ex(w), deriv(u)), mul(minus, ex(u), deriv(w))), w2},
			fracT{add(mul(ex(w), ex(dp[0])), mul(minus, ex(u), ex(dp[1]))), w2},
		}
	case symbolic.ProductRule:
		// (f g h)' = f' g h + f g' h + f g h', written with the derivative
		// last.
		var formula, subst []term
		for k := range p {
			var of []term
			for i, o := range p {
				if i != k {
					of = append(of, ex(o))
				}
			}
			formula = append(formula, mul(append(slices.Clone(of), deriv(p[k]))...))
			subst = append(subst, mul(append(of, ex(dp[k]))...))
		}
		out.lines = []term{add(formula...), add(subst...)}
	case symbolic.PowerRule, symbolic.ExponentialRule, symbolic.ChainRule:
		// The factors times the derivative of the one part; where the
		// part is the variable the result is the rule itself.
		if p[0] == x {
			if s.Rule == symbolic.ChainRule {
				out.lines = []term{ex(fs[0])}
			}
			break
		}
		out.Inner = p[0]
		var f []term
		for _, e := range fs {
			f = append(f, ex(e))
		}
		out.lines = []term{mul(append(slices.Clone(f), deriv(p[0]))...), mul(append(f, ex(dp[0]))...)}
	case symbolic.GeneralPowerRule:
		// f^g (g' ln(f) + g f'/f)
		e, lnf := ex(fs[0]), ex(fs[1])
		f, g := p[0], p[1]
		out.lines = []term{
			mul(e, add(mul(lnf, deriv(g)), mul(ex(g), fracT{deriv(f), ex(f)}))),
			mul(e, add(mul(lnf, ex(dp[1])), mul(ex(g), fracT{ex(dp[0]), ex(f)}))),
		}
	}
	return out
}
