package simplify

import (
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// alikePartials writes the results out of several inputs simplified
// together (the partials of a gradient, Jacobian or Hessian) in one shape
// where a tie allows it: a result that is a sum whose terms share a
// monomial m (variables to positive integer powers) is written m times the
// sum of the rests where that costs no more and another result is written
// so, a monomial times a sum. The partials of x^2*y^3 + x*y are
// y*(2*x*y^2 + 1) and x*(3*x*y^2 + 1), where the search, free to break
// the first's tie (9 each) its own way, wrote 2*x*y^3 + y. Each holds
// wherever the other does (the constructors cancel nothing that could be
// 0). Work: a look at each result's terms and factors, and one product and
// one cost for each sum with a common monomial.
func alikePartials(out []symbolic.Expr) {
	factored := slices.ContainsFunc(out, monomialTimesSumForm)
	if !factored {
		return
	}
	for i, r := range out {
		s, ok := r.(*symbolic.Sum)
		if !ok {
			continue
		}
		m := commonMonomial(s)
		if m == nil {
			continue
		}
		alt, ok := try(func() symbolic.Expr {
			inv := symbolic.Pow(m, symbolic.MinusOne)
			rests := make([]symbolic.Expr, len(s.Terms()))
			for j, t := range s.Terms() {
				rests[j] = symbolic.Mul(t, inv)
			}
			return symbolic.Mul(m, symbolic.Add(rests...))
		})
		if ok && alt != r && Cost(alt) <= Cost(r) {
			out[i] = alt
		}
	}
}

// monomialTimesSumForm reports whether e is a product of a monomial (a
// number times variables to positive integer powers) and one sum.
func monomialTimesSumForm(e symbolic.Expr) bool {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return false
	}
	m, u := monomialTimesSum(p)
	if u == nil || len(m)+1 != len(p.Factors()) {
		return false // no sum, or two
	}
	for _, f := range m {
		if _, ok := f.(*symbolic.Number); !ok && monomialFactor(f) == nil {
			return false
		}
	}
	return true
}

// monomialFactor returns the variable of f, a variable or a variable to a
// positive integer power, and nil for anything else.
func monomialFactor(f symbolic.Expr) *symbolic.Symbol {
	switch f := f.(type) {
	case *symbolic.Symbol:
		if !f.IsConstant() {
			return f
		}
	case *symbolic.Power:
		v, ok := f.Base().(*symbolic.Symbol)
		k, isNum := f.Exp().(*symbolic.Number)
		if ok && !v.IsConstant() && isNum && k.IsInt() && k.Sign() > 0 {
			return v
		}
	}
	return nil
}

// commonMonomial returns the product of the variables that every term of
// s has as a factor, each to the least power it has in a term, or nil if
// there is none.
func commonMonomial(s *symbolic.Sum) symbolic.Expr {
	type power struct {
		v *symbolic.Symbol
		k int64
	}
	var common []power
	for i, t := range s.Terms() {
		var here []power
		for _, f := range factorsOf(t) {
			v := monomialFactor(f)
			if v == nil {
				continue
			}
			k := int64(1)
			if p, ok := f.(*symbolic.Power); ok {
				k, _ = p.Exp().(*symbolic.Number).Int64()
			}
			here = append(here, power{v, k})
		}
		if i == 0 {
			common = here
			continue
		}
		kept := common[:0]
		for _, c := range common {
			for _, h := range here {
				if h.v == c.v {
					kept = append(kept, power{c.v, min(c.k, h.k)})
					break
				}
			}
		}
		if common = kept; len(common) == 0 {
			return nil
		}
	}
	if len(common) == 0 {
		return nil
	}
	fs := make([]symbolic.Expr, len(common))
	for i, c := range common {
		fs[i] = symbolic.Pow(c.v, symbolic.Int(c.k))
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Mul(fs...) })
	if !ok {
		return nil
	}
	return r
}
