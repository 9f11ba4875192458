package numeric_test

import (
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// BenchmarkWorkloadW7 is the peer workload W7 as docs/benchmarks.md runs
// it: the first derivative compiled with Compile and evaluated at the 1e6
// points -2 + 4k/(1e6-1), over a column with EvalBatch and one point at a
// time with Eval (targets, in docs/benchmarks.md: sigmoid' no slower than
// numpy, and a bound for the product of 100 sines' derivative, both for
// all the points with EvalBatch).
// batch is EvalBatch (GOMAXPROCS goroutines), batch-serial is
// EvalBatch with Serial() (one goroutine, as numpy runs), batch-serial-go the same
// with the portable Go loops instead of the assembly kernels (the A/B
// baseline; the same as batch-serial where there are no kernels).
//
//	go test ./numeric -run '^$' -bench WorkloadW7 -benchtime 5x
func BenchmarkWorkloadW7(b *testing.B) {
	const n = 1_000_000
	xs := make([]float64, n)
	for k := range xs {
		xs[k] = -2 + 4*float64(k)/(n-1)
	}
	cases := []struct {
		name string
		e    symbolic.Expr
	}{
		{"W7a=sigmoid'", workloads.Sigmoid()},
		{"W7b=productsin100'", workloads.ProductSin(100)},
	}
	for _, c := range cases {
		p, err := numeric.Compile(symbolic.D(c.e, workloads.X), workloads.X)
		if err != nil {
			b.Fatal(err)
		}
		out := make([]float64, n)
		b.Run(c.name+"/batch", func(b *testing.B) {
			for b.Loop() {
				p.EvalBatch([][]float64{xs}, [][]float64{out})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/point")
		})
		b.Run(c.name+"/batch-serial", func(b *testing.B) {
			for b.Loop() {
				p.EvalBatch([][]float64{xs}, [][]float64{out}, numeric.Serial())
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/point")
		})
		b.Run(c.name+"/batch-serial-go", func(b *testing.B) {
			defer numeric.DisableSIMD()()
			for b.Loop() {
				p.EvalBatch([][]float64{xs}, [][]float64{out}, numeric.Serial())
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/point")
		})
		b.Run(c.name+"/scalar", func(b *testing.B) {
			args := make([]float64, 1)
			var acc float64
			for b.Loop() {
				for _, v := range xs {
					args[0] = v
					acc += p.Eval(args)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/point")
			if acc != acc {
				b.Fatal("NaN sum over the points")
			}
		})
	}
}
