// Command symdiff differentiates, simplifies and evaluates mathematical
// expressions.
//
//	symdiff "1/(1+exp(-x))" x        sigmoid(x)*(1 - sigmoid(x))
//
// Run symdiff --help for the commands and flags. Only the result goes to
// standard output; errors and warnings go to standard error, with a caret
// under the place in the input. The exit status is 0 on success, 1 for an
// error in the input or the mathematics or a failed write to standard
// output, 2 for wrong usage.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// A command is one of symdiff's subcommands.
type command struct {
	name    string
	summary string
	flags   []flagSpec
	run     func(c *cli, a args) error
}

// cli holds the streams of one run, so that tests can run it in-process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	src            string // the expression being worked on, for error snippets

	ctx      context.Context // carries the --timeout deadline
	timeout  time.Duration
	maxNodes int // --max-nodes: bound on a derivative's distinct nodes
	maxBytes int // --max-bytes: bound on the input's length

	simplified simplify.Stats // what the simplifier did, for --stats
}

var commonFlags = []flagSpec{
	{name: "func", arg: "f,g", help: "declare abstract functions: f(g(x)) differentiates to f'(g(x))*g'(x)", accumulates: true},
	{name: "stats", help: "write one JSON line of timings and DAG sizes to stderr"},
	{name: "verbose", short: "v", help: "tell on stderr how the input was read"},
	{name: "timeout", arg: "DURATION", help: "stop after this long, e.g. 500ms or 1m (default 30s)"},
	{name: "max-bytes", arg: "N", help: "refuse inputs longer than N bytes (default 1048576)"},
	{name: "max-depth", arg: "N", help: "refuse inputs nested deeper than N levels (default 5000)"},
	{name: "max-nodes", arg: "N", help: "refuse derivatives with more than N distinct nodes (default 10000000)"},
	{name: "max-number-bits", arg: "N", help: "refuse exact numbers larger than N bits (default 65536)"},
	{name: "help", short: "h", help: "show this help (also: symdiff help [COMMAND])"},
	{name: "version", help: "print the version (also: symdiff version)"},
}

func commands() []*command {
	return []*command{
		{name: "diff", summary: "differentiate (the default command)", flags: append(diffFlags, outputFlags...), run: runDiff},
		{name: "simplify", summary: "simplify an expression", flags: nil, run: runSimplify},
		{name: "eval", summary: "evaluate an expression at a point: symdiff eval EXPR x=1.5 y=2", run: runEval},
		{name: "grad", summary: "the gradient by reverse accumulation: symdiff grad EXPR [VARS]", flags: gradFlags, run: runGrad},
		{name: "jacobian", summary: `the Jacobian matrix: symdiff jacobian "f1; f2" VARS`, flags: gradFlags[:1], run: runJacobian},
		{name: "hessian", summary: "the Hessian matrix: symdiff hessian EXPR [VARS]", flags: gradFlags[:1], run: runHessian},
		{name: "graph", summary: "the computational graph with forward values and adjoints", flags: graphFlags, run: runGraph},
	}
}

func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	out := &errWriter{w: stdout}
	c := &cli{stdin: stdin, stdout: out, stderr: stderr}
	defer func() {
		// Never show a Go stack trace to a user: report the bug plainly.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "symdiff: internal error: %v\n(please report this with the command that caused it)\n", r)
			status = 1
		}
	}()
	cmd := commands()[0]
	explicit := false // the command was named
	if len(argv) > 0 {
		switch argv[0] {
		case "help":
			// symdiff help [COMMAND]
			if len(argv) > 1 {
				if k := findCommand(argv[1]); k != nil {
					cmd = k
				} else {
					return c.report(usagef("help: unknown command %q%s", argv[1], didYouMeanCommand(argv[1])))
				}
			}
			argv = []string{"--help"}
		case "version":
			argv = append([]string{"--version"}, argv[1:]...)
		}
		if k := findCommand(argv[0]); k != nil {
			cmd, argv, explicit = k, argv[1:], true
		}
	}
	specs := append(append([]flagSpec{}, cmd.flags...), commonFlags...)
	a, err := parseArgs(argv, specs)
	switch {
	case err != nil:
	case a.has("help"):
		fmt.Fprint(c.stdout, help(cmd, specs))
	case a.has("version"):
		fmt.Fprintln(c.stdout, version())
	default:
		if !explicit {
			err = misspelledCommand(a)
		}
		if err == nil {
			var cancel context.CancelFunc
			if cancel, err = c.applyLimits(a); err == nil {
				defer cancel()
				err = cmd.run(c, a)
			}
		}
	}
	if out.err != nil {
		// A full disk or a closed pipe: the output is incomplete.
		err = errors.Join(err, fmt.Errorf("writing standard output: %v", out.err))
	}
	return c.report(err)
}

// errWriter passes writes on and remembers the first error, so that a
// failed write to standard output (symdiff ... > /dev/full) ends in a
// non-zero exit, not a silently truncated answer.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

func findCommand(name string) *command {
	for _, k := range commands() {
		if name == k.name {
			return k
		}
	}
	return nil
}

// commandNames are the names a first operand is compared with for a
// did-you-mean.
func commandNames() []string {
	names := []string{"help", "version"}
	for _, k := range commands() {
		names = append(names, k.name)
	}
	return names
}

func didYouMeanCommand(s string) string {
	if best := closest(s, commandNames()); best != "" {
		return "; did you mean '" + best + "'?"
	}
	return ""
}

// misspelledCommand returns a usage error when the default command's first
// operand is a bare word close to a command's name (symdiff simplfy "x+x")
// and the rest does not make sense as a derivative of that word: the
// derivative of a lone symbol is 0 or 1, never what was meant.
func misspelledCommand(a args) error {
	if len(a.operands) == 0 || !validName(a.operands[0]) {
		return nil
	}
	word := a.operands[0]
	best := closest(word, commandNames())
	if best == "" || len(word) < 3 {
		return nil
	}
	for _, v := range a.operands[1:] {
		if v == word {
			return nil // symdiff grads grads: d/dgrads of grads
		}
	}
	return usagef("unknown command %q; did you mean '%s'?", word, best)
}

// version returns the module version and VCS revision from the build
// information.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "symdiff (no build information)"
	}
	v := "symdiff " + bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		}
	}
	if rev != "" {
		v += " revision " + rev + modified
	}
	return v + " " + bi.GoVersion
}

// Defaults of the limits that have no home in a library package.
const (
	defaultTimeout  = 30 * time.Second
	defaultMaxNodes = 10_000_000
)

// applyLimits reads the limit flags; see docs/limits.md.
func (c *cli) applyLimits(a args) (context.CancelFunc, error) {
	c.timeout, c.maxNodes, c.maxBytes = defaultTimeout, defaultMaxNodes, parser.DefaultMaxBytes
	if a.has("timeout") {
		d, err := time.ParseDuration(a.get("timeout"))
		if err != nil || d <= 0 {
			return nil, usagef("--timeout wants a duration such as 500ms or 2m, got %q", a.get("timeout"))
		}
		c.timeout = d
	}
	// The number limit is the process's: set it on every run, so that an
	// earlier run's --max-number-bits does not carry over (in tests).
	symbolic.SetNumberBitsLimit(symbolic.MaxNumberBits)
	for _, name := range []string{"max-nodes", "max-number-bits", "max-bytes", "max-depth"} {
		if !a.has(name) {
			continue
		}
		n, err := strconv.Atoi(a.get(name))
		if err != nil || n <= 0 {
			return nil, usagef("--%s wants a positive integer, got %q", name, a.get(name))
		}
		switch name {
		case "max-nodes":
			c.maxNodes = n
		case "max-bytes":
			c.maxBytes = n
		case "max-number-bits":
			symbolic.SetNumberBitsLimit(n)
		}
	}
	var cancel context.CancelFunc
	c.ctx, cancel = context.WithTimeout(context.Background(), c.timeout)
	return cancel, nil
}

// limitFlags maps the parser's limit names to the flags that raise them.
var limitFlags = map[string]string{
	"MaxBytes":      "--max-bytes",
	"MaxDepth":      "--max-depth",
	"MaxNumberBits": "--max-number-bits",
}

// report prints err and returns the exit status.
func (c *cli) report(err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(c.stderr, "symdiff: stopped after the time limit of %v (raise it with --timeout)\n", c.timeout)
		return 1
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.stderr, "symdiff: %v\nRun 'symdiff --help' for usage.\n", err)
		return 2
	}
	var pe *parser.Error
	if errors.As(err, &pe) {
		fmt.Fprintf(c.stderr, "symdiff: %v\n%s\n", err, pe.Snippet())
		if flag, ok := limitFlags[pe.Limit]; ok {
			fmt.Fprintf(c.stderr, "(raise the limit with %s)\n", flag)
		}
		return 1
	}
	fmt.Fprintf(c.stderr, "symdiff: %v\n", err)
	return 1
}

func help(cmd *command, specs []flagSpec) string {
	var b strings.Builder
	b.WriteString(`symdiff: symbolic differentiation, simplification and evaluation

Usage:
  symdiff [flags] EXPR [VAR...]      derivative of EXPR (successive partials for several VARs)
  symdiff simplify EXPR              simplify EXPR
  symdiff eval EXPR x=1.5 [y=2 ...]  evaluate EXPR at a point
  symdiff grad EXPR [VARS] [--let]   gradient by reverse accumulation, one partial a line
  symdiff jacobian "f1; f2" [VARS]   Jacobian matrix, one row a line
  symdiff hessian EXPR [VARS]        Hessian matrix, one row a line
  symdiff graph EXPR --at x=1,y=2    computational graph: forward values and adjoints (--dot, --svg FILE|-)
  symdiff help [COMMAND]             this help
  symdiff version                    the version and VCS revision

EXPR "-" reads standard input, one expression a line (blank lines skipped),
and prints one result a line (diff, simplify, eval); a bad line stops the
run with its line number. grad, jacobian, hessian and graph take one
expression. An EXPR that starts with a minus works as typed (-x^2); one
that reads like a mistyped flag (-L) is a usage error. "--" ends the flags;
flags may be written with one dash (-help) and -n with its value (-n2).

Several VARs mean successive partials in every output: symdiff "x^2*y^3" x y
is d/dy d/dx, and --steps shows the derivation of d/dx, then of its d/dy.

A point (eval, --at) is NAME=VALUE, separated by commas or spaces; a value
is a number or an expression of constants (x=1/3, x=pi/4, x=-2). --at may
be repeated to add variables; a variable given twice is an error. A value
that is not a finite number is an error that says why: outside the domain
(sqrt(x) at x=-1), a pole (log(x) at x=0) or an overflow (exp(x) at x=800).

Warnings on standard error, with the answer still printed: a VAR that does
not occur in EXPR; a name of several letters that holds VAR (xy is one
variable, not x*y); letters of other scripts that look like Latin ones
(Cyrillic х, U+0445, is not x). Undefined constants (log(0), 0^x) are
domain errors. Flags that ask for different outputs (--latex and --markdown,
--markdown and --standalone, --steps and --check or --at) are usage errors.

Examples:
  symdiff "1/(1+exp(-x))" x          sigmoid(x)*(1 - sigmoid(x))
  symdiff "w*x + b" w                x
  symdiff -n 2 "sin(x)^2" x          second derivative
  symdiff "x^2*y^3" x y              d/dy d/dx
  symdiff --check "tanh(x)" x        prove the derivative against numbers
  symdiff --at x=0.5 "x^x" x         the derivative's value at x = 0.5
  symdiff --func f,g "f(g(x))" x     f'(g(x))*g'(x)
  symdiff --latex "x^2/2" x          x (LaTeX)
  symdiff --steps "x^x" x            the derivation, each rule named
  symdiff --markdown "1/(1+exp(-x))" x > sigmoid.md
  symdiff simplify "sin(x)^2 + cos(x)^2"
  symdiff eval "x^2 + y" x=3 y=1
  symdiff grad "(w*x + b - y)^2" w b
  symdiff graph "w*x + b" --at w=-2,x=5,b=3

`)
	fmt.Fprintf(&b, "Flags of %s:\n%s", cmd.name, flagHelp(specs))
	b.WriteString(`
Functions: ` + functionNames() + `
Aliases: ln = log, sqrt(x) = x^(1/2), log(x, b) = log(x)/log(b), ** = ^.
Constants: pi (also π, always a name of its own: 2πx is 2*pi*x), e.
Exit status: 0 success; 1 an error in the input or the mathematics (a domain
error, a failed --check) or a failed write to standard output; 2 wrong usage.
`)
	return b.String()
}

func functionNames() string {
	var names []string
	for _, f := range symbolic.Builtins() {
		names = append(names, f.Name)
	}
	return strings.Join(names, " ")
}

// An inputLine is one expression read from standard input, with its line
// number.
type inputLine struct {
	n   int
	src string
}

// readExprs returns the expressions of the operand op: op itself, or for
// "-" the lines of standard input, one expression a line (blank lines are
// skipped).
func (c *cli) readExprs(op string) ([]inputLine, error) {
	if op != "-" {
		return []inputLine{{1, op}}, nil
	}
	// Read one byte more than the parser accepts, so that it reports the
	// input as too long instead of parsing a prefix.
	b, err := io.ReadAll(io.LimitReader(c.stdin, int64(c.maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %v", err)
	}
	if len(b) > c.maxBytes {
		return []inputLine{{1, string(b)}}, nil // the parser reports the limit
	}
	var lines []inputLine
	for i, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, inputLine{i + 1, strings.TrimSuffix(l, "\r")})
		}
	}
	if len(lines) == 0 {
		return []inputLine{{1, ""}}, nil // the parser reports the empty input
	}
	return lines, nil
}

// readExpr returns the expression operand, reading standard input for
// "-"; a command that takes one expression refuses several lines.
func (c *cli) readExpr(op string) (string, error) {
	lines, err := c.readExprs(op)
	if err != nil {
		return "", err
	}
	if len(lines) > 1 {
		return "", usagef("standard input has %d expressions (one a line) but this command takes one; join them (jacobian: with ';')", len(lines))
	}
	return lines[0].src, nil
}

// eachExpr calls f with each expression of the operand op, in order, and
// stops at the first error, which it places at its line of standard input.
func (c *cli) eachExpr(op string, f func(src string) error) error {
	lines, err := c.readExprs(op)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := f(l.src); err != nil {
			return atLine(err, l.n, len(lines) > 1)
		}
	}
	return nil
}

// atLine places an error of the expression on line n of standard input.
func atLine(err error, n int, several bool) error {
	var pe *parser.Error
	if errors.As(err, &pe) {
		moved := *pe
		moved.Line = n
		return &moved
	}
	if several {
		return fmt.Errorf("line %d: %w", n, err)
	}
	return err
}

// parse reads the expression with the common flags applied.
func (c *cli) parse(a args, src string) (symbolic.Expr, error) {
	c.src = src
	var opts []parser.Option
	if n, err := strconv.Atoi(a.get("max-bytes")); err == nil {
		opts = append(opts, parser.MaxBytes(n))
	}
	if n, err := strconv.Atoi(a.get("max-depth")); err == nil {
		opts = append(opts, parser.MaxDepth(n))
	}
	if fs := a.get("func"); fs != "" {
		opts = append(opts, parser.Funcs(strings.Split(fs, ",")...))
	}
	if a.has("verbose") {
		if s, err := parser.Explain(src, opts...); err == nil {
			fmt.Fprintf(c.stderr, "read as: %s\n", s)
		}
	}
	e, err := parser.Parse(src, opts...)
	if err != nil {
		return nil, err
	}
	if err := undefinedConstants(e); err != nil {
		return nil, err
	}
	return e, nil
}

// stats collects the --stats fields.
type stats struct {
	ParseNS    int64 `json:"parse_ns"`
	DiffNS     int64 `json:"diff_ns"`
	SimplifyNS int64 `json:"simplify_ns"`
	PrintNS    int64 `json:"print_ns"`
	InputDAG   int   `json:"input_dag"`
	ResultDAG  int   `json:"result_dag"`
	ResultCost int   `json:"result_cost"`
	// What the simplifier did: candidates built against its budget, nodes
	// searched, and the budget that stopped it, if any ("" for none).
	SimplifyCandidates int    `json:"simplify_candidates"`
	SimplifyBudget     int    `json:"simplify_budget"`
	SimplifySearches   int    `json:"simplify_searches"`
	SimplifyStopped    string `json:"simplify_stopped"`
}

func (c *cli) writeStats(s *stats) {
	s.SimplifyCandidates = c.simplified.Candidates
	s.SimplifyBudget = c.simplified.Budget
	s.SimplifySearches = c.simplified.Searches
	s.SimplifyStopped = c.simplified.Stopped
	b, _ := json.Marshal(s)
	fmt.Fprintf(c.stderr, "%s\n", b)
}

// simplify runs the simplifier with its default budgets. A --timeout that
// ends it is an error (reported by report), never a partly simplified
// answer.
func (c *cli) simplify(e symbolic.Expr) (symbolic.Expr, error) {
	return simplify.Simplify(c.ctx, e, simplify.CollectStats(&c.simplified))
}

// simplifyAll simplifies es together, sharing the work on what they have
// in common (the partials of a gradient).
func (c *cli) simplifyAll(es []symbolic.Expr) ([]symbolic.Expr, error) {
	return simplify.All(c.ctx, es, simplify.CollectStats(&c.simplified))
}

func runSimplify(c *cli, a args) error {
	if len(a.operands) != 1 {
		return usagef("simplify takes one expression, got %d operands", len(a.operands))
	}
	return c.eachExpr(a.operands[0], func(src string) error {
		var st stats
		t0 := time.Now()
		e, err := c.parse(a, src)
		if err != nil {
			return err
		}
		t1 := time.Now()
		r, err := c.simplify(e)
		if err != nil {
			return err
		}
		t2 := time.Now()
		out := r.String()
		t3 := time.Now()
		fmt.Fprintln(c.stdout, out)
		if a.has("stats") {
			st.ParseNS, st.SimplifyNS, st.PrintNS = t1.Sub(t0).Nanoseconds(), t2.Sub(t1).Nanoseconds(), t3.Sub(t2).Nanoseconds()
			st.InputDAG, st.ResultDAG, st.ResultCost = symbolic.Size(e), symbolic.Size(r), simplify.Cost(r)
			c.writeStats(&st)
		}
		return nil
	})
}

func runEval(c *cli, a args) error {
	if len(a.operands) < 1 {
		return usagef("eval takes an expression and values such as x=1.5")
	}
	env, err := parsePoint(strings.Join(a.operands[1:], " "))
	if err != nil {
		return err
	}
	return c.eachExpr(a.operands[0], func(src string) error {
		e, err := c.parse(a, src)
		if err != nil {
			return err
		}
		v, err := evalAt(e, env)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, formatFloat(v))
		return nil
	})
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
