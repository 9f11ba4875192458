package symbolic

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDecimalRat compares DecimalRat with NewRat(n, 10^k) on numbers made
// of many twos and fives, powers of ten and random ones, at every k.
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
}
