package symbolic

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// referenceDisplaySort is the sort of SumDisplayOrder as it was before the
// variables were numbered: a stable sort of the terms, ties of degree
// broken by grlex with the variables compared through their highest
// powers and names at each comparison.
func referenceDisplaySort(s *Sum) []Expr {
	type keyed struct {
		t Expr
		d float64
		m []monomialVar
	}
	ks := make([]keyed, len(s.terms))
	most := map[string]int64{}
	for i, t := range s.terms {
		ks[i] = keyed{t: t, d: degree(t)}
		if m, ok := monomialVars(t); ok {
			ks[i].m = m
			for _, v := range m {
				most[v.name] = max(most[v.name], v.k)
			}
		}
	}
	before := func(a, b string) int {
		if c := most[b] - most[a]; c != 0 {
			return int(c)
		}
		return strings.Compare(a, b)
	}
	for i := range ks {
		slices.SortFunc(ks[i].m, func(a, b monomialVar) int { return before(a.name, b.name) })
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		switch {
		case a.d > b.d:
			return -1
		case a.d < b.d:
			return 1
		case a.m == nil || b.m == nil:
			return 0
		}
		for i, j := 0, 0; ; i, j = i+1, j+1 {
			if i == len(a.m) || j == len(b.m) {
				return (len(b.m) - j) - (len(a.m) - i)
			}
			if c := before(a.m[i].name, b.m[j].name); c != 0 {
				return c
			}
			if a.m[i].k != b.m[j].k {
				if a.m[i].k > b.m[j].k {
					return -1
				}
				return 1
			}
		}
	})
	out := make([]Expr, len(ks))
	for i, k := range ks {
		out[i] = k.t
	}
	return out
}

// TestSumDisplayOrderSort checks SumDisplayOrder's sort against the
// reference on random sums: polynomials in up to four variables (the
// sort that breaks ties by the canonical place) and polynomials with
// calls and constants among their terms (the stable sort).
func TestSumDisplayOrderSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vars := []Expr{Sym("x"), Sym("y"), Sym("z"), Sym("w")}
	others := []Expr{Apply(Exp, Sym("x")), Mul(Int(3), Pi), Pi, Apply(Exp, Sym("y"))}
	for n := range 2000 {
		var ts []Expr
		for range 2 + rng.IntN(40) {
			fs := []Expr{Int(int64(rng.IntN(19) - 9))}
			for _, v := range vars[:1+rng.IntN(len(vars))] {
				if k := rng.IntN(4); k > 0 {
					fs = append(fs, Pow(v, Int(int64(k))))
				}
			}
			if n%2 == 1 && rng.IntN(4) == 0 {
				fs = append(fs, others[rng.IntN(len(others))])
			}
			ts = append(ts, Mul(fs...))
		}
		if n%3 == 0 {
			// Terms of degree 0 besides the number: ties.
			ts = append(ts, Int(int64(1+rng.IntN(5))), Mul(Int(int64(1+rng.IntN(5))), Pi))
		}
		s, ok := Add(ts...).(*Sum)
		if !ok {
			continue
		}
		// The reorderings after the sort (a negative first term) apply
		// to both alike: compare the sorts through the whole function
		// where it does not reorder, and the sorted terms' sets always.
		got := SumDisplayOrder(s)
		want := referenceDisplaySort(s)
		if len(got) != len(want) {
			t.Fatalf("%v: %d terms, want %d", s, len(got), len(want))
		}
		if !HasNegativeSign(want[0]) && !slices.Equal(got, want) {
			t.Fatalf("SumDisplayOrder(%v) = %v, want %v", s, got, want)
		}
	}
}
