package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

var diffFlags = []flagSpec{
	{name: "n", short: "n", arg: "N", help: "the N-th derivative (with several VARs: N times each)"},
	{name: "raw", help: "print the derivative as differentiated, without simplifying"},
	{name: "check", help: "check the derivative against finite differences and the complex step"},
	{name: "at", arg: "x=0.5,y=2", help: "print the derivative's value at a point; values may be exact (x=1/3, x=pi/4); repeat to add variables", accumulates: true},
}

// diffConflicts are the pairs of flags that ask for different outputs.
// --latex with --standalone is allowed: --standalone is a LaTeX document.
var diffConflicts = [][2]string{
	{"latex", "markdown"}, {"markdown", "standalone"},
	{"steps", "check"}, {"markdown", "check"}, {"standalone", "check"},
	{"steps", "at"}, {"markdown", "at"}, {"standalone", "at"},
	{"steps", "stats"}, {"markdown", "stats"}, {"standalone", "stats"},
}

// runDiff is the default command: symdiff EXPR [VAR...].
func runDiff(c *cli, a args) error {
	if len(a.operands) == 0 {
		return usagef("missing the expression: symdiff EXPR VAR")
	}
	if err := a.conflicts(diffConflicts...); err != nil {
		return err
	}
	n := 1
	if a.has("n") {
		var err error
		n, err = strconv.Atoi(a.get("n"))
		if err != nil || n < 0 {
			return usagef("-n wants a non-negative integer, got %q", a.get("n"))
		}
		if n > 1000 {
			return usagef("-n %d: at most 1000 derivatives", n)
		}
	}
	var point map[string]float64
	if a.has("at") {
		var err error
		if point, err = parsePoint(a.get("at")); err != nil {
			return err
		}
	}
	return c.eachExpr(a.operands[0], func(src string) error {
		return c.diffOne(a, src, n, point)
	})
}

// diffOne differentiates one expression and prints what the flags ask
// for.
func (c *cli) diffOne(a args, src string, n int, point map[string]float64) error {
	var st stats
	t0 := time.Now()
	e, err := c.parse(a, src)
	if err != nil {
		return err
	}
	st.ParseNS = time.Since(t0).Nanoseconds()
	st.InputDAG = symbolic.Size(e)

	if op := a.operands[0]; len(a.operands) == 1 && looksLikeFlag(op) && len(op) > 2 {
		// symdiff -latx: a dash and a word alone is a mistyped flag,
		// not the negated variable latx.
		return unknownFlag(op)
	}
	vars, err := diffVars(e, a.operands[1:])
	if err != nil {
		if looksLikeFlag(a.operands[0]) {
			return unknownFlag(a.operands[0])
		}
		return err
	}
	if err := c.checkVars(a.operands[0], e, vars); err != nil {
		return err
	}
	if wantsDerivation(a) {
		return c.printDerivations(a, e, vars, n)
	}
	// Differentiate n times in each variable, simplifying after each step
	// (unless --raw) so that high derivatives do not swell.
	r, prev := e, e
	var last *symbolic.Symbol
	for _, v := range vars {
		for range n {
			prev, last = r, v
			t := time.Now()
			d, err := symbolic.DContext(c.ctx, r, v, c.maxNodes)
			if err != nil {
				return err
			}
			st.DiffNS += time.Since(t).Nanoseconds()
			if !a.has("raw") {
				t = time.Now()
				if d, err = c.simplify(d); err != nil {
					return err
				}
				st.SimplifyNS += time.Since(t).Nanoseconds()
			}
			r = d
		}
	}
	t := time.Now()
	// A sum that is a number times a sum of the input (or of the
	// derivative before) prints as that multiple: 2*(w*x + b - y).
	out := symbolic.FormatShared(r, e, prev)
	if a.has("latex") {
		out = latex.Format(r)
	}
	st.PrintNS = time.Since(t).Nanoseconds()
	st.ResultDAG = symbolic.Size(r)
	st.ResultCost = simplify.Cost(r)
	fmt.Fprintln(c.stdout, out)

	if a.has("at") {
		v, err := evalAt(r, point)
		if err != nil {
			return fmt.Errorf("the derivative at %s: %w", a.get("at"), err)
		}
		fmt.Fprintf(c.stdout, "at %s: %s\n", a.get("at"), formatFloat(v))
	}
	if a.has("stats") {
		c.writeStats(&st)
	}
	if a.has("check") && last != nil {
		opts := &numeric.CheckOptions{N: 5, Seed: 1}
		if a.has("at") {
			// Check at the given point: x from --at, the others fixed.
			opts.Fixed = map[*symbolic.Symbol]float64{}
			for name, v := range point {
				if name == last.Name() {
					opts.Points = []float64{v}
				} else {
					opts.Fixed[symbolic.Sym(name)] = v
				}
			}
		}
		rep, err := numeric.Check(prev, r, last, opts)
		if err != nil {
			return err
		}
		fmt.Fprint(c.stdout, rep.String())
		if !rep.OK {
			return fmt.Errorf("check failed: %s", rep.Summary())
		}
	}
	return nil
}

// diffVars resolves the variable operands. With none, the expression's only
// variable is used.
func diffVars(e symbolic.Expr, names []string) ([]*symbolic.Symbol, error) {
	if len(names) == 0 {
		syms := symbolic.Symbols(e)
		switch len(syms) {
		case 0:
			return nil, usagef("missing the variable: symdiff EXPR VAR")
		case 1:
			return syms, nil
		}
		var ns []string
		for _, s := range syms {
			ns = append(ns, s.Name())
		}
		return nil, usagef("which variable? the expression has %s: symdiff EXPR VAR", strings.Join(ns, ", "))
	}
	vars := make([]*symbolic.Symbol, len(names))
	for i, name := range names {
		s := symbolic.Sym(name)
		if _, ok := symbolic.Lookup(name); ok || name == "ln" || name == "sqrt" {
			return nil, usagef("cannot differentiate with respect to %s: it is a function, not a variable", name)
		}
		if s.IsConstant() {
			return nil, usagef("cannot differentiate with respect to %s: it is a constant, not a variable", name)
		}
		if !validName(name) {
			hint := ""
			switch {
			case strings.ContainsAny(name, ", "):
				hint = " (give the variables as separate arguments: x y)"
			case i == 0 && len(names) == 1:
				hint = " (the expression comes first: symdiff EXPR VAR)"
			}
			return nil, usagef("cannot differentiate with respect to %q: not a variable name%s", name, hint)
		}
		vars[i] = s
	}
	return vars, nil
}

func validName(s string) bool {
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127
		digit := r >= '0' && r <= '9'
		if !letter && !(digit && i > 0) {
			return false
		}
	}
	return s != ""
}
