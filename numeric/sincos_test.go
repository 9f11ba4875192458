package numeric

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
)

// TestSincosFastAccuracy measures sincosfast against a 256-bit reference:
// within 1.3 ulp where the argument is moderate and not within 2^-40
// relative of a multiple of pi/64 (math.Sincos: about 1.4); near large
// multiples of pi/64, where both lose to the reduction by a 3-part pi in
// the same way, at most 1 ulp worse than math.Sincos. Zeros, NaN,
// infinities and |x| >= 2^22 must give math.Sincos's values.
func TestSincosFastAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var moderate, nodes []float64
	for range long.N(500, 2000) {
		moderate = append(moderate, 20*rng.Float64()-10, 2000*rng.Float64()-1000, math.Pow(2, -30+52*rng.Float64()),
			-math.Pow(2, -1070+1070*rng.Float64()))
		// At and near the table's nodes k*pi/64, where r is tiny and the
		// parts of the reduction are comparable.
		k := float64(rng.IntN(1 << 26))
		node := k * math.Pi / 64
		nodes = append(nodes, node, -node*(1+0x1p-40*(rng.Float64()-0.5)), math.Nextafter(node, 0))
	}
	var worst, worstStd, worse [2]float64
	var worstX, worseX [2]float64
	for i, v := range append(moderate, nodes...) {
		rs, rc := refSinCos(v)
		s, c := sincosfast(v)
		ms, mc := math.Sincos(v)
		stds := [2]float64{ulpErr(ms, rs), ulpErr(mc, rc)}
		for f, e := range [2]float64{ulpErr(s, rs), ulpErr(c, rc)} {
			std := stds[f]
			if i >= len(moderate) && e-std > worse[f] {
				worse[f], worseX[f] = e-std, v
			}
			if i < len(moderate) {
				worstStd[f] = math.Max(worstStd[f], std)
				if e > worst[f] {
					worst[f], worstX[f] = e, v
				}
			}
		}
	}
	for f, name := range []string{"sin", "cos"} {
		t.Logf("%s: moderate arguments within %.3f ulp (math.Sincos %.3f); near the nodes at most %.3f ulp worse than math.Sincos",
			name, worst[f], worstStd[f], worse[f])
		if worst[f] > 1.3 {
			t.Errorf("%s errs by %.3f ulp at %v", name, worst[f], worstX[f])
		}
		if worse[f] > 1 {
			t.Errorf("%s errs by %.3f ulp more than math.Sincos at %v", name, worse[f], worseX[f])
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 1 << 22, -(1 << 22), 1e300, math.Inf(1), math.Inf(-1), math.NaN()} {
		s, c := sincosfast(v)
		ms, mc := math.Sincos(v)
		if !sameBits(s, ms) || !sameBits(c, mc) {
			t.Errorf("sincosfast(%v) = %v, %v, want math.Sincos's %v, %v", v, s, c, ms, mc)
		}
	}
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

func BenchmarkSincos(b *testing.B) {
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = 50 + 4e-4*float64(i)
	}
	s, c := make([]float64, len(xs)), make([]float64, len(xs))
	b.Run("math.Sincos", func(b *testing.B) {
		for b.Loop() {
			for i, v := range xs {
				s[i], c[i] = math.Sincos(v)
			}
		}
	})
	b.Run("sincosfast", func(b *testing.B) {
		for b.Loop() {
			for i, v := range xs {
				s[i], c[i] = sincosfast(v)
			}
		}
	})
}
