package symbolic

import (
	"math/big"
	"strings"
)

// A SharedFormatter formats expressions beside a fixed list of others:
// as Format does, except where an expression is a sum that is a number k
// times a sum s occurring in one of the others (k = -1 included), which
// it writes "k*(s)". A number times a sum distributes in the canonical
// form (2*(x + 1) is the node 2*x + 2), so the partial derivative of
// (w*x + b - y)^2 by b is the node 2*w*x - 2*y + 2*b; printed beside its
// input, or beside the partial by w, 2*x*(w*x + b - y), it reads
// 2*(w*x + b - y). Parsing the text gives the expression back.
//
// It indexes the others' sums once, when a sum short enough to look for
// is first formatted: formatting the n partials of a gradient against
// each other costs a walk of their DAG, not n walks per partial, and
// formatting a derivative that is no such sum (the derivative of a long
// input by one of its variables) costs no walk of the input. It remembers
// the text of each large node it has written, so a subexpression that
// many partials share (a loss's linear form) is written once and copied
// after. It is not safe for concurrent use.
type SharedFormatter struct {
	others  []Expr
	indexed bool
	sums    visitSet       // the sums occurring in the others, once indexed
	shapes  map[uint64]Key // their monomialShapes (see Format): the sum, or the zero Key for several
	texts   map[Key]string // the texts of large nodes written so far
	last    int            // the length of the last text written
}

// NewSharedFormatter returns a formatter beside others.
func NewSharedFormatter(others ...Expr) *SharedFormatter {
	return &SharedFormatter{others: others, shapes: map[uint64]Key{}, texts: map[Key]string{}}
}

// index records the sums of the others.
func (f *SharedFormatter) index() {
	f.indexed = true
	seen := getVisitSet()
	defer putVisitSet(seen)
	for _, o := range f.others {
		walkUnseen(seen, o, func(n Expr) {
			if s, ok := n.(*Sum); ok {
				f.sums.add(n.hdr())
				if len(s.terms) <= maxSharedTerms {
					sh := monomialShape(s)
					if _, met := f.shapes[sh]; met {
						f.shapes[sh] = Key{} // several sums
					} else {
						f.shapes[sh] = KeyOf(n)
					}
				}
			}
		})
	}
}

// Format returns Format(e), or "k*(s)" where e is a number k times a sum s
// occurring in the others (see SharedFormatter).
func (f *SharedFormatter) Format(e Expr) string {
	if k, s, ok := f.Multiple(e); ok {
		return multipleText(k.v, f.format(s))
	}
	return f.format(e)
}

// Multiple reports whether e is a number k other than 1 times a sum s
// occurring in the others, and returns k and s: Format writes e as
// "k*(s)", and a printer of another syntax can write it so too.
func (f *SharedFormatter) Multiple(e Expr) (k *Number, s Expr, ok bool) {
	sum, ok := e.(*Sum)
	if !ok || len(sum.terms) > maxSharedTerms {
		// A long sum is printed as it is: rebuilding it divided by its
		// content, to look for it elsewhere, would cost more than printing
		// it (the derivative of a product of 300 sines is 300 terms of 299
		// factors each).
		return nil, nil, false
	}
	if !f.indexed {
		f.index()
	}
	if k, ok := f.shapes[monomialShape(sum)]; !ok || k == KeyOf(e) {
		// No sum of the others but e itself has e's shape, so none is a
		// multiple of e: print it without building e/k and -e/k to look
		// for them (a gradient's partials are mostly such sums, each a
		// few long products or a few calls with long arguments).
		return nil, nil, false
	}
	c := sumContent(sum)
	p := Mul(newNumber(c.Inv()), e)
	occurs := func(x Expr) bool { return x != e && f.sums.has(x.hdr()) }
	switch {
	case !c.Is(1) && occurs(p):
	case occurs(Neg(p)):
		c, p = c.Neg(), Neg(p)
	default:
		return nil, nil, false
	}
	if c.Is(1) {
		return nil, nil, false // e itself is the sum met elsewhere
	}
	return newNumber(c), p, true
}

// format is formatWith with the formatter's texts, its output made at once
// as long as the last one (the partials of a gradient are much alike in
// length): a text grown a doubling at a time leaves as much behind as it
// holds, all of it fresh memory in a command.
func (f *SharedFormatter) format(e Expr) string {
	s := formatWith(e, f.texts, f.last)
	f.last = len(s)
	return s
}

// multipleText writes k times the sum whose text is sum: "k*(sum)", "-(sum)"
// for k = -1, and a fraction's denominator after, "3*(sum)/2", as the
// printer writes a sum of fractions (see FractionalMultiple).
func multipleText(k Rat, sum string) string {
	var b strings.Builder
	r := k.Big()
	if r.Sign() < 0 {
		b.WriteByte('-')
	}
	num := new(big.Int).Abs(r.Num())
	if !num.IsInt64() || num.Int64() != 1 {
		b.WriteString(num.String())
		b.WriteByte('*')
	}
	b.WriteByte('(')
	b.WriteString(sum)
	b.WriteByte(')')
	if !r.IsInt() {
		b.WriteByte('/')
		b.WriteString(r.Denom().String())
	}
	return b.String()
}

// monomialShape returns a hash of s that every number times s shares (k*s
// has s's number of terms and monomials, in an order that can differ, and
// coefficients k times s's): a sum over its terms of a mixed hash of the
// term's monomial (termKeyHash, by which Add's collector keys terms; a
// marker for the constant term) and of its coefficient divided by that of
// the term whose monomial hash is least. Where two monomials have the
// least hash (a collision of 64-bit hashes) the coefficients are left out,
// which every multiple does alike.
func monomialShape(s *Sum) uint64 {
	const constant = fibonacci // the constant term's "monomial": any fixed value
	var ms [maxSharedTerms]uint64
	var cs [maxSharedTerms]Rat
	least, tie := 0, false
	for i, t := range s.terms {
		if n, ok := t.(*Number); ok {
			ms[i], cs[i] = constant, n.v
		} else {
			c, one, rest := termFactors(t)
			ms[i], cs[i] = termKeyHash(t, one, rest), c
		}
		switch {
		case i == 0 || ms[i] < ms[least]:
			least, tie = i, false
		case ms[i] == ms[least]:
			tie = true
		}
	}
	h := uint64(len(s.terms))
	for i := range s.terms {
		m := mix(ms[i], hashSeed)
		if !tie {
			m = mix(m, numberHash(cs[i].Quo(cs[least])))
		}
		h += m
	}
	return h
}

// maxSharedTerms is the longest sum a SharedFormatter looks for in the other
// expressions.
const maxSharedTerms = 32
