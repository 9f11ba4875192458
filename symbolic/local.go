package symbolic

// This file holds the one statement of each differentiation rule that the
// rest of the module shares: the local partial derivative of a node with
// respect to each of its children (Local), which forward mode (D, Diff),
// reverse mode (Gradient) and the numeric graph (package graph) all read,
// and the names of the rules that a derivation shows (Rule; ruleName for
// the chain rule, from the function table's rows).

// Local returns the local partial derivative of the node e with respect to
// its i-th child (Children(e)[i]), the other children held fixed:
//
//	sum          1
//	product      the product of the other factors (built directly, not by
//	             division, so it is right where a factor is zero)
//	b^x          x*b^(x-1) with respect to b, b^x*log(b) with respect to x
//	call f(u)    f'(u) from the function table, or the abstract function
//	             f' applied to u for an abstract f
//
// A number or a symbol has no children; Local panics for them and for an i
// out of range, and with an *Error for a call of more than one argument.
// The chain rule composes these: the derivative of e is the sum over i of
// Local(e, i) times the derivative of child i.
func Local(e Expr, i int) Expr {
	return local(e, i, nil)
}

// local is Local with the index of a product's factors kept between calls
// for the same product (nil: none kept), as the reverse sweep asks for
// every factor of a product in turn.
func local(e Expr, i int, ix **factorIndex) Expr {
	switch e := e.(type) {
	case *Sum:
		_ = e.terms[i]
		return One
	case *Product:
		fs := e.factors
		_ = fs[i]
		if len(fs) == 2 {
			return fs[1-i]
		}
		// The product of the other factors, built directly: the canonical
		// product flattens, so a shared prefix or suffix product would be
		// one more node, not fewer.
		var own *factorIndex
		if ix == nil {
			ix = &own
		}
		if *ix == nil || (*ix).p != e {
			*ix = newFactorIndex(e)
		}
		return (*ix).replaceFactor(i, One)
	case *Power:
		fs := powerLocal(e, i)
		return Mul(fs[0], fs[1])
	case *Call:
		if len(e.args) != 1 {
			panic(&Error{Msg: "cannot differentiate " + e.fn.Name + " of " + plural(len(e.args), "argument")})
		}
		_ = e.args[i]
		return callLocal(e)
	}
	panic("symbolic: Local of a node without children")
}

// powerLocal returns the local partial of b^x with respect to its base
// (i = 0) or exponent (i = 1) as two factors, which D keeps apart in its
// pending products: x, b^(x-1) and b^x, log(b).
func powerLocal(e *Power, i int) [2]Expr {
	switch i {
	case 0:
		return [2]Expr{e.exp(), Pow(e.base(), Add(e.exp(), MinusOne))}
	case 1:
		return [2]Expr{e, Apply(Log, e.base())}
	}
	panic("symbolic: Local of a power: no child " + itoa(i))
}

// callLocal returns f'(u) for the call f(u).
func callLocal(e *Call) Expr {
	u := e.args[0]
	if e.fn.abstract {
		return Apply(e.fn.Derivative(), u)
	}
	return e.fn.Deriv(u)
}

// A Rule is a differentiation rule, as a Step of Diff's Trace records it. Each
// comment gives the rule and what the Step holds for it (Factors, Parts;
// DParts are the derivatives of the Parts).
type Rule int

// The rules a traced Diff applies.
const (
	// SumRule: (u + v + ...)' = u' + v' + ...; Parts are the terms (in
	// display order), no Factors.
	SumRule Rule = iota + 1
	// ConstantMultipleRule: (c g)' = c g'; Factors [c], Parts [g].
	ConstantMultipleRule
	// QuotientRule: (u/v)' = (v u' - u v')/v^2; Parts [u, v].
	QuotientRule
	// ProductRule: (f g h)' = f' g h + f g' h + f g h'; Parts are the
	// factors.
	ProductRule
	// PowerRule: (f^n)' = n f^(n-1) f' for n free of the variable;
	// Factors [n, f^(n-1)], Parts [f].
	PowerRule
	// ExponentialRule: (a^g)' = a^g log(a) g' for a free of the variable;
	// Factors [a^g, log(a)], Parts [g].
	ExponentialRule
	// GeneralPowerRule: (f^g)' = f^g (g' log(f) + g f'/f); Factors
	// [f^g, log(f)], Parts [f, g].
	GeneralPowerRule
	// ChainRule: F(u)' = F'(u) u' for a function F; Step.Func is F,
	// Factors [F'(u)], Parts [u].
	ChainRule
)

// String returns the rule's name in words, as a derivation shows it
// ("sum rule", ...); for the chain rule through a given function, a
// Step's Name holds the function's.
func (r Rule) String() string {
	switch r {
	case SumRule:
		return "sum rule"
	case ConstantMultipleRule:
		return "constant multiple rule"
	case QuotientRule:
		return "quotient rule"
	case ProductRule:
		return "product rule"
	case PowerRule:
		return "power rule"
	case ExponentialRule:
		return "exponential rule"
	case GeneralPowerRule:
		return "general power rule"
	case ChainRule:
		return "chain rule"
	}
	return "rule " + itoa(int(r))
}

// ruleName returns the name a derivation gives the chain rule through f:
// the row's Rule ("exponential rule" for exp, "logarithm rule", "sigmoid
// rule", "derivative of sin", ...), and "derivative of NAME" for an
// abstract function, which has no row.
func ruleName(f *Func) string {
	if f.abstract {
		return "derivative of " + f.Name
	}
	return f.Rule
}
