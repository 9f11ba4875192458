package symbolic

import "strings"

// Compare is the canonical total order of expressions, used to sort the
// operands of sums and products. It depends only on structure, so the
// order, and therefore the printed output, is the same in every run.
//
// Numbers come first (by value), then the constants, then variables (by
// name), then products, calls and sums. A power is compared through its base
// first and its exponent second, and any other expression x as x^1, so that
// a product reads x^2*y and x*y^2, as a mathematician writes it.
//
// The order looks at most compareDepth levels into an expression; below
// that it orders by the structural hash (and, in the astronomically rare
// case of equal hashes, by the full structure). That keeps a comparison
// O(1) however deep the expressions are, which matters for the long
// products of chain-rule factors, and the order is still total,
// deterministic and independent of the order in which nodes were built.
func Compare(a, b Expr) int { return compareAt(a, b, compareDepth) }

const compareDepth = 3

// compareAt compares a and b looking depth levels deep; depth < 0 means
// without limit.
func compareAt(a, b Expr, depth int) int {
	if identical(a, b) {
		return 0
	}
	ab, ae := baseExp(a)
	bb, be := baseExp(b)
	if !identical(ab, bb) {
		return compareBase(ab, bb, depth)
	}
	return compareAt(ae, be, depth)
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

func compareBase(a, b Expr, depth int) int {
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	switch a.(type) {
	case *Product, *Sum, *Call, *Power:
		if depth == 0 {
			ha, hb := a.hdr().hash, b.hdr().hash
			switch {
			case ha < hb:
				return -1
			case ha > hb:
				return 1
			}
			depth = -1 // equal hashes: compare the whole structure
		}
	}
	depth--
	switch a := a.(type) {
	case *Number:
		return a.v.Cmp(b.(*Number).v)
	case *Symbol:
		return strings.Compare(a.name, b.(*Symbol).name)
	case *Product:
		return compareLists(a.factors, b.(*Product).factors, depth)
	case *Sum:
		return compareLists(a.terms, b.(*Sum).terms, depth)
	case *Call:
		b := b.(*Call)
		if a.fn != b.fn {
			if c := strings.Compare(a.fn.Name, b.fn.Name); c != 0 {
				return c
			}
			return strings.Compare(a.fn.key(), b.fn.key())
		}
		return compareLists(a.args, b.args, depth)
	case *Power:
		b := b.(*Power)
		if c := compareAt(a.base(), b.base(), depth); c != 0 {
			return c
		}
		return compareAt(a.exp(), b.exp(), depth)
	}
	panic(a)
}

func compareLists(a, b []Expr, depth int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compareAt(a[i], b[i], depth); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}
