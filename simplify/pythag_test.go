package simplify_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// TestPythagoreanHighOrders differentiates functions whose derivatives are
// polynomials in a Pythagorean pair (tanh and sech, tan and sec, ...) many
// times, simplifying after each order as symdiff -n does, and checks that
// the result stays small and that each order's simplification keeps the
// value of the derivative it simplified (at random points, and near the
// poles for the circular functions). Before the Pythagorean reduction the
// 30th derivative of tanh(x) printed 157 KB, the 30th of tan(x) went past
// the command's 30 s limit, the 20th of sec(x) printed 5.9 KB.
func TestPythagoreanHighOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src      string
		n        int
		maxBytes int
	}{
		{"tanh(x)", 30, 600},
		{"tan(x)", 24, 500},
		{"sec(x)", 20, 400},
		{"sech(x)", 20, 400},
		{"coth(x)", 20, 300},
		{"cot(2*x)", 20, 400},
		{"tanh(3*x + 1)", 16, 400},
		{"sinh(x)*tanh(x)", 12, 600},
		// Two families, each with more than a pair at x (cosh, sech, sinh,
		// tanh; sec, tan): 2,090 bytes at the 8th order when only the
		// pairs were reduced.
		{"tan(x)*tanh(x)", 8, 800},
		// Multiple angles (the double angles the search contracts small
		// products to) expanded in the base angle, and quotients with a
		// power of a sum below: each went past 30 s at the 20th order.
		{"exp(sin(x))", 20, 700},
		{"exp(cos(2*x))", 16, 700},
		{"sin(x)/(cos(x) + 2)", 16, 700},
		{"1/(sin(x) + 2)", 16, 700},
		{"sin(x)^2/(cos(x)^2 + 1)", 12, 700},
	}
	x := symbolic.Sym("x")
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			t.Parallel()
			r, err := parser.Parse(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			for k := 1; k <= tc.n; k++ {
				d := symbolic.D(r, x)
				if r, err = simplify.Simplify(context.Background(), d); err != nil {
					t.Fatalf("order %d: %v", k, err)
				}
				if err := sameScaled(x, d, r); err != nil {
					t.Fatalf("order %d of %s: %v", k, tc.src, err)
				}
			}
			if s := r.String(); len(s) > tc.maxBytes {
				t.Errorf("order %d of %s: %d bytes, want at most %d:\n%s", tc.n, tc.src, len(s), tc.maxBytes, s)
			}
		})
	}
}

// sameScaled checks that b has the value of a, functions of x, at 40
// points of (-1.4, 1.4), where the functions of TestPythagoreanHighOrders
// are defined but near 0 (coth, cot(2*x) at 0 and near pi/2), within a
// millionth of the largest value met: the high derivatives are
// polynomials with coefficients up to 1e40, whose float64 evaluation
// loses digits to cancellation in both forms.
func sameScaled(x *symbolic.Symbol, a, b symbolic.Expr) error {
	var xs, va, vb []float64
	scale := 1.0
	for i := range 40 {
		p := -1.4 + 2.8*(float64(i)+0.5)/40
		env := map[*symbolic.Symbol]float64{x: p}
		u, v := eval(a, env), eval(b, env)
		if math.IsNaN(u) || math.IsInf(u, 0) {
			continue
		}
		xs, va, vb = append(xs, p), append(va, u), append(vb, v)
		scale = max(scale, math.Abs(u))
	}
	if len(xs) < 30 {
		return fmt.Errorf("only %d points where %v is defined", len(xs), a)
	}
	for i := range xs {
		if d := math.Abs(va[i] - vb[i]); !(d <= 1e-6*scale) {
			return fmt.Errorf("at x = %g: %v = %.17g but %v = %.17g (scale %g)", xs[i], a, va[i], b, vb[i], scale)
		}
	}
	return nil
}
