package parser

import (
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/symdiff/symdiff/internal/deepstack"
	"github.com/symdiff/symdiff/symbolic"
)

// A long input that is one sum or one product at its top level is read in
// two halves at once, on two cores: a second goroutine reads the terms (or
// factors) from an operator near the middle to the end while the parse
// reads the first half, and the parse then takes the second half's
// operands as if it had read them itself, and calls the sum's (product's)
// constructor on all of them, in their order. The result is the one node
// the sequential reading makes: the constructors are functions of their
// operands, and the nodes are interned (the intern table is shared and
// safe for concurrent use), so which goroutine made a node does not
// matter.
//
// The split is found by a scan of the bytes (findSplit), which takes an
// operator only where its meaning does not depend on anything the scan
// cannot see. Nothing rests on the scan being right: the parse adopts the
// second half only if its own reading arrives at exactly that operator
// as the next operator of the top-level sum (product) and the second
// reading ended at the end of the input without an error; otherwise it
// goes on reading by itself, so that every error, its position and its
// message are the sequential parse's (TestSplitMatchesSequential).

// The parse looks for a split in inputs of reserveFrom bytes or more: the
// second reading starts once the first has sampled the input and
// reserved room in the intern table (see directParser.reserve), so that
// the sample counts one reading's nodes. splitWindow bounds how far past
// the middle findSplit looks for an operator at the top level (a
// variable, for tests).
var splitWindow = 64 << 10

// splitEnabled turns the split off for tests that compare with the
// sequential reading, and splitsTaken counts the second halves taken.
var (
	splitEnabled = true
	splitsTaken  atomic.Int64
)

// A half is the second half of a split input and its reading.
type half struct {
	off   int  // the offset of its first token, the operator
	op    byte // '+': the terms of a sum; '*': the factors of a product
	stack int  // the stack to reserve for the reading (see parseDirect)
	hint  int  // room to make for the operands read (see reserve)
	// done is closed when the reading has ended; then ok reports whether
	// it read to the end of the input without an error, operands are
	// what it read and in its token reader at the end.
	done     chan struct{}
	ok       bool
	operands []symbolic.Expr
	in       tokenReader
	// panicked is a panic of the reading other than an input error (a
	// bug), raised again by the parse.
	panicked any
	// stop asks the reading to end early: the parse went past off.
	stop atomic.Bool
}

// planSplit decides whether src is to be read in two halves, and where.
func (p *directParser) planSplit() {
	if !splitEnabled || len(p.src) < reserveFrom || runtime.GOMAXPROCS(0) < 2 {
		return
	}
	// The first reading samples sampleBytes alone before the second
	// starts: the middle of the work is past the middle of the bytes.
	off, op := findSplit(p.src, (len(p.src)+sampleBytes)/2, p.topSum)
	if off < 0 {
		return
	}
	p.split = &half{off: off, op: op, stack: p.stack, done: make(chan struct{})}
}

// startSplit starts the second reading, if one is planned and not yet
// started.
func (p *directParser) startSplit() {
	if h := p.split; h != nil && !p.splitStarted {
		p.splitStarted = true
		go readHalf(p.src, p.c, h)
	}
}

// atSplit is called, while a split is planned, by the loops of sum and
// mul at the top of each iteration, with the operator of the loop ('+'
// or '*'). Where the current token is the split's operator, it appends
// the second half's operands to the operands and moves the reader to the
// end of the input, if that half was read without an error.
func (p *directParser) atSplit(op byte) {
	h := p.split
	off := int(p.in.cur().off)
	switch {
	case off < h.off || off == h.off && h.op != op:
		// Not there yet, or there in a loop inside the top level's: a
		// product that ends at the sum's operator.
		return
	case off > h.off || !p.splitStarted:
		// Past the split without meeting it (the scan was wrong): read
		// on alone.
		p.dropSplit()
		return
	}
	<-h.done
	p.split = nil
	if h.panicked != nil {
		panic(h.panicked)
	}
	if h.ok {
		p.operands = append(p.operands, h.operands...)
		p.in = h.in
		splitsTaken.Add(1)
	}
}

// dropSplit abandons the second reading.
func (p *directParser) dropSplit() {
	if h := p.split; h != nil {
		h.stop.Store(true)
		p.split = nil
	}
}

// readHalf reads h, the second half of src, in its own goroutine.
func readHalf(src string, c *config, h *half) {
	defer close(h.done)
	w := &directParser{lowerer: lowerer{src: src, c: c}, memo: newMemo(len(src) - h.off)}
	if h.hint > 0 {
		w.operands = make([]symbolic.Expr, 0, h.hint)
	}
	defer func() {
		switch r := recover(); r.(type) {
		case nil:
		case readError, errPanic, *symbolic.Error:
			// An input error: the parse reads this half again itself and
			// reports it where the sequential reading would.
			h.ok = false
		default:
			h.panicked = r
		}
	}()
	if err := w.in.startAt(src, c, h.off); err != nil {
		return
	}
	if h.stack > 0 {
		deepstack.Reserve(h.stack)
	}
	more := w.factor
	if h.op == '+' {
		more = w.nextTerm
	}
	for !h.stop.Load() && more() {
	}
	h.ok = w.in.cur().typ == tEOF && !h.stop.Load()
	h.operands, h.in = w.operands, w.in
}

// startAt lexes the tokens from offset off, where an operator of the
// top-level sum or product is, and makes it the current token, checked:
// the checker's state after such an operator is its state at the start
// (no parenthesis open, no chain of signs and powers, an operand next).
func (r *tokenReader) startAt(src string, c *config, off int) *Error {
	r.scanner = newScanner(src, c)
	r.scanner.i = off
	r.checker = newChecker(src, c)
	r.n = 4 // ring[0] current, ring[3] (zero) before it
	for i := range 3 {
		if err := r.next(&r.ring[i]); err != nil {
			return err
		}
	}
	return nil
}

// findSplit returns the offset of an operator at the top level of src at
// or after from (at most splitWindow bytes after it) where a second
// reading can start, and the operator: a binary '+' or '-' of the
// top-level sum ('+'), or, where src has no such operator (topSum is
// false; see scan), an explicit '*' of the top-level product ('*'). It
// returns -1 if there is none.
//
// An operator is at the top level where no parenthesis is open; every
// '+', '-' and '*' there belongs to the top-level sum or product (the
// grammar has no other operator of lower precedence, and parentheses
// are its only brackets). It is taken only where the byte before it
// (spaces apart) ends an operand for certain: an ASCII letter, digit or
// '_' of a name or a number, or ')'; never the sign of a number's
// exponent (1e-5), a sign after another operator (x^-2, a*-b), or half of
// "**". The parentheses open at from are counted (strings.Count, many
// bytes at a time), and only the window is read byte by byte.
func findSplit(src string, from int, topSum bool) (int, byte) {
	if from >= len(src) {
		return -1, 0
	}
	depth := strings.Count(src[:from], "(") - strings.Count(src[:from], ")")
	limit := min(len(src), from+splitWindow)
	for i := from; i < limit; i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '+', '-':
			if topSum && depth == 0 && operandBefore(src, i) {
				return i, '+'
			}
		case '*':
			if !topSum && depth == 0 && i > 0 && src[i-1] != '*' && i+1 < len(src) && src[i+1] != '*' &&
				operandBefore(src, i) {
				return i, '*'
			}
		}
	}
	return -1, 0
}

// scan reads src once and returns the deepest nesting of its
// parentheses, and whether it has a binary '+' or '-' at the top level
// (see findSplit).
func scan(src string) (deepest int, topSum bool) {
	d := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(':
			d++
			deepest = max(deepest, d)
		case ')':
			d--
		case '+', '-':
			if d == 0 && !topSum {
				topSum = operandBefore(src, i)
			}
		}
	}
	return deepest, topSum
}

// operandBefore reports whether the text before offset i ends, for
// certain, an operand: see findSplit.
func operandBefore(src string, i int) bool {
	j := i - 1
	for j >= 0 && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
		j--
	}
	if j < 0 {
		return false
	}
	if src[j] == ')' {
		return true
	}
	if !isASCIIWord(src[j]) {
		return false
	}
	// The word before: a number ending in e or E may go on past the sign
	// (1e-5); a word of other bytes than ASCII is not looked into.
	k := j
	for k >= 0 && isASCIIWord(src[k]) {
		k--
	}
	if k >= 0 && (src[k] >= 0x80 || src[k] == '.' || src[k] == '\'') {
		return false
	}
	if isDigit(src[k+1]) && (src[j] == 'e' || src[j] == 'E') {
		return false
	}
	return true
}

// isASCIIWord reports whether b is an ASCII letter, digit or '_'.
func isASCIIWord(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}
