package parser

import "github.com/symdiff/symdiff/symbolic"

// ErrorAt returns an *Error at byte offset off of src with the message
// msg, for a problem found after parsing (a domain error in a
// subexpression, say) that a caller has located with Locate.
func ErrorAt(src string, off int, msg string) *Error { return errorAt(src, off, msg) }

// maxLocate is the longest input Locate searches: it parses each call and
// parenthesised group of src again, which on an error path is cheap for
// what people type and not worth it beyond.
const maxLocate = 1 << 14

// Locate returns the byte offset in src of the first operand (read left to
// right, by where it starts: a number, a name, a call, a parenthesised
// group, any of them raised to a power) that parses, with opts, to the
// node e: log(-1) in x + log(-1)*x, (-1)^(1/2) in x*(-1)^(1/2); else 0 if
// the whole of src does. It reports
// false if there is none (e was built by the constructors from several
// parts of the text) or src is longer than 16 KiB.
func Locate(src string, e symbolic.Expr, opts ...Option) (int, bool) {
	if len(src) > maxLocate {
		return 0, false
	}
	for i := 0; i < len(src); i++ {
		if i > 0 && isNameByte(src[i-1]) {
			continue // inside a name or number
		}
		end := atomEnd(src, i)
		if end < 0 {
			continue
		}
		for _, to := range []int{end, powerEnd(src, end)} {
			if r, err := Parse(src[i:to], opts...); err == nil && r == e {
				return i, true
			}
		}
	}
	if r, err := Parse(src, opts...); err == nil && r == e {
		return 0, true // the whole input
	}
	return 0, false
}

// atomEnd returns the end of the operand that starts at i (a number or
// name, a name's call, a parenthesised group), or -1 if none starts there.
func atomEnd(src string, i int) int {
	j := i
	for j < len(src) && (isNameByte(src[j]) || src[j] == '.' && j > i) {
		j++
	}
	if j < len(src) && src[j] == '(' {
		if c := closing(src, j); c >= 0 {
			return c + 1
		}
		return -1
	}
	if j == i {
		return -1
	}
	return j
}

// powerEnd returns the end of the chain of powers ^a^b... that follows
// position end, or end if there is none.
func powerEnd(src string, end int) int {
	for end < len(src) && src[end] == '^' {
		k := end + 1
		if k < len(src) && src[k] == '-' {
			k++
		}
		e := atomEnd(src, k)
		if e < 0 {
			break
		}
		end = e
	}
	return end
}

// closing returns the index of the ')' that closes the '(' at open, or -1.
func closing(src string, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isNameByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
