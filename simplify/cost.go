package simplify

import (
	"slices"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// Node weights of the cost function. They approximate the work of
// evaluating a node once: a call (exp, sin, sigmoid, ...) costs more than an
// arithmetic operation, and a power with a non-integer exponent (a root)
// more than one with an integer exponent.
const (
	weightLeaf     = 1 // a symbol, or a number other than 1 and -1
	weightCall     = 4 // a function call
	weightIntPow   = 2 // x^n for an integer n (1/x included)
	weightOtherPow = 3 // x^(1/2), x^y
	// weightInverse is a call of an inverse trigonometric or hyperbolic
	// function (asin, acosh, ...): they are computed through another call
	// and most through a root (Go's math.Asin is an arctangent of
	// x/sqrt(1 - x^2), math.Acosh a logarithm of x + sqrt(x^2 - 1)), and a
	// reader expects sin(acos(x)) as sqrt(1 - x^2), which costs less only
	// with this weight.
	weightInverse = 2 * weightCall
	// weightAbs is a call of abs or sign: a comparison, computed as
	// cheaply as an integer power. Weighed as a call, abs(x)/sqrt(x^2 + 1)
	// cost more than the cos(acot(x)) it equals.
	weightAbs = weightIntPow
)

// Cost returns the weighted DAG size of e, the measure the simplifier
// minimises. Every distinct node of the DAG counts once (a shared
// subexpression is paid for once, as a compiled evaluation computes it
// once), with the weight
//
//	symbol, number                   1 (but 0 for 1 and -1)
//	sum of n terms                   n-1   (the additions)
//	product of n factors             n-1, not counting a coefficient
//	                                 1 or -1 (negation is free, so a - b
//	                                 costs what a + b costs)
//	power with an integer exponent   2
//	other power (sqrt(x), x^y)       3
//	function call                    4
//	abs or sign                      2
//	inverse trigonometric or         8
//	hyperbolic call (asin, acosh)
//
// plus the numerical hazard weights of hazard.go: 1 for a sum that can
// cancel (terms of both signs, one of them a function call), 4 more for a
// power with a negative exponent of such a sum (a division by a difference
// that may be nearly 0); and the weights of forms a reader writes another
// way (docs/simplify.md, "The cost function"): a reciprocal of a sigmoid,
// a polynomial as a sum of products of polynomials, a sum with terms to
// collect, a sum whose terms all carry a minus sign, a sum holding a
// Pythagorean pair (pairweight.go), a compound fraction or numerator, a
// polynomial with fractional coefficients in a quotient.
//
// So sigmoid(x)*(1 - sigmoid(x)) (cost 8, with 1 for its difference) beats
// sigmoid(x)*sigmoid(-x) (cost 10), which computes two sigmoids, and
// sigmoid(x) - sigmoid(x)^2 (cost 10); and exp(x)*sigmoid(x)^2 (cost 13)
// beats sigmoid(x)^3/(1 - sigmoid(x)) (cost 17). Between forms of equal
// cost the simplifier prefers fewer minus signs, then the smaller tree,
// then fewer fractions, then the canonical order (see Compare in package
// symbolic), so the choice is always the same.
//
// Given several expressions, Cost is the cost of their DAG together (a
// node they share counts once), as for the partials of a gradient.
func Cost(es ...symbolic.Expr) int {
	// Small DAGs (the common case) keep their visited set in a slice on the
	// stack; larger ones switch to a table.
	var small [64]symbolic.Expr
	seen := small[:0]
	var big *keyTable[bool]
	c := 0
	var walk func(symbolic.Expr)
	walk = func(n symbolic.Expr) {
		if big != nil {
			if _, ok := big.Get(symbolic.KeyOf(n)); ok {
				return
			}
			big.Set(symbolic.KeyOf(n), true)
		} else {
			for _, x := range seen {
				if x == n {
					return
				}
			}
			if len(seen) == cap(small) {
				big = new(keyTable[bool])
				big.Reserve(4 * len(seen))
				for _, x := range seen {
					big.Set(symbolic.KeyOf(x), true)
				}
				big.Set(symbolic.KeyOf(n), true)
			} else {
				seen = append(seen, n)
			}
		}
		c += nodeWeight(n)
		for _, k := range symbolic.Children(n) {
			walk(k)
		}
	}
	for _, e := range es {
		walk(e)
	}
	return c
}

func nodeWeight(n symbolic.Expr) int {
	switch n := n.(type) {
	case *symbolic.Number:
		if n == symbolic.One || n == symbolic.MinusOne {
			return 0
		}
		return weightLeaf
	case *symbolic.Sum:
		return len(n.Terms()) - 1 + hazard(n) + unexpanded(n) + kernelNested(n) + uncollected(n) + allNegative(n) + pairTerms(n) + rootPairs(n)
	case *symbolic.Product:
		fs := n.Factors()
		w := fractionalFactors(fs) + compoundNumerator(fs) + overUnder(fs) + conjugatePair(fs)
		if fs[0] == symbolic.MinusOne {
			return w + len(fs) - 2
		}
		return w + len(fs) - 1
	case *symbolic.Power:
		if k, ok := n.Exp().(*symbolic.Number); ok && k.IsInt() {
			return weightIntPow + hazard(n) + reciprocalSigmoid(n, k) + compoundFraction(n, k) + fractionalBase(n)
		}
		return weightOtherPow + hazard(n) + fractionalBase(n)
	case *symbolic.Call:
		if isInverse(n.Func()) {
			return weightInverse
		}
		if n.Func() == absFn || n.Func() == signFn {
			return weightAbs
		}
		return weightCall
	}
	return weightLeaf
}

// allNegative is the weight of a sum whose terms all print with a minus
// sign, one of them computed by a call (-exp(x) - 1): 1. A reader takes
// the sign out, and a factor of a product can give it to the coefficient,
// a factor of an even power drop it: -2*cot(x)*(exp(x) + 1), not
// 2*cot(x)*(-exp(x) - 1). Without the weight the two cost the same but
// for their numbers, -2 and 2 (of which the second is often shared with
// an exponent or another coefficient). A sum of monomials (-9*x^2 - 1) is not weighed: inside a
// call such as sigmoid its sign comes out only by a reflection, which
// writes a difference (sigmoid(9*x^2 + 1) - 1) that cancels where the
// input did not; the orientation pass (orient.go) turns polynomial
// factors.
func allNegative(s *symbolic.Sum) int {
	call := false
	for _, t := range s.Terms() {
		if !symbolic.HasNegativeSign(t) {
			return 0
		}
		call = call || hasCallFactor(t)
	}
	if !call {
		return 0
	}
	return 1
}

// hasCallFactor reports whether t is a call or a power of one, or a
// product with such a factor.
func hasCallFactor(t symbolic.Expr) bool {
	if p, ok := t.(*symbolic.Product); ok {
		for _, f := range p.Factors() {
			if isCall(baseOf(f)) {
				return true
			}
		}
		return false
	}
	return isCall(baseOf(t))
}

// minuses counts the negative numbers in e written out as a tree (the minus
// signs a reader sees).
func minuses(e symbolic.Expr) int64 {
	memo := map[symbolic.Expr]int64{}
	var walk func(symbolic.Expr) int64
	walk = func(e symbolic.Expr) int64 {
		if n, ok := memo[e]; ok {
			return n
		}
		var n int64
		if x, ok := e.(*symbolic.Number); ok && x.Sign() < 0 {
			n = 1
		}
		for _, c := range symbolic.Children(e) {
			n += walk(c)
		}
		memo[e] = n
		return n
	}
	return walk(e)
}

// less reports whether a (of cost ca) is preferred to b (of cost cb): lower
// cost first, then fewer minus signs, then the smaller tree, then fewer
// fractions, then the canonical order, so that the choice never depends on
// the order in which candidates were found.
func less(a symbolic.Expr, ca int, b symbolic.Expr, cb int) bool {
	if ca != cb {
		return ca < cb
	}
	if a == b {
		return false
	}
	if ma, mb := minuses(a), minuses(b); ma != mb {
		return ma < mb
	}
	ta, tb := symbolic.TreeSize(a), symbolic.TreeSize(b)
	if ta != tb {
		return ta < tb
	}
	if fa, fb := fractions(a), fractions(b); fa != fb {
		return fa < fb
	}
	return symbolic.Compare(a, b) < 0
}

// fractions counts the distinct numbers in e that are not integers:
// between forms equal in cost, signs and size, 2/sqrt(9 - 4*x^2) is
// preferred to 2/(3*sqrt(1 - 4*x^2/9)). Only ties reach it.
func fractions(e symbolic.Expr) int {
	seen := map[symbolic.Expr]bool{}
	n := 0
	var walk func(symbolic.Expr)
	walk = func(e symbolic.Expr) {
		if seen[e] {
			return
		}
		seen[e] = true
		if x, ok := e.(*symbolic.Number); ok && !x.IsInt() {
			n++
		}
		for _, c := range symbolic.Children(e) {
			walk(c)
		}
	}
	walk(e)
	return n
}

// weightRecipSigmoid is added for a negative power of a sigmoid:
// 1/sigmoid(u) is the sum 1 + exp(-u), which a reader knows, and the
// kernel strategies would otherwise write (exp(x) + 1)^2 as
// 1/sigmoid(-x)^2, one node cheaper.
const weightRecipSigmoid = 2

func reciprocalSigmoid(n *symbolic.Power, k *symbolic.Number) int {
	if k.Sign() >= 0 {
		return 0
	}
	if c, ok := n.Base().(*symbolic.Call); ok && c.Func().Name == "sigmoid" {
		return weightRecipSigmoid
	}
	return 0
}

// weightFractional is added for a polynomial with fractional coefficients
// that is a factor of a quotient or the base of a power: a reader
// clears the denominators, writing 6/(4*x^2 + 9) for 2/(3*(4*x^2/9 + 1))
// (the derivative of atan(2*x/3)) and -2/(x^2 + 4*x + 8) for
// -1/(2*(x^2/4 + x + 2)) (of acot(x/2 + 1)). A number of the node
// count is a leaf however many digits it has, so without the weight the
// fractions, one number each, cost less than the cleared form's extra
// coefficient. A sum that is a call's argument is the input's (exp(x/2 +
// 1) stays) and is not weighed.
const weightFractional = 1

// fractionalBase is weightFractional where the base of the power n (an
// integer power, or a root: -1/(abs(x)*sqrt(x^2/4 - 1)), the derivative
// of acsc(x/2), is -2/(abs(x)*sqrt(x^2 - 4)), through rootContent) is a
// polynomial with fractional coefficients (see fractionalPoly).
func fractionalBase(n *symbolic.Power) int {
	if s, ok := n.Base().(*symbolic.Sum); ok && fractionalPoly(s) {
		return weightFractional
	}
	return 0
}

// fractionalFactors is weightFractional for each factor of a quotient (a
// product with a divisor, see dividing, or with a coefficient that is not
// an integer) that is a polynomial with fractional coefficients. Another
// product is not weighed: as a call's argument it is the input's
// ((5*x - 3)*(x/2 - 1) stays).
func fractionalFactors(fs []symbolic.Expr) int {
	if k, ok := fs[0].(*symbolic.Number); (!ok || k.IsInt()) && !slices.ContainsFunc(fs, dividing) {
		return 0
	}
	w := 0
	for _, f := range fs {
		if s, ok := f.(*symbolic.Sum); ok && fractionalPoly(s) {
			w += weightFractional
		}
	}
	return w
}

// fractionalPoly reports whether s is a polynomial (numbers times
// variables to positive integer powers) with a coefficient that is not an
// integer.
func fractionalPoly(s *symbolic.Sum) bool {
	frac := false
	for _, t := range s.Terms() {
		if _, _, _, ok := monomialDegree(t); !ok {
			return false
		}
		frac = frac || !coefficient(t).IsInt()
	}
	return frac
}

// weightCompound is added for a compound fraction: a division by a sum
// with a term that divides. x/(1 + 1/x) is x^2/(x + 1) to a reader, and
// the shared x and -1 made the two tie; 1/(1 + 1/(2*x + 1)) is
// (2*x + 1)/(2*x + 2). More than 1 clears fractions whose expanded
// denominators overflow where the compound form does not (see
// docs/simplify.md).
const weightCompound = 1

// compoundNumerator is weightCompound for a quotient (a product with a
// divisor) with a sum factor that has a term that divides: a reader puts
// (a*sqrt(x - 1) + (a*x - 1)/(2*sqrt(x - 1)))/(2*sqrt(u)) over one
// denominator, (3*a*x - 2*a - 1)/(4*sqrt(x - 1)*sqrt(u)). A product with no
// divisor is not weighed: exp(x)*(log(x) + 1/x) is the common factor's
// form (commoncall.go).
func compoundNumerator(fs []symbolic.Expr) int {
	if !slices.ContainsFunc(fs, dividing) {
		return 0
	}
	for _, f := range fs {
		if s, ok := f.(*symbolic.Sum); ok && slices.ContainsFunc(s.Terms(), func(t symbolic.Expr) bool { return len(divisors(t)) > 0 }) {
			return weightCompound
		}
	}
	return 0
}

func compoundFraction(n *symbolic.Power, k *symbolic.Number) int {
	if k.Sign() >= 0 {
		return 0
	}
	s, ok := n.Base().(*symbolic.Sum)
	if !ok {
		return 0
	}
	for _, t := range s.Terms() {
		if len(divisors(t)) > 0 {
			return weightCompound
		}
	}
	return 0
}

// unexpanded is the weight of a polynomial written as a sum of products
// of polynomials, neither expanded nor factored: x*(x - 2) + x*(x - 1) +
// (x - 2)*(x - 1), the derivative of x*(x - 1)*(x - 2), which a reader
// writes 3*x^2 - 6*x + 2. Sharing the factors makes it a node cheaper than
// the expanded form; each of its terms that multiplies a polynomial sum
// weighs 1 more, where two or more do and every factor is a polynomial,
// or where one does, a monomial times a sum, and its expansion collects
// with another term (see collectsOnExpansion); such a term of a polynomial
// written nested weighs weightNested (see nested).
// A call of numbers (log(3), atan(2)) counts as a constant: the
// derivative of (x + 1)*(x*(x + 1) + log(3)) is 3*x^2 + 4*x + log(3) + 1.
func unexpanded(s *symbolic.Sum) int {
	// First the cheap count: most sums have no such term (a linear form
	// of 300 monomials is weighed often).
	with := 0
	for _, t := range s.Terms() {
		switch t := t.(type) {
		case *symbolic.Call:
			if !constantCall(t, constantCallDepth) {
				return 0
			}
		case *symbolic.Product:
			sum, call := sumFactor(t)
			if call {
				return 0
			}
			if sum {
				with++
			}
		}
	}
	if with < 1 {
		return 0
	}
	n := 0
	var single *symbolic.Product // the one term with one sum factor, to the first power
	for _, t := range s.Terms() {
		p, ok := t.(*symbolic.Product)
		if !ok {
			if _, _, _, mono := monomialDegree(t); !mono && !constantCall(t, constantCallDepth) {
				return 0
			}
			continue
		}
		sums, linear := 0, 0
		for _, f := range p.Factors() {
			if b, k := sumPower(f); b != nil && k > 0 {
				if leadingSign(b) == 0 {
					return 0
				}
				sums++
				if k == 1 {
					linear++
				}
				continue
			}
			if _, _, _, mono := monomialDegree(f); !mono && !constantCall(f, constantCallDepth) {
				return 0
			}
		}
		if sums > 0 {
			n++
			if sums == 1 && linear == 1 {
				single = p
			}
		}
	}
	if n >= 2 {
		return n
	}
	if n == 1 && single != nil {
		if nested(single, s.Terms()) {
			return weightNested
		}
		if collectsOnExpansion(single, s.Terms()) {
			return 1
		}
	}
	return 0
}

// weightNested is the weight of a polynomial written nested (see nested):
// the expanded form writes new exponents (x^14 for x^2*x^12), a number each,
// that the nested one shares, so a weight of 1 left 16 - x^2*(128*x^12 +
// ... + 120) in the eighth derivative of asec(x).
const weightNested = 3

// kernelNested weighs a polynomial in one call as unexpanded and nested
// weigh one in variables: 1 for each term with a polynomial sum as a
// factor where two or more terms have one (the product rule's output in a
// call, s*(s - 1) + (s - 1)^2 with s = sigmoid(2*x + 1), which a reader
// writes (1 - 2*s)*(1 - s) up to sign), and weightNested where one term is
// a power of the call times one such sum (Horner's form: the derivative of
// exp(x)/(1 + exp(x))^2 as sigmoid(x)*(sigmoid(x)*(2*sigmoid(x) - 3) + 1),
// a polynomial in sigmoid(x) that a reader writes factored or expanded,
// never so). Every term is a number times powers of the call and of sums
// of such terms (polynomials in the call); a sum with another term, a
// second call, a variable or a division weighs 0 here (unexpanded and
// uncollected weigh it).
func kernelNested(s *symbolic.Sum) int {
	// The cheap test first: most sums have no term with a sum factor.
	with := false
	for _, t := range s.Terms() {
		if slices.ContainsFunc(factorsOf(t), isSumPower) {
			with = true
			break
		}
	}
	if !with {
		return 0
	}
	var kernel symbolic.Expr // the call, once a term has shown it
	// degree returns the degree in the kernel of t, a number times a
	// power of the kernel, or -1 if t is not one.
	degree := func(t symbolic.Expr) int64 {
		var d int64
		for _, f := range factorsOf(t) {
			if _, ok := f.(*symbolic.Number); ok {
				continue
			}
			c, k, ok := callPower(f)
			if !ok || !k.IsInt() || k.IsBig() || constantCall(c, constantCallDepth) || kernel != nil && c != kernel {
				return -1
			}
			kernel = c
			d += k.Num64()
		}
		return d
	}
	n := 0          // terms with a sum factor
	single := false // the one such term is a power of the call times one sum
	for _, t := range s.Terms() {
		sums, linear := 0, 0
		var m int64 // the term's degree outside its sums
		for _, f := range factorsOf(t) {
			if u, k := sumPower(f); u != nil {
				if k < 1 {
					return 0
				}
				for _, a := range u.Terms() {
					if degree(a) < 0 {
						return 0
					}
				}
				sums++
				if k == 1 {
					linear++
				}
				continue
			}
			d := degree(f)
			if d < 0 {
				return 0
			}
			m += d
		}
		if sums > 0 {
			n++
			single = sums == 1 && linear == 1 && m > 0
		}
	}
	switch {
	case kernel == nil:
		return 0
	case n >= 2:
		return n
	case n == 1 && single:
		return weightNested
	}
	return 0 // 2*(sigmoid(x) - 1) + sigmoid(x): collectsOnExpansion's case
}

// isSumPower reports whether e is a sum or a power of one.
func isSumPower(e symbolic.Expr) bool {
	u, _ := sumPower(e)
	return u != nil
}

// monomialTimesSum splits p, a monomial times a sum, into the monomial's
// factors m and the sum u (nil if p has no sum factor).
func monomialTimesSum(p *symbolic.Product) (m []symbolic.Expr, u *symbolic.Sum) {
	for _, f := range p.Factors() {
		if s, ok := f.(*symbolic.Sum); ok {
			u = s
		} else {
			m = append(m, f)
		}
	}
	return m, u
}

// collectsOnExpansion reports whether p, a term of the polynomial sum with
// terms ts that is a monomial m times one polynomial sum u, expands into a
// monomial like another term's (the same variables to the same powers):
// 2*a*(x - 1) + a*x - 1 is 3*a*x - 2*a - 1 to a reader. Where nothing
// collects (and the sum is not nested, see nested), the product is a
// factorisation a reader keeps: x^6*(x^2 + a^2) + 1, n*(x^2 - 1) - x^2.
func collectsOnExpansion(p *symbolic.Product, ts []symbolic.Expr) bool {
	m, u := monomialTimesSum(p)
	if u == nil {
		return false
	}
	for _, a := range u.Terms() {
		d := degrees(append(slices.Clip(m), a))
		for _, t := range ts {
			if t != symbolic.Expr(p) && slices.Equal(d, degrees([]symbolic.Expr{t})) {
				return true
			}
		}
	}
	return false
}

// nested reports whether p, a term of the polynomial sum with terms ts
// that is a monomial m times one polynomial sum u, is a polynomial in u's
// variables written nested: m has the variables of u and no other, and the
// other terms none that u has not. 16 - x^2*(128*x^12 + 672*x^8 + 120) and
// x^3 + 3*x^2*(x - 3) are polynomials in x a reader expands;
// x^6*(x^2 + a^2) + 1 and n*(x^2 - 1) - x^2 are not nested (a holds only
// in u, n only in m).
func nested(p *symbolic.Product, ts []symbolic.Expr) bool {
	m, u := monomialTimesSum(p)
	if u == nil {
		return false
	}
	vars := map[string]bool{}
	for _, t := range u.Terms() {
		for _, v := range degrees([]symbolic.Expr{t}) {
			vars[v.name] = true
		}
	}
	within := func(fs []symbolic.Expr) bool {
		for _, v := range degrees(fs) {
			if !vars[v.name] {
				return false
			}
		}
		return true
	}
	if !within(m) || len(degrees(m)) != len(vars) {
		return false // a variable of u that m lacks: a factorisation
	}
	for _, t := range ts {
		if t != symbolic.Expr(p) && !within([]symbolic.Expr{t}) {
			return false
		}
	}
	return true
}

// A varPower is a variable to a positive integer power, a factor of a
// monomial.
type varPower struct {
	name string
	k    int64
}

// degrees returns the variables of the monomials fs multiplied together,
// each with its power, sorted by name: what is left of their product
// without its coefficient.
func degrees(fs []symbolic.Expr) []varPower {
	var out []varPower
	add := func(v *symbolic.Symbol, k int64) {
		for i := range out {
			if out[i].name == v.Name() {
				out[i].k += k
				return
			}
		}
		out = append(out, varPower{v.Name(), k})
	}
	var walk func(symbolic.Expr)
	walk = func(f symbolic.Expr) {
		switch f := f.(type) {
		case *symbolic.Product:
			for _, g := range f.Factors() {
				walk(g)
			}
		case *symbolic.Symbol:
			add(f, 1)
		case *symbolic.Power:
			if v, ok := f.Base().(*symbolic.Symbol); ok {
				if n, ok := f.Exp().(*symbolic.Number); ok {
					if k, ok := n.Int64(); ok {
						add(v, k)
					}
				}
			}
		}
	}
	for _, f := range fs {
		walk(f)
	}
	slices.SortFunc(out, func(a, b varPower) int { return strings.Compare(a.name, b.name) })
	return out
}

// sumFactor reports whether a factor of p is a sum or a power of one, and
// whether one is a call of a variable (p is then no polynomial; a call of
// numbers, log(3), is a constant).
func sumFactor(p *symbolic.Product) (sum, call bool) {
	for _, f := range p.Factors() {
		switch f := f.(type) {
		case *symbolic.Call:
			if !constantCall(f, constantCallDepth) {
				return sum, true
			}
		case *symbolic.Sum:
			sum = true
		case *symbolic.Power:
			if _, ok := f.Base().(*symbolic.Sum); ok {
				sum = true
			}
		}
	}
	return sum, false
}

// uncollected is the weight of a sum whose terms share a kernel part (see
// collect.go): 1 for each term whose calls an earlier term has, as in
// x*sin(x) + (x - 1)*sin(x), which a reader writes (2*x - 1)*sin(x). Sums
// of more than maxCollectTerms terms are not weighed.
func uncollected(s *symbolic.Sum) int {
	ts := s.Terms()
	if _, ok := ts[0].(*symbolic.Number); ok {
		ts = ts[1:] // a canonical sum's number comes first, and has no calls
	}
	switch {
	case len(ts) < 2 || len(ts) > maxCollectTerms:
		return 0
	case len(ts) == 2: // most sums: no table
		if kernelOf(ts[0]).sameAs(kernelOf(ts[1])) {
			return 1
		}
		return 0
	}
	// The kernels of the terms that have one, on the stack.
	var buf [maxCollectTerms]callKernel
	keys := buf[:0]
	mixed := false // a term with a kernel has other factors besides a number
	for _, t := range ts {
		k, rest := kernelAndRest(t)
		if k.n == 0 {
			continue
		}
		keys = append(keys, k)
		mixed = mixed || rest
	}
	if !mixed {
		return 0
	}
	n := 0
	for i := 1; i < len(keys); i++ {
		for _, l := range keys[:i] {
			if keys[i].sameAs(l) {
				n++
				break
			}
		}
	}
	return n
}

// constantCall reports whether e is a call whose arguments are numbers,
// the constants pi and e, or such calls in turn, within depth levels:
// log(3), sigmoid(sin(3)).
func constantCall(e symbolic.Expr, depth int) bool {
	c, ok := e.(*symbolic.Call)
	if !ok || depth == 0 {
		return false
	}
	for _, a := range c.Args() {
		switch a := a.(type) {
		case *symbolic.Number:
		case *symbolic.Symbol:
			if !a.IsConstant() {
				return false
			}
		default:
			if !constantCall(a, depth-1) {
				return false
			}
		}
	}
	return true
}

// constantCallDepth bounds the calls in calls constantCall looks through.
const constantCallDepth = 3
