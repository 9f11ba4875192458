package simplify

import (
	"math"
	"math/big"
	"strconv"

	"github.com/symdiff/symdiff/symbolic"
)

// A qnum is an exact rational number for the normaliser and the matcher.
// Almost every number they meet is a small fraction, so a qnum holds n/d
// in two int64s (d > 0, gcd(n, d) = 1) and falls back to a big.Rat only
// when a value does not fit. The representation is canonical: a value that
// fits is always held small, so equal values have equal keys. A qnum is a
// value; its big.Rat, when there is one, is never modified.
type qnum struct {
	n, d int64
	b    *big.Rat // non-nil when n/d does not fit in int64s
}

var (
	qZero = qnum{n: 0, d: 1}
	qOne  = qnum{n: 1, d: 1}
)

func qint(n int64) qnum { return qnum{n: n, d: 1} }

// qbig returns r as a qnum, small when it fits. r must not be modified
// afterwards.
func qbig(r *big.Rat) qnum {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return qnum{n: r.Num().Int64(), d: r.Denom().Int64()}
	}
	return qnum{b: r}
}

// qfrom returns the value of a Number, without copying a big.Rat for an
// integer that fits.
func qfrom(x *symbolic.Number) qnum {
	if n, ok := x.Int64(); ok {
		return qint(n)
	}
	return qbig(x.Rat())
}

// rat returns x as a big.Rat that the caller must not modify.
func (x qnum) rat() *big.Rat {
	if x.b != nil {
		return x.b
	}
	return big.NewRat(x.n, x.d)
}

// expr returns x as a Number.
func (x qnum) expr() *symbolic.Number {
	switch {
	case x.b != nil:
		return symbolic.NewNumber(x.b)
	case x.d == 1:
		return symbolic.Int(x.n)
	}
	return symbolic.Frac(x.n, x.d)
}

func (x qnum) sign() int {
	if x.b != nil {
		return x.b.Sign()
	}
	switch {
	case x.n > 0:
		return 1
	case x.n < 0:
		return -1
	}
	return 0
}

func (x qnum) isZero() bool { return x.b == nil && x.n == 0 }
func (x qnum) isOne() bool  { return x.b == nil && x.n == 1 && x.d == 1 }
func (x qnum) isUnit() bool { return x.b == nil && x.d == 1 && (x.n == 1 || x.n == -1) }
func (x qnum) isInt() bool  { return x.b == nil && x.d == 1 || x.b != nil && x.b.IsInt() }

func (x qnum) eq(y qnum) bool {
	if x.b == nil && y.b == nil {
		return x.n == y.n && x.d == y.d
	}
	if x.b == nil || y.b == nil {
		return false // canonical: a small value is never held big
	}
	return x.b.Cmp(y.b) == 0
}

// String writes x as big.Rat's RatString does ("3", "-1/2").
func (x qnum) String() string {
	if x.b != nil {
		return x.b.RatString()
	}
	if x.d == 1 {
		return strconv.FormatInt(x.n, 10)
	}
	return strconv.FormatInt(x.n, 10) + "/" + strconv.FormatInt(x.d, 10)
}

func (x qnum) neg() qnum {
	if x.b == nil && x.n != math.MinInt64 {
		return qnum{n: -x.n, d: x.d}
	}
	return qbig(new(big.Rat).Neg(x.rat()))
}

func qadd(x, y qnum) qnum {
	if x.b == nil && y.b == nil {
		if x.d == 1 && y.d == 1 {
			if s, ok := add64(x.n, y.n); ok {
				return qint(s)
			}
		} else if a, ok := mul64(x.n, y.d); ok {
			if b, ok := mul64(y.n, x.d); ok {
				if n, ok := add64(a, b); ok {
					if d, ok := mul64(x.d, y.d); ok {
						return qreduce(n, d)
					}
				}
			}
		}
	}
	return qbig(new(big.Rat).Add(x.rat(), y.rat()))
}

func qsub(x, y qnum) qnum { return qadd(x, y.neg()) }

func qmul(x, y qnum) qnum {
	if x.b == nil && y.b == nil {
		if x.n == 0 || y.n == 0 {
			return qZero
		}
		// Cross-cancel first, so that the products stay small.
		g1, g2 := gcd64(x.n, y.d), gcd64(y.n, x.d)
		if n, ok := mul64(x.n/g1, y.n/g2); ok {
			if d, ok := mul64(x.d/g2, y.d/g1); ok {
				return qnum{n: n, d: d}
			}
		}
	}
	return qbig(new(big.Rat).Mul(x.rat(), y.rat()))
}

// qinv returns 1/x; x must not be zero (callers check).
func qinv(x qnum) qnum {
	if x.b == nil && x.n != math.MinInt64 {
		if x.n < 0 {
			return qnum{n: -x.d, d: -x.n}
		}
		return qnum{n: x.d, d: x.n}
	}
	return qbig(new(big.Rat).Inv(x.rat()))
}

func qquo(x, y qnum) qnum { return qmul(x, qinv(y)) }

// qreduce returns n/d in lowest terms, d != 0.
func qreduce(n, d int64) qnum {
	if d < 0 {
		if n == math.MinInt64 || d == math.MinInt64 {
			return qbig(new(big.Rat).SetFrac(big.NewInt(n), big.NewInt(d)))
		}
		n, d = -n, -d
	}
	if g := gcd64(n, d); g > 1 {
		n, d = n/g, d/g
	}
	return qnum{n: n, d: d}
}

// gcd64 returns gcd(|a|, |b|), or 1 when that is 0 or does not fit an
// int64 (a = b = 0, or |MinInt64| with 0).
func gcd64(a, b int64) int64 {
	x, y := absU(a), absU(b)
	for y != 0 {
		x, y = y, x%y
	}
	if x == 0 || x > math.MaxInt64 {
		return 1
	}
	return int64(x)
}

func absU(a int64) uint64 {
	if a < 0 {
		return uint64(-(a + 1)) + 1
	}
	return uint64(a)
}

func add64(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}

func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return p, true
}

// qpow returns x^k; it panics with tooBig when the result would be huge,
// and x must not be zero when k < 0.
func qpow(x qnum, k int) qnum {
	if k < 0 {
		x, k = qinv(x), -k
	}
	if x.b == nil {
		r, ok := qOne, true
		for i := 0; i < k && ok; i++ {
			var n, d int64
			if n, ok = mul64(r.n, x.n); ok {
				if d, ok = mul64(r.d, x.d); ok {
					r = qnum{n: n, d: d}
				}
			}
		}
		if ok {
			return r
		}
	}
	c := x.rat()
	if c.Num().BitLen()*k > 4096 || c.Denom().BitLen()*k > 4096 {
		panic(tooBig{})
	}
	num := new(big.Int).Exp(c.Num(), big.NewInt(int64(k)), nil)
	den := new(big.Int).Exp(c.Denom(), big.NewInt(int64(k)), nil)
	return qbig(new(big.Rat).SetFrac(num, den))
}
