package symbolic

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNegatedProduct checks that negatedProduct writes a negative term
// of a sum as the printer writes the term negated (Neg), on the negative
// products of random expressions and on coefficients -1, fractions and
// numeric radicals (which it leaves to Neg).
func TestNegatedProduct(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	x, y := Sym("x"), Sym("y")
	terms := []Expr{
		Mul(Int(-1), x, y), Mul(Int(-1), x), Mul(Int(-1), Add(x, y), y), Mul(Frac(-3, 2), x),
		Mul(Frac(-1, 3), Pow(x, Int(-2))), Mul(Int(-2), Pow(Int(2), Frac(1, 2)), x),
		Mul(Int(-1), Pow(Add(x, Int(1)), Int(-1))), Mul(Int(-7), Apply(Exp, x), Pow(y, Frac(1, 2))),
	}
	for range 12000 {
		e := randomExpr(r, 3)
		Walk(e, func(n Expr) {
			if p, ok := n.(*Product); ok && HasNegativeSign(p) {
				terms = append(terms, p)
			}
		})
	}
	checked := 0
	for _, term := range terms {
		p, ok := term.(*Product)
		if !ok || !HasNegativeSign(p) {
			continue
		}
		var got, want strings.Builder
		if !(&printer{b: &got}).negatedProduct(p) {
			continue
		}
		(&printer{b: &want}).expr(Neg(p), PrecProduct)
		if got.String() != want.String() {
			t.Fatalf("-(%v) written %q, want %q", p, got.String(), want.String())
		}
		checked++
	}
	if checked < 500 {
		t.Fatalf("only %d negative products checked", checked)
	}
}
