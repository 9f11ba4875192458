package simplify

import (
	"context"
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// Leading terms positive, and the input's own orientation.
//
// A polynomial factor and its negation cost the same, so the search has no
// reason to prefer x - 2 to 2 - x, and the rational normal form, which
// factors out a content, leaves whichever sign its arithmetic gave: the
// derivative of (x + 1)^3*(x - 2)^2 came out as (x + 1)^2*(2 - x)*(4 - 5*x),
// where a mathematician writes (5*x - 4)*(x - 2)*(x + 1)^2, and that of
// 1/(x - 1)^2 as 2/(1 - x)^3, where the textbook has -2/(x - 1)^3. So the
// result of a simplification is oriented at the end, product by product
// (a power of a sum alone counting as a product of one factor):
//
//   - a polynomial factor the input holds stays as it is, unless all
//     its terms are negative (the input's -3*x - 1 is taken as made);
//   - one whose negation the input holds is turned back to the input's
//     orientation: to an even power freely, to an odd power with the others
//     below, the product's coefficient taking the sign if need be
//     (log(1 - x) differentiates to -1/(1 - x), not 1/(x - 1));
//   - the other polynomial factors to odd powers whose leading term (of the
//     highest degree) is negative are negated two at a time, or one with a
//     negative coefficient (-x*(2 - 5*x) made by the search is
//     x*(5*x - 2)); one left over stays, unless turning it with the
//     coefficient writes fewer minus signs (-(2*x + 1)/x^2, not
//     (-2*x - 1)/x^2), and even powers stay but those of a sum of
//     negative terms, which turn freely ((-3*x - 1)^2 is (3*x + 1)^2);
//   - a sum that is not a polynomial turns, to an odd power, where all its
//     terms are negative, or where turned with the coefficient it writes
//     fewer minus signs, a polynomial factor of a term that leads with a
//     negative term counting as one and turning with its term's sign
//     (-((3*x^3 - x)*sin(u) + 2*cos(u))/x^3, not ((x - 3*x^3)*sin(u) -
//     2*cos(u))/x^3), as above.
//
// A factor with a content is compared by its primitive part first (the
// derivative of sin(x)*(1 - x)^2 holds 2*x - 2, which the user wrote as
// -2*(1 - x)). run takes the orientation only where it costs no more than
// the input. Other non-polynomial sums (1 - sigmoid(x)) are never turned. Each change
// negates an even number of factors or a factor and the coefficient, so
// the value is the same everywhere.

// orienter turns the factors of a result's products, memoised by node
// over the result's DAG.
type orienter struct {
	in []symbolic.Expr // the inputs
	// derived holds the sums of the inputs that are not taken as written
	// (see derivedSums); nil for none.
	derived *keyTable[struct{}]
	seen    *keyTable[struct{}] // the inputs' sums, gathered on first need
	// placed holds the inputs' sums that are an argument of a call or the
	// base of a power: where a function's own sums are in its derivative
	// (see sourceOf).
	placed keyTable[struct{}]
	all    nodeSet                 // all the inputs' nodes, gathered with seen
	memo   keyTable[symbolic.Expr] // node -> oriented node
	neg    keyTable[polySign]      // sum -> the sign of its leading term
	srcs   keyTable[int8]          // sum -> its source (see source), plus 1
}

// A polySign is what leadingSign found: 1 or -1 for a polynomial sum, 0
// for any other sum.
type polySign int8

// orient returns r with its products' polynomial factors oriented (see
// above), the inputs being es, and whether ok takes the result (false if
// it is r). Where DerivativeOf was said and the derivative has sums of
// its own making (see derivedSums), those are turned as the
// simplification's own sums are, if ok takes that; if not (the turned form
// can cost more: the numbers of (2*x - 3)/(2 + 3*x - x^2)^2 share fewer
// nodes than those of -(3 - 2*x)/(2 + 3*x - x^2)^2), they are oriented as
// the input writes them.
func (en *engine) orient(r symbolic.Expr, es []symbolic.Expr, ok func(symbolic.Expr) bool) (symbolic.Expr, bool) {
	if en.orients == nil {
		en.orients = &orienter{in: es}
		if d := derivedSums(en.cfg.of, en.cfg.vars); d.Len() > 0 {
			en.derivs = &orienter{in: es, derived: d}
		}
	}
	var tried symbolic.Expr
	if en.derivs != nil {
		o := en.derivs.walk(r)
		if o == r {
			return r, false
		}
		if ok(o) {
			return o, true
		}
		tried = o
	}
	o := en.orients.walk(r)
	return o, o != r && o != tried && ok(o)
}

// walk orients the products of e's rational skeleton: its sums, products
// and integer powers, down to the first calls and other powers, where the
// factors a simplification makes are (the derivative of f(u) is f'(u)
// times u', and u' is in the skeleton). A call's arguments are left as
// they are, so that the walk of a wide product of calls (the derivative of
// a product of 300 sines) costs a look at each factor.
func (o *orienter) walk(e symbolic.Expr) symbolic.Expr {
	switch x := e.(type) {
	case *symbolic.Sum, *symbolic.Product:
	case *symbolic.Power:
		if s, _ := sumPower(x); s == nil {
			if _, ok := x.Base().(*symbolic.Product); !ok {
				return e
			}
		}
	default:
		return e
	}
	kids := symbolic.Children(e)
	if !anySkeleton(kids) {
		// No operand to walk, and no factor to turn.
		return e
	}
	if r, ok := o.memo.Get(symbolic.KeyOf(e)); ok {
		return r
	}
	var nk []symbolic.Expr
	for i, c := range kids {
		k := o.walk(c)
		if k != c && nk == nil {
			nk = make([]symbolic.Expr, len(kids))
			copy(nk, kids[:i])
		}
		if nk != nil {
			nk[i] = k
		}
	}
	r := e
	if nk != nil {
		if b, ok := rebuildSafe(e, nk); ok {
			r = b
		}
	}
	switch x := r.(type) {
	case *symbolic.Product:
		r = o.product(r, x.Factors())
	case *symbolic.Power:
		// A factor alone: 1/(x - 1) is 1/(x - 1) * 1.
		r = o.product(r, []symbolic.Expr{x})
	}
	o.memo.Set(symbolic.KeyOf(e), r)
	return r
}

// anySkeleton reports whether one of es is a sum, a product or a power:
// an operand the walk goes into, or a factor it may turn.
func anySkeleton(es []symbolic.Expr) bool {
	for _, e := range es {
		switch e.(type) {
		case *symbolic.Sum, *symbolic.Product, *symbolic.Power:
			return true
		}
	}
	return false
}

// product returns e, the product of the factors fs (a product's, or a
// power alone), with its factors oriented.
func (o *orienter) product(e symbolic.Expr, fs []symbolic.Expr) symbolic.Expr {
	var odd, even []int // the factors to negate, to odd and to even powers
	restore := false    // one of odd is the negation of a sum of the input
	for i, f := range fs {
		s, k := sumPower(f)
		if s == nil {
			continue
		}
		if o.sign(s) == 0 {
			// Not a polynomial: a sum of negative terms to an odd power is
			// turned (-sin(x) - cos(x) is -(sin(x) + cos(x))), and one
			// whose negation the input holds is turned back, as a
			// polynomial is: (1 + sin(x))/(1 - sin(x)) differentiates to
			// 2*cos(x)/(1 - sin(x))^2.
			switch n := negatives(s); {
			case sigmoidOffOne(s, 1):
				// 1 - sigmoid(u) is the sigmoid's own form (its
				// derivative writes it), whatever the input holds: no
				// need to ask (a walk of the input).
			case sigmoidOffOne(s, -1):
				if k%2 == 0 {
					even = append(even, i)
				} else {
					restore = true
					odd = append(odd, i)
				}
			case n == len(s.Terms()):
				if k%2 != 0 && o.source(s) != written {
					odd = append(odd, i)
				}
			case k%2 != 0 && o.source(s) == made && o.turnsWithSign(s):
				// Turned with the coefficient, it writes fewer minus
				// signs: -((3*x^3 - x)*sin(u) + 2*cos(u))/x^3, not
				// ((x - 3*x^3)*sin(u) - 2*cos(u))/x^3 (see
				// turnedMinuses).
				odd = append(odd, i)
			case n == 0 || o.source(s) != negated:
				// Its negation is not the input's, or is a sum of
				// negative terms (-cot(x)^2 - 1, a derivative's), which a
				// result writes negated.
			case k%2 == 0:
				even = append(even, i)
			default:
				restore = true
				odd = append(odd, i)
			}
			continue
		}
		switch o.source(s) {
		case written:
			continue
		case negated:
			if k%2 == 0 {
				even = append(even, i)
				continue
			}
			restore = true
		default:
			if k%2 == 0 && termsNegative(s) {
				// (-3*x - 1)^2 is (3*x + 1)^2: nothing to compensate.
				even = append(even, i)
				continue
			}
			if k%2 == 0 || o.sign(s) > 0 {
				continue
			}
		}
		odd = append(odd, i)
	}
	c, hasCoef := fs[0].(*symbolic.Number)
	negCoef := hasCoef && c.Sign() < 0
	if len(odd)%2 == 1 && !negCoef && !restore {
		// One is left as it is (the last, so that the others keep their
		// places), unless turning it with the coefficient writes fewer
		// minus signs: -(2*x + 1)/x^2, not (-2*x - 1)/x^2.
		s, _ := sumPower(fs[odd[len(odd)-1]])
		if !o.turnsWithSign(s) {
			odd = odd[:len(odd)-1]
		}
	}
	if len(odd)%2 == 1 && !negCoef || len(odd)%2 == 0 && negCoef {
		// A sign that would be left to the coefficient, or that it has,
		// goes to a sum that is no polynomial, to an odd power, where its
		// negation writes no more minus signs: (1 - x)*((1 - x)*cos(x) -
		// 2*sin(x)), not -(1 - x)*(2*sin(x) - (1 - x)*cos(x));
		// cot(x)*(cot(x) - 2*x*csc(x)^2), not -cot(x)*(2*x*csc(x)^2 -
		// cot(x)). Not a sum of the input's as written, nor 1 - sigmoid(u).
		if j := o.signTaker(fs, odd, even); j >= 0 {
			odd = append(odd, j)
		}
	}
	if len(odd)+len(even) == 0 {
		return e
	}
	r, ok := try(func() symbolic.Expr {
		out := make([]symbolic.Expr, len(fs), len(fs)+1)
		copy(out, fs)
		for _, i := range append(odd, even...) {
			s, k := sumPower(fs[i])
			out[i] = symbolic.Pow(symbolic.Neg(s), symbolic.Int(k))
			if o.sign(s) == 0 {
				// A sum that is no polynomial: its terms' own factors
				// turn with their new signs.
				out[i] = o.walk(out[i])
			}
		}
		if len(odd)%2 == 1 {
			if hasCoef {
				out[0] = symbolic.Neg(c)
			} else {
				out = append(out, symbolic.MinusOne)
			}
		}
		return symbolic.Mul(out...)
	})
	if !ok {
		return e
	}
	return r
}

// termsNegative reports whether every term of s is written with a minus
// sign.
func termsNegative(s *symbolic.Sum) bool { return negatives(s) == len(s.Terms()) }

// keptAsWritten reports whether the sum x of an input is one whose
// orientation a result keeps (see source): a polynomial, or a sum that is
// not one (1 - sin(x), -sin(x) - cos(x)), but not a polynomial of negative
// terms only, which a textbook writes negated (the input's
// (1 - x)/(-3*x - 1)^2 differentiates to (3*x - 7)/(3*x + 1)^3, not
// -(3*x - 7)/(-3*x - 1)^3).
func keptAsWritten(x *symbolic.Sum) bool {
	if leadingSign(x) != 0 {
		return !termsNegative(x)
	}
	return true
}

// negatives counts the terms of s written with a minus sign.
func negatives(s *symbolic.Sum) int {
	n := 0
	for _, t := range s.Terms() {
		if coefficient(t).Sign() < 0 {
			n++
		}
	}
	return n
}

// sumPower returns f as s^k for a sum s and an integer k (k = 1 for a sum
// itself), or nil.
func sumPower(f symbolic.Expr) (*symbolic.Sum, int64) {
	switch f := f.(type) {
	case *symbolic.Sum:
		return f, 1
	case *symbolic.Power:
		s, ok := f.Base().(*symbolic.Sum)
		if !ok {
			return nil, 0
		}
		if n, ok := f.Exp().(*symbolic.Number); ok {
			if k, ok := n.Int64(); ok {
				return s, k
			}
		}
	}
	return nil, 0
}

// sign returns the sign of the leading term of s, a polynomial in its
// variables (numbers, the constants pi and e, and monomials), or 0 if s is
// not one. The leading term is the one of the highest degree (of several,
// see monomialDegree).
// signTaker returns the index of a factor of fs, not among odd and even,
// that can take a sign for the coefficient (see product), or -1.
func (o *orienter) signTaker(fs []symbolic.Expr, odd, even []int) int {
	for i, f := range fs {
		if slices.Contains(odd, i) || slices.Contains(even, i) {
			continue
		}
		s, k := sumPower(f)
		if s == nil || k%2 == 0 || o.sign(s) != 0 || sigmoidOffOne(s, 1) || sigmoidOffOne(s, -1) {
			continue
		}
		if asIs, turned := o.turnedMinuses(s); turned <= asIs && o.source(s) != written {
			return i
		}
	}
	return -1
}

// turnedMinuses counts the minus signs of s's terms as they are and in
// its negation, oriented: a term written with a minus sign counts one, and
// so does a term whose polynomial factor to an odd power leads with a
// negative term (x - 3*x^3); negated, such a term turns that factor with
// its sign and counts none ((3*x^3 - x)*cos(u)), and the others count one
// where they were positive, or their factor's one. So -((x - 3*x^3)*cos(u)
// + 3*sin(u))/x^4 is ((3*x^3 - x)*cos(u) - 3*sin(u))/x^4.
func (o *orienter) turnedMinuses(s *symbolic.Sum) (asIs, turned int) {
	for _, t := range s.Terms() {
		neg := coefficient(t).Sign() < 0
		poly := o.leadsNegative(t)
		switch {
		case neg && poly:
			asIs, turned = asIs+2, turned+1
		case neg:
			asIs++
		case poly:
			asIs++
		default:
			turned++
		}
	}
	return asIs, turned
}

// turnsWithSign reports whether s, negated with the coefficient of its
// product, writes fewer minus signs, the coefficient's included, or as
// many where s as it is would be written with a minus first: the
// product's minus sign reads better than a sum's, in a denominator above
// all (-2*x^2/(x^2 - 4*x + 8), not 2*x^2/(-x^2 + 4*x - 8); see
// symbolic.SumDisplayOrder).
func (o *orienter) turnsWithSign(s *symbolic.Sum) bool {
	asIs, turned := o.turnedMinuses(s)
	return turned+1 < asIs || turned+1 == asIs && symbolic.HasNegativeSign(symbolic.SumDisplayOrder(s)[0])
}

// leadsNegative reports whether t (a product, or one factor) has a
// polynomial factor to an odd power whose leading term is negative, and
// which the input does not hold as it is (sin(x)*(1 - x)^3 differentiates
// to (1 - x)^2*((1 - x)*cos(x) - 3*sin(x))).
func (o *orienter) leadsNegative(t symbolic.Expr) bool {
	fs := factorsOf(t)
	for _, f := range fs {
		if s, k := sumPower(f); s != nil && k%2 != 0 && o.sign(s) < 0 && o.source(s) != written {
			return true
		}
	}
	return false
}

func (o *orienter) sign(s *symbolic.Sum) polySign {
	if v, ok := o.neg.Get(symbolic.KeyOf(s)); ok {
		return v
	}
	v := leadingSign(s)
	o.neg.Set(symbolic.KeyOf(s), v)
	return v
}

func leadingSign(s *symbolic.Sum) polySign {
	best, sign := int64(-1), polySign(0)
	var bestVar string
	for _, t := range s.Terms() {
		c, deg, last, ok := monomialDegree(t)
		if !ok {
			return 0
		}
		if deg > best || deg == best && last > bestVar {
			best, sign, bestVar = deg, polySign(c), last
		}
	}
	return sign
}

// monomialDegree returns the sign of the coefficient of t, its degree in
// the variables and the last of its variables by name, if t is a number or
// a monomial (a number times variables and constants to positive integer
// powers). Of the terms of the highest degree, the one whose last variable
// comes last by name leads: x - a and 5*x - 3*a - 2*b lead with x, as a
// textbook takes x for the variable and a, b for parameters.
func monomialDegree(t symbolic.Expr) (sign int, deg int64, last string, ok bool) {
	sign = 1
	fs := factorsOf(t)
	for _, f := range fs {
		var v *symbolic.Symbol
		k := int64(1)
		switch f := f.(type) {
		case *symbolic.Number:
			sign *= f.Sign()
			continue
		case *symbolic.Symbol:
			v = f
		case *symbolic.Power:
			b, ok := f.Base().(*symbolic.Symbol)
			n, isNum := f.Exp().(*symbolic.Number)
			if !ok || !isNum {
				return 0, 0, "", false
			}
			e, isInt := n.Int64()
			if !isInt || e < 1 {
				return 0, 0, "", false
			}
			v, k = b, e
		default:
			return 0, 0, "", false
		}
		if !v.IsConstant() {
			deg += k
			last = max(last, v.Name())
		}
	}
	return sign, deg, last, true
}

// Where a polynomial sum of a result comes from (see source).
const (
	made    = iota // neither it nor its negation is in the input
	written        // the input holds it
	negated        // the input holds its negation
)

// source tells whether the polynomial sum s, or its negation, occurs in
// the inputs, divided by its content or (if not) as it is, memoised by
// sum. The inputs' polynomial sums are gathered in one walk, on the first
// question.
func (o *orienter) source(s *symbolic.Sum) int {
	if v, ok := o.srcs.Get(symbolic.KeyOf(s)); ok {
		return int(v) - 1
	}
	v := o.findSource(s)
	o.srcs.Set(symbolic.KeyOf(s), int8(v+1))
	return v
}

// findSource is source, not memoised.
func (o *orienter) findSource(s *symbolic.Sum) int {
	if o.seen == nil {
		o.seen = &keyTable[struct{}]{}
		var walk func(symbolic.Expr)
		walk = func(e symbolic.Expr) {
			if !o.all.add(symbolic.KeyOf(e)) {
				return
			}
			switch x := e.(type) {
			case *symbolic.Sum:
				// Which sums count is decided when one is asked about
				// (see sourceOf): most never are. A derivative's own
				// sums are not the input's writing.
				if o.derived == nil || !has(o.derived, symbolic.KeyOf(x)) {
					o.seen.Set(symbolic.KeyOf(x), struct{}{})
				}
			case *symbolic.Call:
				for _, a := range x.Args() {
					if _, ok := a.(*symbolic.Sum); ok {
						o.placed.Set(symbolic.KeyOf(a), struct{}{})
					}
				}
			case *symbolic.Power:
				if _, ok := x.Base().(*symbolic.Sum); ok {
					o.placed.Set(symbolic.KeyOf(x.Base()), struct{}{})
				}
			}
			for _, c := range symbolic.Children(e) {
				walk(c)
			}
		}
		for _, e := range o.in {
			walk(e)
		}
	}
	// A multiple of a sum is taken as that sum: 2*x - 2 is 2*(x - 1), which
	// the input has written as 1 - x if the derivative of (1 - x)^2 made
	// it (the CLI prints the result as -2*(1 - x)).
	if c := sumContent(s); !c.Is(1) {
		k := symbolic.NumberOf(symbolic.NewRat(c.Den64(), c.Num64()))
		if p, ok := try(func() symbolic.Expr { return symbolic.Mul(k, s) }); ok {
			if q, ok := p.(*symbolic.Sum); ok {
				if src := o.sourceOf(q); src != made {
					return src
				}
			}
		}
	}
	return o.sourceOf(s)
}

// derivedSums returns the sums that are the derivatives, in one of vars,
// of the polynomial sums of f (nil: none), whose leading term is negative
// and which f does not hold itself: the sums a derivative of f holds
// because differentiating made them, in an orientation that the order in
// which the user wrote f's terms gave (1 - 12*x of 1 + x - 6*x^2), as
// opposed to those f holds (and its derivative keeps) and those its
// functions' derivative rules write. One whose leading term is positive
// (3*x^2 - 1 of x^3 - x) stays the input's: the result writes it so
// (-(3*x^2 - 1)*sin(x^3 - x), not (1 - 3*x^2)*sin(x^3 - x)). Up to
// maxDerivedTerms terms of f's sums are differentiated, so the work is
// bounded whatever f is (a long polynomial, sums nested in sums).
func derivedSums(f symbolic.Expr, vars []*symbolic.Symbol) *keyTable[struct{}] {
	derived := &keyTable[struct{}]{}
	if f == nil || len(vars) == 0 {
		return derived
	}
	var own nodeSet
	var sums []*symbolic.Sum
	var walk func(symbolic.Expr)
	walk = func(e symbolic.Expr) {
		if !own.add(symbolic.KeyOf(e)) {
			return
		}
		if s, ok := e.(*symbolic.Sum); ok && leadingSign(s) != 0 {
			sums = append(sums, s)
		}
		for _, c := range symbolic.Children(e) {
			walk(c)
		}
	}
	walk(f)
	terms := 0
	for _, s := range sums {
		if terms += len(s.Terms()) * len(vars); terms > maxDerivedTerms {
			break
		}
		for _, v := range vars {
			if v == nil {
				continue
			}
			d, err := symbolic.Diff(context.Background(), s, v, symbolic.MaxNodes(8*maxDerivedTerms))
			if d, ok := d.(*symbolic.Sum); ok && err == nil && leadingSign(d) < 0 && !own.has(symbolic.KeyOf(d)) {
				derived.Set(symbolic.KeyOf(d), struct{}{})
			}
		}
	}
	return derived
}

// has reports whether t holds k.
func has(t *keyTable[struct{}], k symbolic.Key) bool {
	_, ok := t.Get(k)
	return ok
}

// maxDerivedTerms bounds the terms of the sums derivedSums differentiates,
// counted once for each variable.
const maxDerivedTerms = 4096

// sourceOf is source without the multiples.
func (o *orienter) sourceOf(s *symbolic.Sum) int {
	if _, ok := o.seen.Get(symbolic.KeyOf(s)); ok && keptAsWritten(s) && o.placedOrPolynomial(s) {
		return written
	}
	// The negation of s is an input's only if the negation of each term
	// is one of the inputs' nodes: the first that is not a number is
	// looked at before s is negated, which a result's sums of kernels the
	// input does not have (sigmoid(u) - 1 from exponentials) fail.
	for _, t := range s.Terms() {
		if _, isNum := t.(*symbolic.Number); isNum {
			continue
		}
		nt, ok := try(func() symbolic.Expr { return symbolic.Neg(t) })
		if !ok || !o.all.has(symbolic.KeyOf(nt)) {
			return made
		}
		break
	}
	if n, ok := try(func() symbolic.Expr { return symbolic.Neg(s) }); ok {
		if x, isSum := n.(*symbolic.Sum); isSum {
			if _, ok := o.seen.Get(symbolic.KeyOf(x)); ok && keptAsWritten(x) && o.placedOrPolynomial(x) {
				return negated
			}
		}
	}
	return made
}

// placedOrPolynomial reports whether the input's sum s counts as the
// input's own: a polynomial, or a sum that is an argument of a call or
// the base of a power in the input. A derivative's input holds the
// function's sums there (sin(x) + cos(x) of 1/(sin(x) + cos(x))), and
// the sums its rules made as factors (cos(x) - sin(x)), which the result
// orients as its own: (sin(x) - cos(x))/(sin(x) + cos(x))^2, not
// -(cos(x) - sin(x))/(sin(x) + cos(x))^2.
func (o *orienter) placedOrPolynomial(s *symbolic.Sum) bool {
	if o.sign(s) != 0 {
		return true
	}
	_, ok := o.placed.Get(symbolic.KeyOf(s))
	return ok
}

// sigmoidOffOne reports whether s is c - c*sigmoid(u) for c = 1 or -1:
// 1 - sigmoid(u), or sigmoid(u) - 1.
func sigmoidOffOne(s *symbolic.Sum, c int64) bool {
	ts := s.Terms()
	if len(ts) != 2 {
		return false
	}
	n, ok := ts[0].(*symbolic.Number)
	if !ok || !n.Exact().Is(c) {
		return false
	}
	t := ts[1]
	if c == 1 {
		p, ok := t.(*symbolic.Product)
		if !ok || len(p.Factors()) != 2 || !coefficient(p).Is(-1) {
			return false
		}
		t = p.Factors()[1]
	}
	f, ok := t.(*symbolic.Call)
	return ok && f.Func() == sigmoidFn
}
