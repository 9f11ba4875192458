package simplify

import (
	"math"
	"strconv"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// A genTable keeps a node's value within a generation, through growth,
// starts every node fresh in the next one, and does so again after its
// generation counter wraps around.
func TestGenTable(t *testing.T) {
	var nodes []symbolic.Expr
	for i := range 3000 {
		nodes = append(nodes, symbolic.Sym("gentable_"+strconv.Itoa(i)))
	}
	tab := genTable[int]{fresh: -1}
	check := func(round int) {
		tab.next()
		n := 50 + 1000*round // past 1024 slots: the table grows
		for i, x := range nodes[:n] {
			p := tab.at(x)
			if *p != -1 {
				t.Fatalf("round %d: node %d starts at %d, not fresh", round, i, *p)
			}
			*p = i + round
		}
		for i, x := range nodes[:n] {
			if got := *tab.at(x); got != i+round {
				t.Fatalf("round %d: node %d holds %d, want %d", round, i, got, i+round)
			}
		}
		if tab.n != n {
			t.Fatalf("round %d: %d entries, want %d", round, tab.n, n)
		}
	}
	check(0)
	check(1)
	tab.gen = math.MaxUint32 - 1
	check(0) // the last generation before the wrap
	check(2) // the wrap: the slots written at MaxUint32 must not count
}
