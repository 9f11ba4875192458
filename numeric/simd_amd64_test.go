//go:build amd64 && !purego

package numeric

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestCPUHasAVX2: on Linux, cpuHasAVX2 agrees with the kernel's flags in
// /proc/cpuinfo (which also require the OS to save the YMM state), so the
// kernels are tested wherever the machine has them.
func TestCPUHasAVX2(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Logf("cpuHasAVX2() = %v (not checked off Linux)", cpuHasAVX2())
		return
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Fatal(err)
	}
	want := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "flags") {
			want = strings.Contains(" "+line+" ", " avx2 ")
			break
		}
	}
	if got := cpuHasAVX2(); got != want {
		t.Fatalf("cpuHasAVX2() = %v, /proc/cpuinfo says avx2 %v", got, want)
	}
	if useSIMD != want {
		t.Fatalf("useSIMD = %v, want %v", useSIMD, want)
	}
}
