package latex_test

import (
	"fmt"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

func ExampleFormat() {
	x := symbolic.Sym("x")
	sigmoid := symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(x))))
	fmt.Println(latex.Format(sigmoid))
	fmt.Println(latex.Format(symbolic.D(sigmoid, x)))
	sin, _ := symbolic.Lookup("sin")
	fmt.Println(latex.Format(symbolic.Pow(symbolic.Apply(sin, x), symbolic.Two)))
	// Output:
	// \frac{1}{e^{-x} + 1}
	// \frac{e^{-x}}{(e^{-x} + 1)^{2}}
	// \sin^{2}(x)
}

func ExampleName() {
	for _, name := range []string{"x", "theta", "θ", "w_1", "x12", "rate", "x_max"} {
		fmt.Println(latex.Name(name))
	}
	// Output:
	// x
	// \theta
	// \theta
	// w_{1}
	// x_{12}
	// \mathit{rate}
	// x_{\mathrm{max}}
}
