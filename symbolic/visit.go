package symbolic

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/symdiff/symdiff/internal/pages"
)

// A visitSet is the set of nodes a walk over a DAG has visited: an
// open-addressing table of node headers, spread by the structural hashes
// the nodes carry already. A Go map keyed by Expr hashes the interface
// (its type, then its pointer) on every look-up and grows by rehashing
// groups; on the DAGs of long inputs (200 000 distinct nodes from a 1 MB
// line) the walks of Size, Walk and Contains spent most of their time
// there.
//
// Each slot is stamped with the generation of the walk that filled it, so
// a set is emptied by starting a new generation, not by clearing its
// slots: the walks take their sets from a pool (getVisitSet), and a table
// grown for a long input serves the next walks of it (the CLI walks a
// 1 MB input three times) without growing again.
//
// The zero value is an empty set ready to use.
type visitSet struct {
	slots []visitSlot // a power of two long, or empty
	n     int
	shift uint   // 64 - log2(len(slots))
	gen   uint32 // the generation of the slots in the set
}

// A visitSlot holds a node of the set if its gen is the set's and h is
// not nil; it is free otherwise.
type visitSlot struct {
	h   *header
	gen uint32
}

var visitSets = sync.Pool{New: func() any { return new(visitSet) }}

// getVisitSet returns an empty set from the pool; putVisitSet gives it
// back.
func getVisitSet() *visitSet { return visitSets.Get().(*visitSet) }

func putVisitSet(s *visitSet) {
	s.reset()
	visitSets.Put(s)
}

// reset empties the set.
func (s *visitSet) reset() {
	s.n = 0
	if s.gen++; s.gen == 0 {
		clear(s.slots)
		s.gen = 1
	}
}

// add puts h in the set and reports whether it was not there before.
func (s *visitSet) add(h *header) bool {
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	sl := &s.slots[s.slot(h)]
	if sl.h == h && sl.gen == s.gen {
		return false
	}
	*sl = visitSlot{h, s.gen}
	s.n++
	return true
}

// has reports whether h is in the set.
func (s *visitSet) has(h *header) bool {
	if s.n == 0 {
		return false
	}
	sl := &s.slots[s.slot(h)]
	return sl.h == h && sl.gen == s.gen
}

// slot returns the index of h's slot, or of the free slot where h would
// go. The set must have slots.
func (s *visitSet) slot(h *header) int {
	mask := len(s.slots) - 1
	// Fibonacci hashing: the top bits of the product mix all of the hash.
	i := int((h.hash * fibonacci) >> s.shift)
	for {
		sl := &s.slots[i]
		if sl.gen != s.gen || sl.h == nil || sl.h == h {
			return i
		}
		i = (i + 1) & mask
	}
}

// len returns the number of nodes in the set.
func (s *visitSet) len() int { return s.n }

// grow doubles the slots (16 at first) and puts the nodes back.
func (s *visitSet) grow() {
	size := 2 * len(s.slots)
	if size == 0 {
		size = 16
	}
	old, gen := s.slots, s.gen
	s.slots = make([]visitSlot, size)
	pages.Touch(s.slots)
	s.shift = uint(64 - bits.TrailingZeros(uint(size)))
	s.n, s.gen = 0, 0
	for _, sl := range old {
		if sl.gen == gen && sl.h != nil {
			s.add(sl.h)
		}
	}
}

// Fold calls f once for each distinct node of the DAG rooted at e, children
// before parents, with the values f returned for the node's children in
// order, and returns f's value for e. It is the walk for a bottom-up
// analysis (whether a node holds a variable, its size as a tree): each
// shared subexpression is folded once, and the values are kept in a table
// spread by the nodes' structural hashes, not in a map keyed by Expr.
func Fold[T any](e Expr, f func(n Expr, kids []T) T) T {
	t := foldTable[T]{}
	// The DAG has at least e and its operands (distinct in a sum or a
	// product): a long sum's table made once at its size, not doubled
	// from 16.
	t.grow(len(Children(e)) + 1)
	var kids []T // a stack: each node's children's values, popped after f
	var walk func(n Expr) T
	walk = func(n Expr) T {
		if v, ok := t.get(n.hdr()); ok {
			return v
		}
		cs := Children(n)
		mark, before := len(kids), t.n
		for i, c := range cs {
			if len(cs) >= prefetchFrom {
				t.prefetchAhead(cs, i)
			}
			if i == sampleOperands && len(cs) >= 16*sampleOperands {
				// Room for as many nodes below the rest as below the
				// first operands, at once; no more than there are.
				t.grow(min(t.n+(t.n-before)*(len(cs)-i)/i, Interned()))
			}
			v := walk(c)
			kids = append(kids, v)
		}
		v := f(n, kids[mark:len(kids):len(kids)])
		kids = kids[:mark]
		t.set(n.hdr(), v)
		return v
	}
	return walk(e)
}

// sampleOperands is the number of a wide node's operands after which Fold
// makes room in its table for the rest, at the rate those made entries:
// the long sum at the root of a large input otherwise grows it a doubling
// at a time, each moving every entry to a new place.
const sampleOperands = 64

// prefetchFrom is the number of operands from which a walk loads the
// operands ahead of the one it is at into the cache (see prefetchAhead).
const prefetchFrom = 16

// prefetchAhead starts loading what the walk of cs[i+2:] will read: the
// node 8 operands ahead, the table slot and the operands' nodes of the one
// 4 ahead (its node loaded 4 operands ago), and the operands' slots of
// the one 2 ahead. The operands of a long sum or product of a large input
// lie all over memory, as do their slots in the table; read one after the
// other, each waited for memory in turn (most of a fold of a 1 MB input).
func (t *foldTable[T]) prefetchAhead(cs []Expr, i int) {
	if j := i + 8; j < len(cs) {
		prefetch(dataWord(cs[j]))
	}
	if j := i + 4; j < len(cs) {
		t.prefetchSlot(cs[j].hdr())
		for _, g := range Children(cs[j]) {
			prefetch(dataWord(g))
		}
	}
	if j := i + 2; j < len(cs) {
		for _, g := range Children(cs[j]) {
			t.prefetchSlot(g.hdr())
		}
	}
}

// prefetchSlot starts loading the slot where a look-up of h starts.
func (t *foldTable[T]) prefetchSlot(h *header) {
	prefetch(unsafe.Pointer(&t.slots[home(h.hash, len(t.slots))]))
}

// dataWord returns the pointer to e's node: the data word of the
// interface, read without a call (every node type begins with its
// header).
func dataWord(e Expr) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&e))[1]
}

// A foldTable maps nodes to the values of a Fold: open addressing on the
// nodes' structural hashes, as visitSet.
type foldTable[T any] struct {
	slots []foldSlot[T] // any length (see home), or empty
	n     int
}

type foldSlot[T any] struct {
	h *header // nil marks a free slot
	v T
}

// grow moves the entries to a table of 2n slots (at least 16), if the
// table has fewer: room for n entries at half load, and for n/2 more
// before it grows again. A table sized to be three quarters full at n
// took long probes as it filled and, with an estimate of n a little
// short, a last doubling with every entry moved.
func (t *foldTable[T]) grow(n int) {
	size := max(16, 2*n)
	if size <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]foldSlot[T], size)
	pages.Touch(t.slots)
	for _, s := range old {
		if s.h != nil {
			t.slots[t.slot(s.h)] = s
		}
	}
}

func (t *foldTable[T]) slot(h *header) int {
	n := len(t.slots)
	i := home(h.hash, n)
	for t.slots[i].h != h && t.slots[i].h != nil {
		i = next(i, n)
	}
	return i
}

func (t *foldTable[T]) get(h *header) (T, bool) {
	if t.n == 0 {
		var zero T
		return zero, false
	}
	s := &t.slots[t.slot(h)]
	return s.v, s.h == h
}

func (t *foldTable[T]) set(h *header, v T) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow(len(t.slots)) // twice the slots
	}
	s := &t.slots[t.slot(h)]
	if s.h != h {
		s.h = h
		t.n++
	}
	s.v = v
}
