package cli

import (
	"math"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// TestDerivativeFormsInContext is issue 13's forms as a user meets them:
// `symdiff EXPR x` for the identities under other arguments and
// inside other expressions (testkit.IdentityCases, all of them), each
// against the same command on the same context around the identity's
// simple side. The printed derivative must cost at most one more
// (simplify.Cost) and equal the other in value. Unlike the simplifier's
// TestIdentityDerivativesInContext this goes through the command, which
// also differentiates a small input's simplified form (see
// viaSimplifiedInput): 2*sigmoid(2*u) - 1 and the exponentials of tanh(u)
// are in.
func TestDerivativeFormsInContext(t *testing.T) {
	x, q := symbolic.Sym("x"), symbolic.Sym("q")
	deriv := func(src string) (symbolic.Expr, int) {
		t.Helper()
		out, errOut, status := runCLI("", src, "x")
		if status != 0 {
			t.Fatalf("symdiff %q x: status %d, %s", src, status, errOut)
		}
		d, err := parser.Parse(strings.TrimSpace(out))
		if err != nil {
			t.Fatalf("symdiff %q x printed %q: %v", src, out, err)
		}
		return d, simplify.Cost(d)
	}
	// The two derivatives are one function: compared by value where both
	// are well conditioned (the inputs are not: 1/cos(u)^2 - tan(u)^2
	// cancels, so finite differences of them are noise at large u).
	same := func(a, b symbolic.Expr) bool {
		pa, err1 := numeric.Compile(a, x, q)
		pb, err2 := numeric.Compile(b, x, q)
		if err1 != nil || err2 != nil {
			return false
		}
		for _, xv := range []float64{0.3, 0.7, 1.1} {
			va, vb := pa.Eval([]float64{xv, 0.4}), pb.Eval([]float64{xv, 0.4})
			if math.IsNaN(va) || math.IsNaN(vb) {
				if math.IsNaN(va) != math.IsNaN(vb) {
					return false
				}
				continue // outside both domains (acos(x^2 + 1))
			}
			if math.Abs(va-vb) > 1e-9*math.Max(1, math.Abs(vb)) {
				return false
			}
		}
		return true
	}
	testkit.IdentityCases(true, func(src, want string) {
		d1, c1 := deriv(src)
		d2, c2 := deriv(want)
		if c1 > c2+1 {
			t.Errorf("symdiff %q x is %v (cost %d), but for %q %v (cost %d)", src, d1, c1, want, d2, c2)
		}
		if !same(d1, d2) {
			t.Errorf("symdiff %q x is %v, which differs from %v, for %q", src, d1, d2, want)
		}
	})
}
