package simplify

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
)

// TestDomainOf checks the sign facts an expression's own domain gives, and
// that a log of the base of a general power that is 0 on an interval
// gives none: the derivative of relu(-x)^relu(-x) has a value, 0, where
// relu(-x) = 0 (package numeric takes the limit there).
func TestDomainOf(t *testing.T) {
	tests := []struct {
		src, of string
		want    signKind
		ok      bool
	}{
		{"exp(2*log(x))", "x", signPos, true},
		{"sqrt(y) + x", "y", signNonNeg, true},
		{"x^x*(log(x) + 1)", "x", signPos, true},
		{"log(x^3)", "x", signPos, true},
		{"-relu(-x)^relu(-x)*step(-x)*(log(relu(-x)) + 1)", "relu(-x)", signUnknown, false},
		{"log(relu(x))", "relu(x)", signPos, true}, // no general power of it
		{"(y + sign(x))^y*log(y + sign(x))", "y + sign(x)", signUnknown, false},
	}
	for _, tt := range tests {
		e, err := parser.Parse(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		of, err := parser.Parse(tt.of)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := domainOf(e).sign(of)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("domainOf(%s) on %s: %v %v, want %v %v", tt.src, tt.of, got, ok, tt.want, tt.ok)
		}
	}
}
