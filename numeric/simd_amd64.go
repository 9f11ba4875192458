//go:build amd64 && !purego

package numeric

import (
	"math"
	"unsafe"
)

// The batch interpreter's exp and sincos run in AVX2 assembly
// (simd_amd64.s) on processors that have it: four points at a time, each
// lane computed by the same operations as the scalar expfast and
// sincosfast, in the same order, without FMA, so that EvalBatch still
// equals Eval bit for bit. FMA would be faster and a little more accurate,
// but the scalar code rounds every product and every sum, and so must the
// kernels.
//
// A kernel takes whole blocks of four points. It stops before the first
// block with a point outside the fast range (|x| >= 704 or NaN for exp;
// |x| >= 2^22, zero, NaN or an infinity for sincos), without storing any
// of it, and returns how many points it did; the Go loop computes that
// block (deferring to the math package for those points) and the kernel
// is called again after it. The tail of fewer than four points goes to
// the Go loop too. Since a block is read whole before it is stored, and
// the Go loop reads each point before it stores it, the result may be the
// argument's own register.

// useSIMD selects the assembly kernels, useAVX512 the AVX-512 ones
// among them (exp and sincos; the elementwise ones are AVX2). They are set from the
// processor (and what state the OS saves); tests clear them to run the
// AVX2 kernels alone or the portable Go loops, and compare the three
// bit for bit.
var (
	simdLevel = cpuSIMDLevel()
	useSIMD   = simdLevel >= 1
	useAVX512 = simdLevel >= 2
)

// cpuSIMDLevel returns 2 if the processor has AVX-512F and AVX2 and the
// OS saves the ZMM registers, 1 if it has AVX2 and the OS saves the YMM
// registers, else 0 (CPUID and XGETBV).
func cpuSIMDLevel() int

// expBatchAVX2 is expBatchGo over the first len(dst)&^3 points, up to
// the first block of four with a point outside expfast's fast range: it
// returns the number of points done. len(a) >= len(dst).
//
//go:noescape
func expBatchAVX2(dst, a []float64, neg bool) (done int)

// sincosBatchAVX2 is sincosfast over the first n&^3 points x = a[p]
// (x = ac + aw*a[p] if affine), up to the first block of four with a
// point outside the fast range, storing the sines at s and the cosines
// at c (either may be nil: not stored). It returns the number of points
// done.
//
//go:noescape
func sincosBatchAVX2(s, c, a *float64, n int, ac, aw float64, affine bool) (done int)

// expVec and trigVec are expfast's and sincosfast's constants as the
// kernels load them, each repeated over the four lanes; the order is the
// one of the offsets in simd_amd64.s.
var expVec, trigVec = func() (e [12][4]float64, t [14][4]float64) {
	abs := math.Float64frombits(1<<63 - 1)
	for k, v := range [...]float64{expInvLn2N, expShift, expLn2hiN, expLn2loN, expC2, expC3, expC4, expC5, 704,
		abs, math.Float64frombits(1 << 63), math.Float64frombits(expN - 1)} {
		e[k] = [4]float64{v, v, v, v}
	}
	for k, v := range [...]float64{trigInv, trigShift, trigA, trigB, trigC, trigS3, trigS5, trigS7, trigC2, trigC4, trigC6,
		trigMax, abs, math.Float64frombits(trigN - 1)} {
		t[k] = [4]float64{v, v, v, v}
	}
	return
}()

// expBatch sets dst[p] = expfast(a[p]), or expfast(-a[p]) if neg, for
// every p < len(dst): in the AVX-512 kernel when useAVX512, the AVX2
// kernel when useSIMD, else (and for the blocks the kernel leaves, and the
// tail) in expBatchGo.
func expBatch(dst, a []float64, neg bool) {
	a = a[:len(dst)]
	kernel, w := expBatchAVX2, 4
	if useAVX512 {
		kernel, w = expBatchAVX512, 8
	}
	kernelBlocks(len(dst), w,
		func(i int) int { return kernel(dst[i:], a[i:], neg) },
		func(i, j int) { expBatchGo(dst[i:j], a[i:j], neg) })
}

// sincosBatch sets s[p], c[p] = sincosfast(x) for every p < len(a), where
// x = a[p], or ac + aw*a[p] if affine; s or c may be nil (not computed),
// else as long as a. It runs in the AVX-512 kernel when useAVX512, the
// AVX2 kernel when useSIMD, else (and for the blocks the kernel leaves,
// and the tail) in sincosBatchGo.
func sincosBatch(s, c, a []float64, ac, aw float64, affine bool) {
	if s != nil {
		s = s[:len(a)]
	}
	if c != nil {
		c = c[:len(a)]
	}
	kernel, w := sincosBatchAVX2, 4
	if useAVX512 {
		kernel, w = sincosBatchAVX512, 8
	}
	kernelBlocks(len(a), w,
		func(i int) int {
			return kernel(unsafe.SliceData(part(s, i, len(a))), unsafe.SliceData(part(c, i, len(a))), &a[i], len(a)-i, ac, aw, affine)
		},
		func(i, j int) { sincosBatchGo(part(s, i, j), part(c, i, j), a[i:j], ac, aw, affine) })
}

// kernelBlocks computes n points with a kernel of w lanes when useSIMD:
// kernel(i) runs it from point i on and returns the number of points it
// did, all the whole blocks of w that remain unless it stopped before a
// block it cannot do; goLoop(i, j) computes points i to j-1 in Go, that
// block, the tail of fewer than w points, or all of them without SIMD.
func kernelBlocks(n, w int, kernel func(i int) int, goLoop func(i, j int)) {
	i := 0
	for useSIMD && n-i >= w {
		k := kernel(i)
		if k == (n-i)&^(w-1) {
			i += k
			break
		}
		goLoop(i+k, i+k+w)
		i += k + w
	}
	goLoop(i, n)
}

// part is s[i:j], or nil if s is nil.
func part(s []float64, i, j int) []float64 {
	if s == nil {
		return nil
	}
	return s[i:j]
}

// divSqAVX2 is batchDivSq's loop over the first n&^3 points: dst =
// (c*u)/(t*t) with t = a (mode 0), ac + a (mode 1), ac + aw*a (mode 2).
//
//go:noescape
func divSqAVX2(dst, u, a *float64, n int, c, ac, aw float64, mode int)

// mul2AVX2 is batchMul's loop for two factors over the first n&^3
// points: dst = (c*a)*b.
//
//go:noescape
func mul2AVX2(dst, a, b *float64, n int, c float64)

// looAVX2 is opLOO's loops over the first m points (a multiple of 16):
// the registers are given by the addresses of their first points, dsts
// n+1 of them and args n.
//
//go:noescape
func looAVX2(dsts, args **float64, n, m int)

// divSqVec computes batchDivSq's first points in the AVX2 kernel when
// useSIMD, and returns how many it did (the caller does the rest).
func divSqVec(dst, u, a []float64, c, ac, aw float64, mode int) int {
	n := len(dst) &^ 3
	if !useSIMD || n == 0 {
		return 0
	}
	_, _ = u[n-1], a[n-1]
	divSqAVX2(&dst[0], &u[0], &a[0], n, c, ac, aw, mode)
	return n
}

// mul2Vec computes the first points of dst = c*a*b in the AVX2 kernel
// when useSIMD, and returns how many it did.
func mul2Vec(dst, a, b []float64, c float64) int {
	n := len(dst) &^ 3
	if !useSIMD || n == 0 {
		return 0
	}
	_, _ = a[n-1], b[n-1]
	mul2AVX2(&dst[0], &a[0], &b[0], n, c)
	return n
}

// kernelMaxArgs bounds the operands of an opLOO or opLin the kernels take
// (the addresses of their registers are gathered on the stack).
const kernelMaxArgs = 255

// looVec computes opLOO's first points in the AVX2 kernel when useSIMD,
// and returns how many it did.
func looVec(in *instr, r [][]float64, m int) int {
	n := len(in.args)
	m16 := m &^ 15
	if !useSIMD || m16 == 0 || n == 0 || n > kernelMaxArgs {
		return 0
	}
	var dsts [kernelMaxArgs + 1]*float64
	var args [kernelMaxArgs]*float64
	for j, a := range in.args {
		args[j] = &r[a][:m16][0]
	}
	for j, d := range in.dsts {
		dsts[j] = &r[d][:m16][0]
	}
	looAVX2(&dsts[0], &args[0], n, m16)
	return m16
}

// linAVX2 is opLin over the first m points (a multiple of 32): the
// registers are given by the addresses of their first points, w is nil
// (weights 1) or has n weights.
//
//go:noescape
func linAVX2(dst *float64, args **float64, w *float64, n, m int, c float64)

// linVec computes opLin's first points in the AVX2 kernel when useSIMD,
// and returns how many it did.
func linVec(in *instr, r [][]float64, m int) int {
	n := len(in.args)
	m32 := m &^ 31
	if !useSIMD || m32 == 0 || n == 0 || n > kernelMaxArgs || in.w != nil && len(in.w) != n {
		return 0
	}
	var args [kernelMaxArgs]*float64
	for j, a := range in.args {
		args[j] = &r[a][:m32][0]
	}
	var w *float64
	if in.w != nil {
		w = &in.w[0]
	}
	linAVX2(&r[in.dst][:m32][0], &args[0], w, n, m32, in.c)
	return m32
}
