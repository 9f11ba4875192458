package simplify

import (
	"math"
	"math/big"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

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
			p = append(p, pterm{c: symbolic.RatFromBig(c)})
		}
		if got := content(p); got.Big().Cmp(tt.want) != 0 {
			t.Errorf("content(%v) = %v, want %v", tt.cs, got, tt.want.RatString())
		}
	}
}
