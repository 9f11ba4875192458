package prefault

import (
	"os"
	"syscall"
	"unsafe"

	// Frontier allocates up to a heap chunk at start-up: under the
	// runtime's first target (a collection at 4 MB) that would start a
	// collection. Importing the command's policy sets its target first
	// (packages are initialised after those they import).
	_ "github.com/symdiff/symdiff/internal/gcpolicy"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): populate the
// range, writable, as if each page had been written. On older kernels the
// call fails with EINVAL and nothing changes.
const madvPopulateWrite = 23

const (
	chunkBytes = 4 << 20 // the runtime maps its heap in chunks this size, aligned to it
	baseBytes  = 1 << 20 // populated for any command
	perArgByte = 2 << 10 // and this much more for each byte of the command line
)

// marker is a small object allocated at start-up, on the heap (a
// variable of the package's, so that it is not on the stack): its page is
// where small objects are being allocated.
var marker *[64]byte

// probeBytes is the size of the object whose address says where the heap
// is being allocated now: large enough that the runtime gives it pages of
// its own, at the lowest free ones, rather than a place in a span of
// small objects allocated earlier.
const probeBytes = 256 << 10

func init() {
	if os.Getenv("SYMDIFF_PREFAULT") == "off" {
		return
	}
	n := Bytes(argBytes(os.Args))
	// Small objects are allocated next in the span of this one and in the
	// pages the processor has cached for spans after it; pages for new
	// spans and large objects come from the first free page on.
	marker = new([64]byte)
	small := uintptr(unsafe.Pointer(marker)) &^ (uintptr(os.Getpagesize()) - 1)
	if small+n <= (small|(chunkBytes-1))+1 {
		Populate(small, n, chunkBytes)
		return
	}
	// Too little room in the chunk: the cached pages, then as many past
	// the first free page, in the next chunk if need be (see Frontier).
	// The probe's own pages are left out.
	free := probe()
	cached := free - probeBytes
	if cached < small {
		Populate(small, n, chunkBytes)
		return
	}
	k := min(n, cached-small)
	Populate(small, k, chunkBytes)
	if n -= k; n > 0 {
		Populate(room(free, n), n, chunkBytes)
	}
}

// Frontier returns the first free page of the heap, where the allocations
// of pages to come will go, after making sure that n bytes from it are
// mapped in one chunk (or as many as a chunk holds after one of the
// runtime's pages).
//
// The heap's base is random within its first chunk (see the package
// doc), so the room left between the objects allocated so far and the
// chunk's end, where the runtime has mapped memory up to, is anything
// from a few pages to the whole chunk. Where it is less than n, an
// object a page larger than the room is allocated and dropped: the
// runtime maps its next chunk and places the object at the lowest free
// pages, across the chunk's end, and the allocations after it go on from
// its end. Nothing writes to the object (the runtime does not clear fresh
// memory), so its pages never become resident; it holds their addresses
// until the first collection. Without it, how much of what a command
// allocates was populated depended on where its heap happened to start.
func Frontier(n uintptr) uintptr { return room(probe(), n) }

// probe returns the first free page of the heap, the first after an
// object of probeBytes allocated now.
func probe() uintptr { return end(make([]byte, probeBytes)) }

// room returns free, the first free page of the heap, or the first page
// of the next chunk that the runtime has mapped where fewer than n bytes
// are left in free's chunk: see Frontier.
func room(free, n uintptr) uintptr {
	if left := (free | (chunkBytes - 1)) + 1 - free; left < min(n, chunkBytes-heapPage) {
		return end(make([]byte, left+heapPage))
	}
	return free
}

// end returns the first of the runtime's pages after b.
func end(b []byte) uintptr {
	e := uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(len(b))
	return (e + heapPage - 1) &^ (heapPage - 1)
}

// heapPage is the size of the runtime's pages, in which it gives out
// memory (a multiple of the system's).
const heapPage = 8 << 10

// argBytes is the length of the command line.
func argBytes(args []string) int {
	n := 0
	for _, a := range args {
		n += len(a)
	}
	return n
}

// Bytes is how many bytes of heap are populated for a command line of n
// bytes.
func Bytes(n int) uintptr {
	return uintptr(baseBytes) + uintptr(min(n, chunkBytes/perArgByte))*perArgByte
}

// Populate populates the writable anonymous memory of n bytes from start,
// or up to the end of the aligned chunk of the given size (a power of two)
// that holds start, whichever comes first. start is page-aligned. It
// returns the error of the system call: EINVAL where the kernel does not
// know MADV_POPULATE_WRITE, ENOMEM where part of the range is not mapped
// (the pages before it are populated).
func Populate(start, n, chunk uintptr) error {
	if end := (start | (chunk - 1)) + 1; start+n > end {
		n = end - start
	}
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, start, n, madvPopulateWrite); e != 0 {
		return e
	}
	return nil
}
