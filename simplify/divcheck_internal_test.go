package simplify

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
)

// TestMayDivideMod checks the modular test of polyDiv: it never rejects a
// division that is exact, and it rejects ones that are not.
func TestMayDivideMod(t *testing.T) {
	n := newNormaliser()
	p := func(src string) poly {
		r, ok := n.normalise(parser.MustParse(src))
		if !ok {
			t.Fatalf("normalise(%s) failed", src)
		}
		num, den := n.numDen(r)
		if len(den) != 1 || len(den[0].m) != 0 {
			t.Fatalf("%s is not a polynomial", src)
		}
		return num
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"(x + y)*(x^2 - y + 3)", "x + y", true},
		{"(x + y)*(x^2 - y + 3)", "x^2 - y + 3", true},
		{"(2*x*y + 1/3)^3*(x - z)", "2*x*y + 1/3", true},
		{"x^7 - 1", "x - 1", true},
		{"(s^2 + c^2)*(s - c*x)^2", "s - c*x", true},
		{"x^2 + y + 1", "x + y", false},
		{"x^7 - 1", "x + 1", false},
		{"(x + y)*(x - y) + 1", "x + y", false},
		{"y + 1", "x + y", false}, // lower degree in x
	} {
		if got := mayDivideMod(p(c.a), p(c.b)); got != c.want {
			t.Errorf("mayDivideMod(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
		if _, exact := n.polyDiv(p(c.a), p(c.b)); exact != c.want {
			t.Errorf("polyDiv(%s, %s) exact = %v, want %v", c.a, c.b, exact, c.want)
		}
	}
}
