package tables

import (
	"math"
	"testing"
)

// TestAgainstFloat64 checks the tables against float64 arithmetic by
// another route (math.Exp2, math.Sincos): each entry of the exp table
// within an ulp, each sine and cosine within 2^-50 (the float64 argument
// 2pi*j/N is off by up to about 2^-51), each rounding error at most half
// an ulp of its entry, the ln2/N split within an ulp.
func TestAgainstFloat64(t *testing.T) {
	for _, bits := range []uint{5, 7} {
		n := 1 << bits
		hi, lo := Ln2N(bits)
		if want := math.Ln2 / float64(n); math.Abs(hi+lo-want) > 0x1p-52*want || math.Float64bits(hi)&(1<<17-1) != 0 {
			t.Errorf("Ln2N(%d) = %v + %v, want about %v with hi's low 17 bits zero", bits, hi, lo, want)
		}
		exp, trig := Exp(bits), Trig(bits)
		for j := range n {
			h := math.Float64frombits(math.Float64bits(exp[2*j+1]) + uint64(j)<<(52-bits))
			near(t, "2^(j/N)", bits, j, h, math.Exp2(float64(j)/float64(n)), exp[2*j]*h, ulp(h))
			s, c := math.Sincos(2 * math.Pi * float64(j) / float64(n))
			near(t, "sin", bits, j, trig[4*j], s, trig[4*j+1], 0x1p-50)
			near(t, "cos", bits, j, trig[4*j+2], c, trig[4*j+3], 0x1p-50)
		}
	}
}

func ulp(v float64) float64 { return math.Abs(math.Nextafter(v, math.Inf(1)) - v) }

// near fails unless v is within tol of want and its rounding error e is
// at most half an ulp of v.
func near(t *testing.T, what string, bits uint, j int, v, want, e, tol float64) {
	t.Helper()
	if math.Abs(v-want) > tol || math.Abs(e) > ulp(v)/2 {
		t.Errorf("bits %d, j = %d: %s = %v (rounding error %v), want about %v", bits, j, what, v, e, want)
	}
}
