package simplify

import (
	"github.com/symdiff/symdiff/internal/arith"
	"github.com/symdiff/symdiff/symbolic"
	"slices"
)

// This file holds the strategies for the sigmoid family beyond one
// argument, called from engine.rewrites next to the sigmoid kernel.

// maxExpArgs bounds the distinct exp arguments the exp-ratio strategy takes
// as a reference in each of its two schemes; each is one rational normal
// form.
const maxExpArgs = 4

// expRatio implements the exp-ratio strategy (split is splitMultiple,
// memoised by the caller: a long linear form under exp is met at every node
// above it). Where exp is called with two
// or more arguments that are not integer multiples of one argument, it
// takes an argument a as the reference, gives every exp(u) a degree d and
// writes it E^d*exp(u - d*a), with E a placeholder, and puts the result in
// rational normal form. Where E cancels (e is homogeneous of degree 0 in
// the exponentials) the form has one exp argument fewer and is a rewrite:
// exp(a)/(exp(a) + exp(b)) becomes 1/(1 + exp(b - a)), which the sigmoid
// rules and kernel turn into sigmoid(a - b), the two-class softmax, and its
// derivatives into s*(1 - s) with s = sigmoid(a - b).
//
// Two schemes of degrees are tried, each argument as the reference in
// turn: linear degrees (exp(k*g) has degree k where g is an argument, and
// exp(a + b) degree 2 where exp(a) and exp(b) occur, as exp(a)*exp(b)), and
// degree 1 for every exp (so exp(x)/(exp(x) + exp(2*y)) is
// 1/(1 + exp(2*y - x))). Forms that keep E are dropped, so repeated
// rewrites end.
//
// Work: at most 2*maxExpArgs rational normal forms of e's skeleton, and
// none where exp has fewer than two arguments or a sum of the skeleton has
// terms with and without an exp factor (see mixedSum).
func expRatio(e symbolic.Expr, split func(symbolic.Expr) (int64, symbolic.Expr)) []symbolic.Expr {
	type occ struct {
		call, u symbolic.Expr // exp(u)
		k       int64         // u = k*a
		a       symbolic.Expr
	}
	var occs []occ
	var bases, fulls []symbolic.Expr
	mixed := false
	skeleton(e, func(n symbolic.Expr) {
		if s, ok := n.(*symbolic.Sum); ok {
			mixed = mixed || mixedSum(s)
			return
		}
		c, ok := n.(*symbolic.Call)
		if !ok || c.Func() != symbolic.Exp {
			return
		}
		k, a := split(c.Arg())
		if k == 0 {
			return
		}
		occs = append(occs, occ{c, c.Arg(), k, a})
		fulls = appendNew(fulls, c.Arg())
	})
	if mixed {
		return nil
	}
	// Arguments that are rational multiples of one another (x and x/2)
	// are integer multiples of a common one (x/2): exp(x) is exp(x/2)^2.
	us := make([]symbolic.Expr, len(occs))
	for i, o := range occs {
		us[i] = o.u
	}
	common := fractionMultiples(us)
	for i, o := range occs {
		if m, ok := common[o.u]; ok {
			occs[i].k, occs[i].a = m.k, m.a
		}
		bases = appendNew(bases, occs[i].a)
	}
	if len(bases) < 2 {
		return nil
	}
	isBase := func(x symbolic.Expr) bool {
		for _, b := range bases {
			if b == x {
				return true
			}
		}
		return false
	}
	// linear returns the degree of exp(u) in the linear scheme.
	linear := func(o occ) int64 {
		if isBase(o.a) && o.k != 0 {
			if s, ok := o.a.(*symbolic.Sum); ok {
				if d, ok := sumDegree(s, isBase, split); ok && d != 0 {
					return o.k * d
				}
			}
			return o.k
		}
		return 1
	}
	ref := symbolic.Sym("E#ref")
	var out []symbolic.Expr
	try := func(a symbolic.Expr, degree func(occ) int64) {
		m := map[symbolic.Expr]symbolic.Expr{}
		ok := safely(func() {
			for _, o := range occs {
				d := degree(o)
				var r symbolic.Expr = symbolic.Pow(ref, symbolic.Int(d))
				if rest := symbolic.Sub(o.u, symbolic.Mul(symbolic.Int(d), a)); rest != symbolic.Zero {
					r = symbolic.Mul(r, symbolic.Apply(symbolic.Exp, rest))
				}
				m[o.call] = r
			}
		})
		if !ok {
			return
		}
		sub, ok := subsSkeleton(e, m)
		if !ok {
			return
		}
		r := rationalForm(sub)
		if r == nil || symbolic.Contains(r, ref) {
			return
		}
		out = appendNew(out, r)
		if q := properFraction(r); q != nil {
			out = appendNew(out, q)
		}
	}
	for i, a := range bases {
		if i == maxExpArgs {
			break
		}
		try(a, linear)
	}
	// The flat scheme differs from the linear one only where a degree
	// is not 1.
	flat := false
	for _, o := range occs {
		flat = flat || linear(o) != 1
	}
	if flat && len(fulls) > 1 {
		for i, a := range fulls {
			if i == maxExpArgs {
				break
			}
			try(a, func(occ) int64 { return 1 })
		}
	}
	return out
}

// mixedSum reports whether some terms of s have an exp factor and others
// do not, as in 1 + exp(-x). Such a sum has terms of degree 0 and of
// another degree whatever the reference, so E cannot cancel from it: the
// exp-ratio strategy skips a node with one, which saves its rational
// normal forms on the derivatives of nested sigmoids written with exp.
func mixedSum(s *symbolic.Sum) bool {
	with := 0
	for _, t := range s.Terms() {
		if hasExpFactor(t) {
			with++
		}
	}
	return with > 0 && with < len(s.Terms())
}

func hasExpFactor(t symbolic.Expr) bool {
	switch t := t.(type) {
	case *symbolic.Call:
		return t.Func() == symbolic.Exp
	case *symbolic.Power:
		return hasExpFactor(t.Base())
	case *symbolic.Product:
		for _, f := range t.Factors() {
			if hasExpFactor(f) {
				return true
			}
		}
	}
	return false
}

// sumDegree returns the sum of the coefficients of s's terms when each
// term is an integer multiple of an expression for which isBase holds
// (a + b, or 2*a - b), and false otherwise.
func sumDegree(s *symbolic.Sum, isBase func(symbolic.Expr) bool, split func(symbolic.Expr) (int64, symbolic.Expr)) (int64, bool) {
	var d int64
	for _, t := range s.Terms() {
		k, a := split(t)
		if !isBase(a) {
			return 0, false
		}
		d += k
	}
	return d, true
}

func appendNew(xs []symbolic.Expr, x symbolic.Expr) []symbolic.Expr {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// safely runs f and reports false if a constructor panicked with a
// *symbolic.Error (a division by zero, say).
func safely(f func()) bool {
	_, ok := try(func() symbolic.Expr { f(); return nil })
	return ok
}

// appendRewrites appends each of es to out as a rewrite by the strategy
// named rule.
func appendRewrites(out []rewrite, rule string, es []symbolic.Expr) []rewrite {
	for _, e := range es {
		out = append(out, rewrite{rule, e})
	}
	return out
}

var softplusFn, _ = symbolic.Lookup("softplus")

// softplusReflect implements the softplus reflection (split as for
// expRatio): softplus(-a) =
// softplus(a) - a. For each argument a of softplus in e's skeleton (up to
// sign, at most maxExpArgs of them) it writes every softplus(-a) as
// softplus(a) - a, and in a second form every softplus(a) as softplus(-a) +
// a, and puts each in rational normal form, so that terms in softplus(a)
// and softplus(-a) collect: the cross-entropy y*softplus(-z) +
// (1 - y)*softplus(z) becomes softplus(z) - y*z.
//
// Work: at most 2*maxExpArgs rational normal forms of e's skeleton.
func softplusReflect(e symbolic.Expr, split func(symbolic.Expr) (int64, symbolic.Expr)) []symbolic.Expr {
	type occ struct {
		call, a symbolic.Expr
		neg     bool
	}
	var occs []occ
	var args []symbolic.Expr
	skeleton(e, func(n symbolic.Expr) {
		c, ok := n.(*symbolic.Call)
		if !ok || c.Func() != softplusFn {
			return
		}
		k, a := split(c.Arg())
		if k != 1 && k != -1 {
			a, k = c.Arg(), 1
		}
		occs = append(occs, occ{c, a, k == -1})
		args = appendNew(args, a)
	})
	var out []symbolic.Expr
	for i, a := range args {
		if i == maxExpArgs {
			break
		}
		for _, toPos := range []bool{true, false} {
			m := map[symbolic.Expr]symbolic.Expr{}
			ok := safely(func() {
				for _, o := range occs {
					switch {
					case o.a != a || o.neg != toPos:
					case toPos: // softplus(-a) = softplus(a) - a
						m[o.call] = symbolic.Sub(symbolic.Apply(softplusFn, a), a)
					default: // softplus(a) = softplus(-a) + a
						m[o.call] = symbolic.Add(symbolic.Apply(softplusFn, symbolic.Neg(a)), a)
					}
				}
			})
			if !ok || len(m) == 0 {
				continue
			}
			out = appendSubstituted(out, e, m)
		}
	}
	return out
}

var tanhFn, _ = symbolic.Lookup("tanh")

// tanhSigmoid implements the tanh-sigmoid exchange: tanh(u) = 2*sigmoid(2*u)
// - 1. Where e's skeleton has tanh(u) beside sigmoid(±2*u), or in a sum with
// a number (1 + tanh(u), see numberBesideTanh), every tanh(u) is written
// 2*sigmoid(2*u) - 1 and the node put in rational normal form; beside
// sigmoid(±2*u), also every sigmoid(v) is written (1 + tanh(v/2))/2. So
// tanh(x) - 2*sigmoid(2*x) becomes -1 and (1 + tanh(x/2))/2 becomes
// sigmoid(x); the cost chooses between the forms. A tanh and a sigmoid of
// unrelated arguments (tanh(u) and sigmoid(u)) are left alone: the
// exchange cannot combine them.
//
// Work: at most two rational normal forms per node with a tanh.
func tanhSigmoid(e symbolic.Expr) []symbolic.Expr {
	var tanhs, sigs, beside []*symbolic.Call
	skeleton(e, func(n symbolic.Expr) {
		switch n := n.(type) {
		case *symbolic.Sum:
			beside = numberBesideTanh(n, beside)
		case *symbolic.Call:
			switch n.Func() {
			case tanhFn:
				tanhs = append(tanhs, n)
			case sigmoidFn:
				sigs = append(sigs, n)
			}
		}
	})
	if len(tanhs) == 0 {
		return nil
	}
	paired := false
	ok := safely(func() {
		for _, t := range tanhs {
			two := symbolic.Mul(symbolic.Two, t.Arg())
			for _, g := range sigs {
				if g.Arg() == two || g.Arg() == symbolic.Neg(two) {
					paired = true
				}
			}
		}
	})
	if !ok || !paired && len(beside) == 0 {
		return nil
	}
	if !paired {
		// Only the tanhs beside a number (tanh(x)/2 + 1/2 + tanh(y)^2 is
		// sigmoid(2*x) + tanh(y)^2: tanh(y) stays).
		tanhs = beside
	}
	toSig := map[symbolic.Expr]symbolic.Expr{}
	toTanh := map[symbolic.Expr]symbolic.Expr{}
	if !safely(func() {
		for _, t := range tanhs {
			toSig[t] = symbolic.Sub(symbolic.Mul(symbolic.Two, symbolic.Apply(sigmoidFn, symbolic.Mul(symbolic.Two, t.Arg()))), symbolic.One)
		}
		if paired {
			for _, g := range sigs {
				toTanh[g] = symbolic.Mul(symbolic.Half, symbolic.Add(symbolic.One, symbolic.Apply(tanhFn, symbolic.Mul(symbolic.Half, g.Arg()))))
			}
		}
	}) {
		return nil
	}
	var out []symbolic.Expr
	for _, m := range []map[symbolic.Expr]symbolic.Expr{toSig, toTanh} {
		if len(m) == 0 {
			continue
		}
		out = appendSubstituted(out, e, m)
	}
	return out
}

// numberBesideTanh appends to out, if s has a number term, the calls
// tanh(u) of its terms that are a number times tanh(u), as in 1 + tanh(u):
// where 2*sigmoid(2*u) - 1 can absorb the number. (1 - tanh(u)^2, the
// common tanh derivative, does not count: it is sech(u)^2.)
func numberBesideTanh(s *symbolic.Sum, out []*symbolic.Call) []*symbolic.Call {
	ts := s.Terms()
	if _, ok := ts[0].(*symbolic.Number); !ok {
		return out
	}
	for _, t := range ts[1:] {
		c, fs := splitProduct(t)
		if len(fs) == 1 && !c.IsBig() {
			if f, ok := fs[0].(*symbolic.Call); ok && f.Func() == tanhFn && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// appendSubstituted appends to out the rational normal form of e with the
// keys of m substituted in its skeleton, where there is one and it is not e.
func appendSubstituted(out []symbolic.Expr, e symbolic.Expr, m map[symbolic.Expr]symbolic.Expr) []symbolic.Expr {
	sub, ok := subsSkeleton(e, m)
	if !ok {
		return out
	}
	if r := rationalForm(sub); r != nil && r != e {
		out = appendNew(out, r)
	}
	return out
}

// A multiple is k*a, an argument written as an integer multiple of a
// common one.
type multiple struct {
	k int64
	a symbolic.Expr
}

// fractionMultiples returns, for the arguments us whose primitive parts
// (us divided by their rational content, of one sign) coincide with
// another's but whose contents are not integer multiples of one another
// (x and x/2, 2*x/3 and x/2), each as an integer multiple of their
// contents' greatest common divisor times the primitive part: x is
// 2*(x/2). The integers are at most 16; an argument left out keeps the
// split it has (splitMultiple).
func fractionMultiples(us []symbolic.Expr) map[symbolic.Expr]multiple {
	type part struct {
		c symbolic.Rat
		p symbolic.Expr
	}
	if len(us) < 2 {
		return nil
	}
	// Most nodes have integer contents only: nothing to build then.
	anyFraction := false
	for _, u := range us {
		var c symbolic.Rat
		if s, isSum := u.(*symbolic.Sum); isSum {
			c = sumContent(s)
		} else {
			c = coefficient(u)
		}
		anyFraction = anyFraction || !c.IsInt()
	}
	if !anyFraction {
		return nil
	}
	parts := make([]part, len(us))
	for i, u := range us {
		var c symbolic.Rat
		var p symbolic.Expr
		ok := safely(func() {
			if s, isSum := u.(*symbolic.Sum); isSum {
				c = sumContent(s)
				p = symbolic.Mul(symbolic.NumberOf(c.Inv()), u)
			} else {
				var fs []symbolic.Expr
				c, fs = splitProduct(u)
				p = symbolic.Mul(fs...)
			}
			if s, isSum := p.(*symbolic.Sum); isSum && negativeSum(s) {
				c, p = c.Neg(), symbolic.Neg(p)
			}
		})
		if !ok || c.IsBig() || c.Is(0) {
			return nil
		}
		parts[i] = part{c, p}
	}
	var out map[symbolic.Expr]multiple
	for i := range parts {
		// The group of parts[i].p, handled at its first member.
		first := true
		for j := range i {
			if parts[j].p == parts[i].p {
				first = false
				break
			}
		}
		if !first {
			continue
		}
		var num, den int64 = 0, 1
		// Integer contents are related already (splitMultiple: 2*x and
		// 4*x are multiples of x); a fraction among two or more is not.
		distinct, fractional := false, false
		for j := i; j < len(parts); j++ {
			if parts[j].p != parts[i].p {
				continue
			}
			c := parts[j].c
			if absI(c.Num64()) > 1<<20 || c.Den64() > 1<<20 {
				return out
			}
			l := den / arith.GCD(den, c.Den64()) * c.Den64()
			num = arith.GCD(num*(l/den), absI(c.Num64())*(l/c.Den64()))
			den = l
			distinct = distinct || !c.Equal(parts[i].c)
			fractional = fractional || !c.IsInt()
		}
		if !distinct || !fractional || num == 0 {
			continue
		}
		g := symbolic.NewRat(num, den)
		for j := i; j < len(parts); j++ {
			if parts[j].p != parts[i].p {
				continue
			}
			k := parts[j].c.Quo(g)
			if !k.IsInt() || k.IsBig() || absI(k.Num64()) > 16 {
				return out
			}
			a, ok := try(func() symbolic.Expr { return symbolic.Mul(symbolic.NumberOf(g), parts[j].p) })
			if !ok {
				return out
			}
			if out == nil {
				out = map[symbolic.Expr]multiple{}
			}
			out[us[j]] = multiple{k.Num64(), a}
		}
	}
	return out
}

// properFraction writes a quotient c*N/D of sums whose numerator N is a
// number k times the denominator D plus fewer terms than N has as c*k +
// c*(N - k*D)/D, and returns nil for any other e: -(u + v)/(u + v + 1) is
// 1/(u + v + 1) - 1. The exp ratio's normal forms are such quotients where
// a class's share is taken from 1: the derivative of the cross-entropy
// -log(exp(a)/(exp(a) + exp(b) + exp(c))) by a is 1/(exp(b - a) + exp(c - a)
// + 1) - 1, as that of the log-sum-exp minus a is, where the one fraction
// (exp(b - a) + exp(c - a))/(...) overflows to NaN once exp(b - a) does.
// k is the ratio of the first term of D whose other factors are those of
// a term of N. It holds wherever D is not 0, as the quotient does.
func properFraction(e symbolic.Expr) symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return nil
	}
	var num, den *symbolic.Sum
	var rest []symbolic.Expr
	for _, f := range p.Factors() {
		if s, ok := f.(*symbolic.Sum); ok && num == nil {
			num = s
			continue
		}
		if pw, ok := f.(*symbolic.Power); ok && pw.Exp() == symbolic.MinusOne && den == nil {
			if s, ok := pw.Base().(*symbolic.Sum); ok {
				den = s
				continue
			}
		}
		rest = append(rest, f)
	}
	if num == nil || den == nil {
		return nil
	}
	k, ok := termRatio(num, den)
	if !ok {
		return nil
	}
	r, ok := try(func() symbolic.Expr {
		kk := symbolic.NumberOf(k)
		left := symbolic.Sub(num, symbolic.Mul(kk, den))
		if termCount(left) >= len(num.Terms()) {
			return nil
		}
		c := symbolic.Mul(rest...)
		return symbolic.Add(symbolic.Mul(c, kk), symbolic.Mul(c, left, symbolic.Pow(den, symbolic.MinusOne)))
	})
	if !ok {
		return nil
	}
	return r
}

// termRatio returns the ratio of the coefficients of the first term of d
// (not a number) whose other factors are those of a term of n, and false
// if there is none.
func termRatio(n, d *symbolic.Sum) (symbolic.Rat, bool) {
	for _, t := range d.Terms() {
		if _, ok := t.(*symbolic.Number); ok {
			continue
		}
		var bd, bn [1]symbolic.Expr
		cd, fd := splitProductIn(t, &bd)
		for _, u := range n.Terms() {
			if cn, fn := splitProductIn(u, &bn); slices.Equal(fn, fd) {
				return cn.Quo(cd), true
			}
		}
	}
	return symbolic.Rat{}, false
}
