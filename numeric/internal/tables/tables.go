// Package tables computes the tables of package numeric's expfast and
// sincosfast from their definition, with 200-bit arithmetic (package
// bigmath), and encodes them as numeric embeds them (tables.bin, written
// by numeric's go:generate program gentables.go). It is the one source of
// those numbers: numeric's TestTables requires the embedded file to be
// exactly what this package computes.
package tables

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"

	"github.com/symdiff/symdiff/internal/bigmath"
)

// prec is the working precision in bits: far beyond the 106 bits of a
// float64 and its rounding error, so that every rounding to float64 is
// the correct one.
const prec = 200

func nf() *big.Float { return new(big.Float).SetPrec(prec) }

// split returns v rounded to float64 and the float64 of the remainder.
func split(v *big.Float) (h, l float64) {
	h, _ = v.Float64()
	l, _ = nf().Sub(v, nf().SetFloat64(h)).Float64()
	return h, l
}

// Ln2N returns ln2/N (N = 2^bits) as hi + lo: hi has its low 17 bits
// zero, so that k*hi is exact for |k| < 2^17, and lo is the float64 of
// the rest.
func Ln2N(bits uint) (hi, lo float64) {
	ln2, _ := bigmath.Log(nf().SetInt64(2), prec)
	ln2N := ln2.SetMantExp(ln2, -int(bits))
	f, _ := ln2N.Float64()
	hi = math.Float64frombits(math.Float64bits(f) &^ (1<<17 - 1))
	lo, _ = nf().Sub(ln2N, nf().SetFloat64(hi)).Float64()
	return hi, lo
}

// Exp returns the table of expfast for N = 2^bits: for j < N, at 2j the
// relative rounding error T[j] of H[j] = 2^(j/N) rounded to float64, at
// 2j+1 H[j] with j << (52 - bits) subtracted from its bits, so that
// adding k << (52 - bits) (k = j mod N) to them gives H[j]*2^floor(k/N).
func Exp(bits uint) []float64 {
	n := 1 << bits
	tab := make([]float64, 2*n)
	for j := range n {
		v := bigmath.Pow(nf().SetInt64(2), nf().Quo(nf().SetInt64(int64(j)), nf().SetInt64(int64(n))), prec)
		h, _ := v.Float64()
		hb := nf().SetFloat64(h)
		tab[2*j], _ = nf().Quo(nf().Sub(v, hb), hb).Float64()
		tab[2*j+1] = math.Float64frombits(math.Float64bits(h) - uint64(j)<<(52-bits))
	}
	return tab
}

// Trig returns the table of sincosfast for N = 2^bits nodes a turn: for
// j < N, at 4j to 4j+3 sin(j*2pi/N) and the float64 of its rounding
// error, cos(j*2pi/N) and its rounding error. The nodes past the first
// quarter come from the first by symmetry, so that the zeros and ones are
// exact and the table is symmetric to the bit.
func Trig(bits uint) []float64 {
	n := 1 << bits
	q := n / 4
	s := make([][2]float64, q+1)
	c := make([][2]float64, q+1)
	pi := bigmath.Pi(prec)
	for j := 1; j < q; j++ {
		a := nf().Quo(nf().Mul(pi, nf().SetInt64(int64(j))), nf().SetInt64(int64(n/2)))
		sv, _ := bigmath.Sin(a, prec)
		cv, _ := bigmath.Cos(a, prec)
		s[j][0], s[j][1] = split(sv)
		c[j][0], c[j][1] = split(cv)
	}
	c[0], s[q] = [2]float64{1, 0}, [2]float64{1, 0}
	neg := func(v [2]float64) [2]float64 { return [2]float64{-v[0], -v[1]} }
	tab := make([]float64, 4*n)
	for j := range n {
		var sj, cj [2]float64
		switch i := j % q; j / q {
		case 0:
			sj, cj = s[i], c[i]
		case 1:
			sj, cj = c[i], neg(s[i])
		case 2:
			sj, cj = neg(s[i]), neg(c[i])
		case 3:
			sj, cj = neg(c[i]), s[i]
		}
		copy(tab[4*j:], []float64{sj[0], sj[1], cj[0], cj[1]})
	}
	return tab
}

// Encode returns the tables one after the other, each float64 as its
// eight bits little-endian.
func Encode(tabs ...[]float64) []byte {
	var b []byte
	for _, t := range tabs {
		for _, v := range t {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	return b
}

// Decode fills the tables from b, as Encode wrote them; it fails unless
// b holds exactly their values.
func Decode(b []byte, tabs ...[]float64) error {
	for _, t := range tabs {
		for i := range t {
			if len(b) < 8 {
				return fmt.Errorf("tables: data too short")
			}
			t[i] = math.Float64frombits(binary.LittleEndian.Uint64(b))
			b = b[8:]
		}
	}
	if len(b) != 0 {
		return fmt.Errorf("tables: %d bytes beyond the tables", len(b))
	}
	return nil
}
