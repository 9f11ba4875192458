package symbolic

// The product rule and the reverse-mode gradient rebuild a product with
// one factor replaced (f1 ... fk' ... fn) or removed (the other factors).
// Through Mul that costs a flatten, a grouping of bases through a map and a
// sort, for each of the n factors: most of the time of differentiating a
// long product. replaceFactor builds the same canonical product by merging
// two sorted lists, when the replacement shares no base with the other
// factors (the common case: sin(u)' = cos(u) is new); otherwise it falls
// back to Mul.

// factorIndex records the bases of a product's factors (as Mul merges
// them, see mulBase), for checking that a replacement does not merge with
// them.
type factorIndex struct {
	p     *Product
	start int          // 1 if the product has a numeric coefficient
	bases map[Expr]int // base -> factor index (-1: several), for long products
}

func newFactorIndex(p *Product) *factorIndex {
	ix := &factorIndex{p: p}
	if _, ok := p.factors[0].(*Number); ok {
		ix.start = 1
	}
	if len(p.factors) > 16 {
		ix.bases = make(map[Expr]int, len(p.factors))
		for i, f := range p.factors[ix.start:] {
			b, _ := mulBase(f)
			if _, dup := ix.bases[b]; dup {
				ix.bases[b] = -1
			} else {
				ix.bases[b] = i + ix.start
			}
		}
	}
	return ix
}

// sharesBase reports whether a factor other than factor k has base b.
func (ix *factorIndex) sharesBase(b Expr, k int) bool {
	if ix.bases != nil {
		i, ok := ix.bases[b]
		return ok && i != k
	}
	for i := ix.start; i < len(ix.p.factors); i++ {
		if fb, _ := mulBase(ix.p.factors[i]); fb == b && i != k {
			return true
		}
	}
	return false
}

// replaceFactor returns the product with factor k replaced by d: the same
// node as Mul of the factors with the k-th replaced.
func (ix *factorIndex) replaceFactor(k int, d Expr) Expr {
	fs := ix.p.factors
	coeff := RatInt(1)
	if ix.start == 1 {
		coeff = fs[0].(*Number).v
	}
	var gs []Expr // d's non-numeric factors, sorted
	switch d := d.(type) {
	case *Number:
		coeff = coeff.Mul(d.v)
	case *Product:
		gs = d.factors
		if c, ok := gs[0].(*Number); ok {
			coeff = coeff.Mul(c.v)
			gs = gs[1:]
		}
	default:
		gs = []Expr{d}
	}
	if k < ix.start || coeff.Sign() == 0 {
		return ix.slow(k, d)
	}
	if hasRadical(gs) || hasRadical(fs[ix.start:]) && (ix.start == 0 && !coeff.Is(1) ||
		ix.start == 1 && !coeff.Equal(fs[0].(*Number).v) || isRadicalFactor(fs[k])) {
		// Numeric radicals and the coefficient have a canonical form
		// together (radical.go).
		return ix.slow(k, d)
	}
	for _, g := range gs {
		if b, _ := mulBase(g); ix.sharesBase(b, k) {
			return ix.slow(k, d) // may merge with another factor
		}
	}
	rest := len(fs) - ix.start - 1 + len(gs)
	if rest == 1 && len(gs) == 0 {
		// One factor left: the product is c*f or f, unless the number
		// distributes over f (a sum) or merges with it (a numeric power).
		f := fs[ix.start]
		if k == ix.start {
			f = fs[ix.start+1]
		}
		if coeff.Is(1) {
			return f
		}
		if _, sum := f.(*Sum); !sum {
			if b, _ := mulBase(f); !isNum(b) {
				return newProduct([]Expr{newNumber(coeff), f})
			}
		}
	}
	if rest <= 1 {
		return ix.slow(k, d) // a lone factor may be a sum to distribute over
	}
	out := make([]Expr, 0, rest+1)
	if !coeff.Is(1) {
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

func isNum(e Expr) bool {
	_, ok := e.(*Number)
	return ok
}
