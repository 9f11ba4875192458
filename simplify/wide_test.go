package simplify_test

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
)

// TestWideGroups checks wide sums and products (eight operands or more,
// simplified group by group) whose related operands are interleaved with
// others: each group is simplified, the node put together again, and the
// result is equal to the input at random points.
func TestWideGroups(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sin(x)^2 + a + cos(x)^2 + b + c + d + e + f", "a + b + c + d + e + f + 1"},
		{"sin(x)^2 + exp(y)*exp(-y) + a + cos(x)^2 + b + c + d + e + f", "a + b + c + d + e + f + 2"},
		{"a*b*c*d*e*f*exp(x)*g*exp(-x)", "a*b*c*d*e*f*g"},
		{"2*a*sin(x)*b*c*cos(x)*d*e*f*g", "a*b*c*d*e*f*g*sin(2*x)"},
		// The product rule over three sines, beside unrelated terms: the
		// trigonometric kernel's form (want "" takes any form that costs
		// no more than the input).
		{"cos(x + 1)*sin(2*x + 2)*sin(3*x + 3) + sin(x + 1)*2*cos(2*x + 2)*sin(3*x + 3) + sin(x + 1)*sin(2*x + 2)*3*cos(3*x + 3) + a + b + c + d + e", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			e := parser.MustParse(tc.in)
			r, err := simplify.Simplify(context.Background(), e)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if simplify.Cost(r) > simplify.Cost(e) {
					t.Errorf("Simplify(%v) = %v, which costs more", e, r)
				}
			} else if want := parser.MustParse(tc.want); r != want {
				t.Errorf("Simplify(%v) = %v, want %v", e, r, want)
			}
			agreeWidely(t, e, r)
		})
	}
}
