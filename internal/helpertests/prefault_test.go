//go:build linux

package helpertests

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"unsafe"

	"github.com/symdiff/symdiff/internal/prefault"
)

// resident reports for each page of b whether it is in memory (mincore).
func resident(t *testing.T, b []byte) []bool {
	t.Helper()
	page := syscall.Getpagesize()
	vec := make([]byte, (len(b)+page-1)/page)
	if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
		t.Fatalf("mincore: %v", e)
	}
	in := make([]bool, len(vec))
	for i, v := range vec {
		in[i] = v&1 != 0
	}
	return in
}

// TestPopulate maps fresh memory and checks that Populate makes resident
// exactly the pages it is asked for, stopping at the end of the chunk.
func TestPopulate(t *testing.T) {
	page := syscall.Getpagesize()
	const chunk = 64 << 10
	mem, err := syscall.Mmap(-1, 0, 4*chunk, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	// An aligned chunk inside the mapping, and a start 3 pages into it.
	base := (uintptr(unsafe.Pointer(&mem[0])) + chunk - 1) &^ (chunk - 1)
	off := int(base - uintptr(unsafe.Pointer(&mem[0])))
	region := mem[off : off+2*chunk]
	for i, in := range resident(t, region) {
		if in {
			t.Fatalf("page %d resident before Populate", i)
		}
	}
	start := base + uintptr(3*page)
	err = prefault.Populate(start, 5*uintptr(page), chunk)
	if errors.Is(err, syscall.EINVAL) {
		t.Skip("this kernel has no MADV_POPULATE_WRITE (Linux 5.14)")
	}
	if err != nil {
		t.Fatal(err)
	}
	in := resident(t, region)
	for i := range in {
		if want := i >= 3 && i < 8; in[i] != want {
			t.Errorf("after Populate(5 pages from page 3): page %d resident = %v, want %v", i, in[i], want)
		}
	}
	// Past the chunk's end nothing is populated.
	if err := prefault.Populate(start, 4*chunk, chunk); err != nil {
		t.Fatal(err)
	}
	in = resident(t, region)
	pages := chunk / page
	for i := range in {
		if want := i >= 3 && i < pages; in[i] != want {
			t.Errorf("after Populate past the chunk: page %d resident = %v, want %v", i, in[i], want)
		}
	}
	for _, b := range region {
		if b != 0 {
			t.Fatal("populated memory is not zero")
		}
	}
}

// TestFrontier checks, in a fresh process each (where the command calls
// it: at start-up), that the pages Frontier returns are mapped, in one
// chunk, and are where the next allocation goes, for amounts that the
// heap's random start rarely leaves room for in its first chunk.
func TestFrontier(t *testing.T) {
	if n := os.Getenv("FRONTIER_BYTES"); n != "" {
		frontierChild(t, n)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	for _, n := range []int{1 << 20, 3 << 20, 4<<20 - 8<<10} {
		for range 3 {
			cmd := exec.Command(exe, "-test.run=^TestFrontier$")
			cmd.Env = append(os.Environ(), "SYMDIFF_PREFAULT=off", "GOMAXPROCS=1", "FRONTIER_BYTES="+strconv.Itoa(n))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("Frontier(%d): %v\n%s", n, err, out)
			}
		}
	}
}

// sink holds the object whose address TestFrontier checks, on the heap.
var sink []byte

func frontierChild(t *testing.T, arg string) {
	const chunk = 4 << 20
	n64, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	n := uintptr(n64)
	start := prefault.Frontier(n)
	if room := (start | (chunk - 1)) + 1 - start; room < n {
		t.Errorf("Frontier(%d) = %#x: %d bytes to the chunk's end", n, start, room)
	}
	if err := prefault.Populate(start, n, chunk); errors.Is(err, syscall.EINVAL) {
		t.Skip("this kernel has no MADV_POPULATE_WRITE (Linux 5.14)")
	} else if err != nil {
		t.Errorf("Populate(Frontier(%d), %d): %v (not all mapped)", n, n, err)
	}
	// The next object of pages of its own is placed in the pages made
	// ready. Not necessarily at start: the test framework's goroutines
	// may take a span of their own from the same free pages meanwhile
	// (CI saw one at start and the object 32 KB on).
	const size = 256 << 10
	sink = make([]byte, size)
	if p := uintptr(unsafe.Pointer(&sink[0])); p < start || p+size > start+n {
		t.Errorf("Frontier(%d) = %#x, but the next large object is at %#x, outside the %d bytes from there", n, start, p, n)
	}
}

func TestPrefaultBytes(t *testing.T) {
	if small, large := prefault.Bytes(10), prefault.Bytes(10_000); small < 1<<20 || large <= small || prefault.Bytes(1<<30) < large {
		t.Errorf("Bytes(10) = %d, Bytes(10000) = %d, Bytes(1<<30) = %d: want at least 1 MB, growing with the command line", small, large, prefault.Bytes(1<<30))
	}
}
