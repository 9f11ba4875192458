package symbolic

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/symdiff/symdiff/internal/arith"
)

// Numeric radicals: the canonical form of a product of a rational number
// and powers of positive rationals with rational exponents, such as
// sqrt(12), 2^(3/2), sqrt(2)/2 or sqrt(6)/sqrt(3).
//
// The value of such a product is c * p1^t1 * ... * pn^tn for a rational c
// and distinct primes p with rational exponents t. Each t is split into
// its integer part, rounded down, which goes into the coefficient, and its
// fractional part f (0 < f < 1), which stays on the prime; the primes
// whose fractions have the same denominator q share one power,
// (p1^(k1/g) * p2^(k2/g))^(g/q) with g the gcd of the numerators k. That is
// SymPy's form. Then a power goes to the denominator (its exponents less
// one, the coefficient times its primes) when the product of its primes
// divides the coefficient's denominator, so that the inverse of a radical
// reads as one: sqrt(2)/2, sqrt(1/2) and 1/sqrt(2) are all 2^(-1/2), as
// x^(-1/2) is 1/sqrt(x), while sqrt(6)/4 and sqrt(3)/2 stay. So sqrt(12)
// is 2*sqrt(3), 2^(3/2) is 2*sqrt(2), sqrt(2)*sqrt(3) is sqrt(6),
// sqrt(6)/sqrt(3) is sqrt(2), sqrt(2)*sqrt(8) is 4, sqrt(3)/sqrt(2) is
// sqrt(6)/2, 3*sqrt(2)/2 is 3/sqrt(2), 4^(1/3) is 2^(2/3), (1/4)^(1/3)
// is 2^(-2/3) and 2^(1/3)*3^(2/3) is 18^(1/3). The primes of different
// powers are distinct, so the order in which the powers are looked at
// does not change the result.
//
// Bases are factored by trial division by the primes below radicalPrimeMax
// only, so the work is bounded: what remains of a base after those primes
// is treated as one prime (it is one when it is below radicalPrimeMax^2;
// a square or a cube of one is seen as such). Equal values give the same
// node whenever their bases factor that way. Bases and exponents that do
// not fit in 64 bits are left alone, and so is a product whose canonical
// form would need a number beyond the bound on exact numbers.

// radicalPrimeMax bounds the primes by which radical bases are divided.
const radicalPrimeMax = 1000

// radicalPrimes are the primes below radicalPrimeMax.
var radicalPrimes = func() []uint64 {
	var ps []uint64
	composite := make([]bool, radicalPrimeMax)
	for i := uint64(2); i < radicalPrimeMax; i++ {
		if composite[i] {
			continue
		}
		ps = append(ps, i)
		for j := i * i; j < radicalPrimeMax; j += i {
			composite[j] = true
		}
	}
	return ps
}()

// numRadical reports whether x is a numeric radical that the canonical
// form of products handles: a power of a positive rational that fits in
// 64 bits to a non-integer exponent that does too.
func numRadical(x Expr) (*Power, bool) {
	p, ok := x.(*Power)
	if !ok {
		return nil, false
	}
	b, ok := p.base().(*Number)
	if !ok || b.v.IsBig() || b.v.Sign() <= 0 {
		return nil, false
	}
	e, ok := p.exp().(*Number)
	if !ok || e.v.IsBig() || e.v.IsInt() {
		return nil, false
	}
	return p, true
}

// radAtom is a prime (or a part of a base that trial division did not
// split) with its exponent.
type radAtom struct {
	p uint64
	t Rat
}

// radicals accumulates the atoms of a product of numeric radicals. Its
// methods take and return it by value (as collector's do), so that atoms
// starting in an array on the caller's stack stay there.
type radicals struct {
	atoms []radAtom
	// unsure is whether an atom is a part of a base that trial division
	// did not split and that is not below radicalPrimeMax^2: maybe not a
	// prime.
	unsure bool
}

// add adds p^(k*e) to the product.
func (r radicals) add(p uint64, k int64, e Rat) radicals {
	t := e
	if k != 1 {
		t = e.Mul(RatInt(k))
	}
	for i := range r.atoms {
		if r.atoms[i].p == p {
			r.atoms[i].t = r.atoms[i].t.Add(t)
			return r
		}
	}
	r.atoms = append(r.atoms, radAtom{p, t})
	return r
}

// addInt adds n^e for an integer n >= 1, factored by trial division.
func (r radicals) addInt(n uint64, e Rat) radicals {
	for _, p := range radicalPrimes {
		if p*p > n {
			break
		}
		if n%p != 0 {
			continue
		}
		k := int64(0)
		for n%p == 0 {
			n /= p
			k++
		}
		r = r.add(p, k, e)
	}
	if n > 1 {
		// What is left has no factor below radicalPrimeMax: a prime if
		// below radicalPrimeMax^2, else maybe a square or a cube of one
		// (rarely anything else a radical meets).
		k := int64(1)
		for n >= radicalPrimeMax*radicalPrimeMax {
			if s, ok := exactRoot(n, 2); ok {
				n, k = s, 2*k
			} else if c, ok := exactRoot(n, 3); ok {
				n, k = c, 3*k
			} else {
				break
			}
		}
		r.unsure = r.unsure || n >= radicalPrimeMax*radicalPrimeMax
		r = r.add(n, k, e)
	}
	return r
}

// exactRoot returns the q-th root of n (q = 2 or 3) if n is a q-th power.
func exactRoot(n uint64, q int) (uint64, bool) {
	var f float64
	if q == 2 {
		f = math.Sqrt(float64(n))
	} else {
		f = math.Cbrt(float64(n))
	}
	r := uint64(f)
	for _, c := range [...]uint64{r - 1, r, r + 1} {
		if c < 2 {
			continue
		}
		p, overflow := uint64(1), false
		for range q {
			hi, lo := bits.Mul64(p, c)
			if hi != 0 {
				overflow = true
				break
			}
			p = lo
		}
		if !overflow && p == n {
			return c, true
		}
	}
	return 0, false
}

// addPower adds b^e for a positive rational b held small.
func (r radicals) addPower(b, e Rat) radicals {
	r = r.addInt(uint64(b.Num64()), e)
	if d := b.Den64(); d != 1 {
		r = r.addInt(uint64(d), e.Neg())
	}
	return r
}

// frac is a prime with the fractional part of its exponent.
type frac struct {
	f Rat
	p uint64
}

// radicand returns the base and the exponent's numerator of the power
// that is the product of the p^f of fs, whose exponents f have one sign
// and one denominator q: p1^(k1/q) * p2^(k2/q) is (p1^(k1/g) *
// p2^(k2/g))^(g/q) for g the gcd of the k (21^(2/3), not 441^(1/3)). It
// reports false if the base does not fit in an int64.
func radicand(fs []frac) (b, g int64, ok bool) {
	for _, x := range fs {
		g = arith.GCD(g, x.f.Num64())
	}
	if g < 0 {
		g = -g
	}
	u := uint64(1)
	for _, x := range fs {
		k := x.f.Num64() / g
		if k < 0 {
			k = -k
		}
		for range k {
			hi, lo := bits.Mul64(u, x.p)
			if hi != 0 || lo > math.MaxInt64 {
				return 0, 0, false
			}
			u = lo
		}
	}
	return int64(u), g, true
}

// canonical returns the canonical form of c times the product as a
// coefficient and the radical factors (Powers, in no particular order,
// appended to fs). It reports false when that needs a number of more than
// maxBits bits.
func (r radicals) canonical(c Rat, fs []Expr, maxBits int) (Rat, []Expr, bool) {
	var buf [8]frac
	fracs := buf[:0]
	for _, a := range r.atoms {
		if a.t.Sign() == 0 {
			continue
		}
		v := valuation(c, a.p)
		t := a.t.Add(RatInt(v))
		k, f := floorRat(t)
		if k.IsBig() || f.IsBig() {
			return c, fs, false
		}
		if d := k.Num64() - v; d != 0 {
			pk, ok := ratUint(a.p).PowInt(d, maxBits)
			if !ok {
				return c, fs, false
			}
			c = c.Mul(pk)
			if c.bitLen() > maxBits {
				return c, fs, false
			}
		}
		if f.Sign() != 0 {
			fracs = append(fracs, frac{f, a.p})
		}
	}
	// Group by denominator: the primes of a group multiply into one power
	// (radicand) while its base fits in 63 bits; a group whose base would
	// not stays one power a prime.
	slices.SortFunc(fracs, func(x, y frac) int {
		if c := cmp.Compare(x.f.Den64(), y.f.Den64()); c != 0 {
			return c
		}
		return cmp.Compare(x.p, y.p)
	})
	for i := 0; i < len(fracs); {
		j := i + 1
		for j < len(fracs) && fracs[j].f.Den64() == fracs[i].f.Den64() {
			j++
		}
		group := fracs[i:j]
		// The group goes to the denominator when the product of its
		// primes divides the coefficient's denominator: sqrt(2)/2 is
		// 1/sqrt(2), sqrt(6)/6 is 1/sqrt(6), while sqrt(6)/4 stays.
		if rad, ok := primeProduct(group); ok && divides(rad, c) {
			c = c.Mul(RatInt(rad))
			for k := range group {
				group[k].f = group[k].f.Sub(RatInt(1))
			}
		}
		if b, g, ok := radicand(group); ok {
			e := NewRat(int64(group[0].f.Sign())*g, group[0].f.Den64())
			fs = append(fs, newPower(newNumber(RatInt(b)), newNumber(e)))
		} else {
			for _, x := range group {
				fs = append(fs, newPower(newNumber(ratUint(x.p)), newNumber(x.f)))
			}
		}
		i = j
	}
	return c, fs, true
}

// primeProduct returns the product of the primes of fs if it fits in an
// int64.
func primeProduct(fs []frac) (int64, bool) {
	u := uint64(1)
	for _, x := range fs {
		hi, lo := bits.Mul64(u, x.p)
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		u = lo
	}
	return int64(u), true
}

// divides reports whether n divides the denominator of c.
func divides(n int64, c Rat) bool {
	if !c.IsBig() {
		return c.Den64()%n == 0
	}
	return new(big.Int).Rem(c.b.Denom(), big.NewInt(n)).Sign() == 0
}

// ratUint returns the integer n.
func ratUint(n uint64) Rat {
	if int64(n) >= 0 {
		return RatInt(int64(n))
	}
	return RatFromBig(new(big.Rat).SetInt(new(big.Int).SetUint64(n)))
}

// floorRat splits t into its integer part k, rounded down, and its
// fractional part f: t = k + f, 0 <= f < 1.
func floorRat(t Rat) (k, f Rat) {
	if !t.IsBig() {
		n, d := t.Num64(), t.Den64()
		q := n / d
		if n%d != 0 && n < 0 {
			q--
		}
		k = RatInt(q)
	} else {
		k = RatFromBig(new(big.Rat).SetInt(new(big.Int).Div(t.b.Num(), t.b.Denom())))
	}
	return k, t.Sub(k)
}

// valuation returns the exponent of p in the rational c: the number of
// times p divides its numerator, or minus the number of times it divides
// its denominator (p >= 2).
func valuation(c Rat, p uint64) int64 {
	if !c.IsBig() {
		n := c.Num64()
		u := uint64(n)
		if n < 0 {
			u = -u // |MinInt64| is 1<<63, as a uint64
		}
		if v := valUint(u, p); v != 0 {
			return v
		}
		return -valUint(uint64(c.Den64()), p)
	}
	pb := new(big.Int).SetUint64(p)
	if v := valBig(c.b.Num(), pb); v != 0 {
		return v
	}
	return -valBig(c.b.Denom(), pb)
}

func valUint(n, p uint64) int64 {
	v := int64(0)
	for n != 0 && n%p == 0 {
		n /= p
		v++
	}
	return v
}

func valBig(n, p *big.Int) int64 {
	v := int64(0)
	q, m := new(big.Int), new(big.Int)
	n = new(big.Int).Abs(n)
	for n.Sign() != 0 {
		q.QuoRem(n, p, m)
		if m.Sign() != 0 {
			break
		}
		n, q = q, n
		v++
	}
	return v
}

// powRadical returns the canonical form of b^e for a positive rational b
// and a non-integer rational e, both held small, or nil when it needs a
// number of more than maxBits bits. It reports whether the form is sure
// to be rational when the value is: false when a part of the base that
// trial division did not split may be a perfect power.
func powRadical(b, e Rat, maxBits int) (Expr, bool) {
	var buf [8]radAtom
	r := radicals{atoms: buf[:0]}.addPower(b, e)
	var fbuf [4]Expr
	c, fs, ok := r.canonical(RatInt(1), fbuf[:0], maxBits)
	if !ok {
		return nil, false
	}
	return radicalProduct(c, fs), !r.unsure
}

// mulRadicals returns the canonical form of c times the numeric radicals
// rads as a coefficient and radical factors appended to fs, or false when
// that needs a number beyond MaxNumberBits. It is Mul's, apart so that
// Mul's frame does not hold its array.
func mulRadicals(c Rat, rads []*Power, fs []Expr) (Rat, []Expr, bool) {
	var buf [8]radAtom
	r := radicals{atoms: buf[:0]}
	for _, p := range rads {
		r = r.addPower(p.base().(*Number).v, p.exp().(*Number).v)
	}
	return r.canonical(c, fs, MaxNumberBits)
}

// mergeRadicals merges the numeric radicals rads as Mul merges other
// powers of one base (mergePowers), for a product too large for the
// canonical form.
func mergeRadicals(rads []*Power, keep func(b, f Expr)) {
	done := make([]bool, len(rads))
	for i, p := range rads {
		if done[i] {
			continue
		}
		fs := []Expr{p}
		for j := i + 1; j < len(rads); j++ {
			if !done[j] && rads[j].base() == p.base() {
				fs = append(fs, rads[j])
				done[j] = true
			}
		}
		if len(fs) == 1 {
			keep(p.base(), p)
		} else {
			mergePowers(p.base(), fs, keep)
		}
	}
}

// radicalProduct returns the product of the coefficient c and the
// canonical radical factors fs, which it may reorder.
func radicalProduct(c Rat, fs []Expr) Expr {
	switch {
	case len(fs) == 0:
		return newNumber(c)
	case len(fs) == 1 && c.Is(1):
		return fs[0]
	}
	sortExprs(fs)
	if c.Is(1) {
		return newProductOf(fs)
	}
	var buf [5]Expr
	return newProductOf(append(append(buf[:0], newNumber(c)), fs...))
}

// hasRadical reports whether the canonical factors fs (without a
// coefficient) include a numeric radical. Powers of numbers sort first
// (Compare), so it looks at those only.
func hasRadical(fs []Expr) bool {
	for _, f := range fs {
		p, ok := f.(*Power)
		if !ok {
			return false
		}
		if _, ok := p.base().(*Number); !ok {
			return false
		}
		if _, ok := numRadical(p); ok {
			return true
		}
	}
	return false
}

// restHasRadical is hasRadical for a term's rest, a product without a
// coefficient or a single factor.
func restHasRadical(rest Expr) bool {
	switch r := rest.(type) {
	case *Power:
		_, ok := numRadical(r)
		return ok
	case *Product:
		return hasRadical(r.factors)
	}
	return false
}

// isRadicalFactor reports whether f is a numeric radical.
func isRadicalFactor(f Expr) bool {
	_, ok := numRadical(f)
	return ok
}
