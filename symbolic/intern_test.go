package symbolic

import (
	"cmp"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// countEntries counts the entries of the intern table for which keep
// reports true, each shard under its lock.
func countEntries(keep func(ref) bool) int {
	n := 0
	for i := range table {
		s := &table[i]
		s.mu.Lock()
		for _, sl := range s.slots {
			if sl.r != nil && keep(sl.r) {
				n++
			}
		}
		s.mu.Unlock()
	}
	return n
}

// liveEntries counts the entries of the intern table.
func liveEntries() int { return countEntries(func(ref) bool { return true }) }

// The intern table holds nodes weakly: expressions that are built and
// dropped are collected, and their entries removed, so a long-running
// process returns to its baseline.
func TestInternTableReleasesNodes(t *testing.T) {
	settle := func() int {
		for range 5 {
			runtime.GC()
			time.Sleep(5 * time.Millisecond) // cleanups run on their own goroutine
		}
		return liveEntries()
	}
	base := settle()
	x := Sym("x")
	for k := range 200 {
		e := Add(Mul(Int(int64(k)), Pow(x, Int(int64(k+2)))), Apply(Exp, Mul(Int(int64(k)), x)))
		_ = D(D(e, x), x)
	}
	built := liveEntries()
	after := settle()
	if built-base < 1000 {
		t.Fatalf("expected the loop to intern many nodes: %d before, %d after building", base, built)
	}
	if after > base+50 {
		t.Errorf("intern table grew from %d to %d entries after building and dropping expressions (peak %d)", base, after, built)
	}
}

// Interning is safe for concurrent use: goroutines that build the same
// expressions get the same pointers.
func TestInternConcurrent(t *testing.T) {
	const workers = 8
	results := make([][]Expr, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := Sym("x")
			for k := range 300 {
				e := Mul(Apply(Exp, Mul(Int(int64(k)), x)), Add(x, Int(int64(k))))
				results[w] = append(results[w], D(e, x))
			}
		}()
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		for k := range results[w] {
			if results[w][k] != results[0][k] {
				t.Fatalf("worker %d built a different node for expression %d: %v vs %v", w, k, results[w][k], results[0][k])
			}
		}
	}
}

// The integers kept in blocks (see intBlocks) have one node each, made
// whichever way the integer is reached and by whichever goroutine first,
// with the value and the hash of the table's numbers, and none of them is
// in the intern table.
func TestIntBlocks(t *testing.T) {
	ints := []int64{0, 1, -1, 32, 33, -33, 127, 128, -128, -129, 5000, -5001,
		intRange - 1, -intRange, intRange, -intRange - 1, 1 << 40}
	const workers = 8
	got := make([][]*Number, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range ints {
				// By the integer, by a sum, by a product's coefficient.
				got[w] = append(got[w], Int(n),
					Add(Int(n-7), Int(7)).(*Number), Mul(Frac(n*3, 3), One).(*Number))
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		for i, x := range got[w] {
			n := ints[i/3]
			if x != got[0][i-i%3] {
				t.Errorf("worker %d, way %d: %d is node %p, not %p", w, i%3, n, x, got[0][i-i%3])
			}
			if v, ok := x.Int64(); !ok || v != n {
				t.Errorf("Int(%d) holds %v", n, x)
			}
			if x.hash != numberHash(RatInt(n)) {
				t.Errorf("Int(%d) has hash %x, want %x", n, x.hash, numberHash(RatInt(n)))
			}
		}
	}
	for _, n := range ints {
		x := Expr(Int(n)) // not in countEntries' callback, which holds a shard's lock
		inTable := countEntries(func(r ref) bool { return r.get() == x }) > 0
		if want := !isSmallInt(RatInt(n)); inTable != want {
			t.Errorf("Int(%d) in the intern table: %v, want %v", n, inTable, want)
		}
	}
	if x := Int(5000); Sub(Mul(Int(2), x), x) != x || Pow(Int(2), Int(12)) != Int(4096) {
		t.Error("arithmetic on block integers does not give back their nodes")
	}
}

func TestNumbers(t *testing.T) {
	big := Pow(Int(2), Int(200))
	if got := Add(big, Neg(big)); got != Zero {
		t.Errorf("2^200 - 2^200 = %v", got)
	}
	if got, want := Mul(Frac(1, 3), Int(3)), One; got != want {
		t.Errorf("1/3 * 3 = %v", got)
	}
	if got := Pow(Int(8), Frac(2, 3)); got != Int(4) {
		t.Errorf("8^(2/3) = %v, want 4", got)
	}
	if got := Pow(Int(2), Half).String(); got != "sqrt(2)" {
		t.Errorf("2^(1/2) = %v", got)
	}
	// int64 overflow moves to big.Rat and back.
	m := Int(1 << 62)
	if got := Add(Mul(m, Int(4)), Mul(m, Int(-4))); got != Zero {
		t.Errorf("overflowing sum = %v", got)
	}
	var err error
	func() {
		defer Recover(&err)
		Pow(Int(3), Pow(Int(10), Int(9)))
	}()
	if e, ok := err.(*Error); !ok || e.Limit != "MaxNumberBits" {
		t.Errorf("3^(10^9): got error %v, want a MaxNumberBits *Error", err)
	}
	x := Sym("x")
	if p, ok := Pow(x, Pow(Int(10), Int(9))).(*Power); !ok || p.base() != x {
		t.Errorf("x^(10^9) should stay a power")
	}
}

// Two live nodes whose 64-bit hashes collide are both kept and found, and
// the sweep keeps the live one when the other is collected.
func TestInternHashCollision(t *testing.T) {
	const h = 0x5eed // a hash no real node has... or might: the test works either way
	mk := func(name string) *Symbol {
		return intern(h, func(x *Symbol) bool { return x.name == name },
			func() *Symbol { return &Symbol{name: name} })
	}
	a, b := mk("collide-a"), mk("collide-b")
	if a == b || mk("collide-a") != a || mk("collide-b") != b {
		t.Fatal("colliding nodes are not kept apart")
	}
	runtime.KeepAlive(a)
	a = nil
	for range 5 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if mk("collide-b") != b {
		t.Error("the live colliding node was lost by the sweep")
	}
	runtime.KeepAlive(b)
}

// A new node is held strongly until the sweep after the next collection,
// which makes its entry weak; the node keeps its identity throughout.
func TestInternYoungEntriesWeaken(t *testing.T) {
	strong := func() int {
		return countEntries(func(r ref) bool { _, ok := r.(Expr); return ok })
	}
	x := Sym("young_x")
	e := Apply(Exp, Mul(Int(7), Pow(x, Int(5))))
	if strong() == 0 {
		t.Fatal("a node just made has no strong entry")
	}
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if n := strong(); n != 0 {
		t.Errorf("%d strong entries left after collections", n)
	}
	if again := Apply(Exp, Mul(Int(7), Pow(x, Int(5)))); again != e {
		t.Error("a live node was not found again after its entry became weak")
	}
}

// After CollectUnused, a node built and dropped is built afresh: its
// entry is gone, so no constructor can return the old node.
func TestCollectUnused(t *testing.T) {
	x := Sym("collect_x")
	build := func() Expr { return Apply(Exp, Mul(Int(3), Pow(x, Int(7)))) }
	count := func() int {
		return countEntries(func(r ref) bool { e := r.get(); return e != nil && e != x && Contains(e, x) })
	}
	if n := buildAndCount(build, count); n == 0 {
		t.Fatal("no live entry for a node just built")
	}
	CollectUnused()
	if n := count(); n != 0 {
		t.Errorf("%d entries of dropped nodes left after CollectUnused", n)
	}
}

// buildAndCount builds a node, counts entries while it is alive, and drops
// it on return: no slot of the caller's frame can keep it alive (the race
// detector's instrumentation can keep a local's old value in one).
//
//go:noinline
func buildAndCount(build func() Expr, count func() int) int {
	e := build()
	n := count()
	runtime.KeepAlive(e)
	return n
}

// A sweep works on what the shard gained since the sweep before: with no
// new entries it leaves a dead entry in place, until the fullEvery-th
// sweep or until half the shard's size has been weakened since the last
// full pass (see intern.go). The shard here is a local one, so that the
// sweeper's sweeps of the table do not interfere.
func TestInternSweepAmortised(t *testing.T) {
	var s shard
	var live []*Symbol
	for i := range 100 {
		n := &Symbol{name: "live"}
		n.hash = uint64(i)
		live = append(live, n)
		s.add(n.hash, n.weaken())
	}
	const deadHash = 1000
	s.add(deadHash, deadWeakEntry())
	for range 5 {
		runtime.GC()
	}
	if s.entry(deadHash).get() != nil {
		t.Fatal("the dropped node was not collected")
	}

	for i := 1; i < fullEvery; i++ {
		s.sweep(false)
		if s.entry(deadHash) == nil {
			t.Fatalf("sweep %d with nothing new made a full pass", i)
		}
	}
	s.sweep(false)
	if s.entry(deadHash) != nil {
		t.Fatalf("the dead entry survived %d sweeps", fullEvery)
	}
	if s.used != len(live) {
		t.Fatalf("%d entries left, want the %d live ones", s.used, len(live))
	}

	// Weakening half the shard's size makes the next sweep a full pass.
	s.add(deadHash, deadWeakEntry())
	runtime.GC()
	for i := range 120 {
		n := &Symbol{name: "young"}
		n.hash = uint64(2000 + i)
		live = append(live, n)
		s.add(n.hash, n)
		s.strong++
	}
	s.sweep(false) // weakens the 120
	if s.strong != 0 {
		t.Fatal("strong entries counted after a sweep")
	}
	for _, n := range live {
		if _, strong := s.entry(n.hash).(Expr); strong {
			t.Fatalf("entry %d is still strong after a sweep", n.hash)
		}
	}
	if s.entry(deadHash) == nil {
		t.Fatal("a full pass before the young entries were weakened")
	}
	s.sweep(false) // 2*120 >= 221 entries: a full pass
	if s.entry(deadHash) != nil {
		t.Error("no full pass after half the shard was weakened")
	}
	runtime.KeepAlive(live)
}

// deadWeakEntry returns a weak entry whose node nothing references.
//
//go:noinline
func deadWeakEntry() ref {
	n := &Symbol{name: "dead"}
	return n.weaken()
}

// sortByAddress sorts by address whatever the spread of the addresses (one
// radix pass or several, equal addresses, a single entry).
func TestSortByAddress(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		n      int
		spread uint64
	}{{0, 1}, {1, 1}, {2, 1}, {100, 1}, {1000, 1 << 10}, {1000, 1 << 30}, {5000, 1 << 47}, {300, math.MaxUint64}} {
		xs := make([]nodeAddr, c.n)
		for i := range xs {
			xs[i] = nodeAddr{addr: uintptr(0x1000 + rng.Uint64N(c.spread)), pos: int32(i)}
		}
		got, _ := sortByAddress(slices.Clone(xs), nil)
		want := slices.Clone(xs)
		slices.SortStableFunc(want, func(a, b nodeAddr) int { return cmp.Compare(a.addr, b.addr) })
		if !slices.Equal(got, want) {
			t.Errorf("%d addresses spread over %d: not sorted (or not stably)", c.n, c.spread)
		}
	}
}

// The shard's open-addressing table keeps every live entry reachable from
// its hash's home slot through growth, deletions of dead entries (with
// runs that wrap around the end of the table) and shrinking, with hashes
// drawn from a small range so that runs are long and hashes repeat.
func TestShardTableRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 20 {
		var s shard
		var live []*Symbol
		n := 50 + rng.IntN(3000)
		spread := uint64(1 + rng.IntN(4*n))
		for i := range n {
			h := rng.Uint64N(spread) * shardCount
			if rng.IntN(3) == 0 {
				s.add(h, deadWeakEntry())
				continue
			}
			x := &Symbol{name: "live"}
			x.hash = h
			live = append(live, x)
			if i%2 == 0 {
				s.add(h, x)
			} else {
				s.add(h, x.weaken())
			}
		}
		runtime.GC()
		s.removeDead()
		if s.used != len(live) {
			t.Fatalf("round %d: %d entries after removeDead, want the %d live ones", round, s.used, len(live))
		}
		if 4*s.used > 3*len(s.slots) {
			t.Fatalf("round %d: %d entries in %d slots", round, s.used, len(s.slots))
		}
		for _, x := range live {
			found := false
			n := len(s.slots)
			for i := home(x.hash, n); s.slots[i].r != nil; i = next(i, n) {
				if s.slots[i].r.get() == Expr(x) {
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("round %d: live entry of hash %#x not reachable from its home", round, x.hash)
			}
		}
		runtime.KeepAlive(live)
	}
}

// Interned counts the nodes made, and Reserve makes room in every shard
// for its share of the nodes it is told of, up to maxReserve.
func TestInternedAndReserve(t *testing.T) {
	before := Interned()
	var keep []Expr
	for i := range 300 {
		keep = append(keep, Sym("interned_"+strconv.Itoa(i)))
	}
	if got := Interned() - before; got < 300 {
		t.Errorf("Interned grew by %d after 300 new symbols", got)
	}
	runtime.KeepAlive(keep)

	// No collection meanwhile: the sweep after one may shrink a table
	// that a second pass finds as empty (see removeDead).
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	const n = 64 * 5000
	Reserve(n)
	for i := range table {
		s := &table[i]
		s.mu.Lock()
		free := 3*len(s.slots)/4 - s.used
		s.mu.Unlock()
		if free < n/shardCount {
			t.Fatalf("shard %d has room for %d more entries after Reserve(%d)", i, free, n)
		}
	}
}

// identical is == on nodes: the same node, whatever its type, and nothing
// else, nil included.
func TestIdentical(t *testing.T) {
	x, y := Sym("identical_x"), Sym("identical_y")
	nodes := []Expr{nil, x, y, Int(3), Add(x, y), Mul(x, y), Pow(x, Int(2)), Apply(Exp, x)}
	for _, a := range nodes {
		for _, b := range nodes {
			if identical(a, b) != (a == b) {
				t.Errorf("identical(%v, %v) = %v", a, b, identical(a, b))
			}
		}
	}
	if !identical(Add(x, y), Add(y, x)) {
		t.Error("the same sum built twice is not identical")
	}
}

// prefetchSlot (assembly on amd64) computes home's slot, so that it loads
// the slot a look-up reads first, whether it loads it to write (where the
// processor can) or to read; and PrefetchSym changes nothing.
func TestPrefetchSlot(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	defer func(w bool) { slotWrite = w }(slotWrite)
	for _, write := range []bool{false, slotWrite} {
		slotWrite = write
		for _, n := range []int{0, 1, 2, 3, 64, 100, 4177, 1 << 20, 1<<20 + 7} {
			slots := make([]slot, n)
			for range 1000 {
				h := rng.Uint64()
				if got := prefetchSlot(&slots, h); n > 0 && got != home(h, n) || n == 0 && got != 0 {
					t.Fatalf("%d slots, hash %#x, for writing %v: prefetchSlot = %d, home = %d", n, h, write, got, home(h, n))
				}
			}
		}
	}
	// Not Interned() before and after: a collection the tables above
	// start lets the sweeper remove entries meanwhile.
	// A name of its own each run (go test -count).
	prefetchRuns++
	name := "prefetched_name_" + strconv.Itoa(prefetchRuns)
	named := func(r ref) bool {
		s, ok := r.get().(*Symbol)
		return ok && s.name == name
	}
	PrefetchSym(name)
	if countEntries(named) != 0 {
		t.Fatal("PrefetchSym made a node")
	}
	if x := Sym(name); x.Name() != name {
		t.Fatalf("Sym after PrefetchSym = %v", x)
	}
	// PrefetchNumber, of a small integer (kept apart), of others and of
	// a big one, makes no node either.
	value := NewRat(987654321, int64(1000003+prefetchRuns))
	numbered := func(r ref) bool {
		n, ok := r.get().(*Number)
		return ok && n.v.Equal(value)
	}
	large, _ := new(big.Rat).SetString("123456789012345678901234567890/7")
	for _, v := range []Rat{RatInt(3), RatInt(-1 << 40), value, RatFromBig(large)} {
		PrefetchNumber(v)
	}
	if countEntries(numbered) != 0 {
		t.Fatal("PrefetchNumber made a node")
	}
	if n := NumberOf(value); !n.v.Equal(value) {
		t.Fatalf("NumberOf after PrefetchNumber = %v", n)
	}
}

// prefetchRuns counts the runs of TestPrefetchSlot.
var prefetchRuns int

// termKeyHash takes a product's own hash for the key of a term without a
// number factor: it must be the hash of the product of the key's factors
// that the collector would compute, for every kind of term.
func TestTermKeyHash(t *testing.T) {
	x, y, z := Sym("x"), Sym("y"), Sym("z")
	for _, term := range []Expr{
		x,
		Mul(x, y),
		Mul(x, y, Pow(z, Int(3))),
		Mul(Int(5), x),
		Mul(Int(-2), x, y),
		Mul(NumberOf(NewRat(3, 7)), x, Apply(Exp, y), z),
		Apply(Exp, x),
	} {
		_, one, rest := termFactors(term)
		want := hashChildren(kindProduct, rest)
		if one != nil {
			want = one.hdr().hash
		}
		if got := termKeyHash(term, one, rest); got != want {
			t.Errorf("termKeyHash(%v) = %#x, want %#x", term, got, want)
		}
	}
}

// TestShardLayout checks that a shard's slots header and the fields every
// insertion writes lie 64 bytes apart, in a shard of 128 bytes (see
// shard): two cache lines, whatever the table's alignment.
func TestShardLayout(t *testing.T) {
	var s shard
	if got := unsafe.Sizeof(s); got != 128 {
		t.Errorf("a shard is %d bytes, want 128", got)
	}
	if got := unsafe.Offsetof(s.mu); got != 64 {
		t.Errorf("the lock is at offset %d, want 64", got)
	}
	if end := unsafe.Offsetof(s.strong) + unsafe.Sizeof(s.strong); end > 128 {
		t.Errorf("the strong count ends at offset %d: the hot fields spill past the shard's second line", end)
	}
}

// TestCallsHash checks that the hash PrefetchCalls loads the slot of is
// the one the calls then get: a chain of calls of functions with and
// without exact values, on a variable and on a sum, and with an abstract
// function (whose key differs from its name); a nil function ends the
// chain.
func TestCallsHash(t *testing.T) {
	fn := func(name string) *Func {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no function %s", name)
		}
		return f
	}
	g := Abstract("g")
	x := Sym("x")
	for _, fs := range [][]*Func{
		{fn("sin")},
		{fn("exp"), fn("cos"), fn("sin")},
		{fn("sigmoid"), g, fn("tanh"), fn("log")},
	} {
		for _, arg := range []Expr{x, Add(x, Int(3))} {
			e := arg
			for i := len(fs) - 1; i >= 0; i-- {
				e = Apply(fs[i], e)
			}
			if h, ok := callsHash(fs, arg); !ok || h != e.hdr().hash {
				t.Errorf("callsHash of %v = %x, %v; the node's hash is %x", e, h, ok, e.hdr().hash)
			}
			// The hint of the chain without its outermost call, taken
			// one level out, is the whole chain's.
			if c := PrefetchCalls(fs[1:], arg).Out(fs[0]); !c.ok || c.h != e.hdr().hash {
				t.Errorf("the hint of %v one level out = %x, %v; the node's hash is %x", e, c.h, c.ok, e.hdr().hash)
			}
			inner := e.(*Call).args[0]
			if !Extends(e, fs[0], inner) || Extends(e, fs[0], arg) && inner != arg || Extends(inner, fs[0], arg) && len(fs) > 1 && fs[1] != fs[0] {
				t.Errorf("Extends is wrong on %v", e)
			}
		}
	}
	if c := PrefetchCalls([]*Func{fn("sin")}, x).Out(nil); c.ok {
		t.Error("a hint goes on through a nil function")
	}
	if Extends(Apply(fn("cos"), x), fn("sin"), x) || Extends(x, fn("sin"), x) || Extends(Apply(fn("sin"), Add(x, One)), fn("sin"), x) {
		t.Error("Extends takes another node for a call of its argument")
	}
	if _, ok := callsHash([]*Func{fn("sin"), nil}, x); ok {
		t.Error("callsHash goes on through a nil function")
	}
}

// TestOperationHash checks the hash PrefetchProduct and PrefetchSum load
// the slot of: the node's, where the operands are in their canonical
// order but for the number, wherever it is among them.
func TestOperationHash(t *testing.T) {
	x, y, z := Sym("x"), Sym("y"), Sym("z")
	tests := []struct {
		kind uint64
		xs   []Expr
		e    Expr
	}{
		{kindProduct, []Expr{Int(-48), Pow(x, Int(5)), Pow(y, Int(3)), z}, Mul(Int(-48), Pow(x, Int(5)), Pow(y, Int(3)), z)},
		{kindProduct, []Expr{x, y, Int(7)}, Mul(Int(7), x, y)},
		{kindProduct, []Expr{x, Apply(Exp, y)}, Mul(x, Apply(Exp, y))},
		{kindSum, []Expr{x, Int(3)}, Add(x, Int(3))},
		{kindSum, []Expr{x, Mul(Int(2), y), Int(-1)}, Add(x, Mul(Int(2), y), Int(-1))},
	}
	for _, tt := range tests {
		if got := operationHash(tt.kind, tt.xs); got != tt.e.hdr().hash {
			t.Errorf("operationHash of %v = %x; the node's hash is %x", tt.e, got, tt.e.hdr().hash)
		}
	}
	// Another order is another slot: a hint for nothing, which changes
	// nothing.
	if operationHash(kindProduct, []Expr{y, x}) == Mul(x, y).hdr().hash {
		t.Error("operationHash ignores the order of the operands")
	}
}
