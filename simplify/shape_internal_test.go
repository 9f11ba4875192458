package simplify

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// TestShapeFillRoundTrip checks what fillKept relies on where a shape's
// search leaves the shape as it was: filling a node's shape gives the node
// back, for every node of derivatives that take each path of shape (calls
// nested deeper than a shape keeps, large call arguments, several
// variables renamed).
func TestShapeFillRoundTrip(t *testing.T) {
	mlp := workloads.XOR(4)
	loss, ws := workloads.LogisticLoss(10)
	tests := []struct {
		name string
		es   []symbolic.Expr
	}{
		{"nested sigmoid", []symbolic.Expr{symbolic.D(workloads.NestedSigmoid(12), workloads.X)}},
		{"sine chain", []symbolic.Expr{symbolic.D(workloads.SineChain(12), workloads.X)}},
		{"XOR MLP gradient", symbolic.Gradient(mlp.Loss, mlp.Params)},
		{"logistic loss gradient", symbolic.Gradient(loss, ws)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			en := newEngine(context.Background(), newConfig(nil), nil, nil)
			en.renameSymbols = severalVariables(tc.es)
			en.anyLargeArg = en.anyLargeArgIn(tc.es)
			shapes := 0
			seen := map[symbolic.Expr]bool{}
			var walk func(n symbolic.Expr)
			walk = func(n symbolic.Expr) {
				if seen[n] {
					return
				}
				seen[n] = true
				for _, c := range symbolic.Children(n) {
					walk(c)
				}
				s, vals, held, ok := en.shape(n)
				if !ok || s == n {
					return
				}
				shapes++
				if f, ok := fill(s, vals, held); !ok || f != n {
					t.Errorf("fill(shape(%v)) = %v, %v", n, f, ok)
				}
			}
			for _, e := range tc.es {
				walk(e)
			}
			if shapes == 0 {
				t.Errorf("no node has a shape of its own")
			}
		})
	}
}
