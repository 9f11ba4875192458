package symbolic

import (
	"runtime"
	"sync"
	"weak"
)

// The intern table maps a structural hash to the live nodes with that hash.
// It holds nodes weakly: a node that no caller references any more is
// collected, and a cleanup removes its entry. The table is sharded by hash so
// that goroutines building expressions in parallel rarely contend.

const shardCount = 64

type shard struct {
	mu sync.Mutex
	m  map[uint64][]weakRef
}

var table [shardCount]shard

// weakRef is a weak pointer to a node of some concrete type. Values of it are
// comparable: two refs are == when they point to the same node.
type weakRef interface {
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

type cleanupKey struct {
	hash uint64
	ref  weakRef
}

func removeEntry(k cleanupKey) {
	s := &table[k.hash%shardCount]
	s.mu.Lock()
	refs := s.m[k.hash]
	for i, r := range refs {
		if r == k.ref {
			refs = deleteRef(refs, i)
			break
		}
	}
	if len(refs) == 0 {
		delete(s.m, k.hash)
	} else {
		s.m[k.hash] = refs
	}
	s.mu.Unlock()
}

func deleteRef(refs []weakRef, i int) []weakRef {
	copy(refs[i:], refs[i+1:])
	refs[len(refs)-1] = nil
	return refs[:len(refs)-1]
}

// intern returns the live node with hash h for which same reports true, or
// else makes one with mk, records it and returns it. T is the node type.
func intern[T any, P interface {
	*T
	Expr
}](h uint64, same func(P) bool, mk func() P) P {
	s := &table[h%shardCount]
	s.mu.Lock()
	for _, r := range s.m[h] {
		if w, ok := r.(wref[T, P]); ok {
			if v := w.p.Value(); v != nil && same(P(v)) {
				s.mu.Unlock()
				return P(v)
			}
		}
	}
	n := mk()
	n.hdr().hash = h
	if s.m == nil {
		s.m = make(map[uint64][]weakRef)
	}
	ref := wref[T, P]{weak.Make((*T)(n))}
	s.m[h] = append(s.m[h], ref)
	s.mu.Unlock()
	runtime.AddCleanup((*T)(n), removeEntry, cleanupKey{h, ref})
	return n
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
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Raw node makers: they intern but do not canonicalise. The constructors in
// construct.go call them once operands are in canonical form.

func newNumber(v rat) *Number {
	var h uint64
	if v.b == nil {
		h = mix(mix(mix(hashSeed, kindNumber), uint64(v.n)), uint64(v.d))
	} else {
		h = hashString(mix(hashSeed, kindNumber), v.b.String())
	}
	return intern(h, func(x *Number) bool { return x.v.equal(v) },
		func() *Number { return &Number{v: v} })
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

func newPower(base, exp Expr) *Power {
	h := mix(mix(mix(hashSeed, kindPower), base.hdr().hash), exp.hdr().hash)
	return intern(h, func(x *Power) bool { return x.base == base && x.exp == exp },
		func() *Power { return &Power{base: base, exp: exp} })
}

func newCall(fn *Func, args []Expr) *Call {
	h := hashString(hashChildren(kindCall, args), fn.key())
	return intern(h, func(x *Call) bool { return x.fn == fn && sameExprs(x.args, args) },
		func() *Call { return &Call{fn: fn, args: args} })
}
