package derive_test

import (
	"fmt"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/symbolic"
)

// The derivative of a neuron's pre-activation with respect to its weight,
// rule by rule and through the computational graph.
func ExampleNew() {
	w, x, b := symbolic.Sym("w"), symbolic.Sym("x"), symbolic.Sym("b")
	d, err := derive.New(symbolic.Add(symbolic.Mul(w, x), b), w)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Text())
	// Output:
	// f(b, w, x) = w*x + b
	//
	// Rule by rule
	//   Step 1: constant multiple rule
	//     ∂/∂w[w*x] = x * ∂/∂w[w]
	//               = x * 1
	//               = x
	//   Step 2: sum rule
	//     ∂/∂w[w*x + b] = ∂/∂w[w*x] + ∂/∂w[b]
	//                   = x + 0
	//                   = x
	//
	// Result
	//   ∂f/∂w = x
	//
	// Through intermediate variables
	//   Forward: each operation gets a name
	//     u = w*x
	//     f = b + u
	//   Local derivatives
	//     ∂u/∂w = x
	//     ∂f/∂u = 1
	//   Chain rule
	//     ∂f/∂w = ∂f/∂u * ∂u/∂w
	//           = 1 * x
	//           = x
}

func ExampleDerivation_LaTeX() {
	x := symbolic.Sym("x")
	sin, _ := symbolic.Lookup("sin")
	d, err := derive.New(symbolic.Div(symbolic.Apply(sin, x), x), x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Steps[1].Rule)
	fmt.Println(d.Result)
	// Output:
	// quotient rule
	// (x*cos(x) - sin(x))/x^2
}

// A derivation of an expression past MaxNodes distinct nodes is abridged:
// through intermediate variables only, so that its length follows the
// distinct nodes (here a chain of five sines with MaxNodes(3); the default
// is 400).
func ExampleDerivation_Abridged() {
	x := symbolic.Sym("x")
	sin, _ := symbolic.Lookup("sin")
	e := symbolic.Expr(x)
	for range 5 {
		e = symbolic.Apply(sin, e)
	}
	d, err := derive.New(e, x, derive.MaxNodes(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Abridged)
	fmt.Print(d.Text())
	// Output:
	// true
	// f(x) = sin(u_4)
	//
	// Through intermediate variables
	//   Forward: each operation gets a name (6 distinct nodes, more than the 3 of a derivation rule by rule)
	//     u_1 = sin(x)
	//     u_2 = sin(u_1)
	//     u_3 = sin(u_2)
	//     u_4 = sin(u_3)
	//     f = sin(u_4)
	//   Local derivatives
	//     du_1/dx = cos(x)
	//     du_2/du_1 = cos(u_1)
	//     du_3/du_2 = cos(u_2)
	//     du_4/du_3 = cos(u_3)
	//     df/du_4 = cos(u_4)
	//   Chain rule
	//     df/dx = df/du_4 * du_4/du_3 * du_3/du_2 * du_2/du_1 * du_1/dx
	//           = cos(u_4) * cos(u_3) * cos(u_2) * cos(u_1) * cos(x)
	//           = cos(x)*cos(sin(x))*cos(sin(sin(x)))*cos(sin(sin(sin(sin(x)))))*cos(sin(sin(sin(x))))
	//
	// Result
	//   df/dx = cos(x)*cos(sin(x))*cos(sin(sin(x)))*cos(sin(sin(sin(sin(x)))))*cos(sin(sin(sin(x))))
}
