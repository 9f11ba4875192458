package symbolic_test

import (
	"strconv"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// longOperands are the operands of the long sums and products that a
// large input's top level makes (parser.BenchmarkParse1MB's shapes): the
// terms of an expanded polynomial in three variables, products of two
// distinct symbols, and sums of a symbol and a number.
func longOperands() []struct {
	name string
	add  bool
	xs   []symbolic.Expr
} {
	x, y, z := symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("z")
	var poly, syms, sums []symbolic.Expr
	for i := range 42000 {
		poly = append(poly, symbolic.Mul(symbolic.Int(int64(i%97-48)),
			symbolic.Pow(x, symbolic.Int(int64(i%40))), symbolic.Pow(y, symbolic.Int(int64(i/40%40))), symbolic.Pow(z, symbolic.Int(int64(i/1600)))))
	}
	for i := range 66000 {
		s := strconv.Itoa(i)
		syms = append(syms, symbolic.Mul(symbolic.Sym("a"+s), symbolic.Sym("b"+s)))
	}
	for i := range 80000 {
		sums = append(sums, symbolic.Add(symbolic.Sym("a"+strconv.Itoa(i)), symbolic.Int(int64(i%7+1))))
	}
	return []struct {
		name string
		add  bool
		xs   []symbolic.Expr
	}{{"poly", true, poly}, {"symbols", true, syms}, {"sums", false, sums}}
}

// BenchmarkLongOperands times Add (Mul) of each of longOperands: the
// collection of like terms (powers), their sort and the node's hash.
//
//	go test ./symbolic -run '^$' -bench LongOperands
func BenchmarkLongOperands(b *testing.B) {
	for _, c := range longOperands() {
		mk := symbolic.Mul
		if c.add {
			mk = symbolic.Add
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				_ = mk(c.xs...)
			}
		})
	}
}
