package symbolic

import (
	"math/big"
	"slices"
	"strings"
)

// An Expr is a node of an expression DAG. Nodes are immutable and interned:
// two structurally equal expressions are the same pointer, so == is equality
// and a map keyed by Expr is a memo table. Only this package defines Exprs;
// other packages type-switch over *Number, *Symbol, *Sum, *Product, *Power
// and *Call.
type Expr interface {
	// String returns the expression in the input syntax, with minimal
	// parentheses; parsing it gives back the same expression.
	String() string
	// Equal reports whether the two expressions are the same; since nodes
	// are interned this is pointer equality. go-cmp uses it.
	Equal(Expr) bool
	hdr() *header
	ref // an entry of the intern table holding the node strongly
	weaken() ref
}

// header is embedded in every node.
type header struct {
	hash uint64 // structural hash, stable across runs
}

func (h *header) hdr() *header { return h }

// A Number is an exact rational constant.
type Number struct {
	header
	v Rat
}

// A Symbol is a variable, or one of the named constants Pi and E.
type Symbol struct {
	header
	name     string
	constant bool
}

// A Sum is a canonical n-ary sum: at least two terms, no term is a Sum, at
// most one term is a Number (first), no two terms differ only by a numeric
// coefficient, and terms are in canonical order.
type Sum struct {
	header
	terms []Expr
}

// A Product is a canonical n-ary product: at least two factors, no factor is
// a Product, at most one is a Number (first, and not 1 or 0), no two factors
// share a base, and factors are in canonical order.
type Product struct {
	header
	factors []Expr
}

// A Power is Base^Exp, with Exp not 0 or 1 and Base not 0, 1 or E (E^x is
// exp(x)).
type Power struct {
	header
	kids [2]Expr // base and exponent, a slice of them for Children without an allocation
}

func (x *Power) base() Expr { return x.kids[0] }
func (x *Power) exp() Expr  { return x.kids[1] }

// A Call applies a function of the table, or an abstract function, to its
// arguments.
type Call struct {
	header
	fn   *Func
	args []Expr
}

// Equal reports whether x and y are the same expression.
func (x *Number) Equal(y Expr) bool { return Expr(x) == y }

// Equal reports whether x and y are the same expression.
func (x *Symbol) Equal(y Expr) bool { return Expr(x) == y }

// Equal reports whether x and y are the same expression.
func (x *Sum) Equal(y Expr) bool { return Expr(x) == y }

// Equal reports whether x and y are the same expression.
func (x *Product) Equal(y Expr) bool { return Expr(x) == y }

// Equal reports whether x and y are the same expression.
func (x *Power) Equal(y Expr) bool { return Expr(x) == y }

// Equal reports whether x and y are the same expression.
func (x *Call) Equal(y Expr) bool { return Expr(x) == y }

// Exact returns the value of x as a Rat, without copying.
func (x *Number) Exact() Rat { return x.v }

// Rat returns the value of x as a new big.Rat that the caller may modify.
func (x *Number) Rat() *big.Rat { return new(big.Rat).Set(x.v.Big()) }

// Float64 returns the nearest float64 to x.
func (x *Number) Float64() float64 { return x.v.Float64() }

// Int64 returns x as an int64 and true if x is an integer that fits.
func (x *Number) Int64() (int64, bool) {
	if x.v.b == nil && x.v.d == 1 {
		return x.v.n, true
	}
	return 0, false
}

// IsInt reports whether x is an integer.
func (x *Number) IsInt() bool { return x.v.IsInt() }

// Sign returns -1, 0 or +1 according to the sign of x.
func (x *Number) Sign() int { return x.v.Sign() }

// Name returns the symbol's name.
func (x *Symbol) Name() string { return x.name }

// IsConstant reports whether x is a named mathematical constant (Pi or E)
// rather than a variable.
func (x *Symbol) IsConstant() bool { return x.constant }

// Terms returns the terms of the sum in canonical order. The slice is shared:
// callers must not modify it.
func (x *Sum) Terms() []Expr { return x.terms }

// Factors returns the factors of the product in canonical order. The slice is
// shared: callers must not modify it.
func (x *Product) Factors() []Expr { return x.factors }

// Base returns the base of the power.
func (x *Power) Base() Expr { return x.kids[0] }

// Exp returns the exponent of the power.
func (x *Power) Exp() Expr { return x.kids[1] }

// Func returns the function applied by the call.
func (x *Call) Func() *Func { return x.fn }

// Args returns the arguments of the call. The slice is shared: callers must
// not modify it.
func (x *Call) Args() []Expr { return x.args }

// Arg returns the first argument of the call.
func (x *Call) Arg() Expr { return x.args[0] }

// Children returns the operands of e (none for numbers and symbols). The
// slice may be shared: callers must not modify it.
func Children(e Expr) []Expr {
	switch e := e.(type) {
	case *Sum:
		return e.terms
	case *Product:
		return e.factors
	case *Power:
		return e.kids[:]
	case *Call:
		return e.args
	}
	return nil
}

// Size returns the number of distinct nodes of the DAG rooted at the given
// expressions (shared subexpressions count once).
func Size(es ...Expr) int {
	seen := getVisitSet()
	defer putVisitSet(seen)
	for _, e := range es {
		walkUnseen(seen, e, nil)
	}
	return seen.len()
}

// TreeSize returns the number of nodes of e written out as a tree, where
// shared subexpressions count each time they occur. It saturates at
// math.MaxInt64.
func TreeSize(e Expr) int64 {
	return Fold(e, func(_ Expr, kids []int64) int64 {
		n := int64(1)
		for _, k := range kids {
			if n += k; n < 0 {
				n = 1<<63 - 1
			}
		}
		return n
	})
}

// Walk calls f for each distinct node of the DAG rooted at e, children
// before parents (post-order), each node once.
func Walk(e Expr, f func(Expr)) {
	seen := getVisitSet()
	defer putVisitSet(seen)
	walkUnseen(seen, e, f)
}

// walkUnseen adds to seen the nodes of the DAG rooted at e that are not in
// it yet, children before parents, and calls f (unless nil) for each.
func walkUnseen(seen *visitSet, e Expr, f func(Expr)) {
	if !seen.add(e.hdr()) {
		return
	}
	for _, c := range Children(e) {
		walkUnseen(seen, c, f)
	}
	if f != nil {
		f(e)
	}
}

// Symbols returns the variables (not the constants Pi and E) that occur in
// e, sorted by name.
func Symbols(e Expr) []*Symbol {
	var out []*Symbol
	Walk(e, func(n Expr) {
		if s, ok := n.(*Symbol); ok && !s.constant {
			out = append(out, s)
		}
	})
	// Compare orders variables by name.
	slices.SortFunc(out, func(a, b *Symbol) int { return strings.Compare(a.name, b.name) })
	return out
}

// Contains reports whether x occurs in e.
func Contains(e, x Expr) bool {
	found := false
	seen := getVisitSet()
	defer putVisitSet(seen)
	var walk func(Expr)
	walk = func(n Expr) {
		if found || !seen.add(n.hdr()) {
			return
		}
		if n == x {
			found = true
			return
		}
		for _, c := range Children(n) {
			walk(c)
		}
	}
	walk(e)
	return found
}

// Subs returns e with every occurrence of each key of m replaced by its
// value, rebuilt through the canonical constructors.
func Subs(e Expr, m map[Expr]Expr) Expr {
	memo := make(map[Expr]Expr, len(m))
	for k, v := range m {
		memo[k] = v
	}
	var walk func(Expr) Expr
	walk = func(n Expr) Expr {
		if r, ok := memo[n]; ok {
			return r
		}
		r := Rebuild(n, mapSlice(Children(n), walk))
		memo[n] = r
		return r
	}
	return walk(e)
}

func mapSlice(xs []Expr, f func(Expr) Expr) []Expr {
	if len(xs) == 0 {
		return nil
	}
	out := make([]Expr, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// Rebuild returns a node of the same kind as e with the given children,
// built through the canonical constructors. For numbers and symbols it
// returns e.
func Rebuild(e Expr, children []Expr) Expr {
	switch e := e.(type) {
	case *Sum:
		return Add(children...)
	case *Product:
		return Mul(children...)
	case *Power:
		return Pow(children[0], children[1])
	case *Call:
		return Apply(e.fn, children...)
	}
	return e
}

// A Key identifies an interned node: KeyOf(a) == KeyOf(b) exactly when
// a == b. It is comparable and one pointer wide, so a map keyed by Key
// hashes a pointer where a map keyed by Expr hashes a dynamic type and a
// pointer; memo tables over large DAGs use it. A Key keeps its node alive,
// as an Expr does.
type Key struct{ h *header }

// KeyOf returns e's Key.
func KeyOf(e Expr) Key { return Key{e.hdr()} }

// Hash returns the structural hash of the node k identifies (stable across
// runs), for tables keyed by Key that spread their keys by it. The zero
// Key has none and must not be asked.
func (k Key) Hash() uint64 { return k.h.hash }
