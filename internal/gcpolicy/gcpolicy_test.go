package gcpolicy

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestApply checks that apply sets the collector's target and the memory
// limit, and leaves each alone where the environment sets it.
func TestApply(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	tests := []struct {
		env         map[string]string
		wantPercent int
		wantLimit   int64
	}{
		{nil, percent, limit},
		{map[string]string{"GOGC": "50"}, 100, limit},
		{map[string]string{"GOMEMLIMIT": "100MiB"}, percent, math.MaxInt64},
		{map[string]string{"GOGC": "off", "GOMEMLIMIT": "1GiB"}, 100, math.MaxInt64},
	}
	for _, tc := range tests {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		apply(func(k string) string { return tc.env[k] })
		if got := debug.SetGCPercent(100); got != tc.wantPercent {
			t.Errorf("env %v: GC percent %d, want %d", tc.env, got, tc.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.wantLimit {
			t.Errorf("env %v: memory limit %d, want %d", tc.env, got, tc.wantLimit)
		}
	}
}
