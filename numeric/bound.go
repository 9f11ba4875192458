package numeric

import (
	"math"
	"math/bits"

	"github.com/symdiff/symdiff/internal/intpow"
)

// roundoff is the relative error charged to every operation by
// ErrorBound: two units in the last place, for library functions that are
// not correctly rounded.
const roundoff = 2 * 0x1p-52

// ErrorBound evaluates the program's first output at args together with a
// first-order bound on its absolute rounding error (running error
// analysis): every instruction adds its own rounding, relative to the
// magnitudes it combines, to the errors of its operands propagated through
// its derivative. A sum that cancels keeps the error of its large terms, so
// 1 - tanh(u)^2 near tanh(u) = 1 gets a bound far larger, relative to its
// value, than its neighbours. Check uses the bound to tell rounding in a
// badly conditioned formula from a wrong derivative.
func (p *Program) ErrorBound(args []float64) (value, bound float64) {
	p.checkArgs("ErrorBound", len(args))
	r := make([]float64, p.nregs)
	e := make([]float64, p.nregs)
	p.load(r, args)
	// Constants are rationals rounded to float64, half an ulp of
	// representation error each, or folded at compile time, with the
	// errors of that arithmetic (see compiler.emit).
	copy(e[p.nvars:], p.constErr)
	for i := range p.code {
		in := &p.code[i]
		execScalar(in, r, nil)
		execBound(in, r, e)
		// Below the normal range rounding is absolute, not relative.
		in.results(func(d int32) { e[d] += math.SmallestNonzeroFloat64 })
	}
	o := p.outs[0]
	return r[o], e[o]
}

// execBound computes the error bounds of an instruction's results from
// its operands' values r and bounds e (results already in r).
func execBound(in *instr, r, e []float64) {
	abs := math.Abs
	// The argument of a function of one argument and its error, a fused
	// sum of one term charged as opLin charges it.
	av, ae := r[in.a], e[in.a]
	if in.aff != affNone {
		w := 1.0
		if in.aff == affMulAdd {
			w = in.aw
		}
		av = in.arg(r)
		ae = abs(w)*e[in.a] + in.ace + roundoff*(abs(in.ac)+abs(w*r[in.a])) + math.SmallestNonzeroFloat64
	}
	switch in.op {
	case opLin:
		mag, err := abs(in.c), 0.0
		for k, a := range in.args {
			w := 1.0
			if in.w != nil {
				w = in.w[k]
			}
			mag += abs(w * r[a])
			err += abs(w) * e[a]
		}
		e[in.dst] = err + in.ce + float64(len(in.args))*roundoff*mag
	case opMulZ:
		if r[in.dst] == 0 {
			limit := false
			for _, a := range in.args {
				limit = limit || math.IsInf(r[a], 0) || math.IsNaN(r[a])
			}
			if limit {
				// The limit 0 of a zero factor against a logarithmic
				// singularity: exact.
				e[in.dst] = 0
				break
			}
		}
		fallthrough
	case opMul:
		v := abs(r[in.dst])
		err := v * (float64(len(in.args)+len(in.den))*roundoff + in.ce)
		for i, a := range in.args {
			if e[a] == 0 {
				continue
			}
			if r[a] != 0 {
				// The relative error first: v*e can underflow.
				err += v * (e[a] / abs(r[a]))
				continue
			}
			// A zero factor: the error is e[a] times the other factors.
			o := abs(in.c) * e[a]
			for j, b := range in.args {
				if j != i {
					o *= abs(r[b])
				}
			}
			for _, b := range in.den {
				o /= abs(r[b])
			}
			err += o
		}
		for _, a := range in.den {
			err += v * relErr(r[a], e[a])
		}
		e[in.dst] = err
	case opScale:
		// Each factor's error through its power, |n| v e/|b| (for a
		// zero base of exponent 1, e times the other factors), the
		// coefficient's representation and a rounding per step.
		v := abs(r[in.dst])
		steps := 1
		err := v * (0x1p-53 + in.ce)
		for k, a := range in.args {
			n := in.ks[k]
			steps += bits.Len(uint(max(n, -n))) + 1
			switch {
			case e[a] == 0:
			case r[a] != 0:
				// The relative error first: v*e can underflow.
				err += abs(float64(n)) * v * (e[a] / abs(r[a]))
			case n == 1:
				var buf [scaleBuf]float64
				xs := operands(buf[:0], in.args, r)
				xs[k] = e[a]
				err += abs(intpow.Scale(in.c, in.n, xs, in.ks))
			}
		}
		e[in.dst] = err + float64(steps)*roundoff*v
	case opDivSq:
		// As the squaring (opPowi 2) and the quotient (opMul) it stands
		// for.
		sq := av * av
		esq := scaled(sq, av, ae, 2) + 3*roundoff*abs(sq) + math.SmallestNonzeroFloat64
		u, v := r[in.args[0]], abs(r[in.dst])
		err := v*(2*roundoff+in.ce) + v*relErr(sq, esq)
		if eu := e[in.args[0]]; eu != 0 {
			if u != 0 {
				err += v * (eu / abs(u))
			} else {
				err += abs(in.c) * eu / abs(sq)
			}
		}
		e[in.dst] = err
	case opPowi:
		n := in.n
		if n < 0 {
			n = -n
		}
		steps := float64(bits.Len(uint(n)) + 1)
		e[in.dst] = scaled(r[in.dst], av, ae, float64(n)) + steps*roundoff*abs(r[in.dst])
	case opSqrt, opRsqrt:
		e[in.dst] = scaled(r[in.dst], av, ae, 0.5) + roundoff*abs(r[in.dst])
	case opPowf:
		// The exponent c is a rounded constant too: d(a^c)/dc = a^c ln|a|.
		v := r[in.dst]
		e[in.dst] = scaled(v, av, ae, in.c) + expErr(v, av, abs(in.c)*0x1p-53) + roundoff*abs(v)
	case opPow:
		a, b, v := r[in.a], r[in.b], r[in.dst]
		if eb := e[in.b]; a == 0 && eb != 0 && !(eb < abs(b)) || a < 0 && eb >= 1 {
			// The exponent's error reaches where the power jumps: past
			// 0 for a zero base (0, 1 or +Inf), past the next integer
			// for a negative one (the sign, or no real value), as in
			// 0^(a^(b^702)) at a, b < 0, where b^702 is 1e202 give or
			// take 1e189, an integer in float64 but of no known parity.
			e[in.dst] = math.Inf(1)
			break
		}
		e[in.dst] = scaled(v, a, e[in.a], b) + expErr(v, a, e[in.b]) + roundoff*abs(v)
	case opLOO:
		n := len(in.args)
		rnd, total, zero := float64(2*n)*roundoff, 0.0, false
		for _, a := range in.args {
			if r[a] == 0 && e[a] != 0 {
				zero = true
			}
			total += relErr(r[a], e[a])
		}
		if !zero {
			for _, d := range in.dsts {
				e[d] = abs(r[d]) * (total + rnd)
			}
			break
		}
		// A zero factor with an error: each factor's error times the
		// other factors of the product, as opMul charges it.
		for j, d := range in.dsts {
			err := abs(r[d]) * rnd
			for i, a := range in.args {
				if i == j || e[a] == 0 {
					continue
				}
				o := e[a]
				for k, b := range in.args {
					if k != i && k != j {
						o *= abs(r[b])
					}
				}
				err += o
			}
			e[d] = err
		}
	case opSincos:
		sv, cv := r[in.dsts[0]], r[in.dsts[1]]
		e[in.dsts[0]] = abs(cv)*ae + roundoff*abs(sv)
		e[in.dsts[1]] = abs(sv)*ae + roundoff*abs(cv)
	case opExp, opExpNeg, opLog, opSin, opCos, opTanh, opSigmoid, opCall:
		// A function of one argument.
		a, v := av, r[in.dst]
		var d float64
		switch in.op {
		case opExp, opExpNeg:
			d = v
		case opLog:
			d = 1 / a
		case opSin:
			d = math.Cos(a)
		case opCos:
			d = math.Sin(a)
		case opTanh:
			d = 1 - v*v
		case opSigmoid:
			d = v * (1 - v)
		case opCall:
			d = boundStep(in.fc, a)
		default:
			panic(unhandled("execBound", in.op))
		}
		e[in.dst] = propagated(d, ae) + roundoff*abs(v)
	default:
		panic(unhandled("execBound", in.op))
	}
	// A bound that came out NaN (an infinite error against a zero factor
	// or derivative) says nothing: +Inf, which the next instruction's
	// bound keeps (see unknown).
	in.results(func(d int32) {
		if math.IsNaN(e[d]) {
			e[d] = math.Inf(1)
		}
	})
}

// propagated is the error |d| e that an error e of a function's argument
// makes in its value, d being the derivative there: 0 for an exact
// argument even where d is infinite (log at a subnormal a, whose 1/a
// overflows), where the product would be NaN.
func propagated(d, e float64) float64 {
	switch {
	case e == 0:
		return 0
	case unknown(e):
		return math.Inf(1)
	}
	return math.Abs(d) * e
}

// unknown reports whether an error bound e says nothing: +Inf ("cannot
// say", an operand that overflowed) or NaN. What is computed from such an
// operand cannot be bounded either, even where its value is finite: for
// B = 1.587, B^2001 overflows, and log(B^2001)^-0.498 is 0 in float64
// against 0.033 exactly.
func unknown(e float64) bool { return math.IsInf(e, 1) || math.IsNaN(e) }

// scaled is the propagated error |k| |v| e/|a| of v = a^k, with
// v = a = 0 giving 0 (first order, k > 1), and an unknown e +Inf.
func scaled(v, a, e, k float64) float64 {
	switch {
	case unknown(e):
		return math.Inf(1)
	case e == 0 || v == 0:
		return 0
	}
	return math.Abs(k*v) * (e / math.Abs(a))
}

// expErr is the error |v ln|a|| e of v = a^b propagated from an error e
// of the exponent b, zero where e or v is (at a = 0 the product would be
// 0 * inf), +Inf where e is unknown.
func expErr(v, a, e float64) float64 {
	switch {
	case unknown(e):
		return math.Inf(1)
	case e == 0 || v == 0:
		return 0
	}
	return math.Abs(v*math.Log(math.Abs(a))) * e
}

// relErr is the relative error bound e/|v| (infinite for v = 0 with e > 0).
func relErr(v, e float64) float64 {
	if e == 0 {
		return 0
	}
	return e / math.Abs(v)
}

// boundStep is the derivative of f at a by the complex step, with a step
// small beside a: ComplexStepH (1e-200) is not, near the singularity at 0
// of log2, log10 or acot. At a = 1e-323 (x^211 at x = 0.0295, below the
// normal range, its rounding a third of its value) the step of 1e-200
// gave log2 a derivative of 2e20, and log2(x^211) a bound of 5e-13 where
// it is off by 0.16; the derivative there is beyond float64 (1.4e323),
// and so is the bound: +Inf, "cannot say". The step stays at least the
// smallest float64.
func boundStep(fc func(complex128) complex128, a float64) float64 {
	h := ComplexStepH
	if aa := math.Abs(a); aa != 0 && aa < h*0x1p40 {
		h = max(aa*0x1p-40, math.SmallestNonzeroFloat64)
	}
	return complexStep(fc, a, h)
}
