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

// Eval returns the value of e with the variables bound by env, by
// symbolic.Evaluator; the constants pi and e take their values. An abstract
// function stands for sin, so that its derivatives are consistent: f is sin,
// f' is cos, f” is -sin, and so on. Eval panics on an unbound variable.
func Eval(e symbolic.Expr, env map[*symbolic.Symbol]float64) float64 {
	ev := symbolic.Evaluator{Env: env, Abstract: abstract}
	v := ev.Eval(e)
	if math.IsNaN(v) {
		for _, s := range symbolic.Symbols(e) {
			if _, ok := env[s]; !ok {
				panic("refeval: no value for " + s.Name())
			}
		}
	}
	return v
}

// abstract is the value of an abstract function: the derivative of sin its
// primes count.
func abstract(f *symbolic.Func, u float64) float64 {
	return sinDerivative(strings.Count(f.Name, "'"), u)
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
