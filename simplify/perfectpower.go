package simplify

import "github.com/symdiff/symdiff/symbolic"

// Perfect powers of polynomials.
//
// The rational normal form expands, and nothing factored a polynomial that
// is a power of another: the derivative of exp(x)*(x^2 + 1) is
// (x^2 + 2*x + 1)*exp(x), where a reader writes (x + 1)^2*exp(x).
// perfectPower finds p = c*q^k for a polynomial p in one variable, by the
// k-th root's coefficients (a monic q of degree n/k is fixed, top down, by
// the coefficients of p, and then checked whole), for each k that divides
// p's degree, the largest first. Its cost is a few polynomial products of
// degree at most maxPowerDegree.

// maxPowerDegree is the highest degree perfectPower looks at.
const maxPowerDegree = 16

// perfectPower returns e, a sum, as c*q^k (k >= 2) if it is a polynomial
// in one variable that is a number times a power of another, or nil.
func perfectPower(e symbolic.Expr) symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return nil
	}
	x, a, ok := univariate(s)
	if !ok {
		return nil
	}
	n := len(a) - 1
	lead := a[n]
	monic := make([]symbolic.Rat, n+1)
	for i, c := range a {
		monic[i] = c.Quo(lead)
	}
	for k := n; k >= 2; k-- {
		if n%k != 0 {
			continue
		}
		q, ok := monicRoot(monic, k)
		if !ok {
			continue
		}
		r, ok := try(func() symbolic.Expr { return powerForm(x, q, k, lead) })
		if ok && r != nil {
			return r
		}
	}
	return nil
}

// univariate returns the coefficients a[0..n] of s as a polynomial in its
// one variable x, n in 2..maxPowerDegree, or false.
func univariate(s *symbolic.Sum) (*symbolic.Symbol, []symbolic.Rat, bool) {
	var x *symbolic.Symbol
	var a []symbolic.Rat
	for _, t := range s.Terms() {
		c, xs := splitProduct(t)
		deg := int64(0)
		switch len(xs) {
		case 0:
		case 1:
			v, k := xs[0], int64(1)
			if p, ok := v.(*symbolic.Power); ok {
				e, ok := p.Exp().(*symbolic.Number)
				if !ok {
					return nil, nil, false
				}
				if k, ok = e.Int64(); !ok || k < 1 {
					return nil, nil, false
				}
				v = p.Base()
			}
			sym, ok := v.(*symbolic.Symbol)
			if !ok || sym.IsConstant() || x != nil && sym != x {
				return nil, nil, false
			}
			x, deg = sym, k
		default:
			return nil, nil, false
		}
		if deg > maxPowerDegree || c.IsBig() {
			return nil, nil, false
		}
		for int64(len(a)) <= deg {
			a = append(a, symbolic.RatInt(0))
		}
		a[deg] = c
	}
	if x == nil || len(a) < 3 {
		return nil, nil, false
	}
	return x, a, true
}

// monicRoot returns the monic polynomial q (coefficients low to high) with
// q^k = p, p monic of degree n divisible by k, or false.
func monicRoot(p []symbolic.Rat, k int) ([]symbolic.Rat, bool) {
	n := len(p) - 1
	m := n / k
	q := make([]symbolic.Rat, m+1)
	for i := range q {
		q[i] = symbolic.RatInt(0)
	}
	q[m] = symbolic.RatInt(1)
	kk := symbolic.RatInt(int64(k))
	// The coefficient of x^(n-j) of q^k is k*q[m-j] plus what the
	// coefficients above it give: with q[m-j] still 0, the difference
	// from p's fixes it.
	for j := 1; j <= m; j++ {
		c := polyPow(q, k)
		q[m-j] = p[n-j].Sub(c[n-j]).Quo(kk)
	}
	c := polyPow(q, k)
	for i := range p {
		if !c[i].Equal(p[i]) {
			return nil, false
		}
	}
	return q, true
}

// polyPow returns q^k, coefficients low to high.
func polyPow(q []symbolic.Rat, k int) []symbolic.Rat {
	r := []symbolic.Rat{symbolic.RatInt(1)}
	for range k {
		out := make([]symbolic.Rat, len(r)+len(q)-1)
		for i := range out {
			out[i] = symbolic.RatInt(0)
		}
		for i, a := range r {
			if a.Sign() == 0 {
				continue
			}
			for j, b := range q {
				if b.Sign() != 0 {
					out[i+j] = out[i+j].Add(a.Mul(b))
				}
			}
		}
		r = out
	}
	return r
}

// powerForm builds lead*q(x)^k. Where q has a fraction and the k-th root
// of lead (if rational) clears it, the root goes inside: 4*x^2 + 4*x + 1 is
// (2*x + 1)^2, not 4*(x + 1/2)^2; 8*x^3 + 24*x^2 + 24*x + 8 stays
// 8*(x + 1)^3.
func powerForm(x *symbolic.Symbol, q []symbolic.Rat, k int, lead symbolic.Rat) symbolic.Expr {
	scale, outside := symbolic.RatInt(1), lead
	if !integral(q, scale) {
		if r, ok := symbolic.Pow(symbolic.NumberOf(lead), symbolic.NumberOf(symbolic.NewRat(1, int64(k)))).(*symbolic.Number); ok && integral(q, r.Exact()) {
			scale, outside = r.Exact(), symbolic.RatInt(1)
		}
	}
	ts := make([]symbolic.Expr, len(q))
	for i, c := range q {
		ts[i] = symbolic.Mul(symbolic.NumberOf(c.Mul(scale)), symbolic.Pow(x, symbolic.Int(int64(i))))
	}
	return symbolic.Mul(symbolic.NumberOf(outside), symbolic.Pow(symbolic.Add(ts...), symbolic.Int(int64(k))))
}

// integral reports whether every coefficient of q times scale is an
// integer.
func integral(q []symbolic.Rat, scale symbolic.Rat) bool {
	for _, c := range q {
		if !c.Mul(scale).IsInt() {
			return false
		}
	}
	return true
}
