package simplify_test

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// BenchmarkWorkloadW1 is the peer workload W1 as docs/benchmarks.md runs
// it: differentiate the sigmoid written out, then simplify, every run from
// scratch (no Cache), as a first call in a fresh process pays it (its
// target, against GiNaC's bare diff, is in docs/benchmarks.md). The cached sub-benchmark is a repeated call
// on a derivative Simplify has seen.
//
//	go test ./simplify -run '^$' -bench WorkloadW1
func BenchmarkWorkloadW1(b *testing.B) {
	ctx := context.Background()
	e := workloads.Sigmoid()
	b.Run("diff+simplify", func(b *testing.B) {
		for b.Loop() {
			if _, err := simplify.Simplify(ctx, symbolic.D(e, workloads.X)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("diff+simplify/cached", func(b *testing.B) {
		var cache simplify.Cache
		for b.Loop() {
			if _, err := simplify.Simplify(ctx, symbolic.D(e, workloads.X), simplify.WithCache(&cache)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
