//go:build linux

package helpertests

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/symdiff/symdiff/internal/hugeheap"
)

// vmFlags returns the VmFlags of the mapping that holds address a, from
// /proc/self/smaps.
func vmFlags(t *testing.T, a uintptr) []string {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= a && a < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Fields(strings.TrimPrefix(line, "VmFlags:"))
		}
	}
	t.Fatalf("no mapping holds %#x", a)
	return nil
}

// mappingRange parses the first line of a mapping in smaps,
// "lo-hi perms ...".
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, found := strings.Cut(line, " ")
	l, h, dash := strings.Cut(r, "-")
	if !found || !dash {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}

// TestPrepareMarksTheNextAllocations checks, in a fresh process each (where
// the command calls it: before its first collection, with no free pages
// below the frontier), what Prepare promises: the memory that large
// allocations made after it get lies in a mapping marked for huge pages
// ("hg"), where the kernel's policy is "madvise".
func TestPrepareMarksTheNextAllocations(t *testing.T) {
	if os.Getenv("HUGEHEAP_CHILD") != "" {
		prepareChild(t)
		return
	}
	policy, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(policy, []byte("[madvise]")) {
		t.Skipf("transparent huge pages are not on request here (%q)", policy)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	for range 3 {
		cmd := exec.Command(exe, "-test.run=^TestPrepareMarksTheNextAllocations$")
		cmd.Env = append(os.Environ(), "HUGEHEAP_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%v\n%s", err, out)
		}
	}
}

func prepareChild(t *testing.T) {
	const n = 32 << 20
	if !hugeheap.Prepare(n) {
		t.Fatal("Prepare did nothing where the policy is madvise")
	}
	if hugeheap.Prepare(n) {
		t.Error("a second Prepare in the process did its work again")
	}
	// Objects of pages of their own, as a parse allocates many (the
	// intern table's shards, long operand lists): most lie in the marked
	// mapping. Not all: the collection Prepare runs may leave free pages
	// below the prepared ones (garbage of the process's start), which the
	// first objects fill, and the first huge page of the range is not
	// marked (Prepare marks whole huge pages).
	const size = 1 << 20
	count := n/size - 2
	marked := 0
	for range count {
		b := make([]byte, size)
		sinks = append(sinks, b)
		if slices.Contains(vmFlags(t, uintptr(unsafe.Pointer(&b[0]))), "hg") {
			marked++
		}
	}
	if marked < count/2 {
		t.Errorf("%d of %d objects of %d bytes allocated after Prepare(%d) lie in a mapping marked hg", marked, count, size, n)
	}
}

// sinks holds TestPrepareMarksTheNextAllocations' objects.
var sinks [][]byte

// TestPrepareOff checks that SYMDIFF_HUGEPAGES=off and a small request
// leave the heap alone.
func TestPrepareOff(t *testing.T) {
	if hugeheap.Prepare(1 << 20) {
		t.Error("Prepare marked memory for a request under two huge pages")
	}
	t.Setenv("SYMDIFF_HUGEPAGES", "off")
	if hugeheap.Prepare(64 << 20) {
		t.Error("Prepare marked memory with SYMDIFF_HUGEPAGES=off")
	}
}
