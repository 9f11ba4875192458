package simplify

import "github.com/symdiff/symdiff/symbolic"

// provesSign reports whether e op 0 is proved by a simple sign analysis
// (op is one of > >= < <= !=). It never claims what it cannot prove.
func provesSign(e symbolic.Expr, op string) bool { return provesSignIn(e, op, nil) }

// provesSignIn is provesSign with the facts of an input's domain (nil for
// none) as what is known of the nodes they name.
func provesSignIn(e symbolic.Expr, op string, facts domainFacts) bool {
	s := signIn(e, facts)
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
func signOf(e symbolic.Expr) signKind { return signIn(e, nil) }

// signIn is signOf where facts (nil for none) tell the signs of some
// nodes: the stronger of a fact and what e's structure says.
func signIn(e symbolic.Expr, facts domainFacts) signKind {
	s := structuralSign(e, facts)
	if f, ok := facts.sign(e); ok {
		switch {
		case s == signUnknown,
			s == signNonNeg && f == signPos,
			s == signNonPos && f == signNeg:
			return f
		}
	}
	return s
}

// structuralSign is what e's structure says of its sign, its parts' signs
// read with facts.
func structuralSign(e symbolic.Expr, facts domainFacts) signKind {
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
				return signIn(e.Arg(), facts)
			}
		}
		return signUnknown
	case *symbolic.Power:
		if k, ok := e.Exp().(*symbolic.Number); ok {
			bs := signIn(e.Base(), facts)
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
		if signIn(e.Base(), facts) == signPos {
			return signPos
		}
		return signUnknown
	case *symbolic.Sum:
		return foldSigns(e.Terms(), signZero, addSigns, facts)
	case *symbolic.Product:
		return foldSigns(e.Factors(), signPos, mulSigns, facts)
	}
	return signUnknown
}

// foldSigns combines the signs of es with op, starting from start (the
// sign of an empty sum or product), and stops at the first unknown.
func foldSigns(es []symbolic.Expr, start signKind, op func(a, b signKind) signKind, facts domainFacts) signKind {
	acc := start
	for _, e := range es {
		if acc = op(acc, signIn(e, facts)); acc == signUnknown {
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
