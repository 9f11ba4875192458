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
