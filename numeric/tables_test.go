package numeric

import (
	"math"
	"slices"
	"testing"

	"github.com/symdiff/symdiff/numeric/internal/tables"
)

// TestTables requires the tables of expfast and sincosfast (tables.bin,
// written by go generate ./numeric) and the split of ln2/N in exp.go to
// be exactly what package tables computes from their definition with
// 200-bit arithmetic.
func TestTables(t *testing.T) {
	hi, lo := tables.Ln2N(expBits)
	if math.Float64bits(hi) != math.Float64bits(expLn2hiN) || math.Float64bits(lo) != math.Float64bits(expLn2loN) {
		t.Errorf("ln2/N split: exp.go has %v + %v, computed %v + %v", expLn2hiN, expLn2loN, hi, lo)
	}
	for _, c := range []struct {
		name     string
		have, is []float64
	}{
		{"expTab", expTab[:], tables.Exp(expBits)},
		{"trigTab", trigTab[:], tables.Trig(trigBits)},
	} {
		if !slices.Equal(tables.Encode(c.have), tables.Encode(c.is)) {
			t.Errorf("%s in tables.bin differs from the computed table: run go generate ./numeric", c.name)
		}
	}
}

// TestTablesAgainstFloat64 checks package tables' tables against float64
// arithmetic by another route (math.Exp2, math.Sincos): each entry of the
// exp table within an ulp, each sine and cosine within 2^-50 (the float64 argument
// 2pi*j/N is off by up to about 2^-51), each rounding error at most half
// an ulp of its entry, the ln2/N split within an ulp. It is
// here, in numeric's test binary, rather than in package tables' own, so
// that the default go test ./... links one test binary fewer.
func TestTablesAgainstFloat64(t *testing.T) {
	for _, bits := range []uint{5, 7} {
		n := 1 << bits
		hi, lo := tables.Ln2N(bits)
		if want := math.Ln2 / float64(n); math.Abs(hi+lo-want) > 0x1p-52*want || math.Float64bits(hi)&(1<<17-1) != 0 {
			t.Errorf("tables.Ln2N(%d) = %v + %v, want about %v with hi's low 17 bits zero", bits, hi, lo, want)
		}
		exp, trig := tables.Exp(bits), tables.Trig(bits)
		for j := range n {
			h := math.Float64frombits(math.Float64bits(exp[2*j+1]) + uint64(j)<<(52-bits))
			tablesNear(t, "2^(j/N)", bits, j, h, math.Exp2(float64(j)/float64(n)), exp[2*j]*h, tablesULP(h))
			s, c := math.Sincos(2 * math.Pi * float64(j) / float64(n))
			tablesNear(t, "sin", bits, j, trig[4*j], s, trig[4*j+1], 0x1p-50)
			tablesNear(t, "cos", bits, j, trig[4*j+2], c, trig[4*j+3], 0x1p-50)
		}
	}
}

// tablesULP is the distance from v to the next float64 up.
func tablesULP(v float64) float64 { return math.Abs(math.Nextafter(v, math.Inf(1)) - v) }

// tablesNear fails unless v is within tol of want and its rounding error e is
// at most half an ulp of v.
func tablesNear(t *testing.T, what string, bits uint, j int, v, want, e, tol float64) {
	t.Helper()
	if math.Abs(v-want) > tol || math.Abs(e) > tablesULP(v)/2 {
		t.Errorf("bits %d, j = %d: %s = %v (rounding error %v), want about %v", bits, j, what, v, e, want)
	}
}
