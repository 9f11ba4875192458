package fmath

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// close reports whether got is within 1e-13 of want, relatively: a few
// tens of ulps (math.Pow is not correctly rounded, and the scaling adds
// a rounding), where math's functions were off by factors of 5 and more.
func close(got, want float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= 1e-13*math.Abs(want)
}

// same reports whether a and b are the same complex128 bit for bit.
func same(a, b complex128) bool {
	return math.Float64bits(real(a)) == math.Float64bits(real(b)) && math.Float64bits(imag(a)) == math.Float64bits(imag(b))
}

// TestSubnormal checks the functions on subnormal arguments against
// identities that do not go through math.Log of a subnormal: log(x) =
// log2(x)*ln(2) (math.Log2 takes the exponent with Frexp), x^(1/3) =
// cbrt(x), x^(1/2) = sqrt(x), and x^y = exp2(y*log2(x)); and that normal
// arguments give the math functions' values bit for bit.
func TestSubnormal(t *testing.T) {
	rng := rand.New(rand.NewPCG(56600, 1))
	xs := []float64{5e-324, 1e-320, 2.9486e-320, 1e-310, math.Nextafter(0x1p-1022, 0)}
	for range 200 {
		xs = append(xs, math.Float64frombits(rng.Uint64N(1<<52-1)+1))
	}
	for _, x := range xs {
		if got, want := Log(x), math.Log2(x)*math.Ln2; !close(got, want) {
			t.Errorf("Log(%g) = %v, want %v", x, got, want)
		}
		if got, want := Log10(x), math.Log2(x)*(math.Ln2/math.Ln10); !close(got, want) {
			t.Errorf("Log10(%g) = %v, want %v", x, got, want)
		}
		if got, want := Pow(x, 1.0/3), math.Cbrt(x); !close(got, want) {
			t.Errorf("Pow(%g, 1/3) = %v, want %v", x, got, want)
		}
		if got, want := Pow(x, 0.5), math.Sqrt(x); !close(got, want) {
			t.Errorf("Pow(%g, 1/2) = %v, want %v", x, got, want)
		}
		if got, want := Pow(-x, 1.0/3), math.NaN(); !math.IsNaN(got) {
			t.Errorf("Pow(%g, 1/3) = %v, want %v", -x, got, want)
		}
		if got, want := Pow(x, -0.25), math.Exp2(-0.25*math.Log2(x)); !close(got, want) {
			t.Errorf("Pow(%g, -1/4) = %v, want %v", x, got, want)
		}
		if got, want := CLog(complex(x, 0)), complex(math.Log2(x)*math.Ln2, 0); !close(real(got), real(want)) || imag(got) != 0 {
			t.Errorf("CLog(%g) = %v, want %v", x, got, want)
		}
		if got, want := CPow(complex(x, 0), 1.0/3), math.Cbrt(x); !close(real(got), want) || math.Abs(imag(got)) > 1e-13*want {
			t.Errorf("CPow(%g, 1/3) = %v, want %v", x, got, want)
		}
	}
	for _, x := range []float64{0x1p-1022, 1e-300, 0.3, 1, 2.5, 1e300, 0, math.Inf(1), -1, math.NaN()} {
		for _, y := range []float64{1.0 / 3, -2.5, 2, 0, math.Inf(1)} {
			if got, want := Pow(x, y), math.Pow(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("Pow(%g, %g) = %v, math.Pow %v", x, y, got, want)
			}
			if got, want := CPow(complex(x, 0), complex(y, 0)), cmplx.Pow(complex(x, 0), complex(y, 0)); !same(got, want) {
				t.Errorf("CPow(%g, %g) = %v, cmplx.Pow %v", x, y, got, want)
			}
		}
		if got, want := Log(x), math.Log(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("Log(%g) = %v, math.Log %v", x, got, want)
		}
		if got, want := Log10(x), math.Log10(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("Log10(%g) = %v, math.Log10 %v", x, got, want)
		}
	}
}
