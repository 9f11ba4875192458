package symbolic

import (
	"math/rand/v2"
	"testing"
)

// referenceShared is SharedFormatter.Format as it was before the monomial
// shapes: e/k and -e/k built for every short sum and looked for.
func referenceShared(others []Expr, e Expr) string {
	s, ok := e.(*Sum)
	if !ok || len(s.terms) > maxSharedTerms {
		return Format(e)
	}
	sums := map[Expr]bool{}
	for _, o := range others {
		Walk(o, func(n Expr) {
			if _, ok := n.(*Sum); ok {
				sums[n] = true
			}
		})
	}
	k := sumContent(s)
	p := Mul(newNumber(k.Inv()), e)
	occurs := func(x Expr) bool { return x != e && sums[x] }
	switch {
	case !k.Is(1) && occurs(p):
	case occurs(Neg(p)):
		k, p = k.Neg(), Neg(p)
	default:
		return Format(e)
	}
	if k.Is(1) {
		return Format(e)
	}
	return multipleText(k, Format(p))
}

// The monomial shapes only skip sums that have no multiple among the
// others: on random sums of a few monomials, beside others that hold
// multiples of some of them, other sums of the same monomials, and the sum
// itself, Format writes what the reference does.
func TestSharedFormatterShapes(t *testing.T) {
	x, y, z := Sym("x"), Sym("y"), Sym("z")
	monos := []Expr{x, y, Mul(x, y), Pow(z, Int(2)), Apply(Exp, x), Mul(y, Apply(Exp, z))}
	rng := rand.New(rand.NewPCG(9, 10))
	sum := func() Expr {
		var ts []Expr
		for _, m := range monos {
			if rng.IntN(2) == 0 {
				ts = append(ts, Mul(Int(int64(rng.IntN(7)-3)), m))
			}
		}
		if rng.IntN(2) == 0 {
			ts = append(ts, Int(int64(rng.IntN(5)-2)))
		}
		return Add(ts...)
	}
	differ := 0
	for range 2000 {
		e := sum()
		var others []Expr
		for range rng.IntN(4) {
			switch rng.IntN(4) {
			case 0: // a multiple of e inside a product
				others = append(others, Mul(z, Mul(Int(int64(rng.IntN(5)-2)), e)))
			case 1: // another sum, perhaps of the same monomials
				others = append(others, Apply(Exp, sum()))
			case 2: // e itself
				others = append(others, e)
			default:
				others = append(others, Mul(x, sum()))
			}
		}
		got := NewSharedFormatter(others...).Format(e)
		want := referenceShared(others, e)
		if got != want {
			t.Fatalf("SharedFormatter(%v).Format(%v) = %q, the reference %q", others, e, got, want)
		}
		if got != Format(e) {
			differ++
		}
	}
	if differ < 50 {
		t.Fatalf("only %d of 2000 sums printed as a multiple: the test does not reach the shared case", differ)
	}
}
