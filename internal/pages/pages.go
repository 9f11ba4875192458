// Package pages writes to the pages of new tables before they are read.
//
// A large slice comes from memory the Go runtime has just mapped and does
// not clear (the kernel gives zeroed pages), and the hash tables of this
// module read a slot before they write one. On Linux a page's first read
// maps it to the kernel's shared page of zeros, and the first write after
// that faults again, to copy it, with a flush of the other processors'
// address caches. Written first, a page faults once, the cheapest way. In
// the simplifier's tables of a fresh process these second faults were
// about a twentieth of its time (docs/benchmarks.md).
package pages

import "unsafe"

// pageSize is the smallest page size of the machines Go runs on; on
// larger pages Touch writes to some more than once.
const pageSize = 4096

// Touch writes the zero value to one element of every page of s. The
// elements are zero already (s is new), so the stores change nothing; they
// only make each page present and writable.
func Touch[S any](s []S) {
	var zero S
	store(s, zero)
}

// store writes v to one element in every page that s's elements occupy.
func store[S any](s []S, v S) {
	size := int(unsafe.Sizeof(v))
	if size == 0 || len(s) == 0 {
		return
	}
	step := max(1, pageSize/size)
	for i := 0; i < len(s); i += step {
		s[i] = v
	}
	// A step of elements is at most a page, so only the last page can be
	// missed, where s does not start on a page.
	s[len(s)-1] = v
}
