package simplify

import (
	"slices"
	"sync"

	"github.com/symdiff/symdiff/internal/smallmap"
	"github.com/symdiff/symdiff/symbolic"
)

// When a strategy can change a node.
//
// The strategies are the dearest part of a search, and on most nodes of a
// derivative they find nothing: a sum of unrelated monomials is its own
// rational normal form, and a lone exp(a) rewritten through the sigmoid
// kernel only grows. These tests, each a walk of the node's rational
// skeleton, skip a strategy where it could only give back the node itself
// or a form the search would not take.

// sharedFactor reports whether the monomials ts share a base (x in x*y +
// x^2), or all have a negative number, or one is a fraction. A number
// shared by all (2*a + 4*b) is not enough: the normal form writes it as
// 2*(a + 2*b), which the canonical constructors distribute back into the
// sum itself (2*x + 2 in each sin(2*x + 2) of a product's derivative).
func sharedFactor(ts []symbolic.Expr) bool {
	neg := true
	// last[b] is the last term, so far, of an unbroken run from the first
	// that has the base b; alive counts the bases of the first term that
	// every term so far has. One look-up per factor: the derivative of a
	// product of n sines is n terms of n-1 common-looking factors.
	var last map[symbolic.Key]int
	alive := 0
	for i, t := range ts {
		c, xs := splitProduct(t)
		if c.IsBig() {
			return true // leave the decision to the normal form
		}
		if c.Num64() > 0 {
			neg = false
		}
		if i > 0 && alive == 0 {
			if !neg {
				return false // no base in common, and not all negative
			}
			continue
		}
		if i == 0 {
			last = make(map[symbolic.Key]int, len(xs))
			for _, x := range xs {
				last[symbolic.KeyOf(baseOf(x))] = 0
			}
			alive = len(last)
			continue
		}
		alive = 0
		for _, x := range xs {
			b := symbolic.KeyOf(baseOf(x))
			if j, ok := last[b]; ok && j == i-1 {
				last[b] = i
				alive++
			}
		}
	}
	return neg || alive > 0
}

// baseOf returns the base of a power, and x itself otherwise.
func baseOf(x symbolic.Expr) symbolic.Expr {
	if p, ok := x.(*symbolic.Power); ok {
		return p.Base()
	}
	return x
}

// A skelInfo summarises a node's rational skeleton (see skeleton): its size
// written out as a tree (saturating), and what the strategies' gates ask
// of it. The engine keeps one per node, made from its children's, so a
// gate costs a look-up, not a walk of the skeleton.
type skelInfo struct {
	tree     int64    // nodes of the skeleton written out as a tree
	sumDepth int32    // the most sums on a path down the skeleton, the node's own included
	sumBelow bool     // a sum below the node
	negPower bool     // a power with a negative numeric exponent, the node included
	calls    funcMask // the functions of the calls that are leaves of the skeleton
}

// hasKernel reports whether the skeleton has a call of exp, sigmoid,
// softplus or tanh, the calls the kernel strategies rewrite.
func (si skelInfo) hasKernel() bool { return si.calls&kernelFuncs() != 0 }

// kernelFuncs are exp, sigmoid, softplus and tanh.
var kernelFuncs = sync.OnceValue(func() funcMask {
	return funcBit(symbolic.Exp) | funcBit(sigmoidFn) | funcBit(softplusFn) | funcBit(tanhFn)
})

// skel returns e's skelInfo, memoised.
func (en *engine) skel(e symbolic.Expr) skelInfo {
	if !inSkeleton(e) {
		si := skelInfo{tree: 1}
		switch e := e.(type) {
		case *symbolic.Call:
			si.calls = funcBit(e.Func())
		case *symbolic.Power:
			// A leaf of the skeleton, but a denominator all the same
			// (1/sqrt(x)): the normal form reads it as one.
			k, ok := e.Exp().(*symbolic.Number)
			si.negPower = ok && k.Sign() < 0
		}
		return si
	}
	if si, ok := en.skels.Get(symbolic.KeyOf(e)); ok {
		return si
	}
	si := skelInfo{tree: 1}
	if p, ok := e.(*symbolic.Power); ok {
		si.negPower = p.Exp().(*symbolic.Number).Sign() < 0
	}
	// A call is a leaf of the skeleton (as skel of it says): one node and
	// its function's bit, looked up once per run of calls of one function,
	// the sines that fill a product rule's terms.
	var lastF *symbolic.Func
	var lastBit funcMask
	for _, c := range symbolic.Children(e) {
		if call, ok := c.(*symbolic.Call); ok {
			if f := call.Func(); f != lastF || lastF == nil {
				lastF, lastBit = f, funcBit(f)
			}
			si.tree = satAdd(si.tree, 1)
			si.calls |= lastBit
			continue
		}
		ci := en.skel(c)
		si.tree = satAdd(si.tree, ci.tree)
		si.sumDepth = max(si.sumDepth, ci.sumDepth)
		_, isSum := c.(*symbolic.Sum)
		si.sumBelow = si.sumBelow || ci.sumBelow || isSum
		si.negPower = si.negPower || ci.negPower
		si.calls |= ci.calls
	}
	if _, ok := e.(*symbolic.Sum); ok {
		si.sumDepth++
	}
	en.skels.Set(symbolic.KeyOf(e), si)
	return si
}

// rationalMayChange reports whether the rational normal form of e can
// differ from e: e has a denominator (a negative power in its skeleton),
// a sum below its root (to expand or factor), or, as a sum of monomials, a
// factor or number shared by all its terms.
// It reads e's skelInfo, and the terms of a sum.
func (en *engine) rationalMayChange(e symbolic.Expr) bool {
	si := en.skel(e)
	if si.negPower {
		return true
	}
	s, ok := e.(*symbolic.Sum)
	if si.sumBelow {
		return !ok || !separateProducts(s)
	}
	return ok && sharedFactor(s.Terms())
}

// separateProducts reports whether the rational normal form of s, a sum
// without negative powers, can only cost more than s: each term is a
// product with at least two factors that are sums of monomials (counted
// with their exponents), and no two terms have a kernel in common (a
// symbol or a call) other than the factors every term has. The normal form
// multiplies the terms out, and with no kernel shared, nothing cancels:
// only the monomials made of the common factors collect, one per term, so
// the result has more monomials than s has products of sums, each a
// product again. (The partials of an MLP's gradient are such sums, one
// term per sample: 2*v*s1*s2*(1 - s1)*(1 - s2) + 2*v*s3*s4*(1 - s3)*(1 - s4),
// and the normal form of each, expanded and never chosen, cost a fifth of
// the gradient's simplification.)
func separateProducts(s *symbolic.Sum) bool {
	terms := s.Terms()
	if len(terms) < 2 {
		return false
	}
	// common: the factors (bases of monomial factors) of the first term,
	// kept while every other term has them too.
	var common []symbolic.Expr
	owner := map[symbolic.Expr]int{}  // a kernel's term, -1 once two terms have it
	inSum := map[symbolic.Expr]bool{} // the kernels inside sum factors
	own := func(x symbolic.Expr, i int) {
		if j, seen := owner[x]; !seen {
			owner[x] = i
		} else if j != i {
			owner[x] = -1
		}
	}
	for i, t := range terms {
		p, ok := t.(*symbolic.Product)
		if !ok {
			return false
		}
		sums := 0
		var direct []symbolic.Expr
		for _, f := range p.Factors() {
			e := int64(1)
			if pw, ok := f.(*symbolic.Power); ok {
				k, isNum := pw.Exp().(*symbolic.Number)
				if !isNum || !k.IsInt() || k.Sign() <= 0 || k.Exact().IsBig() {
					return false
				}
				e, f = k.Exact().Num64(), pw.Base()
			}
			switch f := f.(type) {
			case *symbolic.Number:
			case *symbolic.Symbol, *symbolic.Call:
				direct = append(direct, f)
			case *symbolic.Sum:
				sums += int(min(e, 2))
				for _, m := range f.Terms() {
					_, xs := splitProduct(m)
					for _, x := range xs {
						x = baseOf(x)
						switch x.(type) {
						case *symbolic.Symbol, *symbolic.Call:
						default:
							return false // a sum factor that is no polynomial in kernels
						}
						inSum[x] = true
						own(x, i)
					}
				}
			default:
				return false
			}
		}
		if sums < 2 {
			return false
		}
		for _, x := range direct {
			own(x, i)
		}
		if i == 0 {
			common = direct
		} else {
			common = slices.DeleteFunc(common, func(x symbolic.Expr) bool { return !slices.Contains(direct, x) })
		}
	}
	for x, j := range owner {
		if j < 0 && (!slices.Contains(common, x) || inSum[x]) {
			return false // a kernel two terms share, not only as a factor of all
		}
	}
	return true
}

// kernelMayChange reports whether the sigmoid kernel can change e: an exp
// call whose argument is related to another exp or sigmoid call's
// (exp(-a) and sigmoid(a), exp(a) and exp(2*a)), two sigmoid calls of
// opposite arguments (sigmoid(a) and sigmoid(-a)), or an exp call that is a
// term of a sum (1 + exp(-a) is 1/sigmoid(a)), or a sigmoid call that
// divides beside a sum with it as a term ((sigmoid(a) - 1)/sigmoid(a) is
// -exp(-a)). Sigmoids of one sign each are otherwise already the kernel's
// variables: the kernel would give back the node's rational normal form.
func (en *engine) kernelMayChange(e symbolic.Expr) bool {
	const (
		expSeen = 1 << iota
		sigPos
		sigNeg
		sigTerm    // a term of a sum, or a number times one
		sigDivisor // the base of a negative power
	)
	var seen smallmap.Map[symbolic.Expr, int]
	found := false
	sigmoidOf := func(x symbolic.Expr) (*symbolic.Call, bool) {
		c, ok := x.(*symbolic.Call)
		return c, ok && c.Func() == sigmoidFn
	}
	mark := func(c *symbolic.Call, bit int) {
		k := en.argKey(c.Arg())
		had, _ := seen.Get(k)
		seen.Set(k, had|bit)
		if had|bit == had {
			return
		}
		if (had|bit)&(sigTerm|sigDivisor) == sigTerm|sigDivisor {
			found = true
		}
	}
	skeleton(e, func(n symbolic.Expr) {
		if found {
			return
		}
		switch n := n.(type) {
		case *symbolic.Call:
			var bit int
			k := en.argKey(n.Arg())
			switch n.Func() {
			case symbolic.Exp:
				bit = expSeen
			case sigmoidFn:
				bit = sigPos
				if !keySign(n.Arg(), k) {
					bit = sigNeg
				}
			default:
				return
			}
			had, _ := seen.Get(k)
			seen.Set(k, had|bit)
			switch {
			case bit == expSeen && had != 0, had&expSeen != 0:
				found = true
			case had&(sigPos|sigNeg) != 0 && had&bit == 0:
				found = true
			}
		case *symbolic.Sum:
			for _, t := range n.Terms() {
				if c, ok := t.(*symbolic.Call); ok && c.Func() == symbolic.Exp {
					found = true
				}
				if p, ok := t.(*symbolic.Product); ok && len(p.Factors()) == 2 {
					if _, ok := p.Factors()[0].(*symbolic.Number); ok {
						t = p.Factors()[1]
					}
				}
				if c, ok := sigmoidOf(t); ok {
					mark(c, sigTerm)
				}
			}
		case *symbolic.Power:
			if k, ok := n.Exp().(*symbolic.Number); ok && k.Sign() < 0 {
				if c, ok := sigmoidOf(n.Base()); ok {
					mark(c, sigDivisor)
				}
			}
		}
	})
	return found
}

// keySign reports whether u is a positive multiple of k, its argKey (and
// not a negative one): sigmoid(3*x) and sigmoid(-3*x) are of opposite
// signs, as sigmoid(x) and sigmoid(-x) are.
func keySign(u, k symbolic.Expr) bool {
	if u == k {
		return true
	}
	var one [1]symbolic.Expr
	c, xs := splitProductIn(u, &one)
	a := u
	if len(xs) != 1 || xs[0] != u {
		var ok bool
		if a, ok = try(func() symbolic.Expr { return symbolic.Mul(xs...) }); !ok {
			return c.Sign() >= 0
		}
	}
	return (c.Sign() >= 0) == (a == k)
}

// argKey is argKey memoised: the representative of a long linear form's
// sign costs a sum's worth of work, and the same argument meets the test
// at every node above it.
func (en *engine) argKey(u symbolic.Expr) symbolic.Expr {
	if k, ok := en.argKeys.Get(symbolic.KeyOf(u)); ok {
		return k
	}
	k := argKey(u)
	en.argKeys.Set(symbolic.KeyOf(u), k)
	return k
}

// A split is k*a, the result of splitMultiple.
type split struct {
	k int64
	a symbolic.Expr
}

// splitMultiple is splitMultiple memoised (see sigmoidKernelWith).
func (en *engine) splitMultiple(u symbolic.Expr) (int64, symbolic.Expr) {
	if s, ok := en.splits.Get(symbolic.KeyOf(u)); ok {
		return s.k, s.a
	}
	k, a := splitMultiple(u)
	en.splits.Set(symbolic.KeyOf(u), split{k, a})
	return k, a
}

// kernelSplit is kernelSplit memoised.
func (en *engine) kernelSplit(u symbolic.Expr) (int64, symbolic.Expr) {
	if s, ok := en.kernelSplits.Get(symbolic.KeyOf(u)); ok {
		return s.k, s.a
	}
	k, a := en.splitMultiple(u)
	k, a = orientKernel(k, a)
	en.kernelSplits.Set(symbolic.KeyOf(u), split{k, a})
	return k, a
}

// skelDistinct returns the number of distinct nodes of e's rational
// skeleton, counted up to maxGlobal+1, memoised.
func (en *engine) skelDistinct(e symbolic.Expr) int {
	if n, ok := en.distinct.Get(symbolic.KeyOf(e)); ok {
		return n
	}
	n := 0
	var seen nodeSet
	defer seen.release()
	var walk func(symbolic.Expr)
	walk = func(x symbolic.Expr) {
		if n > maxGlobal || !seen.add(symbolic.KeyOf(x)) {
			return
		}
		n++
		if inSkeleton(x) {
			for _, c := range symbolic.Children(x) {
				walk(c)
			}
		}
	}
	walk(e)
	en.distinct.Set(symbolic.KeyOf(e), n)
	return n
}
