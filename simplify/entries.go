package simplify

import "github.com/symdiff/symdiff/symbolic"

// entries is a table of one value of type E for each node met: an index by
// key into a slice, so that each node's entry has a number that stays the
// same for the table's life and the values sit side by side in memory.
type entries[E any] struct {
	index keyTable[int32]
	vals  []E
}

// at returns n's entry and its number, made with E's zero value if n has
// none. The table is made on first use with room for size entries. The
// pointer is valid until the next call (the slice may grow).
func (t *entries[E]) at(n symbolic.Expr, size int) (int32, *E) {
	k := symbolic.KeyOf(n)
	i, ok := t.index.Get(k)
	if !ok {
		if t.vals == nil {
			t.index.Reserve(size)
			t.vals = make([]E, 0, size)
		}
		i = int32(len(t.vals))
		var zero E
		t.vals = append(t.vals, zero)
		t.index.Set(k, i)
	}
	return i, &t.vals[i]
}

// lookup returns n's entry, or nil if n has none.
func (t *entries[E]) lookup(n symbolic.Expr) *E {
	i, ok := t.index.Get(symbolic.KeyOf(n))
	if !ok {
		return nil
	}
	return &t.vals[i]
}
