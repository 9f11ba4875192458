package numeric_test

import (
	"fmt"
	"math"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

func ExampleCompile() {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sin, _ := symbolic.Lookup("sin")
	// f = sin(x*y)^2 + sin(x*y): sin(x*y) is computed once.
	s := symbolic.Apply(sin, symbolic.Mul(x, y))
	f := symbolic.Add(symbolic.Pow(s, symbolic.Two), s)
	p, err := numeric.Compile(f, x, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.6f\n", p.Eval([]float64{0.5, 2}))

	// Many points at once: one column per variable.
	xs, ys := []float64{0, 0.5, 1}, []float64{2, 2, 2}
	out := make([]float64, 3)
	p.EvalBatch([][]float64{xs, ys}, [][]float64{out})
	fmt.Printf("%.6f\n", out)

	_, err = numeric.Compile(f, x)
	fmt.Println(err)
	// Output:
	// 1.549544
	// [0.000000 1.549544 1.736119]
	// numeric: variable y has no value (not among the bound variables)
}

func ExampleCheck() {
	x := symbolic.Sym("x")
	// f = 1/(1 + exp(-x)) and its symbolic derivative.
	f := symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(x))))
	df := symbolic.D(f, x)
	rep, err := numeric.Check(f, df, x, &numeric.CheckOptions{Points: []float64{-1, 0, 2}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.OK, rep.Judged)
	fmt.Println(rep.Summary())
	// Output:
	// true 3
	// ok: the derivative agrees at 3 of 3 points (rel err <= 1e-08 vs finite differences, <= 1e-13 vs complex step)
}

func ExampleRidders() {
	d, errEst := numeric.Ridders(math.Exp, 1, nil)
	fmt.Printf("d = %.12f, |d - e| < 1e-12: %v, error estimate < 1e-10: %v\n", d, math.Abs(d-math.E) < 1e-12, errEst < 1e-10)
	// The complex step needs no difference of nearby values.
	fmt.Printf("%.15f\n", numeric.ComplexStep(func(z complex128) complex128 { return z * z * z }, 2))
	// Output:
	// d = 2.718281828459, |d - e| < 1e-12: true, error estimate < 1e-10: true
	// 12.000000000000000
}
