package simplify

import (
	"strconv"

	"github.com/symdiff/symdiff/internal/arith"
	"github.com/symdiff/symdiff/symbolic"
)

// A kernelOcc is an occurrence of exp(k*a) or sigmoid(±a) in the
// skeleton.
type kernelOcc struct {
	call symbolic.Expr
	a    symbolic.Expr
	k    int64 // exp(k*a)
	neg  bool  // sigmoid(-a)
	isEx bool  // exp rather than sigmoid
	// off: the exp is exp(k*a) times a common offset, exp(k0*b) (see
	// scaledOccs), which must cancel.
	off bool
}

var sigmoidFn, _ = symbolic.Lookup("sigmoid")

// sigmoidKernel implements the kernel strategy: for each argument a of exp
// (up to sign and a small integer multiple) and of sigmoid in e, it writes
// s = sigmoid(a), replaces exp(k*a) by (s/(1 - s))^k and sigmoid(-a) by
// 1 - s, normalises the result as a rational function of s and the other
// kernels (cancelling common factors), and puts sigmoid(a) back. So
// exp(-x)/(1 + exp(-x))^2 = ((1 - s)/s)*s^2 becomes s*(1 - s).
func sigmoidKernel(e symbolic.Expr) []symbolic.Expr { return sigmoidKernelWith(e, kernelSplit) }

// kernelSplit writes u as k*a as splitMultiple does, but with a's sign
// turned where that makes 1 - sigmoid(a) cancel nowhere (see
// orientKernel): the argument of the kernel sigmoid(a).
func kernelSplit(u symbolic.Expr) (int64, symbolic.Expr) { return orientKernel(splitMultiple(u)) }

// orientKernel returns k*a as -k*(-a) where a is of one sign, and grows
// without bound, on the side where 1 - sigmoid(a), the form the kernel
// writes sigmoid(-a) in, cancels (see saturation): with a = 4*x^2 + 2 the
// kernel's forms hold sigmoid(4*x^2 + 2) - 1, 0 in float64 for every |x|
// from 3 on, where with -a they hold 1 - sigmoid(-4*x^2 - 2), which is
// exact. Otherwise k*a as it is: a of either sign (sigmoid(x)*(1 -
// sigmoid(x)), the form a reader writes), or bounded (sigmoid(sigmoid(x))).
func orientKernel(k int64, a symbolic.Expr) (int64, symbolic.Expr) {
	if !unbounded(a) || !provesSign(a, ">=") {
		return k, a
	}
	n, ok := try(func() symbolic.Expr { return symbolic.Neg(a) })
	if !ok {
		return k, a
	}
	return -k, n
}

// sigmoidKernelWith is sigmoidKernel with split for kernelSplit (the
// engine passes a memoised one: an argument's sign normalisation is a
// sum's worth of work, and the same argument meets the kernel at every
// node above it).
func sigmoidKernelWith(e symbolic.Expr, split func(symbolic.Expr) (int64, symbolic.Expr)) []symbolic.Expr {
	var occs []kernelOcc
	var args []symbolic.Expr
	// Only the rational skeleton of e (its sums, products and integer
	// powers) is searched and rewritten: inside a call the normaliser sees
	// nothing, and that part was simplified on its own.
	skeleton(e, func(n symbolic.Expr) {
		c, ok := n.(*symbolic.Call)
		if !ok {
			return
		}
		switch c.Func() {
		case symbolic.Exp:
			k, a := split(c.Arg())
			if k == 0 {
				return
			}
			occs = append(occs, kernelOcc{call: c, a: a, k: k, isEx: true})
		case sigmoidFn:
			k, a := split(c.Arg())
			if k != 1 && k != -1 {
				// sigmoid(3*x): its own kernel, sigmoid(3*x) and
				// sigmoid(-3*x) being 1 - each other.
				m, ok := try(func() symbolic.Expr { return symbolic.Mul(symbolic.Int(max(k, -k)), a) })
				if !ok {
					return
				}
				a, k = m, k/max(k, -k)
			}
			occs = append(occs, kernelOcc{call: c, a: a, neg: k == -1})
		default:
			return
		}
		a := occs[len(occs)-1].a
		for _, x := range args {
			if x == a {
				return
			}
		}
		args = append(args, a)
	})
	if len(occs) == 0 {
		return nil
	}
	// Exp arguments that are rational multiples of one another (x and
	// x/2) are integer multiples of a common one: exp(x) is exp(x/2)^2.
	var us []symbolic.Expr
	for _, o := range occs {
		if o.isEx {
			us = append(us, o.call.(*symbolic.Call).Arg())
		}
	}
	if common := fractionMultiples(us); common != nil {
		args = args[:0]
		for i, o := range occs {
			if o.isEx {
				if m, ok := common[o.call.(*symbolic.Call).Arg()]; ok {
					occs[i].k, occs[i].a = m.k, m.a
				}
			}
			args = appendNew(args, occs[i].a)
		}
	}
	// One candidate per argument, and one with every argument's kernel at
	// once (nested sigmoids need them all).
	var out []symbolic.Expr
	var used []symbolic.Expr
	if len(args) > maxKernels {
		args = args[:maxKernels]
	}
	if len(args) > maxSingleKernels {
		// Too many to try one by one: only all at once.
		used = args
	}
	for _, a := range args {
		if len(args) > maxSingleKernels {
			break
		}
		if rs := kernelRewrite(e, occs2(occs, a), []symbolic.Expr{a}); rs != nil {
			out = append(out, rs...)
			used = append(used, a)
		}
		// Where every occurrence of a is exp(k*a) with k a multiple of
		// some g > 1, also with the kernel sigmoid(g*a): (exp(2*y) -
		// 1)/(exp(2*y) + 1) is 2*sigmoid(2*y) - 1, which is tanh(y), where
		// sigmoid(y) would give a quotient of quadratics.
		for _, off := range [2]bool{false, true} {
			if sc, ga := scaledOccs(occs2(occs, a), a, off); sc != nil {
				out = append(out, kernelRewrite(e, sc, []symbolic.Expr{ga})...)
			}
		}
		if r := expPowers(e, occs2(occs, a), a); r != nil {
			out = append(out, r)
		}
	}
	if len(used) > 1 {
		var all []kernelOcc
		for _, a := range used {
			all = append(all, occs2(occs, a)...)
		}
		out = append(out, kernelRewrite(e, all, used)...)
	}
	return out
}

// scaledOccs returns the occurrences os of argument a rewritten on g*a,
// where g > 1 is the greatest common divisor of their multiples and every
// one is a call of exp, and g*a; nil where there is no such g.
//
// With off, the multiples' differences instead: each exp(k*a) is exp(k0*a)
// times exp((k - k0)*a), k0 the first multiple, and the occurrences are
// rewritten on g*a, g the greatest common divisor of the differences, with
// the offset exp(k0*a) marked: it must cancel in the normal form
// (exp(x)/(exp(x) + exp(-x)) is exp(2*x)/(exp(2*x) + 1), sigmoid(2*x);
// exp(9*x)/(exp(3*x) + exp(9*x)) is sigmoid(6*x), where the multiples'
// divisor 3 gives a quotient of cubics). Nil where the differences'
// divisor is not greater than the multiples' (the offset would be a power
// of the kernel itself).
func scaledOccs(os []kernelOcc, a symbolic.Expr, off bool) ([]kernelOcc, symbolic.Expr) {
	var g, d int64
	for _, o := range os {
		if !o.isEx {
			return nil, nil
		}
		g = arith.GCD(g, max(o.k, -o.k))
		if o.k != os[0].k { // (arith.GCD(0, 0) is 1)
			d = arith.GCD(d, max(o.k-os[0].k, os[0].k-o.k))
		}
	}
	if off {
		if d <= max(g, 1) {
			return nil, nil
		}
		g = d
	} else if g <= 1 {
		return nil, nil
	}
	ga := symbolic.Mul(symbolic.Int(g), a)
	out := make([]kernelOcc, len(os))
	for i, o := range os {
		if off {
			o.a, o.k, o.off = ga, (o.k-os[0].k)/g, true
		} else {
			o.a, o.k = ga, o.k/g
		}
		out[i] = o
	}
	return out, ga
}

// expPowers returns e with its calls exp(k*a) (os, every one an exp) read
// as powers of t = exp(g*a), g the multiples' greatest common divisor, in
// rational normal form, and t put back; nil where two multiples are not
// there, or nothing changed. Polynomials in t factor and cancel as
// polynomials: (exp(4*y) - 1)/(exp(2*y) + 1) is exp(2*y) - 1, and
// exp(5*x)/(exp(3*x) + exp(9*x)) is exp(2*x)/(exp(6*x) + 1), where the
// sigmoid kernel, reading them through 1/(1 + exp(-u)), gave a tanh times
// a sum and nothing.
func expPowers(e symbolic.Expr, os []kernelOcc, a symbolic.Expr) symbolic.Expr {
	var g int64
	distinct := false
	for _, o := range os {
		if !o.isEx || o.k == 0 {
			return nil
		}
		g = arith.GCD(g, max(o.k, -o.k))
		distinct = distinct || o.k != os[0].k
	}
	if !distinct {
		return nil
	}
	t := expVar()
	m := map[symbolic.Expr]symbolic.Expr{}
	r, ok := try(func() symbolic.Expr {
		for _, o := range os {
			m[o.call] = symbolic.Pow(t, symbolic.Int(o.k/g))
		}
		sub, ok := subsSkeleton(e, m)
		if !ok {
			return nil
		}
		n := rationalForm(sub)
		if n == nil {
			return nil
		}
		back := map[symbolic.Expr]symbolic.Expr{t: symbolic.Apply(symbolic.Exp, symbolic.Mul(symbolic.Int(g), a))}
		out, ok := subsSkeleton(n, back)
		if !ok {
			return nil
		}
		return out
	})
	if !ok || r == nil || r == e {
		return nil
	}
	return r
}

// expVar is the placeholder for exp(g*a) while expPowers normalises.
func expVar() *symbolic.Symbol { return symbolic.Sym("σ#exp") }

// offsetVar is the placeholder for the common offset of scaledOccs.
func offsetVar() *symbolic.Symbol { return symbolic.Sym("σ#offset") }

func occs2(occs []kernelOcc, a symbolic.Expr) []kernelOcc {
	var out []kernelOcc
	for _, o := range occs {
		if o.a == a {
			out = append(out, o)
		}
	}
	return out
}

// kernelVar returns the i-th placeholder for sigmoid(a) while the strategy
// normalises; the names cannot be written in the input syntax. They are
// interned symbols made on demand, not at package initialisation, which
// would cost every process that imports the package (a CLI run that never
// simplifies, for one) a hundred symbols.
func kernelVar(i int) *symbolic.Symbol { return symbolic.Sym("σ#" + strconv.Itoa(i)) }

// maxSingleKernels bounds the arguments for which the strategy also tries
// each kernel on its own.
const maxSingleKernels = 4

// maxKernels bounds the arguments the strategy handles at once.
const maxKernels = 128

// kernelRewrite substitutes a placeholder t_i for sigmoid(args[i]) in the
// occurrences occs, normalises, and substitutes back; nil if nothing came
// of it. Where the normal form divides by 1 - t_i, it also offers the form
// without that division (see avoidOneMinus).
func kernelRewrite(e symbolic.Expr, occs []kernelOcc, args []symbolic.Expr) []symbolic.Expr {
	m := map[symbolic.Expr]symbolic.Expr{}
	back := map[symbolic.Expr]symbolic.Expr{}
	hasExp, offset := false, false
	for i, a := range args {
		s := symbolic.Expr(kernelVar(i))
		back[s] = symbolic.Apply(sigmoidFn, a)
		for _, o := range occs {
			if o.a != a {
				continue
			}
			switch {
			case o.isEx:
				hasExp = true
				m[o.call] = symbolic.Pow(symbolic.Div(s, symbolic.Sub(symbolic.One, s)), symbolic.Int(o.k))
				if o.off {
					offset = true
					m[o.call] = symbolic.Mul(offsetVar(), m[o.call])
				}
			case o.neg:
				m[o.call] = symbolic.Sub(symbolic.One, s)
			default:
				m[o.call] = s
			}
		}
	}
	if !hasExp && len(m) < 2 && !hasQuotient(e) {
		// One sigmoid and no exp: the normal form has nothing to
		// relate it to, but in a quotient (1 - s)/s is exp(-a) (see
		// avoidOneMinus).
		return nil
	}
	sub, ok := subsSkeleton(e, m)
	if !ok {
		return nil
	}
	r := rationalForm(sub)
	if r == nil || offset && symbolic.Contains(r, offsetVar()) {
		return nil // (the offset did not cancel)
	}
	var outs []symbolic.Expr
	vars := map[symbolic.Expr]symbolic.Expr{}
	for i, a := range args {
		vars[kernelVar(i)] = a
	}
	forms := []symbolic.Expr{r}
	if st := avoidOneMinus(r, vars); st != nil {
		forms = append(forms, st)
	}
	for _, f := range forms {
		// The placeholders are in f's rational skeleton only: the other
		// kernels are the node's own subexpressions, which a substitution
		// need not walk (an exp of a long linear form).
		if out, ok := subsSkeleton(f, back); ok {
			outs = append(outs, out)
		}
	}
	return outs
}

// splitMultiple writes u as k*a with k a small integer and a not negative
// (see negativeSum).
func splitMultiple(u symbolic.Expr) (int64, symbolic.Expr) {
	var one [1]symbolic.Expr
	c, xs := splitProductIn(u, &one)
	if s, ok := u.(*symbolic.Sum); ok {
		// A sum's integer content is its multiple: 4*t + 2 is 2 times
		// 2*t + 1 (the canonical form distributes the 2).
		if k := sumContent(s); k.IsInt() && k.Num64() > 1 && k.Num64() < 16 {
			if a, ok := try(func() symbolic.Expr { return symbolic.Mul(symbolic.NumberOf(k.Inv()), u) }); ok {
				c, xs = k, []symbolic.Expr{a}
			}
		}
	}
	if len(xs) == 0 || c.IsBig() || c.Den64() != 1 || c.Num64() >= 16 || c.Num64() <= -16 {
		if s, ok := u.(*symbolic.Sum); ok && negativeSum(s) {
			return -1, symbolic.Neg(u)
		}
		if len(xs) > 0 && c.Sign() < 0 {
			// -37*x/100 is -1 times 37*x/100, as -2*x is -2 times x.
			return -1, symbolic.Neg(u)
		}
		return 1, u
	}
	k := c.Num64()
	a := symbolic.Mul(xs...)
	if s, ok := a.(*symbolic.Sum); ok && negativeSum(s) {
		return -k, symbolic.Neg(a)
	}
	return k, a
}

// negativeSum reports whether s is the negative one of s and -s: for a
// polynomial, whether its leading term is negative (see
// leadingMonomialSign: x - x^3 is, x^3 - x is not); for another sum,
// whether the term whose monomial (the term without its number) comes
// first in the canonical order has a negative coefficient, as in
// -w*x - b. The choice
// depends only on the monomials and flips with every sign, so of u and -u
// exactly one is negative (the canonical order of a sum's terms depends
// on their coefficients, so its first term is no such choice: a linear
// form with terms of both signs and -1 times it can both begin with a
// negative one).
func negativeSum(s *symbolic.Sum) bool {
	if sign, ok := leadingMonomialSign(s); ok {
		return sign < 0
	}
	var best []symbolic.Expr
	neg := false
	// A term that is not a product is its own factor, in one of two
	// buffers: the other may hold best's.
	var ones [2][1]symbolic.Expr
	cur := 0
	for _, t := range s.Terms() {
		if _, ok := t.(*symbolic.Number); ok {
			continue
		}
		c, xs := splitProductIn(t, &ones[cur])
		if best == nil || compareFactors(xs, best) < 0 {
			best, neg = xs, c.Sign() < 0
			cur ^= 1
		}
	}
	return neg
}

// leadingMonomialSign returns the sign of the leading term of s where s is
// a polynomial: the term of the highest degree, and of those the first by
// its factors (compareFactors), so that the choice does not depend on the
// coefficients and flips with every sign. A mathematician writes x^3 - x,
// not x - x^3, and sin(x^3 - x) as the user typed it; among terms of one
// degree the canonical order decides, as negativeSum does (x - y, a - b).
// (The orientation pass's leadingSign takes, among those, the last
// variable by name, x - a: it turns a result's factors back to a
// textbook's, where this picks a kernel's angle, which sigmoid(a - b) and
// tan(x - y) want in the order of the variables.)
func leadingMonomialSign(s *symbolic.Sum) (int, bool) {
	var best []symbolic.Expr
	bestDeg, sign := int64(-1), 0
	var ones [2][1]symbolic.Expr
	cur := 0
	for _, t := range s.Terms() {
		c, deg, _, ok := monomialDegree(t)
		if !ok {
			return 0, false
		}
		if deg < bestDeg {
			continue
		}
		_, xs := splitProductIn(t, &ones[cur])
		if deg > bestDeg || compareFactors(xs, best) < 0 {
			best, bestDeg, sign = xs, deg, c
			cur ^= 1
		}
	}
	return sign, sign != 0
}

// compareFactors orders lists of factors lexicographically by
// symbolic.Compare, a shorter prefix first.
func compareFactors(a, b []symbolic.Expr) int {
	for i := range min(len(a), len(b)) {
		if c := symbolic.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// skeleton calls f for each distinct node of e's rational skeleton: e, and
// recursively the operands of sums, products and powers with an integer
// exponent, but not what is inside calls or other powers.
func skeleton(e symbolic.Expr, f func(symbolic.Expr)) {
	skeletonWhile(e, func(n symbolic.Expr) bool { f(n); return true })
}

// skeletonWhile is skeleton, stopping the walk as soon as f returns false;
// it reports whether the walk went to the end.
func skeletonWhile(e symbolic.Expr, f func(symbolic.Expr) bool) bool {
	var seen nodeSet
	defer seen.release()
	var walk func(symbolic.Expr) bool
	walk = func(n symbolic.Expr) bool {
		if !seen.add(symbolic.KeyOf(n)) {
			return true
		}
		if inSkeleton(n) {
			for _, c := range symbolic.Children(n) {
				if !walk(c) {
					return false
				}
			}
		}
		return f(n)
	}
	return walk(e)
}

func inSkeleton(n symbolic.Expr) bool {
	switch n := n.(type) {
	case *symbolic.Sum, *symbolic.Product:
		return true
	case *symbolic.Power:
		k, ok := n.Exp().(*symbolic.Number)
		return ok && k.IsInt()
	}
	return false
}

// subsSkeleton replaces the keys of m in e's rational skeleton.
func subsSkeleton(e symbolic.Expr, m map[symbolic.Expr]symbolic.Expr) (symbolic.Expr, bool) {
	return mapSkeleton(e, func(n symbolic.Expr) (symbolic.Expr, bool) { r, ok := m[n]; return r, ok }, nil)
}

// mapSkeleton rebuilds e's rational skeleton bottom-up, each node once: a
// node for which replace gives a value is replaced by it, and each rebuilt
// sum, product or integer power is passed through post (if not nil). It
// reports false if a constructor refused.
func mapSkeleton(e symbolic.Expr, replace func(symbolic.Expr) (symbolic.Expr, bool), post func(symbolic.Expr) symbolic.Expr) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	memo := map[symbolic.Expr]symbolic.Expr{}
	var walk func(symbolic.Expr) symbolic.Expr
	walk = func(n symbolic.Expr) symbolic.Expr {
		if replace != nil {
			if r, ok := replace(n); ok {
				return r
			}
		}
		if !inSkeleton(n) {
			return n
		}
		if r, ok := memo[n]; ok {
			return r
		}
		kids := symbolic.Children(n)
		nk := make([]symbolic.Expr, len(kids))
		for i, c := range kids {
			nk[i] = walk(c)
		}
		r := symbolic.Rebuild(n, nk)
		if post != nil {
			r = post(r)
		}
		memo[n] = r
		return r
	}
	return walk(e), true
}

// subsAll is symbolic.Subs with a constructor's panic turned into false.
func subsAll(e symbolic.Expr, m map[symbolic.Expr]symbolic.Expr) (symbolic.Expr, bool) {
	return try(func() symbolic.Expr { return symbolic.Subs(e, m) })
}

// avoidOneMinus rewrites the rational function r of the placeholders
// (vars maps each to its sigmoid's argument a) so that no 1 - s is left
// in a denominator, and none beside a division by s, using the exact
// identities
//
//	s/(1 - s) = exp(a)    1/(1 - s) = 1 + exp(a)    (1 - s)/s = exp(-a)
//
// for s = sigmoid(a) (t - 1 is -(1 - t)). 1 - s loses all its accuracy as
// s approaches 1 (from a = 37 on it is 0 in float64), which a division
// turns into a relative error without bound, and a quotient by s keeps;
// exp(a) and 1 + exp(a) are accurate wherever they are finite. It returns
// nil if r has no such factor.
func avoidOneMinus(r symbolic.Expr, vars map[symbolic.Expr]symbolic.Expr) symbolic.Expr {
	changed := false
	memo := map[symbolic.Expr]symbolic.Expr{}
	// A power that is a factor of a product is rewritten with the
	// product's other factors (s^3/(1 - s) is s^2*exp(a)), not alone.
	var walk func(n symbolic.Expr, factor bool) symbolic.Expr
	walk = func(n symbolic.Expr, factor bool) symbolic.Expr {
		if !inSkeleton(n) {
			return n
		}
		_, isProd := n.(*symbolic.Product)
		if !factor {
			if m, ok := memo[n]; ok {
				return m
			}
		}
		kids := symbolic.Children(n)
		nk := make([]symbolic.Expr, len(kids))
		for i, c := range kids {
			nk[i] = walk(c, isProd)
		}
		m := symbolic.Rebuild(n, nk)
		if factor {
			return m
		}
		if f, ok := oneMinusFactors(m, vars); ok {
			m = f
			changed = true
		}
		memo[n] = m
		return m
	}
	out, ok := try(func() symbolic.Expr { return walk(r, false) })
	if !ok || !changed {
		return nil
	}
	return out
}

// oneMinusFactors applies avoidOneMinus's identities to the factors of the
// product (or power) n.
func oneMinusFactors(n symbolic.Expr, vars map[symbolic.Expr]symbolic.Expr) (symbolic.Expr, bool) {
	var fs []symbolic.Expr
	switch n := n.(type) {
	case *symbolic.Product:
		fs = n.Factors()
	case *symbolic.Power:
		fs = []symbolic.Expr{n}
	default:
		return nil, false
	}
	// The integer exponent of each placeholder among the factors.
	pow := func(f symbolic.Expr) (symbolic.Expr, int64) {
		if p, ok := f.(*symbolic.Power); ok {
			if k, ok := p.Exp().(*symbolic.Number); ok {
				if ki, ok := k.Int64(); ok && k.IsInt() {
					return p.Base(), ki
				}
			}
			return f, 1
		}
		return f, 1
	}
	exps := map[symbolic.Expr]int64{}
	for _, f := range fs {
		if b, k := pow(f); vars[b] != nil {
			exps[b] += k
		}
	}
	changed := false
	out := make([]symbolic.Expr, 0, len(fs)+2)
	var extra []symbolic.Expr
	// kept[i] is what is left of factor i, a power of 1 - t, where the
	// second identity below takes part of it (nil: all of it).
	kept := make([]symbolic.Expr, len(fs))
	taken := make([]bool, len(fs))
	for i, f := range fs {
		b, k := pow(f)
		if k >= 0 {
			continue
		}
		t, flip := oneMinusOf(b, vars)
		if t == nil {
			continue
		}
		a := vars[t]
		j := min(max(exps[t], 0), -k)
		exps[t] -= j
		if j > 0 {
			extra = append(extra, symbolic.Apply(symbolic.Exp, symbolic.Mul(symbolic.Int(j), a)))
		}
		if -k-j > 0 {
			extra = append(extra, symbolic.Pow(symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, a)), symbolic.Int(-k-j)))
		}
		if flip && k%2 != 0 {
			extra = append(extra, symbolic.MinusOne)
		}
		taken[i] = true
		changed = true
	}
	// The mirror image: (1 - s)/s = exp(-a), where s divides and 1 - s
	// multiplies: ((1 - sigmoid(x))/sigmoid(x))^2 is exp(-2*x), exact
	// where 1 - s is 0 in float64.
	for i, f := range fs {
		b, k := pow(f)
		if k <= 0 {
			continue
		}
		t, flip := oneMinusOf(b, vars)
		if t == nil || exps[t] >= 0 {
			continue
		}
		j := min(k, -exps[t])
		exps[t] += j
		extra = append(extra, symbolic.Apply(symbolic.Exp, symbolic.Mul(symbolic.Int(-j), vars[t])))
		if flip && j%2 != 0 {
			extra = append(extra, symbolic.MinusOne)
		}
		taken[i] = true
		if k > j {
			kept[i] = symbolic.Pow(b, symbolic.Int(k-j))
		}
		changed = true
	}
	if !changed {
		return nil, false
	}
	for i, f := range fs {
		if taken[i] {
			if kept[i] != nil {
				out = append(out, kept[i])
			}
			continue
		}
		if b, _ := pow(f); vars[b] != nil {
			continue
		}
		out = append(out, f)
	}
	for t, k := range exps {
		if k != 0 {
			out = append(out, symbolic.Pow(t, symbolic.Int(k)))
		}
	}
	return symbolic.Mul(append(out, extra...)...), true
}

// oneMinusOf returns t if e is 1 - t (flip false) or t - 1 (flip true) for
// a placeholder t of vars, and nil otherwise.
func oneMinusOf(e symbolic.Expr, vars map[symbolic.Expr]symbolic.Expr) (t symbolic.Expr, flip bool) {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) != 2 {
		return nil, false
	}
	n, ok := s.Terms()[0].(*symbolic.Number)
	if !ok {
		return nil, false
	}
	c, xs := splitProduct(s.Terms()[1])
	if len(xs) != 1 || vars[xs[0]] == nil {
		return nil, false
	}
	switch {
	case n == symbolic.One && !c.IsBig() && c.Den64() == 1 && c.Num64() == -1:
		return xs[0], false
	case n == symbolic.MinusOne && c.Is(1):
		return xs[0], true
	}
	return nil, false
}
