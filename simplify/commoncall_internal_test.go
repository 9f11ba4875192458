package simplify

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestCommonCall checks the calls taken out of a sum's terms: offered
// where every term has the call (to its least power, with the terms'
// numeric content out, and left in where it is a fraction), not where a
// term lacks it or the shared factor is a variable or a sum, and equal
// to the sum at random points.
func TestCommonCall(t *testing.T) {
	x := symbolic.Sym("x")
	rng := rand.New(rand.NewPCG(11, 12))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 3*rng.Float64() + 0.1}
	}
	for _, tc := range []struct {
		src  string
		want []string // nil for nothing offered
	}{
		{"exp(x)*log(x) + exp(x)/x", []string{"exp(x)*(log(x) + 1/x)"}},
		{"exp(x)*sec(x/3)^2/3 + exp(x)*tan(x/3)", []string{"exp(x)*(sec(x/3)^2 + 3*tan(x/3))/3", "exp(x)*(sec(x/3)^2/3 + tan(x/3))"}},
		{"exp(-x)/(2*x) - exp(-x)*log(x)/2", []string{"exp(-x)*(1/x - log(x))/2", "exp(-x)*(1/(2*x) - log(x)/2)"}},
		{"sin(x)^3*cos(x) + 2*sin(x)^2", []string{"sin(x)^2*(sin(x)*cos(x) + 2)"}},
		{"6*x*exp(-x)*cos(x) - 4*exp(-x)*sin(x)", []string{"2*exp(-x)*(3*x*cos(x) - 2*sin(x))"}},
		{"exp(x)*log(x) + sin(x)", nil},
		{"x*log(x) + x^2", nil},
		{"(x + 1)*log(x) + (x + 1)*x", nil},
	} {
		checkOffered(t, "common factor", commonCall, tc.src, tc.want, point)
	}
}
