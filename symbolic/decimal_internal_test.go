package symbolic

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDecimalRat compares DecimalRat with NewRat(n, 10^k) on numbers made
// of many twos and fives, powers of ten and random ones, at every k up to
// 18, and checks the arguments it takes through big.Rat.
func TestDecimalRat(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 10))
	ns := []int64{0, 1, 5, 25, 1 << 40, 1 << 62, 7629394531250, 100000000000000000, 999999999999999999, 3125, 48828125}
	for range 3000 {
		n := int64(r.Uint64() >> (1 + r.IntN(63)))
		for range r.IntN(8) {
			if n > math.MaxInt64/10 {
				break
			}
			n *= []int64{2, 5, 10}[r.IntN(3)]
		}
		ns = append(ns, n)
	}
	for _, n := range ns {
		for k := 0; k <= 18; k++ {
			d := int64(1)
			for range k {
				d *= 10
			}
			if got, want := DecimalRat(n, k), NewRat(n, d); !got.Equal(want) || got.n != want.n || got.d != want.d {
				t.Fatalf("DecimalRat(%d, %d) = %d/%d, want %v", n, k, got.n, got.d, want)
			}
		}
	}
	// Outside that range, through big.Rat: negative digits, more than 18
	// places, a negative k.
	for _, tc := range []struct {
		n    int64
		k    int
		want string
	}{
		{-275, 2, "-11/4"}, {5, 19, "1/2000000000000000000"}, {3, -2, "300"}, {-1, 0, "-1"},
		{123, 20, "123/100000000000000000000"},
	} {
		if got := DecimalRat(tc.n, tc.k).Big().RatString(); got != tc.want {
			t.Errorf("DecimalRat(%d, %d) = %s, want %s", tc.n, tc.k, got, tc.want)
		}
	}
}
