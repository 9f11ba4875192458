package simplify

import (
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the hyperbolic-of-log strategy, called from
// engine.rewrites beside the other kernel strategies.

// maxLogMultiple bounds the numerator and the denominator of the multiple
// k in a hyperbolic function of k*log(u) that hyperbolicOfLog rewrites:
// u^k appears squared in the rational form, so a larger k would write a
// large power.
const maxLogMultiple = 6

var hyperbolicFns = func() map[*symbolic.Func]string {
	m := map[*symbolic.Func]string{}
	for _, name := range []string{"sinh", "cosh", "tanh", "coth", "sech", "csch", "sigmoid", "softplus"} {
		f, _ := symbolic.Lookup(name)
		m[f] = name
	}
	return m
}()

// hyperbolicMask is the set of the functions of exp that hyperbolicOfLog
// rewrites: the six hyperbolic functions, sigmoid and softplus. Made on
// first use.
var hyperbolicMask = sync.OnceValue(func() funcMask {
	var m funcMask
	for f := range hyperbolicFns {
		m |= funcBit(f)
	}
	return m
})

// hyperbolicOfLog implements the hyperbolic-of-log strategy: a hyperbolic
// function of a multiple of a logarithm (or of a sum of them, see
// expOfLogs) is a rational function of a power, since exp(k*log(u)) is
// u^k = t wherever log(u) is defined:
//
//	sinh(k*log(u)) = (t^2 - 1)/(2*t)    cosh(k*log(u)) = (t^2 + 1)/(2*t)
//	tanh(k*log(u)) = (t^2 - 1)/(t^2 + 1)  coth = its reciprocal
//	sech(k*log(u)) = 2*t/(t^2 + 1)      csch(k*log(u)) = 2*t/(t^2 - 1)
//	sigmoid(k*log(u)) = t/(t + 1)       softplus(k*log(u)) = log(t + 1)
//
// (sigmoid(log(x)) is x/(x + 1), the odds back to a probability, and
// softplus(log(x)) is log(x + 1).)
//
// It replaces every such call in e, in call arguments too (k a rational
// number whose numerator and denominator are at most maxLogMultiple), and
// returns the rational normal form of the result, or nil where there is
// none. A call alone ties with its rational form (tanh(log(x)) and
// (x^2 - 1)/(x^2 + 1) cost 9 each), so the rules leave it; the strategy
// sees the node around it, where the forms together cancel:
// sech(log(x))^2/x, the derivative of tanh(log(x)), is 4*x/(x^2 + 1)^2,
// and the derivative of exp(tanh(log(x))) is
// 4*x*exp((x^2 - 1)/(x^2 + 1))/(x^2 + 1)^2 (a call's argument too, or the
// call would keep the log beside its rational form).
//
// Work: one walk of e and one rational normal form, where e calls a
// hyperbolic function and a log.
func hyperbolicOfLog(e symbolic.Expr) []symbolic.Expr {
	m := map[symbolic.Expr]symbolic.Expr{}
	ok := safely(func() {
		symbolic.Walk(e, func(n symbolic.Expr) {
			c, isCall := n.(*symbolic.Call)
			if !isCall {
				return
			}
			name, isHyp := hyperbolicFns[c.Func()]
			if !isHyp {
				return
			}
			t, isLogs := expOfLogs(c.Arg())
			if !isLogs {
				return
			}
			t2 := symbolic.Pow(t, symbolic.Int(2))
			minus, plus := symbolic.Sub(t2, symbolic.One), symbolic.Add(t2, symbolic.One)
			twoT := symbolic.Mul(symbolic.Int(2), t)
			switch name {
			case "sinh":
				m[c] = symbolic.Div(minus, twoT)
			case "cosh":
				m[c] = symbolic.Div(plus, twoT)
			case "tanh":
				m[c] = symbolic.Div(minus, plus)
			case "coth":
				m[c] = symbolic.Div(plus, minus)
			case "sech":
				m[c] = symbolic.Div(twoT, plus)
			case "csch":
				m[c] = symbolic.Div(twoT, minus)
			case "sigmoid":
				m[c] = symbolic.Div(t, symbolic.Add(t, symbolic.One))
			case "softplus":
				m[c] = symbolic.Apply(symbolic.Log, symbolic.Add(t, symbolic.One))
			}
		})
	})
	if !ok || len(m) == 0 {
		return nil
	}
	sub, ok := try(func() symbolic.Expr { return symbolic.Subs(e, m) })
	if !ok {
		return nil
	}
	if r := rationalForm(sub); r != nil && r != e {
		return []symbolic.Expr{r}
	}
	return nil
}

// expOfLogs returns exp(a) for a, a multiple k*log(u) or a sum of them
// (log(x) - log(2), from log(x/2)), as the product of the powers u^k, and
// false where a is not one (k a rational number whose numerator and
// denominator are at most maxLogMultiple).
func expOfLogs(a symbolic.Expr) (symbolic.Expr, bool) {
	terms := []symbolic.Expr{a}
	if s, ok := a.(*symbolic.Sum); ok {
		terms = s.Terms()
	}
	fs := make([]symbolic.Expr, 0, len(terms))
	for _, t := range terms {
		k, rest := splitProduct(t)
		if len(rest) != 1 || k.IsBig() || k.Is(0) || abs64(k.Num64()) > maxLogMultiple || k.Den64() > maxLogMultiple {
			return nil, false
		}
		lg, isLog := rest[0].(*symbolic.Call)
		if !isLog || lg.Func() != symbolic.Log {
			return nil, false
		}
		fs = append(fs, symbolic.Pow(lg.Arg(), symbolic.NumberOf(k)))
	}
	return symbolic.Mul(fs...), true
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
