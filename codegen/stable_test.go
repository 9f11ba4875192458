package codegen

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// addFunc is runCases' add: a case named name of fs in vars, with n random
// points in [-3, 3]^len(vars) that ok accepts and the points extra.
type addFunc func(name string, fs []symbolic.Expr, vars []*symbolic.Symbol, mode Mode, raw bool, n int, ok func([]float64) bool, extra ...[]float64) *runCase

// stableCases adds the numeric compiler's stable lowerings of products
// (Instr's doc) at the points where they matter, with numeric.Program as
// the reference as for every case: scale instructions whose partial
// products overflow or underflow (and zeros, poles, signs, infinities),
// the sign of a zero checked too, and mulz instructions (the general
// power rule's 0*log(0)) at u = 0 with an infinite factor. Each case's
// program must hold its instruction (runCases checks op).
func stableCases(add addFunc) {
	r := rand.New(rand.NewPCG(7, 7))
	z, u := symbolic.Sym("z"), symbolic.Sym("u")
	xyz := []*symbolic.Symbol{x, y, z}
	special := []float64{0, math.Copysign(0, -1), -3, 1e-200, 1e200, math.Inf(1), math.Inf(-1), math.NaN()}
	for i, s := range []struct {
		expr string
		n    int         // the variables: x, y and z, the first n
		at   [][]float64 // points besides the random ones
	}{
		{"3.5*2^(-1000)*x^200/y^150", 2, nil},
		{"-0.75*2^1500*x^201/y^3*z^77", 3, nil},
		{"x^2*y^3/z^2", 3, nil},
		{"2.5*2^(-2000)/x*y^5*z^400", 3, nil},
		// Normal powers whose quotient is subnormal, brought back into
		// range by the coefficient's binary exponent: the exact path.
		{"10^400*x^2/y^2", 2, [][]float64{{1e-150, 1e8}, {-3e-151, 7e7}}},
	} {
		points := s.at
		for range 40 {
			p := make([]float64, s.n)
			for k := range p {
				if r.IntN(6) == 0 {
					p[k] = special[r.IntN(len(special))]
				} else {
					p[k] = math.Copysign(math.Pow(10, 12*r.Float64()-6), r.Float64()-0.3)
				}
			}
			points = append(points, p)
		}
		c := add(fmt.Sprintf("scale%c", 'a'+i), []symbolic.Expr{parser.MustParse(s.expr)}, xyz[:s.n], Value, true, 0, nil, points...)
		c.op, c.signed = "scale", true
	}
	// 2 * x^u * y * log(x): x^u is 0 and log(x) infinite where x = 0 < u,
	// y a factor that is not singular there.
	inf, nan := math.Inf(1), math.NaN()
	var points [][]float64
	for _, xv := range []float64{0, 1.5, inf, nan} {
		for _, yv := range []float64{inf, -inf, 3, 0, nan} {
			for _, uv := range []float64{0, 0.5, 2} {
				points = append(points, []float64{xv, yv, uv})
			}
		}
	}
	c := add("mulz", []symbolic.Expr{parser.MustParse("2*x^u*y*log(x)")}, []*symbolic.Symbol{x, y, u}, Value, true, 0, nil, points...)
	c.op = "mulz"
}
