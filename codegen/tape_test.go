package codegen

import (
	"math"
	"math/rand/v2"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// The numeric compiler's stable lowerings of products (scale: powers whose
// partial products leave float64's range; mulz: the general power rule's
// 0*log(0)) have code in every language; until an expression compiles to
// them here, these cases run them on tapes written by hand against the
// references below, which follow the compiler's definitions (Instr's doc).

// scaleRef is a scale instruction's value: m*2^e*prod xs[k]^ks[k].
func scaleRef(m float64, e int, xs []float64, ks []int) float64 {
	normalF := func(v float64) bool { a := math.Abs(v); return a >= 0x1p-1022 && a <= math.MaxFloat64 }
	v, d, normal := m, 1.0, true
	for k, n := range ks {
		var t float64
		if n > 0 {
			t = powiRef(xs[k], n)
			v *= t
		} else {
			t = powiRef(xs[k], -n)
			d *= t
		}
		normal = normal && normalF(t) && normalF(v) && normalF(d)
	}
	if d != 1 {
		v /= d
	}
	if e != 0 {
		v = math.Ldexp(v, e)
	}
	if normal && normalF(v) {
		return v
	}
	zero, pole, neg := false, false, math.Signbit(m)
	for k, n := range ks {
		b := xs[k]
		if math.IsInf(b, 0) || math.IsNaN(b) {
			return v
		}
		if n&1 == 1 && math.Signbit(b) {
			neg = !neg
		}
		if b == 0 {
			if n > 0 {
				zero = true
			} else {
				pole = true
			}
		}
	}
	sign := 1.0
	if neg {
		sign = -1
	}
	switch {
	case zero && pole:
		return math.NaN()
	case zero:
		return math.Copysign(0, sign)
	case pole:
		return math.Inf(int(sign))
	}
	// The exact value through big.Float-free mantissa arithmetic: log2
	// of the magnitude is summed, the mantissas multiplied renormalised.
	sm, se, dm, de := m, e, 1.0, 0
	for k, n := range ks {
		f, fe := math.Frexp(xs[k])
		p, pe := 1.0, 0
		b, be := f, fe
		for q := max(n, -n); ; {
			var t int
			if q&1 == 1 {
				p, t = math.Frexp(p * b)
				pe += be + t
			}
			q >>= 1
			if q == 0 {
				break
			}
			b, t = math.Frexp(b * b)
			be = 2*be + t
		}
		var t int
		if n > 0 {
			sm, t = math.Frexp(sm * p)
			se += pe + t
		} else {
			dm, t = math.Frexp(dm * p)
			de += pe + t
		}
	}
	return math.Ldexp(sm/dm, se-de)
}

func powiRef(x float64, n int) float64 {
	r := 1.0
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
	}
	return r
}

// mulzRef is a mulz instruction's value over c*prod args/prod den, u the
// register A, ks marking the args that may be infinite where u is 0.
func mulzRef(c float64, args, den []float64, u float64, ks []int) float64 {
	v := c
	for _, a := range args {
		v *= a
	}
	if len(den) > 0 {
		d := den[0]
		for _, a := range den[1:] {
			d *= a
		}
		v /= d
	}
	if !math.IsInf(v, 0) && !math.IsNaN(v) || u != 0 {
		return v
	}
	zero := false
	for k, x := range args {
		switch {
		case ks[k] != 0:
		case x == 0:
			zero = true
		case math.IsInf(x, 0) || math.IsNaN(x):
			return v
		}
	}
	for _, x := range den {
		if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return v
		}
	}
	if zero {
		return 0
	}
	return v
}

// tapeCases are the hand-written tapes: scale instructions whose partial
// products overflow or underflow (and zeros, poles, signs, infinities),
// and mulz instructions at u = 0 with an infinite factor.
func tapeCases() []*runCase {
	r := rand.New(rand.NewPCG(7, 7))
	x, y, z := symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("z")
	var cs []*runCase
	for i, sc := range []struct {
		c  float64
		e  int
		ks []int
	}{
		{3.5, -1000, []int{200, -150}},
		{-0.75, 1500, []int{201, -3, 77}},
		{1, 0, []int{2, 3, -2}},
		{2.5, -2000, []int{-1, 5, 400}},
	} {
		vars := []*symbolic.Symbol{x, y, z}[:len(sc.ks)]
		args := make([]int, len(sc.ks))
		for k := range args {
			args[k] = k
		}
		n := len(vars)
		c := &runCase{name: "scale" + string(rune('a'+i)), vars: vars, mode: Value,
			tape: &numeric.Tape{NumVars: n, Registers: n + 1, Outs: []int{n},
				Code: []numeric.Instr{{Op: "scale", Dst: n, C: sc.c, N: sc.e, Args: args, Ks: sc.ks}}},
			refFn: func(p []float64) float64 { return scaleRef(sc.c, sc.e, p, sc.ks) }}
		special := []float64{0, math.Copysign(0, -1), -3, 1e-200, 1e200, math.Inf(1), math.Inf(-1), math.NaN()}
		for range 40 {
			p := make([]float64, n)
			for k := range p {
				if r.IntN(6) == 0 {
					p[k] = special[r.IntN(len(special))]
				} else {
					p[k] = math.Copysign(math.Pow(10, 12*r.Float64()-6), r.Float64()-0.3)
				}
			}
			c.points = append(c.points, p)
		}
		cs = append(cs, c)
	}
	// mulz: 2 * x * y / z with y singular where u = 0 (y infinite), z a
	// divisor; and the same with no divisor.
	u := symbolic.Sym("u")
	for i, den := range [][]int{{3}, nil} {
		vars := []*symbolic.Symbol{x, u, y, z}
		in := numeric.Instr{Op: "mulz", Dst: 4, C: 2, Args: []int{0, 2}, Ks: []int{0, 1}, A: 1, Den: den}
		c := &runCase{name: "mulz" + string(rune('a'+i)), vars: vars, mode: Value,
			tape: &numeric.Tape{NumVars: 4, Registers: 5, Outs: []int{4}, Code: []numeric.Instr{in}},
			refFn: func(p []float64) float64 {
				var ds []float64
				for _, d := range den {
					ds = append(ds, p[d])
				}
				return mulzRef(2, []float64{p[0], p[2]}, ds, p[1], []int{0, 1})
			}}
		inf, nan := math.Inf(1), math.NaN()
		for _, xv := range []float64{0, 1.5, inf, nan} {
			for _, uv := range []float64{0, 0.5} {
				for _, yv := range []float64{inf, -inf, 3, nan} {
					for _, zv := range []float64{0, 2, inf} {
						c.points = append(c.points, []float64{xv, uv, yv, zv})
					}
				}
			}
		}
		cs = append(cs, c)
	}
	return cs
}
