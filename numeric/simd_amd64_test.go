//go:build amd64 && !purego

package numeric

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestCPUSIMDLevel: on Linux, cpuSIMDLevel agrees with the kernel's flags
// in /proc/cpuinfo (which also require the OS to save the registers), so
// the kernels are tested wherever the machine has them.
func TestCPUSIMDLevel(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Logf("cpuSIMDLevel() = %v (not checked off Linux)", cpuSIMDLevel())
		return
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "flags") {
			switch line += " "; {
			case strings.Contains(line, " avx2 ") && strings.Contains(line, " avx512f "):
				want = 2
			case strings.Contains(line, " avx2 "):
				want = 1
			}
			break
		}
	}
	if got := cpuSIMDLevel(); got != want {
		t.Fatalf("cpuSIMDLevel() = %v, /proc/cpuinfo says %v", got, want)
	}
	if useSIMD != (want >= 1) || useAVX512 != (want >= 2) {
		t.Fatalf("useSIMD = %v, useAVX512 = %v at level %d", useSIMD, useAVX512, want)
	}
}
