package simplify

import (
	"math"

	"github.com/symdiff/symdiff/symbolic"
)

// evalFloat evaluates e in float64 at the point env, through each function
// row's Eval. It returns NaN where e is undefined (outside a function's
// domain, a division by zero, an abstract function, a symbol without a
// value).
func evalFloat(e symbolic.Expr, env map[*symbolic.Symbol]float64) float64 {
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
			switch {
			case e == symbolic.Pi:
				v = math.Pi
			case e == symbolic.E:
				v = math.E
			default:
				x, ok := env[e]
				if !ok {
					x = math.NaN()
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
			b, x := ev(e.Base()), ev(e.Exp())
			switch {
			case b == 0 && x < 0:
				v = math.NaN()
			case x == 0.5:
				v = math.Sqrt(b)
			case x == -1:
				v = 1 / b
			default:
				v = math.Pow(b, x)
			}
		case *symbolic.Call:
			f := e.Func()
			if f.Eval == nil || len(e.Args()) != 1 {
				v = math.NaN()
				break
			}
			v = f.Eval(ev(e.Arg()))
		default:
			v = math.NaN()
		}
		memo[e] = v
		return v
	}
	return ev(e)
}

// close reports whether two finite values agree to a relative tolerance
// (absolute near zero).
func closeTo(a, b, tol float64) bool {
	if a == b {
		return true
	}
	d := math.Abs(a - b)
	s := math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
	return d <= tol*s
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
