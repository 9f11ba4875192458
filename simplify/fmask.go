package simplify

import (
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// A funcMask is a set of functions: one bit per built-in function, and one
// bit (otherFuncs) shared by every other function (abstract ones).
type funcMask uint64

const otherFuncs funcMask = 1 << 63

// funcBits numbers the built-in functions, built on first use.
var funcBits = sync.OnceValue(func() map[*symbolic.Func]funcMask {
	m := map[*symbolic.Func]funcMask{}
	for i, f := range symbolic.Builtins() {
		if i < 63 {
			m[f] = 1 << i
		}
	}
	return m
})

func funcBit(f *symbolic.Func) funcMask {
	if b, ok := funcBits()[f]; ok {
		return b
	}
	return otherFuncs
}

// funcsOf returns the functions called anywhere in e, with memo as the
// cache of the nodes already seen. A nil memo walks e as a tree, for a
// rule's small left side.
func funcsOf(e symbolic.Expr, memo *keyTable[funcMask]) funcMask {
	switch e.(type) {
	case *symbolic.Number, *symbolic.Symbol:
		return 0
	}
	if memo != nil {
		if m, ok := memo.Get(symbolic.KeyOf(e)); ok {
			return m
		}
	}
	var m funcMask
	switch e := e.(type) {
	case *symbolic.Power:
		m = funcsOf(e.Base(), memo) | funcsOf(e.Exp(), memo)
	case *symbolic.Call:
		m = funcBit(e.Func())
		for _, k := range e.Args() {
			m |= funcsOf(k, memo)
		}
	default:
		for _, k := range symbolic.Children(e) {
			m |= funcsOf(k, memo)
		}
	}
	if memo != nil {
		memo.Set(symbolic.KeyOf(e), m)
	}
	return m
}

// A rule can match an expression only if every function of its left side
// is called somewhere in the expression: a call pattern matches only a call
// of its function, a literal only its own node, a variable only a
// subexpression, and the constructors that the matcher uses to gather
// left-over operands (Add, Mul, Pow) never introduce a function that their
// operands do not call. So a rule whose needs are not all in the
// expression's funcsOf is skipped without trying to match it.
