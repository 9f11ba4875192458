package symbolic_test

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestSharedFormatter checks that a multiple of a sum met elsewhere prints as
// that multiple, that anything else prints as Format does, and that the
// text parses back to the same node.
func TestSharedFormatter(t *testing.T) {
	tests := []struct {
		e      string
		others []string
		want   string
	}{
		{"2*(w*x + b - y)", []string{"2*x*(w*x + b - y)"}, "2*(w*x + b - y)"},
		{"2*(w*x + b - y)", []string{"(w*x + b - y)^2"}, "2*(w*x + b - y)"},
		{"-2*(w*x + b - y)", []string{"(w*x + b - y)^2"}, "-2*(w*x + b - y)"},
		{"-(w*x + b - y)", []string{"sin(w*x + b - y)"}, "-(w*x + b - y)"},
		{"3/2*(x + y)", []string{"(x + y)^3"}, "3*(x + y)/2"},
		{"-3/2*(x - y)", []string{"exp(y - x)", "(x - y)^2"}, "-3*(x - y)/2"},
		// Not shared: as Format.
		{"2*x + 2", []string{"x^2 + 2*x"}, "2*x + 2"},
		{"2*(w*x + b - y)", nil, "2*w*x + 2*b - 2*y"},
		{"w*x + b - y", []string{"(w*x + b - y)^2"}, "w*x + b - y"},
		// Only the whole expression: a product with a sum inside is as
		// Format prints it.
		{"x*(2*y + 2)", []string{"y + 1"}, "x*(2*y + 2)"},
		// The expression itself among the others does not count.
		{"2*x + 2*y", []string{"2*x + 2*y"}, "2*x + 2*y"},
		{"y - x", []string{"x*(x - y)"}, "-(x - y)"},
		{"x - y", []string{"x*(x - y)"}, "x - y"},
		{"y - x", []string{"x*(y - x)"}, "y - x"},
	}
	for _, tc := range tests {
		e := parser.MustParse(tc.e)
		var others []symbolic.Expr
		for _, o := range tc.others {
			others = append(others, parser.MustParse(o))
		}
		got := symbolic.NewSharedFormatter(others...).Format(e)
		if got != tc.want {
			t.Errorf("SharedFormatter(%v, %v) = %q, want %q", e, tc.others, got, tc.want)
		}
		if back := parser.MustParse(got); back != e {
			t.Errorf("SharedFormatter(%v) = %q parses to %v, another node", e, got, back)
		}
	}
}
