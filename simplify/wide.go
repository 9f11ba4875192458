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
	gid, ng := en.partition(ops)
	if ng < 2 {
		return nil, nil, false
	}
	en.groups++
	// Only the groups of two or more operands are simplified (a group of
	// one is an operand, simplified already). Their members are gathered
	// here, before the recursion below reuses partition's arrays: at[j]
	// is the operand index of the j-th such member, in operand order, and
	// of[j] its group's place among those groups (numbered in the order
	// of their first operands, which is the groups' order).
	size := en.partSize[:0]
	for range ng {
		size = append(size, 0)
	}
	en.partSize = size
	for _, g := range gid {
		size[g]++
	}
	var at, of []int32
	var subs []symbolic.Expr // the groups' operands, one run per group
	var runs []int32         // where each group's run ends in subs
	place := en.partPlace[:0]
	for range ng {
		place = append(place, -1)
	}
	en.partPlace = place
	for i, g := range gid {
		if size[g] < 2 {
			continue
		}
		if place[g] < 0 {
			place[g] = int32(len(runs))
			runs = append(runs, 0)
		}
		at = append(at, int32(i))
		of = append(of, place[g])
	}
	if len(at) == 0 {
		en.settleWide(e)
		return e, nil, true
	}
	// Each group's operands in operand order, the groups one after the
	// other: a counting sort by place.
	for _, k := range of {
		runs[k]++
	}
	sum := int32(0)
	for k, n := range runs {
		sum += n
		runs[k] = sum
	}
	subs = make([]symbolic.Expr, len(at))
	for j := len(at) - 1; j >= 0; j-- {
		k := of[j]
		runs[k]--
		subs[runs[k]] = ops[at[j]]
	}
	// runs[k] is now where group k starts.
	results := make([]symbolic.Expr, len(runs))
	var steps []lstep
	changed := false
	for k := range runs {
		end := int32(len(subs))
		if k+1 < len(runs) {
			end = runs[k+1]
		}
		sub, ok := buildSafe(build, subs[runs[k]:end:end])
		if !ok {
			return nil, nil, false
		}
		r := en.simp(sub)
		if en.trace {
			steps = append(steps, en.stepsOf(sub)...)
		}
		if r != sub {
			changed = true
		}
		results[k] = r
	}
	out := e
	if changed {
		// The groups in the order of their first operands: an operand of
		// no larger group stands for itself, the first operand of a larger
		// group for the group's form.
		parts := make([]symbolic.Expr, 0, len(ops)-len(at)+len(runs))
		next, j := int32(0), 0
		for i, op := range ops {
			if j < len(at) && at[j] == int32(i) {
				if of[j] == next {
					parts = append(parts, results[next])
					next++
				}
				j++
				continue
			}
			parts = append(parts, op)
		}
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

// partition splits ops into groups connected by shared kernel keys. It
// returns each operand's group, numbered in the order of the groups'
// first operands, and the number of groups. The slice is the engine's,
// valid until the next call.
func (en *engine) partition(ops []symbolic.Expr) ([]int32, int) {
	parent := en.partParent[:0]
	for i := range ops {
		parent = append(parent, int32(i))
	}
	en.partParent = parent
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// owner[k] is the first operand with key k in this call, valid where
	// ownerGen[k] is this call's generation: the arrays serve every call
	// of the engine without clearing. Each operand's keys are visited
	// once each (stamp[k] is the operand's own generation), and its
	// poly keys (see below) are kept for the second loop.
	en.partGen++
	gen := en.partGen
	var numbers []int
	polys := en.partPolys[:0]
	for i, op := range ops {
		if _, ok := op.(*symbolic.Number); ok {
			numbers = append(numbers, i)
			continue
		}
		en.stampGen++
		keys := en.opKeys(op, en.partBuf[:0])
		en.partBuf = keys
		// The arrays by key, after opKeys has numbered any new keys.
		owner, ownerGen, polyOf := en.owner, en.ownerGen, en.polyOf
		for _, k := range keys {
			if polyOf[k] >= 0 {
				polys = append(polys, [2]int32{int32(i), k})
				continue
			}
			if ownerGen[k] == gen {
				if a, b := find(int32(i)), find(owner[k]); a != b {
					parent[a] = b
				}
				continue
			}
			ownerGen[k], owner[k] = gen, int32(i)
		}
	}
	en.partPolys = polys
	// A variable of a call's polynomial argument relates the call to the
	// operands that have that variable outside any call (softplus(w*x + b)
	// and -w*x*y), not to other calls of such arguments (the 100 sines
	// sin(k*x + k) of a product are unrelated), so it only looks up.
	for _, p := range polys {
		plain := en.polyOf[p[1]]
		if en.ownerGen[plain] != gen {
			continue
		}
		if a, b := find(p[0]), find(en.owner[plain]); a != b {
			parent[a] = b
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
				parent[find(int32(i))] = find(int32(target))
			}
		}
	}
	// The groups, in the order of their first operands.
	gid := en.partGid[:0]
	for range ops {
		gid = append(gid, -1)
	}
	en.partGid = gid
	ng := 0
	for i := range ops {
		r := find(int32(i))
		if gid[r] < 0 {
			gid[r] = int32(ng)
			ng++
		}
		gid[i] = gid[r]
	}
	return gid, ng
}

// opKeys appends to buf the keys of the operand op (see kernelKeys) not
// stamped with en.stampGen yet, and stamps them: each once per operand.
// The keys of a sum, product or integer power are its operands'.
func (en *engine) opKeys(op symbolic.Expr, buf []int32) []int32 {
	if inSkeleton(op) {
		for _, c := range symbolic.Children(op) {
			buf = en.opKeys(c, buf)
		}
		return buf
	}
	ks := en.leafKeys(op)
	stamp, gen := en.stamp, en.stampGen // after leafKeys has numbered any new keys
	for _, k := range ks {
		if stamp[k] == gen {
			continue
		}
		stamp[k] = gen
		buf = append(buf, k)
	}
	return buf
}

// leafKeys returns the keys of e, a node outside the rational skeleton
// (see kernelKeys), each numbered once per engine, memoised: an operand
// of many wide nodes (a sine in each term of a product rule) is looked at
// once.
func (en *engine) leafKeys(e symbolic.Expr) []int32 {
	if ks, ok := en.keys.Get(symbolic.KeyOf(e)); ok {
		return ks
	}
	var ks []int32
	kernelKeysOf(e, func(k kernelKey) {
		id := en.keyID(k)
		if k.poly {
			en.polyOf[id] = en.keyID(kernelKey{e: k.e})
		}
		ks = append(ks, id)
	})
	en.keys.Set(symbolic.KeyOf(e), ks)
	return ks
}

// A kernelKey is what relates operands: a kernel itself (a symbol, a call,
// a root), or an argument shared by calls.
type kernelKey struct {
	e    symbolic.Expr
	arg  bool // e is the argument of a call or the base of a root
	poly bool // e is a variable of a call's polynomial argument (see partition)
}

// keyID numbers the key k, once per engine, and extends the arrays by key
// (see partition) to the new number. The numbers are kept by the key's
// node, one for each of the four kinds of key (arg and poly), plus one so
// that zero means none yet: a table the engine sizes for its input, where
// a Go map keyed by kernelKey hashed the whole key and grew a doubling at
// a time.
func (en *engine) keyID(k kernelKey) int32 {
	kind := 0
	if k.arg {
		kind |= 1
	}
	if k.poly {
		kind |= 2
	}
	nk := symbolic.KeyOf(k.e)
	ids, _ := en.keyIDs.Get(nk)
	if id := ids[kind]; id > 0 {
		return id - 1
	}
	if en.keyIDs.Len() == 0 {
		en.keyIDs.Reserve(en.size / 2)
	}
	id := int32(len(en.polyOf))
	ids[kind] = id + 1
	en.keyIDs.Set(nk, ids)
	en.polyOf = append(en.polyOf, -1)
	en.owner = append(en.owner, 0)
	en.ownerGen = append(en.ownerGen, 0)
	en.stamp = append(en.stamp, 0)
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
	var one [1]symbolic.Expr
	_, xs := splitProductIn(u, &one)
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
