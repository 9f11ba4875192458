package simplify

import (
	"context"
	"fmt"
	"sync"
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

// TestPlaceholders checks the placeholders made on first use: their names
// sort as their numbers, placeholderIndex inverts placeholder and refuses
// a user's symbol of the same name's shape, and goroutines asking for the
// same one at once get the same symbol and its negation.
func TestPlaceholders(t *testing.T) {
	const workers = 4
	got := make([][maxPlaceholders]symbolic.Expr, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := maxPlaceholders - 1; i >= 0; i-- {
				got[w][i] = negPlaceholder(i)
			}
		})
	}
	wg.Wait()
	for i := range maxPlaceholders {
		p := placeholder(i)
		if want := fmt.Sprintf("#%02d", i+1); p.Name() != want {
			t.Errorf("placeholder(%d) is %s, want %s", i, p.Name(), want)
		}
		if j := placeholderIndex(p); j != i {
			t.Errorf("placeholderIndex(placeholder(%d)) = %d", i, j)
		}
		for w := range workers {
			if want := symbolic.Neg(p); got[w][i] != want {
				t.Errorf("goroutine %d: negPlaceholder(%d) = %v, want %v", w, i, got[w][i], want)
			}
		}
		if i > 0 && placeholder(i-1).Name() >= p.Name() {
			t.Errorf("placeholder %d sorts before %d", i, i-1)
		}
	}
	for _, name := range []string{"#00", "#65", "#1", "x", "#a1"} {
		if j := placeholderIndex(symbolic.Sym(name)); j != -1 {
			t.Errorf("placeholderIndex(%s) = %d, want -1", name, j)
		}
	}
}
