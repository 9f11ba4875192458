package simplify

import (
	"math/big"
	"slices"

	"github.com/symdiff/symdiff/symbolic"
)

// commonCall returns the sum e with the calls that all its terms have as
// factors taken out, each to its least power, the rest of each term left
// as it is (with the terms' numeric content, see below), or nil if its
// terms share no call. The product rule leaves f*g' + f'*g, and where f'
// is a multiple of f (exp) the terms share f:
// the derivative of exp(x)*log(x) is exp(x)*log(x) + exp(x)/x, which a
// reader writes exp(x)*(log(x) + 1/x). The rational normal form takes the
// call out too, but puts the rest over one denominator,
// exp(x)*(x*log(x) + 1)/x, which costs more. The search keeps the rewrite
// where it costs less. It holds wherever both sides are defined (a product
// distributes over a sum). Only calls and their positive powers are taken
// out, not variables or sums: the collection of a polynomial's terms is
// the rational normal form's (x/2 + x*y stays). Sums of more than
// maxCollectTerms terms are left alone. Work: a look at each term's
// factors for each call of the first term, and a product per term.
func commonCall(e symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) > maxCollectTerms {
		return nil
	}
	ts := s.Terms()
	var common []symbolic.Expr
	for _, f := range factorsOf(ts[0]) {
		b, k, ok := callPower(f)
		if !ok {
			continue
		}
		shared := true
		for _, t := range ts[1:] {
			found := false
			for _, g := range factorsOf(t) {
				if gb, gk, ok := callPower(g); ok && gb == b {
					if gk.Cmp(k) < 0 {
						k = gk
					}
					found = true
					break
				}
			}
			if !found {
				shared = false
				break
			}
		}
		if shared {
			common = append(common, symbolic.Pow(b, symbolic.NumberOf(k)))
		}
	}
	if len(common) == 0 {
		return nil
	}
	// The terms' numeric content comes out too, as the rational normal
	// form takes it (8*sech(x)^2*(1 - 3*sech(x)^2), not sech(x)^2*(8 -
	// 24*sech(x)^2)); a fractional content is also offered left in the
	// terms, the cheaper where the denominators differ
	// (exp(x)*(sec(u)^2/3 + tan(u)), not exp(x)*(sec(u)^2 + 3*tan(u))/3)
	// and the tie-breaks' choice where they do not (exp(-x)*(1/x -
	// log(x))/2, fewer fractions written than exp(-x)*(1/(2*x) -
	// log(x)/2)).
	k, whole := termsContent(ts)
	var out []symbolic.Expr
	for _, k := range []symbolic.Rat{k, whole} {
		r, ok := try(func() symbolic.Expr {
			c := symbolic.Mul(slices.Concat(common, []symbolic.Expr{symbolic.NumberOf(k)})...)
			inv := symbolic.Pow(c, symbolic.MinusOne)
			rest := make([]symbolic.Expr, len(ts))
			for i, t := range ts {
				rest[i] = symbolic.Mul(t, inv)
			}
			return symbolic.Mul(c, symbolic.Add(rest...))
		})
		if ok && r != e && (len(out) == 0 || out[0] != r) {
			out = append(out, r)
		}
	}
	return out
}

// factorsOf returns the factors of the term t: its own if a product, or
// t alone.
func factorsOf(t symbolic.Expr) []symbolic.Expr {
	if p, ok := t.(*symbolic.Product); ok {
		return p.Factors()
	}
	return []symbolic.Expr{t}
}

// callPower reports whether f is a call or a positive numeric power of
// one, and returns the call and the power.
func callPower(f symbolic.Expr) (symbolic.Expr, symbolic.Rat, bool) {
	if isCall(f) {
		return f, symbolic.RatInt(1), true
	}
	if p, ok := f.(*symbolic.Power); ok && isCall(p.Base()) {
		if k, ok := p.Exp().(*symbolic.Number); ok && k.Sign() > 0 {
			return p.Base(), k.Exact(), true
		}
	}
	return nil, symbolic.RatInt(0), false
}

// termsContent returns the content of the terms' numeric coefficients,
// positive (the orientation pass gives a sum its sign, see orient.go):
// the greatest common divisor of their numerators over the least common
// multiple of their denominators, and the numerators' divisor alone.
func termsContent(ts []symbolic.Expr) (content, whole symbolic.Rat) {
	num, den := new(big.Int), big.NewInt(1)
	for _, t := range ts {
		c := coefficient(t)
		r := c.Big()
		num.GCD(nil, nil, num, new(big.Int).Abs(r.Num()))
		g := new(big.Int).GCD(nil, nil, den, r.Denom())
		den.Mul(den, new(big.Int).Quo(r.Denom(), g))
	}
	if num.Sign() == 0 {
		return symbolic.RatInt(1), symbolic.RatInt(1)
	}
	return symbolic.RatFromBig(new(big.Rat).SetFrac(num, den)), symbolic.RatFromBig(new(big.Rat).SetInt(num))
}
