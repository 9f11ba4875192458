//go:build !linux

package hugeheap

// Prepare does nothing here: see the package documentation.
func Prepare(n int) bool { return false }

// Prepared reports whether Prepare has acted; elsewhere than on Linux it
// never does.
func Prepared() bool { return false }
