package simplify

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestKeyTableAgainstMap runs random Get and Set calls on a keyTable and
// on a Go map and compares every answer, across growth and Reserve.
func TestKeyTableAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tc := range []struct{ keys, reserve int }{{1, 0}, {12, 0}, {13, 0}, {3000, 0}, {3000, 1000}, {500, 5000}} {
		nodes := make([]symbolic.Expr, tc.keys)
		for i := range nodes {
			nodes[i] = symbolic.Add(symbolic.Sym("x"), symbolic.Int(int64(i)))
		}
		var kt keyTable[int]
		if tc.reserve > 0 {
			kt.Reserve(tc.reserve)
		}
		ref := map[symbolic.Key]int{}
		for step := range 4 * tc.keys {
			k := symbolic.KeyOf(nodes[rng.IntN(len(nodes))])
			if rng.IntN(2) == 0 {
				kt.Set(k, step)
				ref[k] = step
			}
			got, ok := kt.Get(k)
			want, wok := ref[k]
			if got != want || ok != wok {
				t.Fatalf("%d keys, step %d: Get = %d, %v; want %d, %v", tc.keys, step, got, ok, want, wok)
			}
			if kt.Len() != len(ref) {
				t.Fatalf("%d keys, step %d: Len = %d, want %d", tc.keys, step, kt.Len(), len(ref))
			}
		}
		for _, n := range nodes {
			got, ok := kt.Get(symbolic.KeyOf(n))
			want, wok := ref[symbolic.KeyOf(n)]
			if got != want || ok != wok {
				t.Fatalf("%d keys, at the end: Get(%v) = %d, %v; want %d, %v", tc.keys, n, got, ok, want, wok)
			}
		}
	}
}
