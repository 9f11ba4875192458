// Package cli is symdiff's command line: the commands, flags, output
// formats and exit statuses of the symdiff program (cmd/symdiff), and the
// request handling that the web playground (cmd/symdiff-serve, and the
// WebAssembly engine) shares with it. Main runs one command line.
//
// The package links neither net/http nor gonum: the web server is the
// program symdiff-serve and the drawing is symdiff-plot's, which symdiff
// runs as git runs git-COMMAND, so that every command starts quickly.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/symdiff/symdiff/internal/hugeheap"
	"github.com/symdiff/symdiff/internal/oneproc"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
)

// A command is one of symdiff's subcommands.
type command struct {
	name    string
	usage   string // the synopsis: symdiff grad EXPR [VARS]
	summary string // one line for the command list
	doc     string // the paragraphs of symdiff COMMAND --help
	flags   []flagSpec
	run     func(c *cli, a args) error
	// operands, if set, bounds the operands: a command line with fewer
	// or more is a usage error before run.
	operands *operandCount
}

// operandCount bounds the number of operands of a command: fewer than min
// is the usage error few (many where few is empty), more than max (max < 0:
// no bound) the usage error many, %d in many standing for the number given.
type operandCount struct {
	min, max  int
	few, many string
}

// check returns the usage error of the operands ops, or nil.
func (o *operandCount) check(ops []string) error {
	n := len(ops)
	switch {
	case n < o.min && o.few != "":
		return usagef("%s", o.few)
	case n < o.min || o.max >= 0 && n > o.max:
		return usagef(o.many, n)
	}
	return nil
}

// cli holds the streams and settings of one run, so that tests (and each
// line of symdiff batch) can run it in-process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	argv           []string   // the command line, for a helper program that runs it (runHelper)
	src            string     // the expression being worked on, for error snippets
	input          inputFacts // what the checks of the input parsed last found

	format    outputFormat
	wantStats bool     // --stats
	warnings  []string // with --json, the warnings of the current result

	ctx      context.Context // carries the --timeout deadline
	timeout  time.Duration
	maxNodes int // --max-nodes: bound on a derivative's distinct nodes
	maxBytes int // --max-bytes: bound on the input's length

	simplified simplify.Stats // what the simplifier did, for --stats

	parent  context.Context // symdiff serve: the request's context, which ends the run too; nil for none
	figures bool            // symdiff serve: draw figures into the results (graph's svg)
}

var commonFlags = []flagSpec{
	{name: "json", help: "print one JSON object (errors too: {\"error\": {...}}); see docs/cli.md"},
	{name: "func", arg: "f,g", help: "declare abstract functions: f(g(x)) differentiates to f'(g(x))*g'(x)", accumulates: true},
	{name: "stats", help: "write one JSON line of timings and DAG sizes to stderr (with --json: in the object)"},
	{name: "verbose", short: "v", help: "tell on stderr how the input was read"},
	{name: "timeout", arg: "DURATION", help: "stop after this long, e.g. 500ms or 1m (default 30s)"},
	{name: "max-bytes", arg: "N", help: "refuse inputs longer than N bytes (default 1048576)"},
	{name: "max-depth", arg: "N", help: "refuse inputs nested deeper than N levels (default 5000)"},
	{name: "max-nodes", arg: "N", help: "refuse derivatives with more than N distinct nodes (default 10000000)"},
	{name: "max-number-bits", arg: "N", help: "refuse exact numbers larger than N bits (default 65536)"},
	{name: "help", short: "h", help: "show this help (also: symdiff help [COMMAND])"},
	{name: "version", help: "print the version (also: symdiff version)"},
}

// oneProcFor is how long a command runs on one processor (package
// oneproc) before it is given them all: most commands are done by then,
// and a longer one gains from the garbage collector working beside it.
// An input longer than oneProcBytes is given them at once.
const (
	oneProcFor   = 20 * time.Millisecond
	oneProcBytes = 2048
)

// An input of hugeBytes or more has the heap it is about to fill backed
// by huge pages (package hugeheap): hugePerByte bytes of heap for each
// byte of input, about what parsing a dense input and its first
// derivative touch (the parse of the sum of 66,888 products a_i*b_i
// alone, about 40), up to maxHuge.
const (
	hugeBytes   = 256 << 10
	hugePerByte = 96
	maxHuge     = 256 << 20
)

// An input of hugeNodes distinct nodes or more, however short its text,
// has its heap backed by huge pages too, hugePerNode bytes for each node:
// what its derivative and simplification touch grows with the nodes, not
// the bytes (the 18 KB sine chain of depth 3000 touched 23 MB in 4 KB
// pages for --latex, 4,500 page faults). Preparing costs a collection,
// and every huge page touched is zeroed whole: below about a thousand
// nodes it cost more than it saved here (products of 150 and 200 sines,
// 601 and 801 nodes, 1.19x and 1.16x the time; of 300, 1201 nodes,
// 0.91x; the sine chain 0.19x; docs/benchmarks.md, "Session 27").
const (
	hugeNodes   = 1000
	hugePerNode = 32 << 10
)

// A derivative of a higher order (-n K) taken after hugeAfter of work has
// the heap it fills backed by huge pages, hugeLater bytes of it: each
// order's simplification allocates more than the one before, while the
// derivatives stay small (asec(x)'s 19th has 84 nodes; the 20 orders
// allocate 26 MB). The collection that preparing runs frees the earlier
// orders' garbage too. Prepared from the start, -n 6 tan(x), -n 8
// sigmoid(x) and -n 20 asec(x) took 0.87x, 0.75x and 0.48x the time,
// commands of under 20 ms 1.1-1.2x (docs/benchmarks.md, "Session 27").
// The clock decides only how memory is mapped, never the result.
const hugeLater = 64 << 20

// hugeAfter is a variable for the tests (see TestHugePages).
var hugeAfter = 20 * time.Millisecond

// prepareHeap is hugeheap.Prepare, which the command calls in the places
// above; a variable for the tests, which record the calls.
var prepareHeap = hugeheap.Prepare

func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer time.AfterFunc(oneProcFor, oneproc.Release).Stop()
	out := &errWriter{w: stdout}
	c := &cli{stdin: stdin, stdout: out, stderr: stderr, argv: argv}
	if wantsJSON(argv) {
		c.format = jsonFormat
	}
	err := c.dispatch(argv)
	if out.err != nil {
		// A full disk or a closed pipe: the output is incomplete, and an
		// error object cannot be written there either.
		c.format = textFormat
		c.stdout = io.Discard
		if err == nil || errors.Is(err, out.err) {
			err = outputError{out.err} // the same failure, said once
		} else {
			err = errors.Join(err, outputError{out.err})
		}
	}
	return c.report(err)
}

// dispatch finds the command of argv and runs it. A panic is returned as
// an internalError: a user never sees a Go stack trace.
func (c *cli) dispatch(argv []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = internalError{r}
		}
	}()
	cmd := commandAt(0)
	explicit := false // the command was named
	if len(argv) > 0 {
		switch argv[0] {
		case "help":
			// symdiff help [COMMAND]
			if len(argv) > 1 {
				k := findCommand(argv[1])
				if k == nil {
					return usagef("help: unknown command %q%s", argv[1], didYouMeanCommand(argv[1]))
				}
				argv = []string{k.name, "--help"}
			} else {
				argv = []string{"--help"}
			}
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
		return err
	case a.has("help"):
		if explicit {
			fmt.Fprint(c.stdout, commandHelp(cmd))
		} else {
			fmt.Fprint(c.stdout, help())
		}
		return nil
	case a.has("version"):
		return c.printVersion()
	}
	c.format = formatOf(a)
	c.wantStats = a.has("stats")
	if !explicit {
		if err := misspelledCommand(a); err != nil {
			return err
		}
	}
	if err := a.conflicts(formatConflicts...); err != nil {
		return err
	}
	cancel, err := c.applyLimits(a)
	if err != nil {
		return err
	}
	defer cancel()
	if cmd.operands != nil {
		if err := cmd.operands.check(a.operands); err != nil {
			return err
		}
	}
	return cmd.run(c, a)
}

// wantsJSON reports whether argv asks for --json before any "--", so that
// even a usage error found before the flags are read is a JSON object.
func wantsJSON(argv []string) bool {
	for _, s := range argv {
		switch s {
		case "--":
			return false
		case "--json", "-json":
			return true
		}
	}
	return false
}

// emit writes r, the result of one expression, in the run's format. err
// is an error that came with r: a verdictError (a failed check, a wrong
// answer) is written with the result in every format; with any other
// error, text shows the result and then the error (the derivative, then
// why its value at --at is not a number) while JSON shows only the error.
func (c *cli) emit(r result, err error) error {
	if r == nil || (err != nil && c.format == jsonFormat && !errors.As(err, new(verdictError))) {
		c.warnings = nil
		return err
	}
	h := r.head()
	if c.format == jsonFormat {
		h.Warnings, c.warnings = c.warnings, nil
		if !c.wantStats {
			h.Stats = nil
		}
	}
	if werr := c.format.write(c.stdout, r); werr != nil {
		return werr
	}
	if c.wantStats && c.format != jsonFormat && h.Stats != nil {
		c.writeStats(h.Stats)
	}
	return err
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

// WriteString is Write for a string, which an *os.File writes without a
// copy.
func (e *errWriter) WriteString(s string) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := io.WriteString(e.w, s)
	if err != nil {
		e.err = err
	}
	return n, err
}

func findCommand(name string) *command {
	for i, n := range commandList {
		if name == n {
			return commandAt(i)
		}
	}
	return nil
}

// commandNames are the names a first operand is compared with for a
// did-you-mean.
func commandNames() []string {
	return append([]string{"help", "version"}, commandList[:]...)
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

// versionJSON is the output of symdiff --version --json.
type versionJSON struct {
	// Version is the main module's version ("(devel)" for a build from a
	// clone), Revision its VCS revision and Modified whether the tree had
	// changes not committed; Go is the toolchain.
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

// buildVersion returns the module version and VCS revision from the build
// information.
func buildVersion() versionJSON {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return versionJSON{Version: "unknown", Go: runtime.Version()}
	}
	v := versionJSON{Version: bi.Main.Version, Go: bi.GoVersion}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// printVersion prints the version: "symdiff VERSION revision REV GO", or
// with --json a versionJSON.
func (c *cli) printVersion() error {
	v := buildVersion()
	if c.format == jsonFormat {
		_, err := c.stdout.Write(marshalLine(v))
		return err
	}
	s := "symdiff " + v.Version
	if v.Revision != "" {
		s += " revision " + v.Revision
		if v.Modified {
			s += " (modified)"
		}
	}
	_, err := fmt.Fprintln(c.stdout, s+" "+v.Go)
	return err
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
		}
	}
	var cancel context.CancelFunc
	parent := c.parent
	if parent == nil {
		parent = context.Background()
	}
	c.ctx, cancel = context.WithTimeout(parent, c.timeout)
	return cancel, nil
}
