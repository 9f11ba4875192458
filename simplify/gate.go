package simplify

import "github.com/symdiff/symdiff/symbolic"

// When a strategy can change a node.
//
// The strategies are the dearest part of a search, and on most nodes of a
// derivative they find nothing: a sum of unrelated monomials is its own
// rational normal form, and a lone exp(a) rewritten through the sigmoid
// kernel only grows. These tests, each a walk of the node's rational
// skeleton, skip a strategy where it could only give back the node itself
// or a form the search would not take.

// rationalMayChange reports whether the rational normal form of e can
// differ from e: e has a denominator (a negative power in its skeleton),
// a sum below its root (to expand or factor), or, as a sum of monomials, a
// factor or number shared by all its terms.
func rationalMayChange(e symbolic.Expr) bool {
	nested := false
	skeleton(e, func(n symbolic.Expr) {
		switch n := n.(type) {
		case *symbolic.Power:
			if k, ok := n.Exp().(*symbolic.Number); ok && k.Sign() < 0 {
				nested = true
			}
		case *symbolic.Sum:
			if n != e {
				nested = true
			}
		}
	})
	if nested {
		return true
	}
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return false
	}
	return sharedFactor(s.Terms())
}

// sharedFactor reports whether the monomials ts share a base (x in x*y +
// x^2) or a number other than 1 (2*a + 4*b), or all have a negative one.
func sharedFactor(ts []symbolic.Expr) bool {
	var g int64
	neg := true
	var common map[symbolic.Expr]bool
	for i, t := range ts {
		c, xs := splitProduct(t)
		if c.b != nil || c.d != 1 {
			return true // a fraction: leave the decision to the normal form
		}
		if c.n > 0 {
			neg = false
		}
		g = gcd64(g, c.n)
		if i > 0 && len(common) == 0 {
			if g == 1 && !neg {
				return false // no base in common, and no number
			}
			continue
		}
		bases := map[symbolic.Expr]bool{}
		for _, x := range xs {
			if p, ok := x.(*symbolic.Power); ok {
				x = p.Base()
			}
			if i == 0 || common[x] {
				bases[x] = true
			}
		}
		common = bases
	}
	return neg || g > 1 || len(common) > 0
}

// kernelMayChange reports whether the sigmoid kernel can change e: an exp
// call whose argument is related to another exp or sigmoid call's
// (exp(-a) and sigmoid(a), exp(a) and exp(2*a)), two sigmoid calls of
// opposite arguments (sigmoid(a) and sigmoid(-a)), or an exp call that is a
// term of a sum (1 + exp(-a) is 1/sigmoid(a)). Sigmoids of one sign each
// are already the kernel's variables: the kernel would give back the
// node's rational normal form.
func (en *engine) kernelMayChange(e symbolic.Expr) bool {
	const (
		expSeen = 1 << iota
		sigPos
		sigNeg
	)
	seen := map[symbolic.Expr]int{}
	found := false
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
				if k != n.Arg() {
					bit = sigNeg
				}
			default:
				return
			}
			had := seen[k]
			seen[k] = had | bit
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
			}
		}
	})
	return found
}

// argKey is argKey memoised: the representative of a long linear form's
// sign costs a sum's worth of work, and the same argument meets the test
// at every node above it.
func (en *engine) argKey(u symbolic.Expr) symbolic.Expr {
	if k, ok := en.argKeys[u]; ok {
		return k
	}
	k := argKey(u)
	if en.argKeys == nil {
		en.argKeys = map[symbolic.Expr]symbolic.Expr{}
	}
	en.argKeys[u] = k
	return k
}

// A split is k*a, the result of splitMultiple.
type split struct {
	k int64
	a symbolic.Expr
}

// splitMultiple is splitMultiple memoised (see sigmoidKernelWith).
func (en *engine) splitMultiple(u symbolic.Expr) (int64, symbolic.Expr) {
	if s, ok := en.splits[u]; ok {
		return s.k, s.a
	}
	k, a := splitMultiple(u)
	if en.splits == nil {
		en.splits = map[symbolic.Expr]split{}
	}
	en.splits[u] = split{k, a}
	return k, a
}
