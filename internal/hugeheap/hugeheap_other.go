//go:build !linux

package hugeheap

// Prepare does nothing here: see the package documentation.
func Prepare(n int) bool { return false }
