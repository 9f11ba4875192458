package cli

import (
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unsafe"

	"github.com/symdiff/symdiff/internal/oneproc"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the reading of expressions: from an operand or, for "-",
// from standard input one a line, and parsing them with the common flags.

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
	b, err := readAtMost(c.stdin, c.maxBytes+1)
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %v", err)
	}
	// The bytes are the string's: nothing writes to b after this. A
	// copy of a 1 MB input was 256 fresh pages, a page fault each, before
	// its parse began.
	src := unsafe.String(unsafe.SliceData(b), len(b))
	if len(src) > c.maxBytes {
		return []inputLine{{1, src}}, nil // the parser reports the limit
	}
	var lines []inputLine
	for i, l := range strings.Split(src, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, inputLine{i + 1, strings.TrimSuffix(l, "\r")})
		}
	}
	if len(lines) == 0 {
		return []inputLine{{1, ""}}, nil // the parser reports the empty input
	}
	return lines, nil
}

// readAtMost reads r to its end or to n bytes, whichever comes first. Where
// r is a regular file (standard input redirected from one), the buffer is
// made at the file's size: io.ReadAll's growth from 512 bytes allocated
// and copied about four times a large input, and its fresh memory, page by
// page, cost a 1 MB input some milliseconds before its parse began.
func readAtMost(r io.Reader, n int) ([]byte, error) {
	size := 512
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			// One byte more than the file, to meet its end without growing.
			size = int(min(st.Size(), int64(n))) + 1
		}
	}
	if size > hugeBytes {
		// The parse of an input this long backs the heap with huge
		// pages (see parseOnly); asked for now, they hold the input
		// too, where its own pages were a fault each (256 for 1 MB).
		prepareHeap(min(hugePerByte*size, maxHuge))
	}
	b := make([]byte, 0, size)
	lr := io.LimitReader(r, int64(n))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow, as append does
		}
		m, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
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
	if !several {
		return err
	}
	if pe, ok := err.(*parser.Error); ok {
		moved := *pe
		moved.Line = n
		return &moved
	}
	return &lineError{n, err}
}

// parse reads the expression with the common flags applied, and checks
// it (see check).
func (c *cli) parse(a args, src string) (symbolic.Expr, error) {
	e, opts, err := c.parseOnly(a, src)
	if err != nil {
		return nil, err
	}
	if err := c.check(e, src, opts); err != nil {
		return nil, err
	}
	if c.input.size >= hugeNodes {
		prepareHeap(min(hugePerNode*c.input.size, maxHuge))
	}
	return e, nil
}

// parseOnly is parse without the checks, returning the parser's options
// for them.
func (c *cli) parseOnly(a args, src string) (symbolic.Expr, []parser.Option, error) {
	c.src = src
	if len(src) > oneProcBytes {
		oneproc.Release()
	}
	if len(src) >= hugeBytes {
		prepareHeap(min(hugePerByte*len(src), maxHuge))
	}
	var opts []parser.Option
	if n, err := strconv.Atoi(a.get("max-bytes")); err == nil {
		opts = append(opts, parser.MaxBytes(n))
	}
	if n, err := strconv.Atoi(a.get("max-depth")); err == nil {
		opts = append(opts, parser.MaxDepth(n))
	}
	if n, err := strconv.Atoi(a.get("max-number-bits")); err == nil {
		opts = append(opts, parser.MaxNumberBits(n))
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
		return nil, nil, err
	}
	return e, opts, nil
}

// check checks the parsed input e of the text src (inspectInput) and keeps
// the facts its walk finds (c.input) for the checks after it.
func (c *cli) check(e symbolic.Expr, src string, opts []parser.Option) error {
	facts, err := inspectInput(e)
	if err != nil {
		// Shown in the input where the subexpression can be found there.
		if ne, ok := err.(nodeError); ok {
			return ne.placed(src, opts...)
		}
		return err
	}
	c.input = facts
	return nil
}

// inputSize returns the number of distinct nodes of e, from the walk that
// checked it if e is the input parsed last.
func (c *cli) inputSize(e symbolic.Expr) int {
	if c.input.e == e {
		return c.input.size
	}
	return symbolic.Size(e)
}

// inputVars returns the variables of e, each once, in the order of a walk,
// from the walk that checked it if e is the input parsed last.
func (c *cli) inputVars(e symbolic.Expr) []*symbolic.Symbol {
	if c.input.e == e {
		return c.input.vars
	}
	var vars []*symbolic.Symbol
	symbolic.Walk(e, func(n symbolic.Expr) {
		if s, ok := n.(*symbolic.Symbol); ok && !s.IsConstant() {
			vars = append(vars, s)
		}
	})
	return vars
}

// functions reads the operand op and parses it as functions separated by
// ';' ("f1; f2"), and returns them and the text read. An error names the
// function it is in, unless bareOne and there is one.
func (c *cli) functions(a args, op string, bareOne bool) ([]symbolic.Expr, string, error) {
	src, err := c.readExpr(op)
	if err != nil {
		return nil, "", err
	}
	var fs []symbolic.Expr
	parts := strings.Split(src, ";")
	for i, part := range parts {
		f, err := c.parse(a, part)
		if err != nil {
			if bareOne && len(parts) == 1 {
				return nil, "", err
			}
			return nil, "", fmt.Errorf("function %d of %d: %w", i+1, len(parts), err)
		}
		fs = append(fs, f)
	}
	c.src = src
	return fs, src, nil
}

// operandVars resolves the variable operands of the expression e (the
// first operand) with pick, diffVars or gradVars, and gives the warnings
// of checkVars.
func (c *cli) operandVars(a args, e symbolic.Expr, pick func(symbolic.Expr, []string) ([]*symbolic.Symbol, error)) ([]*symbolic.Symbol, error) {
	vars, err := pick(e, a.operands[1:])
	if err != nil {
		return nil, err
	}
	if err := c.checkVars(a.operands[0], e, vars); err != nil {
		return nil, err
	}
	return vars, nil
}
