package symbolic

import (
	"context"
	"strconv"
	"testing"
)

// D recurses through get while the recursion is shallow and walks with a
// stack of its own below maxDepth. Both must differentiate the same nodes
// in the same order: the same result and the same steps, whatever the
// depth at which walk takes over.
func TestWalkMatchesRecursion(t *testing.T) {
	x, y := Sym("x"), Sym("y")
	sin := builtins["sin"]
	sigmoid := func(u Expr) Expr { return Pow(Add(One, Apply(Exp, Neg(u))), MinusOne) }
	var nested, chain, mixed Expr = x, x, x
	for k := range 150 {
		nested = sigmoid(nested)
		chain = Apply(sin, chain)
		mixed = Add(Mul(mixed, Pow(y, Int(int64(k%3+1))), Apply(sin, Mul(Int(int64(k+1)), x))), Pow(mixed, Half), Sym("c"+strconv.Itoa(k)))
		if k%20 == 0 {
			mixed = Apply(Exp, Mul(Frac(1, 100), mixed)) // keep the numbers small
		}
	}
	defer func(d int) { maxDepth = d }(maxDepth)
	for _, tc := range []struct {
		name string
		e    Expr
	}{{"nested sigmoid", nested}, {"sin chain", chain}, {"mixed", mixed}} {
		maxDepth = 1 << 30 // recursion only
		wantD := D(tc.e, x)
		want, wantSteps := dsteps(t, tc.e, x)
		for _, depth := range []int{0, 1, 7, 64} {
			maxDepth = depth
			if got := D(tc.e, x); got != wantD {
				t.Errorf("%s, walk below depth %d: D differs from the recursion's", tc.name, depth)
			}
			got, steps := dsteps(t, tc.e, x)
			if got != want || len(steps) != len(wantSteps) {
				t.Fatalf("%s, walk below depth %d: Diff with Trace gives %d steps, the recursion %d", tc.name, depth, len(steps), len(wantSteps))
			}
			for i := range steps {
				if a, b := steps[i], wantSteps[i]; a.Expr != b.Expr || a.Result != b.Result || a.Rule != b.Rule {
					t.Fatalf("%s, walk below depth %d: step %d differs from the recursion's", tc.name, depth, i)
				}
			}
		}
	}
}

// dsteps returns Diff's derivative of e and the steps its Trace records.
func dsteps(t *testing.T, e Expr, x *Symbol) (Expr, []Step) {
	t.Helper()
	var steps []Step
	r, err := Diff(context.Background(), e, x, Trace(&steps))
	if err != nil {
		t.Fatalf("Diff(%v, Trace): %v", e, err)
	}
	return r, steps
}
