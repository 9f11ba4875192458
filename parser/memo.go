package parser

import "github.com/symdiff/symdiff/symbolic"

// A memo remembers the results of a parse's recent constructor calls of
// up to memoArgs operands, by the operands' identity: an input that
// repeats a subexpression (the same call or power in every term of a long
// sum) makes its nodes once and finds them here after, without the
// constructors' canonicalisation and the intern table's lock and look-up.
// A constructor is a function of its operands (and of the parse's
// options), and returns the one interned node of its result, which the
// memo holds alive: a call found here returns the node that the
// constructor would return. A call that panics (an error) is not
// remembered.
//
// It is a table indexed by a hash of the call, one entry per slot, the
// newest call replacing the one before; a parse of a short input has none
// (nil entries), for which find costs one comparison. A parse that finds
// few of its calls (every subexpression new) drops the table: recording
// every call in it would cost more than it saves.
type memo struct {
	entries []memoEntry
	shift   uint // 64 minus the bits of an index
	// finds and hits count the calls looked up and found since the last
	// review (see find).
	finds, hits int
}

// A memoEntry is a constructor call and its result; op 0 for none.
type memoEntry struct {
	op   memoOp
	n    int // the number of operands
	args [memoArgs]symbolic.Key
	val  symbolic.Expr
}

// memoArgs is the most operands of a call the memo remembers.
const memoArgs = 4

// memoReview is the number of look-ups after which a memo reviews its
// hits, and memoMinHits the least fraction of them found (1/memoMinHits)
// for it to go on.
const (
	memoReview  = 4096
	memoMinHits = 8
)

// A memoOp names the constructor of a call: one of the ops below, or
// opCall plus the fn of a built-in function's token (see token.fn).
type memoOp uint16

const (
	opNone memoOp = iota
	opAdd
	opMul
	opNeg
	opInv // x^-1, the divisor of a quotient
	opPow // symbolic.PowLimit with the parse's MaxNumberBits
	opCall
)

// memoFrom is the input length from which a parse has a memo: below it
// the table would cost more to make than it saves. Tests lower it to check
// that the memo changes no result.
var memoFrom = 4096

// newMemo returns the memo of a parse of n bytes: a table of about one
// slot for every 256 bytes, 256 to 2048 slots; none below memoFrom.
func newMemo(n int) memo {
	if n < memoFrom {
		return memo{}
	}
	bits := uint(8)
	for bits < 11 && 1<<(bits+8) < n {
		bits++
	}
	return memo{entries: make([]memoEntry, 1<<bits), shift: 64 - bits}
}

// find returns the remembered result of op on xs, or nil, and the slot
// where put records the call.
func (m *memo) find(op memoOp, xs []symbolic.Expr) (symbolic.Expr, int) {
	if m.entries == nil || op == opNone || len(xs) > memoArgs {
		return nil, -1
	}
	if m.finds++; m.finds == memoReview {
		if m.hits*memoMinHits < m.finds {
			*m = memo{}
			return nil, -1
		}
		m.finds, m.hits = 0, 0
	}
	h := uint64(op) * 0x9e3779b97f4a7c15
	for _, x := range xs {
		h = (h ^ symbolic.KeyOf(x).Hash()) * 0x100000001b3
	}
	slot := int(h >> m.shift)
	e := &m.entries[slot]
	if e.op != op || e.n != len(xs) {
		return nil, slot
	}
	for i, x := range xs {
		if e.args[i] != symbolic.KeyOf(x) {
			return nil, slot
		}
	}
	m.hits++
	return e.val, slot
}

// put records that op on xs gave v, in the slot find returned (none if
// negative).
func (m *memo) put(slot int, op memoOp, xs []symbolic.Expr, v symbolic.Expr) {
	if slot < 0 {
		return
	}
	e := &m.entries[slot]
	e.op, e.n, e.val = op, len(xs), v
	for i, x := range xs {
		e.args[i] = symbolic.KeyOf(x)
	}
	clear(e.args[len(xs):])
}
