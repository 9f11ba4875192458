package symbolic

import (
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
	"weak"

	"github.com/symdiff/symdiff/internal/pages"
)

// The intern table maps a structural hash to the live node with that hash.
// It holds nodes weakly: a node that no caller references any more is
// collected, and its entry, left pointing at nothing, is swept away after
// the garbage collection that collected it (see sweeper). The table is
// sharded by hash so that goroutines building expressions in parallel
// rarely contend.
//
// A new node is first held strongly: making a weak pointer costs more than
// making the node (the runtime records it on the node's memory span, under a
// lock, in a list it searches), and most work builds a batch of nodes that
// live at least until the next collection anyway. The sweep after each
// collection turns the strong entries into weak ones, off the building
// goroutine. A node dropped at once is therefore collected one collection
// later than it would be otherwise: the table can keep alive, until the
// next cycle, the nodes made since the last one.
//
// The sweep after a collection weakens the entries made since the one
// before, which it finds by reading the slots of each shard that has any
// (a shard counts them; see strongNodes), and removes the entries of
// collected nodes only when a shard has had as many entries weakened since
// its last full pass as half its size, or every fullEvery-th sweep. A
// sweep holds each shard's lock while it works on it, so a full pass that
// removes dead entries after every collection (a weak pointer read per
// entry) stalled every constructor for as long as it took, a cost that
// grows with the live table, not with the work done (see
// docs/architecture.md); with this rule those passes cost O(1) per node
// made, amortised, and the entries of dead nodes are at most about half
// the table's live size, gone within fullEvery collections. The read of
// the slots for the strong entries is a comparison of each entry's type
// word, in order, about a nanosecond a slot: W4's gradient right after a
// collection, with 180,000 live nodes, took 7.4-8.2 ms (median of 15)
// against 7.2-7.6 with a list of the nodes made, which the two goroutines
// of a split parse wrote at once (its last cache line passed between
// their cores at nearly every node: the 1 MB parse 7-10% slower).

const shardCount = 64

type shard struct {
	// slots is an open-addressing table of entries, probed linearly from
	// a hash's home slot (see home): a look-up and the insertion after it
	// share one probe, where a map took two, and it allocates nothing
	// but the array. Two live nodes whose 64-bit hashes collide
	// (astronomically rare, but handled) have two slots of the same
	// hash. It changes only when the table is resized, and is read
	// without the lock by prefetchSlot: it has a cache line of its own,
	// apart from the fields every insertion writes (a line that two
	// goroutines building nodes at once pass back and forth).
	slots []slot
	_     [64 - 24]byte

	mu sync.Mutex
	// used counts the occupied slots, entries of collected nodes
	// included until removeDead drops them.
	used int
	// strong counts the strong entries: the nodes made since the last
	// sweep, which the next one finds by a scan of the slots (see
	// sweeper.sweep).
	strong int
	// aged counts the entries weakened by earlier sweeps since the last
	// full pass (the ones whose nodes may have been collected since), and
	// sweeps the sweeps since then.
	aged, sweeps int
	// sparse: the last full pass found the table at most an eighth full
	// (see removeDead).
	sparse bool
	_      [23]byte // to 128 bytes: the next shard's slots on a line of their own
}

// A slot of a shard's table: an entry r and its node's hash h, or, with r
// nil, an empty slot.
type slot struct {
	h uint64
	r ref
}

// fibonacci is 2^64 divided by the golden ratio: multiplying a hash by it
// (Fibonacci hashing) mixes all of its bits into the top ones, which the
// tables take their slots from. prefetch_amd64.s spells it too.
const fibonacci = 0x9e3779b97f4a7c15

// home returns the slot where the probe for hash h starts in a table of n
// slots: the high word of the Fibonacci-hashed hash times n (Lemire's
// reduction), so that a table can have any length and Reserve makes what
// it is asked for, not up to twice that. (The low bits of h, which chose
// the shard, are the same for all of a shard's hashes.)
func home(h uint64, n int) int {
	hi, _ := bits.Mul64(h*fibonacci, uint64(n))
	return int(hi)
}

// cyclic returns the distance from slot i forward to slot j in a table of
// n slots.
func cyclic(i, j, n int) int {
	if d := j - i; d >= 0 {
		return d
	}
	return j - i + n
}

// next returns the slot after i in a table of n slots, cyclically.
func next(i, n int) int {
	if i++; i == n {
		return 0
	}
	return i
}

// minSlots is the size of a shard's table when it gets its first entry.
// A short command interns a few hundred nodes over the 64 shards (the
// package's constants and small integers, the rules it uses): 8 slots
// each is 12 KB of tables where 64 was 96 KB, two dozen pages that every
// process touched for the first time at start-up (a page fault each, see
// docs/benchmarks.md, "Start-up"). A large input reserves its room at
// once (Reserve).
const minSlots = 8

// maxReserve is the most nodes Reserve makes room for: about 64 MB of
// tables.
const maxReserve = 1 << 21

// add records entry r of hash h in a free slot, growing the table if it
// is full (more than three quarters used).
func (s *shard) add(h uint64, r ref) {
	if 4*(s.used+1) > 3*len(s.slots) {
		s.resize(max(minSlots, 2*len(s.slots)), true)
	}
	n := len(s.slots)
	i := home(h, n)
	for s.slots[i].r != nil {
		i = next(i, n)
	}
	s.slots[i] = slot{h, r}
	s.used++
}

// resize moves the entries to a new table of n slots, touching its pages
// first if touch is set (see pages.Touch): set where the table grows
// because it is filling up, or is made to fill.
func (s *shard) resize(n int, touch bool) {
	old := s.slots
	s.slots, s.used, s.sparse = make([]slot, n), 0, false
	if touch {
		pages.Touch(s.slots)
	}
	for _, sl := range old {
		if sl.r != nil {
			s.add(sl.h, sl.r)
		}
	}
}

// entry returns the first entry with hash h in the probe order, or nil.
func (s *shard) entry(h uint64) ref {
	if len(s.slots) == 0 {
		return nil
	}
	n := len(s.slots)
	for i := home(h, n); s.slots[i].r != nil; i = next(i, n) {
		if s.slots[i].h == h {
			return s.slots[i].r
		}
	}
	return nil
}

// fullEvery is the number of sweeps after which a shard's sweep makes a
// full pass over it whatever its counts.
const fullEvery = 16

var table [shardCount]shard

// A ref is an entry of the intern table: a node itself (a strong entry,
// for nodes made since the last sweep) or a weak pointer to one. Values of
// it are comparable: two refs are == when they are the same entry.
type ref interface {
	get() Expr
}

type wref[T any, P interface {
	*T
	Expr
}] struct{ p weak.Pointer[T] }

func (w wref[T, P]) get() Expr {
	if v := w.p.Value(); v != nil {
		return P(v)
	}
	return nil
}

// The strong entries: each node is its own entry, and weaken makes the weak
// one.

func (n *Number) get() Expr  { return n }
func (n *Symbol) get() Expr  { return n }
func (n *Sum) get() Expr     { return n }
func (n *Product) get() Expr { return n }
func (n *Power) get() Expr   { return n }
func (n *Call) get() Expr    { return n }

func (n *Number) weaken() ref  { return wref[Number, *Number]{weak.Make(n)} }
func (n *Symbol) weaken() ref  { return wref[Symbol, *Symbol]{weak.Make(n)} }
func (n *Sum) weaken() ref     { return wref[Sum, *Sum]{weak.Make(n)} }
func (n *Product) weaken() ref { return wref[Product, *Product]{weak.Make(n)} }
func (n *Power) weaken() ref   { return wref[Power, *Power]{weak.Make(n)} }
func (n *Call) weaken() ref    { return wref[Call, *Call]{weak.Make(n)} }

// match returns the node of entry r if it is a live node of type P for
// which same holds.
func match[T any, P interface {
	*T
	Expr
}](r ref, same func(P) bool) P {
	switch r := r.(type) {
	case P:
		if same(r) {
			return r
		}
	case wref[T, P]:
		if v := r.p.Value(); v != nil && same(P(v)) {
			return P(v)
		}
	}
	return nil
}

// intern returns the live node with hash h for which same reports true, or
// else makes one with mk, records it and returns it. T is the node type.
// The probe that looks for the node also finds where a new one goes: the
// slot of a collected node with the same hash (the same expression made
// again, most often), or else the empty slot that ends the probe.
func intern[T any, P interface {
	*T
	Expr
}](h uint64, same func(P) bool, mk func() P) P {
	s := &table[h%shardCount]
	s.mu.Lock()
	free := -1
	if len(s.slots) > 0 {
		n := len(s.slots)
		for i := home(h, n); s.slots[i].r != nil; i = next(i, n) {
			sl := &s.slots[i]
			if sl.h != h {
				continue
			}
			if v := match[T](sl.r, same); v != nil {
				s.mu.Unlock()
				return v
			}
			if free < 0 && sl.r.get() == nil {
				free = i
			}
		}
	}
	n := mk()
	n.hdr().hash = h
	if free >= 0 {
		s.slots[free].r = n // replacing a collected node
	} else {
		s.add(h, n)
	}
	s.strong++
	s.mu.Unlock()
	return n
}

// sweep turns the strong entries into weak ones and, if full or the
// shard is due a full pass (see the top of this file), removes the entries
// of collected nodes.
func (s *shard) sweep(full bool) {
	new(sweeper).sweep([]*shard{s}, full)
}

// A sweeper sweeps shards (see sweep). Its slices are scratch space, kept
// from one sweep to the next.
type sweeper struct {
	taken [][]Expr   // the nodes of the strong entries found in each shard
	base  []int      // the index in weak of each shard's first node
	weak  []ref      // the weak entries made, shard by shard
	order []nodeAddr // the nodes in the order in which they are weakened
	tmp   []nodeAddr
}

// A nodeAddr is the address of a node made since the last sweep and where it is in
// sweeper.taken. It holds no pointer, so the slices of them that a sweep
// sorts are not scanned by the garbage collector.
type nodeAddr struct {
	addr       uintptr
	shard, pos int32
}

// sweep sweeps the shards: each is pruned (removeDead) if full or if it is
// due a full pass, and the strong entries of all of them are weakened
// together, in decreasing order of their nodes' addresses. The runtime
// keeps the weak handles of a span's objects in a list sorted by address,
// which each weak.Make walks from its lowest address to its place: made in
// increasing order, or in the order of their hashes as the shards list
// them, the handles of the k nodes of a span cost about k²/2 steps; in
// decreasing order each stops at once (most spans are filled with nodes
// made between two sweeps). Each shard's lock is held while its strong entries are found and
// while their entries are replaced, not while the handles are made.
func (w *sweeper) sweep(shards []*shard, full bool) {
	if len(w.taken) < len(shards) {
		w.taken = make([][]Expr, len(shards))
		w.base = make([]int, len(shards)+1)
	}
	for i, s := range shards {
		s.mu.Lock()
		s.sweeps++
		if full || s.sweeps >= fullEvery || 2*s.aged >= s.used {
			s.removeDead()
			s.aged, s.sweeps = 0, 0
		}
		// The entries weakened now may die from the next collection on.
		w.taken[i] = s.strongNodes(w.taken[i][:0])
		s.aged += len(w.taken[i])
		s.mu.Unlock()
		w.base[i+1] = w.base[i] + len(w.taken[i])
	}
	total := w.base[len(shards)]
	w.order = slices.Grow(w.order[:0], total)
	for i, ns := range w.taken[:len(shards)] {
		for j, n := range ns {
			w.order = append(w.order, nodeAddr{address(n), int32(i), int32(j)})
		}
	}
	w.order, w.tmp = sortByAddress(w.order, w.tmp)
	w.weak = slices.Grow(w.weak[:0], total)[:total]
	for _, o := range slices.Backward(w.order) {
		w.weak[w.base[o.shard]+int(o.pos)] = w.taken[o.shard][o.pos].weaken()
	}
	for i, s := range shards {
		ns := w.taken[i]
		ws := w.weak[w.base[i]:w.base[i+1]]
		s.mu.Lock()
		for j, n := range ns {
			s.replace(n, ws[j])
		}
		s.mu.Unlock()
		clear(ns) // hold no node until the next sweep
		if cap(ns) > 1024 {
			ns = nil // do not keep a burst's capacity
		}
		w.taken[i] = ns[:0]
	}
	clear(w.weak)
	if cap(w.order) > 1<<16 {
		w.order, w.tmp, w.weak = nil, nil, nil
	}
}

// strongNodes appends to ns the nodes of the shard's strong entries and
// sets their count to 0, scanning the slots until it has found them all.
// A scan rather than a list of the nodes made: where two goroutines build
// nodes at once (a split parse), the list's last cache line passed
// between their cores at nearly every node, as the lock's line does; the
// scan reads the slots in order, about a nanosecond each, once per
// collection, against the collection's own work on every live node.
func (s *shard) strongNodes(ns []Expr) []Expr {
	if s.strong == 0 {
		return ns
	}
	ns = slices.Grow(ns, s.strong)
	want := len(ns) + s.strong
	for i := range s.slots {
		// A type switch on the entry's concrete type: a comparison of
		// its type word for each slot, where an assertion to Expr would
		// look the method table up (done only for the entries found).
		switch r := s.slots[i].r; r.(type) {
		case *Number, *Symbol, *Sum, *Product, *Power, *Call:
			ns = append(ns, r.(Expr))
		default:
			continue
		}
		if len(ns) == want {
			break
		}
	}
	s.strong = 0
	return ns
}

// address is the address of node n, by which a sweep orders the nodes it
// weakens.
func address(n Expr) uintptr { return uintptr(unsafe.Pointer(n.hdr())) }

// sortByAddress sorts xs by increasing address, a radix sort on the bits in
// which the addresses differ (a few passes of 11 bits: the nodes made
// between two sweeps lie in a few tens of megabytes), and returns the
// sorted slice and the other buffer, tmp, for reuse.
func sortByAddress(xs, tmp []nodeAddr) (sorted, spare []nodeAddr) {
	if len(xs) < 2 {
		return xs, tmp
	}
	lo, hi := xs[0].addr, xs[0].addr
	for _, x := range xs {
		lo, hi = min(lo, x.addr), max(hi, x.addr)
	}
	tmp = slices.Grow(tmp[:0], len(xs))[:len(xs)]
	const bits = 11
	var count [1 << bits]int
	for shift := uint(0); (hi-lo)>>shift != 0; shift += bits {
		clear(count[:])
		for _, x := range xs {
			count[(x.addr-lo)>>shift&(1<<bits-1)]++
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for _, x := range xs {
			d := (x.addr - lo) >> shift & (1<<bits - 1)
			tmp[count[d]] = x
			count[d]++
		}
		xs, tmp = tmp, xs
	}
	return xs, tmp
}

// replace replaces the strong entry of node n by the weak entry w. A strong
// entry is never removed or replaced (its node is alive), so it is in the
// probe of n's hash.
func (s *shard) replace(n Expr, w ref) {
	h := n.hdr().hash
	size := len(s.slots)
	for i := home(h, size); ; i = next(i, size) {
		if s.slots[i].r == ref(n) {
			s.slots[i].r = w
			return
		}
	}
}

// removeDead removes the weak entries whose nodes have been collected, in
// place, and shrinks the table when at most an eighth of it has been used
// at two passes in a row.
func (s *shard) removeDead() {
	if s.used == 0 {
		return
	}
	// Start after an empty slot (a quarter of them are), so that no run
	// of occupied slots wraps around the start: deleteAt moves entries
	// back only within their run.
	e := 0
	for s.slots[e].r != nil {
		e++
	}
	for c, i := 0, e; c < len(s.slots); c++ {
		i = next(i, len(s.slots))
		for s.slots[i].r != nil && s.slots[i].r.get() == nil {
			s.deleteAt(i)
		}
	}
	// Shrink a table found at most an eighth full by two full passes in
	// a row: one pass can come right after Reserve made room that the
	// work under way is about to fill.
	sparse := len(s.slots) > minSlots && 8*s.used < len(s.slots)
	if sparse && s.sparse {
		s.resize(max(minSlots, 2*s.used), false)
		sparse = false
	}
	s.sparse = sparse
}

// deleteAt empties slot i and moves back the entries after it in its run
// that their probes allow to move (backward-shift deletion), so that every
// entry stays reachable from its home without markers of deleted entries.
func (s *shard) deleteAt(i int) {
	n := len(s.slots)
	for j := next(i, n); s.slots[j].r != nil; j = next(j, n) {
		// The entry at j may move to i unless its home lies cyclically in
		// (i, j].
		k := home(s.slots[j].h, n)
		if cyclic(k, j, n) >= cyclic(i, j, n) {
			s.slots[i] = s.slots[j]
			i = j
		}
	}
	s.slots[i] = slot{}
	s.used--
}

// Interned returns the number of entries of the intern table: the nodes
// made and not yet swept away after their collection. Its growth over a
// piece of work is the number of nodes the work made (about: other
// goroutines' nodes count too), which a caller about to do more of the
// same work can pass to Reserve.
func Interned() int {
	n := 0
	for i := range table {
		s := &table[i]
		s.mu.Lock()
		n += s.used
		s.mu.Unlock()
	}
	return n
}

// Reserve makes room in the intern table for about n more nodes, so that
// building them does not grow its tables step by step: the parser calls it
// before reading a large input. It is a hint only; interning works the same
// without it. The room costs about 32 bytes a node, made at once (the
// slots); n is taken as at most maxReserve.
//
// The shards share the nodes unevenly: each gets its share and four
// standard deviations of it more, so that few shards outgrow their room
// when n nodes come (one that does doubles its table, twice the room it
// was given).
func Reserve(n int) {
	n = min(max(n, 0), maxReserve)
	per := n/shardCount + 4*int(math.Sqrt(float64(n/shardCount))) + 1
	for i := range table {
		s := &table[i]
		s.mu.Lock()
		want := max(minSlots, (4*(s.used+per)+2)/3)
		if want > len(s.slots) {
			s.resize(want, true)
		}
		s.mu.Unlock()
	}
}

// The sweeper runs after every garbage collection: a sentinel object with
// a cleanup is dropped, and when a collection frees it, the cleanup sweeps
// the table and drops a new sentinel. One cleanup per collection costs far
// less than one per node.
type sentinel struct {
	_ *int // a pointer, so the object is not batched by the tiny allocator
	_ int
}

func init() { armSweeper() }

func armSweeper() {
	runtime.AddCleanup(&sentinel{}, func(struct{}) {
		sweepMu.Lock()
		sweepAll(false)
		sweepMu.Unlock()
		armSweeper()
	}, struct{}{})
}

// sweepMu serialises the sweeper's sweeps with CollectUnused.
var sweepMu sync.Mutex

// sweepAll sweeps every shard; full forces full passes.
func sweepAll(full bool) {
	tableSweeper.sweep(allShards, full)
}

// allShards lists the table's shards for sweepAll; tableSweeper sweeps
// them, under sweepMu.
var (
	allShards = func() []*shard {
		ss := make([]*shard, len(table))
		for i := range table {
			ss[i] = &table[i]
		}
		return ss
	}()
	tableSweeper sweeper
)

// CollectUnused runs the garbage collector until every expression node
// that nothing references any more has been collected and its entry
// removed from the intern table. The table holds a new node strongly until
// the collection after it was made (see intern.go), so a single
// runtime.GC can leave recently dropped nodes alive, to be found again by
// the next constructor call. CollectUnused is for programs that measure:
// a benchmark that times work from scratch calls it between runs, a test
// that checks memory calls it before counting. It takes two collections
// and two sweeps of the table.
func CollectUnused() {
	// No sweep of the sweeper's may run meanwhile: while it looks at an
	// entry it holds the node, which would survive the collection.
	sweepMu.Lock()
	defer sweepMu.Unlock()
	runtime.GC()
	sweepAll(false) // the strong entries become weak
	runtime.GC()
	sweepAll(true) // the entries of the nodes just collected go
}

// Hashing: FNV-style mixing of 64-bit words, with a final avalanche. Hashes
// depend only on structure, never on addresses, so they are the same in
// every run.

const (
	hashSeed  = 0xcbf29ce484222325
	hashPrime = 0x100000001b3
)

const (
	kindNumber uint64 = iota + 1
	kindSymbol
	kindSum
	kindProduct
	kindPower
	kindCall
)

func mix(h, x uint64) uint64 {
	h ^= x
	h *= hashPrime
	h ^= h >> 29
	return h
}

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * hashPrime
	}
	return mix(h, uint64(len(s)))
}

func hashChildren(kind uint64, xs []Expr) uint64 {
	h := mix(hashSeed, kind)
	for _, x := range xs {
		h = mix(h, x.hdr().hash)
	}
	return h
}

func sameExprs(a, b []Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !identical(a[i], b[i]) {
			return false
		}
	}
	return true
}

// identical reports whether a and b are the same node: a == b, by the data
// words of the interfaces alone. Every Expr is a pointer to an interned
// node, so two are equal exactly when they point to the same one, whatever
// their types; comparing the words skips the runtime's comparison of
// interfaces (a call, once the types are equal), which the constructors'
// look-ups and Compare make for every operand.
func identical(a, b Expr) bool {
	return dataWord(a) == dataWord(b)
}

// Raw node makers: they intern but do not canonicalise. The constructors in
// construct.go call them once operands are in canonical form.

// The integers from -intRange to intRange-1 (coefficients, exponents,
// the -1 of a negation, the constants of a long input's terms) are kept
// apart from the intern table, in blocks of intBlock consecutive ones,
// each made whole the first time one of its integers is: making one needs
// no lock, no hash table probe, and, where a long input counts up (the
// quotients (x + k)/(y - k - 1) of the 1 MB parse), no cache miss but
// once a block. A block once made lives as long as the process; so does
// every integer of it. The blocks are the only place these integers are
// made, from the first (the package's variables Zero, One, ...), so each
// has one node, as interning requires.
const (
	intRange = 1 << 16
	intBlock = 128 // 4 KB of nodes
)

var intBlocks [2 * intRange / intBlock]atomic.Pointer[[intBlock]Number]

// smallIntNode returns the node of the integer n, -intRange <= n <
// intRange, from its block, making the block if no goroutine has.
func smallIntNode(n int64) *Number {
	i := int(n + intRange)
	b := intBlocks[i/intBlock].Load()
	if b == nil {
		b = makeIntBlock(i / intBlock)
	}
	return &b[i%intBlock]
}

// makeIntBlock makes block k of the integers and publishes it; where
// another goroutine published one first, it returns that one.
func makeIntBlock(k int) *[intBlock]Number {
	b := new([intBlock]Number)
	for j := range b {
		v := RatInt(int64(k*intBlock+j) - intRange)
		b[j] = Number{header{numberHash(v)}, v}
	}
	if intBlocks[k].CompareAndSwap(nil, b) {
		return b
	}
	return intBlocks[k].Load()
}

// isSmallInt reports whether v is an integer kept in the blocks.
func isSmallInt(v Rat) bool {
	return v.b == nil && v.d == 1 && v.n >= -intRange && v.n < intRange
}

func newNumber(v Rat) *Number {
	if isSmallInt(v) {
		return smallIntNode(v.n)
	}
	return internNumber(v, numberHash(v))
}

// numberHash is the hash of the number v's node.
func numberHash(v Rat) uint64 {
	if v.b == nil {
		return mix(mix(mix(hashSeed, kindNumber), uint64(v.n)), uint64(v.d))
	}
	return hashString(mix(hashSeed, kindNumber), v.b.String())
}

// internNumber interns the number v whose hash is h.
func internNumber(v Rat, h uint64) *Number {
	return intern(h, func(x *Number) bool { return x.v.Equal(v) },
		func() *Number { return &Number{v: v} })
}

// hashBigInt is the hash newNumber gives an integer too large for an
// int64, whose decimal digits (without leading zeros) are digits: the hash
// of the text digits + "/1" that big.Rat's String writes, without writing
// it.
func hashBigInt(digits string) uint64 {
	h := mix(hashSeed, kindNumber)
	for i := 0; i < len(digits); i++ {
		h = (h ^ uint64(digits[i])) * hashPrime
	}
	h = (h ^ '/') * hashPrime
	h = (h ^ '1') * hashPrime
	return mix(h, uint64(len(digits)+2))
}

// PrefetchSym hints that Sym(name) is about to be called: it starts
// loading into the processor's cache the slot of the intern table where
// the variable name is looked up, without the table's lock and without
// waiting for it. On a large input every name is new and the table much
// larger than the cache, so each look-up waited for memory; the parser
// calls PrefetchSym as it reads a name, a couple of tokens before it makes
// the symbol, so that the two waits overlap. It is a hint: it changes
// nothing, and does nothing where the processor has no prefetch.
func PrefetchSym(name string) {
	h := hashString(mix(hashSeed, kindSymbol), name)
	_ = prefetchSlot(&table[h%shardCount].slots, h)
}

// PrefetchNumber hints that the number v is about to be made (a parser
// has read its literal): as PrefetchSym for a name, it starts loading the
// intern-table slot where v is looked up. The integers kept apart in
// blocks are not looked up, and need no hint.
func PrefetchNumber(v Rat) {
	if isSmallInt(v) {
		return
	}
	h := numberHash(v)
	_ = prefetchSlot(&table[h%shardCount].slots, h)
}

// PrefetchProduct hints that the product of xs is about to be made, and
// PrefetchSum the sum: each starts loading the slot of the intern table
// where the result would be looked up if it had the operands in the order
// given, a number first (as a parser reads them, x^2*y*3, x + 1), so
// that the wait for memory overlaps with Mul's or Add's canonicalisation
// of the operands. On a long input of new products and sums every such
// look-up missed the cache. Where the canonical result orders its
// operands otherwise, or merges some, the load was for nothing: they are
// hints and change nothing.
func PrefetchProduct(xs []Expr) { prefetchOperation(kindProduct, xs) }

// PrefetchSum: see PrefetchProduct.
func PrefetchSum(xs []Expr) { prefetchOperation(kindSum, xs) }

func prefetchOperation(kind uint64, xs []Expr) {
	h := operationHash(kind, xs)
	_ = prefetchSlot(&table[h%shardCount].slots, h)
}

// operationHash is the hash of the sum or product (kind) of xs in their
// order, the first number first: the node's where that order is the
// canonical one.
func operationHash(kind uint64, xs []Expr) uint64 {
	h := mix(hashSeed, kind)
	num := -1
	for i, x := range xs {
		if _, ok := x.(*Number); ok && num < 0 {
			num = i
			h = mix(h, x.hdr().hash)
		}
	}
	for i, x := range xs {
		if i != num {
			h = mix(h, x.hdr().hash)
		}
	}
	return h
}

// PrefetchCalls hints that fs[len(fs)-1](...(fs[0](x))...) is about to be
// made, the calls of fs around x, the innermost last: it computes the
// hashes the calls would have, each of the one inside it, and starts
// loading the slot of the intern table where the outermost is looked up.
// A parser reading sin(sin(...sin(x))) calls it as each level is made,
// for the level a few out, so that the waits for the slots overlap with
// the making of the levels between. It is a hint: it changes nothing,
// whether or not the calls are then made (a nil function ends the chain,
// a call whose arguments differ is another node). It returns the hint,
// from which the next level's costs one step (see CallHint).
func PrefetchCalls(fs []*Func, x Expr) CallHint {
	h, ok := callsHash(fs, x)
	if ok {
		_ = prefetchSlot(&table[h%shardCount].slots, h)
	}
	return CallHint{h, ok}
}

// A CallHint is the hash of a call PrefetchCalls (or Out) hinted at, so
// that the next level's hint costs one step: reading sin(sin(...sin(x))),
// the level made next is the call of the one just made, and the call
// prefetchAhead levels out of it is the one out of the last hint's. A
// parser takes that step only where the node it made is indeed the call
// of the one before (see Extends); the full PrefetchCalls otherwise.
type CallHint struct {
	h  uint64
	ok bool
}

// Out hints at f applied to the call c hinted at, as PrefetchCalls would
// for the chain one level longer, and returns its hint.
func (c CallHint) Out(f *Func) CallHint {
	if !c.ok || f == nil {
		return CallHint{}
	}
	h := callHash(f, c.h)
	_ = prefetchSlot(&table[h%shardCount].slots, h)
	return CallHint{h, true}
}

// Extends reports whether e is the call of f on prev alone: the node a
// chain's hint after prev's took as the next level.
func Extends(e Expr, f *Func, prev Expr) bool {
	c, ok := e.(*Call)
	return ok && c.fn == f && len(c.args) == 1 && identical(c.args[0], prev)
}

// callsHash is the hash of the call PrefetchCalls hints at: newCall's of
// each function of fs, innermost last, on the one inside it. False where
// a function is nil.
func callsHash(fs []*Func, x Expr) (uint64, bool) {
	h := x.hdr().hash
	for i := len(fs) - 1; i >= 0; i-- {
		if fs[i] == nil {
			return 0, false
		}
		h = callHash(fs[i], h)
	}
	return h, true
}

// callHash is newCall's hash of f applied to the one argument of hash h.
func callHash(f *Func, h uint64) uint64 {
	return hashString(mix(mix(hashSeed, kindCall), h), f.key())
}

func newSymbol(name string, constant bool) *Symbol {
	h := hashString(mix(hashSeed, kindSymbol), name)
	if constant {
		h = mix(h, 1)
	}
	return intern(h, func(x *Symbol) bool { return x.name == name && x.constant == constant },
		func() *Symbol { return &Symbol{name: name, constant: constant} })
}

func newSum(terms []Expr) *Sum {
	h := hashChildren(kindSum, terms)
	return intern(h, func(x *Sum) bool { return sameExprs(x.terms, terms) },
		func() *Sum { return &Sum{terms: terms} })
}

func newProduct(factors []Expr) *Product {
	h := hashChildren(kindProduct, factors)
	return intern(h, func(x *Product) bool { return sameExprs(x.factors, factors) },
		func() *Product { return &Product{factors: factors} })
}

// withOperands returns a new node of type T whose operands, a copy of xs,
// are set by set. Up to four operands are allocated with the node, in one
// object: one allocation for a new node instead of two. The operands
// live as long as the node either way.
func withOperands[T any](xs []Expr, set func(*T, []Expr)) *T {
	switch len(xs) {
	case 1:
		return pack(xs, set, func(p *packed[T, [1]Expr]) []Expr { return p.xs[:] })
	case 2:
		return pack(xs, set, func(p *packed[T, [2]Expr]) []Expr { return p.xs[:] })
	case 3:
		return pack(xs, set, func(p *packed[T, [3]Expr]) []Expr { return p.xs[:] })
	case 4:
		return pack(xs, set, func(p *packed[T, [4]Expr]) []Expr { return p.xs[:] })
	}
	n := new(T)
	set(n, slices.Clone(xs))
	return n
}

// packed is a node of type T and the array A of its operands, in one
// object.
type packed[T, A any] struct {
	node T
	xs   A
}

// pack returns the node of a new packed[T, A] whose operands, a copy of xs
// in the array that ops slices, are set by set.
func pack[T, A any](xs []Expr, set func(*T, []Expr), ops func(*packed[T, A]) []Expr) *T {
	p := new(packed[T, A])
	s := ops(p)
	copy(s, xs)
	set(&p.node, s)
	return &p.node
}

// newSumOf is newSum for terms that are the caller's: they are copied only
// when the sum is new.
func newSumOf(terms []Expr) *Sum {
	h := hashChildren(kindSum, terms)
	return intern(h, func(x *Sum) bool { return sameExprs(x.terms, terms) },
		func() *Sum { return withOperands(terms, func(n *Sum, ts []Expr) { n.terms = ts }) })
}

// newSumOwned is newSum for terms that the caller made for the sum and
// drops: a sum of up to four terms is made with its terms in one object
// (newSumOf), a longer one keeps the slice.
func newSumOwned(terms []Expr) *Sum {
	if len(terms) <= 4 {
		return newSumOf(terms)
	}
	return newSum(terms[:len(terms):len(terms)])
}

// newProductOwned is newSumOwned for a product's factors.
func newProductOwned(factors []Expr) *Product {
	if len(factors) <= 4 {
		return newProductOf(factors)
	}
	return newProduct(factors[:len(factors):len(factors)])
}

// newProductOf is newProduct for factors that are the caller's: they are
// copied only when the product is new.
func newProductOf(factors []Expr) *Product {
	h := hashChildren(kindProduct, factors)

	return intern(h, func(x *Product) bool { return sameExprs(x.factors, factors) },
		func() *Product { return withOperands(factors, func(n *Product, fs []Expr) { n.factors = fs }) })
}

func newPower(base, exp Expr) *Power {
	h := mix(mix(mix(hashSeed, kindPower), base.hdr().hash), exp.hdr().hash)
	return intern(h, func(x *Power) bool { return x.kids[0] == base && x.kids[1] == exp },
		func() *Power { return &Power{kids: [2]Expr{base, exp}} })
}

// newCall interns fn(args...). args is the caller's: it is copied only
// when the call is new (a look-up that finds the node allocates nothing).
func newCall(fn *Func, args []Expr) *Call {
	h := hashString(hashChildren(kindCall, args), fn.key())
	return intern(h, func(x *Call) bool { return x.fn == fn && sameExprs(x.args, args) },
		func() *Call {
			return withOperands(args, func(n *Call, as []Expr) { n.fn, n.args = fn, as })
		})
}
