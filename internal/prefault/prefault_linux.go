package prefault

import (
	"os"
	"syscall"
	"unsafe"
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

// marker is the object whose address says where the heap is being
// allocated now.
var marker *[64]byte

func init() {
	if os.Getenv("SYMDIFF_PREFAULT") == "off" {
		return
	}
	marker = new([64]byte)
	start := uintptr(unsafe.Pointer(marker)) &^ (uintptr(os.Getpagesize()) - 1)
	Populate(start, Bytes(argBytes(os.Args)), chunkBytes)
}

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
