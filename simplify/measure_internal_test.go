package simplify

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// TestBaseMeasure checks what search and dearer rely on: the root of a
// search measured against its own baseline is at relative cost 0, with
// its own tree size and minus signs, whatever nodes below it are settled.
func TestBaseMeasure(t *testing.T) {
	mlp := workloads.XOR(3)
	loss, ws := workloads.LogisticLoss(8)
	tests := []struct {
		name string
		es   []symbolic.Expr
	}{
		{"XOR MLP gradient", symbolic.Gradient(mlp.Loss, mlp.Params)},
		{"logistic loss gradient", symbolic.Gradient(loss, ws)},
		{"nested sigmoid", []symbolic.Expr{symbolic.D(workloads.NestedSigmoid(12), workloads.X)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			en := newEngine(context.Background(), newConfig(nil), nil, nil)
			seen := map[symbolic.Expr]bool{}
			checked := 0
			var walk func(n symbolic.Expr)
			walk = func(n symbolic.Expr) {
				if seen[n] {
					return
				}
				seen[n] = true
				for _, c := range symbolic.Children(n) {
					walk(c)
				}
				base := en.newBaseline(n)
				if got, want := en.baseMeasure(n), en.measureRel(n, base); got != want {
					t.Errorf("baseMeasure(%v) = %+v, measureRel against its baseline = %+v", n, got, want)
				}
				checked++
				// Settle every other node, so that later walks stop at
				// some nodes below them and not at others.
				if checked%2 == 0 {
					en.settle(n)
				}
			}
			for _, e := range tc.es {
				walk(e)
			}
			if checked < 50 {
				t.Errorf("only %d nodes checked", checked)
			}
		})
	}
}
