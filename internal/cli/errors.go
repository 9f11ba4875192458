package cli

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the kinds of error, their exit status, and how they are
// reported: on standard error with a caret under the place in the input,
// or with --json as an error object on standard output.

// usageError is wrong usage of the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, v ...any) error { return usageError{fmt.Sprintf(format, v...)} }

// A verdictError is a judgement that the result already shows (a failed
// --check, a wrong --answer, equal's "different"): exit status 1, the
// result written in every format, and msg, if any, on standard error.
type verdictError struct{ msg string }

func (e verdictError) Error() string { return e.msg }

// A troubleError is any error of equal or --answer, whose exit status 1
// means "different": status 2, as diff(1) has it.
type troubleError struct{ err error }

func (e troubleError) Error() string { return e.err.Error() }
func (e troubleError) Unwrap() error { return e.err }

// A lineError is an error of the expression on a line of standard input.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// outputError is a failed write to standard output.
type outputError struct{ err error }

func (e outputError) Error() string { return "writing standard output: " + e.err.Error() }

// internalError is a panic: a bug in symdiff.
type internalError struct{ v any }

func (e internalError) Error() string {
	return fmt.Sprintf("internal error: %v\n(please report this with the command that caused it)", e.v)
}

// limitFlags maps the parser's limit names to the flags that raise them.
var limitFlags = map[string]string{
	"MaxBytes":      "--max-bytes",
	"MaxDepth":      "--max-depth",
	"MaxNumberBits": "--max-number-bits",
}

// libraryLimitFlags maps the limits of the library's other calls (an
// *symbolic.Error's Limit) to the flags that raise them.
var libraryLimitFlags = map[string]string{
	"MaxNodes": "--max-nodes",
}

// funcHint is the parser's advice to declare an unknown function with its
// Funcs option; flagText gives the command line's --func instead.
var funcHint = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\(parser\.Funcs\("([^"]*)"\)\)`)
})

// flagText rewrites the library's advice in an error message in terms of
// the command line's flags.
func flagText(msg string) string {
	return funcHint().ReplaceAllString(msg, "(--func $1 on the command line, parser.Funcs(\"$1\") in Go)")
}

// describe returns err as an error object: its message, its place in the
// input and its kind.
func (c *cli) describe(err error) errorBody {
	b := errorBody{Message: flagText(err.Error()), Kind: "error"}
	var (
		ue usageError
		pe *parser.Error
		le *lineError
		ve valueError
		se *symbolic.Error
	)
	if errors.As(err, &le) {
		b.Line = le.line
	}
	switch {
	case errors.As(err, new(internalError)):
		b.Kind = "internal"
	case errors.As(err, new(outputError)):
		b.Kind = "output"
	case errors.Is(err, context.DeadlineExceeded):
		b.Kind = "timeout"
		b.Message = fmt.Sprintf("stopped after the time limit of %v (raise it with --timeout)", c.timeout)
	case errors.As(err, &ue):
		b.Kind = "usage"
	case errors.As(err, &pe):
		b.Kind, b.Column = "syntax", pe.Column
		if err.Error() == pe.Error() {
			b.Message = flagText(pe.Msg) // the place is in line and column
		}
		if b.Line == 0 {
			b.Line = pe.Line
		}
		if flag, ok := limitFlags[pe.Limit]; ok {
			b.Kind = "limit"
			b.Message += " (raise the limit with " + flag + ")"
		}
		if errors.As(err, &ve) {
			b.Kind = "domain" // found after parsing, placed in the input
		}
	case errors.As(err, &se) && errors.Is(err, symbolic.ErrLimit):
		b.Kind = "limit"
		if flag, ok := libraryLimitFlags[se.Limit]; ok {
			b.Message += " (raise the limit with " + flag + ")"
		}
	case errors.As(err, &ve):
		b.Kind = "domain"
	case errors.As(err, new(verdictError)):
		b.Kind = "check"
	}
	return b
}

// A helperExit is the exit status of a helper program that ran a command
// in symdiff's place and said what it had to say itself.
type helperExit struct{ status int }

func (e helperExit) Error() string { return fmt.Sprintf("exit status %d", e.status) }

// status returns the exit status of err.
func status(err error) int {
	var pe plotterError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &pe):
		return pe.status // symdiff-plot's
	case errors.As(err, new(troubleError)), errors.As(err, new(usageError)):
		return 2
	}
	return 1
}

// report writes err (as an error object with --json) and returns the exit
// status.
func (c *cli) report(err error) int {
	if err == nil {
		return 0
	}
	if he, ok := err.(helperExit); ok {
		return he.status // the helper program has reported it
	}
	var ve verdictError
	if errors.As(err, &ve) {
		if ve.msg != "" && c.format != jsonFormat {
			fmt.Fprintf(c.stderr, "symdiff: %s\n", ve.msg)
		}
		return status(err)
	}
	if c.format == jsonFormat {
		c.stdout.Write(marshalLine(errorJSON{Error: c.describe(err)}))
		return status(err)
	}
	var (
		pe *parser.Error
		se *symbolic.Error
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(c.stderr, "symdiff: %s\n", c.describe(err).Message)
	case errors.As(err, new(usageError)):
		fmt.Fprintf(c.stderr, "symdiff: %v\nRun 'symdiff --help' for usage.\n", err)
	case errors.As(err, &pe):
		fmt.Fprintf(c.stderr, "symdiff: %s\n%s\n", flagText(err.Error()), pe.Snippet())
		if flag, ok := limitFlags[pe.Limit]; ok {
			fmt.Fprintf(c.stderr, "(raise the limit with %s)\n", flag)
		}
	case errors.As(err, &se) && libraryLimitFlags[se.Limit] != "":
		fmt.Fprintf(c.stderr, "symdiff: %v (raise the limit with %s)\n", err, libraryLimitFlags[se.Limit])
	default:
		fmt.Fprintf(c.stderr, "symdiff: %v\n", err)
	}
	return status(err)
}
