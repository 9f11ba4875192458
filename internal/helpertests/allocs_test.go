package helpertests_test

import (
	"github.com/symdiff/symdiff/internal/allocs"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// recorder is a testing.TB that notes whether the test failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Logf(string, ...any)   {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

var sink []*int

// Linear passes work that allocates in proportion to the size of its input
// and fails work that allocates in proportion to its square.
func TestAllocsLinear(t *testing.T) {
	tests := []struct {
		name string
		work func(e symbolic.Expr) func()
		fail bool
	}{
		{"linear", func(e symbolic.Expr) func() {
			n := symbolic.Size(e)
			return func() {
				for range n {
					sink = append(sink[:0], new(int))
				}
			}
		}, false},
		{"quadratic", func(e symbolic.Expr) func() {
			n := symbolic.Size(e)
			return func() {
				for range n * n {
					sink = append(sink[:0], new(int))
				}
			}
		}, true},
	}
	for _, tc := range tests {
		r := &recorder{TB: t}
		allocs.Linear(r, tc.name, allocs.Chains(20, 20), tc.work)
		if r.failed != tc.fail {
			t.Errorf("%s work: failed = %v, want %v", tc.name, r.failed, tc.fail)
		}
	}
}
