package parser

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// lowerer turns the syntax tree into a canonical symbolic.Expr.
type lowerer struct {
	src string
	c   *config
	off int // byte offset of the node whose constructor runs now
}

// errPanic carries a positioned error out of the recursive lowering.
type errPanic struct{ err *Error }

// lower builds the expression for tree. The constructors' *symbolic.Error
// panics (division by zero, numbers too large) become *Errors at the
// position of the operation that raised them.
func lower(src string, tree *expr, c *config) (e symbolic.Expr, err error) {
	l := &lowerer{src: src, c: c}
	defer func() {
		if r := recover(); r != nil {
			switch r := r.(type) {
			case errPanic:
				e, err = nil, r.err
			case *symbolic.Error:
				pe := errorAt(src, l.off, r.Msg)
				pe.Limit = r.Limit
				e, err = nil, pe
			default:
				panic(r)
			}
		}
	}()
	return l.expr(tree), nil
}

func (l *lowerer) fail(off int, msg, limit string) {
	e := errorAt(l.src, off, msg)
	e.Limit = limit
	panic(errPanic{e})
}

// The functions of the recursion keep small frames (see fast.go): the work
// on several operands is in functions of its own (sum, mul, apply).

func (l *lowerer) expr(x *expr) symbolic.Expr { return lowerList(l, x, l.term, l.sum) }

// lowerList lowers x's first operand with first and, if operators follow,
// passes it to rest, which lowers the whole of x.
func lowerList[T, Op any](l *lowerer, x *list[T, Op], first func(*T) symbolic.Expr, rest func(symbolic.Expr, *list[T, Op]) symbolic.Expr) symbolic.Expr {
	v := first(x.Left)
	if len(x.Rest) == 0 {
		return v
	}
	return rest(v, x)
}

// sum lowers the sum x whose first term is first.
func (l *lowerer) sum(first symbolic.Expr, x *expr) symbolic.Expr {
	terms := append(make([]symbolic.Expr, 0, 1+len(x.Rest)), first)
	for _, r := range x.Rest {
		t := l.term(r.Term)
		if r.Op == "-" {
			l.off = r.Pos.Offset
			t = symbolic.Neg(t)
		}
		terms = append(terms, t)
	}
	// One n-ary Add: folding pairwise would re-canonicalise the growing sum
	// at each step, quadratic in the number of terms.
	l.off = x.Rest[0].Pos.Offset
	return symbolic.Add(terms...)
}

func (l *lowerer) term(x *term) symbolic.Expr { return lowerSigned(l, x, l.product) }

// lowerSigned lowers x, whose unsigned operand value lowers.
func lowerSigned[T any](l *lowerer, x *signed[T], value func(*T) symbolic.Expr) symbolic.Expr {
	if x.Value != nil {
		return value(x.Value)
	}
	v := lowerSigned(l, x.Operand, value)
	if x.Sign == "-" {
		l.off = x.Pos.Offset
		return symbolic.Neg(v)
	}
	return v
}

func (l *lowerer) product(x *product) symbolic.Expr { return lowerList(l, x, l.power, l.mul) }

// mul lowers the product x whose first factor is first.
func (l *lowerer) mul(first symbolic.Expr, x *product) symbolic.Expr {
	factors := l.rest(first, x)
	l.off = x.Rest[0].Pos.Offset
	return symbolic.Mul(factors...)
}

// factors lowers the factors of the product x.
func (l *lowerer) factors(x *product) []symbolic.Expr { return l.rest(l.power(x.Left), x) }

// rest returns first and the lowered factors after it of the product x.
func (l *lowerer) rest(first symbolic.Expr, x *product) []symbolic.Expr {
	factors := append(make([]symbolic.Expr, 0, 1+len(x.Rest)), first)
	for _, r := range x.Rest {
		var f symbolic.Expr
		switch {
		case r.Implicit != nil:
			f = l.power(r.Implicit)
		case r.Op == "/":
			f = l.divisor(r)
		default:
			f = l.unary(r.Operand)
		}
		factors = append(factors, f)
	}
	return factors
}

// divisor lowers the operand of the division r and returns its inverse:
// a product in parentheses factor by factor, as the direct parser reads
// it (see directParser.divisor): where the parentheses hold one term, of
// '+' signs and at most one '-' right before a product of two factors or
// more, and no power is taken of them.
func (l *lowerer) divisor(r *mulOp) symbolic.Expr {
	fs, neg := divisorFactors(r.Operand)
	if fs == nil {
		f := l.unary(r.Operand)
		l.off = r.Pos.Offset
		return symbolic.Pow(f, symbolic.MinusOne)
	}
	factors := l.factors(fs)
	if neg {
		factors = append(factors, symbolic.MinusOne)
	}
	l.off = r.Pos.Offset
	for i, f := range factors {
		factors[i] = symbolic.Pow(f, symbolic.MinusOne)
	}
	return symbolic.Mul(factors...)
}

// divisorFactors returns the product that divisor divides by factor by
// factor, and whether a minus sign negates it; nil if x is no such
// operand.
func divisorFactors(x *unary) (*product, bool) {
	if x.Value == nil || x.Value.Exp != nil || x.Value.Base.Paren == nil || len(x.Value.Base.Paren.Rest) > 0 {
		return nil, false
	}
	t := x.Value.Base.Paren.Left
	neg := false
	for t.Value == nil {
		if neg {
			return nil, false // a sign before the '-'
		}
		neg = t.Sign == "-"
		t = t.Operand
	}
	if len(t.Value.Rest) == 0 {
		return nil, false
	}
	return t.Value, neg
}

func (l *lowerer) unary(x *unary) symbolic.Expr { return lowerSigned(l, x, l.power) }

func (l *lowerer) power(x *power) symbolic.Expr {
	b := l.primary(x.Base)
	if x.Exp == nil {
		return b
	}
	e := l.unary(x.Exp.Operand)
	l.off = x.Exp.Pos.Offset
	return symbolic.PowLimit(b, e, l.c.maxNumberBits)
}

func (l *lowerer) primary(x *primary) symbolic.Expr {
	switch {
	case x.Number != nil:
		return l.number(*x.Number, x.Pos.Offset)
	case x.Ident != nil:
		if *x.Ident == "π" {
			return symbolic.Pi
		}
		return symbolic.Sym(*x.Ident)
	case x.Call != nil:
		return l.call(x.Call)
	default:
		return l.expr(x.Paren)
	}
}

// number parses a literal exactly: 0.1 is 1/10, 1e-3 is 1/1000. A literal
// beyond the MaxNumberBits option is refused before it is computed:
// 10^k has more than that many bits for k above maxExponent.
func (l *lowerer) number(s string, off int) symbolic.Expr {
	maxExponent := l.c.maxNumberBits * 3 / 10
	if isDigits(s) {
		if len(s) <= 18 {
			// The common case, a small integer: no big.Rat.
			var n int64
			for i := 0; i < len(s); i++ {
				n = n*10 + int64(s[i]-'0')
			}
			return symbolic.Int(n)
		}
		// The checks below, for an integer.
		if len(s) > maxExponent+20 && strings.Trim(s, "0") != "" {
			l.tooLarge(s, off)
		}
		if len(s)*3322/1000+3 <= l.c.maxNumberBits {
			// An integer that certainly fits (a digit is less than
			// 3.322 bits): no big.Rat to parse and check.
			return symbolic.IntDecimal(s)
		}
	}
	if r, ok := smallDecimal(s); ok {
		// A decimal of up to 18 digits (2.75, 0.001): no big.Rat.
		return symbolic.NumberOf(r)
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		k, err := strconv.Atoi(s[i+1:])
		if err != nil || k > maxExponent || k < -maxExponent {
			l.tooLarge(s, off)
		}
		exp = k
	}
	digits := len(mant) - strings.Count(mant, ".")
	if digits+abs(exp) > maxExponent+20 && strings.Trim(mant, "0.") != "" {
		l.tooLarge(s, off)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		l.fail(off, "invalid number "+quote(s), "")
	}
	if r.Num().BitLen()+r.Denom().BitLen() > l.c.maxNumberBits {
		l.tooLarge(s, off)
	}
	return symbolic.NewNumber(r)
}

// smallNumber returns the value of the literal s where it is an integer
// or a decimal of up to 18 digits (see number), which are read without
// big.Rat.
func smallNumber(s string) (symbolic.Rat, bool) {
	if len(s) <= 18 && isDigits(s) {
		var n int64
		for i := 0; i < len(s); i++ {
			n = n*10 + int64(s[i]-'0')
		}
		return symbolic.RatInt(n), true
	}
	return smallDecimal(s)
}

// smallDecimal returns the value of s if it is digits with one '.'
// among or around them (2.75, .5, 3.), at most 18 digits in all, and no
// exponent: the integer of its digits over a power of ten, in int64.
func smallDecimal(s string) (symbolic.Rat, bool) {
	if len(s) > 19 {
		return symbolic.Rat{}, false
	}
	var n int64
	k := 0 // the digits after the point
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			if dot {
				k++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return symbolic.Rat{}, false
		}
	}
	if !dot || len(s) == 1 {
		return symbolic.Rat{}, false
	}
	return symbolic.DecimalRat(n, k), true
}

func (l *lowerer) tooLarge(s string, off int) {
	l.fail(off, "number "+quote(s)+" is too large to hold exactly (more than "+strconv.Itoa(l.c.maxNumberBits)+" bits)", "MaxNumberBits")
}

func (l *lowerer) call(x *call) symbolic.Expr {
	args := make([]symbolic.Expr, len(x.Args))
	for i, a := range x.Args {
		args[i] = l.expr(a)
	}
	return l.apply(x.Name, x.Pos.Offset, args)
}

// apply makes the call of the function name, at byte offset off, of the
// lowered args. It is apart from call so that the recursion through call
// keeps a small frame (see fast.go).
func (l *lowerer) apply(name string, off int, args []symbolic.Expr) symbolic.Expr {
	return l.applyFunc(name, nil, off, args)
}

// applyFunc is apply with the built-in function f that name names, if the
// caller has it (nil: apply looks it up).
func (l *lowerer) applyFunc(name string, f *symbolic.Func, off int, args []symbolic.Expr) symbolic.Expr {
	l.off = off
	// wants is what the message says the function takes; "" for
	// plural(want, "argument"), made only for the message.
	arity := func(want int, wants string) {
		if len(args) != want {
			if wants == "" {
				wants = plural(want, "argument")
			}
			l.fail(off, "function "+quote(name)+" takes "+wants+", got "+strconv.Itoa(len(args)), "")
		}
	}
	switch name {
	case "sqrt":
		arity(1, "1 argument")
		return symbolic.Sqrt(args[0])
	case "log":
		if len(args) == 2 {
			lb := symbolic.Apply(symbolic.Log, args[1])
			if lb == symbolic.Zero {
				l.fail(off, "logarithm to base 1", "")
			}
			return symbolic.Div(symbolic.Apply(symbolic.Log, args[0]), lb)
		}
		arity(1, "1 or 2 arguments")
		return symbolic.Apply(symbolic.Log, args[0])
	}
	if f == nil {
		f, _ = symbolic.Lookup(name)
	}
	if f != nil {
		arity(f.Arity, "")
		return symbolic.Apply(f, args...)
	}
	// A declared abstract function, maybe with primes.
	base := strings.TrimRight(name, "'")
	f = symbolic.Abstract(base)
	for range len(name) - len(base) {
		f = f.Derivative()
	}
	arity(f.Arity, "")
	return symbolic.Apply(f, args...)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// isDigits reports whether s is a non-empty string of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
