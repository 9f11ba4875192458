package symbolic

import (
	"cmp"
	"encoding/binary"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"strings"
)

// sortExprs sorts xs by Compare. A long slice (the terms of a long sum, the
// factors of a long product) is sorted by a key computed once per operand,
// a byte string whose order agrees with Compare's, and Compare itself runs
// only on operands whose keys do not tell them apart: a comparison of two
// keys is a few word comparisons, where Compare walks both operands through
// type switches for each of the n log n comparisons of the sort.
//
// The key of x is the encoding of what compareAt(x, y, compareDepth) looks
// at, in the order in which it looks, such that the first byte in which the
// keys of two operands differ decides as Compare does (see keyWriter). A
// key records how many of its bytes are valid: an encoding stops early
// where it cannot be exact (a fraction, a hash at the depth limit) or where
// the key is full, and two keys equal on the bytes that both hold are a tie
// for Compare to decide. The result is exactly that of sorting with
// Compare; sortkey_test.go checks that keys never contradict Compare.
func sortExprs(xs []Expr) {
	if len(xs) < keySortFrom {
		if len(xs) <= insertionSortTo {
			// Insertion sort: most products and sums are short, and two
			// or three operands take one or three comparisons.
			for i := 1; i < len(xs); i++ {
				for j := i; j > 0 && Compare(xs[j], xs[j-1]) < 0; j-- {
					xs[j], xs[j-1] = xs[j-1], xs[j]
				}
			}
			return
		}
		slices.SortFunc(xs, Compare)
		return
	}
	// Most keys differ in their first few words: the sort keeps only
	// those (prefixWords of them) and an index per operand, sorts by the
	// first word, runs of equal first words by the second, and so on,
	// and makes the whole keys again only for the runs of operands whose
	// prefixes are equal.
	if len(xs) >= parallelSortFrom && runtime.GOMAXPROCS(0) >= 2 {
		// The goroutines work on a copy: xs may be a caller's array on
		// its stack (Add's and Mul's are, when short), and a slice that a
		// goroutine may keep makes every caller's array escape to the
		// heap, an allocation in every Add and Mul. A caller whose slice
		// is on the heap and its own calls sortInto.
		if out := make([]Expr, len(xs)); sortTwo(slices.Clone(xs), out) {
			copy(xs, out)
		} else {
			sortKeyed(xs)
		}
		return
	}
	p := prefixes{words: make([]uint64, prefixWords*len(xs)), n: make([]uint8, len(xs))}
	ws := make([]wordIndex, len(xs))
	if !p.fill(xs, ws, 0, len(xs)) {
		sortKeyed(xs)
		return
	}
	p.sort(xs, ws, make([]wordIndex, len(xs)), 0)
	permute(xs, ws)
}

// fill makes the prefixes of the keys of xs[from:to] and their first
// words in ws, and reports whether every key holds a whole word or ends
// within it. A key that ends (a symbol of a short name: x, a5) orders by
// its first word, zeros after its end, as by its bytes: the keys are
// self-delimiting, so no whole key is another key's beginning, and two
// keys differ at a byte both hold. One that stops short where it cannot
// be exact (a fraction, a name with a zero byte) leaves its order to
// Compare, for which the whole keys are needed (sortKeyed). (A long
// product of the symbols a0, a1, ... was sorted by sortKeyed for its ten
// short names, a quarter of its parse.)
func (p *prefixes) fill(xs []Expr, ws []wordIndex, from, to int) bool {
	for i := from; i < to; i++ {
		n, whole := keyPrefix(xs[i], p.words[prefixWords*i:prefixWords*(i+1)])
		if n < 8 && !whole {
			return false
		}
		p.n[i] = uint8(n)
		ws[i] = wordIndex{p.words[prefixWords*i], int32(i)}
	}
	return true
}

// parallelSortFrom is the length from which sortExprs, given two
// processors or more, works on two goroutines (sortTwo). The keys of a
// long sum's new terms are read from nodes the cache no longer holds, a
// miss or more each: two cores wait for two at a time. The result is the
// same: a sort by one total order.
const parallelSortFrom = 1 << 14

// sortInto is sortExprs for operands that the caller holds alone, on the
// heap, and that it wants sorted in out (as long as xs, on the heap, and
// either xs itself or apart from it). A long slice is sorted on two
// goroutines that read xs and gather into out: sortExprs, which may be
// given a caller's array on its stack, copies the operands for them and
// then copies the result back, 32 bytes an operand more (see longSum).
func sortInto(xs, out []Expr) {
	if len(xs) >= parallelSortFrom && runtime.GOMAXPROCS(0) >= 2 && &xs[0] != &out[0] && sortTwo(xs, out) {
		return
	}
	copy(out, xs)
	sortExprs(out)
}

// sortTwo sorts xs, on the heap, on two goroutines, into out (as long as
// xs, on the heap), and reports whether it could: not if a key is shorter
// than a word (see sortKeyed). Each goroutine makes the prefixes of half
// of xs; the operands are then split by their first words around a pivot
// (every operand of one side before every operand of the other, equal
// words on one side), each side is sorted by one goroutine, and each
// gathers half of the result (see permute).
func sortTwo(xs, out []Expr) bool {
	p := &prefixes{words: make([]uint64, prefixWords*len(xs)), n: make([]uint8, len(xs))}
	ws, tmp := make([]wordIndex, len(xs)), make([]wordIndex, len(xs))
	both := func(first, second func()) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			second()
		}()
		first()
		<-done
	}
	half := len(xs) / 2
	var ok, ok2 bool
	both(func() { ok = p.fill(xs, ws, 0, half) }, func() { ok2 = p.fill(xs, ws, half, len(xs)) })
	if !ok || !ok2 {
		return false
	}
	if m := splitWords(ws); m == 0 || m == len(ws) {
		p.sort(xs, ws, tmp, 0)
	} else {
		both(func() { p.sort(xs, ws[:m], tmp[:m], 0) }, func() { p.sort(xs, ws[m:], tmp[m:], 0) })
	}
	gather := func(from, to int) {
		for i := from; i < to; i++ {
			out[i] = xs[ws[i].i]
		}
	}
	both(func() { gather(0, half) }, func() { gather(half, len(xs)) })
	return true
}

// splitWords reorders ws so that the words below a pivot, the median of a
// sample of them, come first, and returns their number.
func splitWords(ws []wordIndex) int {
	var sample [pivotSample]uint64
	for i := range sample {
		sample[i] = ws[i*(len(ws)-1)/(len(sample)-1)].w
	}
	slices.Sort(sample[:])
	pivot := sample[len(sample)/2]
	i, j := 0, len(ws)-1
	for {
		for i <= j && ws[i].w < pivot {
			i++
		}
		for i <= j && ws[j].w >= pivot {
			j--
		}
		if i >= j {
			return i
		}
		ws[i], ws[j] = ws[j], ws[i]
	}
}

// pivotSample is the number of words splitWords takes its pivot from.
const pivotSample = 255

// prefixWords is the number of a key's first words that sortExprs keeps
// for each operand: the terms of a polynomial c*x^a*y^b*z^c differ in
// their third word.
const prefixWords = 3

// prefixes are the first prefixWords words of the keys of the operands of
// a sort, prefixWords for each operand, and the number of each key's bytes
// that are valid among them.
type prefixes struct {
	words []uint64
	n     []uint8
}

// sort sorts ws, operands of xs whose keys' word k is in ws[i].w (valid in
// all of them) and whose words before k are equal: by word k, then each
// run of equal words by the next word if every key of the run holds it,
// and otherwise by the rest of the whole keys (sortRun). tmp is scratch
// space as long as ws.
func (p *prefixes) sort(xs []Expr, ws, tmp []wordIndex, k int) {
	radixSort(ws, tmp)
	eachRun(ws, func(run []wordIndex, at int) {
		next := k + 1
		if next < prefixWords {
			for _, x := range run {
				if int(p.n[x.i]) < 8*(next+1) {
					sortRun(xs, run, tmp[at:at+len(run)], next)
					return
				}
			}
			for r := range run {
				run[r].w = p.words[prefixWords*int(run[r].i)+next]
			}
			p.sort(xs, run, tmp[at:at+len(run)], next)
			return
		}
		sortRun(xs, run, tmp[at:at+len(run)], next)
	})
}

// eachRun calls f on each run of two or more operands of ws, sorted,
// whose words are equal, with the run's position in ws.
func eachRun(ws []wordIndex, f func(run []wordIndex, at int)) {
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].w == ws[i].w {
			j++
		}
		if j-i > 1 {
			f(ws[i:j], i)
		}
		i = j
	}
}

// sortRun sorts run, operands of xs whose keys' first k words are equal
// and valid, by the rest of their keys: from word k on (sortWords) if all
// of the run's keys hold it, else with compareKeyed. tmp is scratch space
// as long as run.
func sortRun(xs []Expr, run, tmp []wordIndex, k int) {
	ks := make([]keyed, len(run))
	valid := k < keyWords
	for r, x := range run {
		ks[r] = keyOf(xs[x.i])
		valid = valid && ks[r].n >= 8*(k+1)
	}
	local := tmp[:len(run)]
	for r := range local {
		local[r] = wordIndex{0, int32(r)}
		if valid {
			local[r].w = ks[r].w[k]
		}
	}
	if valid {
		sortWords(ks, local, make([]wordIndex, len(run)), k)
	} else {
		slices.SortFunc(local, func(a, b wordIndex) int { return compareKeyed(&ks[a.i], &ks[b.i]) })
	}
	for r, x := range local {
		local[r].i = run[x.i].i
	}
	copy(run, local)
}

// permute reorders xs so that its i-th operand is the one that was at
// ws[i].i. A long xs (gatherFrom or more) it gathers into a new slice and
// copies back: the reads xs[ws[i].i] do not depend on one another, so the
// processor has many of their cache misses in flight at once, where
// following the permutation's cycles in place waits for each read before
// the next (on a sum of 80,000 new terms, a seventh of the parse).
func permute(xs []Expr, ws []wordIndex) {
	if len(xs) < gatherFrom {
		permuteCycles(xs, ws)
		return
	}
	out := make([]Expr, len(xs))
	for i := range out {
		out[i] = xs[ws[i].i]
	}
	copy(xs, out)
}

// gatherFrom is the length from which permute gathers into a new slice:
// a shorter one lies in the cache, where following the cycles in place
// costs no wait and allocates nothing (a simplification sorts many short
// sums).
const gatherFrom = 4096

// permuteCycles is permute in place, following the permutation's cycles;
// it consumes the indices of ws.
func permuteCycles(xs []Expr, ws []wordIndex) {
	for p := range ws {
		if ws[p].i < 0 {
			continue
		}
		first := xs[p]
		q := p
		for {
			from := int(ws[q].i)
			ws[q].i = -1
			if from == p {
				xs[q] = first
				break
			}
			xs[q] = xs[from]
			q = from
		}
	}
}

// sortKeyed sorts xs by their whole keys, for operands some of whose keys
// are shorter than a word (so that no word can be sorted on alone).
func sortKeyed(xs []Expr) {
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyOf(x)
	}
	// The sort moves 4-byte indices; the keys stay where they are.
	idx := make([]int32, len(xs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return compareKeyed(&ks[a], &ks[b]) })
	for i, j := range idx {
		xs[i] = ks[j].x
	}
}

// keySortFrom is the length from which sortExprs sorts by keys, and
// insertionSortTo the length up to which it sorts by insertion.
const (
	keySortFrom     = 32
	insertionSortTo = 8
)

// keyWords is the length of a key in 64-bit words. The factors of the
// nested sigmoid's simplified derivative, sigmoid(sigmoid(sigmoid(u))) and
// 1 - sigmoid(sigmoid(sigmoid(u))), are told apart only by the hash three
// calls deep, which five words did not reach: each comparison of them went
// to Compare.
const keyWords = 8

// A keyed is an operand with its sort key: the bytes of the key big-endian
// in w, n of them valid.
type keyed struct {
	w [keyWords]uint64
	n int
	x Expr
}

func keyOf(x Expr) keyed {
	kw := keyWriter{end: 8 * keyWords}
	kw.at(x, compareDepth)
	k := keyed{n: kw.n, x: x}
	for i := range k.w {
		k.w[i] = binary.BigEndian.Uint64(kw.buf[8*i:])
	}
	return k
}

// keyPrefix writes the first len(words) words of x's key to words and
// returns how many of their bytes are valid, and whether they are the
// whole key, which ended there (the bytes after it are zero).
func keyPrefix(x Expr, words []uint64) (n int, whole bool) {
	kw := keyWriter{end: 8 * len(words)}
	kw.at(x, compareDepth)
	for i := range words {
		words[i] = binary.BigEndian.Uint64(kw.buf[8*i:])
	}
	return kw.n, !kw.done
}

// compareKeyed compares two operands by their keys, and by Compare where
// the keys' common valid bytes are equal.
func compareKeyed(a, b *keyed) int {
	if c := keyOrder(a, b); c != 0 {
		return c
	}
	return Compare(a.x, b.x)
}

// keyOrder compares the keys of a and b on the bytes that both hold: 0 is
// a tie.
func keyOrder(a, b *keyed) int {
	for i := range a.w {
		if a.w[i] == b.w[i] {
			continue
		}
		if 8*i+bits.LeadingZeros64(a.w[i]^b.w[i])/8 < min(a.n, b.n) {
			return cmp.Compare(a.w[i], b.w[i])
		}
		return 0
	}
	return 0
}

// A wordIndex is a word of a key and the key's index.
type wordIndex struct {
	w uint64
	i int32
}

// sortWords sorts ws, which hold word k of the keys of their operands, all
// valid: a radix sort on the words, then each run of equal words by the
// next word in the same way if it is valid in all the run's keys, else
// with compareKeyed. tmp is scratch space as long as ws.
func sortWords(ks []keyed, ws, tmp []wordIndex, k int) {
	radixSort(ws, tmp)
	for i := 0; i < len(ws); {
		j := i + 1
		next := k+1 < keyWords && ks[ws[i].i].n >= 8*(k+2)
		for j < len(ws) && ws[j].w == ws[i].w {
			next = next && ks[ws[j].i].n >= 8*(k+2)
			j++
		}
		switch {
		case j-i == 1:
		case next && j-i > 16:
			run := ws[i:j]
			for r := range run {
				run[r].w = ks[run[r].i].w[k+1]
			}
			sortWords(ks, run, tmp[i:j], k+1)
		default:
			slices.SortFunc(ws[i:j], func(a, b wordIndex) int { return compareKeyed(&ks[a.i], &ks[b.i]) })
		}
		i = j
	}
}

// radixSort sorts ws by their words, stably: by insertion when they are
// few (the runs of equal words that the sort of a polynomial's terms
// sorts again are mostly short), else a byte at a time from the lowest,
// only the bytes that are not the same in all of them (one pass finds
// which), moving the words between ws and tmp, scratch space as long as
// ws.
func radixSort(ws, tmp []wordIndex) {
	if len(ws) <= insertionRadixTo {
		for i := 1; i < len(ws); i++ {
			for j := i; j > 0 && ws[j].w < ws[j-1].w; j-- {
				ws[j], ws[j-1] = ws[j-1], ws[j]
			}
		}
		return
	}
	and, or := ^uint64(0), uint64(0)
	for _, x := range ws {
		and &= x.w
		or |= x.w
	}
	varying := and ^ or
	var count [256]int
	src, dst := ws, tmp[:len(ws)]
	for shift := uint(0); shift < 64; shift += 8 {
		if byte(varying>>shift) == 0 {
			continue // the same byte everywhere
		}
		clear(count[:])
		for _, x := range src {
			count[byte(x.w>>shift)]++
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for _, x := range src {
			d := byte(x.w >> shift)
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ws[0] {
		copy(ws, src)
	}
}

// insertionRadixTo is the length up to which radixSort sorts by
// insertion: a pass of the radix sort clears and sums 256 counts.
const insertionRadixTo = 24

// keyWriter writes a sort key. Its methods mirror compareAt and
// compareBase: where those compare two parts in turn, the writer encodes
// each part in turn, with an encoding that is order-preserving and
// prefix-free (no complete encoding of a part is a prefix of another's) and
// one-to-one wherever it is complete; where a part's encoding cannot be
// complete it writes what it can and stops (done), since what would follow
// could contradict the order of the parts. Every byte written is therefore
// decided as Compare decides, or the keys tie.
//
// A writer stops at end bytes: a whole key's length, or its first
// prefixWords words, which the sort looks at unless they are equal.
type keyWriter struct {
	buf  [8 * keyWords]byte
	n    int
	end  int // at most len(buf)
	done bool
}

func (w *keyWriter) byte(b byte) {
	if w.n < w.end && !w.done {
		w.buf[w.n&(len(w.buf)-1)] = b
		w.n++
		return
	}
	w.done = true
}

// at mirrors compareAt: the base, then the exponent (One for an operand
// that is not a power, written as the number 1).
func (w *keyWriter) at(x Expr, depth int) {
	if w.done {
		return
	}
	b, e := baseExp(x)
	w.base(b, depth)
	if e == One {
		// rank(One) + 1, then the number 1 as int writes it (a length
		// byte 0x80 + 1, the byte 1): the exponent of most operands.
		w.byte(1)
		w.byte(0x81)
		w.byte(1)
		return
	}
	w.at(e, depth)
}

// base mirrors compareBase: the rank (plus one, so that a rank is never the
// zero byte that ends a list or a name), then the value, the name or the
// operands, or at the depth limit the structural hash, after which nothing
// is decided by the key.
func (w *keyWriter) base(x Expr, depth int) {
	if w.done {
		return
	}
	w.byte(byte(rank(x) + 1))
	switch x.(type) {
	case *Product, *Sum, *Call, *Power:
		if depth == 0 {
			h := x.hdr().hash
			for s := 56; s >= 0; s -= 8 {
				w.byte(byte(h >> s))
			}
			w.done = true // equal hashes: Compare compares the structure
			return
		}
	}
	depth--
	switch x := x.(type) {
	case *Number:
		w.number(x.v)
	case *Symbol:
		w.name(x.name)
	case *Product:
		w.list(x.factors, depth)
	case *Sum:
		w.list(x.terms, depth)
	case *Call:
		w.name(x.fn.Name)
		w.name(x.fn.key())
		w.list(x.args, depth)
	case *Power:
		w.at(x.base(), depth)
		w.at(x.exp(), depth)
	}
}

// list mirrors compareLists: the operands, each starting with a nonzero
// rank byte, then a zero byte, so that a list that is a prefix of another
// comes first.
func (w *keyWriter) list(xs []Expr, depth int) {
	for _, x := range xs {
		if w.done {
			return
		}
		w.at(x, depth)
	}
	w.byte(0)
}

// name writes s and a zero byte; a name with a zero byte in it cannot be
// written so that it stays prefix-free, and stops the key.
func (w *keyWriter) name(s string) {
	if w.done {
		return
	}
	z := strings.IndexByte(s, 0)
	if z >= 0 {
		s = s[:z]
	}
	room := w.end - w.n
	w.n += copy(w.buf[w.n:w.end], s)
	if z >= 0 || len(s) > room {
		w.done = true
		return
	}
	w.byte(0)
}

// number writes an integer exactly; any other number as its floor, which
// orders it against the integers, then (a small fraction) its fractional
// part to 48 bits, and stops the key.
//
// After an integer's bytes comes the rest of the key, whose next byte is
// at most a rank plus one (a number is always followed by its exponent);
// a fraction writes 0xfe there, above it, as it lies above the integer of
// its floor. Its fractional part r/d is written as floor(r*2^48/d), which
// never orders two fractions against their values; equal, the keys tie.
func (w *keyWriter) number(v Rat) {
	if v.b == nil {
		if v.d == 1 {
			w.int(v.n)
			return
		}
		f := v.n / v.d
		if v.n%v.d != 0 && v.n < 0 {
			f--
		}
		w.int(f)
		// r/d is the fractional part, 0 < r < d.
		r := v.n % v.d
		if r < 0 {
			r += v.d
		}
		if r != 0 {
			hi, lo := bits.Mul64(uint64(r), 1<<48)
			q, _ := bits.Div64(hi, lo, uint64(v.d))
			w.byte(0xfe)
			for s := 40; s >= 0; s -= 8 {
				w.byte(byte(q >> s))
			}
		}
		w.done = true
		return
	}
	f := new(big.Int).Div(v.b.Num(), v.b.Denom()) // the floor: Denom > 0
	switch {
	case f.IsInt64():
		w.int(f.Int64())
	case f.Sign() > 0:
		w.byte(0xff) // above every int64
	default:
		w.byte(0x00) // below every int64
	}
	w.done = true
}

// int writes n order-preserving and prefix-free: a length byte, 0x80 plus
// the number of bytes for n >= 0 and 0x7f minus it for n < 0 (more bytes,
// more negative), then the bytes, of ^n for n < 0.
func (w *keyWriter) int(n int64) {
	u := uint64(n)
	if n < 0 {
		u = ^u
	}
	k := (bits.Len64(u) + 7) / 8
	if n < 0 {
		w.byte(byte(0x7f - k))
		u = ^u
	} else {
		w.byte(byte(0x80 + k))
	}
	for s := 8 * (k - 1); s >= 0; s -= 8 {
		w.byte(byte(u >> s))
	}
}
