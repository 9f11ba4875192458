package symbolic

import "math/big"

// Exact values of the circular functions at rational multiples of pi, and
// of their inverses at the numbers those values are. The function table's
// exact fields use them, so the constructors fold sin(pi/6) to 1/2,
// cos(x + pi) to -cos(x) and atan(1) to pi/4 wherever such a call is built.
//
// The values are the classical ones: multiples of pi/6 and pi/4 (and so of
// pi/2), whose sines are 0, 1/2, sqrt(2)/2, sqrt(3)/2 and 1. Other
// multiples (pi/5, pi/12) have radical values too, but longer than the
// call; they stay calls. A shift of the argument by a multiple of pi/2
// turns one function into another (sin(x + pi/2) = cos(x)); a shift by
// another multiple is reduced into (-period/2, period/2] and kept
// (sin(x + 7*pi/3) = sin(x + pi/3)).

// A circular names one of the six circular functions for the tables below.
type circular uint8

const (
	cSin circular = iota
	cCos
	cTan
	cCot
	cSec
	cCsc
)

// piMultiple returns q when u is q*pi for a rational q (pi itself is 1*pi).
func piMultiple(u Expr) (Rat, bool) {
	if u == Pi {
		return RatInt(1), true
	}
	if p, ok := u.(*Product); ok && len(p.factors) == 2 && p.factors[1] == Pi {
		if c, ok := p.factors[0].(*Number); ok {
			return c.v, true
		}
	}
	return Rat{}, false
}

// reduceTurns returns q reduced by a whole number of periods into
// (-period/2, period/2], where period is 2 (for sin, cos, sec, csc) or 1
// (tan, cot), in units of pi.
func reduceTurns(q Rat, period int64) Rat {
	// r = q - period*ceil(q/period - 1/2)
	b := q.Big()
	t := new(big.Rat).Quo(b, big.NewRat(period, 1))
	t.Sub(t, big.NewRat(1, 2))
	k := new(big.Int).Quo(t.Num(), t.Denom()) // truncates toward zero
	if t.Sign() > 0 && !t.IsInt() {
		k.Add(k, big.NewInt(1)) // ceil for positive non-integers
	}
	r := new(big.Rat).Sub(b, new(big.Rat).SetInt(k.Mul(k, big.NewInt(period))))
	return RatFromBig(r)
}

// periodOf is the period of c in units of pi.
func periodOf(c circular) int64 {
	if c == cTan || c == cCot {
		return 1
	}
	return 2
}

// circularExact returns the exact function of c: its value at rational
// multiples of pi that have one, and its argument shifted by a multiple of
// pi reduced.
func circularExact(c circular) func(Expr) (Expr, bool) {
	return func(u Expr) (Expr, bool) {
		if q, ok := turns(u); ok {
			return circularAt(c, q)
		}
		if s, ok := u.(*Sum); ok {
			return circularShift(c, s)
		}
		return nil, false
	}
}

// turns returns q when u is q*pi (0 for 0).
func turns(u Expr) (Rat, bool) {
	if u == Zero {
		return RatInt(0), true
	}
	return piMultiple(u)
}

// circularAt is c(q*pi) when that is one of the classical values; nothing
// where c has a pole (tan(pi/2)) or the value is not classical.
func circularAt(c circular, q Rat) (Expr, bool) {
	num, den, ok := circularFraction(c, q)
	switch {
	case !ok || den == Zero:
		return nil, false
	case den == One:
		return num, true
	}
	return Div(num, den), true
}

// circularFraction is c(q*pi) as a numerator and a denominator, both
// classical values (sin(q*pi) over cos(q*pi) for tan), or false where
// they are not classical.
func circularFraction(c circular, q Rat) (num, den Expr, ok bool) {
	s, ok := sinTurns(q)
	if !ok {
		return nil, nil, false
	}
	co, _ := sinTurns(q.Add(NewRat(1, 2))) // cos(a) = sin(a + pi/2)
	switch c {
	case cSin:
		return s, One, true
	case cCos:
		return co, One, true
	case cTan:
		return s, co, true
	case cCot:
		return co, s, true
	case cSec:
		return One, co, true
	default: // cCsc
		return One, s, true
	}
}

// circularPole returns the pole test of c: whether u is 0 or a rational
// multiple of pi where the function's denominator (cos for tan and sec,
// sin for cot and csc) is exactly 0. Sin and cos have none.
func circularPole(c circular) func(Expr) bool {
	return func(u Expr) bool {
		q, ok := turns(u)
		if !ok {
			return false
		}
		_, den, ok := circularFraction(c, q)
		return ok && den == Zero
	}
}

// sinTurns is sin(q*pi) for q a multiple of 1/6 or 1/4.
func sinTurns(q Rat) (Expr, bool) {
	r := reduceTurns(q, 2) // (-1, 1]
	neg := r.Sign() < 0
	if neg {
		r = r.Neg()
	}
	if r.Cmp(NewRat(1, 2)) > 0 {
		r = RatInt(1).Sub(r) // sin(pi - a) = sin(a)
	}
	var v Expr
	switch {
	case r.Sign() == 0:
		return Zero, true
	case r.Equal(NewRat(1, 6)):
		v = Half
	case r.Equal(NewRat(1, 4)):
		v = Mul(Half, Sqrt(Two))
	case r.Equal(NewRat(1, 3)):
		v = Mul(Half, Sqrt(Int(3)))
	case r.Equal(NewRat(1, 2)):
		v = One
	default:
		return nil, false
	}
	if neg {
		v = Neg(v)
	}
	return v, true
}

// quarterShift[c][k] is c(a + k*pi/2) for k = 0..3 (k = 3 is -pi/2):
// the function it becomes and whether it changes sign.
var quarterShift = [6][4]struct {
	to  circular
	neg bool
}{
	cSin: {{cSin, false}, {cCos, false}, {cSin, true}, {cCos, true}},
	cCos: {{cCos, false}, {cSin, true}, {cCos, true}, {cSin, false}},
	cTan: {{cTan, false}, {cCot, true}, {cTan, false}, {cCot, true}},
	cCot: {{cCot, false}, {cTan, true}, {cCot, false}, {cTan, true}},
	cSec: {{cSec, false}, {cCsc, true}, {cSec, true}, {cCsc, false}},
	cCsc: {{cCsc, false}, {cSec, false}, {cCsc, true}, {cSec, true}},
}

// circularNames are the table names of the circular functions.
var circularNames = [6]string{"sin", "cos", "tan", "cot", "sec", "csc"}

// circularShift rewrites c(a + q*pi) for a sum with a term q*pi: a shift
// by a multiple of pi/2 becomes a call of a (sin(x + pi/2) = cos(x),
// tan(x + pi) = tan(x)), another shift is reduced into
// (-period/2, period/2] when that changes it.
func circularShift(c circular, s *Sum) (Expr, bool) {
	at := -1
	var q Rat
	for i, t := range s.terms {
		if m, ok := piMultiple(t); ok {
			at, q = i, m
			break
		}
	}
	if at < 0 {
		return nil, false
	}
	rest := make([]Expr, 0, len(s.terms)-1)
	rest = append(rest, s.terms[:at]...)
	rest = append(rest, s.terms[at+1:]...)
	a := Add(rest...)
	r := reduceTurns(q, periodOf(c))
	// k = 2r when that is a whole number: r is a multiple of 1/2.
	twice := r.Mul(RatInt(2))
	if !twice.IsInt() {
		if r.Equal(q) {
			return nil, false
		}
		return Apply(builtins[circularNames[c]], Add(a, Mul(newNumber(r), Pi))), true
	}
	k := (twice.Num64()%4 + 4) % 4
	sh := quarterShift[c][k]
	v := Apply(builtins[circularNames[sh.to]], a)
	if sh.neg {
		v = Neg(v)
	}
	return v, true
}

// inverseExact returns the exact function of the inverse of c (asin for
// sin, and so on): its value at the numbers whose angle is a classical
// multiple of pi. Those numbers are recognised by their squares, which
// are rational (sqrt(3)/2 squared is 3/4), and their signs.
func inverseExact(inverseOf circular) func(Expr) (Expr, bool) {
	return func(u Expr) (Expr, bool) {
		c := inverseOf
		sign, ok := radicalSign(u, 4)
		if !ok {
			return nil, false
		}
		if sign == 0 {
			return inverseAtZero(c)
		}
		switch c {
		case cSec, cCsc: // asec(u) = acos(1/u), acsc(u) = asin(1/u)
			u = Pow(u, MinusOne)
			if c == cSec {
				c = cCos
			} else {
				c = cSin
			}
		case cCot: // acot(u) = atan(1/u)
			u, c = Pow(u, MinusOne), cTan
		}
		sq, ok := Pow(u, Two).(*Number)
		if !ok {
			return nil, false
		}
		var turns Rat // the angle of |u|, in units of pi
		switch c {
		case cSin, cCos:
			t, ok := asinTurns(sq.v)
			if !ok {
				return nil, false
			}
			turns = t
		case cTan:
			t, ok := atanTurns(sq.v)
			if !ok {
				return nil, false
			}
			turns = t
		}
		if sign < 0 {
			turns = turns.Neg()
		}
		if c == cCos { // acos(u) = pi/2 - asin(u)
			turns = NewRat(1, 2).Sub(turns)
		}
		return Mul(newNumber(turns), Pi), true
	}
}

// inverseAtZero is the inverse of c at 0, where it is defined.
func inverseAtZero(c circular) (Expr, bool) {
	switch c {
	case cSin, cTan:
		return Zero, true
	case cCos, cCot:
		// acot(0) is pi/2: its values are in (-pi/2, pi/2], the jump at 0
		// taking the limit from the right.
		return Mul(Half, Pi), true
	}
	return nil, false
}

// asinTurns is asin(sqrt(sq))/pi for the classical squares.
func asinTurns(sq Rat) (Rat, bool) {
	for _, p := range [...]struct{ sq, turns Rat }{
		{NewRat(1, 4), NewRat(1, 6)},
		{NewRat(1, 2), NewRat(1, 4)},
		{NewRat(3, 4), NewRat(1, 3)},
		{RatInt(1), NewRat(1, 2)},
	} {
		if sq.Equal(p.sq) {
			return p.turns, true
		}
	}
	return Rat{}, false
}

// atanTurns is atan(sqrt(sq))/pi for the classical squares.
func atanTurns(sq Rat) (Rat, bool) {
	for _, p := range [...]struct{ sq, turns Rat }{
		{NewRat(1, 3), NewRat(1, 6)},
		{RatInt(1), NewRat(1, 4)},
		{RatInt(3), NewRat(1, 3)},
	} {
		if sq.Equal(p.sq) {
			return p.turns, true
		}
	}
	return Rat{}, false
}

// radicalSign returns the sign of u when u is a number, a power of a
// positive number, or a product of at most maxFactors of those: the
// constants the inverse functions have exact values at.
func radicalSign(u Expr, maxFactors int) (int, bool) {
	switch u := u.(type) {
	case *Number:
		if u.v.IsBig() {
			return 0, false
		}
		return u.v.Sign(), true
	case *Power:
		if b, ok := u.base().(*Number); ok && b.v.Sign() > 0 {
			if _, ok := u.exp().(*Number); ok {
				return 1, true
			}
		}
	case *Product:
		if len(u.factors) > maxFactors {
			return 0, false
		}
		sign := 1
		for _, f := range u.factors {
			s, ok := radicalSign(f, 0)
			if !ok || s == 0 {
				return 0, false
			}
			sign *= s
		}
		return sign, true
	}
	return 0, false
}
