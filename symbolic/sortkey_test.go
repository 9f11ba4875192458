package symbolic

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// randomExpr builds a random expression of the given depth from symbols
// whose names share prefixes (and one longer than a key), numbers of every
// kind (small, negative, fractions, big integers, big fractions near
// integers), sums, products, powers and calls.
func randomExpr(r *rand.Rand, depth int) Expr {
	leaf := func() Expr {
		switch r.IntN(10) {
		case 0:
			return Int(int64(r.IntN(41) - 20))
		case 1:
			return Frac(int64(r.IntN(41)-20), int64(r.IntN(5)+1))
		case 2:
			n, _ := new(big.Int).SetString(strings.Repeat("9", r.IntN(30)+15), 10)
			if r.IntN(2) == 0 {
				n.Neg(n)
			}
			return NewNumber(new(big.Rat).SetInt(n))
		case 3:
			n, _ := new(big.Int).SetString("1"+strings.Repeat("0", 25), 10)
			d := new(big.Int).Sub(n, big.NewInt(int64(r.IntN(3)-1)))
			return NewNumber(new(big.Rat).SetFrac(new(big.Int).Mul(n, big.NewInt(int64(r.IntN(5)-2))), d))
		case 4:
			return Int(int64(r.Uint64()))
		case 5:
			return []Expr{Pi, E}[r.IntN(2)]
		case 6:
			// Fractions with larger denominators, some very close to each
			// other or to an integer, and some at the int64 edges.
			d := int64(r.IntN(999) + 2)
			switch r.IntN(4) {
			case 0:
				return Frac(int64(r.IntN(2001)-1000), d)
			case 1:
				return Frac(int64(r.IntN(5)-2)<<50+int64(r.IntN(3)-1), 1<<50)
			case 2:
				return Frac(math.MinInt64+int64(r.IntN(5)), d)
			}
			return Frac(math.MaxInt64-int64(r.IntN(5)), d)
		}
		names := []string{"x", "y", "x1", "x10", "x2", "a", "ab", "abc", "b", "α", "x_1", "x\x00", "x\x00y", "\x00",
			strings.Repeat("long", 12) + "a", strings.Repeat("long", 12) + "b"}
		return Sym(names[r.IntN(len(names))])
	}
	if depth == 0 {
		return leaf()
	}
	some := func() []Expr {
		xs := make([]Expr, r.IntN(4)+1)
		for i := range xs {
			xs[i] = randomExpr(r, r.IntN(depth))
		}
		return xs
	}
	pow := func(b, e Expr) (p Expr) {
		defer func() {
			if recover() != nil { // a number too large, or 0^-1
				p = b
			}
		}()
		return Pow(b, e)
	}
	switch r.IntN(7) {
	case 0:
		return Add(some()...)
	case 1:
		return Mul(some()...)
	case 2:
		return pow(randomExpr(r, depth-1), randomExpr(r, r.IntN(depth)))
	case 3:
		return pow(randomExpr(r, depth-1), Frac(int64(r.IntN(7)-3), int64(r.IntN(3)+1)))
	case 4:
		fs := []*Func{builtins["sin"], builtins["cos"], Exp, Log, Abstract("f"), Abstract("f").Derivative()}
		return Apply(fs[r.IntN(len(fs))], randomExpr(r, depth-1))
	}
	return leaf()
}

// TestSortKeysAgreeWithCompare checks that wherever two keys decide, they
// decide as Compare does, on random expressions deep enough to reach the
// depth limit.
func TestSortKeysAgreeWithCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	var xs []Expr
	for range 1500 {
		xs = append(xs, randomExpr(r, r.IntN(6)))
	}
	// keyOf is a function of its argument: each key is made once.
	keys := make([]keyed, len(xs))
	for i, x := range xs {
		keys[i] = keyOf(x)
	}
	decided := 0
	for i, a := range xs {
		ka := &keys[i]
		for j, b := range xs[i+1:] {
			kb := &keys[i+1+j]
			c := keyOrder(ka, kb)
			if c == 0 {
				continue
			}
			decided++
			if want := Compare(a, b); c != cmpSign(want) || -c != keyOrder(kb, ka) {
				t.Fatalf("keys of %v and %v give %d, Compare %d", a, b, c, want)
			}
		}
	}
	if n := len(xs) * (len(xs) - 1) / 2; decided < n/2 {
		t.Errorf("keys decide %d of %d pairs", decided, n)
	}
}

func cmpSign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// TestSortExprsMatchesCompare checks that sortExprs sorts as sorting with
// Compare does, on lists long enough to be sorted by keys.
func TestSortExprsMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for _, n := range []int{1, 5, keySortFrom - 1, keySortFrom, 100, 400} {
		for range 20 {
			xs := distinctExprs(n, func(int) Expr { return randomExpr(r, r.IntN(5)) })
			checkSortExprs(t, xs, fmt.Sprintf("n=%d", n))
		}
	}
}

// TestSortExprsTwoGoroutines checks the sort of long slices, which runs
// on two goroutines (sortTwo) where there are two processors: random
// operands, operands whose first key words are all equal (one side of the
// pivot empty), and operands with few distinct first words.
func TestSortExprsTwoGoroutines(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: sortExprs sorts on one goroutine (TestSortExprsMatchesCompare)")
	}
	r := rand.New(rand.NewPCG(7, 9))
	n := parallelSortFrom + 1000
	checkSortExprs(t, distinctExprs(n, func(int) Expr { return randomExpr(r, r.IntN(4)) }), "random")
	x := Sym("x")
	checkSortExprs(t, distinctExprs(n, func(i int) Expr { return Mul(x, Sym("y"+strconv.Itoa(r.IntN(4*n)))) }), "x*y_i")
	checkSortExprs(t, distinctExprs(n, func(i int) Expr {
		return Pow(Sym([]string{"a", "b", "c"}[i%3]), Int(int64(i)+2))
	}), "a^i, b^i, c^i")
	checkSortExprs(t, distinctExprs(parallelSortFrom, func(i int) Expr { return Int(int64(r.Uint64() >> 1)) }), "numbers")
}

// TestKeyInt checks the integer encoding's order at the edges of its
// lengths.
func TestKeyInt(t *testing.T) {
	ns := []int64{-1 << 63, -1<<63 + 1, -65537, -65536, -65535, -257, -256, -255, -2, -1, 0, 1, 2, 255, 256, 65535, 65536, 1<<63 - 1}
	var prev []byte
	for i, n := range ns {
		w := keyWriter{end: 8 * keyWords}
		w.int(n)
		k := w.buf[:w.n]
		if i > 0 && string(prev) >= string(k) {
			t.Errorf("key of %d (%x) is not above that of %d (%x)", n, k, ns[i-1], prev)
		}
		prev = slices.Clone(k)
	}
}

// TestSortExprsLongKeys checks sortExprs on lists whose keys are all long
// (the radix sort of sortWords, by one word and by several): polynomial
// terms, products and sums of symbols with long shared prefixes.
func TestSortExprsLongKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 17))
	x, y, z := Sym("x"), Sym("y"), Sym("z")
	kinds := []func(i int) Expr{
		func(i int) Expr {
			return Mul(Int(int64(r.IntN(9)-4)), Pow(x, Int(int64(r.IntN(5)+2))), Pow(y, Int(int64(r.IntN(5)+2))), Pow(z, Int(int64(r.IntN(300)+2))))
		},
		func(i int) Expr {
			return Mul(Sym("a"+strings.Repeat("0", r.IntN(12))+itoa(r.IntN(5000))), Sym("b"+itoa(i)))
		},
		func(i int) Expr { return Add(Sym("a"+itoa(r.IntN(100000))), Int(int64(r.IntN(7)+1))) },
		func(i int) Expr {
			return Mul(Int(int64(r.IntN(3)+2)), Sym(strings.Repeat("long", r.IntN(3)+4)+itoa(r.IntN(1000))))
		},
	}
	for _, n := range []int{keySortFrom, 100, 2000} {
		for kind, mk := range kinds {
			for round := range 5 {
				xs := distinctExprs(n, func(i int) Expr {
					if round == 4 && i > 0 && r.IntN(4) == 0 {
						return randomExpr(r, 3) // a few keys that end early
					}
					return mk(i)
				})
				checkSortExprs(t, xs, fmt.Sprintf("kind %d, n=%d", kind, n))
			}
		}
	}
}

// distinctExprs returns n distinct expressions drawn from gen(0), gen(1), ...
func distinctExprs(n int, gen func(i int) Expr) []Expr {
	seen := map[Expr]bool{}
	var xs []Expr
	for i := 0; len(xs) < n; i++ {
		if e := gen(i); !seen[e] {
			seen[e] = true
			xs = append(xs, e)
		}
	}
	return xs
}

// checkSortExprs checks that sortExprs puts xs in Compare's order.
func checkSortExprs(t *testing.T, xs []Expr, what string) {
	t.Helper()
	want := slices.Clone(xs)
	slices.SortFunc(want, Compare)
	owned := slices.Clone(xs)
	sortExprs(xs)
	if !slices.Equal(xs, want) {
		t.Fatalf("%s: sortExprs gives %v, want %v", what, xs, want)
	}
	into := make([]Expr, len(owned))
	sortInto(owned, into)
	if !slices.Equal(into, want) {
		t.Fatalf("%s: sortInto gives %v, want %v", what, into, want)
	}
	sortInto(owned, owned)
	if !slices.Equal(owned, want) {
		t.Fatalf("%s: sortInto in place gives %v, want %v", what, owned, want)
	}
}

// radixSort sorts as a stable sort by the words does: lengths on both
// sides of insertionRadixTo, words that differ in one byte, in several, in
// all, and many equal ones (whose indices must keep their order).
func TestRadixSortStable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := map[string]func() uint64{
		"random":   func() uint64 { return r.Uint64() },
		"one byte": func() uint64 { return 0xabcd_0000_0000_0000 | uint64(r.IntN(256))<<24 },
		"few":      func() uint64 { return uint64(r.IntN(4)) << 56 },
		"two bytes": func() uint64 {
			return 0x1111_1111_1111_1111 ^ uint64(r.IntN(256)) ^ uint64(r.IntN(3))<<40
		},
	}
	for name, word := range words {
		for _, n := range []int{2, 3, insertionRadixTo, insertionRadixTo + 1, 100, 5000} {
			ws := make([]wordIndex, n)
			for i := range ws {
				ws[i] = wordIndex{word(), int32(i)}
			}
			want := slices.Clone(ws)
			slices.SortStableFunc(want, func(a, b wordIndex) int { return cmp.Compare(a.w, b.w) })
			radixSort(ws, make([]wordIndex, n))
			if !slices.Equal(ws, want) {
				t.Errorf("%s, %d words: radixSort differs from a stable sort", name, n)
			}
		}
	}
}

// TestLongAddMulOrderFree checks that Add and Mul of more operands than
// parallelSortFrom (sorted on two goroutines, collected with prefetching,
// see collectPrefetchFrom) give one node whatever the operands' order, with
// repeated terms collected and repeated bases merged.
func TestLongAddMulOrderFree(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	n := parallelSortFrom + 500
	var terms, factors []Expr
	for i := range n {
		a := Sym("a" + strconv.Itoa(i%(n-300)))                    // 300 names twice
		terms = append(terms, Mul(Int(int64(i%7+1)), a, Sym("b"))) // coefficients merge
		factors = append(factors, Add(a, Int(int64(i%5+1))))       // bases repeat: powers
	}
	sum, prod := Add(terms...), Mul(factors...)
	for range 3 {
		r.Shuffle(n, func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
		r.Shuffle(n, func(i, j int) { factors[i], factors[j] = factors[j], factors[i] })
		if got := Add(terms...); got != sum {
			t.Fatalf("Add of the shuffled terms differs: %d terms against %d", len(got.(*Sum).terms), len(sum.(*Sum).terms))
		}
		if got := Mul(factors...); got != prod {
			t.Fatal("Mul of the shuffled factors differs")
		}
	}
	// A number factor goes first, once (the long product's own slice
	// keeps a place for it).
	three := Mul(append([]Expr{Int(3)}, factors...)...)
	if p, ok := three.(*Product); !ok || p.factors[0] != Int(3) || len(p.factors) != len(prod.(*Product).factors)+1 || three != Mul(Int(3), prod) {
		t.Errorf("3 times the long product is not the product with 3 first")
	}
	if s, ok := sum.(*Sum); !ok || len(s.terms) != n-300 {
		t.Errorf("the sum has %v terms, want %d (300 collected)", len(sum.(*Sum).terms), n-300)
	}
}

// TestShortAddMulAllocateNothing: Add and Mul of a few operands whose
// result is interned already allocate nothing, their buffers on the stack.
// A sort that hands its slice to goroutines made every caller's buffer
// escape (an allocation in every Add and Mul, 8,500 more in the XOR MLP's
// simplification).
func TestShortAddMulAllocateNothing(t *testing.T) {
	x, y, z := Sym("x"), Sym("y"), Sym("z")
	sin, _ := Lookup("sin")
	xs := []Expr{Apply(sin, x), Pow(y, Int(2)), z, Mul(Int(3), x)}
	sum, prod := Add(xs...), Mul(xs...)
	if n := testing.AllocsPerRun(100, func() {
		if Add(xs...) != sum || Mul(xs...) != prod {
			t.Fatal("not interned")
		}
	}); n != 0 {
		t.Errorf("Add and Mul of %d operands allocate %v times, want 0", len(xs), n)
	}
}
