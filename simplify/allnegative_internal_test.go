package simplify

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// allNegative weighs a sum 1 exactly where every term prints with a minus
// sign and one is computed by a call, and with it a product that holds such a sum costs no less than the
// same product with the sign given to its coefficient (where before it
// cost one less, the coefficient 2 being shared with an exponent), and the
// tie goes to the form with fewer minus signs.
func TestAllNegative(t *testing.T) {
	for _, c := range []struct {
		sum  string
		want int
	}{
		{"-cot(x)^2 - 1", 1},
		{"-exp(x)*y - sin(x)", 1},
		{"-2*sin(x)^3 - 3/2", 1},
		{"-x - y", 0},
		{"-9*x^2 - 1", 0},
		{"1 - x", 0},
		{"x - 1", 0},
		{"x + y", 0},
		{"-x + y^2", 0},
	} {
		e, err := parser.Parse(c.sum)
		if err != nil {
			t.Fatal(err)
		}
		s, ok := e.(*symbolic.Sum)
		if !ok {
			t.Fatalf("%s is no sum", c.sum)
		}
		if got := allNegative(s); got != c.want {
			t.Errorf("allNegative(%s) = %d, want %d", c.sum, got, c.want)
		}
	}
	turned, err := parser.Parse("-2*cot(x)*(cot(x)^2 + 1)")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := parser.Parse("2*cot(x)*(-cot(x)^2 - 1)")
	if err != nil {
		t.Fatal(err)
	}
	if ct, cr := Cost(turned), Cost(raw); ct > cr || !less(turned, ct, raw, cr) {
		t.Errorf("%v (cost %d) is not preferred to %v (cost %d)", turned, ct, raw, cr)
	}
}
