package parser

import (
	"fmt"
	"strconv"

	"github.com/symdiff/symdiff/symbolic"
)

// Default limits; see MaxBytes and MaxDepth.
const (
	// DefaultMaxBytes is the default limit on the input's length: 1 MiB.
	DefaultMaxBytes = 1 << 20
	// DefaultMaxDepth is the default limit on nesting: 5000 levels of
	// parentheses, signs and powers.
	DefaultMaxDepth = 5000
)

// An Option changes how Parse and Explain read their input.
type Option func(*config)

type config struct {
	funcs         map[string]bool
	maxBytes      int
	maxDepth      int
	maxNumberBits int
	viaParticiple bool  // build the tree with the participle grammar
	err           error // a misused option
}

func newConfig(opts []Option) *config {
	c := &config{maxBytes: DefaultMaxBytes, maxDepth: DefaultMaxDepth, maxNumberBits: symbolic.MaxNumberBits}
	for _, o := range opts {
		o(c)
	}
	c.maxBytes = min(c.maxBytes, maxInput)
	return c
}

// Funcs declares abstract functions: after Funcs("f", "g"), f(x) is
// symbolic.Apply(symbolic.Abstract("f"), x), and f'(x) (with one prime or more) is
// its derivative. Names must be identifiers that are neither built-in
// functions, aliases (ln, sqrt) nor the constants pi and e; Parse reports a
// misused name as an error.
func Funcs(names ...string) Option {
	return func(c *config) {
		for _, name := range names {
			if err := checkFuncName(name); err != nil && c.err == nil {
				c.err = err
				continue
			}
			if c.funcs == nil {
				c.funcs = map[string]bool{}
			}
			c.funcs[name] = true
		}
	}
}

func checkFuncName(name string) error {
	valid := name != ""
	for i, r := range name {
		if i == 0 && !isIdentStart(r) || !isIdentPart(r) {
			valid = false
		}
	}
	_, builtin := symbolic.Lookup(name)
	switch {
	case !valid:
		return fmt.Errorf("parser: Funcs: %q is not a valid function name", name)
	case builtin || aliases[name]:
		return fmt.Errorf("parser: Funcs: %q is a built-in function", name)
	case name == "pi" || name == "e":
		return fmt.Errorf("parser: Funcs: %q is a constant", name)
	}
	return nil
}

// MaxBytes limits the input's length in bytes (default DefaultMaxBytes,
// 1 MiB). Longer input is refused with an *Error whose Limit is "MaxBytes".
// n <= 0 means the default.
func MaxBytes(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBytes = n
		}
	}
}

// MaxNumberBits limits the size of the exact numbers the input holds or
// computes (numerator and denominator bits together; default
// symbolic.MaxNumberBits, 65536, and at least 64): a literal such as
// 1e999999999 or a power of numbers such as 3^(10^9) beyond it is refused,
// before it is computed, with an *Error whose Limit is "MaxNumberBits". n <= 0
// means the default. The bound holds for this call only.
func MaxNumberBits(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxNumberBits = max(n, 64)
		}
	}
}

// MaxDepth limits nesting (default DefaultMaxDepth, 5000): each open
// parenthesis, each sign in a chain such as - - x, and each power in a chain
// such as 2^2^x counts one level. Deeper input is refused, before any
// recursion, with an *Error whose Limit is "MaxDepth". n <= 0 means the
// default.
func MaxDepth(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxDepth = n
		}
	}
}

// Participle makes Parse and Explain build the syntax tree with the
// participle grammar (grammar.go) instead of the package's hand-written
// recursive-descent engine. Both build the same syntax tree (the tests and
// the fuzz target check it on every input they parse), and the token
// checks that produce every error message run first either way, so results
// and errors are the same; participle costs a one-time build of the grammar
// and reflective work at every token, several times the hand-written
// engine's (docs/benchmarks.md, BenchmarkExplain). It is there to check the
// engine against the grammar of record.
func Participle() Option {
	return func(c *config) { c.viaParticiple = true }
}

// Parse reads an expression and returns it in canonical form. See the
// package documentation for the syntax. Bad input gives an *Error with the
// position of the problem; a misused option gives a plain error.
func Parse(src string, opts ...Option) (symbolic.Expr, error) {
	c, err := configure(src, opts)
	if err != nil {
		return nil, err
	}
	if !c.viaParticiple {
		return parseDirect(src, c)
	}
	toks, err := lexChecked(src, c)
	if err != nil {
		return nil, err
	}
	tree, err := buildTree(src, toks, c, withParticiple)
	if err != nil {
		return nil, err
	}
	return lower(src, tree, c)
}

// MustParse is like Parse but panics if src cannot be parsed. It is meant for
// tests and for expressions written in programs.
func MustParse(src string, opts ...Option) symbolic.Expr {
	e, err := Parse(src, opts...)
	if err != nil {
		panic("parser: MustParse(" + strconv.Quote(src) + "): " + err.Error())
	}
	return e
}

// Explain returns how src is read, before any simplification: every
// operation in parentheses, implicit products written with '*', and
// function names and numbers as written. For example "2x sin(x)^2" is read
// as "((2 * x) * (sin(x) ^ 2))". It reports the same errors as Parse.
func Explain(src string, opts ...Option) (string, error) {
	tree, c, err := parseTree(src, opts)
	if err != nil {
		return "", err
	}
	if _, err := lower(src, tree, c); err != nil {
		return "", err
	}
	return explain(tree), nil
}

// parseTree checks the limits and the token stream, then builds the syntax
// tree with the engine the options ask for.
func parseTree(src string, opts []Option) (*expr, *config, error) {
	return parseTreeWith(src, opts, auto)
}

// Which builds the syntax tree: the participle grammar, the fast path, or
// as the options say (the fast path unless Participle). Parse builds no
// tree unless Participle (see directParser).
type builder int

const (
	auto builder = iota
	withParticiple
	withFastPath
)

func parseTreeWith(src string, opts []Option, b builder) (*expr, *config, error) {
	toks, c, err := tokens(src, opts)
	if err != nil {
		return nil, nil, err
	}
	tree, err := buildTree(src, toks, c, b)
	if err != nil {
		return nil, nil, err
	}
	return tree, c, nil
}

// tokens reads the options, checks the input's length, lexes it and checks
// the token stream.
func tokens(src string, opts []Option) ([]token, *config, error) {
	c, err := configure(src, opts)
	if err != nil {
		return nil, nil, err
	}
	toks, err := lexChecked(src, c)
	if err != nil {
		return nil, nil, err
	}
	return toks, c, nil
}

// configure reads the options and checks the input's length.
func configure(src string, opts []Option) (*config, error) {
	c := newConfig(opts)
	if c.err != nil {
		return nil, c.err
	}
	if len(src) > c.maxBytes {
		e := errorAt(src, c.maxBytes, "input is too long: "+strconv.Itoa(len(src))+" bytes, more than the limit of "+strconv.Itoa(c.maxBytes)+" (MaxBytes)")
		e.Limit = "MaxBytes"
		return nil, e
	}
	return c, nil
}

// lexChecked lexes src and checks the token stream.
func lexChecked(src string, c *config) ([]token, error) {
	toks, lerr := lex(src, c)
	if lerr != nil {
		return nil, lerr
	}
	if err := check(src, toks, c); err != nil {
		return nil, err
	}
	return toks, nil
}

// buildTree builds the syntax tree of the checked token stream toks of src
// with the builder b.
func buildTree(src string, toks []token, c *config, b builder) (*expr, error) {
	if b == withFastPath || b == auto && !c.viaParticiple {
		p := &fastParser{toks: lexerTokens(src, toks)}
		return p.expr(), nil
	}
	tree, err := grammar().ParseFromLexer(newPeeking(lexerTokens(src, toks)))
	if err != nil {
		// check accepts only token streams that the grammar accepts, so
		// this is a safety net; translate participle's message anyway.
		return nil, translate(src, err)
	}
	return tree, nil
}
