// Package smallmap provides a map that is two short slices while it holds
// few entries and a Go map beyond that.
//
// The memo tables of the library's walks over expressions (the
// differentiator's, the simplifier's) hold a handful of entries for the
// expressions people type, and a Go map costs more to make and fill than
// the walk itself there: for the sigmoid's derivative, map inserts were an
// eighth of differentiating and simplifying it. A linear search over eight
// keys is faster than a hash. Large walks switch to a Go map at the ninth
// key and pay one copy of eight entries.
package smallmap

// small is the number of entries held in the slices before switching to a
// Go map.
const small = 8

// A Map maps keys to values. The zero value is an empty map ready to use.
// It is not safe for concurrent use.
type Map[K comparable, V any] struct {
	n    int
	keys [small]K
	vals [small]V
	m    map[K]V
}

// Get returns the value of k and whether k is in the map.
func (s *Map[K, V]) Get(k K) (V, bool) {
	if s.m != nil {
		v, ok := s.m[k]
		return v, ok
	}
	for i := 0; i < s.n; i++ {
		if s.keys[i] == k {
			return s.vals[i], true
		}
	}
	var zero V
	return zero, false
}

// Set sets the value of k to v.
func (s *Map[K, V]) Set(k K, v V) {
	if s.m != nil {
		s.m[k] = v
		return
	}
	for i := 0; i < s.n; i++ {
		if s.keys[i] == k {
			s.vals[i] = v
			return
		}
	}
	if s.n < small {
		s.keys[s.n], s.vals[s.n] = k, v
		s.n++
		return
	}
	s.m = make(map[K]V, 4*small)
	for i := 0; i < s.n; i++ {
		s.m[s.keys[i]] = s.vals[i]
	}
	s.m[k] = v
	clear(s.keys[:])
	clear(s.vals[:])
	s.n = 0
}

// Len returns the number of entries.
func (s *Map[K, V]) Len() int {
	if s.m != nil {
		return len(s.m)
	}
	return s.n
}
