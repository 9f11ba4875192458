// Package workloads builds the expressions that symdiff's tests and
// benchmarks share (the workloads W1..W7 of the performance notes): the
// sigmoid, nested sigmoids, a product of n sines, the loss of a small
// sigmoid network on XOR, the Rosenbrock function and exp(sin(x)) for
// high-order derivatives. Every generator is deterministic and builds its
// expression with the canonical constructors of package symbolic.
package workloads

import (
	"fmt"

	"github.com/symdiff/symdiff/symbolic"
)

// X is the variable of the one-variable workloads.
var X = symbolic.Sym("x")

// Sigmoid returns 1/(1 + exp(-x)), written out (W1).
func Sigmoid() symbolic.Expr { return Logistic(X) }

// Logistic returns 1/(1 + exp(-u)), the sigmoid written out.
func Logistic(u symbolic.Expr) symbolic.Expr {
	return symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(u))))
}

// NestedSigmoid returns the sigmoid written out applied d times to x (W2):
// s(s(...s(x))). d = 0 gives x.
func NestedSigmoid(d int) symbolic.Expr {
	var e symbolic.Expr = X
	for range d {
		e = Logistic(e)
	}
	return e
}

// ProductSin returns the product over k = 1..n of sin(k*x + k) (W3).
func ProductSin(n int) symbolic.Expr {
	fs := make([]symbolic.Expr, n)
	sin, _ := symbolic.Lookup("sin")
	for k := 1; k <= n; k++ {
		kk := symbolic.Int(int64(k))
		fs[k-1] = symbolic.Apply(sin, symbolic.Add(symbolic.Mul(kk, X), kk))
	}
	return symbolic.Mul(fs...)
}

// ExpSin returns exp(sin(x)), whose high-order derivatives grow quickly
// (W7).
func ExpSin() symbolic.Expr {
	sin, _ := symbolic.Lookup("sin")
	return symbolic.Apply(symbolic.Exp, symbolic.Apply(sin, X))
}

// Rosenbrock returns the n-dimensional Rosenbrock function
// sum over i < n-1 of 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2, and its
// variables x1..xn (W6).
func Rosenbrock(n int) (symbolic.Expr, []*symbolic.Symbol) {
	xs := make([]*symbolic.Symbol, n)
	for i := range xs {
		xs[i] = symbolic.Sym(fmt.Sprintf("x%d", i+1))
	}
	terms := make([]symbolic.Expr, 0, 2*n)
	for i := 0; i+1 < n; i++ {
		a := symbolic.Sub(xs[i+1], symbolic.Pow(xs[i], symbolic.Two))
		b := symbolic.Sub(symbolic.One, xs[i])
		terms = append(terms, symbolic.Mul(symbolic.Int(100), symbolic.Pow(a, symbolic.Two)), symbolic.Pow(b, symbolic.Two))
	}
	return symbolic.Add(terms...), xs
}

// The four XOR points and their labels.
var (
	XORInputs  = [4][2]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	XORTargets = [4]float64{0, 1, 1, 0}
)

// An MLP is the squared-error loss of a 2-h-1 network on the XOR points,
// with its parameters as symbols.
type MLP struct {
	// Loss is the sum over the four points of (y - target)^2.
	Loss symbolic.Expr
	// Params lists every parameter: for each hidden unit j = 1..h the
	// weights wj_1, wj_2, the bias bj and the output weight vj, then the
	// output bias c.
	Params []*symbolic.Symbol
	// Output is the network's output for each of the four points.
	Output [4]symbolic.Expr
}

// XOR returns the loss of the 2-h-1 network with sigmoid activations on the
// four XOR points (W4), with the sigmoid as the built-in function sigmoid.
func XOR(h int) MLP {
	sigmoid, _ := symbolic.Lookup("sigmoid")
	return XORWith(h, func(u symbolic.Expr) symbolic.Expr { return symbolic.Apply(sigmoid, u) })
}

// XORWith is XOR with the activation act, such as Logistic.
func XORWith(h int, act func(symbolic.Expr) symbolic.Expr) MLP {
	var m MLP
	type unit struct{ w1, w2, b, v *symbolic.Symbol }
	units := make([]unit, h)
	for j := range units {
		u := unit{
			w1: symbolic.Sym(fmt.Sprintf("w%d_1", j+1)),
			w2: symbolic.Sym(fmt.Sprintf("w%d_2", j+1)),
			b:  symbolic.Sym(fmt.Sprintf("b%d", j+1)),
			v:  symbolic.Sym(fmt.Sprintf("v%d", j+1)),
		}
		units[j] = u
		m.Params = append(m.Params, u.w1, u.w2, u.b, u.v)
	}
	c := symbolic.Sym("c")
	m.Params = append(m.Params, c)
	losses := make([]symbolic.Expr, 4)
	for p, in := range XORInputs {
		x1, x2 := num(in[0]), num(in[1])
		terms := []symbolic.Expr{c}
		for _, u := range units {
			z := symbolic.Add(symbolic.Mul(u.w1, x1), symbolic.Mul(u.w2, x2), u.b)
			terms = append(terms, symbolic.Mul(u.v, act(z)))
		}
		m.Output[p] = act(symbolic.Add(terms...))
		losses[p] = symbolic.Pow(symbolic.Sub(m.Output[p], num(XORTargets[p])), symbolic.Two)
	}
	m.Loss = symbolic.Add(losses...)
	return m
}

func num(x float64) symbolic.Expr { return symbolic.Int(int64(x)) }

// SineChain returns sin(sin(...sin(x))), d calls deep.
func SineChain(d int) symbolic.Expr {
	sin, _ := symbolic.Lookup("sin")
	var e symbolic.Expr = X
	for range d {
		e = symbolic.Apply(sin, e)
	}
	return e
}

// LogisticLoss returns the logistic loss of a linear model with p
// parameters w0..w(p-1) over five samples, and the parameters: the sum
// over the samples of log(1 + exp(-(c_1*w0 + ... + c_p*w(p-1)))), with
// constants c of two decimals in [-1, 1] drawn from a fixed generator, and
// the sign of the samples with an odd index flipped (their label is the
// other class).
func LogisticLoss(p int) (symbolic.Expr, []*symbolic.Symbol) {
	ws := make([]*symbolic.Symbol, p)
	for i := range ws {
		ws[i] = symbolic.Sym(fmt.Sprintf("w%d", i))
	}
	state := uint64(0x9e3779b97f4a7c15)
	next := func() int64 { // a linear congruential generator: -100..100
		state = state*6364136223846793005 + 1442695040888963407
		return int64(state>>33)%201 - 100
	}
	samples := make([]symbolic.Expr, 5)
	for s := range samples {
		terms := make([]symbolic.Expr, p)
		for i, w := range ws {
			terms[i] = symbolic.Mul(symbolic.Frac(next(), 100), w)
		}
		z := symbolic.Add(terms...)
		if s%2 == 0 {
			z = symbolic.Neg(z)
		}
		samples[s] = symbolic.Apply(symbolic.Log, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, z)))
	}
	return symbolic.Add(samples...), ws
}
