package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/symdiff/symdiff/graph"
	"github.com/symdiff/symdiff/symbolic"
)

var gradFlags = []flagSpec{
	{name: "raw", help: "print the partials as differentiated, without simplifying"},
	{name: "let", help: "print the shared intermediate results as bindings t1 = ..., then the partials"},
}

var graphFlags = []flagSpec{
	{name: "at", arg: "w=-2,x=5,b=3", help: "the point at which to compute forward values and adjoints (repeat to add variables)", accumulates: true},
	{name: "dot", help: "print the graph as Graphviz DOT instead of a table"},
	{name: "svg", arg: "FILE", help: "write the graph as SVG to FILE, or to standard output for - (needs Graphviz's dot)"},
}

// gradVars returns the variables named by the operands, or all free
// variables by name when there are none.
func gradVars(e symbolic.Expr, names []string) ([]*symbolic.Symbol, error) {
	if len(names) == 0 {
		vs := symbolic.Symbols(e)
		if len(vs) == 0 {
			return nil, usagef("the expression has no variables")
		}
		return vs, nil
	}
	// VARS may be given as "x y" or "x,y".
	var split []string
	for _, n := range names {
		split = append(split, strings.FieldsFunc(n, func(r rune) bool { return r == ',' || r == ' ' })...)
	}
	return diffVars(e, split)
}

// runGrad prints the gradient: symdiff grad EXPR [VARS].
func runGrad(c *cli, a args) error {
	if len(a.operands) == 0 {
		return usagef("missing the expression: symdiff grad EXPR [VARS]")
	}
	e, st, err := c.parseOperand(a, a.operands[0])
	if err != nil {
		return err
	}
	vars, err := gradVars(e, a.operands[1:])
	if err != nil {
		return err
	}
	if err := c.checkVars(a.operands[0], e, vars); err != nil {
		return err
	}
	t := time.Now()
	var partials []symbolic.Expr
	var bindings []symbolic.Binding
	if a.has("let") {
		err = catch(func() { bindings, partials = symbolic.GradientBindings(e, vars) })
	} else {
		partials, err = symbolic.GradientContext(c.ctx, e, vars)
	}
	if err != nil {
		return err
	}
	st.DiffNS = time.Since(t).Nanoseconds()
	st.ResultDAG = symbolic.Size(partials...)
	if a.has("let") {
		st.ResultDAG = symbolic.Size(symbolic.Gradient(e, vars)...)
	}
	if !a.has("raw") && !a.has("let") {
		t = time.Now()
		if partials, err = c.simplifyAll(partials); err != nil {
			return err
		}
		st.SimplifyNS = time.Since(t).Nanoseconds()
	}
	t = time.Now()
	var b strings.Builder
	for _, bd := range bindings {
		fmt.Fprintf(&b, "%s = %s\n", bd.Name, bd.Value)
	}
	// The partials print in one shape: a partial that is a number times a
	// sum of another partial (or of the input) prints as that multiple,
	// 2*(w*x + b - y) beside 2*x*(w*x + b - y).
	others := append(slices.Clone(partials), e)
	for i, v := range vars {
		fmt.Fprintf(&b, "d/d%s = %s\n", v.Name(), symbolic.FormatShared(partials[i], others...))
	}
	st.PrintNS = time.Since(t).Nanoseconds()
	fmt.Fprint(c.stdout, b.String())
	if a.has("stats") {
		c.writeStats(st)
	}
	return nil
}

// runJacobian prints the Jacobian matrix: symdiff jacobian "f1; f2" VARS.
func runJacobian(c *cli, a args) error {
	if len(a.operands) == 0 {
		return usagef(`missing the functions: symdiff jacobian "f1; f2" VARS`)
	}
	src, err := c.readExpr(a.operands[0])
	if err != nil {
		return err
	}
	var fs []symbolic.Expr
	parts := strings.Split(src, ";")
	for i, part := range parts {
		f, err := c.parse(a, part)
		if err != nil {
			return fmt.Errorf("function %d of %d: %w", i+1, len(parts), err)
		}
		fs = append(fs, f)
	}
	vars, err := gradVars(symbolic.Add(fs...), a.operands[1:])
	if err != nil {
		return err
	}
	if err := c.checkVars(a.operands[0], symbolic.Add(fs...), vars); err != nil {
		return err
	}
	rows, err := symbolic.JacobianContext(c.ctx, fs, vars)
	if err != nil {
		return err
	}
	return c.printMatrix(a, rows, fs...)
}

// runHessian prints the Hessian matrix: symdiff hessian EXPR VARS.
func runHessian(c *cli, a args) error {
	if len(a.operands) == 0 {
		return usagef("missing the expression: symdiff hessian EXPR [VARS]")
	}
	e, _, err := c.parseOperand(a, a.operands[0])
	if err != nil {
		return err
	}
	vars, err := gradVars(e, a.operands[1:])
	if err != nil {
		return err
	}
	if err := c.checkVars(a.operands[0], e, vars); err != nil {
		return err
	}
	rows, err := symbolic.HessianContext(c.ctx, e, vars)
	if err != nil {
		return err
	}
	return c.printMatrix(a, rows, e)
}

// printMatrix prints one row a line as [a, b, c], simplifying each entry
// once (the Hessian's symmetric entries are the same node) unless --raw.
// inputs are the functions differentiated, for symbolic.FormatShared.
func (c *cli) printMatrix(a args, rows [][]symbolic.Expr, inputs ...symbolic.Expr) error {
	done := map[symbolic.Expr]symbolic.Expr{}
	var distinct []symbolic.Expr
	for _, row := range rows {
		for _, x := range row {
			if _, ok := done[x]; !ok {
				done[x] = x
				distinct = append(distinct, x)
			}
		}
	}
	if !a.has("raw") {
		// Simplified together: the entries share most of their nodes.
		simple, err := c.simplifyAll(distinct)
		if err != nil {
			return err
		}
		for i, x := range distinct {
			done[x] = simple[i]
		}
	}
	all := slices.Clone(inputs)
	for _, x := range distinct {
		all = append(all, done[x])
	}
	// Entries print in one shape (see symbolic.FormatShared).
	for _, row := range rows {
		parts := make([]string, len(row))
		for j, x := range row {
			parts[j] = symbolic.FormatShared(done[x], all...)
		}
		fmt.Fprintf(c.stdout, "[%s]\n", strings.Join(parts, ", "))
	}
	return nil
}

// runGraph prints the computational graph with forward values and
// adjoints: symdiff graph EXPR --at w=-2,x=5,b=3.
func runGraph(c *cli, a args) error {
	if len(a.operands) != 1 {
		return usagef("symdiff graph EXPR --at x=1,y=2 takes one expression, got %d operands", len(a.operands))
	}
	if err := a.conflicts([2]string{"dot", "svg"}); err != nil {
		return err
	}
	if a.has("svg") && a.get("svg") == "" {
		return usagef("--svg needs a file name, or - for standard output")
	}
	e, _, err := c.parseOperand(a, a.operands[0])
	if err != nil {
		return err
	}
	point, err := parsePoint(a.get("at"))
	if err != nil {
		return err
	}
	if len(symbolic.Symbols(e)) > 0 && !a.has("at") {
		return usagef("graph needs the point: --at x=1,y=2")
	}
	at := map[*symbolic.Symbol]float64{}
	for name, v := range point {
		at[symbolic.Sym(name)] = v
	}
	g, err := graph.Build(e, at)
	if err != nil {
		return err
	}
	if a.has("svg") {
		file := a.get("svg")
		svg, err := graph.SVG(g.DOT())
		if err != nil {
			return err
		}
		if file == "-" {
			_, err = c.stdout.Write(svg)
			return err
		}
		return os.WriteFile(file, svg, 0o644)
	}
	if a.has("dot") {
		fmt.Fprint(c.stdout, g.DOT())
		return nil
	}
	fmt.Fprint(c.stdout, g.Table())
	return nil
}

// parseOperand reads and parses an expression operand, timing it for
// --stats.
func (c *cli) parseOperand(a args, op string) (symbolic.Expr, *stats, error) {
	src, err := c.readExpr(op)
	if err != nil {
		return nil, nil, err
	}
	t := time.Now()
	e, err := c.parse(a, src)
	if err != nil {
		return nil, nil, err
	}
	st := &stats{ParseNS: time.Since(t).Nanoseconds(), InputDAG: symbolic.Size(e)}
	return e, st, nil
}

// catch runs f and returns a *symbolic.Error it panics with.
func catch(f func()) (err error) {
	defer symbolic.Recover(&err)
	f()
	return nil
}
