package refeval

import (
	"math"
	"math/big"

	"github.com/symdiff/symdiff/internal/bigmath"
	"github.com/symdiff/symdiff/symbolic"
)

// High-precision evaluation, for tests that judge the float64 accuracy of
// an expression (a simplified form must not evaluate worse than its input).
//
// EvalBig computes with big.Float. Sums are exact (the accumulator gets
// the bits that the spread of the terms' exponents needs, up to
// maxSpread), and a sum, product or power keeps the precision of its
// most precise operand, so that 1 + exp(-700) keeps its last term and
// log(1 + exp(-700)) is right; a function is computed with enough extra
// bits for the cancellation its argument may cause (log near 1, sin of a
// large argument, sinh of a tiny one) and rounded to the working
// precision. Reference then checks the result against a second
// evaluation with more bits, and raises the precision until they agree.

// BigSupported reports whether EvalBig can evaluate calls of f.
func BigSupported(f *symbolic.Func) bool {
	return !f.IsAbstract() && f.EvalBig != nil
}

// EvalBig returns the value of e with the variables bound by env,
// computed with big.Float at about prec bits (see the package comment on
// high-precision evaluation). It returns false where e is undefined (a
// function outside its domain, a division by zero), where a value is
// beyond what it handles (exp of more than 2^30), or where e calls a
// function BigSupported rejects.
func EvalBig(e symbolic.Expr, env map[*symbolic.Symbol]float64, prec uint) (*big.Float, bool) {
	memo := make(map[symbolic.Expr]*big.Float)
	var ev func(symbolic.Expr) *big.Float
	ev = func(e symbolic.Expr) *big.Float {
		if v, ok := memo[e]; ok {
			return v
		}
		var v *big.Float
		switch e := e.(type) {
		case *symbolic.Number:
			v = new(big.Float).SetPrec(prec).SetRat(e.Rat())
		case *symbolic.Symbol:
			switch e {
			case symbolic.Pi:
				v = bigmath.Pi(prec)
			case symbolic.E:
				v, _ = bigmath.Exp(big.NewFloat(1), prec)
			default:
				x, ok := env[e]
				if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
					return nil
				}
				v = big.NewFloat(x)
			}
		case *symbolic.Sum:
			terms := make([]*big.Float, 0, len(e.Terms()))
			for _, t := range e.Terms() {
				x := ev(t)
				if x == nil {
					return nil
				}
				terms = append(terms, x)
			}
			v = bigmath.Sum(terms, prec)
		case *symbolic.Product:
			v = big.NewFloat(1)
			p := prec
			for _, f := range e.Factors() {
				x := ev(f)
				if x == nil {
					return nil
				}
				p = max(p, x.Prec())
				v = new(big.Float).SetPrec(p).Mul(v, x)
			}
		case *symbolic.Power:
			b, x := ev(e.Base()), ev(e.Exp())
			if b == nil || x == nil {
				return nil
			}
			v = bigmath.Pow(b, x, prec)
		case *symbolic.Call:
			u := ev(e.Arg())
			if u == nil {
				return nil
			}
			f := e.Func().EvalBig
			if f == nil || e.Func().IsAbstract() {
				return nil
			}
			var ok bool
			if v, ok = f(u, prec); !ok {
				return nil
			}
			v = new(big.Float).SetPrec(prec).Set(v)
		default:
			return nil
		}
		if v == nil || v.IsInf() {
			return nil
		}
		memo[e] = v
		return v
	}
	v := func() (v *big.Float) {
		defer func() {
			// big.Float panics with ErrNaN on 0*Inf and the like.
			if x := recover(); x != nil {
				if _, ok := x.(big.ErrNaN); !ok {
					panic(x)
				}
				v = nil
			}
		}()
		return ev(e)
	}()
	return v, v != nil
}

// Reference returns the value of e at env rounded to float64, computed by
// EvalBig and checked against an evaluation with 128 more bits: at 256
// bits, then, while the two disagree beyond 2^-100 of the value, at 1024
// and 3072 bits (1 - sigmoid(700) needs more than 1010); a value that is
// 0 at 256 bits is recomputed at 1024 and 3072 bits, since it may have
// cancelled. It returns false
// if e is undefined there (or a divisor is 0 to 3072 bits) or the
// evaluations never agree (the value is too ill-conditioned to trust). A value beyond the float64 range comes back
// as ±Inf or 0, as the rounding gives.
func Reference(e symbolic.Expr, env map[*symbolic.Symbol]float64) (float64, bool) {
	for _, p := range []uint{256, 1024, 3072} {
		// A failure may be a cancellation to 0 that more bits resolve.
		a, ok := EvalBig(e, env, p)
		if !ok {
			continue
		}
		b, ok := EvalBig(e, env, p+128)
		if !ok {
			continue
		}
		if a.Sign() == 0 && b.Sign() == 0 && p < 3072 {
			// Both may have cancelled to 0 (1 - sigmoid(700) does at
			// 256 and 384 bits): only the last precision says 0.
			continue
		}
		d := new(big.Float).SetPrec(p+256).Sub(a, b)
		if d.Sign() == 0 || b.Sign() != 0 && d.MantExp(nil)-b.MantExp(nil) < -100 {
			f, _ := b.Float64()
			return f, true
		}
	}
	return 0, false
}
