package hugeheap

import (
	"bytes"
	"os"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"unsafe"

	"github.com/symdiff/symdiff/internal/gcpolicy"
)

// madvHugepage is MADV_HUGEPAGE: back the range with huge pages where
// the kernel's policy is "madvise".
const madvHugepage = 14

// hugePage is the size of a transparent huge page on amd64 and arm64
// (with 4 KB base pages). A range is marked in whole huge pages.
const hugePage = 2 << 20

// prepared is set by the first Prepare that does its work.
var prepared atomic.Bool

// policyFile holds the kernel's policy for transparent huge pages, the
// chosen one in brackets: "always [madvise] never".
const policyFile = "/sys/kernel/mm/transparent_hugepage/enabled"

// Prepare asks for the next n bytes (about) that the heap allocates to be
// backed by huge pages, and reports whether it did; only its first call
// in a process with n of two huge pages or more does anything. See the
// package documentation.
func Prepare(n int) bool {
	if n < 2*hugePage || !prepared.CompareAndSwap(false, true) {
		return false
	}
	if os.Getenv("SYMDIFF_HUGEPAGES") == "off" || !onRequest() {
		return false
	}
	start, end := mapFree(n)
	lo := (start + hugePage - 1) &^ (hugePage - 1)
	hi := end &^ (hugePage - 1)
	if hi <= lo {
		return false
	}
	_, _, e := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, madvHugepage)
	return e == 0
}

// mapFree makes the runtime map n bytes of heap that it will allocate
// from next, and returns their addresses: an object of n bytes, which
// the runtime places at the lowest free pages that hold it (mapping more
// if need be) and does not clear (fresh memory is zero), dropped and
// collected at once. The collection does not count as the command's
// first (see gcpolicy.Collect).
//
// No collection may start while the object is made: an object larger
// than the room left before the collector's next target would start
// one, which would count as the command's first (and then two ran
// where one is needed).
func mapFree(n int) (start, end uintptr) {
	percent := debug.SetGCPercent(-1)
	b := make([]byte, n)
	start = uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	end = start + uintptr(n)
	b = nil
	debug.SetGCPercent(percent)
	gcpolicy.Collect()
	return start, end
}

// onRequest reports whether the kernel gives huge pages only to memory
// marked for them (the policy "madvise").
func onRequest() bool {
	b, err := os.ReadFile(policyFile)
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}
