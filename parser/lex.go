package parser

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/symdiff/symdiff/symbolic"
)

// Token types. Identifiers are split by the lexer into function names
// (tFunc: built-in functions, aliases and declared abstract functions, with
// any primes) and other names (tIdent: variables and constants), so that the
// grammar decides on one token whether "x(" starts a call or a product.
const (
	tEOF    tokType = -1 // lexer.EOF
	tNumber tokType = -2 - iota
	tIdent
	tFunc
	tPunct
)

// aliases are function names that the parser lowers itself; the other
// spellings of a function (ln for log) are its row's Aliases, which
// symbolic.Lookup finds.
var aliases = map[string]bool{"sqrt": true}

// lexDef makes the token types known to participle. The parser never asks it
// to lex: Parse lexes the input itself (see lex) and hands participle the
// tokens.
type lexDef struct{}

func (lexDef) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Number": lexer.TokenType(tNumber), "Ident": lexer.TokenType(tIdent),
		"Func": lexer.TokenType(tFunc), "Punct": lexer.TokenType(tPunct),
	}
}

func (lexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	toks, perr := lex(string(b), newConfig(nil))
	if perr != nil {
		return nil, perr
	}
	return &tokenStream{toks: lexerTokens(string(b), toks)}, nil
}

// tokenStream feeds a lexed token slice to participle.
type tokenStream struct {
	toks []lexer.Token
	i    int
}

func (s *tokenStream) Next() (lexer.Token, error) {
	if s.i >= len(s.toks) {
		return s.toks[len(s.toks)-1], nil // EOF
	}
	t := s.toks[s.i]
	s.i++
	return t, nil
}

// A token is a lexed token: its type and where its text is in the input.
// It holds no pointer and no position, so that the token slice of a large
// input is small and never scanned by the garbage collector; the line and
// column of a token are computed only when needed (errorAt, lexerTokens).
type token struct {
	off, end int32   // the token's text is src[off:end]
	typ      tokType // tNumber, tIdent, tFunc, tPunct or tEOF
	// op is the operator of a tPunct token: its character, or '^' for
	// "**"; 0 for other tokens.
	op byte
	// fn is, for a tFunc token of a built-in function named by its name
	// or an alias that symbolic.Lookup knows, 1 + its index in
	// functions().funcs; 0 otherwise.
	fn uint8
}

// A tokType is the type of a token: one of the participle token types
// above, held in a byte.
type tokType int8

// text returns the token's text in src.
func (t token) text(src string) string { return src[t.off:t.end] }

// is reports whether t is the punctuation a or b.
func (t token) is(a, b byte) bool { return t.op != 0 && (t.op == a || t.op == b) }

// maxInput is the longest input the lexer handles: token offsets are
// int32s. MaxBytes never allows more.
const maxInput = math.MaxInt32 - 1

// isFunc reports whether name (without primes) names a function: a
// built-in, an alias or a declared abstract function.
func (c *config) isFunc(name string) bool {
	_, ok := c.funcIndex(functions(), name)
	return ok
}

// funcIndex reports whether name (without primes) names a function, and
// for a built-in function that symbolic.Lookup finds by name, 1 + its
// index in ft.funcs (else 0).
func (c *config) funcIndex(ft *funcTable, name string) (uint8, bool) {
	if len(c.funcs) > 0 && c.funcs[name] {
		return 0, true
	}
	return ft.find(name)
}

// A funcTable is the built-in functions and the aliases, for the lexer.
// Most names of an input are variables; a table indexed by a hash of a
// name's length, first and last byte tells most of them apart without a
// map look-up, and finds most functions with one string comparison.
type funcTable struct {
	funcs []*symbolic.Func // symbolic.Builtins()
	names []funcName       // every name and alias
	// slot holds, for each hash (nameSlot), 1 + the index in names of
	// the one name with that hash, 0 for none, or collided for several
	// (then index has them).
	slot  [1 << slotBits]uint16
	index map[string]uint8 // every name: its fn
}

// A funcName is a name of a function and the fn of its tokens.
type funcName struct {
	name string
	fn   uint8
}

const (
	slotBits = 10
	collided = 0xffff
)

// functions returns the table, made on first use.
var functions = sync.OnceValue(func() *funcTable {
	ft := &funcTable{funcs: symbolic.Builtins(), index: map[string]uint8{}}
	if len(ft.funcs) > 254 {
		panic("parser: more built-in functions than a token's fn holds")
	}
	for i, f := range ft.funcs {
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			ft.names = append(ft.names, funcName{n, uint8(i + 1)})
		}
	}
	for n := range aliases {
		ft.names = append(ft.names, funcName{n, 0})
	}
	for i, n := range ft.names {
		ft.index[n.name] = n.fn
		switch s := &ft.slot[nameSlot(n.name)]; *s {
		case 0:
			*s = uint16(i + 1)
		default:
			*s = collided
		}
	}
	return ft
})

// find reports whether name is a built-in function or an alias, and its
// fn.
func (ft *funcTable) find(name string) (uint8, bool) {
	switch s := ft.slot[nameSlot(name)]; s {
	case 0:
		return 0, false
	case collided:
		fn, ok := ft.index[name]
		return fn, ok
	default:
		if n := &ft.names[s-1]; n.name == name {
			return n.fn, true
		}
		return 0, false
	}
}

// nameSlot is the hash of a name by which funcTable finds it.
func nameSlot(name string) uint32 {
	if name == "" {
		return 0
	}
	k := uint32(len(name))<<16 | uint32(name[0])<<8 | uint32(name[len(name)-1])
	return k * 0x9e3779b1 >> (32 - slotBits)
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// lex splits src into tokens, ending with an EOF token. It reports invalid
// characters and misplaced primes. src is at most maxInput bytes long.
// Parse does not call it: its engine reads the tokens one at a time from a
// scanner (see tokenReader); Explain and the participle grammar need them
// all.
func lex(src string, c *config) ([]token, *Error) {
	// Most inputs have a token for every one to three bytes. The slice
	// starts with room for the tokens of the first few kilobytes at most,
	// and grows once to what their density predicts for the rest, with an
	// eighth more (append would grow a large slice by a quarter at a time,
	// copying it each time); a guess for the whole input at once would
	// allocate, clear and then copy several megabytes more for a dense
	// megabyte.
	toks := make([]token, 0, min(len(src)/2+2, 4096))
	s := newScanner(src, c)
	for {
		var t token
		if err := s.next(&t); err != nil {
			return nil, err
		}
		if len(toks) == cap(toks) {
			start := int(t.off)
			toks = slices.Grow(toks, len(toks)*(len(src)-start)/max(start, 1)*9/8+16)
		}
		toks = append(toks, t)
		if t.typ == tEOF {
			return toks, nil
		}
	}
}

// A scanner splits its input into tokens one at a time (next).
type scanner struct {
	src string
	c   *config
	ft  *funcTable
	i   int // the offset of the next token or of the space before it
}

func newScanner(src string, c *config) scanner {
	return scanner{src: src, c: c, ft: functions()}
}

// next sets *t to the next token, or to an EOF token at the end (and at
// every call after it). It reports invalid characters and misplaced
// primes.
func (s *scanner) next(t *token) *Error {
	src := s.src
	i := s.i
	for i < len(src) {
		ch := src[i]
		cls := byte(cOther)
		if ch < utf8.RuneSelf {
			cls = asciiClass[ch]
		}
		switch {
		case cls == cSpace:
			i++
			continue
		case cls == cDigit || cls == cDot && i+1 < len(src) && isDigit(src[i+1]):
			s.emit(t, tNumber, i, scanNumber(src, i), 0)
			return nil
		case cls == cStar && i+1 < len(src) && src[i+1] == '*':
			s.emit(t, tPunct, i, i+2, 0)
			return nil
		case cls == cPunct || cls == cStar:
			s.emit(t, tPunct, i, i+1, 0)
			return nil
		}
		r, size := rune(ch), 1
		if ch >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(src[i:])
		}
		switch {
		case r == utf8.RuneError && size <= 1:
			return errorAt(src, i, "invalid UTF-8 encoding")
		case cls != cLetter && unicode.IsSpace(r):
			i += size
			continue
		case cls == cLetter || isIdentStart(r):
			return s.name(t, i, r, size)
		}
		return errorAt(src, i, fmt.Sprintf("invalid character %q", r))
	}
	s.i = i
	*t = token{off: int32(len(src)), end: int32(len(src)), typ: tEOF}
	return nil
}

// emit sets *t to the token of type typ whose text is src[start:end],
// with the fn of a function name, and moves past it.
func (s *scanner) emit(t *token, typ tokType, start, end int, fn uint8) {
	var op byte
	if typ == tPunct {
		op = s.src[start]
		if end-start == 2 { // "**"
			op = '^'
		}
	}
	s.i = end
	// Field by field: a composite literal is built on the stack and
	// copied, and the copy's wide loads of the narrow stores stall.
	t.off, t.end, t.typ, t.op, t.fn = int32(start), int32(end), typ, op, fn
}

// name sets *t to the name that starts at i with the rune r of size
// bytes, and the primes after it.
func (s *scanner) name(t *token, i int, r rune, size int) *Error {
	src, c := s.src, s.c
	// π is a name of its own, never part of a longer one: 2πx
	// is 2*π*x and πr^2 is π*r^2, as written on paper.
	j := i + size
	for j < len(src) && r != 'π' {
		b := src[j]
		if asciiIdentPart[b] {
			j++
			continue
		}
		if b < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(src[j:])
		if !isIdentPart(r) || r == 'π' {
			break
		}
		j += size
	}
	name := src[i:j]
	k := j
	for k < len(src) && src[k] == '\'' {
		k++
	}
	idx, isFunc := c.funcIndex(s.ft, name)
	switch {
	case k > j && c.funcs[name]:
		s.emit(t, tFunc, i, k, 0)
		return nil
	case k > j && isFunc:
		return errorAt(src, j, "unexpected \"'\" after "+quote(name)+": only declared abstract functions take primes")
	case k > j:
		return errorAt(src, i, "unknown function "+quote(src[i:k])+"; "+declareHint(name))
	case isFunc:
		s.emit(t, tFunc, i, j, idx)
		return nil
	}
	s.emit(t, tIdent, i, j, 0)
	return nil
}

// The classes of ASCII characters for the lexer (asciiClass).
const (
	cOther  = iota
	cSpace  // the ASCII white space
	cDigit  // 0-9
	cDot    // '.', which may start a number
	cStar   // '*', which may start "**"
	cPunct  // the other one-character operators and punctuation
	cLetter // a-z, A-Z, '_': the ASCII starts of names
)

// asciiClass is the class of each ASCII character.
var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		b := byte(c)
		switch {
		case b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\v' || b == '\f':
			t[c] = cSpace
		case isDigit(b):
			t[c] = cDigit
		case b == '.':
			t[c] = cDot
		case b == '*':
			t[c] = cStar
		case isPunct(b):
			t[c] = cPunct
		case b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z':
			t[c] = cLetter
		}
	}
	return t
}()

// isPunct reports whether c is a one-character operator or punctuation.
func isPunct(c byte) bool {
	switch c {
	case '+', '-', '*', '/', '^', '(', ')', ',':
		return true
	}
	return false
}

// asciiIdentPart[b] is isASCIIIdentPart(b) for an ASCII byte b, false for
// the others: the lexer's test for each byte of a name, one load.
var asciiIdentPart = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		t[b] = isASCIIIdentPart(byte(b))
	}
	return t
}()

// isASCIIIdentPart is isIdentPart for an ASCII character.
func isASCIIIdentPart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c)
}

// lexerTokens returns toks as participle's tokens, with their positions
// (columns count runes), for the participle grammar and the syntax tree.
func lexerTokens(src string, toks []token) []lexer.Token {
	out := make([]lexer.Token, len(toks))
	line, lineStart := 1, 0 // lineStart: byte offset of the current line
	col, at := 1, 0         // col is the rune column of offset at
	for i, t := range toks {
		off := int(t.off)
		for j := at; j < off; j++ {
			if src[j] == '\n' {
				line, lineStart = line+1, j+1
			}
		}
		if at < lineStart {
			at, col = lineStart, 1
		}
		col += utf8.RuneCountInString(src[at:off])
		at = off
		out[i] = lexer.Token{Type: lexer.TokenType(t.typ), Value: t.text(src), Pos: lexer.Position{Offset: off, Line: line, Column: col}}
	}
	return out
}

// scanNumber returns the end of the number literal starting at i: digits
// with an optional fraction (1, 1.5, 1., .5) and an optional exponent (1e-3,
// 2.5E+4). An "e" not followed by digits is not part of the number, so 2e is
// 2*e.
func scanNumber(src string, i int) int {
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	if i < len(src) && src[i] == '.' {
		i++
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			i = j
		}
	}
	return i
}

// declareHint tells how to use an unknown name as a function.
func declareHint(name string) string {
	return "declare it as an abstract function to use it (parser.Funcs(\"" + name + "\"))"
}
