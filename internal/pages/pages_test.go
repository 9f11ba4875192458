package pages

import (
	"testing"
	"unsafe"
)

// store reaches every page that a slice's elements occupy, for element
// sizes that divide a page and that do not, lengths that end inside a page
// and slices that start inside one.
func TestStoreReachesEveryPage(t *testing.T) {
	type odd struct{ a, b, c uint64 } // 24 bytes: 4096 is no multiple
	for _, n := range []int{1, 7, 170, 171, 4095, 4096, 4097, 100_000} {
		for _, start := range []int{0, 1, 100} {
			bs := make([]byte, n+start)[start:]
			store(bs, 1)
			checkPages(t, "bytes", unsafe.Pointer(&bs[0]), len(bs), 1, func(i int) bool { return bs[i] != 0 })

			ws := make([]odd, n+start)[start:]
			store(ws, odd{a: 1})
			checkPages(t, "24-byte elements", unsafe.Pointer(&ws[0]), len(ws), 24, func(i int) bool { return ws[i].a != 0 })
		}
	}
	store([]struct{}{{}, {}}, struct{}{}) // no elements to reach, no panic
	store([]byte{}, 1)
}

// checkPages fails unless, for every page that n elements of size bytes
// from p occupy, written reports true for some element that starts in it
// or covers its first byte.
func checkPages(t *testing.T, what string, p unsafe.Pointer, n, size int, written func(int) bool) {
	t.Helper()
	base := uintptr(p)
	end := base + uintptr(n*size)
	for page := base &^ (pageSize - 1); page < end; page += pageSize {
		hit := false
		for i := 0; i < n && !hit; i++ {
			lo, hi := base+uintptr(i*size), base+uintptr((i+1)*size)
			if hi > page && lo < page+pageSize && written(i) {
				hit = true
			}
		}
		if !hit {
			t.Fatalf("%s, %d from %#x: the page at %#x has no store", what, n, base, page)
		}
	}
}

// Touch leaves the elements zero.
func TestTouchKeepsZero(t *testing.T) {
	ws := make([]struct{ a, b, c uint64 }, 10_000)
	Touch(ws)
	for i, w := range ws {
		if w.a != 0 || w.b != 0 || w.c != 0 {
			t.Fatalf("element %d changed", i)
		}
	}
}
