package helpertests_test

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/fmath"
)

// fmathClose reports whether got is within 1e-13 of want, relatively: a few
// tens of ulps (math.Pow is not correctly rounded, and the scaling adds
// a rounding), where math's functions were off by factors of 5 and more.
func fmathClose(got, want float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= 1e-13*math.Abs(want)
}

// sameComplex reports whether a and b are the same complex128 bit for bit.
func sameComplex(a, b complex128) bool {
	return math.Float64bits(real(a)) == math.Float64bits(real(b)) && math.Float64bits(imag(a)) == math.Float64bits(imag(b))
}

// TestFmathSubnormal checks the functions on subnormal arguments against
// identities that do not go through math.Log of a subnormal: log(x) =
// log2(x)*ln(2) (math.Log2 takes the exponent with Frexp), x^(1/3) =
// cbrt(x), x^(1/2) = sqrt(x), and x^y = exp2(y*log2(x)); and that normal
// arguments give the math functions' values bit for bit.
func TestFmathSubnormal(t *testing.T) {
	rng := rand.New(rand.NewPCG(56600, 1))
	xs := []float64{5e-324, 1e-320, 2.9486e-320, 1e-310, math.Nextafter(0x1p-1022, 0)}
	for range 200 {
		xs = append(xs, math.Float64frombits(rng.Uint64N(1<<52-1)+1))
	}
	for _, x := range xs {
		if got, want := fmath.Log(x), math.Log2(x)*math.Ln2; !fmathClose(got, want) {
			t.Errorf("fmath.Log(%g) = %v, want %v", x, got, want)
		}
		if got, want := fmath.Log10(x), math.Log2(x)*(math.Ln2/math.Ln10); !fmathClose(got, want) {
			t.Errorf("fmath.Log10(%g) = %v, want %v", x, got, want)
		}
		if got, want := fmath.Pow(x, 1.0/3), math.Cbrt(x); !fmathClose(got, want) {
			t.Errorf("fmath.Pow(%g, 1/3) = %v, want %v", x, got, want)
		}
		if got, want := fmath.Pow(x, 0.5), math.Sqrt(x); !fmathClose(got, want) {
			t.Errorf("fmath.Pow(%g, 1/2) = %v, want %v", x, got, want)
		}
		if got, want := fmath.Pow(-x, 1.0/3), math.NaN(); !math.IsNaN(got) {
			t.Errorf("fmath.Pow(%g, 1/3) = %v, want %v", -x, got, want)
		}
		if got, want := fmath.Pow(x, -0.25), math.Exp2(-0.25*math.Log2(x)); !fmathClose(got, want) {
			t.Errorf("fmath.Pow(%g, -1/4) = %v, want %v", x, got, want)
		}
		if got, want := fmath.CLog(complex(x, 0)), complex(math.Log2(x)*math.Ln2, 0); !fmathClose(real(got), real(want)) || imag(got) != 0 {
			t.Errorf("fmath.CLog(%g) = %v, want %v", x, got, want)
		}
		if got, want := fmath.CPow(complex(x, 0), 1.0/3), math.Cbrt(x); !fmathClose(real(got), want) || math.Abs(imag(got)) > 1e-13*want {
			t.Errorf("fmath.CPow(%g, 1/3) = %v, want %v", x, got, want)
		}
	}
	for _, x := range []float64{0x1p-1022, 1e-300, 0.3, 1, 2.5, 1e300, 0, math.Inf(1), -1, math.NaN()} {
		for _, y := range []float64{1.0 / 3, -2.5, 2, 0, math.Inf(1)} {
			if got, want := fmath.Pow(x, y), math.Pow(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("fmath.Pow(%g, %g) = %v, math.Pow %v", x, y, got, want)
			}
			if got, want := fmath.CPow(complex(x, 0), complex(y, 0)), cmplx.Pow(complex(x, 0), complex(y, 0)); !sameComplex(got, want) {
				t.Errorf("fmath.CPow(%g, %g) = %v, cmplx.Pow %v", x, y, got, want)
			}
		}
		if got, want := fmath.Log(x), math.Log(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("fmath.Log(%g) = %v, math.Log %v", x, got, want)
		}
		if got, want := fmath.Log10(x), math.Log10(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("fmath.Log10(%g) = %v, math.Log10 %v", x, got, want)
		}
	}
}
