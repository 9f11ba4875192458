package symbolic_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/symbolic"
)

// unshare substitutes the definitions back into e, last first.
func unshare(e symbolic.Expr, defs []symbolic.Definition) symbolic.Expr {
	for i := len(defs) - 1; i >= 0; i-- {
		e = symbolic.Subs(e, map[symbolic.Expr]symbolic.Expr{defs[i].Name: defs[i].Expr})
	}
	return e
}

// TestShareChain checks Share on the derivative of a deep chain: the
// shared form is linear in the depth where the tree is quadratic, each
// definition uses only earlier names, and substituting back gives the
// derivative.
func TestShareChain(t *testing.T) {
	x := symbolic.Sym("x")
	sin, _ := symbolic.Lookup("sin")
	var e symbolic.Expr = x
	const depth = 300
	for range depth {
		e = symbolic.Apply(sin, e)
	}
	d := symbolic.D(e, x)
	top, defs := symbolic.Share(d, 8, "u")
	if len(defs) < depth-10 {
		t.Fatalf("%d definitions for a chain of depth %d", len(defs), depth)
	}
	shared := symbolic.TreeSize(top)
	defined := map[string]bool{}
	for i, def := range defs {
		shared += symbolic.TreeSize(def.Expr)
		if want := "u_" + strconv.Itoa(i+1); def.Name.Name() != want {
			t.Fatalf("definition %d is named %s, want %s", i, def.Name.Name(), want)
		}
		symbolic.Walk(def.Expr, func(n symbolic.Expr) {
			if s, ok := n.(*symbolic.Symbol); ok && strings.HasPrefix(s.Name(), "u_") && !defined[s.Name()] {
				t.Fatalf("definition %s uses %s, not defined before it", def.Name.Name(), s.Name())
			}
		})
		defined[def.Name.Name()] = true
	}
	if tree := symbolic.TreeSize(d); shared > 8*int64(symbolic.Size(d)) || tree < 20*shared {
		t.Errorf("shared form %d nodes as trees, the derivative %d (DAG %d)", shared, tree, symbolic.Size(d))
	}
	if back := unshare(top, defs); back != d {
		t.Errorf("substituted back: %.200v, want %.200v", back, d)
	}
}

// TestShareRandom checks on random expressions and their derivatives
// that substituting the definitions back gives the expression, that the
// names avoid the expression's variables, and that nothing is named where
// no subexpression repeats.
func TestShareRandom(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("u_1")
	g := randexpr.New(29, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 5})
	rng := rand.New(rand.NewPCG(3, 4))
	named := 0
	for range 300 {
		e := g.Expr()
		if rng.IntN(2) == 0 {
			e = symbolic.D(e, x)
		}
		top, defs := symbolic.Share(e, int64(1+rng.IntN(6)), "u")
		named += len(defs)
		prefix := "u_"
		if symbolic.Contains(e, y) {
			prefix = "uu_"
		}
		for _, def := range defs {
			if !strings.HasPrefix(def.Name.Name(), prefix) {
				t.Fatalf("%v: a definition named %s, want the prefix %s", e, def.Name.Name(), prefix)
			}
		}
		if back := unshare(top, defs); back != e {
			t.Fatalf("%v: shared as %v with %v; substituted back %v", e, top, defs, back)
		}
		if symbolic.TreeSize(e) == int64(symbolic.Size(e)) && len(defs) > 0 {
			t.Fatalf("%v: a tree, yet %d definitions", e, len(defs))
		}
	}
	if named == 0 {
		t.Error("no definitions in 300 random expressions")
	}
}

// Share names the chain that every factor of a chain's derivative
// repeats: here the parts of at least four nodes.
func ExampleShare() {
	x := symbolic.Sym("x")
	sin, _ := symbolic.Lookup("sin")
	var e symbolic.Expr = x
	for range 6 {
		e = symbolic.Apply(sin, e)
	}
	top, defs := symbolic.Share(symbolic.D(e, x), 4, "u")
	fmt.Println(top)
	for _, d := range defs {
		fmt.Println(d.Name, "=", d.Expr)
	}
	// Output:
	// cos(u_1)*cos(u_2)*cos(x)*cos(sin(u_2))*cos(sin(x))*cos(sin(sin(x)))
	// u_1 = sin(sin(sin(x)))
	// u_2 = sin(u_1)
}
