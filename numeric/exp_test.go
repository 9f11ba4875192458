package numeric

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/bigmath"
	"github.com/symdiff/symdiff/internal/long"
)

const refPrec = 256

// refExp and refSinCos are exp(x) and sin(x), cos(x) to refPrec bits,
// the references of the accuracy tests of expfast and sincosfast.
func refExp(x float64) *big.Float {
	v, _ := bigmath.Exp(new(big.Float).SetFloat64(x), refPrec)
	return v
}

func refSinCos(x float64) (s, c *big.Float) {
	s, _ = bigmath.Sin(new(big.Float).SetFloat64(x), refPrec)
	c, _ = bigmath.Cos(new(big.Float).SetFloat64(x), refPrec)
	return s, c
}

// ulpErr is |v - want| in units of the last place of want.
func ulpErr(v float64, want *big.Float) float64 {
	w, _ := want.Float64()
	_, e := math.Frexp(w)
	ulp := math.Max(math.Ldexp(1, e-53), 0x1p-1074)
	d := new(big.Float).SetPrec(refPrec).Sub(new(big.Float).SetFloat64(v), want)
	f, _ := d.Float64()
	return math.Abs(f) / ulp
}

// TestExpFastAccuracy measures expfast against a 256-bit reference over
// the whole range where it does not defer to math.Exp, with more points
// where the table method has its edges (r near +-ln2/256, k mod 128 = 0
// and 127, tiny x), and requires it within 0.6 ulp everywhere (math.Exp
// is measured too, for comparison). Outside |x| < 704 and at NaN, +-Inf
// it must return math.Exp's value.
func TestExpFastAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var pts []float64
	for range long.N(500, 2500) {
		pts = append(pts, -704+1408*rng.Float64(), -2+4*rng.Float64(), (rng.Float64()-0.5)*0x1p-6)
		// Tiny magnitudes, both signs.
		pts = append(pts, math.Copysign(math.Pow(2, -1074+1070*rng.Float64()), rng.Float64()-0.5))
		// Near the midpoints between table nodes, where |r| is largest.
		k := float64(rng.IntN(2*704*185) - 704*185)
		mid := (k + 0.5) * math.Ln2 / expN
		pts = append(pts, mid, math.Nextafter(mid, math.Inf(1)), math.Nextafter(mid, math.Inf(-1)))
	}
	// Every integer k under SYMDIFF_LONG, every fifth otherwise (both ends
	// included).
	for k := -700; k <= 700; k += long.N(5, 1) {
		pts = append(pts, float64(k), float64(k)*math.Ln2, float64(k)*math.Ln2/expN)
	}
	pts = append(pts, 0, math.Copysign(0, -1), 5e-324, -5e-324, 1e-300, 703.99999999999, -703.99999999999)
	worst, worstX, worstStd := 0.0, 0.0, 0.0
	for _, v := range pts {
		want := refExp(v)
		e := ulpErr(expfast(v), want)
		if e > worst {
			worst, worstX = e, v
		}
		worstStd = math.Max(worstStd, ulpErr(math.Exp(v), want))
	}
	t.Logf("%d points: expfast within %.3f ulp (worst at x=%v), math.Exp within %.3f ulp", len(pts), worst, worstX, worstStd)
	if worst > 0.6 {
		t.Errorf("expfast errs by %.3f ulp at x=%v", worst, worstX)
	}
	if expfast(0) != 1 || expfast(math.Copysign(0, -1)) != 1 {
		t.Errorf("expfast(+-0) = %v, %v, want 1", expfast(0), expfast(math.Copysign(0, -1)))
	}
	for _, v := range []float64{-704, 709.79, 710, -745.1, -745.2, -746, 1e300, -1e300, math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN()} {
		if got, want := expfast(v), math.Exp(v); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("expfast(%v) = %v, want math.Exp's %v", v, got, want)
		}
	}
	// Monotone across the table's nodes and the fast path's edge.
	for _, v := range []float64{703.99, -703.99, 0, 1, -1, 0.5 * math.Ln2 / expN} {
		a := v
		for range 2000 {
			b := math.Nextafter(a, math.Inf(1))
			if expfast(b) < expfast(a) {
				t.Fatalf("expfast decreases from %v (%v) to %v (%v)", a, expfast(a), b, expfast(b))
			}
			a = b
		}
	}
}

func BenchmarkExp(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -20 + 40*float64(i)/1024
	}
	out := make([]float64, len(xs))
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, v := range xs {
				out[i] = math.Exp(v)
			}
		}
	})
	b.Run("expfast", func(b *testing.B) {
		for b.Loop() {
			for i, v := range xs {
				out[i] = expfast(v)
			}
		}
	})
}

// TestExpBatch: expBatch is expfast, bit for bit, over the whole range.
func TestExpBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	xs := []float64{0, math.Copysign(0, -1), 5e-324, 703.99, -703.99, 704, -704, 709.78, 710, -745.2, -746,
		math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	for range 20000 {
		xs = append(xs, -800+1600*rng.Float64(), -3+6*rng.Float64())
	}
	out := make([]float64, len(xs))
	for _, neg := range []bool{false, true} {
		expBatch(out, xs, neg)
		for p, v := range xs {
			if neg {
				v = -v
			}
			if w := expfast(v); !sameBits(out[p], w) {
				t.Fatalf("expBatch at %v (neg %v): %v, expfast %v", xs[p], neg, out[p], w)
			}
		}
	}
}

func BenchmarkExpBatch(b *testing.B) {
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = -20 + 40*float64(i)/256
	}
	out := make([]float64, len(xs))
	for b.Loop() {
		expBatch(out, xs, true)
	}
}

// TestExpWide checks the exponential from 704 up to the true overflow
// threshold (math.Exp on amd64 overflows from about 709.08): within 0.6 ulp
// of the 256-bit reference, finite up to expOverflow and +Inf beyond it,
// and monotone across the fast path's edge and up to the threshold.
func TestExpWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pts := []float64{704, 705, 709, 709.5, 709.78, expOverflow, math.Nextafter(704, 0)}
	for range long.N(300, 3000) {
		pts = append(pts, 704+(expOverflow-704)*rng.Float64())
	}
	worst, worstX := 0.0, 0.0
	for _, v := range pts {
		got := expfast(v)
		if math.IsInf(got, 0) {
			t.Fatalf("expfast(%v) = %v, want a finite value", v, got)
		}
		if e := ulpErr(got, refExp(v)); e > worst {
			worst, worstX = e, v
		}
	}
	t.Logf("%d points in [704, %v]: within %.3f ulp (worst at %v)", len(pts), expOverflow, worst, worstX)
	if worst > 0.6 {
		t.Errorf("expfast errs by %.3f ulp at x=%v", worst, worstX)
	}
	if got := expfast(709.5); math.Abs(got-1.3549863193146328e308) > 1e294 {
		t.Errorf("expfast(709.5) = %v, want 1.35e308", got)
	}
	if got := expfast(math.Nextafter(expOverflow, 800)); !math.IsInf(got, 1) {
		t.Errorf("expfast just past the threshold = %v, want +Inf", got)
	}
	for _, v := range []float64{703.9999999, expOverflow - 1e-10} {
		a := v
		for range 2000 {
			b := math.Nextafter(a, math.Inf(1))
			if b > expOverflow {
				break
			}
			if expfast(b) < expfast(a) {
				t.Fatalf("expfast decreases from %v (%v) to %v (%v)", a, expfast(a), b, expfast(b))
			}
			a = b
		}
	}
}
