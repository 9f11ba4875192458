package helpertests_test

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/smallmap"
)

// TestSmallmapAgainstMap runs random Get and Set calls on a Map and on a
// Go map and compares every answer, across the switch from slices to map:
// for every number of distinct keys from 1 to 20 (the switch is at the
// ninth) and for 100.
func TestSmallmapAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, keys := range append([]int{100}, seq(1, 20)...) {
		var s smallmap.Map[int, int]
		ref := map[int]int{}
		for step := range 2000 {
			k := rng.IntN(keys)
			if rng.IntN(2) == 0 {
				s.Set(k, step)
				ref[k] = step
			}
			got, ok := s.Get(k)
			want, wok := ref[k]
			if got != want || ok != wok {
				t.Fatalf("%d keys, step %d: Get(%d) = %d, %v; want %d, %v", keys, step, k, got, ok, want, wok)
			}
			if s.Len() != len(ref) {
				t.Fatalf("%d keys, step %d: Len = %d, want %d", keys, step, s.Len(), len(ref))
			}
		}
	}
}

func TestSmallmapZeroValue(t *testing.T) {
	var s smallmap.Map[string, int]
	if _, ok := s.Get("x"); ok || s.Len() != 0 {
		t.Fatal("the zero Map is not empty")
	}
}

func BenchmarkSmallmap(b *testing.B) {
	keys := make([]*int, 7)
	for i := range keys {
		keys[i] = new(int)
	}
	b.Run("smallmap", func(b *testing.B) {
		for b.Loop() {
			var s smallmap.Map[*int, int]
			for i, k := range keys {
				if _, ok := s.Get(k); !ok {
					s.Set(k, i)
				}
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		for b.Loop() {
			m := map[*int]int{}
			for i, k := range keys {
				if _, ok := m[k]; !ok {
					m[k] = i
				}
			}
		}
	})
}

// seq returns the integers from lo to hi.
func seq(lo, hi int) []int {
	var s []int
	for i := lo; i <= hi; i++ {
		s = append(s, i)
	}
	return s
}
