package parser

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/symdiff/symdiff/symbolic"
)

// An Error is a problem with the input, with its position. Every error that
// Parse and Explain return for bad input is an *Error (use errors.As).
type Error struct {
	// Offset is the byte offset of the problem in the input.
	Offset int
	// Line is the 1-based line number.
	Line int
	// Column is the 1-based column, counted in runes (a tab counts as one).
	Column int
	// Msg describes the problem in the terms of the input, without position.
	Msg string
	// Limit names the option whose limit was exceeded ("MaxBytes",
	// "MaxDepth") or "MaxNumberBits" for a number too large to hold exactly;
	// it is empty for other errors.
	Limit string

	// text is the input line that holds the problem, without its newline.
	text string
}

// Error returns "line:column: message", for example "1:7: unexpected ')'".
func (e *Error) Error() string {
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Msg
}

// Unwrap returns symbolic.ErrLimit when the error is a limit breach, so
// that errors.Is(err, symbolic.ErrLimit) holds for the parser's limits as for
// the constructors'.
func (e *Error) Unwrap() error {
	if e.Limit != "" {
		return symbolic.ErrLimit
	}
	return nil
}

// snippetWidth bounds the runes of the input line that Snippet shows.
const snippetWidth = 72

// Snippet returns the input line that holds the problem and, under it, a
// line with a caret under the problem's column. Tabs in the input are kept in
// the caret line so that the caret lines up in a terminal. A line longer than
// about 72 runes is cut around the problem, with "..." marking the cuts. The
// result has no trailing newline.
func (e *Error) Snippet() string {
	runes := []rune(e.text)
	col := e.Column - 1 // 0-based rune index of the caret
	col = max(min(col, len(runes)), 0)
	start, end := 0, len(runes)
	prefix, suffix := "", ""
	if len(runes) > snippetWidth {
		start = max(col-snippetWidth*3/4, 0)
		end = min(start+snippetWidth, len(runes))
		if end-start < snippetWidth {
			start = max(end-snippetWidth, 0)
		}
		if start > 0 {
			prefix = "..."
		}
		if end < len(runes) {
			suffix = "..."
		}
	}
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range runes[start:end] {
		if r != '\t' && !unicode.IsPrint(r) && !unicode.IsMark(r) {
			r = '\uFFFD' // keep control characters out of the terminal
		}
		b.WriteRune(r)
	}
	b.WriteString(suffix)
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", len(prefix)))
	for _, r := range runes[start:col] {
		switch {
		case r == '\t':
			b.WriteByte('\t')
		case unicode.IsMark(r):
			// combining marks take no column
		case wide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}

// wide reports whether r takes two columns in a terminal (East Asian wide
// and full-width characters, emoji).
func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F ||
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F ||
		r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 ||
		r >= 0xFFE0 && r <= 0xFFE6 ||
		r >= 0x1F300 && r <= 0x1F64F ||
		r >= 0x1F900 && r <= 0x1F9FF ||
		r >= 0x20000 && r <= 0x3FFFD)
}

// errorAt builds an *Error at byte offset off of src.
func errorAt(src string, off int, msg string) *Error {
	off = max(min(off, len(src)), 0)
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	lineEnd := strings.IndexByte(src[off:], '\n')
	if lineEnd < 0 {
		lineEnd = len(src)
	} else {
		lineEnd += off
	}
	text := strings.TrimSuffix(src[lineStart:lineEnd], "\r")
	line := 1 + strings.Count(src[:lineStart], "\n")
	col := 1 + utf8.RuneCountInString(src[lineStart:off])
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return &Error{Offset: off, Line: line, Column: col, Msg: msg, text: text}
}

// quote writes a token or name in single quotes as the messages show it.
func quote(s string) string {
	const maxLen = 40
	if utf8.RuneCountInString(s) > maxLen {
		s = string([]rune(s)[:maxLen]) + "..."
	}
	return "'" + s + "'"
}
