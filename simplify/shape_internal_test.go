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
	forEngineInputs(t, func(t *testing.T, en *engine, es []symbolic.Expr) {
		shapes := 0
		postorder(es, func(n symbolic.Expr) {
			s, vals, held, ok := en.shape(n)
			if !ok || s == n {
				return
			}
			shapes++
			if f, ok := fill(s, vals, held); !ok || f != n {
				t.Errorf("fill(shape(%v)) = %v, %v", n, f, ok)
			}
		})
		if shapes == 0 {
			t.Errorf("no node has a shape of its own")
		}
	})
}

// forEngineInputs runs test, as a subtest, on each of a few derivatives
// that take every path of the engine's walks (calls nested deeper than a
// shape keeps, large call arguments, several variables, partials that
// share most of their nodes), with a new engine set up for it as run sets
// one up.
func forEngineInputs(t *testing.T, test func(t *testing.T, en *engine, es []symbolic.Expr)) {
	mlp := workloads.XOR(4)
	loss, ws := workloads.LogisticLoss(10)
	inputs := []struct {
		name string
		es   []symbolic.Expr
	}{
		{"nested sigmoid", []symbolic.Expr{symbolic.D(workloads.NestedSigmoid(12), workloads.X)}},
		{"sine chain", []symbolic.Expr{symbolic.D(workloads.SineChain(12), workloads.X)}},
		{"XOR MLP gradient", symbolic.Gradient(mlp.Loss, mlp.Params)},
		{"logistic loss gradient", symbolic.Gradient(loss, ws)},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			en := newEngine(context.Background(), newConfig(nil), nil, nil)
			en.size, en.renameSymbols, _ = inputFacts(in.es)
			en.anyLargeArg = en.anyLargeArgIn(in.es)
			test(t, en, in.es)
		})
	}
}

// postorder calls visit once for each distinct node of es, after its
// children.
func postorder(es []symbolic.Expr, visit func(symbolic.Expr)) {
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
		visit(n)
	}
	for _, e := range es {
		walk(e)
	}
}

// TestBaseMeasure checks what search and dearer rely on: the root of a
// search measured against its own baseline is at relative cost 0, with
// its own tree size and minus signs, whatever nodes below it are settled.
func TestBaseMeasure(t *testing.T) {
	forEngineInputs(t, func(t *testing.T, en *engine, es []symbolic.Expr) {
		checked := 0
		postorder(es, func(n symbolic.Expr) {
			var base baseline
			en.newBaseline(&base, n)
			if got, want := en.baseMeasure(n), en.measureRel(n, &base); got != want {
				t.Errorf("baseMeasure(%v) = %+v, measureRel against its baseline = %+v", n, got, want)
			}
			en.releaseBaseline(&base)
			checked++
			// Settle every other node, so that later walks stop at
			// some nodes below them and not at others.
			if checked%2 == 0 {
				en.settle(n)
			}
		})
		if checked < 20 {
			t.Errorf("only %d nodes checked", checked)
		}
	})
}

// TestInputFacts checks inputFacts against symbolic.Size and a count of
// the variables (constants and placeholders are not variables).
func TestInputFacts(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sin, _ := symbolic.Lookup("sin")
	cos, _ := symbolic.Lookup("cos")
	tests := []struct {
		name    string
		es      []symbolic.Expr
		several bool
	}{
		{"number", []symbolic.Expr{symbolic.Int(3)}, false},
		{"one variable", []symbolic.Expr{symbolic.D(workloads.ProductSin(5), workloads.X)}, false},
		{"pi is a constant", []symbolic.Expr{symbolic.Mul(symbolic.Pi, x)}, false},
		{"two variables", []symbolic.Expr{symbolic.Add(x, symbolic.Mul(x, y))}, true},
		{"one variable each", []symbolic.Expr{symbolic.Apply(sin, x), symbolic.Apply(cos, y)}, true},
		{"placeholder", []symbolic.Expr{symbolic.Add(x, symbolic.Sym("#1"))}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			size, several, _ := inputFacts(tc.es)
			if want := symbolic.Size(tc.es...); size != want {
				t.Errorf("size %d, want %d", size, want)
			}
			if several != tc.several {
				t.Errorf("several %v, want %v", several, tc.several)
			}
		})
	}
}
