package simplify

import "github.com/symdiff/symdiff/symbolic"

// Wide sums and products, one group at a time.
//
// A derivative is often one wide product (the chain rule through d nested
// functions multiplies d local factors) or one wide sum (the product rule
// over n factors adds n terms). Strategies over the whole node (the
// rational normal form, the kernels) would cost its width for each kernel,
// and most operands have nothing to do with each other: the factors
// exp(-u) and (1 + exp(-u))^-2 that make sigmoid(u)*(1 - sigmoid(u)) share
// u, and no other factor mentions it. So the operands of a sum or product
// are split into groups that share no kernel (see kernelKeys), each group
// is simplified as a node of its own (memoised like any node), and the
// results are put together again. Operands in different groups have no
// kernel in common, so the strategies could not combine them beyond what
// the constructors already do (collecting like terms, merging like
// powers). Rules that combine operands with no variable in common
// (exp(a)*exp(b) => exp(a + b)) are not tried across groups of a wide node.
// A narrow node is searched whole, as its search is bounded by its size.

// wideMin is the number of operands from which a sum or product is
// simplified group by group.
const wideMin = 8

// simpGroups simplifies a wide sum or product e (its operands already
// simplified) group by group. It returns false if e is not a sum or
// product of at least wideMin operands, or its operands form one group.
func (en *engine) simpGroups(e symbolic.Expr) (symbolic.Expr, []lstep, bool) {
	var ops []symbolic.Expr
	var build func(...symbolic.Expr) symbolic.Expr
	switch e := e.(type) {
	case *symbolic.Sum:
		ops, build = e.Terms(), symbolic.Add
	case *symbolic.Product:
		ops, build = e.Factors(), symbolic.Mul
	default:
		return nil, nil, false
	}
	if len(ops) < wideMin {
		// A narrow node is searched whole: its search is bounded by its
		// size, and a group's cheapest form alone can hide a form of the
		// whole (2 - 2*tanh(x)^2 - 2*x*tanh(x)*(1 - tanh(x)^2) factors
		// only with 1 - tanh(x)^2 left as it is).
		return nil, nil, false
	}
	groups := en.partition(ops)
	if len(groups) < 2 {
		return nil, nil, false
	}
	en.groups++
	parts := make([]symbolic.Expr, 0, len(groups))
	var steps []lstep
	changed := false
	for _, g := range groups {
		if len(g) == 1 {
			parts = append(parts, g[0])
			continue
		}
		sub, ok := buildSafe(build, g)
		if !ok {
			return nil, nil, false
		}
		r := en.simp(sub)
		if en.trace {
			steps = append(steps, en.result(sub).steps...)
		}
		if r != sub {
			changed = true
		}
		parts = append(parts, r)
	}
	out := e
	if changed {
		var ok bool
		if out, ok = buildSafe(build, parts); !ok {
			return nil, nil, false
		}
	}
	en.settleWide(out)
	return out, steps, true
}

func buildSafe(build func(...symbolic.Expr) symbolic.Expr, xs []symbolic.Expr) (symbolic.Expr, bool) {
	return try(func() symbolic.Expr { return build(xs...) })
}

// partition splits ops into groups connected by shared kernel keys, in the
// order of their first operands.
func (en *engine) partition(ops []symbolic.Expr) [][]symbolic.Expr {
	parent := make([]int, len(ops))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// owner[k] is the first operand with key k in this call, valid where
	// ownerGen[k] is this call's generation: the arrays serve every call
	// of the engine without clearing.
	en.partGen++
	gen := en.partGen
	var numbers []int
	// The operands' keys, looked up once for both loops below, in an
	// array of the engine's (partition does not recurse).
	keys := en.partKeys[:0]
	for range ops {
		keys = append(keys, nil)
	}
	en.partKeys = keys
	defer clear(keys)
	for i, op := range ops {
		if _, ok := op.(*symbolic.Number); ok {
			numbers = append(numbers, i)
			continue
		}
		keys[i] = en.kernelKeys(op)
		for _, k := range keys[i] {
			if en.isPoly(k) {
				continue // see below
			}
			for int(k) >= len(en.owner) {
				en.owner = append(en.owner, 0)
				en.ownerGen = append(en.ownerGen, 0)
			}
			if en.ownerGen[k] == gen {
				if a, b := find(i), find(int(en.owner[k])); a != b {
					parent[a] = b
				}
				continue
			}
			en.ownerGen[k], en.owner[k] = gen, int32(i)
		}
	}
	// A variable of a call's polynomial argument relates the call to the
	// operands that have that variable outside any call (softplus(w*x + b)
	// and -w*x*y), not to other calls of such arguments (the 100 sines
	// sin(k*x + k) of a product are unrelated), so it only looks up.
	for i := range ops {
		for _, k := range keys[i] {
			if !en.isPoly(k) {
				continue
			}
			plain := en.polyOf[k]
			if int(plain) >= len(en.owner) || en.ownerGen[plain] != gen {
				continue
			}
			if a, b := find(i), find(int(en.owner[plain])); a != b {
				parent[a] = b
			}
		}
	}
	// A number (a sum's constant term, a product's coefficient) goes with
	// the first operand that calls a function, or else the first operand:
	// it combines with calls (1 - sin(x)^2, 1 + exp(-x), 2*sin(x)*cos(x)).
	if len(numbers) > 0 {
		target := -1
		for i, op := range ops {
			if _, ok := op.(*symbolic.Number); ok {
				continue
			}
			if target < 0 {
				target = i
			}
			if callsSomething(op) {
				target = i
				break
			}
		}
		if target >= 0 {
			for _, i := range numbers {
				parent[find(i)] = find(target)
			}
		}
	}
	// The groups, in the order of their first operands, as slices of one
	// array (a wide node of unrelated operands has as many groups as
	// operands).
	index := make([]int, len(ops)) // a root's group, +1
	var sizes []int
	for i := range ops {
		r := find(i)
		if index[r] == 0 {
			sizes = append(sizes, 0)
			index[r] = len(sizes)
		}
		sizes[index[r]-1]++
	}
	all := make([]symbolic.Expr, len(ops))
	groups := make([][]symbolic.Expr, len(sizes))
	at := 0
	for g, n := range sizes {
		groups[g] = all[at : at : at+n]
		at += n
	}
	for i, op := range ops {
		g := index[find(i)] - 1
		groups[g] = append(groups[g], op)
	}
	return groups
}

// kernelKeys returns the keys of e (see kernelKeys), each numbered once
// per engine, memoised: an operand of many wide nodes (a sine in each term
// of a product rule) is looked at once.
func (en *engine) kernelKeys(e symbolic.Expr) []int32 {
	if ks, ok := en.keys[symbolic.KeyOf(e)]; ok {
		return ks
	}
	var ks []int32
	if inSkeleton(e) {
		// The keys of a sum, product or integer power are its operands'
		// (each memoised); repeats do no harm.
		for _, c := range symbolic.Children(e) {
			ks = append(ks, en.kernelKeys(c)...)
		}
	} else {
		kernelKeysOf(e, func(k kernelKey) {
			id := en.keyID(k)
			if k.poly {
				plain := en.keyID(kernelKey{e: k.e})
				for int(id) >= len(en.polyOf) {
					en.polyOf = append(en.polyOf, -1)
				}
				en.polyOf[id] = plain
			}
			ks = append(ks, id)
		})
	}
	if en.keys == nil {
		en.keys = map[symbolic.Key][]int32{}
	}
	en.keys[symbolic.KeyOf(e)] = ks
	return ks
}

// A kernelKey is what relates operands: a kernel itself (a symbol, a call,
// a root), or an argument shared by calls.
type kernelKey struct {
	e    symbolic.Expr
	arg  bool // e is the argument of a call or the base of a root
	poly bool // e is a variable of a call's polynomial argument (see partition)
}

// isPoly reports whether key k is a variable of a call's polynomial
// argument (see partition).
func (en *engine) isPoly(k int32) bool { return int(k) < len(en.polyOf) && en.polyOf[k] >= 0 }

// keyID numbers the key k, once per engine.
func (en *engine) keyID(k kernelKey) int32 {
	id, ok := en.keyIDs[k]
	if !ok {
		if en.keyIDs == nil {
			en.keyIDs = map[kernelKey]int32{}
		}
		id = int32(len(en.keyIDs))
		en.keyIDs[k] = id
	}
	return id
}

// kernelKeys calls f with the keys of e's kernels: the nodes outside e's
// rational skeleton (symbols, calls, roots), and for a call f(k*a) also a
// as an argument, and for a root its base as an argument, so that sin(x)
// and cos(2*x), exp(-u) and sigmoid(u), sqrt(x) and x^(3/2) fall in one
// group. An argument and a kernel are different keys: sigmoid(u) and
// exp(-sigmoid(u)), the factors of two levels of nested sigmoids, are not
// related by it. A key may be reported more than once.
func kernelKeys(e symbolic.Expr, f func(kernelKey)) {
	if !inSkeleton(e) {
		// An operand that is itself a kernel, the common case in wide
		// nodes: no walk.
		kernelKeysOf(e, f)
		return
	}
	skeleton(e, func(n symbolic.Expr) {
		if !inSkeleton(n) {
			kernelKeysOf(n, f)
		}
	})
}

// kernelKeysOf calls f with the keys of the kernel n.
func kernelKeysOf(n symbolic.Expr, f func(kernelKey)) {
	switch n := n.(type) {
	case *symbolic.Number:
		return
	case *symbolic.Call:
		f(kernelKey{e: n})
		relatedKeys(n, f)
		for _, a := range n.Args() {
			f(kernelKey{e: argKey(a), arg: true})
		}
	case *symbolic.Power:
		f(kernelKey{e: n})
		f(kernelKey{e: n.Base(), arg: true})
	default:
		f(kernelKey{e: n})
	}
}

// settleWide remembers a cost for the wide node e: its weight plus the
// remembered costs of its operands, without a walk below them. Operands
// that share nodes are charged for them each.
func (en *engine) settleWide(e symbolic.Expr) {
	if _, ok := en.cost(e); ok {
		return
	}
	c := int64(nodeWeight(e))
	for _, k := range symbolic.Children(e) {
		c = satAdd(c, en.settledCost(k))
	}
	en.setCost(e, c)
}

// callsSomething reports whether e's rational skeleton reaches a call.
func callsSomething(e symbolic.Expr) bool {
	found := false
	if _, ok := e.(*symbolic.Call); ok {
		return true
	}
	if !inSkeleton(e) {
		return false
	}
	skeleton(e, func(n symbolic.Expr) {
		if _, ok := n.(*symbolic.Call); ok {
			found = true
		}
	})
	return found
}

// argKey returns the representative of the arguments k*a for numbers k:
// a without its numeric factor, and of a and -a the one that comes first
// in the canonical order, so that sigmoid(c - a) and exp(a - c) share it.
func argKey(u symbolic.Expr) symbolic.Expr {
	_, xs := splitProduct(u)
	a := u
	if len(xs) != 1 || xs[0] != u {
		a = symbolic.Mul(xs...)
	}
	if s, ok := a.(*symbolic.Sum); ok {
		if n := symbolic.Neg(s); symbolic.Compare(n, a) < 0 {
			return n
		}
	}
	return a
}
