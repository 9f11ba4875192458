package simplify

import (
	"github.com/symdiff/symdiff/internal/arith"
	"github.com/symdiff/symdiff/symbolic"
)

// The normaliser's and the matcher's exact numbers are symbolic.Rat values
// (int64 fractions, big.Rat only when a value does not fit); this file holds
// what the simplifier adds: its bound on powers.

var (
	qZero = symbolic.RatInt(0)
	qOne  = symbolic.RatInt(1)
)

// qpow returns x^k; it panics with tooBig when the result would be huge
// (more than 4096 bits in its numerator or denominator), and x must not be
// zero when k < 0.
func qpow(x symbolic.Rat, k int) symbolic.Rat {
	if k < 0 {
		x, k = x.Inv(), -k
	}
	if !x.IsBig() {
		n, d, ok := int64(1), int64(1), true
		for i := 0; i < k && ok; i++ {
			if n, ok = arith.Mul(n, x.Num64()); ok {
				d, ok = arith.Mul(d, x.Den64())
			}
		}
		if ok {
			return symbolic.NewRat(n, d)
		}
	}
	c := x.Big()
	if c.Num().BitLen()*k > 4096 || c.Denom().BitLen()*k > 4096 {
		panic(tooBig{})
	}
	r, _ := x.PowInt(int64(k), 1<<40)
	return r
}
