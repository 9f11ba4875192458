package oneproc

import (
	"runtime"
	"testing"
)

func TestReleaseGivesBackTheRuntimesProcessors(t *testing.T) {
	if Procs() < 1 {
		t.Fatalf("Procs() = %d, want at least 1", Procs())
	}
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Fatalf("GOMAXPROCS before Release = %d, want 1", got)
	}
	Release()
	Release() // a second call changes nothing
	if got := runtime.GOMAXPROCS(0); got != Procs() {
		t.Fatalf("GOMAXPROCS after Release = %d, want Procs() = %d", got, Procs())
	}
}
