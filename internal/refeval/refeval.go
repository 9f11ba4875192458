// Package refeval is the reference evaluator of the tests: it evaluates an
// expression by walking its DAG the obvious way, through the function
// table's Eval, so that the compiled evaluator, the simplifier's rewrites,
// the parser's readings and the derivatives can all be checked against the
// same, simple definition of an expression's value.
package refeval

import (
	"math"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// Eval returns the value of e with the variables bound by env; the
// constants pi and e take their values. An abstract function stands for sin,
// so that its derivatives are consistent: f is sin, f' is cos, f” is -sin,
// and so on. Eval panics on an unbound variable. Each distinct node is
// evaluated once.
func Eval(e symbolic.Expr, env map[*symbolic.Symbol]float64) float64 {
	memo := make(map[symbolic.Expr]float64)
	var ev func(symbolic.Expr) float64
	ev = func(e symbolic.Expr) float64 {
		if v, ok := memo[e]; ok {
			return v
		}
		var v float64
		switch e := e.(type) {
		case *symbolic.Number:
			v = e.Float64()
		case *symbolic.Symbol:
			switch e {
			case symbolic.Pi:
				v = math.Pi
			case symbolic.E:
				v = math.E
			default:
				x, ok := env[e]
				if !ok {
					panic("refeval: no value for " + e.Name())
				}
				v = x
			}
		case *symbolic.Sum:
			for _, t := range e.Terms() {
				v += ev(t)
			}
		case *symbolic.Product:
			v = 1
			for _, f := range e.Factors() {
				v *= ev(f)
			}
		case *symbolic.Power:
			v = math.Pow(ev(e.Base()), ev(e.Exp()))
		case *symbolic.Call:
			u := ev(e.Arg())
			if f := e.Func(); f.IsAbstract() {
				v = sinDerivative(strings.Count(f.Name, "'"), u)
			} else {
				v = f.Eval(u)
			}
		default:
			panic(e)
		}
		memo[e] = v
		return v
	}
	return ev(e)
}

// EvalNamed is Eval with the variables bound by name.
func EvalNamed(e symbolic.Expr, env map[string]float64) float64 {
	m := make(map[*symbolic.Symbol]float64, len(env))
	for name, v := range env {
		m[symbolic.Sym(name)] = v
	}
	return Eval(e, m)
}

// sinDerivative returns the k-th derivative of sin at u.
func sinDerivative(k int, u float64) float64 {
	switch k % 4 {
	case 0:
		return math.Sin(u)
	case 1:
		return math.Cos(u)
	case 2:
		return -math.Sin(u)
	}
	return -math.Cos(u)
}
