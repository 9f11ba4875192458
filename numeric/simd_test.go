package numeric

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// A simdMode is a setting of the kernels: 2 for all of them (AVX-512
// where there is one), 1 for the AVX2 kernels alone, 0 for the portable
// Go loops.
type simdMode int

// withSIMD runs f with the kernels set to mode, and restores them.
func withSIMD(mode simdMode, f func()) {
	old, old512 := useSIMD, useAVX512
	useSIMD, useAVX512 = old && mode >= 1, old512 && mode >= 2
	defer func() { useSIMD, useAVX512 = old, old512 }()
	f()
}

// simdModes are the settings to test: those the machine has.
func simdModes() []simdMode {
	switch {
	case useAVX512:
		return []simdMode{2, 1, 0}
	case useSIMD:
		return []simdMode{1, 0}
	}
	return []simdMode{0}
}

// kernelInputs returns n arguments drawn from pick: mostly ordinary
// values, with a special value (out of the fast range, zero, NaN, ...)
// at a rate of about 1 in spread, so that most blocks of four are whole
// and the kernels are stopped at random places.
func kernelInputs(rng *rand.Rand, n, spread int, ordinary func() float64, special []float64) []float64 {
	xs := make([]float64, n)
	for p := range xs {
		if rng.IntN(spread) == 0 {
			xs[p] = special[rng.IntN(len(special))]
		} else {
			xs[p] = ordinary()
		}
	}
	return xs
}

// kernelLengths are the lengths the batch kernels are tested at: every
// tail length, several blocks, and a chunk.
var kernelLengths = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 31, 64, 67, 255, 256}

var expSpecial = []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, 0x1p-1022, -0x1p-1030, 703.99999999999, -703.99999999999,
	704, -704, math.Nextafter(704, 0), math.Nextafter(-704, 0), 709.78, 709.79, 710, -708.5, -745.1, -745.2, -746,
	1e300, -1e300, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), -math.NaN()}

// TestExpBatchKernel: expBatch (the AVX2 kernel where there is one, and
// the portable loop) gives expfast's value bit for bit at every point,
// for every tail length, with points outside the fast range (whose
// results, from math.Exp, include subnormals, zero and +Inf) anywhere in
// the block, the result written in place of the argument or not.
func TestExpBatchKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	ordinary := []func() float64{
		func() float64 { return -704 + 1408*rng.Float64() },
		func() float64 { return -3 + 6*rng.Float64() },
		func() float64 { return math.Copysign(math.Pow(2, -1074+1080*rng.Float64()), rng.Float64()-0.5) },
		func() float64 { // near the midpoints between table nodes
			k := float64(rng.IntN(2*700*185) - 700*185)
			return math.Nextafter((k+0.5)*math.Ln2/expN, math.Inf(rng.IntN(2)*2-1))
		},
	}
	for _, simd := range simdModes() {
		for _, n := range kernelLengths {
			for trial := range 40 {
				xs := kernelInputs(rng, n, 2+trial, ordinary[trial%len(ordinary)], expSpecial)
				for _, neg := range []bool{false, true} {
					for _, inPlace := range []bool{false, true} {
						out := make([]float64, n)
						if inPlace {
							copy(out, xs)
							withSIMD(simd, func() { expBatch(out, out, neg) })
						} else {
							withSIMD(simd, func() { expBatch(out, xs, neg) })
						}
						for p, v := range xs {
							if neg {
								v = -v
							}
							if w := expfast(v); !sameBits(out[p], w) {
								t.Fatalf("simd %v, n %d, neg %v, in place %v: exp(%v) at %d = %v, expfast %v",
									simd, n, neg, inPlace, v, p, out[p], w)
							}
						}
					}
				}
			}
		}
	}
}

var trigSpecial = []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, 0x1p-1022, 1 << 22, -(1 << 22),
	math.Nextafter(1<<22, 0), -math.Nextafter(1<<22, 0), 1 << 29, 1e300, -1e300, math.MaxFloat64,
	math.Inf(1), math.Inf(-1), math.NaN(), math.Pi / 4, 201 * math.Pi / 64}

// TestSincosBatchKernel: sincosBatch (the AVX2 kernel where there is one,
// and the portable loop) gives sincosfast's sine and cosine bit for bit at
// every point, x = a or the affine ac + aw*a, for every tail length, with
// points outside the fast range (|x| >= 2^22, zeros, NaN, infinities)
// anywhere in the block, with the sine, the cosine or both, written in
// place of the argument or not.
func TestSincosBatchKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	ordinary := []func() float64{
		func() float64 { return 20*rng.Float64() - 10 },
		func() float64 { return math.Copysign(math.Pow(2, -1074+1095*rng.Float64()), rng.Float64()-0.5) },
		func() float64 { // at and near the table's nodes
			node := float64(rng.IntN(1<<20)) * math.Pi / 64
			return math.Nextafter(node, float64(rng.IntN(3)-1)*math.Inf(1))
		},
		func() float64 { return (2*rng.Float64() - 1) * (1 << 22) },
	}
	affines := []struct {
		affine bool
		ac, aw float64
	}{{false, 0, 0}, {true, 1, 1}, {true, 0, 1}, {true, 0, -1}, {true, 3, 3}, {true, -2.5, 0.75}, {true, 1, 0},
		{true, 100, 1e-3}, {true, 0.5, 1e300}}
	for _, simd := range simdModes() {
		for _, n := range kernelLengths {
			for trial := range 24 {
				xs := kernelInputs(rng, n, 2+trial, ordinary[trial%len(ordinary)], trigSpecial)
				af := affines[trial%len(affines)]
				for outs := 1; outs <= 3; outs++ { // 1: sin, 2: cos, 3: both
					for _, inPlace := range []bool{false, true} {
						var s, c []float64
						a := xs
						if outs&1 != 0 {
							s = make([]float64, n)
						}
						if outs&2 != 0 {
							c = make([]float64, n)
						}
						if inPlace {
							a = append([]float64(nil), xs...)
							if s != nil {
								s = a
							} else {
								c = a
							}
						}
						withSIMD(simd, func() { sincosBatch(s, c, a, af.ac, af.aw, af.affine) })
						for p, v := range xs {
							if af.affine {
								v = af.ac + float64(af.aw*v) // as instr.arg: no FMA
							}
							ws, wc := sincosfast(v)
							if s != nil && !sameBits(s[p], ws) || c != nil && !sameBits(c[p], wc) {
								t.Fatalf("simd %v, n %d, %+v, outputs %d, in place %v: sincos(%v) at %d: got %v %v, sincosfast %v %v",
									simd, n, af, outs, inPlace, v, p, s, c, ws, wc)
							}
						}
					}
				}
			}
		}
	}
}

// TestBatchSIMDMatchesGo: programs whose instructions have kernels (exp,
// sincos, divsq in its three argument forms, two-factor mul, leave-one-out
// products), among them W7a and W7b, give the same bits in batch with the
// assembly kernels and with the portable loops, and the same as Eval, at
// every batch length up to past a chunk, with zeros, signed zeros,
// infinities, NaN and arguments outside the fast ranges among the points.
func TestBatchSIMDMatchesGo(t *testing.T) {
	lin := func(w, c int64, v symbolic.Expr) symbolic.Expr {
		return symbolic.Add(symbolic.Mul(symbolic.Int(w), v), symbolic.Int(c))
	}
	es := []symbolic.Expr{
		symbolic.D(workloads.Sigmoid(), x),
		symbolic.D(workloads.ProductSin(100), x),
		symbolic.D(workloads.ProductSin(3), x),
		symbolic.D(symbolic.Mul(call("sin", symbolic.Mul(symbolic.Int(1<<21), x)), call("exp", symbolic.Mul(symbolic.Int(400), x))), x),
		symbolic.Mul(y, symbolic.Pow(call("cosh", x), symbolic.Int(-2))),
		symbolic.Mul(call("sin", x), symbolic.Pow(lin(1, 3, x), symbolic.Int(-2))),
		symbolic.Mul(symbolic.Int(5), y, symbolic.Pow(lin(2, 5, x), symbolic.Int(-2))),
		symbolic.Mul(symbolic.Frac(-5, 7), call("sin", x), call("exp", y)),
		symbolic.D(symbolic.Mul(x, y, call("sin", x), call("exp", y), call("cos", symbolic.Mul(x, y))), x),
	}
	rng := rand.New(rand.NewPCG(15, 16))
	special := []float64{0, math.Copysign(0, -1), -1, -2.5, math.Inf(1), math.Inf(-1), math.NaN(), 1e300, -800, 5e-324}
	for _, e := range es {
		p, err := Compile(e, x, y)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 3, 4, 5, 15, 16, 17, 33, 64, 100, 255, 256, 257, 300, 1001} {
			xs, ys := make([]float64, n), make([]float64, n)
			for k := range xs {
				xs[k] = -2 + 4*float64(k)/float64(max(n-1, 1)) // n = 1001 hits -1, 0 and 1 exactly
				ys[k] = 3 * rng.NormFloat64()
				if rng.IntN(40) == 0 {
					xs[k] = special[rng.IntN(len(special))]
				}
				if rng.IntN(40) == 0 {
					ys[k] = special[rng.IntN(len(special))]
				}
			}
			want := make([]float64, n)
			for k := range xs {
				want[k] = p.Eval([]float64{xs[k], ys[k]})
			}
			for _, simd := range simdModes() {
				got := make([]float64, n)
				withSIMD(simd, func() { p.EvalBatch([][]float64{xs, ys}, [][]float64{got}, Serial()) })
				for k := range xs {
					if !sameBits(got[k], want[k]) {
						t.Fatalf("%s, n %d, simd %v, at (%v, %v): batch %v, Eval %v\n%s", e, n, simd, xs[k], ys[k], got[k], want[k], p)
					}
				}
			}
		}
	}
}

// TestBatchSIMDMatchesGoMany: a product and its derivative compiled
// together (the leave-one-out instruction then also gives the whole
// product) agree between the kernels, the portable loops and EvalMany.
func TestBatchSIMDMatchesGoMany(t *testing.T) {
	f := workloads.ProductSin(7)
	p, err := CompileMany([]symbolic.Expr{f, symbolic.D(f, x)}, x)
	if err != nil {
		t.Fatal(err)
	}
	if ops(p)[opLOO] != 1 {
		t.Fatalf("no leave-one-out instruction:\n%s", p)
	}
	const n = 300
	xs := make([]float64, n)
	for k := range xs {
		xs[k] = -2 + 4*float64(k)/(n-1)
	}
	want := [][]float64{make([]float64, n), make([]float64, n)}
	out := make([]float64, 2)
	for k, v := range xs {
		p.EvalMany([]float64{v}, out)
		want[0][k], want[1][k] = out[0], out[1]
	}
	for _, simd := range simdModes() {
		got := [][]float64{make([]float64, n), make([]float64, n)}
		withSIMD(simd, func() { p.EvalBatch([][]float64{xs}, got, Serial()) })
		for j := range got {
			for k := range xs {
				if !sameBits(got[j][k], want[j][k]) {
					t.Fatalf("output %d, simd %v, at %v: batch %v, EvalMany %v", j, simd, xs[k], got[j][k], want[j][k])
				}
			}
		}
	}
}

// TestBatchLOOKernel: the leave-one-out instruction over m points gives
// every one of its n+1 results (the whole product too) bit for bit as the
// scalar interpreter does, with the kernel and with the portable loops,
// for n from 1 to past a block and every m up to past a chunk, with zero,
// infinite and NaN factors.
func TestBatchLOOKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e300, 1e-300}
	for _, n := range []int{1, 2, 3, 8, 100} {
		in := &instr{op: opLOO}
		for j := range n {
			in.args = append(in.args, int32(j))
		}
		for j := range n + 1 {
			in.dsts = append(in.dsts, int32(n+j))
		}
		for _, m := range []int{1, 4, 15, 16, 17, 31, 32, 100, 255, 256} {
			r := randomRegisters(rng, 2*n+1, n, m, 2, special, 50)
			want := make([][]float64, n+1)
			reg := make([]float64, 2*n+1)
			for p := range m {
				for j := range n {
					reg[j] = r[j][p]
				}
				execScalar(in, reg, nil)
				for j := range n + 1 {
					want[j] = append(want[j], reg[n+j])
				}
			}
			for _, simd := range simdModes() {
				for j := range n + 1 {
					clear(r[n+j])
				}
				withSIMD(simd, func() { execBatch(in, r, m, make([]float64, m)) })
				for j := range n + 1 {
					for p := range m {
						if !sameBits(r[n+j][p], want[j][p]) {
							t.Fatalf("n %d, m %d, simd %v: result %d at point %d: batch %v, scalar %v", n, m, simd, j, p, r[n+j][p], want[j][p])
						}
					}
				}
			}
		}
	}
}

// randomRegisters returns regs registers of m points, the first n of
// them filled with scale times normal variates, of which about one in
// every is replaced by one of special.
func randomRegisters(rng *rand.Rand, regs, n, m int, scale float64, special []float64, every int) [][]float64 {
	r := make([][]float64, regs)
	for i := range r {
		r[i] = make([]float64, m)
	}
	for j := range n {
		for p := range m {
			r[j][p] = scale * rng.NormFloat64()
			if rng.IntN(every) == 0 {
				r[j][p] = special[rng.IntN(len(special))]
			}
		}
	}
	return r
}

// TestBatchLinKernel: the sum instruction over m points, with weights or
// without, gives the scalar interpreter's value bit for bit with the
// kernel and with the portable loops, for n terms from 1 to 100 and every
// m up to past a chunk, with infinite and NaN terms.
func TestBatchLinKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e300, -1e300}
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 100} {
		for _, weighted := range []bool{false, true} {
			in := &instr{op: opLin, dst: int32(n), c: rng.NormFloat64()}
			for j := range n {
				in.args = append(in.args, int32(j))
				if weighted {
					in.w = append(in.w, float64(rng.IntN(21)-10)/3)
				}
			}
			for _, m := range []int{1, 4, 31, 32, 33, 64, 100, 255, 256} {
				r := randomRegisters(rng, n+1, n, m, 1e3, special, 60)
				want := make([]float64, m)
				reg := make([]float64, n+1)
				for p := range m {
					for j := range n {
						reg[j] = r[j][p]
					}
					execScalar(in, reg, nil)
					want[p] = reg[n]
				}
				for _, simd := range simdModes() {
					clear(r[n])
					withSIMD(simd, func() { execBatch(in, r, m, make([]float64, m)) })
					for p := range m {
						if !sameBits(r[n][p], want[p]) {
							t.Fatalf("n %d, weighted %v, m %d, simd %v: point %d: batch %v, scalar %v", n, weighted, m, simd, p, r[n][p], want[p])
						}
					}
				}
			}
		}
	}
}

// BenchmarkKernels times the batch exp and sincos over a chunk of points
// with the assembly kernels (simd) and the portable loops (go).
//
//	go test ./numeric -run '^$' -bench Kernels
func BenchmarkKernels(b *testing.B) {
	xs := make([]float64, batchChunk)
	for p := range xs {
		xs[p] = -2 + 4*float64(p)/batchChunk
	}
	s, c := make([]float64, len(xs)), make([]float64, len(xs))
	for _, simd := range simdModes() {
		name := [...]string{"go", "avx2", "avx512"}[simd]
		b.Run("exp/"+name, func(b *testing.B) {
			withSIMD(simd, func() {
				for b.Loop() {
					expBatch(s, xs, true)
				}
			})
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(xs)), "ns/point")
		})
		b.Run("sincos/"+name, func(b *testing.B) {
			withSIMD(simd, func() {
				for b.Loop() {
					sincosBatch(s, c, xs, 3.1, 3, true)
				}
			})
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(xs)), "ns/point")
		})
	}
}
