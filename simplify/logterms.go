package simplify

import (
	"math/big"

	"github.com/symdiff/symdiff/symbolic"
)

// logsApart writes the logarithms of a sum (log, log2, log10) as multiples
// of the logarithms of their arguments' factors, collected by base:
// log(x^2*y) - 2*log(x) is log(y) where the input's log(x) needs x > 0,
// log(x^3*y^2) - 3*log(x) - 2*log(y) is 0, log10(1000*x) - log10(x) is 3. The rules split one logarithm at a time (log-mul, log-pow),
// each step dearer than the sum it starts from, so the search does not
// reach the collected form by them.
//
// A term c*log(u), c a number, is split over u's factors b^k (k a number,
// 1 for a factor that is no power) where log(u) = sum of k*log(b) holds
// wherever log(u) is defined, that is where u > 0:
//
//   - a positive number is its own logarithm's argument (log(2*x) is
//     log(2) + log(x)); a negative one leaves the term whole;
//   - b^k with k of even numerator (x^2, x^(2/3)) is |b|^k, not 0 where u
//     is defined: k*log(abs(b)), written k*log(b) or k*log(-b) where the
//     sign of b is known (from its structure or the input's domain);
//   - b^k with k of odd numerator and even denominator (sqrt(x)) is real
//     and not 0 only where b > 0: k*log(b);
//   - the other factors (x, x^3, 1/x, x^(1/3), exp(y), x^y) have b's sign:
//     k*log(b) where b > 0 is known, and where one of them is left of
//     unknown sign, it has u's sign over the others', positive; two or more
//     of unknown sign, or one known negative, leave the term whole (log(x*y)
//     is not log(x) + log(y) where both are negative).
//
// Every step holds where both sides are defined; the result is offered to
// the search, which keeps it where it costs less. Work: one look at each
// term's factors, and a map of the arguments.
func logsApart(e symbolic.Expr, facts domainFacts) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return nil
	}
	var rest []symbolic.Expr
	type arg struct {
		fn *symbolic.Func // log, log2 or log10
		b  symbolic.Expr
	}
	coef := map[arg]symbolic.Rat{}
	var order []arg // the arguments, in the order first met
	logs, split := 0, false
	add := func(a arg, k symbolic.Rat) {
		c, seen := coef[a]
		if !seen {
			order = append(order, a)
			c = symbolic.RatInt(0)
		}
		coef[a] = c.Add(k)
	}
	for _, t := range s.Terms() {
		c, fn, u, ok := logTerm(t)
		if !ok {
			rest = append(rest, t)
			continue
		}
		logs++
		parts, ok := logParts(u, facts)
		if !ok {
			add(arg{fn, u}, c)
			continue
		}
		if len(parts) > 1 || parts[0].b != u {
			split = true
		}
		for _, p := range parts {
			add(arg{fn, p.b}, c.Mul(p.k))
		}
	}
	if logs < 2 || !split {
		return nil
	}
	r, ok := try(func() symbolic.Expr {
		ts := rest
		for _, a := range order {
			if k := coef[a]; k.Sign() != 0 {
				ts = append(ts, symbolic.Mul(symbolic.NumberOf(k), symbolic.Apply(a.fn, a.b)))
			}
		}
		return symbolic.Add(ts...)
	})
	if !ok || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}

// logTerm returns t as c*f(u) for a number c and f one of log, log2 and
// log10.
func logTerm(t symbolic.Expr) (c symbolic.Rat, f *symbolic.Func, u symbolic.Expr, ok bool) {
	c = symbolic.RatInt(1)
	if p, isProduct := t.(*symbolic.Product); isProduct {
		fs := p.Factors()
		n, isNum := fs[0].(*symbolic.Number)
		if !isNum || len(fs) != 2 {
			return c, nil, nil, false
		}
		c, t = n.Exact(), fs[1]
	}
	if l, isCall := t.(*symbolic.Call); isCall && len(l.Args()) == 1 {
		switch f := l.Func(); f {
		case symbolic.Log, log2Fn, log10Fn:
			return c, f, l.Arg(), true
		}
	}
	return c, nil, nil, false
}

var (
	log2Fn, _  = symbolic.Lookup("log2")
	log10Fn, _ = symbolic.Lookup("log10")
)

// A logPart is k*log(b), a part of the logarithm of a product.
type logPart struct {
	b symbolic.Expr
	k symbolic.Rat
}

// logParts splits log(u) over u's factors as logsApart describes, or
// reports that it cannot.
func logParts(u symbolic.Expr, facts domainFacts) ([]logPart, bool) {
	fs := []symbolic.Expr{u}
	if p, ok := u.(*symbolic.Product); ok {
		fs = p.Factors()
	}
	parts := make([]logPart, 0, len(fs))
	unknown := -1
	for _, f := range fs {
		b, k := f, symbolic.RatInt(1)
		if p, ok := f.(*symbolic.Power); ok {
			if n, ok := p.Exp().(*symbolic.Number); ok {
				b, k = p.Base(), n.Exact()
			}
		}
		if n, ok := b.(*symbolic.Number); ok {
			if n.Sign() <= 0 {
				return nil, false
			}
			parts = append(parts, logPart{f, symbolic.RatInt(1)})
			continue
		}
		num, den := ratParts(k)
		switch sign := signIn(b, facts); {
		case num.Bit(0) == 0:
			// |b|^k: b is not 0 where u is defined.
			switch sign {
			case signPos:
			case signNeg:
				b = symbolic.Neg(b)
			default:
				b = symbolic.Apply(absFn, b)
			}
		case den.Bit(0) == 0:
			// A root of odd power: b > 0 where it is defined and not 0.
		case sign == signPos:
		case sign == signNeg || sign == signZero || unknown >= 0:
			return nil, false
		default:
			unknown = len(parts)
		}
		parts = append(parts, logPart{b, k})
	}
	return parts, true
}

// ratParts returns the numerator and denominator of r.
func ratParts(r symbolic.Rat) (num, den *big.Int) {
	b := r.Big()
	return b.Num(), b.Denom()
}
