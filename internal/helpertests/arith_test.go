package helpertests_test

import (
	"github.com/symdiff/symdiff/internal/arith"
	"math"
	"math/big"
	"testing"
)

// TestArithAgainstBig checks GCD, Mul and Add against math/big near the int64
// limits, where the overflow checks matter.
func TestArithAgainstBig(t *testing.T) {
	vals := []int64{0, 1, -1, 2, -2, 3, 6, -12, 1 << 31, -(1 << 31), 1<<32 + 1, 1 << 62, -(1 << 62), math.MaxInt64, math.MinInt64, math.MinInt64 + 1, math.MaxInt64 - 1}
	fits := func(z *big.Int) bool { return z.IsInt64() }
	for _, a := range vals {
		for _, b := range vals {
			ba, bb := big.NewInt(a), big.NewInt(b)
			if p, ok := arith.Mul(a, b); ok {
				if want := new(big.Int).Mul(ba, bb); !fits(want) || want.Int64() != p {
					t.Errorf("arith.Mul(%d, %d) = %d, want %v", a, b, p, want)
				}
			} else if want := new(big.Int).Mul(ba, bb); fits(want) && a != math.MinInt64 && b != math.MinInt64 && want.Int64() != math.MinInt64 {
				t.Errorf("arith.Mul(%d, %d) refused %v, which fits", a, b, want)
			}
			s, ok := arith.Add(a, b)
			want := new(big.Int).Add(ba, bb)
			if ok != fits(want) || ok && want.Int64() != s {
				t.Errorf("arith.Add(%d, %d) = %d, %v; want %v", a, b, s, ok, want)
			}
			g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(ba), new(big.Int).Abs(bb))
			wantG := int64(1)
			if g.Sign() != 0 && fits(g) {
				wantG = g.Int64()
			}
			if got := arith.GCD(a, b); got != wantG {
				t.Errorf("arith.GCD(%d, %d) = %d, want %d", a, b, got, wantG)
			}
		}
	}
}
