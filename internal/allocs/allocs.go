// Package allocs measures how a function's allocations grow with the size
// of its input, for the tests that check work linear in the input by
// counting allocations rather than time.
package allocs

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// Growth returns how many times the allocations of f(n)'s function grow
// when n doubles: about 2 for work linear in the input, about 4 for
// quadratic. The garbage collector is off meanwhile, so that interned nodes
// stay interned from one run to the next (a collected node is made again,
// an allocation that depends on the collector's timing). testing.AllocsPerRun
// counts the allocations of every goroutine, and another one (a cleanup,
// a test's leftover goroutine) can only add to them, so each size counts
// the fewest of three runs.
func Growth(n int, f func(n int) func()) float64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	fewest := func(run func()) float64 {
		m := math.Inf(1)
		for range 3 {
			m = min(m, testing.AllocsPerRun(1, run))
		}
		return m
	}
	a := fewest(f(n))
	b := fewest(f(2 * n))
	return b / max(a, 1)
}

// A Chain is a family of inputs that deepen with n, and the depth at which
// a test or benchmark takes it.
type Chain struct {
	Name  string // "sin" or "sigmoid", as in the names of benchmarks
	Make  func(n int) symbolic.Expr
	Depth int
}

// Chains returns the sin chain sin(sin(...(x))) at depth sin and the
// nested sigmoid at depth sigmoid (workloads.SineChain and
// workloads.NestedSigmoid): deep inputs whose derivatives repeat each inner
// part at every depth, so that work done again per occurrence is quadratic.
func Chains(sin, sigmoid int) []Chain {
	return []Chain{{"sin", workloads.SineChain, sin}, {"sigmoid", workloads.NestedSigmoid, sigmoid}}
}

// Linear fails t when the allocations of work grow more than 2.6 times
// when the depth of a chain doubles from its Depth (linear work: about 2;
// quadratic: 4). work(e) returns the function whose allocations count for
// the input e; what names it in the messages.
func Linear(t testing.TB, what string, chains []Chain, work func(e symbolic.Expr) func()) {
	t.Helper()
	for _, c := range chains {
		g := Growth(c.Depth, func(n int) func() { return work(c.Make(n)) })
		t.Logf("%s chain: allocations grow %.2fx", c.Name, g)
		if g > 2.6 {
			t.Errorf("%s chain: %s's allocations grow %.2fx when the depth doubles (linear: about 2, quadratic: 4)", c.Name, what, g)
		}
	}
}
