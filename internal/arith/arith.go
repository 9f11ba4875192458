// Package arith holds the int64 arithmetic with overflow checks that the
// exact rationals (symbolic.Rat) and the simplifier's normal forms share.
package arith

import (
	"math"
	"math/bits"
)

// GCD returns gcd(|a|, |b|), or 1 when that is 0 or does not fit an int64
// (a = b = 0, or |MinInt64| with 0).
func GCD(a, b int64) int64 {
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

// Mul returns a*b, and false when it does not fit an int64 (and, to keep
// the check simple, when a, b or the product is MinInt64).
func Mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	if a == math.MinInt64 || b == math.MinInt64 {
		return 0, false
	}
	hi, lo := bits.Mul64(absU(a), absU(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// Add returns a+b, and false when it does not fit an int64.
func Add(a, b int64) (int64, bool) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return 0, false
	}
	return s, true
}
