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
