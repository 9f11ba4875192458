package symbolic

import "math/bits"

// A visitSet is the set of nodes a walk over a DAG has visited: an
// open-addressing table of node headers, spread by the structural hashes
// the nodes carry already. A Go map keyed by Expr hashes the interface
// (its type, then its pointer) on every look-up and grows by rehashing
// groups; on the DAGs of long inputs (200 000 distinct nodes from a 1 MB
// line) the walks of Size, Walk and Contains spent most of their time
// there.
//
// The zero value is an empty set ready to use.
type visitSet struct {
	slots []*header // a power of two long, or empty; nil marks a free slot
	n     int
	shift uint // 64 - log2(len(slots))
}

// add puts h in the set and reports whether it was not there before.
func (s *visitSet) add(h *header) bool {
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	i := s.slot(h)
	if s.slots[i] == h {
		return false
	}
	s.slots[i] = h
	s.n++
	return true
}

// slot returns the index of h's slot, or of the free slot where h would
// go. The set must have slots.
func (s *visitSet) slot(h *header) int {
	mask := len(s.slots) - 1
	// Fibonacci hashing: the top bits of the product mix all of the hash.
	i := int((h.hash * 0x9e3779b97f4a7c15) >> s.shift)
	for s.slots[i] != h && s.slots[i] != nil {
		i = (i + 1) & mask
	}
	return i
}

// len returns the number of nodes in the set.
func (s *visitSet) len() int { return s.n }

// grow doubles the slots (16 at first) and puts the nodes back.
func (s *visitSet) grow() {
	size := 2 * len(s.slots)
	if size == 0 {
		size = 16
	}
	old := s.slots
	s.slots = make([]*header, size)
	s.shift = uint(64 - bits.TrailingZeros(uint(size)))
	s.n = 0
	for _, h := range old {
		if h != nil {
			s.add(h)
		}
	}
}
