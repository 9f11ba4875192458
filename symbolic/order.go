package symbolic

import "strings"

// Compare is the canonical total order of expressions, used to sort the
// operands of sums and products. It depends only on structure, so the
// order, and therefore the printed output, is the same in every run.
//
// Numbers come first (by value), then the constants, then variables (by
// name), then products, calls and sums. A power is compared through its base
// first and its exponent second, and any other expression x as x^1, so that
// x, x^2 and y sort as x*x^2... never meet in a product but x^2*y does come
// out in the order a mathematician writes it.
func Compare(a, b Expr) int {
	if a == b {
		return 0
	}
	ab, ae := baseExp(a)
	bb, be := baseExp(b)
	if ab != bb {
		return compareBase(ab, bb)
	}
	return Compare(ae, be)
}

func rank(x Expr) int {
	switch x := x.(type) {
	case *Number:
		return 0
	case *Symbol:
		if x.constant {
			return 1
		}
		return 2
	case *Product:
		return 3
	case *Call:
		return 4
	case *Sum:
		return 5
	case *Power:
		return 6 // only as the base of a power with a non-integer exponent
	}
	panic(x)
}

func compareBase(a, b Expr) int {
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	switch a := a.(type) {
	case *Number:
		return a.v.cmp(b.(*Number).v)
	case *Symbol:
		return strings.Compare(a.name, b.(*Symbol).name)
	case *Product:
		return compareLists(a.factors, b.(*Product).factors)
	case *Sum:
		return compareLists(a.terms, b.(*Sum).terms)
	case *Call:
		b := b.(*Call)
		if a.fn != b.fn {
			if c := strings.Compare(a.fn.Name, b.fn.Name); c != 0 {
				return c
			}
			return strings.Compare(a.fn.key(), b.fn.key())
		}
		return compareLists(a.args, b.args)
	case *Power:
		b := b.(*Power)
		if c := Compare(a.base, b.base); c != 0 {
			return c
		}
		return Compare(a.exp, b.exp)
	}
	panic(a)
}

func compareLists(a, b []Expr) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}
