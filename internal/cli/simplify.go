package cli

import (
	"time"

	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// runSimplify is symdiff simplify EXPR.
func runSimplify(c *cli, a args) error {
	return c.eachExpr(a.operands[0], func(src string) error {
		return c.emit(c.simplifyOne(a, src))
	})
}

func (c *cli) simplifyOne(a args, src string) (result, error) {
	t0 := time.Now()
	e, err := c.parse(a, src)
	if err != nil {
		return nil, err
	}
	t1 := time.Now()
	r, err := c.simplify(e)
	if err != nil {
		return nil, err
	}
	t2 := time.Now()
	res := &simplifyResult{header: header{Command: "simplify", Input: src}, Result: exprOut(r), expr: r}
	if c.wantStats {
		res.Stats = c.withSimplifier(&stats{
			ParseNS: t1.Sub(t0).Nanoseconds(), SimplifyNS: t2.Sub(t1).Nanoseconds(), PrintNS: time.Since(t2).Nanoseconds(),
			InputDAG: symbolic.Size(e), ResultDAG: symbolic.Size(r), ResultCost: simplify.Cost(r),
		})
	}
	return res, nil
}

// simplify runs the simplifier with its default budgets. A --timeout that
// ends it is an error (reported by report), never a partly simplified
// answer.
func (c *cli) simplify(e symbolic.Expr) (symbolic.Expr, error) {
	return simplify.Simplify(c.ctx, e, simplify.CollectStats(&c.simplified), simplify.WithCache(&resultCache))
}

// simplifyDerivative is simplify for d, a derivative of f in vars: its
// sums that differentiate f's are oriented as the simplifier's own (see
// simplify.DerivativeOf).
func (c *cli) simplifyDerivative(d, f symbolic.Expr, vars ...*symbolic.Symbol) (symbolic.Expr, error) {
	return simplify.Simplify(c.ctx, d, simplify.CollectStats(&c.simplified), simplify.WithCache(&resultCache),
		simplify.DerivativeOf(f, vars...))
}

// simplifyPartials simplifies the partials of f in vars together (see
// simplifyAll and simplifyDerivative).
func (c *cli) simplifyPartials(ps []symbolic.Expr, f symbolic.Expr, vars []*symbolic.Symbol) ([]symbolic.Expr, error) {
	return simplify.All(c.ctx, ps, simplify.CollectStats(&c.simplified), simplify.WithCache(&resultCache),
		simplify.DerivativeOf(f, vars...))
}

// simplifyAll simplifies es together, sharing the work on what they have
// in common (the partials of a gradient).
func (c *cli) simplifyAll(es []symbolic.Expr) ([]symbolic.Expr, error) {
	return simplify.All(c.ctx, es, simplify.CollectStats(&c.simplified), simplify.WithCache(&resultCache))
}

// resultCache is the process's cache of simplified results, shared by the
// commands of a batch and the runs of a session (see simplify.Cache).
var resultCache simplify.Cache
