package symbolic

import (
	"math"

	"github.com/symdiff/symdiff/internal/fmath"
)

// An Evaluator computes the float64 value of expressions at one point by
// walking the DAG: each distinct node is evaluated once, and the values are
// remembered across calls of Eval, so that several expressions sharing
// nodes (an expression and its local partials) cost one walk. It is the one
// tree-walking evaluator of the module; the numeric package compiles
// expressions for speed, and its tests check it against this one.
//
// The contract:
//   - Pi and E take their values; any other symbol takes its value in Env,
//     and a symbol Env does not bind is NaN.
//   - A call (of one argument; any other is NaN) evaluates through its function row's Eval. A call of an
//     abstract function (which has no values) is Abstract(f, u) with u the
//     argument's value when Abstract is set, else NaN.
//   - x^y is math.Pow(x, y), computed as 1/x, sqrt(x) and x*x for the
//     exponents -1, 1/2 and 2; a negative x (-Inf included) to a
//     non-integer y is NaN, and to an odd integer y beyond 2^53 (whose
//     float64 is even) negative.
//   - Outside a domain the value is what float64 arithmetic gives: NaN, or
//     ±Inf for a division by zero.
//
// An Evaluator is not safe for concurrent use. Its zero value with Env set
// is ready; changing Env after a call of Eval does not forget the values
// already computed.
type Evaluator struct {
	// Env binds the variables.
	Env map[*Symbol]float64
	// Abstract, when set, gives the value of an abstract function f at u.
	Abstract func(f *Func, u float64) float64

	memo map[Expr]float64
}

// Eval returns the value of e at the evaluator's point.
func (ev *Evaluator) Eval(e Expr) float64 {
	if v, ok := ev.memo[e]; ok {
		return v
	}
	var v float64
	switch e := e.(type) {
	case *Number:
		v = e.v.Float64()
	case *Symbol:
		switch e {
		case Pi:
			v = math.Pi
		case E:
			v = math.E
		default:
			x, ok := ev.Env[e]
			if !ok {
				x = math.NaN()
			}
			v = x
		}
	case *Sum:
		for _, t := range e.terms {
			v += ev.Eval(t)
		}
	case *Product:
		v = 1
		for _, f := range e.factors {
			v *= ev.Eval(f)
		}
	case *Power:
		b, x := ev.Eval(e.base()), ev.Eval(e.exp())
		switch x {
		case -1:
			v = 1 / b
		case 0.5:
			v = math.Sqrt(b)
		case 2:
			v = b * b
		default:
			v = fmath.Pow(b, x) // math.Pow, right for a subnormal b
			if b < 0 && x != math.Trunc(x) {
				v = math.NaN() // no real value (math.Pow gives 0 or +Inf for -Inf)
			} else if b < 0 && math.Abs(x) >= 1<<53 && oddInteger(e.exp()) {
				// The float64 of an odd integer this large is even, and
				// math.Pow's value |b|^x lost the sign.
				v = -v
			}
		}
	case *Call:
		if len(e.args) != 1 {
			v = math.NaN()
			break
		}
		u := ev.Eval(e.args[0])
		switch f := e.fn; {
		case f.Eval != nil:
			v = f.Eval(u)
		case f.IsAbstract() && ev.Abstract != nil:
			v = ev.Abstract(f, u)
		default:
			v = math.NaN()
		}
	default:
		v = math.NaN()
	}
	if ev.memo == nil {
		ev.memo = make(map[Expr]float64)
	}
	ev.memo[e] = v
	return v
}

// oddInteger reports whether e is a number that is an odd integer.
func oddInteger(e Expr) bool {
	n, ok := e.(*Number)
	if !ok || !n.v.IsInt() {
		return false
	}
	if n.v.b != nil {
		return n.v.b.Num().Bit(0) == 1
	}
	return n.v.n&1 != 0
}
