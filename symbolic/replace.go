package symbolic

// The product rule and the reverse-mode gradient rebuild a product with
// one factor replaced (f1 ... fk' ... fn) or removed (the other factors).
// Through Mul that costs a flatten, a grouping of bases through a map and a
// sort, for each of the n factors: most of the time of differentiating a
// long product. replaceFactor builds the same canonical product by merging
// two sorted lists, when the replacement shares no base with the other
// factors (the common case: sin(u)' = cos(u) is new); otherwise it falls
// back to Mul.

// factorIndex records the bases of a product's factors, for checking that a
// replacement does not merge with them.
type factorIndex struct {
	p     *Product
	start int          // 1 if the product has a numeric coefficient
	bases map[Expr]int // base -> factor index, for long products
}

func newFactorIndex(p *Product) *factorIndex {
	ix := &factorIndex{p: p}
	if _, ok := p.factors[0].(*Number); ok {
		ix.start = 1
	}
	if len(p.factors) > 16 {
		ix.bases = make(map[Expr]int, len(p.factors))
		for i, f := range p.factors[ix.start:] {
			b, _ := baseExp(f)
			ix.bases[b] = i + ix.start
		}
	}
	return ix
}

// baseAt returns the index of the factor with base b, or -1.
func (ix *factorIndex) baseAt(b Expr) int {
	if ix.bases != nil {
		if i, ok := ix.bases[b]; ok {
			return i
		}
		return -1
	}
	for i := ix.start; i < len(ix.p.factors); i++ {
		if fb, _ := baseExp(ix.p.factors[i]); fb == b {
			return i
		}
	}
	return -1
}

// replaceFactor returns the product with factor k replaced by d: the same
// node as Mul of the factors with the k-th replaced.
func (ix *factorIndex) replaceFactor(k int, d Expr) Expr {
	fs := ix.p.factors
	coeff := ratInt(1)
	if ix.start == 1 {
		coeff = fs[0].(*Number).v
	}
	var gs []Expr // d's non-numeric factors, sorted
	switch d := d.(type) {
	case *Number:
		coeff = coeff.mul(d.v)
	case *Product:
		gs = d.factors
		if c, ok := gs[0].(*Number); ok {
			coeff = coeff.mul(c.v)
			gs = gs[1:]
		}
	default:
		gs = []Expr{d}
	}
	if k < ix.start || coeff.sign() == 0 {
		return ix.slow(k, d)
	}
	for _, g := range gs {
		b, _ := baseExp(g)
		if i := ix.baseAt(b); i >= 0 && i != k {
			return ix.slow(k, d) // merges with another factor
		}
	}
	rest := len(fs) - ix.start - 1 + len(gs)
	if rest <= 1 {
		return ix.slow(k, d) // a lone factor may be a sum to distribute over
	}
	out := make([]Expr, 0, rest+1)
	if !coeff.is(1) {
		out = append(out, newNumber(coeff))
	}
	// Merge fs[start:] without fs[k] and gs, both in canonical order.
	i, j := ix.start, 0
	for i < len(fs) || j < len(gs) {
		if i == k {
			i++
			continue
		}
		switch {
		case j == len(gs):
			out = append(out, fs[i])
			i++
		case i == len(fs) || Compare(gs[j], fs[i]) < 0:
			out = append(out, gs[j])
			j++
		default:
			out = append(out, fs[i])
			i++
		}
	}
	return newProduct(out)
}

func (ix *factorIndex) slow(k int, d Expr) Expr {
	fs := make([]Expr, len(ix.p.factors))
	copy(fs, ix.p.factors)
	fs[k] = d
	return Mul(fs...)
}
