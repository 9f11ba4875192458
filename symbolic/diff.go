package symbolic

// D returns the derivative of e with respect to the variable x. The result
// is built with the canonical constructors and is not otherwise simplified.
//
// D is a memoised walk over the DAG: every distinct node is differentiated
// once, so for an input of n distinct nodes it does O(n) node operations and
// the result shares the input's subexpressions. The one exception to linear
// size is the n-ary product rule, whose k-th term repeats the other factors;
// for a product of m factors that depend on x it builds m products.
//
// Functions that are not differentiable everywhere (abs, sign, step, relu)
// differentiate to their derivative where it exists (abs' = sign,
// relu' = step, sign' = step' = 0); see the function table's Doc strings
// for the points where the derivative does not exist.
//
// D panics with an *Error only where a constructor does (a division by zero
// met while building the result); use Diff for an error value.
func D(e Expr, x *Symbol) Expr {
	d := differ{x: x, memo: make(map[Expr]Expr)}
	return d.diff(e)
}

// Diff is D with errors returned instead of panicking.
func Diff(e Expr, x *Symbol) (r Expr, err error) {
	defer Recover(&err)
	return D(e, x), nil
}

// DN returns the n-th derivative of e with respect to x (e itself for
// n = 0).
func DN(e Expr, x *Symbol, n int) Expr {
	for i := 0; i < n; i++ {
		e = D(e, x)
	}
	return e
}

// A Step records that D differentiated Expr into Result. The rule applied
// follows from Expr's kind (sum, product or quotient, power, chain rule
// through a function); the sub-derivatives it combined are the Results of
// earlier steps for Expr's children.
type Step struct {
	Expr   Expr
	Result Expr
}

// DSteps is D that also returns the steps taken, children before parents,
// one per distinct subexpression that depends on x, ending with e itself.
// Derivation printers read it; D alone pays nothing for it.
func DSteps(e Expr, x *Symbol) (Expr, []Step) {
	var steps []Step
	d := differ{x: x, memo: make(map[Expr]Expr), trace: func(s Step) { steps = append(steps, s) }}
	r := d.diff(e)
	return r, steps
}

type differ struct {
	x     *Symbol
	memo  map[Expr]Expr
	trace func(Step) // nil unless a caller asked for the steps
}

func (d *differ) diff(e Expr) Expr {
	if r, ok := d.memo[e]; ok {
		return r
	}
	r := d.rule(e)
	d.memo[e] = r
	if d.trace != nil && r != Zero {
		d.trace(Step{Expr: e, Result: r})
	}
	return r
}

func (d *differ) rule(e Expr) Expr {
	switch e := e.(type) {
	case *Number:
		return Zero
	case *Symbol:
		if e == d.x {
			return One
		}
		return Zero
	case *Sum:
		ds := make([]Expr, 0, len(e.terms))
		for _, t := range e.terms {
			if dt := d.diff(t); dt != Zero {
				ds = append(ds, dt)
			}
		}
		return Add(ds...)
	case *Product:
		// (f1 f2 ... fn)' = sum over k of f1 ... fk' ... fn
		var terms []Expr
		for k, f := range e.factors {
			df := d.diff(f)
			if df == Zero {
				continue
			}
			fs := make([]Expr, len(e.factors))
			copy(fs, e.factors)
			fs[k] = df
			terms = append(terms, Mul(fs...))
		}
		return Add(terms...)
	case *Power:
		return d.power(e)
	case *Call:
		u := e.args[0]
		du := d.diff(u)
		if du == Zero {
			return Zero
		}
		var outer Expr
		if e.fn.abstract {
			outer = Apply(e.fn.Derivative(), u)
		} else {
			outer = e.fn.Deriv(u)
		}
		return Mul(outer, du)
	}
	panic(e)
}

// power differentiates f^g: g f^(g-1) f' for a constant exponent,
// f^g log(f) g' for a constant base, and f^g (g' log(f) + g f'/f) in
// general.
func (d *differ) power(e *Power) Expr {
	f, g := e.base, e.exp
	df, dg := d.diff(f), d.diff(g)
	switch {
	case df == Zero && dg == Zero:
		return Zero
	case dg == Zero:
		return Mul(g, Pow(f, Add(g, MinusOne)), df)
	case df == Zero:
		return Mul(e, Apply(Log, f), dg)
	}
	return Mul(e, Add(Mul(dg, Apply(Log, f)), Mul(g, df, Pow(f, MinusOne))))
}
