package symbolic

import (
	"errors"
	"strconv"
	"strings"
)

// MaxNumberBits is the default bound on the size of an exact number that
// the constructors compute (numerator and denominator bits together):
// 3^(10^9) is refused with an *Error whose Limit is "MaxNumberBits" rather
// than computed. x^(10^9) is not affected, since it stays a power. PowLimit
// takes another bound for one call (the parser's MaxNumberBits option
// passes its own).
const MaxNumberBits = 1 << 16

// ErrLimit is the error that every limit breach wraps: errors.Is(err,
// symbolic.ErrLimit) reports whether an error is one, and the *Error's Limit
// field names which.
var ErrLimit = errors.New("limit exceeded")

// An Error reports a mathematical impossibility met while building an
// expression, such as a division by zero, or a number too large to compute
// exactly. The constructors panic with an *Error; the parser, the
// differentiator's callers and the command line recover it with Recover and
// return it as an ordinary error.
type Error struct {
	Msg string
	// Limit names the limit that was exceeded, if any (for example
	// "MaxNumberBits").
	Limit string

	cause error // for a cancelled context: ctx.Err()
}

func (e *Error) Error() string { return "symbolic: " + e.Msg }

// Unwrap returns ErrLimit for a limit breach, so that errors.Is(err,
// ErrLimit) holds, and the context's error for a cancelled computation.
func (e *Error) Unwrap() error {
	if e.Limit != "" {
		return ErrLimit
	}
	return e.cause
}

var errDivByZero = &Error{Msg: "division by zero"}

func numberTooLarge(b, e *Number, maxBits int) *Error {
	return &Error{
		Msg:   "the exact value of " + abbreviated(b.String()) + "^" + parenIfNeeded(e) + " is too large (more than " + strconv.Itoa(maxBits) + " bits)",
		Limit: "MaxNumberBits",
	}
}

func parenIfNeeded(n *Number) string {
	if n.IsInt() && n.Sign() >= 0 {
		return abbreviated(n.String())
	}
	return "(" + abbreviated(n.String()) + ")"
}

// abbreviated returns a number's text, its middle elided where it has more
// than maxMessageDigits characters (2**3**4**5**6 raises 3 to a number of
// 9,409 digits, which a message need not print).
func abbreviated(s string) string {
	if len(s) <= maxMessageDigits {
		return s
	}
	unit := " digits)"
	if strings.ContainsAny(s, "/.") {
		unit = " characters)"
	}
	return s[:10] + "..." + s[len(s)-6:] + " (" + strconv.Itoa(len(strings.TrimPrefix(s, "-"))) + unit
}

// maxMessageDigits is the longest number an error message prints whole.
const maxMessageDigits = 40

// Recover turns a panic with an *Error into an error stored in *errp; any
// other panic continues. Use it as
//
//	defer symbolic.Recover(&err)
func Recover(errp *error) {
	if r := recover(); r != nil {
		if e, ok := r.(*Error); ok {
			*errp = e
			return
		}
		panic(r)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}
