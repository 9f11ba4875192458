package cli

// The flags that several commands share, or that other files name; a
// command's own flags stand in its entry of commands.

// diffFlags are the flags of diff's result.
var diffFlags = []flagSpec{
	{name: "n", short: "n", arg: "N", help: "the N-th derivative (with several VARs: N times each)"},
	{name: "raw", help: "print the derivative as differentiated, without simplifying"},
	{name: "check", help: "check the derivative against finite differences and the complex step"},
	atFlag,
	{name: "answer", arg: "ANSWER", help: "judge ANSWER as the derivative: exit 0 right, 1 wrong (with a point where it differs), 2 trouble"},
}

// atFlag is the point of every command that takes one.
var atFlag = flagSpec{name: "at", arg: "x=0.5,y=2", help: "the value at a point; values may be exact (x=1/3, x=pi/4); repeat to add variables", accumulates: true}

// outputFlags are diff's other outputs: LaTeX and the derivation.
var outputFlags = []flagSpec{
	{name: "latex", help: "print the result as LaTeX (with --steps: the body of an align* environment)"},
	{name: "steps", help: "print the derivation step by step, each rule named"},
	{name: "markdown", help: "print the derivation as a Markdown document with $$ blocks (MathJax, KaTeX)"},
	{name: "standalone", help: "print the derivation as a complete LaTeX document for pdflatex (a LaTeX output: --latex adds nothing)"},
	plotFlag,
}

// plotFlag is the flag of --markdown and --standalone derivations that
// adds the plot of f and its derivatives.
var plotFlag = flagSpec{name: "plot", arg: "FILE", help: "with --markdown or --standalone: write the plot of f and its derivatives to FILE (.svg or .png for Markdown; .pdf or .png for LaTeX, named unlike the document) and show it"}

// gradFlags are grad's flags; jacobian and hessian take all but --let.
var gradFlags = []flagSpec{
	{name: "let", help: "print the shared intermediate results as bindings t1 = ..., then the partials"},
	{name: "raw", help: "print the partials as differentiated, without simplifying"},
	{name: "check", help: "check every entry against finite differences and the complex step"},
	atFlag,
	{name: "latex", help: "print the result as LaTeX (a pmatrix)"},
	{name: "markdown", help: "print the result as a Markdown $$ block (MathJax, KaTeX)"},
}

// commandList holds the names of symdiff's commands, in the order of
// commands: the default (diff) first.
var commandList = [...]string{"diff", "simplify", "eval", "equal", "grad", "jacobian", "hessian", "graph", "plot", "codegen", "batch", "serve", "site"}

// commands returns symdiff's commands, the default (diff) first. Each
// one's doc is the body of symdiff COMMAND --help; docs/cli.md holds the
// same text (TestDocsMatchHelp).
func commands() []*command {
	ks := make([]*command, len(commandList))
	for i := range ks {
		ks[i] = commandAt(i)
	}
	return ks
}

// commandAt returns commands()[i], made alone: a command line needs one
// command, and making all of them (their flag lists, of many sizes) took
// fresh memory pages that a short command paid for (docs/benchmarks.md,
// "Start-up").
func commandAt(i int) *command {
	switch i {
	case 0:
		return &command{
			name: "diff", usage: "symdiff [diff] [flags] EXPR [VAR...]",
			summary: "differentiate (the default command)",
			doc: `The derivative of EXPR. Several VARs mean successive partials in every
output: symdiff "x^2*y^3" x y is d/dy d/dx, and --steps shows the
derivation of d/dx, then of its d/dy. With no VAR, the expression's only
variable. --answer ANSWER judges a student's derivative: "right" (exit 0),
or "wrong" with a point where it differs and both values there (exit 1);
exit 2 for any other trouble.`,
			flags: append(append([]flagSpec{}, diffFlags...), outputFlags...), run: runDiff,
			operands: &operandCount{min: 1, max: -1, few: "missing the expression: symdiff EXPR VAR"},
		}
	case 1:
		return &command{
			name: "simplify", usage: "symdiff simplify [flags] EXPR",
			summary: "simplify an expression",
			doc:     `The simplest form of EXPR that the simplifier finds.`,
			flags:   []flagSpec{{name: "latex", help: "print the result as LaTeX"}}, run: runSimplify,
			operands: &operandCount{min: 1, max: 1, many: "simplify takes one expression, got %d operands"},
		}
	case 2:
		return &command{
			name: "eval", usage: "symdiff eval [flags] EXPR x=1.5 [y=2 ...]",
			summary: "evaluate an expression at a point",
			doc: `The value of EXPR at a point, given as operands (x=1.5 y=2) or with
--at, or both.`,
			flags: []flagSpec{atFlag}, run: runEval,
			operands: &operandCount{min: 1, max: -1, few: "eval takes an expression and values such as x=1.5"},
		}
	case 3:
		return &command{
			name: "equal", usage: "symdiff equal [flags] A B",
			summary: "whether two expressions are the same function",
			doc: `Whether A and B are the same function: "equal (proven)" when the
simplifier brings A - B to 0 or both to one form, "equal (numerically)"
when they agree at 20 random points but no proof was found (exit 0);
"different" with a point where they differ and both values there (exit
1). Exit 2 for any trouble: a syntax error, no point where both are
defined, wrong usage.`,
			run: runEqual,
		}
	case 4:
		return &command{
			name: "grad", usage: "symdiff grad [flags] EXPR [VARS]",
			summary: "the gradient by reverse accumulation",
			doc: `The gradient of EXPR, one partial a line (d/dw = ...), with respect to
VARS (x y, or x,y; by default every variable, by name).`,
			flags: gradFlags, run: runGrad,
			operands: &operandCount{min: 1, max: -1, few: "missing the expression: symdiff grad EXPR [VARS]"},
		}
	case 5:
		return &command{
			name: "jacobian", usage: `symdiff jacobian [flags] "f1; f2" [VARS]`,
			summary: "the Jacobian matrix",
			doc: `The Jacobian matrix of the functions separated by ';', one row a
function, one column a variable.`,
			flags: gradFlags[1:], run: runJacobian,
			operands: &operandCount{min: 1, max: -1, few: `missing the functions: symdiff jacobian "f1; f2" VARS`},
		}
	case 6:
		return &command{
			name: "hessian", usage: "symdiff hessian [flags] EXPR [VARS]",
			summary: "the Hessian matrix",
			doc:     `The Hessian matrix of EXPR, one row a line.`,
			flags:   gradFlags[1:], run: runHessian,
			operands: &operandCount{min: 1, max: -1, few: "missing the expression: symdiff hessian EXPR [VARS]"},
		}
	case 7:
		return &command{
			name: "graph", usage: "symdiff graph [flags] EXPR --at x=1,y=2",
			summary: "the computational graph with forward values and adjoints",
			doc: `The computational graph of EXPR at a point: each node's operation,
operands, forward value and adjoint (the derivative of the output with
respect to the node), as a table, Graphviz DOT, SVG or JSON.`,
			flags: []flagSpec{
				{name: "at", arg: "w=-2,x=5,b=3", help: "the point at which to compute forward values and adjoints (repeat to add variables)", accumulates: true},
				{name: "dot", help: "print the graph as Graphviz DOT instead of a table"},
				{name: "svg", arg: "FILE", help: "write the graph as SVG to FILE, or to standard output for - (needs Graphviz's dot)"},
			}, run: runGraph,
			operands: &operandCount{min: 1, max: 1, many: "symdiff graph EXPR --at x=1,y=2 takes one expression, got %d operands"},
		}
	case 8:
		return &command{
			name: "plot", usage: "symdiff plot [flags] EXPR [VAR]",
			summary: "draw EXPR, its derivatives and a tangent line (SVG, PNG, PDF)",
			doc: `Draws EXPR and its derivatives up to order K (-n, default 1) over
[A, B] (--from, --to; by default [-5, 5], narrowed to where EXPR is
defined when it is undefined on a third of that), and with --at the
tangent line at X0 and the point itself. Poles and jumps are not joined
across, values that are not finite are gaps, and when a pole would
flatten the rest the range of y is clipped (the legend says so). -o FILE
picks the format by its extension: .svg, .png or .pdf; without -o, SVG
on standard output. --json prints the ranges and curves (with the SVG
when there is no -o). symdiff samples the curves and runs the program
symdiff-plot to draw them, found next to symdiff or in PATH (go install
github.com/symdiff/symdiff/cmd/... installs both). See docs/plot.md.`,
			flags: []flagSpec{
				{name: "from", arg: "A", help: "the left end of the range of VAR: a number or an expression of constants (-2*pi)"},
				{name: "to", arg: "B", help: "the right end of the range (give both, or neither for the default)"},
				{name: "n", short: "n", arg: "K", help: "draw the derivatives up to order K (default 1; 0 draws EXPR alone)"},
				{name: "at", arg: "X0", help: "draw the tangent line at VAR = X0 and mark the point (X0 or VAR=X0)"},
				{name: "output", short: "o", arg: "FILE", help: "write the picture to FILE: SVG, PNG or PDF by its extension (default: SVG on standard output)"},
				{name: "points", arg: "N", help: "sample each curve at N points at most (default 4000)"},
			}, run: runPlot,
			operands: &operandCount{min: 1, max: 2, few: "missing the expression: symdiff plot EXPR VAR", many: "symdiff plot EXPR VAR draws a function of one variable; got %d operands"},
		}
	case 9:
		return &command{
			name: "codegen", usage: "symdiff codegen [flags] EXPR [VARS]",
			summary: "source code of EXPR and its derivatives: Go, C, JS, NumPy",
			doc: `One self-contained function that computes EXPR (and with --grad,
--jacobian or --hessian its derivatives) with respect to VARS (by default
every variable, by name), every common subexpression once, in Go (func
NAME(in, out []float64), gofmt'ed, package math only), C (void
NAME(const double *in, double *out), <math.h> only), JavaScript (an ES
module exporting NAME(inArray, outArray)) or Python with NumPy (def
NAME(*args), broadcasting, returning arrays). in holds VARS in order; out
the value(s), then the partials: --grad out[1+i] = df/dVARS[i];
--jacobian ("f1; f2") the m values, then out[m + i*n + j] = dfi/dVARS[j];
--hessian out[1 + i*n + j]. See docs/codegen.md.`,
			flags: []flagSpec{
				{name: "lang", arg: "LANG", help: "the language: go, c, js or numpy (required)"},
				{name: "name", arg: "NAME", help: "the function's name (default f)"},
				{name: "package", arg: "P", help: "the Go package clause (default main; --lang go only)"},
				{name: "grad", help: "the value, then the gradient"},
				{name: "jacobian", help: `the values of "f1; f2; ...", then the Jacobian, row-major`},
				{name: "hessian", help: "the value, then the Hessian, row-major"},
				{name: "raw", help: "compile the derivatives as differentiated, without simplifying"},
				{name: "out", arg: "FILE", help: "write the code to FILE instead of standard output"},
			}, run: runCodegen,
			operands: &operandCount{min: 1, max: -1, few: "missing the expression: symdiff codegen --lang go|c|js|numpy EXPR VAR..."},
		}
	case 10:
		return &command{
			name: "batch", usage: "symdiff batch [flags] [VAR...]",
			summary: "many expressions: one a line in, one JSON object a line out",
			doc: `Reads standard input one item a line: a bare expression (differentiated
with respect to VARs, as symdiff EXPR VAR... does) or a JSON object
{"expr", "vars", "n", "at", "answer", "b", "command"}. Writes one JSON
object a line, in the order read, each with the item's "line"; a bad
line gives an error object and the run goes on. The flags apply to every
line. Lines are worked on in parallel (one worker a core) in bounded
memory. Exit 1 if any line failed.`,
			flags: []flagSpec{
				{name: "n", short: "n", arg: "N", help: "the N-th derivative, for lines that do not give n"},
				{name: "raw", help: "do not simplify the results"},
				{name: "check", help: "check each derivative against finite differences and the complex step"},
				{name: "at", arg: "x=0.5,y=2", help: "the value at a point, for lines that do not give at", accumulates: true},
				{name: "workers", arg: "N", help: "work on N lines at once (default: the number of cores)"},
			}, run: runBatch,
		}
	case 11:
		return &command{
			name: "serve", usage: "symdiff serve [--addr 127.0.0.1:8080]",
			summary: "the web playground and its JSON API, on a local server",
			doc: `Serves the web playground: a page at / where the derivative, the
derivation step by step and the computational graph follow what one
types, and a JSON API at POST /api/v1/COMMAND (diff, simplify, eval,
grad, jacobian, hessian, equal, steps, graph, plot) whose body is an item of
symdiff batch and whose answer is the object of --json. Every request is
bounded (the limit flags, a smaller default --timeout of 10s); SIGINT or
SIGTERM stops the server gracefully. See docs/web.md.`,
			flags: serveFlags, run: runServe,
		}
	case 12:
		return &command{
			name: "site", usage: "symdiff site [--wasm FILE] DIR",
			summary: "the web playground as a static site, the engine in WebAssembly",
			doc: `Writes the web playground into DIR as a static site that needs no
server of symdiff's: the engine is symdiff built with GOOS=js
GOARCH=wasm, which site builds with go (run it in a clone of symdiff),
or takes from --wasm FILE. Serve DIR with any static host, e.g.
python3 -m http.server -d DIR.`,
			flags: siteFlags, run: runSite,
		}
	}
	return nil
}
