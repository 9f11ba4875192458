package symbolic_test

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestKeyOf checks that two expressions have the same Key exactly when
// they are the same node, across the kinds of node, and that a map keyed
// by Key finds a node built again.
func TestKeyOf(t *testing.T) {
	srcs := []string{"2", "x", "pi", "x + 1", "2*x*y", "x^2", "sqrt(x)", "sin(x)", "sigmoid(x + 1)", "1 + x", "y*x*2"}
	es := make([]symbolic.Expr, len(srcs))
	m := map[symbolic.Key]int{}
	for i, s := range srcs {
		es[i] = parser.MustParse(s)
		if j, ok := m[symbolic.KeyOf(es[i])]; ok {
			if es[j] != es[i] {
				t.Errorf("%s and %s: same key, different nodes", srcs[j], s)
			}
			continue
		}
		m[symbolic.KeyOf(es[i])] = i
	}
	for i := range es {
		for j := range es {
			if same, sameKey := es[i] == es[j], symbolic.KeyOf(es[i]) == symbolic.KeyOf(es[j]); same != sameKey {
				t.Errorf("%s, %s: same node %v, same key %v", srcs[i], srcs[j], same, sameKey)
			}
		}
	}
	// Built again, through another constructor path.
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	if i, ok := m[symbolic.KeyOf(symbolic.Mul(symbolic.Int(2), x, y))]; !ok || srcs[i] != "2*x*y" {
		t.Errorf("2*x*y built again: found %v (%q)", ok, srcs[i])
	}
	if len(m) != len(srcs)-2 { // x + 1 = 1 + x, 2*x*y = y*x*2
		t.Errorf("%d distinct keys, want %d", len(m), len(srcs)-2)
	}
}
