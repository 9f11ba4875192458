package simplify

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
)

// TestQnum checks the small-rational arithmetic against math/big on random
// operands near the int64 limits (where the fast path must fall back) and
// small ones (5,000 pairs, 20,000 under SYMDIFF_LONG), and that the representation stays canonical (a value that
// fits is held small, so equal values print and compare alike).
func TestQnum(t *testing.T) {
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
	check := func(what string, got qnum, want *big.Rat) {
		t.Helper()
		if got.rat().Cmp(want) != 0 {
			t.Fatalf("%s = %v, want %v", what, got, want.RatString())
		}
		fits := want.Num().IsInt64() && want.Denom().IsInt64()
		if fits != (got.b == nil) {
			t.Fatalf("%s = %v: held big %v, but fits %v", what, got, got.b != nil, fits)
		}
		if got.String() != want.RatString() {
			t.Fatalf("%s prints %q, want %q", what, got.String(), want.RatString())
		}
		if got.sign() != want.Sign() || got.isZero() != (want.Sign() == 0) || got.isInt() != want.IsInt() {
			t.Fatalf("%s = %v: sign, zero or integer test wrong", what, got)
		}
		if e := got.expr(); e.Rat().Cmp(want) != 0 {
			t.Fatalf("%s.expr() = %v, want %v", what, e, want.RatString())
		}
	}
	for range long.N(5000, 20000) {
		a, b := pick(), pick()
		x, y := qbig(new(big.Rat).Set(a)), qbig(new(big.Rat).Set(b))
		check(a.RatString()+" + "+b.RatString(), qadd(x, y), new(big.Rat).Add(a, b))
		check(a.RatString()+" - "+b.RatString(), qsub(x, y), new(big.Rat).Sub(a, b))
		check(a.RatString()+" * "+b.RatString(), qmul(x, y), new(big.Rat).Mul(a, b))
		check("-"+a.RatString(), x.neg(), new(big.Rat).Neg(a))
		if b.Sign() != 0 {
			check(a.RatString()+" / "+b.RatString(), qquo(x, y), new(big.Rat).Quo(a, b))
		}
		if x.eq(y) != (a.Cmp(b) == 0) {
			t.Fatalf("%v eq %v = %v", a, b, x.eq(y))
		}
		if k := rng.IntN(7) - 3; a.Sign() != 0 || k >= 0 {
			want := big.NewRat(1, 1)
			for range max(k, -k) {
				want.Mul(want, a)
			}
			if k < 0 {
				want.Inv(want)
			}
			check(a.RatString()+"^k", qpow(x, k), want)
		}
	}
}

// TestContent checks the numeric content of polynomials against math/big.
func TestContent(t *testing.T) {
	tests := []struct {
		cs   []*big.Rat
		want *big.Rat
	}{
		{[]*big.Rat{big.NewRat(2, 1), big.NewRat(4, 1)}, big.NewRat(2, 1)},
		{[]*big.Rat{big.NewRat(1, 2), big.NewRat(1, 3)}, big.NewRat(1, 6)},
		{[]*big.Rat{big.NewRat(-6, 5), big.NewRat(9, 10)}, big.NewRat(3, 10)},
		{[]*big.Rat{big.NewRat(math.MaxInt64, 1), big.NewRat(1, math.MaxInt64-1)}, big.NewRat(1, math.MaxInt64-1)},
		{[]*big.Rat{big.NewRat(1, math.MaxInt64), big.NewRat(1, math.MaxInt64-1)}, new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(math.MaxInt64), big.NewInt(math.MaxInt64-1)))},
	}
	for _, tt := range tests {
		var p poly
		for _, c := range tt.cs {
			p = append(p, pterm{c: qbig(c)})
		}
		if got := content(p); got.rat().Cmp(tt.want) != 0 {
			t.Errorf("content(%v) = %v, want %v", tt.cs, got, tt.want.RatString())
		}
	}
}
