package simplify

import "github.com/symdiff/symdiff/symbolic"

// provesSign reports whether e op 0 is proved by a simple sign analysis
// (op is one of > >= < <= !=). It never claims what it cannot prove.
func provesSign(e symbolic.Expr, op string) bool {
	s := signOf(e)
	switch op {
	case ">":
		return s == signPos
	case ">=":
		return s == signPos || s == signNonNeg || s == signZero
	case "<":
		return s == signNeg
	case "<=":
		return s == signNeg || s == signNonPos || s == signZero
	case "!=":
		return s == signPos || s == signNeg
	}
	return false
}

type signKind uint8

const (
	signUnknown signKind = iota
	signPos
	signNeg
	signZero
	signNonNeg
	signNonPos
)

// signOf returns what is known about the sign of e for every real value of
// its variables where e is defined.
func signOf(e symbolic.Expr) signKind {
	switch e := e.(type) {
	case *symbolic.Number:
		switch e.Sign() {
		case 1:
			return signPos
		case -1:
			return signNeg
		}
		return signZero
	case *symbolic.Symbol:
		if e.IsConstant() {
			return signPos
		}
		return signUnknown
	case *symbolic.Call:
		// What the function table's row knows about the sign of f's values.
		switch e.Func().Range {
		case symbolic.RangePositive:
			return signPos
		case symbolic.RangeNonNegative:
			return signNonNeg
		case symbolic.RangeSignOfArg:
			if len(e.Args()) == 1 {
				return signOf(e.Arg())
			}
		}
		return signUnknown
	case *symbolic.Power:
		if k, ok := e.Exp().(*symbolic.Number); ok {
			bs := signOf(e.Base())
			if bs == signPos {
				return signPos
			}
			if k.IsInt() {
				n, _ := k.Int64()
				if n%2 == 0 {
					if bs == signNeg {
						return signPos
					}
					return signNonNeg
				}
				return bs
			}
			// A root of a defined base is non-negative.
			return signNonNeg
		}
		if signOf(e.Base()) == signPos {
			return signPos
		}
		return signUnknown
	case *symbolic.Sum:
		return foldSigns(e.Terms(), signZero, addSigns)
	case *symbolic.Product:
		return foldSigns(e.Factors(), signPos, mulSigns)
	}
	return signUnknown
}

// foldSigns combines the signs of es with op, starting from start (the
// sign of an empty sum or product), and stops at the first unknown.
func foldSigns(es []symbolic.Expr, start signKind, op func(a, b signKind) signKind) signKind {
	acc := start
	for _, e := range es {
		if acc = op(acc, signOf(e)); acc == signUnknown {
			break
		}
	}
	return acc
}

func addSigns(a, b signKind) signKind {
	switch {
	case a == signZero:
		return b
	case b == signZero:
		return a
	case a == b:
		return a
	case (a == signPos && b == signNonNeg) || (a == signNonNeg && b == signPos):
		return signPos
	case (a == signNeg && b == signNonPos) || (a == signNonPos && b == signNeg):
		return signNeg
	}
	return signUnknown
}

func mulSigns(a, b signKind) signKind {
	if a == signZero || b == signZero {
		return signZero
	}
	flip := func(s signKind) signKind {
		switch s {
		case signPos:
			return signNeg
		case signNeg:
			return signPos
		case signNonNeg:
			return signNonPos
		case signNonPos:
			return signNonNeg
		}
		return s
	}
	switch b {
	case signPos:
		return a
	case signNeg:
		return flip(a)
	case signNonNeg:
		switch a {
		case signPos, signNonNeg:
			return signNonNeg
		case signNeg, signNonPos:
			return signNonPos
		}
	case signNonPos:
		switch a {
		case signPos, signNonNeg:
			return signNonPos
		case signNeg, signNonPos:
			return signNonNeg
		}
	}
	return signUnknown
}
