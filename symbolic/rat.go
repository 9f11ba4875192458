package symbolic

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// rat is an exact rational number. Small values live in n/d (d > 0, reduced);
// values that do not fit in int64 live in b, and then n and d are unused.
// A rat is a value type and is never mutated after construction.
type rat struct {
	n, d int64
	b    *big.Rat
}

func ratInt(n int64) rat { return rat{n: n, d: 1} }

// ratFromBig normalises r: it moves small values back to the fast path.
// r must not be modified afterwards.
func ratFromBig(r *big.Rat) rat {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return rat{n: r.Num().Int64(), d: r.Denom().Int64()}
	}
	return rat{b: r}
}

func (x rat) big() *big.Rat {
	if x.b != nil {
		return x.b
	}
	return big.NewRat(x.n, x.d)
}

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// mk builds a reduced small rational from n/d, d != 0, falling back to big
// arithmetic when reduction would overflow.
func mk(n, d int64) rat {
	if d < 0 {
		if n == math.MinInt64 || d == math.MinInt64 {
			return ratFromBig(new(big.Rat).SetFrac(big.NewInt(n), big.NewInt(d)))
		}
		n, d = -n, -d
	}
	if g := gcd(n, d); g > 1 {
		n, d = n/g, d/g
	}
	return rat{n: n, d: d}
}

func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	hi, lo := bits.Mul64(uint64(abs64(a)), uint64(abs64(b)))
	if hi != 0 || lo > math.MaxInt64 || a == math.MinInt64 || b == math.MinInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

func add64(a, b int64) (int64, bool) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return 0, false
	}
	return s, true
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func (x rat) add(y rat) rat {
	if x.b == nil && y.b == nil {
		if x.d == 1 && y.d == 1 {
			if s, ok := add64(x.n, y.n); ok {
				return rat{n: s, d: 1}
			}
		} else if a, ok := mul64(x.n, y.d); ok {
			if b, ok := mul64(y.n, x.d); ok {
				if s, ok := add64(a, b); ok {
					if d, ok := mul64(x.d, y.d); ok {
						return mk(s, d)
					}
				}
			}
		}
	}
	return ratFromBig(new(big.Rat).Add(x.big(), y.big()))
}

func (x rat) mul(y rat) rat {
	if x.b == nil && y.b == nil {
		if n, ok := mul64(x.n, y.n); ok {
			if d, ok := mul64(x.d, y.d); ok {
				return mk(n, d)
			}
		}
	}
	return ratFromBig(new(big.Rat).Mul(x.big(), y.big()))
}

func (x rat) neg() rat {
	if x.b == nil && x.n != math.MinInt64 {
		return rat{n: -x.n, d: x.d}
	}
	return ratFromBig(new(big.Rat).Neg(x.big()))
}

// inv returns 1/x; x must not be zero.
func (x rat) inv() rat {
	if x.b == nil {
		return mk(x.d, x.n)
	}
	return ratFromBig(new(big.Rat).Inv(x.b))
}

func (x rat) sign() int {
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

func (x rat) isInt() bool {
	if x.b != nil {
		return x.b.IsInt()
	}
	return x.d == 1
}

func (x rat) is(n int64) bool { return x.b == nil && x.d == 1 && x.n == n }

func (x rat) cmp(y rat) int {
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
		if a, ok := mul64(x.n, y.d); ok {
			if b, ok := mul64(y.n, x.d); ok {
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
	return x.big().Cmp(y.big())
}

func (x rat) equal(y rat) bool {
	if x.b == nil && y.b == nil {
		return x.n == y.n && x.d == y.d
	}
	if (x.b == nil) != (y.b == nil) {
		return false // normalised: small values never live in b
	}
	return x.b.Cmp(y.b) == 0
}

func (x rat) float() float64 {
	if x.b == nil {
		return float64(x.n) / float64(x.d)
	}
	f, _ := x.b.Float64()
	return f
}

// bitLen is the number of bits of the numerator plus the denominator, a
// measure of the size of the number.
func (x rat) bitLen() int {
	if x.b == nil {
		return bits.Len64(uint64(abs64(x.n))) + bits.Len64(uint64(x.d))
	}
	return x.b.Num().BitLen() + x.b.Denom().BitLen()
}

func (x rat) String() string {
	if x.b == nil {
		if x.d == 1 {
			return formatInt(x.n)
		}
		return formatInt(x.n) + "/" + formatInt(x.d)
	}
	return x.b.RatString()
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// powInt returns x^k for an integer k (x != 0 when k < 0). It reports false
// when the result would exceed maxBits bits.
func (x rat) powInt(k int64, maxBits int) (rat, bool) {
	if k == 0 {
		return ratInt(1), true
	}
	base := x
	if k < 0 {
		base = x.inv()
		k = -k
	}
	if base.is(1) || base.is(0) {
		return base, true
	}
	if base.is(-1) {
		if k%2 == 0 {
			return ratInt(1), true
		}
		return base, true
	}
	if int64(base.bitLen()) > int64(maxBits)/k+1 {
		return rat{}, false
	}
	b := base.big()
	e := big.NewInt(k)
	num := new(big.Int).Exp(b.Num(), e, nil)
	den := new(big.Int).Exp(b.Denom(), e, nil)
	return ratFromBig(new(big.Rat).SetFrac(num, den)), true
}

// root returns the exact q-th root of x when it is rational.
func (x rat) root(q int64) (rat, bool) {
	if q <= 0 || q > 64 {
		return rat{}, false
	}
	if x.sign() < 0 {
		if q%2 == 0 {
			return rat{}, false
		}
		r, ok := x.neg().root(q)
		return r.neg(), ok
	}
	b := x.big()
	n, ok1 := intRoot(b.Num(), q)
	d, ok2 := intRoot(b.Denom(), q)
	if !ok1 || !ok2 {
		return rat{}, false
	}
	return ratFromBig(new(big.Rat).SetFrac(n, d)), true
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
