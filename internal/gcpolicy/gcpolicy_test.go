package gcpolicy

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestApply checks that apply sets the collector's first target, the one
// after the first collection and the memory limit, and leaves each alone
// where the environment sets it.
func TestApply(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	tests := []struct {
		env                    map[string]string
		wantStart, wantPercent int
		wantLimit              int64
	}{
		{nil, startPercent, percent, limit},
		{map[string]string{"GOGC": "50"}, 100, 100, limit},
		{map[string]string{"GOMEMLIMIT": "100MiB"}, startPercent, percent, math.MaxInt64},
		{map[string]string{"GOGC": "off", "GOMEMLIMIT": "1GiB"}, 100, 100, math.MaxInt64},
	}
	for _, tc := range tests {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		var later func()
		apply(func(k string) string { return tc.env[k] }, func(f func()) { later = f })
		if got := debug.SetGCPercent(100); got != tc.wantStart {
			t.Errorf("env %v: first GC percent %d, want %d", tc.env, got, tc.wantStart)
		}
		debug.SetGCPercent(tc.wantStart)
		if later != nil {
			later()
		}
		if got := debug.SetGCPercent(100); got != tc.wantPercent {
			t.Errorf("env %v: GC percent after the first collection %d, want %d", tc.env, got, tc.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.wantLimit {
			t.Errorf("env %v: memory limit %d, want %d", tc.env, got, tc.wantLimit)
		}
	}
}

// afterFirstCollection's function runs once a collection is done, not
// before.
func TestAfterFirstCollection(t *testing.T) {
	done := make(chan struct{})
	afterFirstCollection(func() { close(done) })
	if ran(done, 10*time.Millisecond) {
		t.Fatal("ran before any collection")
	}
	if !ranAfterCollections(done, 5) {
		t.Fatal("did not run after five collections")
	}
}

// A collection of Collect's is not the first: afterFirstCollection's
// function waits for the next one.
func TestCollectIsNotTheFirst(t *testing.T) {
	done := make(chan struct{})
	afterFirstCollection(func() { close(done) })
	Collect()
	if ran(done, 50*time.Millisecond) {
		t.Fatal("ran after Collect's collection")
	}
	if !ranAfterCollections(done, 5) {
		t.Fatal("did not run after five collections following Collect's")
	}
}

// ran reports whether done is closed within d.
func ran(done chan struct{}, d time.Duration) bool {
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// ranAfterCollections runs up to n collections and reports whether done
// is closed within 100 ms of one of them.
func ranAfterCollections(done chan struct{}, n int) bool {
	for range n {
		runtime.GC()
		if ran(done, 100*time.Millisecond) {
			return true
		}
	}
	return false
}
