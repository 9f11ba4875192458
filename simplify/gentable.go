package simplify

import (
	"github.com/symdiff/symdiff/internal/pages"
	"github.com/symdiff/symdiff/symbolic"
)

// A genTable holds a value of type V for each node one walk meets: an
// open-addressing table spread by the nodes' structural hashes, each slot
// valid for the generation it was written in, so that a new walk starts a
// generation instead of emptying the table or making a map. The walks that
// use one (a shape's, a fill's) meet a few hundred nodes at most, so the
// table stays small and in the cache, where one table of every node the
// engine met missed it at most probes.
//
// The zero value is ready to use; a node's value starts as fresh.
type genTable[V any] struct {
	slots []genSlot[V] // a power of two long
	gen   uint32
	n     int // slots of the current generation
	fresh V   // the value of a node when the walk first meets it
}

type genSlot[V any] struct {
	k   symbolic.Key
	gen uint32
	v   V
}

// next starts a new generation: a new walk.
func (t *genTable[V]) next() {
	t.gen++
	t.n = 0
	if t.gen == 0 {
		// Wrapped around: slots of the first generation would look
		// current again.
		clear(t.slots)
		t.gen = 1
	}
}

// at returns n's value for the current generation, made fresh if it has
// none. The pointer is valid until the next call (the table may grow).
func (t *genTable[V]) at(n symbolic.Expr) *V {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	k := symbolic.KeyOf(n)
	mask := len(t.slots) - 1
	i := genHome(k, mask)
	for {
		sl := &t.slots[i]
		if sl.gen != t.gen {
			*sl = genSlot[V]{k: k, gen: t.gen, v: t.fresh}
			t.n++
			return &sl.v
		}
		if sl.k == k {
			return &sl.v
		}
		i = (i + 1) & mask
	}
}

// grow doubles the table (or makes it), keeping the current generation's
// slots.
func (t *genTable[V]) grow() {
	old := t.slots
	t.slots = make([]genSlot[V], max(genTableMin, 2*len(old)))
	pages.Touch(t.slots) // at reads a slot before writing it
	mask := len(t.slots) - 1
	for _, sl := range old {
		if sl.gen != t.gen {
			continue
		}
		i := genHome(sl.k, mask)
		for t.slots[i].gen == t.gen {
			i = (i + 1) & mask
		}
		t.slots[i] = sl
	}
}

// genTableMin is the fewest slots of a table that holds anything: a small
// input's walks meet a few dozen nodes, and a table of 1024 slots (40 KB)
// was most of what simplifying a short command's derivative allocated
// (two tables per engine).
const genTableMin = 64

// genHome is the slot where the probe for k starts in a genTable of
// mask+1 slots (Fibonacci hashing of k's structural hash).
func genHome(k symbolic.Key, mask int) int {
	return int((k.Hash()*fibonacci)>>32) & mask
}
