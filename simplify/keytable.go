package simplify

import (
	"math/bits"
	"sync"

	"github.com/symdiff/symdiff/internal/pages"
	"github.com/symdiff/symdiff/symbolic"
)

// A keyTable maps interned nodes (by symbolic.Key) to values: the engine's
// per-node memo tables. It is an open-addressing table with linear probing,
// keys and values side by side, spread by the nodes' structural hashes,
// which are computed already: a look-up reads one slot, most often in one
// cache line, where a Go map hashes the key and reads a control word, then
// the slot, through a directory once it is large. The engine's tables grow
// only (nothing is deleted) and are consulted for every node of every
// search, so on a large input they are most of its memory traffic.
//
// The zero value is an empty table ready to use. It is not safe for
// concurrent use.
type keyTable[V any] struct {
	slots []keySlot[V] // any length (see grow), or empty
	n     int          // keys set
}

type keySlot[V any] struct {
	k symbolic.Key // the zero Key marks an empty slot
	v V
}

// fibonacci is 2^64 divided by the golden ratio: multiplying a hash by it
// (Fibonacci hashing) mixes all of its bits into the top ones, which the
// tables take their slots from.
const fibonacci = 0x9e3779b97f4a7c15

// keyTableMin is the fewest slots of a table that holds anything.
const keyTableMin = 16

// slot returns the index of k's slot, or of the empty slot where k would
// go. The table must have slots.
func (t *keyTable[V]) slot(k symbolic.Key) int {
	// Fibonacci hashing mixes all of the hash into the top bits, and the
	// high word of its product with the length maps those onto the slots
	// (Lemire's reduction): a table needs no power-of-two length, so
	// Reserve makes what is asked for, not up to twice that.
	hi, _ := bits.Mul64(k.Hash()*fibonacci, uint64(len(t.slots)))
	i := int(hi)
	for {
		s := &t.slots[i]
		if s.k == k || s.k == (symbolic.Key{}) {
			return i
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// Get returns the value of k and whether k is in the table.
func (t *keyTable[V]) Get(k symbolic.Key) (V, bool) {
	if t.n == 0 {
		var zero V
		return zero, false
	}
	s := &t.slots[t.slot(k)]
	return s.v, s.k == k
}

// Set sets the value of k to v.
func (t *keyTable[V]) Set(k symbolic.Key, v V) {
	if len(t.slots) == 0 || 4*(t.n+1) > 3*len(t.slots) {
		// Double the slots (grow wants 4/3 n of them): growing by more
		// leaves most of the last table untouched but paid for.
		t.grow(3 * len(t.slots) / 2)
	}
	i := t.slot(k)
	s := &t.slots[i]
	if s.k != k {
		s.k = k
		t.n++
	}
	s.v = v
}

// clear removes every key, keeping the slots.
func (t *keyTable[V]) clear() {
	clear(t.slots)
	t.n = 0
}

// Len returns the number of keys set.
func (t *keyTable[V]) Len() int { return t.n }

// Reserve makes room for n keys, so that filling the table to n does not
// grow it a doubling at a time.
func (t *keyTable[V]) Reserve(n int) {
	if 4*n > 3*len(t.slots) {
		t.grow(n)
	}
}

// grow moves the keys to a table of 4/3 n slots, at least (a quarter free
// keeps the probes short), if that is more than it has.
func (t *keyTable[V]) grow(n int) {
	size := max(keyTableMin, (4*n+2)/3)
	if size <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]keySlot[V], size)
	pages.Touch(t.slots) // probes read a slot before writing it
	for i := range old {
		if s := &old[i]; s.k != (symbolic.Key{}) {
			t.slots[t.slot(s.k)] = *s
		}
	}
}

// A nodeSet is a set of interned nodes for one walk: a short array
// searched in turn while it holds few (the skeleton of most nodes has a
// handful), then a keyTable taken from a pool, which release gives back.
// A Go map made per walk cost more than the walks it served: the skeleton
// walks of the logistic loss's gradient spent a tenth of their time
// growing maps.
//
// The zero value is an empty set ready to use.
type nodeSet struct {
	n    int
	few  [nodeSetFew]symbolic.Key
	many *keyTable[struct{}]
}

const nodeSetFew = 32

// spilled holds the tables of nodeSets that outgrew their arrays, emptied,
// for the next walks.
var spilled = sync.Pool{New: func() any { return new(keyTable[struct{}]) }}

// add puts k in the set and reports whether it was not there before.
func (s *nodeSet) add(k symbolic.Key) bool {
	if s.many != nil {
		if _, ok := s.many.Get(k); ok {
			return false
		}
		s.many.Set(k, struct{}{})
		s.n++
		return true
	}
	for _, x := range s.few[:s.n] {
		if x == k {
			return false
		}
	}
	if s.n < nodeSetFew {
		s.few[s.n] = k
		s.n++
		return true
	}
	s.many = spilled.Get().(*keyTable[struct{}])
	s.many.Reserve(4 * nodeSetFew)
	for _, x := range s.few {
		s.many.Set(x, struct{}{})
	}
	s.many.Set(k, struct{}{})
	s.n++
	return true
}

// has reports whether k is in the set.
func (s *nodeSet) has(k symbolic.Key) bool {
	if s.many != nil {
		_, ok := s.many.Get(k)
		return ok
	}
	for _, x := range s.few[:s.n] {
		if x == k {
			return true
		}
	}
	return false
}

// len returns the number of nodes in the set.
func (s *nodeSet) len() int { return s.n }

// release empties the set and gives its table, if it took one, back to
// the pool.
func (s *nodeSet) release() {
	if s.many != nil {
		s.many.clear()
		spilled.Put(s.many)
		s.many = nil
	}
	s.n = 0
}
