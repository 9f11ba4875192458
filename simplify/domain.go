package simplify

import (
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// domainFacts are signs that an input's own domain implies: an expression
// that calls log(u) is defined only where u > 0, one with sqrt(u) (u^(1/2))
// only where u >= 0, so wherever it is defined those hold, and a rewrite
// that needs them holds there too. exp(2*log(x)) is x^2 wherever it is
// defined; 2*exp(2*log(x))/x, its derivative, is 2*x.
//
// The facts are proved sign conditions of rules (see provesSignIn), nothing
// else: a rewrite under them still holds wherever both its sides are
// defined, and the result may be defined on a larger set than the input
// (x^2 for exp(2*log(x))), as in every computer algebra system.
type domainFacts map[symbolic.Key]signKind

// inputDomain returns the facts that hold for every one of es: the engine
// memoises nodes across its inputs, so a fact one input's domain gives is
// used only if every other input gives it too. Nil if there are none.
func inputDomain(es []symbolic.Expr) domainFacts {
	var common domainFacts
	for i, e := range es {
		f := domainOf(e)
		if i == 0 {
			common = f
			continue
		}
		for k, s := range common {
			switch t, ok := f[k]; {
			case !ok:
				delete(common, k)
			case t == s:
			case nonNeg(t) && nonNeg(s):
				common[k] = signNonNeg // positive in one, non-negative in the other
			default:
				delete(common, k) // negative in one only
			}
		}
	}
	if len(common) == 0 {
		return nil
	}
	return common
}

// nonNeg reports whether s says >= 0.
func nonNeg(s signKind) bool { return s == signPos || s == signNonNeg }

// domainOf returns the facts that e's own domain gives: the argument of a
// function whose table row has an ArgSign, and the base of a power whose
// exponent is a fraction of even denominator (a square root), each with
// what that implies of simpler expressions (see imply).
//
// The base u of a general power u^v (v not a number) that is 0 on a whole
// interval (it holds a relu, step or sign) gives nothing through a
// log(u): the general power rule's derivative, u^v*(v'*log(u) +
// v*u'/u), has a value there, where u' is 0 beside the log (package
// numeric evaluates it as its limit, 0: relu(-x)^relu(-x)' at x = 1), so
// u > 0 does not hold wherever the expression is defined.
func domainOf(e symbolic.Expr) domainFacts {
	facts := domainFacts{}
	var pos []symbolic.Expr             // arguments of log and the like
	general := map[symbolic.Expr]bool{} // bases of general powers, flat somewhere
	var funcs keyTable[funcMask]        // memo of funcsOf
	symbolic.Walk(e, func(n symbolic.Expr) {
		switch n := n.(type) {
		case *symbolic.Call:
			switch n.Func().ArgSign {
			case symbolic.RangePositive:
				pos = append(pos, n.Arg())
			case symbolic.RangeNonNegative:
				facts.imply(n.Arg(), signNonNeg)
			}
		case *symbolic.Power:
			k, ok := n.Exp().(*symbolic.Number)
			switch {
			case !ok:
				if funcsOf(n.Base(), &funcs)&flatFuncs() != 0 {
					general[n.Base()] = true
				}
			case evenRoot(k):
				facts.imply(n.Base(), signNonNeg)
			}
		}
	})
	for _, u := range pos {
		if !general[u] {
			facts.imply(u, signPos)
		}
	}
	return facts
}

// flatFuncs are relu, step and sign, which are constant on a whole
// interval.
var flatFuncs = sync.OnceValue(func() funcMask {
	m := funcMask(0)
	for _, name := range []string{"relu", "step", "sign"} {
		f, _ := symbolic.Lookup(name)
		m |= funcBit(f)
	}
	return m
})

// evenRoot reports whether the exponent k is a fraction whose denominator
// is even (1/2, 3/2, -1/4): a power with it is real only for a
// non-negative base.
func evenRoot(k *symbolic.Number) bool {
	if k.IsInt() {
		return false
	}
	r := k.Exact()
	if r.IsBig() {
		return r.Big().Denom().Bit(0) == 0
	}
	return r.Den64()%2 == 0
}

// imply records that u has sign s (positive or non-negative), and what
// follows for the parts of simple shapes of u: u = a^k with k a fraction of
// odd numerator (x^3, 1/x, x^(1/3), cbrt(x)) or of even denominator
// (x^(3/2), real only for a >= 0) has a's sign; in a product whose other factors have known signs
// (c*a with c a number, x*exp(y)), the one factor left has u's sign over
// theirs.
//
// A sign that u's structure proves already is not recorded (log(1 +
// exp(x)) gives nothing): the facts are only what the structure misses, so
// an input whose logarithms and roots need nothing new has none.
func (f domainFacts) imply(u symbolic.Expr, s signKind) {
	if old, ok := f[symbolic.KeyOf(u)]; ok && (old == signPos || old == s) {
		return
	}
	if known := signOf(u); known == signPos || known == s {
		return
	}
	f[symbolic.KeyOf(u)] = s
	switch u := u.(type) {
	case *symbolic.Power:
		k, ok := u.Exp().(*symbolic.Number)
		if !ok {
			break
		}
		r := k.Exact()
		switch {
		case r.IsBig():
		case evenRoot(k):
			// Real only for a >= 0, and 0 only at a = 0: log(x^(3/2))
			// needs x > 0.
			f.imply(u.Base(), s)
		case r.Num64()%2 != 0:
			// An odd power or odd root (x^3, x^(1/3), 1/x) has a's
			// sign.
			f.imply(u.Base(), s)
		}
	case *symbolic.Call:
		if u.Func() == cbrtFn {
			f.imply(u.Arg(), s)
		}
	case *symbolic.Product:
		// One factor of unknown sign among factors of known sign (a
		// number, exp, a square plus one) has the product's sign over
		// theirs.
		unknown, rest := -1, signPos
		for i, x := range u.Factors() {
			if k := signOf(x); k == signPos || k == signNeg {
				rest = mulSigns(rest, k)
				continue
			}
			if unknown >= 0 {
				return
			}
			unknown = i
		}
		if unknown < 0 {
			return
		}
		switch x := u.Factors()[unknown]; rest {
		case signPos:
			f.imply(x, s)
		case signNeg:
			if s == signPos {
				f.implyNeg(x)
			}
		}
	}
}

// implyNeg records that u < 0.
func (f domainFacts) implyNeg(u symbolic.Expr) {
	if _, ok := f[symbolic.KeyOf(u)]; !ok {
		f[symbolic.KeyOf(u)] = signNeg
	}
}

// sign returns the fact recorded for e, if any.
func (f domainFacts) sign(e symbolic.Expr) (signKind, bool) {
	if f == nil {
		return signUnknown, false
	}
	s, ok := f[symbolic.KeyOf(e)]
	return s, ok
}
