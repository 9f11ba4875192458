package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// wantsDerivation reports whether the flags ask for a derivation rather than
// a result.
func wantsDerivation(a args) bool {
	return a.has("steps") || a.has("markdown") || a.has("standalone")
}

// derivations prints the derivations of the expression src.
func (c *cli) derivations(a args, src string, n int) error {
	e, vars, err := c.diffInput(a, src)
	if err != nil {
		return err
	}
	return c.printDerivations(a, e, vars, n)
}

// printDerivations prints the derivation of each derivative in turn: n
// times with respect to each variable, each derivation starting from the
// result of the one before, as the result without --steps is computed.
// From the second on, the function is named by its subscripts: the
// derivative f_x of f, then f_xy.
func (c *cli) printDerivations(a args, e symbolic.Expr, vars []*symbolic.Symbol, n int) error {
	if n == 0 || len(vars) == 0 {
		return usagef("-n 0 asks for no derivative: there is no derivation to show")
	}
	var figure string // the Markdown or LaTeX that shows the plot
	if a.has("plot") {
		var err error
		if figure, err = c.derivationPlot(a, e, vars, n); err != nil {
			return err
		}
	}
	var ds []*derive.Derivation
	name := "f"
	input := e
	for _, v := range vars {
		for range n {
			// derive.New takes no context: the deadline is checked
			// between derivations and inside the simplifier.
			if err := c.ctx.Err(); err != nil {
				return err
			}
			opts := []derive.Option{derive.FuncName(name)}
			if !a.has("raw") {
				opts = append(opts, derive.WithSimplifier(simplifierSteps(c.ctx, e, v)))
			}
			d, err := derive.New(e, v, opts...)
			if errors.Is(err, derive.ErrTooLarge) {
				return fmt.Errorf("%w; without --steps the derivative itself is printed (with --latex, its repeated parts named)", err)
			}
			if err != nil {
				return err
			}
			ds = append(ds, d)
			e = d.Result
			if name == "f" {
				name += "_"
			}
			name += v.Name()
		}
	}
	// A single derivative of a small input that simplifies first to a
	// function with a simpler derivative: its derivation too, after the
	// one of the function as written, so that the derivation ends where
	// the result without --steps does (see viaSimplifiedInput).
	alt := -1
	if len(ds) == 1 && !a.has("raw") {
		if d, ok := c.simplifiedFirst(input, vars[0], ds[0].Result); ok {
			ds = append(ds, d)
			alt = 1
		}
	}
	if c.format == jsonFormat {
		return c.emit(stepsOut(c.src, vars, n, ds), nil)
	}
	if a.has("standalone") {
		doc := derive.Standalone(ds...)
		if figure != "" {
			doc = withPlotLaTeX(doc, figure)
		}
		fmt.Fprint(c.stdout, doc)
		return nil
	}
	for i, d := range ds {
		if i > 0 {
			if a.has("latex") {
				// One align* body: a blank line would end it.
				fmt.Fprintln(c.stdout, `\\[2ex]`)
			} else {
				fmt.Fprintln(c.stdout)
			}
		}
		if i == alt && !a.has("latex") {
			fmt.Fprintln(c.stdout, "The function simplifies first, to a simpler derivative:")
			fmt.Fprintln(c.stdout)
		}
		var out string
		switch {
		case a.has("markdown"):
			out = d.Markdown()
		case a.has("latex"):
			out = d.LaTeX()
		default:
			out = d.Text()
		}
		fmt.Fprint(c.stdout, out)
		if !strings.HasSuffix(out, "\n") {
			fmt.Fprintln(c.stdout)
		}
	}
	fmt.Fprint(c.stdout, figure)
	return nil
}

// simplifierSteps adapts package simplify to a derive.Simplifier, for the
// derivative of f in v, that stops when ctx (the --timeout deadline) is
// done.
func simplifierSteps(ctx context.Context, f symbolic.Expr, v *symbolic.Symbol) derive.Simplifier {
	return func(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
		var steps []simplify.Step
		r, err := simplify.Simplify(ctx, e, simplify.CollectSteps(&steps), simplify.DerivativeOf(f, v))
		rws := make([]derive.Rewrite, len(steps))
		for i, s := range steps {
			rws[i] = derive.Rewrite(s)
		}
		return r, rws, err
	}
}

// stepsResult is the derivation of --steps --json: one derivation a
// derivative taken, each starting from the result of the one before.
type stepsResult struct {
	header
	Vars        []string         `json:"vars"`
	N           int              `json:"n"`
	Derivations []derivationJSON `json:"derivations"`
	// Result is the last derivation's result: the derivative asked for.
	Result exprJSON `json:"result"`

	ds []*derive.Derivation
}

// derivationJSON is one derivative, step by step: the rule steps, parts
// before wholes, then the simplifier's rewrites, each with its rule.
type derivationJSON struct {
	// Var is the variable, Func the expression differentiated.
	Var            string        `json:"var"`
	Func           exprJSON      `json:"func"`
	Steps          []stepJSON    `json:"steps"`
	Simplification []rewriteJSON `json:"simplification"`
	Result         exprJSON      `json:"result"`
	// Abridged marks the derivation of an expression too large to derive
	// rule by rule (Steps and Simplification are empty); Graph is then its
	// derivation through intermediate variables.
	Abridged bool       `json:"abridged,omitempty"`
	Graph    *graphJSON `json:"graph,omitempty"`
}

// graphJSON is a derivative through intermediate variables: each node's
// definition from earlier names and its local derivatives.
type graphJSON struct {
	Nodes []nodeJSON `json:"nodes"`
}

// nodeJSON is one intermediate variable: Name = Def, and the derivative of
// Def with respect to each of its inputs (earlier names, the variable).
type nodeJSON struct {
	Name   string      `json:"name"`
	Def    exprJSON    `json:"def"`
	Locals []localJSON `json:"locals"`
}

// localJSON is the local derivative of a node with respect to Input.
type localJSON struct {
	Input string   `json:"input"`
	Expr  exprJSON `json:"expr"`
}

// stepJSON is one rule step: the derivative of Expr is Result by Rule,
// with the chain rule through Inner when it is set.
type stepJSON struct {
	Rule   string    `json:"rule"`
	Expr   exprJSON  `json:"expr"`
	Inner  *exprJSON `json:"inner,omitempty"`
	Result exprJSON  `json:"result"`
}

// rewriteJSON is one rewrite of the simplification: Rule turned Before
// into After (the whole expression or a part of it).
type rewriteJSON struct {
	Rule   string   `json:"rule"`
	Before exprJSON `json:"before"`
	After  exprJSON `json:"after"`
}

func (r *stepsResult) blocks() []block {
	var bs []block
	for _, d := range r.ds {
		bs = append(bs, block{note: strings.TrimSuffix(d.Text(), "\n")})
	}
	return bs
}

// stepsOut returns the derivations ds of src as a result.
func stepsOut(src string, vars []*symbolic.Symbol, n int, ds []*derive.Derivation) *stepsResult {
	r := &stepsResult{header: header{Command: "steps", Input: src}, Vars: names(vars), N: n, Derivations: []derivationJSON{}, ds: ds}
	for _, d := range ds {
		dj := derivationJSON{Var: d.Var.Name(), Func: exprOut(d.Func), Steps: []stepJSON{}, Simplification: []rewriteJSON{}, Result: exprOut(d.Result)}
		for _, s := range d.Steps {
			sj := stepJSON{Rule: s.Rule, Expr: exprOut(s.Expr), Result: exprOut(s.Result)}
			if s.Inner != nil {
				in := exprOut(s.Inner)
				sj.Inner = &in
			}
			dj.Steps = append(dj.Steps, sj)
		}
		for _, rw := range d.Simplification {
			dj.Simplification = append(dj.Simplification, rewriteJSON{Rule: rw.Rule, Before: exprOut(rw.Before), After: exprOut(rw.After)})
		}
		if d.Abridged && d.Graph != nil {
			dj.Abridged, dj.Graph = true, graphOut(d.Graph)
		}
		r.Derivations = append(r.Derivations, dj)
		r.Result = dj.Result
	}
	return r
}

// graphOut returns the nodes of g.
func graphOut(g *derive.Graph) *graphJSON {
	out := &graphJSON{Nodes: make([]nodeJSON, len(g.Nodes))}
	for i, n := range g.Nodes {
		nj := nodeJSON{Name: n.Name.Name(), Def: exprOut(n.Def), Locals: make([]localJSON, len(n.Inputs))}
		for k, in := range n.Inputs {
			nj.Locals[k] = localJSON{Input: in.Name(), Expr: exprOut(n.Locals[k])}
		}
		out.Nodes[i] = nj
	}
	return out
}

// simplifiedFirst returns the derivation of the simplified form of the
// input e by v where viaSimplifiedInput takes that path: e small, its
// simplified form cheaper (simplerInput), and the derivation's result
// cheaper than d, the derivative of e as written. The derivation is the
// derivative taken, once.
func (c *cli) simplifiedFirst(e symbolic.Expr, v *symbolic.Symbol, d symbolic.Expr) (*derive.Derivation, bool) {
	s, ok := c.simplerInput(e)
	if !ok {
		return nil, false
	}
	alt, err := derive.New(s, v, derive.FuncName("f"), derive.WithSimplifier(simplifierSteps(c.ctx, s, v)))
	if err != nil || simplify.Cost(alt.Result) >= simplify.Cost(d) {
		return nil, false
	}
	return alt, true
}
