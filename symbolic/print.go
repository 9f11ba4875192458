package symbolic

import (
	"errors"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"
)

// Operator precedence, shared by the text printer and, through Precedence,
// by other printers: a subexpression is parenthesised when its precedence is
// lower than its context requires.
const (
	PrecSum     = 1 // a + b, a - b
	PrecProduct = 2 // a*b, a/b, unary minus, and rationals such as 1/2
	PrecPower   = 3 // a^b (right-associative)
	PrecAtom    = 4 // numbers, symbols, calls, parenthesised expressions
)

func (x *Number) String() string  { return Format(x) }
func (x *Symbol) String() string  { return Format(x) }
func (x *Sum) String() string     { return Format(x) }
func (x *Product) String() string { return Format(x) }
func (x *Power) String() string   { return Format(x) }
func (x *Call) String() string    { return Format(x) }

// Format returns e in the input syntax with minimal parentheses: sums show
// subtraction (a - b), products show division (a/b), x^(1/2) shows as
// sqrt(x). Parsing the result gives back e.
//
// Its time is linear in the length of the output: a subexpression that
// occurs more than once (the DAG shares it) is written once and then
// copied from where it was written.
func Format(e Expr) string { return formatWith(e, nil, 0) }

// FormatAtMost returns Format(e) if it is at most n bytes long, and
// otherwise a prefix of it of at most n bytes (cut at a character
// boundary) and true. It stops writing at the limit, so a message can
// quote the beginning of a large expression without writing all of it;
// a sum of more than quickTerms terms is written in its canonical order
// (the text is then another writing of e, not a prefix of Format's).
func FormatAtMost(e Expr, n int) (s string, cut bool) {
	var b strings.Builder
	p := &printer{b: &b, limit: max(n, 1)}
	func() {
		defer func() {
			if r := recover(); r != nil && r != errCut {
				panic(r)
			}
		}()
		p.expr(e, 0)
	}()
	s = b.String()
	if len(s) <= n {
		return s, false
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s, true
}

// quickTerms is the most terms of a sum that FormatAtMost writes in
// their display order: a longer one's is a sort of all of its terms (of
// the 134,000 variables of a sum of 67,000 products a_i*b_i, 100 ms),
// for the few that fit in its limit, so it writes them in their
// canonical order.
const quickTerms = 1000

// errCut ends a printer's walk at its limit (see FormatAtMost).
var errCut = errors.New("symbolic: the text reached its limit")

// formatWith is Format, with texts (if not nil) the texts of large nodes
// written by earlier calls: a node found there is copied, and the large
// nodes this call writes are added to it.
func formatWith(e Expr, texts map[Key]string, size int) string {
	var b strings.Builder
	b.Grow(size)
	p := &printer{b: &b, texts: texts}
	p.expr(e, 0)
	if texts != nil {
		out := b.String()
		for n, sp := range p.spans {
			if _, ok := texts[n]; !ok && sp.end-sp.start >= minSpan {
				texts[n] = out[sp.start:sp.end]
			}
		}
	}
	return b.String()
}

type printer struct {
	b     *strings.Builder
	spans spans          // where the text of each large node written so far is
	texts map[Key]string // texts of large nodes from earlier calls, if any
	plain *Sum           // a sum being written in parentheses, as its terms
	limit int            // if not 0, the walk ends once the text is longer (FormatAtMost)
}

// A span is where a node's text is in the output: b.String()[start:end].
type span struct{ start, end int }

// spans remembers where the printers' output holds the text of a node,
// for nodes whose text is at least minSpan bytes long, so that a node that
// occurs again is copied rather than walked again. The map is made on the
// first such node, so that short outputs cost no map.
type spans map[Key]span

// minSpan is the shortest text that spans remember: below it, writing a
// node again costs about what finding it costs.
const minSpan = 64

// copyOf writes again the text of e, if written before, and reports
// whether it did. The Builder never changes bytes it has written, so the
// earlier text can be read back from String.
func (s spans) copyOf(b *strings.Builder, e Expr) bool {
	sp, ok := s[KeyOf(e)]
	if ok {
		b.Grow(sp.end - sp.start) // doubles the buffer if it must grow
		b.WriteString(b.String()[sp.start:sp.end])
	}
	return ok
}

// record remembers that e's text is b.String()[start:].
func (s *spans) record(b *strings.Builder, e Expr, start int) {
	if b.Len()-start < minSpan && !costlyToWrite(e) {
		return
	}
	if *s == nil {
		*s = spans{}
	}
	(*s)[KeyOf(e)] = span{start, b.Len()}
}

// expr writes e, in parentheses if its precedence is below min.
func (p *printer) expr(e Expr, min int) {
	if p.limit > 0 && p.b.Len() > p.limit {
		panic(errCut)
	}
	// Builder.Grow doubles the buffer when it must grow; the appends of
	// the writes below would grow a large one by a quarter at a time.
	p.b.Grow(minSpan)
	if s, ok := e.(*Sum); ok && min <= PrecSum && s != p.plain {
		if c, prim, ok := FractionalMultiple(s); ok {
			p.fractionalMultiple(c, prim)
			return
		}
	}
	if Precedence(e) < min {
		// A sum in parentheses (a factor, a power's base or exponent) is
		// written as its terms: sin(x/2)*(3*cos(x)/2 + 1/2), not
		// sin(x/2)*((3*cos(x) + 1)/2).
		outer := p.plain
		p.plain, _ = e.(*Sum)
		p.b.WriteByte('(')
		p.expr(e, 0)
		p.b.WriteByte(')')
		p.plain = outer
		return
	}
	switch e.(type) {
	case *Number, *Symbol:
		p.body(e)
		return
	}
	if p.spans.copyOf(p.b, e) {
		return
	}
	if t, ok := p.texts[KeyOf(e)]; ok {
		p.b.WriteString(t)
		return
	}
	start := p.b.Len()
	p.body(e)
	p.spans.record(p.b, e, start)
}

// FractionalMultiple reports whether the sum s is written as a multiple:
// whether every coefficient of s is a fraction of one denominator and no
// term has a denominator of its own (x^2/2 + y^2/2, 47*exp(y)/100 +
// 33/100, x/2 - 3*y/2; not x/2 + 1, nor 3*sqrt(x)/2 + 1/3, nor
// x/2 - 1/(2*x), which would write a fraction in a fraction). It returns
// the greatest fraction c that divides the coefficients, negative where
// every term is, and the sum prim divided by it: s is c*prim, which a
// reader writes (x^2 + y^2)/2 where the sum stands alone or as an
// argument. A printer writes it so only there: in parentheses (a factor,
// a power's base) a sum is written as its terms. Parsed, c*(prim)
// distributes back to s.
func FractionalMultiple(s *Sum) (c *Number, prim Expr, ok bool) {
	k, ok := fractionalContent(s)
	if !ok {
		return nil, nil, false
	}
	return newNumber(k), Mul(newNumber(k.Inv()), s), true
}

// fractionalMultiple writes the sum c*prim (see FractionalMultiple):
// -(x^2 + y^2)/2 for -x^2/2 - y^2/2. The text is a product, which reads as
// the sum where a sum does (alone, an argument).
func (p *printer) fractionalMultiple(c *Number, prim Expr) {
	b := c.v.Big()
	num := new(big.Int).Abs(b.Num())
	if b.Sign() < 0 {
		p.b.WriteByte('-')
	}
	if !num.IsInt64() || num.Int64() != 1 {
		p.b.WriteString(num.String())
		p.b.WriteByte('*')
	}
	p.b.WriteByte('(')
	p.expr(prim, 0)
	p.b.WriteString(")/")
	p.b.WriteString(b.Denom().String())
}

// fractionalContent returns the c of FractionalMultiple.
func fractionalContent(s *Sum) (Rat, bool) {
	num, den := new(big.Int), (*big.Int)(nil)
	neg := true
	for _, t := range s.terms {
		c := RatInt(1)
		fs := []Expr{t}
		switch t := t.(type) {
		case *Number:
			c, fs = t.v, nil
		case *Product:
			fs = t.factors
			if n, ok := fs[0].(*Number); ok {
				c, fs = n.v, fs[1:]
			}
		}
		if c.IsInt() || hasDenominator(fs) {
			return Rat{}, false
		}
		neg = neg && c.Sign() < 0
		cb := c.Big()
		if den == nil {
			den = cb.Denom()
		} else if den.Cmp(cb.Denom()) != 0 {
			return Rat{}, false
		}
		num.GCD(nil, nil, num, new(big.Int).Abs(cb.Num()))
	}
	k := RatFromBig(new(big.Rat).SetFrac(num, den))
	if neg {
		k = k.Neg()
	}
	return k, true
}

// hasDenominator reports whether a factor of fs is a power with a
// negative numeric exponent, written below a fraction's line.
func hasDenominator(fs []Expr) bool {
	for _, f := range fs {
		if p, ok := f.(*Power); ok {
			if n, ok := p.exp().(*Number); ok && n.v.Sign() < 0 {
				return true
			}
		}
	}
	return false
}

// body writes e without parentheses.
func (p *printer) body(e Expr) {
	switch e := e.(type) {
	case *Number:
		p.b.WriteString(e.v.String())
	case *Symbol:
		p.b.WriteString(e.name)
	case *Sum:
		terms := e.terms
		if p.limit == 0 || len(terms) <= quickTerms {
			terms = SumDisplayOrder(e)
		}
		for i, t := range terms {
			neg := HasNegativeSign(t)
			switch {
			case i == 0:
				p.expr(t, PrecProduct)
				continue
			case neg:
				p.b.WriteString(" - ")
				if x, ok := t.(*Product); ok && p.negatedProduct(x) {
					continue
				}
				t = Neg(t)
			default:
				p.b.WriteString(" + ")
			}
			p.expr(t, PrecProduct)
		}
	case *Product:
		p.product(e.factors)
	case *Power:
		p.product([]Expr{e})
	case *Call:
		p.b.WriteString(e.fn.Name)
		p.b.WriteByte('(')
		for i, a := range e.args {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.expr(a, 0)
		}
		p.b.WriteByte(')')
	default:
		panic(e)
	}
}

// negatedProduct writes -x, for a product x with a negative coefficient,
// as p.expr(Neg(x), PrecProduct) writes it, without making the node
// Neg(x): its factors are x's with the coefficient negated (dropped where
// it is then 1). A long sum's negative terms were each made anew to be
// written (a fifth of the print of a polynomial of 50,000 terms). It
// reports false, writing nothing, where a factor is a power of a number
// (sqrt(2)), whose canonical product with a coefficient Mul may write
// otherwise.
func (p *printer) negatedProduct(x *Product) bool {
	rest := x.factors[1:]
	for _, f := range rest {
		if pw, ok := f.(*Power); ok {
			if _, ok := pw.base().(*Number); ok {
				return false
			}
		}
	}
	c := x.factors[0].(*Number).v.Neg()
	switch {
	case !c.Is(1):
		var buf [8]Expr
		p.product(append(append(buf[:0], newNumber(c)), rest...))
	case len(rest) == 1:
		p.expr(rest[0], PrecProduct)
	default:
		p.product(rest)
	}
	return true
}

// product writes a product as [-]num/den.
func (p *printer) product(factors []Expr) {
	num, den, neg := SplitFraction(factors)
	if neg {
		p.b.WriteByte('-')
	}
	p.factors(num)
	// A number and a sum below the line are written as they are,
	// 3/(2*(x + 1)): the parser reads a product in parentheses after '/'
	// factor by factor, so the text reads back as this product, where
	// 2*(x + 1) alone would distribute into 2*x + 2.
	if len(den) > 0 {
		p.b.WriteByte('/')
		if len(den) == 1 {
			p.factor(den[0], PrecPower)
		} else {
			p.b.WriteByte('(')
			p.factors(den)
			p.b.WriteByte(')')
		}
	}
}

func (p *printer) factors(fs []Expr) {
	if len(fs) == 0 {
		p.b.WriteByte('1')
		return
	}
	for i, f := range fs {
		if i > 0 {
			p.b.WriteByte('*')
		}
		p.factor(f, PrecPower)
	}
}

// factor writes one factor of a numerator or denominator: a power with a
// positive exponent or any non-power.
func (p *printer) factor(f Expr, min int) {
	if pw, ok := f.(*Power); ok {
		if pw.exp() == Half {
			p.b.WriteString("sqrt(")
			p.expr(pw.base(), 0)
			p.b.WriteByte(')')
			return
		}
		p.expr(pw.base(), PrecAtom)
		p.b.WriteByte('^')
		// A power in the exponent is parenthesised, though ^ groups to
		// the right: 2^(x^2), which a reader does not take for (2^x)^2.
		min := PrecPower
		if _, ok := pw.exp().(*Power); ok {
			min = PrecAtom
		}
		p.expr(pw.exp(), min)
		return
	}
	p.expr(f, min)
}

// SplitFraction splits the factors of a product (or a single power) into
// the numerator and the denominator a reader expects: numbers and powers
// with a negative numeric exponent go below the line, with the exponent
// made positive. neg reports a negative numeric coefficient, which the
// caller shows as a leading minus; the coefficient's absolute value is part
// of num (unless 1) and its denominator part of den.
func SplitFraction(factors []Expr) (num, den []Expr, neg bool) {
	num = make([]Expr, 0, len(factors))
	for _, f := range factors {
		switch f := f.(type) {
		case *Number:
			v := f.v
			if v.Sign() < 0 {
				neg = true
				v = v.Neg()
			}
			if v.b == nil { // a small rational: no big.Rat
				if v.n != 1 {
					num = append(num, newNumber(RatInt(v.n)))
				}
				if v.d != 1 {
					den = append(den, newNumber(RatInt(v.d)))
				}
				continue
			}
			b := v.b
			if !b.Num().IsInt64() || b.Num().Int64() != 1 {
				num = append(num, newNumber(RatFromBig(newRatFromInt(b.Num()))))
			}
			if !v.IsInt() {
				den = append(den, newNumber(RatFromBig(newRatFromInt(b.Denom()))))
			}
		case *Power:
			if n, ok := f.exp().(*Number); ok && n.Sign() < 0 {
				den = append(den, Pow(f.base(), newNumber(n.v.Neg())))
				continue
			}
			num = append(num, f)
		default:
			num = append(num, f)
		}
	}
	return polynomialsFirst(generalPowersLast(num)), den, neg
}

// polynomialsFirst moves the polynomial sums of num (and their positive
// integer powers) before its calls, keeping the order otherwise: a reader
// writes (2*x - 1)*sin(x) and x*(x - 1)*cos(x), the canonical order (calls
// before sums) sin(x)*(2*x - 1). A sum that is not a polynomial stays after
// the calls: sigmoid(x)*(1 - sigmoid(x)).
func polynomialsFirst(num []Expr) []Expr {
	firstCall := -1
	for i, f := range num {
		if _, ok := powerBaseOf(f).(*Call); ok {
			firstCall = i
			break
		}
	}
	if firstCall < 0 {
		return num
	}
	moved := false
	for _, f := range num[firstCall+1:] {
		if polynomialFactor(f) {
			moved = true
			break
		}
	}
	if !moved {
		return num
	}
	out := make([]Expr, 0, len(num))
	out = append(out, num[:firstCall]...)
	for _, f := range num[firstCall:] {
		if polynomialFactor(f) {
			out = append(out, f)
		}
	}
	for _, f := range num[firstCall:] {
		if !polynomialFactor(f) {
			out = append(out, f)
		}
	}
	return out
}

// powerBaseOf returns the base of a power, and e itself otherwise.
func powerBaseOf(e Expr) Expr {
	if p, ok := e.(*Power); ok {
		return p.base()
	}
	return e
}

// polynomialFactor reports whether f is a sum of numbers and monomials (a
// number times variables to positive integer powers), or a positive
// integer power of one.
func polynomialFactor(f Expr) bool {
	if p, ok := f.(*Power); ok {
		k, ok := p.exp().(*Number)
		if !ok || !k.v.IsInt() || k.v.Sign() <= 0 {
			return false
		}
		f = p.base()
	}
	s, ok := f.(*Sum)
	if !ok {
		return false
	}
	for _, t := range s.terms {
		fs := []Expr{t}
		if p, ok := t.(*Product); ok {
			fs = p.factors
		}
		for _, g := range fs {
			switch g := g.(type) {
			case *Number, *Symbol:
			case *Power:
				if _, ok := g.base().(*Symbol); !ok {
					return false
				}
				if k, ok := g.exp().(*Number); !ok || !k.v.IsInt() || k.v.Sign() <= 0 {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// generalPowersLast moves the powers with a symbolic exponent (x^(y - 1),
// 2^x) after the variables of num, in place, keeping the order otherwise:
// a reader writes y*x^(y - 1), the canonical order (by base, x before y)
// x^(y - 1)*y.
func generalPowersLast(num []Expr) []Expr {
	last := -1 // the last variable's place
	for i, f := range num {
		if s, ok := f.(*Symbol); ok && !s.constant {
			last = i
		}
	}
	moved := false
	for i := 0; i < last; i++ {
		if p, ok := num[i].(*Power); ok {
			if _, numeric := p.exp().(*Number); !numeric {
				moved = true
				break
			}
		}
	}
	if !moved {
		return num
	}
	out := make([]Expr, 0, len(num))
	var general []Expr
	for i, f := range num {
		if p, ok := f.(*Power); ok && i < last {
			if _, numeric := p.exp().(*Number); !numeric {
				general = append(general, f)
				continue
			}
		}
		out = append(out, f)
		if i == last {
			out = append(out, general...)
		}
	}
	return out
}

// Precedence returns the precedence of e's outermost operation as the text
// printer shows it (PrecSum, PrecProduct, PrecPower or PrecAtom).
func Precedence(e Expr) int {
	switch e := e.(type) {
	case *Number:
		if e.v.Sign() < 0 || !e.v.IsInt() {
			return PrecProduct
		}
		return PrecAtom
	case *Symbol, *Call:
		return PrecAtom
	case *Sum:
		return PrecSum
	case *Product:
		return PrecProduct
	case *Power:
		if n, ok := e.exp().(*Number); ok {
			if n.Sign() < 0 {
				return PrecProduct
			}
			if n == Half {
				return PrecAtom
			}
		}
		return PrecPower
	}
	panic(e)
}

// SumDisplayOrder returns the terms of a sum in the order a reader expects:
// by descending degree (x^2 + x + 1, w*x + b), monomials of one degree in
// graded lexicographic order (see grlex), other ties in canonical order,
// and a positive term first when there is one (1 - x rather than -x + 1). Terms
// of distinct degrees are then in ascending order if that starts with one
// (1 + x - 6*x^2), and a polynomial stays in descending order if neither
// does (-3*x^2 + 4*x - 1); others have the first positive term moved to
// the front (b - w*x - y, 2*x - 2*(x - 1)*sigmoid(x) - 3).
func SumDisplayOrder(s *Sum) []Expr {
	type keyed struct {
		t Expr
		d float64
		m []monomialVar // the variables of a monomial term, else nil
	}
	ks := make([]keyed, len(s.terms))
	monomials := 0
	for i, t := range s.terms {
		ks[i] = keyed{t: t, d: degree(t)}
		if m, ok := monomialVars(t); ok {
			ks[i].m = m
			monomials++
		}
	}
	if monomials >= 2 {
		// The variables by their highest power in the sum's monomials,
		// then by name: the order in which ties of degree are broken
		// (grlex), numbered once, so that a comparison of two monomials
		// compares numbers (a long polynomial's sort made a million
		// comparisons).
		type variable struct {
			name string
			most int64 // its highest power
		}
		var vs []variable
		index := map[string]int{}
		for _, k := range ks {
			for j, v := range k.m {
				n, ok := index[v.name]
				if !ok {
					n = len(vs)
					index[v.name] = n
					vs = append(vs, variable{name: v.name})
				}
				vs[n].most = max(vs[n].most, v.k)
				k.m[j].rank = n // for now, the variable's index in vs
			}
		}
		order := make([]int, len(vs))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			if c := vs[b].most - vs[a].most; c != 0 {
				return int(c)
			}
			return strings.Compare(vs[a].name, vs[b].name)
		})
		rank := make([]int, len(vs))
		for r, i := range order {
			rank[i] = r
		}
		for i := range ks {
			for j := range ks[i].m {
				ks[i].m[j].rank = rank[ks[i].m[j].rank]
			}
			slices.SortFunc(ks[i].m, func(a, b monomialVar) int { return a.rank - b.rank })
		}
	} else {
		for i := range ks {
			ks[i].m = nil
		}
	}
	// Stable: terms that no key tells apart keep their canonical order.
	// The sort moves indices, not the keys.
	idx := make([]int32, len(ks))
	for i := range idx {
		idx[i] = int32(i)
	}
	order := func(i, j int32) int {
		a, b := &ks[i], &ks[j]
		switch {
		case a.d > b.d:
			return -1
		case a.d < b.d:
			return 1
		case a.m == nil || b.m == nil:
			return 0 // keep canonical order
		}
		return grlex(a.m, b.m)
	}
	if monomials == len(ks)-zeroDegree(s) {
		// Every term of a degree is a monomial (those of degree 0 are
		// numbers and constants): order is then a strict weak order, and
		// its ties broken by the canonical place give the stable sort's
		// result with O(n log n) moves, not O(n log² n) (a polynomial of
		// 50,000 terms).
		slices.SortFunc(idx, func(i, j int32) int {
			if c := order(i, j); c != 0 {
				return c
			}
			return int(i - j)
		})
	} else {
		slices.SortStableFunc(idx, order)
	}
	out := make([]Expr, len(ks))
	for i, j := range idx {
		out[i] = ks[j].t
	}
	sorted := func(i int) float64 { return ks[idx[i]].d }
	distinct := true // the degrees, sorted, differ
	for i := 1; i < len(ks); i++ {
		distinct = distinct && sorted(i) != sorted(i-1)
	}
	if HasNegativeSign(out[0]) && distinct {
		// 1 + x - 6*x^2, not x - 6*x^2 + 1: terms of distinct degrees
		// read in ascending order where the descending one starts with
		// a minus, and a polynomial in descending order if both start
		// with one (-3*x^2 + 4*x - 1, not 4*x - 3*x^2 - 1).
		switch {
		case !HasNegativeSign(out[len(out)-1]):
			slices.Reverse(out)
			return out
		case polynomialFactor(s):
			return out
		}
	}
	if HasNegativeSign(out[0]) {
		for i, t := range out {
			if !HasNegativeSign(t) {
				copy(out[1:i+1], out[:i])
				out[0] = t
				break
			}
		}
	}
	return out
}

// zeroDegree counts the terms of s of degree 0.
func zeroDegree(s *Sum) int {
	n := 0
	for _, t := range s.terms {
		if degree(t) == 0 {
			n++
		}
	}
	return n
}

// grlex orders two monomials of one degree, each with its variables in
// the order before gives: by the power of the first variable in that
// order, the higher first, then of the next, and so on; a variable that a
// monomial lacks has the power 0 there. With the variables ordered by
// their highest power in the sum, then by name, a sum reads x^2 + x*y +
// y^2, 2*x + y, sin(2*a + b), 6*x^2 + b*x, 2*x^3 + 3*b*x^2, where the
// canonical order puts a variable alone before a product (y + 2*x) and
// powers before products (x^2 + y^2 + x*y).
func grlex(a, b []monomialVar) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].rank < b[j].rank: // a has a variable b lacks
			return -1
		case a[i].rank > b[j].rank:
			return 1
		}
		if a[i].k != b[j].k {
			if a[i].k > b[j].k {
				return -1
			}
			return 1
		}
		i, j = i+1, j+1
	}
	return (len(b) - j) - (len(a) - i)
}

// A monomialVar is a variable of a monomial and its power.
type monomialVar struct {
	name string
	k    int64
	rank int // the variable's place in the order of grlex (SumDisplayOrder's)
}

// monomialVars returns the variables of the monomial t with their powers,
// or false if t is no monomial (a number is one of no variables).
func monomialVars(t Expr) ([]monomialVar, bool) {
	fs := []Expr{t}
	if p, ok := t.(*Product); ok {
		fs = p.factors
	}
	for _, f := range fs {
		switch f.(type) {
		case *Number, *Symbol, *Power:
		default:
			return nil, false // a call, a sum: no monomial (and nothing allocated)
		}
	}
	var vs []monomialVar
	for _, f := range fs {
		switch f := f.(type) {
		case *Number:
		case *Symbol:
			if f.constant {
				return nil, false
			}
			vs = append(vs, monomialVar{name: f.name, k: 1})
		case *Power:
			s, ok := f.base().(*Symbol)
			k, isNum := f.exp().(*Number)
			if !ok || s.constant || !isNum || !k.v.IsInt() || k.v.IsBig() || k.v.Sign() <= 0 {
				return nil, false
			}
			vs = append(vs, monomialVar{name: s.name, k: k.v.Num64()})
		default:
			return nil, false
		}
	}
	return vs, len(vs) > 0
}

// degree is the total degree of a term in its variables, counting a call or
// a sum as degree 1 and numbers and constants as 0.
func degree(e Expr) float64 {
	switch e := e.(type) {
	case *Number:
		return 0
	case *Symbol:
		if e.constant {
			return 0
		}
		return 1
	case *Product:
		d := 0.0
		for _, f := range e.factors {
			d += degree(f)
		}
		return d
	case *Power:
		if n, ok := e.exp().(*Number); ok {
			return degree(e.base()) * n.v.Float64()
		}
		return degree(e.base())
	}
	return 1
}

// costlyToWrite reports whether writing e again costs more than finding
// its earlier text, whatever its length: a sum is put in display order and
// its negative terms negated, a product is split into a fraction, each time
// it is written; a call's arguments would each be looked up again (the
// sines of a product rule's terms, each in every term but one).
func costlyToWrite(e Expr) bool {
	switch e.(type) {
	case *Sum, *Product, *Power, *Call:
		return true
	}
	return false
}
