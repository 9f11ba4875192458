package cli

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// diffConflicts are the pairs of flags that ask for different outputs.
// --latex with --standalone is allowed: --standalone is a LaTeX document.
var diffConflicts = [][2]string{
	{"latex", "markdown"}, {"markdown", "standalone"},
	{"steps", "check"}, {"markdown", "check"}, {"standalone", "check"},
	{"steps", "at"}, {"markdown", "at"}, {"standalone", "at"},
	{"steps", "stats"}, {"markdown", "stats"}, {"standalone", "stats"},
	{"json", "standalone"},
	{"answer", "check"}, {"answer", "at"}, {"answer", "steps"}, {"answer", "markdown"}, {"answer", "standalone"}, {"answer", "latex"},
}

// runDiff is the default command: symdiff EXPR [VAR...].
func runDiff(c *cli, a args) error {
	if err := a.conflicts(diffConflicts...); err != nil {
		return err
	}
	if a.has("plot") && !a.has("markdown") && !a.has("standalone") {
		return usagef("--plot goes with --markdown or --standalone (symdiff plot draws a picture alone)")
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
	point, err := c.point(a)
	if err != nil {
		return err
	}
	err = c.eachExpr(a.operands[0], func(src string) error {
		if wantsDerivation(a) {
			return c.derivations(a, src, n)
		}
		return c.emit(c.diffOne(a, src, n, point))
	})
	if a.has("answer") && err != nil && !errors.As(err, new(verdictError)) {
		return troubleError{err}
	}
	return err
}

// diffOne differentiates one expression and returns what the flags ask
// for.
func (c *cli) diffOne(a args, src string, n int, point map[string]float64) (result, error) {
	var st stats
	t0 := time.Now()
	e, vars, checked, err := c.diffInputOverlapped(a, src)
	if err != nil {
		return nil, err
	}
	st.ParseNS = time.Since(t0).Nanoseconds()
	// checked waits for the checks of a large input, made meanwhile beside
	// the first derivative (see diffInputOverlapped); the time waited is
	// the input's.
	wait := func() error {
		if checked == nil {
			return nil
		}
		t := time.Now()
		err := checked()
		checked = nil
		st.ParseNS += time.Since(t).Nanoseconds()
		return err
	}

	// Differentiate n times in each variable, simplifying after each step
	// (unless --raw) so that high derivatives do not swell.
	r, prev := e, e
	var last *symbolic.Symbol
	for _, v := range vars {
		for k := range n {
			if k > 0 && time.Since(t0) >= hugeAfter {
				// Another order after a long one: see hugeAfter.
				prepareHeap(hugeLater)
			}
			prev, last = r, v
			t := time.Now()
			d, err := symbolic.Diff(c.ctx, r, v, symbolic.MaxNodes(c.maxNodes))
			st.DiffNS += time.Since(t).Nanoseconds()
			if err := wait(); err != nil {
				return nil, err // the input's error comes before the derivative's
			}
			if err != nil {
				return nil, err
			}
			if !a.has("raw") {
				t = time.Now()
				if d, err = c.simplifyDerivative(d, r, v); err != nil {
					return nil, err
				}
				if r == e {
					d = c.viaSimplifiedInput(e, v, d)
				}
				st.SimplifyNS += time.Since(t).Nanoseconds()
			}
			r = d
		}
	}
	if err := wait(); err != nil { // n = 0: no derivative was taken
		return nil, err
	}
	st.InputDAG = c.inputSize(e)
	t := time.Now()
	// A sum that is a number times a sum of the input (or of the
	// derivative before) prints as that multiple: 2*(w*x + b - y). LaTeX
	// and Markdown output write no text (a large derivative's costs as
	// much as its LaTeX).
	shared := symbolic.NewSharedFormatter(e, prev)
	out := exprJSON{LaTeX: lazyTeX{e: r, shared: shared}}
	if c.format == textFormat || c.format == jsonFormat {
		out = exprShared(shared, r)
	}
	res := &diffResult{header: header{Command: "diff", Input: src}, N: n, Result: out, expr: r}
	for _, v := range vars {
		res.Vars = append(res.Vars, v.Name())
	}
	st.PrintNS = time.Since(t).Nanoseconds()
	if c.wantStats {
		st.ResultDAG = symbolic.Size(r)
		st.ResultCost = simplify.Cost(r)
		res.Stats = c.withSimplifier(&st)
	}
	if a.has("answer") {
		if err := c.judgeAnswer(a, res); err != nil && !errors.As(err, new(verdictError)) {
			return nil, err // trouble: nothing to show
		} else if err != nil {
			return res, err
		}
		return res, nil
	}
	atDerivative := within([]symbolic.Expr{e}, point, func() (any, error) { return evalAt(r, point) })
	if res.At, res.atText, err = atFlagValue(a, point, "derivative", atDerivative); err != nil {
		return res, err
	}
	if a.has("check") && last != nil {
		rep, err := numeric.Check(prev, r, last, checkOptions(a, last, point))
		if err != nil {
			return res, err
		}
		res.report, res.Check = rep, checkOut(rep)
		if !rep.OK {
			return res, verdictError{"check failed: " + rep.Summary()}
		}
	}
	return res, nil
}

// checkOptions returns the options of --check for a derivative in x: at
// the point of --at if given (x from it, the other variables fixed), else
// at random points.
func checkOptions(a args, x *symbolic.Symbol, point map[string]float64) *numeric.CheckOptions {
	opts := &numeric.CheckOptions{N: 5, Seed: 1}
	if a.has("at") {
		opts.Fixed = map[*symbolic.Symbol]float64{}
		for name, v := range point {
			if name == x.Name() {
				opts.Points = []float64{v}
			} else {
				opts.Fixed[symbolic.Sym(name)] = v
			}
		}
	}
	return opts
}

// diffInput parses the expression and resolves the variables of a
// derivative, with the warnings of checkVars.
func (c *cli) diffInput(a args, src string) (symbolic.Expr, []*symbolic.Symbol, error) {
	e, err := c.parse(a, src)
	if err != nil {
		return nil, nil, err
	}
	return c.diffVarsOf(a, e)
}

// overlapBytes is the length of input from which diffInputOverlapped
// checks it beside the first derivative.
const overlapBytes = 64 << 10

// diffInputOverlapped is diffInput for diffOne. For an input of
// overlapBytes or more whose variables are given, the checks of the input
// (inspectInput, a walk of its whole DAG: 13 ms of a 1 MB input's 50) and
// of its variables run on another goroutine while the caller takes the
// first derivative, which needs neither: checked, not nil then, waits for
// them and returns their error, which the caller reports instead of
// anything the derivative gave. The warnings are written when checked is
// called, before any output. For other inputs checked is nil and the
// checks are made here, in order.
func (c *cli) diffInputOverlapped(a args, src string) (e symbolic.Expr, vars []*symbolic.Symbol, checked func() error, err error) {
	op := a.operands[0]
	if len(src) < overlapBytes || len(a.operands) < 2 || looksLikeFlag(op) {
		e, vars, err := c.diffInput(a, src)
		return e, vars, nil, err
	}
	e, opts, err := c.parseOnly(a, src)
	if err != nil {
		return nil, nil, nil, err
	}
	vars, err = diffVars(e, a.operands[1:])
	if err != nil {
		return nil, nil, nil, err
	}
	done := make(chan error, 1)
	go func() { done <- c.check(e, src, opts) }()
	checked = func() error {
		if err := <-done; err != nil {
			return err
		}
		return c.checkVars(op, e, vars)
	}
	return e, vars, checked, nil
}

// diffVarsOf is diffInput after the parse and the checks of the input.
func (c *cli) diffVarsOf(a args, e symbolic.Expr) (symbolic.Expr, []*symbolic.Symbol, error) {
	if op := a.operands[0]; len(a.operands) == 1 && looksLikeFlag(op) && len(op) > 2 {
		// symdiff -latx: a dash and a word alone is a mistyped flag,
		// not the negated variable latx.
		return nil, nil, unknownFlag(op)
	}
	vars, err := diffVars(e, a.operands[1:])
	if err != nil {
		if looksLikeFlag(a.operands[0]) {
			return nil, nil, unknownFlag(a.operands[0])
		}
		return nil, nil, err
	}
	if err := c.checkVars(a.operands[0], e, vars); err != nil {
		return nil, nil, err
	}
	return e, vars, nil
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
		if _, ok := symbolic.Lookup(name); ok || name == "sqrt" {
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

// maxAltInput is the largest input (distinct nodes) whose simplified form
// diffOne also differentiates (see viaSimplifiedInput): a textbook
// function, not a network's loss, where the second derivative and
// simplification cost a fraction of a millisecond.
const maxAltInput = 24

// viaSimplifiedInput returns the cheaper of d, the simplified derivative
// of the input e by v, and the simplified derivative of e's simplified
// form, where e is small (maxAltInput) and simplifies to something
// cheaper. The derivative is taken of the function the user wrote as
// written, and its simplification cannot always see through the rules
// that made it: d/dx of (exp(2*x) - 1)/(exp(2*x) + 1), tanh(x), is
// sech(x)^2, not 4*sigmoid(2*x)*(1 - sigmoid(2*x)); d/dx of x^3/abs(x^3),
// sign(x), is 0. Both forms are the same function (wherever the input is
// defined: simplifying may remove a removable singularity), and the result
// depends only on the input. Errors of the second path leave d.
func (c *cli) viaSimplifiedInput(e symbolic.Expr, v *symbolic.Symbol, d symbolic.Expr) symbolic.Expr {
	s, ok := c.simplerInput(e)
	if !ok {
		return d
	}
	d2, err := symbolic.Diff(c.ctx, s, v, symbolic.MaxNodes(c.maxNodes))
	if err != nil {
		return d
	}
	if d2, err = c.simplifyDerivative(d2, s, v); err != nil || simplify.Cost(d2) >= simplify.Cost(d) {
		return d
	}
	return d2
}

// simplerInput returns the simplified form of the input e where e is small
// (maxAltInput) and the form cheaper: the input whose derivative
// viaSimplifiedInput (and --steps, simplifiedFirst) also takes.
func (c *cli) simplerInput(e symbolic.Expr) (symbolic.Expr, bool) {
	if symbolic.Size(e) > maxAltInput {
		return nil, false
	}
	s, err := c.simplify(e)
	if err != nil || s == e || simplify.Cost(s) >= simplify.Cost(e) {
		return nil, false
	}
	return s, true
}
