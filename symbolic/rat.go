package symbolic

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/symdiff/symdiff/internal/arith"
)

// A Rat is an exact rational number: the value of a Number, and the
// arithmetic of the simplifier's normal forms. Almost every number is a
// small fraction, so a Rat holds n/d in two int64s (d > 0, reduced) and
// falls back to a big.Rat only when a value does not fit. The
// representation is canonical (a value that fits is always held small), so
// equal values are equal as Go values and can key a map. A Rat is a value
// and is never mutated after construction; its zero value is not a number
// (use RatInt(0)).
type Rat struct {
	n, d int64
	b    *big.Rat
}

// RatInt returns the integer n.
func RatInt(n int64) Rat { return Rat{n: n, d: 1} }

// RatFromBig returns the value of r, held small when it fits. r must not be
// modified afterwards.
func RatFromBig(r *big.Rat) Rat {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return Rat{n: r.Num().Int64(), d: r.Denom().Int64()}
	}
	return Rat{b: r}
}

// Big returns x as a big.Rat that the caller must not modify.
func (x Rat) Big() *big.Rat {
	if x.b != nil {
		return x.b
	}
	return big.NewRat(x.n, x.d)
}

// DecimalRat returns n/10^k in lowest terms: the value of a decimal
// literal whose digits are n, k of them after the point. For n >= 0 and
// 0 <= k <= 18 (a literal of up to 18 digits) a power of ten has no prime
// factors but 2 and 5, so the common factor is found by counting those in
// n, without a gcd; other arguments go through big.Rat (k < 0 is
// n*10^-k).
func DecimalRat(n int64, k int) Rat {
	if n < 0 || k < 0 || k > 18 {
		ten := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, -k))), nil)
		r := new(big.Rat).SetInt64(n)
		if k >= 0 {
			r.Quo(r, new(big.Rat).SetInt(ten))
		} else {
			r.Mul(r, new(big.Rat).SetInt(ten))
		}
		return RatFromBig(r)
	}
	if n == 0 {
		return Rat{n: 0, d: 1}
	}
	twos := min(bits.TrailingZeros64(uint64(n)), k)
	n >>= twos
	fives := 0
	for fives < k && n%5 == 0 {
		n /= 5
		fives++
	}
	d := int64(1) << (k - twos)
	for range k - fives {
		d *= 5
	}
	return Rat{n: n, d: d}
}

// NewRat returns n/d in lowest terms; d must not be zero.
func NewRat(n, d int64) Rat {
	if d < 0 {
		if n == math.MinInt64 || d == math.MinInt64 {
			return RatFromBig(new(big.Rat).SetFrac(big.NewInt(n), big.NewInt(d)))
		}
		n, d = -n, -d
	}
	if g := arith.GCD(n, d); g > 1 {
		n, d = n/g, d/g
	}
	return Rat{n: n, d: d}
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

// Add returns x+y.
func (x Rat) Add(y Rat) Rat {
	if x.b == nil && y.b == nil {
		if x.d == 1 && y.d == 1 {
			if s, ok := arith.Add(x.n, y.n); ok {
				return Rat{n: s, d: 1}
			}
		} else if a, ok := arith.Mul(x.n, y.d); ok {
			if b, ok := arith.Mul(y.n, x.d); ok {
				if s, ok := arith.Add(a, b); ok {
					if d, ok := arith.Mul(x.d, y.d); ok {
						return NewRat(s, d)
					}
				}
			}
		}
	}
	return RatFromBig(new(big.Rat).Add(x.Big(), y.Big()))
}

// Mul returns x*y.
func (x Rat) Mul(y Rat) Rat {
	if x.b == nil && y.b == nil {
		if x.n == 0 || y.n == 0 {
			return RatInt(0)
		}
		// Cross-cancel first, so that the products stay small.
		g1, g2 := arith.GCD(x.n, y.d), arith.GCD(y.n, x.d)
		if n, ok := arith.Mul(x.n/g1, y.n/g2); ok {
			if d, ok := arith.Mul(x.d/g2, y.d/g1); ok {
				return Rat{n: n, d: d}
			}
		}
	}
	return RatFromBig(new(big.Rat).Mul(x.Big(), y.Big()))
}

// Sub returns x-y.
func (x Rat) Sub(y Rat) Rat { return x.Add(y.Neg()) }

// Quo returns x/y; y must not be zero.
func (x Rat) Quo(y Rat) Rat { return x.Mul(y.Inv()) }

// Neg returns -x.
func (x Rat) Neg() Rat {
	if x.b == nil && x.n != math.MinInt64 {
		return Rat{n: -x.n, d: x.d}
	}
	return RatFromBig(new(big.Rat).Neg(x.Big()))
}

// Inv returns 1/x; x must not be zero.
func (x Rat) Inv() Rat {
	if x.b == nil && x.n != math.MinInt64 {
		if x.n < 0 {
			return Rat{n: -x.d, d: -x.n}
		}
		return Rat{n: x.d, d: x.n}
	}
	return RatFromBig(new(big.Rat).Inv(x.Big()))
}

// Sign returns -1, 0 or 1 as x is negative, zero or positive.
func (x Rat) Sign() int {
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

// IsInt reports whether x is an integer.
func (x Rat) IsInt() bool {
	if x.b != nil {
		return x.b.IsInt()
	}
	return x.d == 1
}

// Is reports whether x is the integer n.
func (x Rat) Is(n int64) bool { return x.b == nil && x.d == 1 && x.n == n }

// Cmp returns -1, 0 or 1 as x is less than, equal to or greater than y.
func (x Rat) Cmp(y Rat) int {
	if x.b == nil && y.b == nil {
		if x.d == y.d {
			switch {
			case x.n < y.n:
				return -1
			case x.n > y.n:
				return 1
			}
			return 0
		}
		// x.n/x.d against y.n/y.d (denominators positive): compare the
		// cross products when they fit in 64 bits, as they do for the
		// coefficients people write (63/100 against -37/100).
		if a, ok := arith.Mul(x.n, y.d); ok {
			if b, ok := arith.Mul(y.n, x.d); ok {
				switch {
				case a < b:
					return -1
				case a > b:
					return 1
				}
				return 0
			}
		}
	}
	return x.Big().Cmp(y.Big())
}

// Equal reports whether x and y are the same number.
func (x Rat) Equal(y Rat) bool {
	if x.b == nil && y.b == nil {
		return x.n == y.n && x.d == y.d
	}
	if (x.b == nil) != (y.b == nil) {
		return false // normalised: small values never live in b
	}
	return x.b.Cmp(y.b) == 0
}

// Float64 returns the float64 nearest x.
func (x Rat) Float64() float64 {
	if x.b == nil {
		if abs64(x.n) <= 1<<53 && x.d <= 1<<53 {
			// Both exact in float64: their quotient is rounded once.
			return float64(x.n) / float64(x.d)
		}
		// Rounded twice, 9999999999999999/10^16 would be 1: x^that at
		// x < 0 had a real value.
		f, _ := new(big.Rat).SetFrac64(x.n, x.d).Float64()
		return f
	}
	f, _ := x.b.Float64()
	return f
}

// bitLen is the number of bits of the numerator plus the denominator, a
// measure of the size of the number.
func (x Rat) bitLen() int {
	if x.b == nil {
		return bits.Len64(uint64(abs64(x.n))) + bits.Len64(uint64(x.d))
	}
	return x.b.Num().BitLen() + x.b.Denom().BitLen()
}

// IsBig reports whether x does not fit in int64s: Num64 and Den64 then do
// not hold it.
func (x Rat) IsBig() bool { return x.b != nil }

// Num64 returns x's numerator when x is not IsBig (0 otherwise).
func (x Rat) Num64() int64 { return x.n }

// Den64 returns x's denominator, positive, when x is not IsBig (0
// otherwise).
func (x Rat) Den64() int64 { return x.d }

// String writes x as big.Rat's RatString does ("3", "-1/2").
func (x Rat) String() string {
	if x.b == nil {
		if x.d == 1 {
			return formatInt(x.n)
		}
		return formatInt(x.n) + "/" + formatInt(x.d)
	}
	return x.b.RatString()
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// PowInt returns x^k for an integer k (x != 0 when k < 0). It reports false
// when the result would exceed maxBits bits.
func (x Rat) PowInt(k int64, maxBits int) (Rat, bool) {
	if k == 0 {
		return RatInt(1), true
	}
	base := x
	if k < 0 {
		base = x.Inv()
		k = -k
	}
	if base.Is(1) || base.Is(0) {
		return base, true
	}
	if base.Is(-1) {
		if k%2 == 0 {
			return RatInt(1), true
		}
		return base, true
	}
	if int64(base.bitLen()) > int64(maxBits)/k+1 {
		return Rat{}, false
	}
	b := base.Big()
	e := big.NewInt(k)
	num := new(big.Int).Exp(b.Num(), e, nil)
	den := new(big.Int).Exp(b.Denom(), e, nil)
	return RatFromBig(new(big.Rat).SetFrac(num, den)), true
}

// root returns the exact q-th root of x when it is rational.
func (x Rat) root(q int64) (Rat, bool) {
	if q <= 0 || q > 64 {
		return Rat{}, false
	}
	if x.Sign() < 0 {
		if q%2 == 0 {
			return Rat{}, false
		}
		r, ok := x.Neg().root(q)
		return r.Neg(), ok
	}
	b := x.Big()
	n, ok1 := intRoot(b.Num(), q)
	d, ok2 := intRoot(b.Denom(), q)
	if !ok1 || !ok2 {
		return Rat{}, false
	}
	return RatFromBig(new(big.Rat).SetFrac(n, d)), true
}

// intRoot returns the exact q-th root of the non-negative integer n.
func intRoot(n *big.Int, q int64) (*big.Int, bool) {
	if n.Sign() == 0 || n.Cmp(big.NewInt(1)) == 0 {
		return new(big.Int).Set(n), true
	}
	if q == 2 {
		r := new(big.Int).Sqrt(n)
		return r, new(big.Int).Mul(r, r).Cmp(n) == 0
	}
	// Newton's method on integers, starting above the root.
	e := big.NewInt(q)
	qm1 := big.NewInt(q - 1)
	r := new(big.Int).Lsh(big.NewInt(1), uint(n.BitLen()/int(q)+1))
	for {
		// r' = ((q-1) r + n / r^(q-1)) / q
		t := new(big.Int).Exp(r, qm1, nil)
		t.Quo(n, t)
		t.Add(t, new(big.Int).Mul(qm1, r))
		t.Quo(t, e)
		if t.Cmp(r) >= 0 {
			break
		}
		r = t
	}
	return r, new(big.Int).Exp(r, e, nil).Cmp(n) == 0
}

func newRatFromInt(i *big.Int) *big.Rat { return new(big.Rat).SetInt(i) }
