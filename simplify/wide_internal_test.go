package simplify

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestPartition checks the groups partition finds among a wide node's
// operands, numbered in the order of their first operands: calls of one
// argument are related, a kernel and a call's argument are not, a
// variable of a call's polynomial argument relates the call to an operand
// with that variable outside calls, and a number goes with the first
// operand that calls a function.
func TestPartition(t *testing.T) {
	tests := []struct {
		name string
		ops  string // the operands, separated by ";"
		want []int32
	}{
		{"unrelated", "a; b; c; d", []int32{0, 1, 2, 3}},
		{"one argument", "sin(x); y; cos(x); z; w", []int32{0, 1, 0, 2, 3}},
		{"two groups interleaved", "sin(x); exp(y); cos(x); w; exp(2*y); sin(2*x)", []int32{0, 1, 0, 2, 1, 0}},
		{"kernel and argument", "y; sin(y); z", []int32{0, 1, 2}},
		{"polynomial argument", "softplus(w*x + b); c; w*x*y; d", []int32{0, 1, 0, 2}},
		{"polynomial arguments alone", "sin(x + 1); sin(2*x + 2); sin(3*x + 3)", []int32{0, 1, 2}},
		{"number", "a; 3; b; sin(x)", []int32{0, 1, 2, 1}},
		{"number, no call", "3; a; b", []int32{0, 0, 1}},
		{"product operand", "a*sin(x); b; cos(x)^2*c; d", []int32{0, 1, 0, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ops []symbolic.Expr
			for _, s := range strings.Split(tc.ops, ";") {
				ops = append(ops, parser.MustParse(strings.TrimSpace(s)))
			}
			en := newEngine(context.Background(), newConfig(nil), nil, nil)
			// Twice: the second call reads the memoised keys and the
			// engine's arrays as the first left them.
			for range 2 {
				gid, ng := en.partition(ops)
				if !slices.Equal(gid, tc.want) {
					t.Fatalf("groups %v, want %v", gid, tc.want)
				}
				if want := int(slices.Max(tc.want)) + 1; ng != want {
					t.Fatalf("%d groups, want %d", ng, want)
				}
			}
		})
	}
}
