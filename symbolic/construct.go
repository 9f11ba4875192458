package symbolic

import (
	"cmp"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// The constructors below are the only way to build expressions. Each returns
// the canonical form of its result, doing the cheap normalisation that is
// always right: flattening nested sums and products, folding numbers,
// collecting x + x into 2*x and x*x into x^2, dropping 0+ and 1*, ordering
// operands, and writing a - b as a + (-1)*b and a/b as a*b^-1. Nothing here
// expands, factors or applies identities between functions; that is the
// simplifier's work.

// Common numbers.
var (
	Zero     = newNumber(RatInt(0))
	One      = newNumber(RatInt(1))
	MinusOne = newNumber(RatInt(-1))
	Two      = newNumber(RatInt(2))
	Half     = newNumber(NewRat(1, 2))
)

// The named constants.
var (
	Pi = newSymbol("pi", true)
	E  = newSymbol("e", true)
)

// Int returns the integer n.
func Int(n int64) *Number { return newNumber(RatInt(n)) }

// Frac returns the rational p/q. It panics with an *Error if q is zero.
func Frac(p, q int64) *Number {
	if q == 0 {
		panic(errDivByZero)
	}
	return newNumber(NewRat(p, q))
}

// IntDecimal returns the integer whose decimal digits are digits, which
// must be ASCII digits, at least one (it panics otherwise). It is NewNumber for the literal of an
// integer, without converting a large one back to decimal to hash it.
func IntDecimal(digits string) *Number {
	for i := 0; i < len(digits) || i == 0; i++ {
		if i == len(digits) || digits[i] < '0' || digits[i] > '9' {
			panic("symbolic: IntDecimal: not decimal digits: " + strconv.Quote(digits))
		}
	}
	t := strings.TrimLeft(digits, "0")
	if t == "" {
		return Zero
	}
	if len(t) <= 18 {
		n, _ := strconv.ParseInt(t, 10, 64)
		return Int(n)
	}
	n := bigDecimal(t)
	if n.IsInt64() {
		return Int(n.Int64())
	}
	return internNumber(Rat{b: new(big.Rat).SetInt(n)}, hashBigInt(t))
}

// bigDecimal returns the integer whose decimal digits are t: 19 digits at
// a time into 64-bit words, where big.Int's SetString reads a digit at a
// time through an io.ByteScanner.
func bigDecimal(t string) *big.Int {
	if bits.UintSize != 64 {
		n, _ := new(big.Int).SetString(t, 10)
		return n
	}
	ws := make([]big.Word, 0, len(t)/19+1)
	for i := 0; i < len(t); {
		j := i + 19
		if i == 0 {
			j = len(t) % 19
			if j == 0 {
				j = 19
			}
		}
		c, scale := uint64(0), uint64(1)
		for _, d := range []byte(t[i:j]) {
			c = c*10 + uint64(d-'0')
			scale *= 10
		}
		// ws = ws*scale + c
		for k := range ws {
			hi, lo := bits.Mul64(uint64(ws[k]), scale)
			lo, carry := bits.Add64(lo, c, 0)
			ws[k] = big.Word(lo)
			c = hi + carry
		}
		if c != 0 {
			ws = append(ws, big.Word(c))
		}
		i = j
	}
	return new(big.Int).SetBits(ws)
}

// NumberOf returns the number whose value is r.
func NumberOf(r Rat) *Number { return newNumber(r) }

// NewNumber returns the exact rational r. r is copied.
func NewNumber(r *big.Rat) *Number {
	return newNumber(RatFromBig(new(big.Rat).Set(r)))
}

// Sym returns the variable with the given name; "pi" and "e" give the
// constants Pi and E.
func Sym(name string) *Symbol {
	switch name {
	case "pi":
		return Pi
	case "e":
		return E
	}
	return newSymbol(name, false)
}

// Neg returns -x.
func Neg(x Expr) Expr { return Mul(MinusOne, x) }

// Sub returns x - y.
func Sub(x, y Expr) Expr { return Add(x, Neg(y)) }

// Div returns x / y. It panics with an *Error if y is zero.
func Div(x, y Expr) Expr { return Mul(x, Pow(y, MinusOne)) }

// Sqrt returns x^(1/2).
func Sqrt(x Expr) Expr { return Pow(x, Half) }

// coeffRest splits a term into its numeric coefficient and the rest.
func coeffRest(x Expr) (Rat, Expr) {
	if p, ok := x.(*Product); ok {
		if c, ok := p.factors[0].(*Number); ok {
			if len(p.factors) == 2 {
				return c.v, p.factors[1]
			}
			return c.v, newProduct(p.factors[1:])
		}
	}
	return RatInt(1), x
}

// withCoeff returns c*rest for a non-numeric rest that is not a sum.
func withCoeff(c Rat, rest Expr) Expr {
	if c.Is(1) {
		return rest
	}
	if restHasRadical(rest) {
		// The number may change the radicals (sqrt(2)/2 is 1/sqrt(2)).
		return Mul(newNumber(c), rest)
	}
	n := newNumber(c)
	if p, ok := rest.(*Product); ok {
		fs := make([]Expr, 0, len(p.factors)+1)
		fs = append(fs, n)
		fs = append(fs, p.factors...)
		return newProduct(fs)
	}
	return newProduct([]Expr{n, rest})
}

// collectorLinear is the most keys a collector searches linearly. The
// index made past it is dropped with the product, whose table a small
// product fills mostly with empty slots: the products of the nested
// sigmoid's derivative (20 factors at depth 10) made one each time the
// search rebuilt them.
const collectorLinear = 32

// collector gathers (key, value) pairs, merging equal keys. It searches
// linearly while small and builds an index when it grows. Its methods take
// and return it by value, so that a collector whose slices start in arrays
// on the caller's stack stays there (a pointer receiver would make the
// compiler move the arrays to the heap).
type collector[V any] struct {
	keys []Expr
	vals []V
	// index, past collectorLinear keys, is an open-addressing table over
	// the keys' structural hashes, probed linearly: the position of a key
	// in keys plus one, or 0 for an empty slot. At most half full.
	index []int32
}

// slotOf returns the first slot of the probe for key k in an index of
// mask+1 slots.
func slotOf(k Expr, mask int) int {
	h := k.hdr().hash
	return int(h^h>>32) & mask
}

func (c collector[V]) find(k Expr) int {
	if c.index != nil {
		mask := len(c.index) - 1
		for i := slotOf(k, mask); c.index[i] != 0; i = (i + 1) & mask {
			if j := c.index[i] - 1; c.keys[j] == k {
				return int(j)
			}
		}
		return -1
	}
	for i, x := range c.keys {
		if x == k {
			return i
		}
	}
	return -1
}

func (c collector[V]) add(k Expr, v V) collector[V] {
	c.keys = append(c.keys, k)
	c.vals = append(c.vals, v)
	switch {
	case c.index == nil && len(c.keys) <= collectorLinear:
	case 2*len(c.keys) > len(c.index):
		// Made, or grown: four slots a key.
		n := 4 * collectorLinear
		for n < 4*len(c.keys) {
			n *= 2
		}
		c.index = make([]int32, n)
		for i, x := range c.keys {
			indexAt(c.index, x, i)
		}
	default:
		indexAt(c.index, k, len(c.keys)-1)
	}
	return c
}

// reserve makes the index room for n keys at once, so that a collector
// that will hold many does not make it anew as it grows (reading every
// key's hash again each time: on a long product of new factors, a cache
// miss each).
func (c collector[V]) reserve(n int) collector[V] {
	size := 4 * collectorLinear
	for size < 4*n {
		size *= 2
	}
	if len(c.index) >= size {
		return c
	}
	c.index = make([]int32, size)
	for i, x := range c.keys {
		indexAt(c.index, x, i)
	}
	return c
}

// indexAt records in index, a collector's, that key k is at position i.
func indexAt(index []int32, k Expr, i int) {
	mask := len(index) - 1
	j := slotOf(k, mask)
	for index[j] != 0 {
		j = (j + 1) & mask
	}
	index[j] = int32(i + 1)
}

// Add returns the canonical sum of xs.
func Add(xs ...Expr) Expr {
	switch len(xs) {
	case 0:
		return Zero
	case 1:
		return xs[0]
	}
	var small [8]termEntry // a short sum's entries, on the stack
	t := termCollector{entries: small[:0]}
	num := RatInt(0) // apart from t: newNumber(num) must not take t's entries to the heap
	if len(xs) > len(small) {
		t.entries = make([]termEntry, 0, min(len(xs), sampleTerms))
	}
	for i, x := range xs {
		if len(xs) >= collectPrefetchFrom {
			if i+collectAhead < len(xs) {
				prefetch(dataWord(xs[i+collectAhead]))
			}
			if j := i + collectAhead/2; j < len(xs) && t.index != nil {
				// Its node asked for collectAhead/2 operands ago: the
				// index slot its look-up starts at, where its key's hash
				// is the node's own (see termKeyHash).
				if h, ok := ownKeyHash(xs[j]); ok {
					prefetch(unsafe.Pointer(&t.index[h&uint64(len(t.index)-1)]))
				}
			}
		}
		if i == sampleTerms && 2*len(t.entries) > i {
			// The terms so far are mostly distinct: make room for all, so
			// that the entries and their index are not copied as they
			// grow. A long sum whose terms collect into a few keeps its
			// small collector.
			t.entries = slices.Grow(t.entries, len(xs)-i)
			t.reindex(len(xs))
		}
		t.add(x, &num)
	}
	// The number goes first, and the other terms sorted after it; on the
	// stack when few (newSumOf copies them only when the sum is new).
	var termBuf [8]Expr
	if len(t.entries)+1 > len(termBuf) {
		return longSum(&t, num)
	}
	terms := termBuf[:1]
	for i := range t.entries {
		if term := t.entries[i].term(); term != nil {
			terms = append(terms, term)
		}
	}
	sortExprs(terms[1:])
	if terms, r := sumTerms(terms, num); r != nil {
		return r
	} else {
		return newSumOf(terms)
	}
}

// sumTerms puts the number num in its place, terms[0], or drops the place
// where num is 0; and where fewer than two terms are left it returns the
// sum they make (0, or the one term) as r.
func sumTerms(terms []Expr, num Rat) (_ []Expr, r Expr) {
	if num.Sign() != 0 {
		terms[0] = newNumber(num)
	} else {
		terms = terms[1:]
	}
	switch len(terms) {
	case 0:
		return nil, Zero
	case 1:
		return nil, terms[0]
	}
	return terms, nil
}

// longSum is the end of Add for more terms than it holds on its stack:
// the sum of the terms of t's entries and the number num. Their slice is
// made here, and it or the one they are sorted into (sortInto) becomes
// the sum's own: Add's end copied a long sum's terms for the sort, which
// gathered them into another slice, copied them back and then into the
// node, 32 bytes a term more of fresh memory, which costs a command more
// than the copies (docs/benchmarks.md, "Session 27").
func longSum(t *termCollector, num Rat) Expr {
	terms := make([]Expr, 1, len(t.entries)+1)
	for i := range t.entries {
		if term := t.entries[i].term(); term != nil {
			terms = append(terms, term)
		}
	}
	out := terms
	if len(terms)-1 >= parallelSortFrom {
		out = make([]Expr, len(terms))
	}
	sortInto(terms[1:], out[1:])
	if terms, r := sumTerms(out, num); r != nil {
		return r
	} else {
		return newSumOwned(terms)
	}
}

// Add and Mul read each operand's node (its hash, its factors) as they
// collect the operands; on a long sum or product of nodes made long ago
// (the halves of a long input, read on two goroutines) each read is a
// cache miss. From collectPrefetchFrom operands on they ask the processor
// for the node collectAhead operands ahead (see prefetch_amd64.s), so that
// the misses overlap.
const (
	collectPrefetchFrom = 256
	collectAhead        = 8
)

// sampleTerms is the number of operands after which Add decides, from the
// entries they made, whether to make room for all the others.
const sampleTerms = 64

// indexFrom is the number of entries up to which termCollector searches
// its entries one by one, without an index.
const indexFrom = 16

// termCollector gathers the terms of a sum, merging terms that differ only
// by their numeric coefficient. A term c*f1*...*fn is keyed by the factors
// f1...fn without building the product f1*...*fn: the structural hash of
// that product is computed from the factors, and equality is compared on
// the factor lists, so that a sum of long products (the product rule's
// output) costs no new nodes unless coefficients really merge.
type termCollector struct {
	entries []termEntry
	// index is a hash table of the entries by the hash of their key, with
	// open addressing: 1 + the entry's index, or 0 for an empty slot. Its
	// size is a power of two, at least twice the number of entries; nil
	// while there are few entries.
	index []int32
}

// A termEntry is a term of the sum with its merged coefficient. Its key,
// the factors without the coefficient, is read from the first term given
// (termFactors).
type termEntry struct {
	hash  uint64 // the hash of the key
	first Expr   // the first term given
	c     Rat    // the merged coefficient
	alone bool   // whether the entry has had one term only
}

// termKeyHash is the hash of a term's key as termFactors splits the term
// x: the single factor one's, or else that of the product of rest
// (without making the product). Where rest is all of x's factors (x has
// no number factor), that product is x, whose hash is at hand: the
// factors' own nodes are not read (on a long sum of new products, a
// cache miss each).
func termKeyHash(x, one Expr, rest []Expr) uint64 {
	if one != nil {
		return one.hdr().hash
	}
	if p, ok := x.(*Product); ok && len(p.factors) == len(rest) {
		return p.hash
	}
	return hashChildren(kindProduct, rest)
}

// ownKeyHash returns termKeyHash of x where it is x's own hash (x is not
// a sum or a number, nor a product with a number factor), read from x's
// node alone.
func ownKeyHash(x Expr) (uint64, bool) {
	switch x := x.(type) {
	case *Sum, *Number:
		return 0, false
	case *Product:
		if _, ok := x.factors[0].(*Number); ok {
			return 0, false
		}
	}
	return x.hdr().hash, true
}

// termFactors splits a term that is not a number or a sum into its
// coefficient and the rest: a single factor one, or else the factors
// rest (at least two).
func termFactors(x Expr) (c Rat, one Expr, rest []Expr) {
	p, ok := x.(*Product)
	if !ok {
		return RatInt(1), x, nil
	}
	c, rest = RatInt(1), p.factors
	if n, ok := rest[0].(*Number); ok {
		c, rest = n.v, rest[1:]
	}
	if len(rest) == 1 {
		return c, rest[0], nil
	}
	return c, nil, rest
}

// term returns the merged term, or nil when it cancelled.
func (e *termEntry) term() Expr {
	switch {
	case e.c.Sign() == 0:
		return nil
	case e.alone:
		return e.first
	}
	_, one, rest := termFactors(e.first)
	if one != nil {
		return withCoeff(e.c, one)
	}
	return withCoeff(e.c, newProduct(rest))
}

// same reports whether the entry's key is the single factor one (if not
// nil) or the factors rest.
func (e *termEntry) same(one Expr, rest []Expr) bool {
	_, eone, erest := termFactors(e.first)
	if one != nil || eone != nil {
		return one == eone
	}
	return sameExprs(erest, rest)
}

// push appends e to the entries. It reslices in place while there is room
// (escape analysis sees a self-assignment, so entries made on the caller's
// stack stay there) and moves them to a new array when there is not.
func (t *termCollector) push(e termEntry) {
	n := len(t.entries)
	if n < cap(t.entries) {
		t.entries = t.entries[:n+1]
		t.entries[n] = e
		return
	}
	grown := make([]termEntry, n+1, 2*n+8)
	copy(grown, t.entries)
	grown[n] = e
	t.entries = grown
}

// add collects the term x, adding a number to num.
func (t *termCollector) add(x Expr, num *Rat) {
	switch x := x.(type) {
	case *Number:
		*num = num.Add(x.v)
		return
	case *Sum:
		for _, u := range x.terms {
			t.add(u, num)
		}
		return
	}
	c, one, rest := termFactors(x)
	h := termKeyHash(x, one, rest)
	i, slot := t.find(h, one, rest)
	if i >= 0 {
		e := &t.entries[i]
		e.c = e.c.Add(c)
		e.alone = false
		return
	}
	t.push(termEntry{hash: h, first: x, c: c, alone: true})
	n := len(t.entries)
	switch {
	case t.index != nil && 2*n <= len(t.index):
		t.index[slot] = int32(n)
	case t.index != nil || n > indexFrom:
		t.reindex(n)
	}
}

// reindex makes the index anew with room for n entries and enters the
// entries in it.
func (t *termCollector) reindex(n int) {
	size := 4 * indexFrom
	for size < 2*n {
		size *= 2
	}
	if len(t.index) >= size {
		return
	}
	t.index = make([]int32, size)
	mask := uint64(size - 1)
	for i := range t.entries {
		j := t.entries[i].hash & mask
		for t.index[j] != 0 {
			j = (j + 1) & mask
		}
		t.index[j] = int32(i + 1)
	}
}

// find returns the index of the entry whose key has hash h and is the
// factor one or the factors rest, or -1 and the slot of the index where
// such an entry goes (if there is an index).
func (t *termCollector) find(h uint64, one Expr, rest []Expr) (i, slot int) {
	if t.index != nil {
		mask := uint64(len(t.index) - 1)
		for j := h & mask; ; j = (j + 1) & mask {
			k := t.index[j]
			if k == 0 {
				return -1, int(j)
			}
			if e := &t.entries[k-1]; e.hash == h && e.same(one, rest) {
				return int(k - 1), 0
			}
		}
	}
	for i := range t.entries {
		if e := &t.entries[i]; e.hash == h && e.same(one, rest) {
			return i, 0
		}
	}
	return -1, 0
}

// baseExp views x as base^exp (exp is One for a non-power).
func baseExp(x Expr) (Expr, Expr) {
	if p, ok := x.(*Power); ok {
		return p.base(), p.exp()
	}
	return x, One
}

// mulBase views a factor as base^exp for merging in Mul: exp(u) is e^u,
// anything else is as baseExp views it.
func mulBase(x Expr) (Expr, Expr) {
	if c, ok := x.(*Call); ok && c.fn == Exp {
		return E, c.args[0]
	}
	return baseExp(x)
}

// Mul returns the canonical product of xs.
//
// Powers of the same base merge when their exponents differ only by a
// numeric factor: x*x is x^2, x^2*x^3 is x^5, x^(1/2)*x^(1/2) is x,
// x^a*x^a is x^(2*a) and x^(2*a)*x^-a is x^a; but x^a*x^b, x^x*x^-1 and
// x*x^x stay products of two powers, as in SymPy (GiNaC merges numeric
// exponents only). Merging those would add sums to exponents, and the
// derivatives of x^(x - 1) and the like are larger than those of the
// separate factors and no longer collect with them. exp(u) counts as e^u:
// exp(x)*exp(2*x) is exp(3*x) and e*exp(2) is exp(3), but exp(a)*exp(b)
// stays.
func Mul(xs ...Expr) Expr {
	switch len(xs) {
	case 0:
		return One
	case 1:
		return xs[0]
	case 2:
		if p := mulPair(xs[0], xs[1]); p != nil {
			return p
		}
	}
	num := RatInt(1)
	// numNode is the number factor whose value num is, while there is
	// one: the result reuses it rather than make the number again (which
	// for a large one costs its decimal digits, for the hash).
	var numNode *Number
	// Factors by base: the collector holds the first factor of each base,
	// dups the later ones (rare). A factor alone with its base is kept as
	// given (it is already canonical); the factors of a base seen again are
	// merged by mergePowers.
	type dup struct {
		i int // the base's index in col
		f Expr
	}
	var col collector[Expr]
	var keyBuf, valBuf [8]Expr // the collector's first entries, on the stack
	col.keys, col.vals = keyBuf[:0], valBuf[:0]
	if len(xs) > len(keyBuf) {
		col.keys, col.vals = make([]Expr, 0, len(xs)), make([]Expr, 0, len(xs))
	}
	var dupBuf [4]dup
	dups := dupBuf[:0]
	// The numeric radicals (sqrt(2), 3^(-1/3)), apart: their canonical
	// form with the number is made at the end (radical.go).
	var radBuf [4]*Power
	rads := radBuf[:0]
	addFactor := func(x Expr) {
		switch f := x.(type) {
		case *Number:
			if num.Is(1) {
				num, numNode = f.v, f
			} else {
				num, numNode = num.Mul(f.v), nil
			}
			return
		case *Power:
			if _, ok := f.base().(*Number); ok {
				if p, ok := numRadical(f); ok {
					rads = append(rads, p)
					return
				}
			}
		}
		b, _ := mulBase(x)
		if i := col.find(b); i >= 0 {
			dups = append(dups, dup{i, x})
		} else {
			col = col.add(b, x)
		}
	}
	for i, x := range xs {
		if len(xs) >= collectPrefetchFrom {
			if i+collectAhead < len(xs) {
				prefetch(dataWord(xs[i+collectAhead]))
			}
			if j := i + collectAhead/2; j < len(xs) && col.index != nil {
				// Its node asked for collectAhead/2 operands ago: the
				// index slot its base's look-up starts at.
				switch b := xs[j].(type) {
				case *Sum, *Symbol, *Call: // their own bases
					prefetch(unsafe.Pointer(&col.index[slotOf(b, len(col.index)-1)]))
				}
			}
			if i == sampleTerms && 2*len(col.keys) > i {
				// The factors so far have mostly distinct bases: room
				// for all (see Add).
				col = col.reserve(len(xs))
			}
		}
		if p, ok := x.(*Product); ok {
			// Canonical products have no product factors: one level.
			for _, f := range p.factors {
				addFactor(f)
			}
		} else {
			addFactor(x)
		}
	}
	if num.Sign() == 0 {
		return Zero
	}
	// The factors, on the stack when few: newProductOf copies them only
	// when the product is new (and so a long product's, made here, are
	// copied again: a sum or product that may be on the stack must never
	// reach newProduct or newSum, which keep their argument, or the
	// compiler moves the array to the heap).
	var factorBuf [8]Expr
	factors := factorBuf[:0]
	if len(col.keys)+len(rads)+1 > len(factorBuf) {
		factors = make([]Expr, 0, len(col.keys)+len(rads)+1)
	}
	again := false
	keep := func(b, f Expr) {
		switch g := f.(type) {
		case *Number:
			num, numNode = num.Mul(g.v), nil
			return
		case *Product:
			// A power collapsed into a product, e.g.
			// (x*y)^(1/2) * (x*y)^(1/2).
			again = true
		}
		if nb, _ := mulBase(f); nb != b {
			// The merged power changed its base (e*e is exp(2)): it may
			// now meet another factor with that base.
			again = true
		}
		factors = append(factors, f)
	}
	if len(dups) == 0 {
		factors = append(factors, col.vals...)
	} else {
		slices.SortStableFunc(dups, func(p, q dup) int { return p.i - q.i })
		var buf [4]Expr
		for i, b := range col.keys {
			if len(dups) == 0 || dups[0].i != i {
				factors = append(factors, col.vals[i])
				continue
			}
			fs := append(buf[:0], col.vals[i])
			for len(dups) > 0 && dups[0].i == i {
				fs = append(fs, dups[0].f)
				dups = dups[1:]
			}
			mergePowers(b, fs, keep)
		}
	}
	switch {
	case len(rads) == 1 && num.Is(1):
		// A radical alone is canonical as made by Pow.
		factors = append(factors, rads[0])
	case len(rads) > 0:
		if c, fs, ok := mulRadicals(num, rads, factors); ok {
			if !c.Equal(num) {
				num, numNode = c, nil
			}
			factors = fs
		} else {
			// Too large for the canonical form: merge them as other
			// powers.
			mergeRadicals(rads, keep)
		}
	}
	if numNode == nil {
		numNode = newNumber(num)
	}
	if again {
		// Some merged factors may now merge with others.
		return Mul(append(factors, numNode)...)
	}
	if num.Sign() == 0 {
		return Zero
	}
	if len(factors) >= parallelSortFrom {
		return longProduct(factors, numNode)
	}
	sortExprs(factors)
	switch {
	case len(factors) == 0:
		return numNode
	case num.Is(1) && len(factors) == 1:
		return factors[0]
	case len(factors) == 1:
		if s, ok := factors[0].(*Sum); ok {
			// A number times a sum distributes: 2*(x + 1) is 2*x + 2.
			return scaleSum(num, numNode, s)
		}
	}
	if !num.Is(1) {
		factors = slices.Insert(factors, 0, Expr(numNode))
	}
	return newProductOf(factors)
}

// longProduct is the end of Mul for a long product: the product of the
// number n (first, unless it is 1) and factors, which are canonical and
// do not merge. They are sorted into a slice that keeps a place for n
// and becomes the product's own (sortInto), from a copy (factors may be
// Mul's array on its stack, as far as the compiler knows): 16 bytes a
// factor less than Mul's end for others, whose sort copies the factors,
// gathers them into another slice and copies them back, and the product
// copies them again.
func longProduct(factors []Expr, n *Number) Expr {
	fs := make([]Expr, len(factors)+1)
	sortInto(slices.Clone(factors), fs[1:])
	if n.v.Is(1) {
		fs = fs[1:]
	} else {
		fs[0] = n
	}
	return newProductOwned(fs)
}

// scaleSum returns the canonical sum of n (whose value is c, not 0 or 1)
// times each term of s. The terms of a canonical sum have distinct
// non-numeric parts, at most one of them is a number (the first), and a
// nonzero multiple keeps both true, so the scaled terms need no
// collecting, only the canonical order (which depends on the
// coefficients): negating a long linear form, which a derivative and the
// simplifier's kernels do often, costs a new coefficient and a product per
// term and one sort, not a Mul per term and an Add. A term holding a
// numeric radical (sqrt(2)*x) may change form with its coefficient
// (sqrt(2)/2 is 1/sqrt(2)), so a sum with one takes the general way.
func scaleSum(c Rat, n *Number, s *Sum) Expr {
	ts := make([]Expr, len(s.terms))
	for i, t := range s.terms {
		if m, ok := t.(*Number); ok {
			ts[i] = newNumber(c.Mul(m.v))
			continue
		}
		k, rest := RatInt(1), t
		var fs []Expr // rest's factors, if it is a product
		if p, ok := t.(*Product); ok {
			fs = p.factors
			if m, ok := fs[0].(*Number); ok {
				k, fs = m.v, fs[1:]
			}
			if hasRadical(fs) {
				return scaleTerms(n, s)
			}
		} else if restHasRadical(t) {
			return scaleTerms(n, s)
		}
		k = k.Mul(c)
		switch {
		case k.Is(1) && len(fs) == 1:
			ts[i] = fs[0]
		case k.Is(1) && fs != nil:
			ts[i] = newProductOf(fs)
		case k.Is(1):
			ts[i] = rest
		case fs != nil:
			f := make([]Expr, 0, len(fs)+1)
			ts[i] = newProduct(append(append(f, newNumber(k)), fs...))
		default:
			ts[i] = newProductOf([]Expr{newNumber(k), rest})
		}
	}
	// The number, if any, stays first; the others are sorted after it.
	others := ts
	if _, ok := ts[0].(*Number); ok {
		others = ts[1:]
	}
	sortExprs(others)
	return newSum(ts)
}

// scaleTerms is scaleSum the general way: Mul for each term, and Add.
func scaleTerms(n *Number, s *Sum) Expr {
	ts := make([]Expr, len(s.terms))
	for i, t := range s.terms {
		ts[i] = Mul(n, t)
	}
	return Add(ts...)
}

// mulPair returns the product of a and b if it is the two of them in
// canonical order, as it is for two factors with different bases, neither a
// number, a product or a numeric radical (sqrt(2)): the commonest product,
// made without Mul's collection of factors. Otherwise it returns nil.
func mulPair(a, b Expr) *Product {
	if !plainFactor(a) || !plainFactor(b) {
		return nil
	}
	ba, _ := mulBase(a)
	bb, _ := mulBase(b)
	if ba == bb {
		return nil
	}
	if Compare(b, a) < 0 {
		a, b = b, a
	}
	fs := [2]Expr{a, b}
	return newProductOf(fs[:])
}

// plainFactor reports whether x is a factor that Mul keeps as it is when
// no other factor has its base: not a number, a product or a numeric
// radical.
func plainFactor(x Expr) bool {
	switch f := x.(type) {
	case *Number, *Product:
		return false
	case *Power:
		_, num := f.base().(*Number)
		return !num
	}
	return true
}

// mergePowers merges the factors fs (at least two), all powers of base b
// (as mulBase sees them), and passes each resulting factor to keep. Factors
// whose exponents have the same term (expTerm) merge by adding their
// coefficients; the others stay separate.
func mergePowers(b Expr, fs []Expr, keep func(b, f Expr)) {
	first, more := fs[0], fs[1:]
	// All exponents numbers (x*x^2, sqrt(x)*x^-1): add them.
	_, e := mulBase(first)
	sum, numeric := e.(*Number)
	if numeric {
		c := sum.v
		for _, f := range more {
			_, e := mulBase(f)
			n, ok := e.(*Number)
			if !ok {
				numeric = false
				break
			}
			c = c.Add(n.v)
		}
		if numeric {
			keep(b, Pow(b, newNumber(c)))
			return
		}
	}
	// Otherwise group by a signature that scaling an exponent by a number
	// does not change, and split exponents into coefficient and term only
	// where two signatures meet: the split of a sum costs a gcd and maybe a
	// new node, and most products of exp(-u) and exp(-v) never need it.
	if len(more) < 8 {
		// A few factors (the common case): keep them as they are, without
		// allocating, if no two exponents can be multiples of each other.
		separate := true
		for i := -1; i < len(more) && separate; i++ {
			u := e
			if i >= 0 {
				_, u = mulBase(more[i])
			}
			for _, g := range more[i+1:] {
				if _, v := mulBase(g); mayBeMultiples(u, v) {
					separate = false
					break
				}
			}
		}
		if separate {
			keep(b, first)
			for _, f := range more {
				keep(b, f)
			}
			return
		}
	}
	type sigFactor struct {
		sig uint64
		f   Expr
	}
	sfs := make([]sigFactor, len(fs))
	for i, f := range fs {
		_, e := mulBase(f)
		sfs[i] = sigFactor{scaleSig(e), f}
	}
	slices.SortFunc(sfs, func(p, q sigFactor) int { return cmp.Compare(p.sig, q.sig) })
	type part struct {
		term  Expr
		c     Rat
		orig  Expr // the factor as given while it is alone
		alone bool
	}
	var parts []part
	for i := 0; i < len(sfs); {
		j := i + 1
		for j < len(sfs) && sfs[j].sig == sfs[i].sig {
			j++
		}
		if j == i+1 {
			keep(b, sfs[i].f)
			i = j
			continue
		}
		parts = parts[:0]
	run:
		for _, sf := range sfs[i:j] {
			_, e := mulBase(sf.f)
			c, t := expTerm(e)
			for k := range parts {
				if p := &parts[k]; p.term == t {
					p.c = p.c.Add(c)
					p.alone = false
					continue run
				}
			}
			parts = append(parts, part{term: t, c: c, orig: sf.f, alone: true})
		}
		for _, p := range parts {
			switch {
			case p.alone:
				keep(b, p.orig)
			case p.c.Sign() == 0:
				// x^a * x^-a is 1.
			case p.term == One:
				keep(b, Pow(b, newNumber(p.c)))
			default:
				keep(b, Pow(b, Mul(newNumber(p.c), p.term)))
			}
		}
		i = j
	}
}

// mayBeMultiples reports whether u = c*v for some number c might hold; it
// is false only where it certainly does not, and looks at pointers only.
func mayBeMultiples(u, v Expr) bool {
	su, uSum := u.(*Sum)
	sv, vSum := v.(*Sum)
	switch {
	case uSum != vSum:
		return false // a multiple of a sum is a sum, of anything else not
	case uSum:
		if len(su.terms) != len(sv.terms) {
			return false
		}
		// The term of u that is not a number must be in v, times a number.
		t := su.terms[0]
		if _, ok := t.(*Number); ok {
			t = su.terms[1]
		}
		for _, w := range sv.terms {
			if sameRest(t, w) {
				return true
			}
		}
		return false
	}
	_, uNum := u.(*Number)
	_, vNum := v.(*Number)
	if uNum || vNum {
		return uNum && vNum
	}
	return sameRest(u, v)
}

// sameRest reports whether the terms t and w are the same but for their
// numeric coefficients (neither is a sum; numbers are never the same).
func sameRest(t, w Expr) bool {
	one := func(t Expr) (Expr, []Expr) {
		switch t := t.(type) {
		case *Number:
			return nil, nil
		case *Product:
			if _, ok := t.factors[0].(*Number); ok {
				if len(t.factors) == 2 {
					return t.factors[1], nil
				}
				return nil, t.factors[1:]
			}
			return nil, t.factors
		}
		return t, nil
	}
	t1, tn := one(t)
	w1, wn := one(w)
	switch {
	case t1 != nil || w1 != nil:
		return t1 == w1
	case tn != nil && wn != nil:
		return sameExprs(tn, wn)
	}
	return false
}

// scaleSig is a hash of an exponent that does not change when the exponent
// is multiplied by a nonzero number: equal terms (expTerm) have equal
// signatures.
func scaleSig(e Expr) uint64 {
	switch e := e.(type) {
	case *Number:
		return 0
	case *Product:
		return restHash(e)
	case *Sum:
		// The terms' order may change with their coefficients (x sorts
		// before y*z, 2*x after it), so combine their hashes commutatively.
		h := uint64(kindSum)
		for _, t := range e.terms {
			if _, ok := t.(*Number); ok {
				h ^= 1 // a constant term scales to a constant term
				continue
			}
			h += mix(hashSeed, restHash(t))
		}
		return h
	}
	return e.hdr().hash
}

// restHash is the hash of a term without its numeric coefficient: the hash
// of the node the coefficient multiplies.
func restHash(t Expr) uint64 {
	if p, ok := t.(*Product); ok {
		if _, ok := p.factors[0].(*Number); ok {
			if len(p.factors) == 2 {
				return p.factors[1].hdr().hash
			}
			return hashChildren(kindProduct, p.factors[1:])
		}
	}
	return t.hdr().hash
}

// expTerm splits an exponent into a rational coefficient and a term such
// that e = c*t: a number is c*1, a product is its numeric coefficient
// times the rest, and a sum is its content (the rational gcd of its
// coefficients, signed as the coefficient of the term that comes first by
// Compare of the terms without coefficients) times the primitive sum. The
// split of c*t, for any nonzero c, gives back c and t, which keeps Mul
// associative: x^(x + 1) * x^(2*x + 2) is x^(3*x + 3) as
// x^(x + 1)^3 is.
func expTerm(e Expr) (Rat, Expr) {
	switch e := e.(type) {
	case *Number:
		return e.v, One
	case *Product:
		return coeffRest(e)
	case *Sum:
		k := sumContent(e)
		if k.Is(1) {
			return k, e
		}
		return k, Mul(newNumber(k.Inv()), e)
	}
	return RatInt(1), e
}

// sumContent returns the signed content of s (see expTerm).
func sumContent(s *Sum) Rat {
	num, den := new(big.Int), big.NewInt(1)
	var sign int
	var first []Expr // the first term without its coefficient
	for _, t := range s.terms {
		var c Rat
		var rest []Expr
		switch t := t.(type) {
		case *Number:
			c = t.v
		case *Product:
			c, rest = RatInt(1), t.factors
			if n, ok := t.factors[0].(*Number); ok {
				c, rest = n.v, t.factors[1:]
			}
		default:
			c, rest = RatInt(1), []Expr{t}
		}
		cb := c.Big()
		num.GCD(nil, nil, num, new(big.Int).Abs(cb.Num()))
		g := new(big.Int).GCD(nil, nil, den, cb.Denom())
		den.Mul(den, new(big.Int).Quo(cb.Denom(), g))
		if rest != nil && (first == nil || compareLists(rest, first, compareDepth) < 0) {
			first, sign = rest, c.Sign()
		}
	}
	k := RatFromBig(new(big.Rat).SetFrac(num, den))
	if sign < 0 {
		k = k.Neg()
	}
	return k
}

// Pow returns the canonical form of base^exp. It panics with an *Error for
// a zero base with a negative exponent (division by zero) and for an exact
// number larger than MaxNumberBits bits.
func Pow(base, exp Expr) Expr { return PowLimit(base, exp, MaxNumberBits) }

// PowLimit is Pow with maxBits in place of MaxNumberBits as the bound on the
// exact numbers it computes (at least 64; less means 64): the limit of one
// call, for callers that let their user raise or lower it.
func PowLimit(base, exp Expr, maxBits int) Expr {
	if exp == Zero {
		return One // including 0^0, by the usual convention
	}
	if exp == One {
		return base
	}
	if base == One {
		return One
	}
	if base == E {
		return Apply(Exp, exp)
	}
	en, expIsNum := exp.(*Number)
	if bn, ok := base.(*Number); ok && expIsNum {
		return powNumbers(bn, en, max(maxBits, 64))
	}
	if expIsNum && en.IsInt() {
		switch b := base.(type) {
		case *Power:
			// (a^b)^n = a^(b*n) for integer n.
			return PowLimit(b.base(), Mul(b.exp(), en), maxBits)
		case *Product:
			// (a*b)^n = a^n * b^n for integer n.
			fs := make([]Expr, len(b.factors))
			for i, f := range b.factors {
				fs[i] = PowLimit(f, en, maxBits)
			}
			return Mul(fs...)
		case *Call:
			if b.fn == Exp {
				return Apply(Exp, Mul(en, b.args[0]))
			}
		}
	} else if expIsNum {
		switch b := base.(type) {
		case *Power:
			// (a^b)^e = a^(b*e) for a positive number a and a number b.
			if _, ok := numRadical(b); ok {
				return PowLimit(b.base(), Mul(b.exp(), en), maxBits)
			}
		case *Product:
			// (c*r)^e = c^e * r^e for a positive number c and numeric
			// radicals r: sqrt(2*sqrt(2)) is 2^(3/4).
			radical := true
			for _, f := range b.factors {
				if c, ok := f.(*Number); ok && c.v.Sign() > 0 {
					continue
				}
				if _, ok := numRadical(f); !ok {
					radical = false
					break
				}
			}
			if radical {
				fs := make([]Expr, len(b.factors))
				for i, f := range b.factors {
					fs[i] = PowLimit(f, en, maxBits)
				}
				return Mul(fs...)
			}
		}
	}
	if base == Zero {
		if expIsNum {
			if en.Sign() < 0 {
				panic(errDivByZero)
			}
			return Zero
		}
	}
	return newPower(base, exp)
}

// powNumbers folds b^e for numbers: exactly when the result is rational,
// else to the canonical form of a numeric radical (radical.go: sqrt(12) is
// 2*sqrt(3)), and a power of a negative base stays.
func powNumbers(b, e *Number, maxBits int) Expr {
	if b.v.Sign() == 0 {
		if e.v.Sign() < 0 {
			panic(errDivByZero)
		}
		return Zero
	}
	if e.v.IsInt() {
		k, ok := e.Int64()
		if !ok {
			panic(numberTooLarge(b, e, maxBits))
		}
		r, ok := b.v.PowInt(k, maxBits)
		if !ok {
			panic(numberTooLarge(b, e, maxBits))
		}
		return newNumber(r)
	}
	if b.v.Sign() > 0 {
		var rad Expr
		if !b.v.IsBig() && !e.v.IsBig() {
			// The canonical form of a numeric radical (radical.go), a
			// number when the value is rational unless a large part of
			// the base is left unfactored.
			r, sure := powRadical(b.v, e.v, maxBits)
			if sure {
				return r
			}
			rad = r
		}
		eb := e.v.Big()
		if eb.Denom().IsInt64() && eb.Num().IsInt64() {
			p, q := eb.Num().Int64(), eb.Denom().Int64()
			if r, ok := b.v.root(q); ok {
				v, ok := r.PowInt(p, maxBits)
				if !ok {
					panic(numberTooLarge(b, e, maxBits))
				}
				return newNumber(v)
			}
		}
		if rad != nil {
			return rad
		}
	}
	return newPower(b, e)
}

// Apply returns the call f(args...). It evaluates f exactly at numbers where
// the value is rational or a named constant (sin(0) = 0, exp(0) = 1), and
// takes signs out of odd and even functions (sin(-x) = -sin(x),
// cos(-x) = cos(x)). It panics with an *Error if the number of arguments
// does not match f's arity.
func Apply(f *Func, args ...Expr) Expr {
	if len(args) != f.Arity {
		panic(&Error{Msg: "function " + f.Name + " takes " + plural(f.Arity, "argument") + ", got " + itoa(len(args))})
	}
	if f.Arity == 1 {
		u := args[0]
		if f.exact != nil {
			if r, ok := f.exact(u); ok {
				return r
			}
		}
		if f.Parity != 0 && HasNegativeSign(u) {
			v := Neg(u)
			if f.Parity < 0 {
				return Neg(Apply(f, v))
			}
			return Apply(f, v)
		}
		if f.scale != 0 {
			if c, rest, ok := numberFactor(u); ok {
				// abs(3*x) is 3*abs(x), sign(3*x) is sign(x) (c > 0
				// here: a negative one went with the parity above).
				if f.scale > 0 {
					return Mul(c, Apply(f, rest))
				}
				return Apply(f, rest)
			}
		}
	}
	return newCall(f, args)
}

// numberFactor splits u, a product with a positive number factor other
// than 1, into that number and the rest.
func numberFactor(u Expr) (c *Number, rest Expr, ok bool) {
	p, isProduct := u.(*Product)
	if !isProduct {
		return nil, nil, false
	}
	c, ok = p.factors[0].(*Number)
	if !ok || c.v.Sign() <= 0 {
		return nil, nil, false
	}
	return c, Mul(p.factors[1:]...), true
}

// HasNegativeSign reports whether x is a negative number or a product with a
// negative coefficient: whether x prints with a leading minus sign. The
// printers (text, LaTeX, derivations) and odd-function folding read it.
func HasNegativeSign(x Expr) bool {
	switch x := x.(type) {
	case *Number:
		return x.v.Sign() < 0
	case *Product:
		if c, ok := x.factors[0].(*Number); ok {
			return c.v.Sign() < 0
		}
	}
	return false
}
