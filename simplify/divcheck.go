package simplify

// This file is a cheap necessary test for the normaliser's exact division
// (polyDiv): if b divides a in Q[x1, ..., xn], then for every assignment
// of numbers to all variables but one, v, the images of a and b in Z_p[v]
// (p prime, the other variables replaced by fixed residues) still divide,
// b's image times q's. A remainder that is not zero there proves that b
// does not divide a, at the cost of one univariate division of small
// degree, where polyDiv's own loop builds and sorts the whole remainder at
// every step. The test may be inconclusive (a denominator or b's leading
// coefficient vanishing mod p); it then says "may divide".

const divPrime = 2147483647 // 2^31 - 1

// maxDivDegree bounds the degree in v of the univariate images.
const maxDivDegree = 512

// mayDivideMod reports whether b may divide a (false only if it cannot).
func mayDivideMod(a, b poly) bool {
	if len(b) == 0 || len(b[0].m) == 0 {
		return true
	}
	v := b[0].m[0].v // a variable of b's leading term
	pa, ok1 := imageMod(a, v)
	pb, ok2 := imageMod(b, v)
	if !ok1 || !ok2 {
		return true
	}
	for len(pb) > 0 && pb[len(pb)-1] == 0 {
		pb = pb[:len(pb)-1]
	}
	if len(pb) == 0 {
		return true // b's image is 0: inconclusive
	}
	// Remainder of pa by pb in Z_p[v].
	inv := powMod(pb[len(pb)-1], divPrime-2)
	for i := len(pa) - 1; i >= len(pb)-1; i-- {
		c := pa[i] * inv % divPrime
		if c == 0 {
			continue
		}
		for j := range pb {
			k := i - (len(pb) - 1) + j
			pa[k] = (pa[k] + divPrime - c*pb[j]%divPrime) % divPrime
		}
	}
	for _, c := range pa[:min(len(pa), len(pb)-1)] {
		if c != 0 {
			return false
		}
	}
	return true
}

// imageMod returns p with every variable but v replaced by a fixed residue
// (its index's, spread by a multiplier) as coefficients of v^0, v^1, ...
// mod divPrime; false if that cannot be done (a big coefficient, a
// denominator divisible by the prime, a negative or large degree).
func imageMod(p poly, v int) ([]int64, bool) {
	deg := 0
	for _, t := range p {
		e := expOf(t.m, v)
		if e < 0 || e > maxDivDegree {
			return nil, false
		}
		deg = max(deg, e)
	}
	out := make([]int64, deg+1)
	for _, t := range p {
		if t.c.IsBig() {
			return nil, false
		}
		num := ((t.c.Num64() % divPrime) + divPrime) % divPrime
		den := t.c.Den64() % divPrime
		if den == 0 {
			return nil, false
		}
		c := num * powMod(den, divPrime-2) % divPrime
		for _, x := range t.m {
			if x.v == v {
				continue
			}
			if x.e < 0 {
				return nil, false
			}
			r := int64(x.v)*7919 + 104729 // a residue per variable
			c = c * powMod(r%divPrime, int64(x.e)) % divPrime
		}
		e := expOf(t.m, v)
		out[e] = (out[e] + c) % divPrime
	}
	return out, true
}

// powMod returns b^e mod divPrime (b in [0, divPrime)).
func powMod(b, e int64) int64 {
	r := int64(1)
	b %= divPrime
	for e > 0 {
		if e&1 == 1 {
			r = r * b % divPrime
		}
		b = b * b % divPrime
		e >>= 1
	}
	return r
}
