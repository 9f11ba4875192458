package symbolic_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// Benchmarks of the peer-comparison workloads (docs/benchmarks.md) that the
// other benchmark files do not cover, built by internal/workloads so that
// they need nothing outside the repository. Run with
//
//	go test ./symbolic -run '^$' -bench Workload -benchtime 20x
//
// Each reports the result's size: tree-nodes (TreeSize, summed over the
// results) and dag-ratio (Size of the results over Size of the input), the
// sizes the peer table compares.

func reportSizes(b *testing.B, in symbolic.Expr, out ...symbolic.Expr) {
	var tree int64
	for _, r := range out {
		tree += symbolic.TreeSize(r)
	}
	b.ReportMetric(float64(tree), "tree-nodes")
	b.ReportMetric(float64(symbolic.Size(out...))/float64(symbolic.Size(in)), "dag-ratio")
}

// BenchmarkWorkloadW2NestedSigmoid: d/dx of the sigmoid written out and
// nested d times (targets, at d = 1000: the time in docs/benchmarks.md,
// dag-ratio <= 5).
func BenchmarkWorkloadW2NestedSigmoid(b *testing.B) {
	benchD(b, "d", []int{10, 100, 1000}, workloads.NestedSigmoid)
}

// BenchmarkWorkloadW3ProductSin: d/dx of the product over k = 1..n of
// sin(k*x + k) (target: n = 300, in docs/benchmarks.md). The n-ary product rule builds
// n products of n-1 factors each, O(n^2) operand links.
func BenchmarkWorkloadW3ProductSin(b *testing.B) {
	benchD(b, "n", []int{10, 100, 300}, workloads.ProductSin)
}

// benchD runs a sub-benchmark "param=size" of d/dx of build(size) for each
// size.
func benchD(b *testing.B, param string, sizes []int, build func(int) symbolic.Expr) {
	for _, size := range sizes {
		b.Run(fmt.Sprintf("%s=%d", param, size), func(b *testing.B) {
			e := build(size)
			var r symbolic.Expr
			for b.Loop() {
				r = symbolic.D(e, workloads.X)
			}
			reportSizes(b, e, r)
		})
	}
}

// BenchmarkWorkloadW4GradientXOR: the gradient of the XOR network's loss
// with respect to all its parameters (targets, at h = 32: the time in
// docs/benchmarks.md, dag-ratio <= 5).
func BenchmarkWorkloadW4GradientXOR(b *testing.B) {
	for _, h := range []int{2, 8, 32} {
		b.Run(fmt.Sprintf("h=%d", h), func(b *testing.B) {
			m := workloads.XORWith(h, workloads.Logistic)
			var g []symbolic.Expr
			for b.Loop() {
				g = symbolic.Gradient(m.Loss, m.Params)
			}
			reportSizes(b, m.Loss, g...)
		})
	}
}

// BenchmarkWorkloadW5HessianRosenbrock: the Hessian of the n-dimensional
// Rosenbrock function (target: n = 50, in docs/benchmarks.md).
func BenchmarkWorkloadW5HessianRosenbrock(b *testing.B) {
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f, xs := workloads.Rosenbrock(n)
			var H [][]symbolic.Expr
			for b.Loop() {
				H, _ = symbolic.Hessian(context.Background(), f, xs)
			}
			var all []symbolic.Expr
			for _, row := range H {
				all = append(all, row...)
			}
			reportSizes(b, f, all...)
		})
	}
}

// BenchmarkWorkloadW6 repeats D k times without simplifying in between, as
// GiNaC does (target: exp(sin(x)), k = 12, in the time docs/benchmarks.md
// gives, with a result no larger than GiNaC's 290 tree nodes).
func BenchmarkWorkloadW6(b *testing.B) {
	cases := []struct {
		name string
		e    symbolic.Expr
		ks   []int
	}{
		{"exp(sin(x))", workloads.ExpSin(), []int{4, 8, 12}},
		{"x^x", symbolic.Pow(workloads.X, workloads.X), []int{3, 6}},
	}
	for _, c := range cases {
		for _, k := range c.ks {
			b.Run(fmt.Sprintf("%s/k=%d", c.name, k), func(b *testing.B) {
				var r symbolic.Expr
				for b.Loop() {
					r, _ = symbolic.Diff(context.Background(), c.e, workloads.X, symbolic.Order(k))
				}
				reportSizes(b, c.e, r)
			})
		}
	}
}
