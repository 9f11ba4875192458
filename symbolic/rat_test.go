package symbolic_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/symbolic"
)

// pow is x^k by PowInt without a bound.
func pow(x symbolic.Rat, k int) symbolic.Rat {
	r, ok := x.PowInt(int64(k), 1<<40)
	if !ok {
		panic("PowInt refused without a bound")
	}
	return r
}

// TestRat checks the Rat arithmetic against math/big on random
// operands near the int64 limits (where the fast path must fall back) and
// small ones (5,000 pairs, 20,000 under SYMDIFF_LONG), and that the representation stays canonical (a value that
// fits is held small, so equal values print and compare alike).
func TestRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	edge := []int64{0, 1, -1, 2, -2, 3, 6, 1 << 31, -(1 << 31), 1 << 62, math.MaxInt64, math.MinInt64, math.MinInt64 + 1, math.MaxInt64 - 1}
	pick := func() *big.Rat {
		var n, d int64
		switch rng.IntN(3) {
		case 0:
			n, d = int64(rng.IntN(41)-20), int64(rng.IntN(12)+1)
		case 1:
			n, d = edge[rng.IntN(len(edge))], edge[rng.IntN(len(edge))]
			if d == 0 {
				d = 7
			}
		default:
			r := new(big.Rat).SetFrac(big.NewInt(rng.Int64()), big.NewInt(rng.Int64N(1<<40)+1))
			return r.Mul(r, big.NewRat(rng.Int64(), 3))
		}
		return big.NewRat(n, d)
	}
	// check's what names the operation in a failure; it is a function, so
	// that the operands are printed only when one fails.
	check := func(what func() string, got symbolic.Rat, want *big.Rat) {
		t.Helper()
		if got.Big().Cmp(want) != 0 {
			t.Fatalf("%s = %v, want %v", what(), got, want.RatString())
		}
		fits := want.Num().IsInt64() && want.Denom().IsInt64()
		if fits != !got.IsBig() {
			t.Fatalf("%s = %v: held big %v, but fits %v", what(), got, got.IsBig(), fits)
		}
		if got.String() != want.RatString() {
			t.Fatalf("%s prints %q, want %q", what(), got.String(), want.RatString())
		}
		if got.Sign() != want.Sign() || got.Is(0) != (want.Sign() == 0) || got.IsInt() != want.IsInt() {
			t.Fatalf("%s = %v: sign, zero or integer test wrong", what(), got)
		}
		if e := symbolic.NumberOf(got); e.Rat().Cmp(want) != 0 {
			t.Fatalf("%s.expr() = %v, want %v", what(), e, want.RatString())
		}
	}
	for range long.N(5000, 20000) {
		a, b := pick(), pick()
		x, y := symbolic.RatFromBig(new(big.Rat).Set(a)), symbolic.RatFromBig(new(big.Rat).Set(b))
		check(func() string { return a.RatString() + " + " + b.RatString() }, x.Add(y), new(big.Rat).Add(a, b))
		check(func() string { return a.RatString() + " - " + b.RatString() }, x.Sub(y), new(big.Rat).Sub(a, b))
		check(func() string { return a.RatString() + " * " + b.RatString() }, x.Mul(y), new(big.Rat).Mul(a, b))
		check(func() string { return "-" + a.RatString() }, x.Neg(), new(big.Rat).Neg(a))
		if b.Sign() != 0 {
			check(func() string { return a.RatString() + " / " + b.RatString() }, x.Quo(y), new(big.Rat).Quo(a, b))
		}
		if x.Equal(y) != (a.Cmp(b) == 0) {
			t.Fatalf("%v eq %v = %v", a, b, x.Equal(y))
		}
		if k := rng.IntN(7) - 3; a.Sign() != 0 || k >= 0 {
			want := big.NewRat(1, 1)
			for range max(k, -k) {
				want.Mul(want, a)
			}
			if k < 0 {
				want.Inv(want)
			}
			check(func() string { return a.RatString() + "^k" }, pow(x, k), want)
		}
	}
}

// TestRatFloat64Nearest: Float64 is the float64 nearest the value, also
// where the numerator or denominator has more than 53 bits, as
// big.Rat.Float64 rounds it (float64(n)/float64(d) rounded three times:
// 9999999999999999/10^16 was 1, so x^(that) at x < 0 had a real value,
// which FuzzCompile found against the compiled program's NaN).
func TestRatFloat64Nearest(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 5))
	check := func(n, d int64) {
		t.Helper()
		r := symbolic.NewRat(n, d)
		want, _ := new(big.Rat).SetFrac64(n, d).Float64()
		if got := r.Float64(); got != want {
			t.Errorf("%d/%d: Float64 %v, nearest %v", n, d, got, want)
		}
	}
	check(9999999999999999, 10000000000000000)
	check(-9999999999999999, 10000000000000000)
	check(1<<53+1, 3)
	check(math.MaxInt64, math.MaxInt64-2)
	check(math.MinInt64+1, 7)
	for range 20000 {
		n := rng.Int64() >> rng.IntN(63)
		d := rng.Int64()>>rng.IntN(63) | 1
		if rng.IntN(2) == 0 {
			n = -n
		}
		check(n, d)
	}
	if got := symbolic.NewRat(9999999999999999, 10000000000000000).Float64(); got == 1 {
		t.Error("9999999999999999/10^16 is 1 in float64")
	}
}
