package numeric

import (
	"math"
	"math/cmplx"

	"github.com/symdiff/symdiff/internal/fmath"
	"github.com/symdiff/symdiff/internal/intpow"
)

// The three interpreters below (scalar, complex, batch) compute every
// instruction with the same operations in the same order, so a scalar and
// a batch evaluation of a program agree to the last bit. A product that
// is added to something is converted to float64 first, which forbids the
// compiler to fuse the two into an FMA: it may do so where it sees fit
// (on arm64, and on amd64 with GOAMD64=v3), differently in a loop and in
// the scalar code, and the assembly kernels never do.

// sigmoid is the table's sigmoid, inlined for the fast path, with the
// compiled code's exponential.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + expfast(-x))
	}
	e := expfast(x)
	return e / (1 + e)
}

// arg is the argument of a function of one argument: register a, or the
// sum of one term fused into the instruction, ac + aw*a with the product
// rounded (not fused into an FMA), as the AVX2 kernels compute it.
func (in *instr) arg(r []float64) float64 {
	switch in.aff {
	case affAdd:
		return in.ac + r[in.a]
	case affMulAdd:
		return in.ac + float64(in.aw*r[in.a])
	}
	return r[in.a]
}

// argC is arg in complex128, computed as opLin does.
func (in *instr) argC(r []complex128) complex128 {
	switch in.aff {
	case affAdd:
		return in.acc + r[in.a]
	case affMulAdd:
		return in.acc + complex(in.aw, 0)*r[in.a]
	}
	return r[in.a]
}

// argBatch is arg over m points: register a itself, or the fused sum of
// one term computed into tmp.
func (in *instr) argBatch(r [][]float64, m int, tmp []float64) []float64 {
	a := r[in.a][:m]
	switch in.aff {
	case affAdd:
		t, c := tmp[:m], in.ac
		for p := range t {
			t[p] = c + a[p]
		}
		return t
	case affMulAdd:
		t, c, w := tmp[:m], in.ac, in.aw
		for p := range t {
			t[p] = c + float64(w*a[p])
		}
		return t
	}
	return a
}

// num is the type of a register: float64 in Eval and EvalBatch,
// complex128 in EvalComplex. The instructions whose float64 and complex128
// bodies are the same arithmetic are written once, over num, below;
// execScalar and execComplex differ where the functions differ (math and
// the fast kernels against the table's complex continuations) and in
// opLin and the fused argument, where a float64 weight multiplies a
// register: float64(w*r), the conversion that forbids an FMA, against
// complex(w, 0)*r.
type num interface{ float64 | complex128 }

// scaleBuf is the number of bases of a scale instruction that its
// evaluation gathers on the stack; more take an allocation.
const scaleBuf = 16

// operands appends the values of the registers args to xs.
func operands[T num](xs []T, args []int32, r []T) []T {
	for _, a := range args {
		xs = append(xs, r[a])
	}
	return xs
}

// product is opMul: (c * args[0] * args[1] * ...) / (den[0] * den[1] * ...).
func product[T num](c T, args, den []int32, r []T) T {
	v := c
	for _, a := range args {
		v *= r[a]
	}
	if len(den) > 0 {
		d := r[den[0]]
		for _, a := range den[1:] {
			d *= r[a]
		}
		v /= d
	}
	return v
}

// divSq is opDivSq: c*u / (t*t).
func divSq[T num](c, u, t T) T {
	return c * u / (t * t)
}

// leaveOneOut is opLOO: the prefix products into dsts, then the suffix
// products multiplied in, so that dsts[j] is the product of args but
// args[j] and dsts[n] the product of all.
func leaveOneOut[T num](args, dsts []int32, r []T) {
	n := len(args)
	acc := T(1)
	for j := 0; j < n; j++ {
		r[dsts[j]] = acc
		acc *= r[args[j]]
	}
	r[dsts[n]] = acc
	s := T(1)
	for j := n - 1; j >= 0; j-- {
		r[dsts[j]] *= s
		s *= r[args[j]]
	}
}

// execScalar runs one instruction on float64 registers. tmp is scratch
// for the leave-one-out instruction (nil when folding constants).
func execScalar(in *instr, r []float64, _ *float64) {
	switch in.op {
	case opLin:
		s := in.c
		if in.w == nil {
			for _, a := range in.args {
				s += r[a]
			}
		} else {
			for k, a := range in.args {
				s += float64(in.w[k] * r[a])
			}
		}
		r[in.dst] = s
	case opMul:
		r[in.dst] = product(in.c, in.args, in.den, r)
	case opPowi:
		r[in.dst] = intpow.Powi(in.arg(r), in.n)
	case opDivSq:
		r[in.dst] = divSq(in.c, r[in.args[0]], in.arg(r))
	case opSqrt:
		r[in.dst] = math.Sqrt(in.arg(r))
	case opRsqrt:
		r[in.dst] = 1 / math.Sqrt(in.arg(r))
	case opPowf:
		r[in.dst] = fmath.Pow(in.arg(r), in.c)
	case opPow:
		r[in.dst] = fmath.Pow(r[in.a], r[in.b])
	case opExp:
		r[in.dst] = expfast(in.arg(r))
	case opExpNeg:
		r[in.dst] = expfast(-r[in.a])
	case opSincos:
		r[in.dsts[0]], r[in.dsts[1]] = sincosfast(in.arg(r))
	case opLog:
		r[in.dst] = fmath.Log(in.arg(r))
	case opSin:
		r[in.dst], _ = sincosfast(in.arg(r))
	case opCos:
		_, r[in.dst] = sincosfast(in.arg(r))
	case opTanh:
		r[in.dst] = math.Tanh(in.arg(r))
	case opSigmoid:
		r[in.dst] = sigmoid(in.arg(r))
	case opCall:
		r[in.dst] = in.fe(in.arg(r))
	case opScale:
		var buf [scaleBuf]float64
		r[in.dst] = intpow.Scale(in.c, in.n, operands(buf[:0], in.args, r), in.ks)
	case opMulZ:
		r[in.dst] = mulzLimit(product(in.c, in.args, in.den, r), in, r)
	case opLOO:
		leaveOneOut(in.args, in.dsts, r)
	default:
		panic(unhandled("execScalar", in.op))
	}
}

// execComplex runs one instruction on complex128 registers.
func execComplex(in *instr, r []complex128, _ *complex128) {
	switch in.op {
	case opLin:
		s := in.cc
		if in.w == nil {
			for _, a := range in.args {
				s += r[a]
			}
		} else {
			for k, a := range in.args {
				s += complex(in.w[k], 0) * r[a]
			}
		}
		r[in.dst] = s
	case opMul:
		r[in.dst] = product(in.cc, in.args, in.den, r)
	case opPowi:
		r[in.dst] = intpow.Powi(in.argC(r), in.n)
	case opDivSq:
		r[in.dst] = divSq(in.cc, r[in.args[0]], in.argC(r))
	case opSqrt:
		r[in.dst] = cmplx.Sqrt(in.argC(r))
	case opRsqrt:
		r[in.dst] = 1 / cmplx.Sqrt(in.argC(r))
	case opPowf:
		r[in.dst] = fmath.CPow(in.argC(r), in.cc)
	case opPow:
		r[in.dst] = fmath.CPow(r[in.a], r[in.b])
	case opExp, opLog, opSin, opCos, opTanh, opSigmoid, opCall:
		r[in.dst] = in.fc(in.argC(r))
	case opExpNeg:
		r[in.dst] = in.fc(complex(-1, 0) * r[in.a])
	case opSincos:
		a := in.argC(r)
		r[in.dsts[0]], r[in.dsts[1]] = in.fc(a), in.fc2(a)
	case opScale:
		var buf [scaleBuf]complex128
		r[in.dst] = scaleValueC(in.c, in.n, operands(buf[:0], in.args, r), in.ks)
	case opMulZ:
		r[in.dst] = mulzLimit(product(in.cc, in.args, in.den, r), in, r)
	case opLOO:
		leaveOneOut(in.args, in.dsts, r)
	default:
		panic(unhandled("execComplex", in.op))
	}
}

// execBatch runs one instruction over m points; r[i][:m] is register i.
// tmp has room for m values.
func execBatch(in *instr, r [][]float64, m int, tmp []float64) {
	switch in.op {
	case opLin:
		batchLin(in, r, m)
	case opMul:
		batchMul(in, r, m, tmp)
	case opDivSq:
		batchDivSq(in, r, m)
	case opPowi:
		dst := r[in.dst][:m]
		if in.n == 2 && in.aff == affAdd {
			a, ac := r[in.a][:m], in.ac
			for p := range dst {
				t := ac + a[p]
				dst[p] = t * t
			}
			return
		}
		a := in.argBatch(r, m, tmp)
		switch in.n {
		case 2:
			for p := range dst {
				dst[p] = a[p] * a[p]
			}
		case -1:
			for p := range dst {
				dst[p] = 1 / a[p]
			}
		default:
			n := in.n
			for p := range dst {
				dst[p] = intpow.Powi(a[p], n)
			}
		}
	case opSqrt:
		dst, a := r[in.dst][:m], in.argBatch(r, m, tmp)
		for p := range dst {
			dst[p] = math.Sqrt(a[p])
		}
	case opRsqrt:
		dst, a := r[in.dst][:m], in.argBatch(r, m, tmp)
		for p := range dst {
			dst[p] = 1 / math.Sqrt(a[p])
		}
	case opPowf:
		dst, a, c := r[in.dst][:m], in.argBatch(r, m, tmp), in.c
		for p := range dst {
			dst[p] = fmath.Pow(a[p], c)
		}
	case opPow:
		dst, a, b := r[in.dst][:m], r[in.a][:m], r[in.b][:m]
		for p := range dst {
			dst[p] = fmath.Pow(a[p], b[p])
		}
	case opExp:
		expBatch(r[in.dst][:m], in.argBatch(r, m, tmp), false)
	case opExpNeg:
		expBatch(r[in.dst][:m], r[in.a][:m], true)
	case opSincos:
		batchSincos(in, r, m, tmp, r[in.dsts[0]][:m], r[in.dsts[1]][:m])
	case opLog:
		dst, a := r[in.dst][:m], in.argBatch(r, m, tmp)
		for p := range dst {
			dst[p] = fmath.Log(a[p])
		}
	case opSin:
		batchSincos(in, r, m, tmp, r[in.dst][:m], nil)
	case opCos:
		batchSincos(in, r, m, tmp, nil, r[in.dst][:m])
	case opTanh:
		dst, a := r[in.dst][:m], in.argBatch(r, m, tmp)
		for p := range dst {
			dst[p] = math.Tanh(a[p])
		}
	case opSigmoid:
		dst, a := r[in.dst][:m], in.argBatch(r, m, tmp)
		for p := range dst {
			dst[p] = sigmoid(a[p])
		}
	case opCall:
		dst, a, f := r[in.dst][:m], in.argBatch(r, m, tmp), in.fe
		for p := range dst {
			dst[p] = f(a[p])
		}
	case opScale:
		dst := r[in.dst][:m]
		var buf [scaleBuf]float64
		xs := append(buf[:0], make([]float64, len(in.args))...)
		for p := range dst {
			for k, a := range in.args {
				xs[k] = r[a][p]
			}
			dst[p] = intpow.Scale(in.c, in.n, xs, in.ks)
		}
	case opMulZ:
		batchMulZ(in, r, m, tmp)
	case opLOO:
		batchLOO(in, r, m, tmp)
	default:
		panic(unhandled("execBatch", in.op))
	}
}

// batchLOO is opLOO over m points: the prefix products into dsts, then
// the suffix products multiplied in, in the scalar order (the first
// points in the AVX2 kernel when there is one).
func batchLOO(in *instr, r [][]float64, m int, tmp []float64) {
	lo := looVec(in, r, m)
	if lo == m {
		return
	}
	n := len(in.args)
	acc := r[in.dsts[0]][lo:m]
	for p := range acc {
		acc[p] = 1
	}
	for j := 1; j <= n; j++ {
		prev, a, dst := r[in.dsts[j-1]][lo:m], r[in.args[j-1]][lo:m], r[in.dsts[j]][lo:m]
		for p := range dst {
			dst[p] = prev[p] * a[p]
		}
	}
	s := tmp[lo:m]
	copy(s, r[in.args[n-1]][lo:m])
	for j := n - 2; j >= 0; j-- {
		dst, a := r[in.dsts[j]][lo:m], r[in.args[j]][lo:m]
		for p, v := range s {
			dst[p] *= v
			s[p] = v * a[p]
		}
	}
}

// batchSincos is opSincos (s and c), opSin (c nil) or opCos (s nil) over
// m points; an argument ac + aw*a is computed in the loop.
func batchSincos(in *instr, r [][]float64, m int, tmp, s, c []float64) {
	if in.aff == affMulAdd {
		sincosBatch(s, c, r[in.a][:m], in.ac, in.aw, true)
		return
	}
	sincosBatch(s, c, in.argBatch(r, m, tmp), 0, 0, false)
}

// batchLin is opLin over m points. The terms are added in the scalar
// order, c + t0 + t1 + ..., four terms a pass so that the running sum is
// loaded and stored once per four terms (the first points in the AVX2
// kernel when there is one, which keeps the sums in registers).
func batchLin(in *instr, r [][]float64, m int) {
	lo := linVec(in, r, m)
	if lo == m {
		return
	}
	dst := r[in.dst][lo:m]
	c, args, w := in.c, in.args, in.w
	if w == nil {
		switch len(args) {
		case 1:
			a0 := r[args[0]][lo:m]
			for p := range dst {
				dst[p] = c + a0[p]
			}
			return
		case 2:
			a0, a1 := r[args[0]][lo:m], r[args[1]][lo:m]
			for p := range dst {
				dst[p] = c + a0[p] + a1[p]
			}
			return
		}
		a0, a1, a2 := r[args[0]][lo:m], r[args[1]][lo:m], r[args[2]][lo:m]
		for p := range dst {
			dst[p] = c + a0[p] + a1[p] + a2[p]
		}
		k := 3
		for ; k+4 <= len(args); k += 4 {
			b0, b1, b2, b3 := r[args[k]][lo:m], r[args[k+1]][lo:m], r[args[k+2]][lo:m], r[args[k+3]][lo:m]
			for p := range dst {
				dst[p] = dst[p] + b0[p] + b1[p] + b2[p] + b3[p]
			}
		}
		for ; k < len(args); k++ {
			b0 := r[args[k]][lo:m]
			for p := range dst {
				dst[p] += b0[p]
			}
		}
		return
	}
	a0, w0 := r[args[0]][lo:m], w[0]
	if len(args) == 1 {
		for p := range dst {
			dst[p] = c + float64(w0*a0[p])
		}
		return
	}
	a1, w1 := r[args[1]][lo:m], w[1]
	for p := range dst {
		dst[p] = c + float64(w0*a0[p]) + float64(w1*a1[p])
	}
	k := 2
	for ; k+4 <= len(args); k += 4 {
		b0, b1, b2, b3 := r[args[k]][lo:m], r[args[k+1]][lo:m], r[args[k+2]][lo:m], r[args[k+3]][lo:m]
		v0, v1, v2, v3 := w[k], w[k+1], w[k+2], w[k+3]
		for p := range dst {
			dst[p] = dst[p] + float64(v0*b0[p]) + float64(v1*b1[p]) + float64(v2*b2[p]) + float64(v3*b3[p])
		}
	}
	for ; k < len(args); k++ {
		b0, v0 := r[args[k]][lo:m], w[k]
		for p := range dst {
			dst[p] += float64(v0 * b0[p])
		}
	}
}

// batchMul is opMul over m points, in the scalar order: (c * a0 * a1 *
// ...) / (d0 * d1 * ...). The common shapes (one or two factors, one
// divisor) run in one pass.
func batchMul(in *instr, r [][]float64, m int, tmp []float64) {
	dst := r[in.dst][:m]
	c, args, den := in.c, in.args, in.den
	switch {
	case len(args) == 1 && len(den) == 0:
		a0 := r[args[0]][:m]
		for p := range dst {
			dst[p] = c * a0[p]
		}
		return
	case len(args) == 2 && len(den) == 0:
		a0, a1 := r[args[0]][:m], r[args[1]][:m]
		k := mul2Vec(dst, a0, a1, c)
		dst, a0, a1 = dst[k:], a0[k:], a1[k:]
		for p := range dst {
			dst[p] = c * a0[p] * a1[p]
		}
		return
	case len(args) == 3 && len(den) == 0:
		a0, a1, a2 := r[args[0]][:m], r[args[1]][:m], r[args[2]][:m]
		for p := range dst {
			dst[p] = c * a0[p] * a1[p] * a2[p]
		}
		return
	case len(args) == 1 && len(den) == 1:
		a0, d0 := r[args[0]][:m], r[den[0]][:m]
		for p := range dst {
			dst[p] = c * a0[p] / d0[p]
		}
		return
	case len(args) == 0 && len(den) == 1:
		d0 := r[den[0]][:m]
		for p := range dst {
			dst[p] = c / d0[p]
		}
		return
	}
	for p := range dst {
		dst[p] = c
	}
	for _, a := range args {
		ak := r[a][:m]
		for p := range dst {
			dst[p] *= ak[p]
		}
	}
	if len(den) > 0 {
		d := tmp[:m]
		copy(d, r[den[0]][:m])
		for _, a := range den[1:] {
			ak := r[a][:m]
			for p := range d {
				d[p] *= ak[p]
			}
		}
		for p := range dst {
			dst[p] /= d[p]
		}
	}
}

// batchDivSq is opDivSq over m points, in the scalar order: (c*u)/(t*t).
func batchDivSq(in *instr, r [][]float64, m int) {
	dst, u, a, c := r[in.dst][:m], r[in.args[0]][:m], r[in.a][:m], in.c
	k := divSqVec(dst, u, a, c, in.ac, in.aw, int(in.aff))
	dst, u, a = dst[k:], u[k:], a[k:]
	switch in.aff {
	case affAdd:
		ac := in.ac
		for p := range dst {
			t := ac + a[p]
			dst[p] = c * u[p] / (t * t)
		}
	case affMulAdd:
		ac, aw := in.ac, in.aw
		for p := range dst {
			t := ac + float64(aw*a[p])
			dst[p] = c * u[p] / (t * t)
		}
	default:
		for p := range dst {
			t := a[p]
			dst[p] = c * u[p] / (t * t)
		}
	}
}

// batchMulZ is opMulZ over m points: opMul's product, then mulzLimit at
// the points where it is not finite, on the point's values gathered into
// scalar registers.
func batchMulZ(in *instr, r [][]float64, m int, tmp []float64) {
	batchMul(in, r, m, tmp)
	dst := r[in.dst][:m]
	for p, v := range dst {
		if !math.IsInf(v, 0) && !math.IsNaN(v) || r[in.a][p] != 0 {
			continue
		}
		regs := make([]float64, len(r))
		in.operands(func(a int32) { regs[a] = r[a][p] })
		dst[p] = mulzLimit(v, in, regs)
	}
}
