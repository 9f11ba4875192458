package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

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
	if err := a.conflicts(gradConflicts...); err != nil {
		return err
	}
	return c.emit(c.gradOne(a))
}

func (c *cli) gradOne(a args) (result, error) {
	e, st, err := c.parseOperand(a, a.operands[0])
	if err != nil {
		return nil, err
	}
	vars, err := c.operandVars(a, e, gradVars)
	if err != nil {
		return nil, err
	}
	t := time.Now()
	J, err := symbolic.Jacobian(c.ctx, []symbolic.Expr{e}, vars)
	if err != nil {
		return nil, err
	}
	partials := J[0]
	st.DiffNS = time.Since(t).Nanoseconds()
	if c.wantStats {
		// With --let too, the size of the gradient itself, not of its
		// let form (and, simplified, the size and cost of the simplified
		// gradient: below).
		st.ResultDAG, st.ResultCost = symbolic.Size(partials...), simplify.Cost(partials...)
	}
	var bindings []symbolic.Binding
	if a.has("let") {
		// The gradient in let form, from the gradient computed once: part
		// of the differentiation's time, as the form it is printed in.
		t = time.Now()
		if err := catch(func() { bindings, partials = symbolic.Let(partials) }); err != nil {
			return nil, err
		}
		st.DiffNS += time.Since(t).Nanoseconds()
	}
	if !a.has("raw") && !a.has("let") {
		t = time.Now()
		if partials, err = c.simplifyPartials(partials, e, vars); err != nil {
			return nil, err
		}
		st.SimplifyNS = time.Since(t).Nanoseconds()
		if c.wantStats {
			st.ResultDAG, st.ResultCost = symbolic.Size(partials...), simplify.Cost(partials...)
		}
	}
	t = time.Now()
	r := &gradResult{header: header{Command: "grad", Input: c.src}, Vars: names(vars), partials: partials, bindings: bindings}
	// The partials print in one shape: a partial that is a number times a
	// sum of another partial (or of the input) prints as that multiple,
	// 2*(w*x + b - y) beside 2*x*(w*x + b - y).
	shared := symbolic.NewSharedFormatter(append(slices.Clone(partials), e)...)
	for _, p := range partials {
		r.Result = append(r.Result, exprShared(shared, p))
	}
	for _, b := range bindings {
		r.Let = append(r.Let, bindingJSON{Name: b.Name.Name(), exprJSON: exprOut(b.Value)})
	}
	st.PrintNS = time.Since(t).Nanoseconds()
	if c.wantStats {
		r.Stats = c.withSimplifier(st)
	}
	point, err := c.point(a)
	if err != nil {
		return nil, err
	}
	atGradient := within([]symbolic.Expr{e}, point, func() (any, error) { return valuesAt(partials, point) })
	if r.At, r.atText, err = atFlagValue(a, point, "gradient", atGradient); err != nil {
		return r, err
	}
	if a.has("check") {
		ok := true
		for i, v := range vars {
			rep, err := numeric.Check(e, partials[i], v, checkOptions(a, v, point))
			if err != nil {
				return r, err
			}
			ok = ok && rep.OK
			r.reports = append(r.reports, rep)
			r.Check = append(r.Check, checkOut(rep))
		}
		if !ok {
			return r, verdictError{"check failed for a partial (see the table)"}
		}
	}
	return r, nil
}

// gradConflicts are the flags grad, jacobian and hessian cannot combine:
// --let names intermediate results that only the text output shows.
var gradConflicts = [][2]string{{"let", "at"}, {"let", "check"}, {"let", "latex"}, {"let", "markdown"}}

// atFlagValue is the --at of a result: nil without --at, else the point with
// the value(s) that eval gives there, and the flag's text; an error of
// eval is one of "the WHAT at" the point.
func atFlagValue(a args, point map[string]float64, what string, eval func() (any, error)) (*atJSON, string, error) {
	if !a.has("at") {
		return nil, "", nil
	}
	v, err := eval()
	if err != nil {
		return nil, "", fmt.Errorf("the %s at %s: %w", what, a.get("at"), err)
	}
	return &atJSON{Point: point, Value: v}, a.get("at"), nil
}

// valuesAt evaluates es at point.
func valuesAt(es []symbolic.Expr, point map[string]float64) ([]float64, error) {
	vs := make([]float64, len(es))
	for i, e := range es {
		v, err := evalAt(e, point)
		if err != nil {
			return nil, err
		}
		vs[i] = v
	}
	return vs, nil
}

func names(vars []*symbolic.Symbol) []string {
	ns := make([]string, len(vars))
	for i, v := range vars {
		ns[i] = v.Name()
	}
	return ns
}

// runJacobian prints the Jacobian matrix: symdiff jacobian "f1; f2" VARS.
func runJacobian(c *cli, a args) error {
	fs, _, err := c.functions(a, a.operands[0], false)
	if err != nil {
		return err
	}
	vars, err := c.operandVars(a, symbolic.Add(fs...), gradVars)
	if err != nil {
		return err
	}
	rows, err := symbolic.Jacobian(c.ctx, fs, vars)
	if err != nil {
		return err
	}
	return c.emit(c.matrix(a, "jacobian", rows, fs, fs, vars))
}

// runHessian prints the Hessian matrix: symdiff hessian EXPR VARS.
func runHessian(c *cli, a args) error {
	e, _, err := c.parseOperand(a, a.operands[0])
	if err != nil {
		return err
	}
	vars, err := c.operandVars(a, e, gradVars)
	if err != nil {
		return err
	}
	rows, err := symbolic.Hessian(c.ctx, e, vars)
	if err != nil {
		return err
	}
	// Row i is the gradient of the partial in vars[i]: --check compares
	// its entries with that partial's numeric derivatives.
	fs := make([]symbolic.Expr, len(vars))
	for i, v := range vars {
		if fs[i], err = symbolic.Diff(c.ctx, e, v, symbolic.MaxNodes(c.maxNodes)); err != nil {
			return err
		}
	}
	return c.emit(c.matrix(a, "hessian", rows, []symbolic.Expr{e}, fs, vars))
}

// matrix returns the result of a Jacobian or Hessian whose row i holds
// the partials of fs[i], simplifying each distinct entry once (the
// Hessian's symmetric entries are the same node) unless --raw. inputs are
// the functions differentiated, for symbolic.SharedFormatter.
func (c *cli) matrix(a args, name string, rows [][]symbolic.Expr, inputs, fs []symbolic.Expr, vars []*symbolic.Symbol) (result, error) {
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
			return nil, err
		}
		for i, x := range distinct {
			done[x] = simple[i]
		}
	}
	all := slices.Clone(inputs)
	for _, x := range distinct {
		all = append(all, done[x])
	}
	r := &matrixResult{header: header{Command: name, Input: c.src}, Vars: names(vars)}
	shared := symbolic.NewSharedFormatter(all...)
	for _, row := range rows {
		out := make([]symbolic.Expr, len(row))
		outJSON := make([]exprJSON, len(row))
		for j, x := range row {
			// Entries print in one shape (see symbolic.SharedFormatter).
			out[j], outJSON[j] = done[x], exprShared(shared, done[x])
		}
		r.rows = append(r.rows, out)
		r.Result = append(r.Result, outJSON)
	}
	point, err := c.point(a)
	if err != nil {
		return nil, err
	}
	r.At, r.atText, err = atFlagValue(a, point, name, within(inputs, point, func() (any, error) {
		var vs [][]float64
		for _, row := range r.rows {
			v, err := valuesAt(row, point)
			if err != nil {
				return nil, err
			}
			vs = append(vs, v)
		}
		return vs, nil
	}))
	if err != nil {
		return r, err
	}
	if a.has("check") {
		ok := true
		for i, row := range r.rows {
			var reps []*numeric.Report
			var outs []*checkJSON
			for j, x := range row {
				rep, err := numeric.Check(fs[i], x, vars[j], checkOptions(a, vars[j], point))
				if err != nil {
					return r, err
				}
				ok = ok && rep.OK
				reps, outs = append(reps, rep), append(outs, checkOut(rep))
			}
			r.reports, r.Check = append(r.reports, reps), append(r.Check, outs)
		}
		if !ok {
			return r, verdictError{"check failed for an entry (see the tables)"}
		}
	}
	return r, nil
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
	st := &stats{ParseNS: time.Since(t).Nanoseconds(), InputDAG: c.inputSize(e)}
	return e, st, nil
}

// catch runs f and returns a *symbolic.Error it panics with.
func catch(f func()) (err error) {
	defer symbolic.Recover(&err)
	f()
	return nil
}
