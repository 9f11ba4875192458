package simplify

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/parser"
)

// TestRationalGate checks rationalMayChange against the rational normal
// form: where the gate says the form cannot change a node, rationalForm
// gives back the node itself (or nothing), so skipping it loses nothing.
// The gate's answer is checked too, so that a gate that always said "may
// change" would fail.
func TestRationalGate(t *testing.T) {
	tests := []struct {
		e    string
		want bool // rationalMayChange
	}{
		{"2*x + 2", false},
		{"100*x + 100", false},
		{"6*x + 4*y + 10", false},
		{"-2*x + 4", false},
		{"2*x - 4", false},
		{"3*sin(x)^2 + 6*cos(x)", false},
		{"4*a*b + 6*c^2 + 8", false},
		{"2*sin(2*x + 2) + 4*cos(3*x + 3)*sin(x + 1)", false},
		{"x + 1", false},
		{"a - b", false},
		{"-2*x - 4", true},    // all negative
		{"2*x*y + 4*x", true}, // x shared
		{"x/2 + 1", true},     // a fraction
		{"2*x^2 + 2*x", true}, // x shared
		{"2*(x + 1)^2 + 2", true},
		{"2/x + 2", true},
	}
	for _, tc := range tests {
		t.Run(tc.e, func(t *testing.T) {
			e := parser.MustParse(tc.e)
			en := newEngine(context.Background(), newConfig(nil), nil, nil)
			got := en.rationalMayChange(e)
			if got != tc.want {
				t.Errorf("rationalMayChange(%v) = %v, want %v", e, got, tc.want)
			}
			if !got {
				if r := rationalForm(e); r != nil && r != e {
					t.Errorf("gate skips %v, whose rational normal form is %v", e, r)
				}
			}
		})
	}
}
