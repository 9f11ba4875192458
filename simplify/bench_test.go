package simplify_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// benchSimplify measures Simplify on the derivative of e without the cache
// of results (each iteration does the whole search).
func benchSimplify(b *testing.B, e symbolic.Expr) {
	ctx := context.Background()
	d := symbolic.D(e, workloads.X)
	b.ReportAllocs()
	var r symbolic.Expr
	for b.Loop() {
		r, _ = simplify.Simplify(ctx, d)
	}
	b.ReportMetric(float64(simplify.Cost(d)), "cost-in")
	b.ReportMetric(float64(simplify.Cost(r)), "cost-out")
}

func BenchmarkSigmoidDerivative(b *testing.B) { benchSimplify(b, workloads.Sigmoid()) }

// BenchmarkDiffSimplifySigmoid is the whole path of `symdiff 1/(1+exp(-x)) x`
// after parsing, differentiate then simplify, as a library user repeating it
// with a Cache sees it: the derivative is interned, so the cache answers.
func BenchmarkDiffSimplifySigmoid(b *testing.B) {
	ctx := context.Background()
	e := workloads.Sigmoid()
	var cache simplify.Cache
	for b.Loop() {
		simplify.Simplify(ctx, symbolic.D(e, workloads.X), simplify.WithCache(&cache))
	}
}

func BenchmarkNestedSigmoid(b *testing.B) {
	for _, d := range []int{10, 100} {
		b.Run(fmt.Sprint("depth=", d), func(b *testing.B) { benchSimplify(b, workloads.NestedSigmoid(d)) })
	}
}

func BenchmarkProductSin(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) { benchSimplify(b, workloads.ProductSin(n)) })
	}
}

// benchGradient measures All on the reverse-mode gradient of e without the
// cache of results, and reports the objects allocated per partial, the
// deterministic measure docs/simplify.md quotes (times are noise on a
// shared machine).
func benchGradient(b *testing.B, e symbolic.Expr, vars []*symbolic.Symbol) {
	ctx := context.Background()
	ps := symbolic.Gradient(e, vars)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := simplify.All(ctx, ps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGradientXOR is the gradient of the XOR MLP's loss (issue 13's
// W4), with 8 and 32 hidden units.
func BenchmarkGradientXOR(b *testing.B) {
	for _, h := range []int{8, 32} {
		b.Run(fmt.Sprint("h=", h), func(b *testing.B) {
			m := workloads.XOR(h)
			benchGradient(b, m.Loss, m.Params)
		})
	}
}

// BenchmarkGradientLogisticLoss is the gradient of the logistic loss of
// issue 13 with 75 and 300 parameters: the work should grow in proportion.
func BenchmarkGradientLogisticLoss(b *testing.B) {
	for _, p := range []int{75, 300} {
		b.Run(fmt.Sprint("P=", p), func(b *testing.B) {
			loss, ws := workloads.LogisticLoss(p)
			benchGradient(b, loss, ws)
		})
	}
}

// BenchmarkIssue13 is the simplification in issue 13's five --stats
// workloads, the derivative or gradient made before the loop: the nested
// sigmoid of depth 1000, the product of 300 sines, the sine chain of depth
// 3000, the XOR MLP's gradient with 32 hidden units and the logistic
// loss's with 300 parameters. Under callgrind with -test.benchtime=1x it
// counts the instructions of one simplification (docs/benchmarks.md).
func BenchmarkIssue13(b *testing.B) {
	b.Run("nested-sigmoid-1000", func(b *testing.B) { benchSimplify(b, workloads.NestedSigmoid(1000)) })
	b.Run("product-sin-300", func(b *testing.B) { benchSimplify(b, workloads.ProductSin(300)) })
	b.Run("sine-chain-3000", func(b *testing.B) { benchSimplify(b, workloads.SineChain(3000)) })
	b.Run("xor-32", func(b *testing.B) {
		m := workloads.XOR(32)
		benchGradient(b, m.Loss, m.Params)
	})
	b.Run("logistic-loss-300", func(b *testing.B) {
		loss, ws := workloads.LogisticLoss(300)
		benchGradient(b, loss, ws)
	})
}

// BenchmarkPrintProductSin prints the simplified derivative of the product
// of 300 sines (W3 n=300, 1.5 MB of text), what symdiff prints there: a
// sum of 300 products of 300 factors, each sine written once per product.
func BenchmarkPrintProductSin(b *testing.B) {
	s, err := simplify.Simplify(context.Background(), symbolic.D(workloads.ProductSin(300), workloads.X))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(symbolic.Format(s))
	}
	b.SetBytes(int64(n))
}
