// Package gcpolicy sets the garbage collector's policy of the symdiff
// command: a heap that may grow to five times its live data (GOGC=400)
// before a collection, under a soft limit of 1 GiB.
//
// A command's heap is mostly the expression DAG it is working on, which
// stays live until the command exits, and the simplifier's candidates,
// which die young. With Go's default target (GOGC=100, a collection when
// the heap doubles) a command that simplifies a gradient collects several
// times on its way, each time marking the whole DAG again: for the
// logistic loss with 300 parameters the collector took a fifth of the
// simplification's wall time (docs/benchmarks.md, "Session 10"). A
// larger target collects less often; the soft limit bounds what that
// costs in memory on a long input (the runtime collects harder as the
// heap nears it).
//
// A GOGC or GOMEMLIMIT in the environment is left alone. Only the symdiff
// command imports the package; a library user's settings are not
// touched.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

const (
	percent = 400     // the heap grows to 5x its live data between collections
	limit   = 1 << 30 // the soft memory limit, bytes
)

func init() { apply(os.Getenv) }

// apply sets the policy, leaving alone what the environment (getenv) sets.
func apply(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}
