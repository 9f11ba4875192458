package symbolic

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIntDecimal checks that IntDecimal gives the node NewNumber gives
// (the same pointer, so the same hash), at the edges of int64 and with
// leading zeros.
func TestIntDecimal(t *testing.T) {
	for _, s := range []string{"0", "000", "7", "0042", "999999999999999999", "9223372036854775807",
		"9223372036854775808", "18446744073709551616", "00000000000000000000000000123",
		"1000000007987654321098765432109876543210", strings.Repeat("9", 300)} {
		n, _ := new(big.Int).SetString(s, 10)
		want := NewNumber(new(big.Rat).SetInt(n))
		if got := IntDecimal(s); got != want {
			t.Errorf("IntDecimal(%q) = %v (hash %x), want %v (hash %x)", s, got, got.hash, want, want.hash)
		}
	}
	for _, s := range []string{"", "-1", "+1", "1_000", "1e3", "1.5"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("IntDecimal(%q) did not panic", s)
				}
			}()
			IntDecimal(s)
		}()
	}
}

// TestBigDecimal checks bigDecimal against big.Int's SetString at every
// length of the first group of 19 digits.
func TestBigDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for n := 19; n <= 120; n++ {
		b := []byte{byte('1' + r.IntN(9))}
		for len(b) < n {
			b = append(b, byte('0'+r.IntN(10)))
		}
		want, _ := new(big.Int).SetString(string(b), 10)
		if got := bigDecimal(string(b)); got.Cmp(want) != 0 {
			t.Errorf("bigDecimal(%s) = %v", b, got)
		}
	}
}
