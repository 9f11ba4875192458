package numeric

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// The benchmarks time a compiled derivative over a batch of points against
// a hand-written Go loop for the same formula, in the same run, and report
// the ratio (batch time / hand time; the target is <= 1.5). The sub-
// benchmark serial compares EvalBatch with the option Serial with the loop on one
// goroutine; parallel compares EvalBatch with the same loop split over
// GOMAXPROCS goroutines in the same blocks; serial-go is serial with the
// portable Go loops instead of the assembly kernels (the A/B baseline):
//
//	go test ./numeric -run '^$' -bench Derivative -benchtime 5x

const benchPoints = 1_000_000

func benchColumn() []float64 {
	xs := make([]float64, benchPoints)
	for i := range xs {
		xs[i] = -4 + 8*float64(i)/benchPoints
	}
	return xs
}

// compare runs the serial and the parallel comparison.
func compare(b *testing.B, p *Program, hand func(xs, out []float64), tol float64) {
	serial := func(cols [][]float64, out []float64) { p.EvalBatch(cols, [][]float64{out}, Serial()) }
	parallel := func(cols [][]float64, out []float64) { p.EvalBatch(cols, [][]float64{out}) }
	b.Run("serial", func(b *testing.B) { compareWith(b, serial, hand, tol) })
	b.Run("parallel", func(b *testing.B) { compareWith(b, parallel, handParallel(hand), tol) })
	b.Run("serial-go", func(b *testing.B) {
		withSIMD(0, func() { compareWith(b, serial, hand, tol) })
	})
}

// handParallel runs a hand-written loop over blocks of parallelBlock
// points taken by GOMAXPROCS goroutines, as EvalBatch splits a batch.
func handParallel(hand func(xs, out []float64)) func(xs, out []float64) {
	return func(xs, out []float64) {
		blocks := int64((len(xs) + parallelBlock - 1) / parallelBlock)
		var next atomic.Int64
		work := func() {
			for {
				b := next.Add(1) - 1
				if b >= blocks {
					return
				}
				lo := int(b) * parallelBlock
				hi := min(len(xs), lo+parallelBlock)
				hand(xs[lo:hi], out[lo:hi])
			}
		}
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) - 1 {
			wg.Go(work)
		}
		work()
		wg.Wait()
	}
}

// compareWith runs batch and hand b.N times each, alternating, checks that
// they agree, and reports both times per point and their ratio.
func compareWith(b *testing.B, batch func(cols [][]float64, out []float64), hand func(xs, out []float64), tol float64) {
	xs := benchColumn()
	out, want := make([]float64, len(xs)), make([]float64, len(xs))
	cols := [][]float64{xs}
	var tBatch, tHand time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		batch(cols, out)
		t1 := time.Now()
		hand(xs, want)
		tBatch += t1.Sub(t0)
		tHand += time.Since(t1)
	}
	b.StopTimer()
	for i := range out {
		if !near(out[i], want[i], tol) {
			b.Fatalf("x=%v: batch %v, hand-written %v", xs[i], out[i], want[i])
		}
	}
	n := float64(b.N) * benchPoints
	b.ReportMetric(float64(tBatch.Nanoseconds())/n, "ns/point-batch")
	b.ReportMetric(float64(tHand.Nanoseconds())/n, "ns/point-hand")
	b.ReportMetric(float64(tBatch)/float64(tHand), "batch/hand")
}

// BenchmarkSigmoidDerivative: d/dx 1/(1+exp(-x)) = exp(-x)/(exp(-x)+1)^2.
// The hand-written loop is run with the compiled code's exponential
// (hand=expfast: the ratio is the tape's own overhead) and with math.Exp
// (hand=math.Exp: what a Go programmer would write).
func BenchmarkSigmoidDerivative(b *testing.B) {
	p, err := Compile(symbolic.D(workloads.Sigmoid(), x), x)
	if err != nil {
		b.Fatal(err)
	}
	for _, h := range []struct {
		name string
		exp  func(float64) float64
		tol  float64
	}{{"hand=expfast", expfast, 0}, {"hand=math.Exp", math.Exp, 1e-15}} {
		b.Run(h.name, func(b *testing.B) {
			compare(b, p, func(xs, out []float64) {
				for i, v := range xs {
					e := h.exp(-v)
					d := e + 1
					out[i] = e / (d * d)
				}
			}, h.tol)
		})
	}
}

// BenchmarkProductSinDerivative: d/dx of the product over k = 1..100 of
// sin(k*x + k), against the hand-written O(n) loop with prefix and suffix
// products, with the compiled code's sincos (hand=sincosfast: the ratio is
// the tape's own overhead) and with math.Sincos (hand=math.Sincos).
func BenchmarkProductSinDerivative(b *testing.B) {
	const n = 100
	p, err := Compile(symbolic.D(workloads.ProductSin(n), x), x)
	if err != nil {
		b.Fatal(err)
	}
	for _, h := range []struct {
		name   string
		sincos func(float64) (float64, float64)
	}{{"hand=sincosfast", sincosfast}, {"hand=math.Sincos", math.Sincos}} {
		b.Run(h.name, func(b *testing.B) {
			compare(b, p, func(xs, out []float64) {
				var s, c, pre [n]float64
				for i, v := range xs {
					for k := range n {
						kk := float64(k + 1)
						s[k], c[k] = h.sincos(kk*v + kk)
					}
					acc := 1.0
					for k := range n {
						pre[k] = acc
						acc *= s[k]
					}
					suf, sum := 1.0, 0.0
					for k := n - 1; k >= 0; k-- {
						sum += float64(k+1) * c[k] * pre[k] * suf
						suf *= s[k]
					}
					out[i] = sum
				}
			}, 1e-9)
		})
	}
}

// BenchmarkScalarEval times one scalar evaluation of the sigmoid's
// derivative and of the product-of-sines derivative.
func BenchmarkScalarEval(b *testing.B) {
	benchEvalWorkloads(b, func(b *testing.B, p *Program) (s float64) {
		args := []float64{0.3}
		for i := 0; i < b.N; i++ {
			args[0] = 0.3 + float64(i&1023)*1e-3
			s += p.Eval(args)
		}
		return s
	})
}

// BenchmarkComplexEval times one complex-step evaluation (EvalComplex at
// x + ih) of the sigmoid's derivative and of the product-of-sines
// derivative.
func BenchmarkComplexEval(b *testing.B) {
	benchEvalWorkloads(b, func(b *testing.B, p *Program) (s float64) {
		args := []complex128{0.3}
		for i := 0; i < b.N; i++ {
			args[0] = complex(0.3+float64(i&1023)*1e-3, 1e-20)
			s += imag(p.EvalComplex(args))
		}
		return s
	})
}

// benchEvalWorkloads runs loop (b.N evaluations of p, returning the sum
// of the values) on the compiled derivatives of the sigmoid and of the
// product of 100 sines, and fails on a NaN sum.
func benchEvalWorkloads(b *testing.B, loop func(b *testing.B, p *Program) float64) {
	for _, tc := range []struct {
		name string
		e    symbolic.Expr
	}{
		{"sigmoid'", symbolic.D(workloads.Sigmoid(), x)},
		{"productsin100'", symbolic.D(workloads.ProductSin(100), x)},
	} {
		p, err := Compile(tc.e, x)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			if math.IsNaN(loop(b, p)) {
				b.Fatal("NaN")
			}
		})
	}
}

// BenchmarkCompile times compiling the product-of-sines derivative.
func BenchmarkCompile(b *testing.B) {
	e := symbolic.D(workloads.ProductSin(100), x)
	for i := 0; i < b.N; i++ {
		if _, err := Compile(e, x); err != nil {
			b.Fatal(err)
		}
	}
}
