package simplify_test

import (
	"context"
	"fmt"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

func ExampleSimplify() {
	f := parser.MustParse("1/(1 + exp(-x))")
	d := symbolic.D(f, symbolic.Sym("x"))
	s, err := simplify.Simplify(context.Background(), d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d, " cost", simplify.Cost(d))
	fmt.Println(s, " cost", simplify.Cost(s))
	// Output:
	// exp(-x)/(exp(-x) + 1)^2  cost 10
	// sigmoid(x)*(1 - sigmoid(x))  cost 8
}

func ExampleDerivativeOf() {
	x := symbolic.Sym("x")
	f := parser.MustParse("1/(1 + x - 6*x^2)")
	d := symbolic.D(f, x)
	ctx := context.Background()
	plain, _ := simplify.Simplify(ctx, d)
	oriented, _ := simplify.Simplify(ctx, d, simplify.DerivativeOf(f, x))
	fmt.Println(plain)
	fmt.Println(oriented)
	// Output:
	// -(1 - 12*x)/(1 + x - 6*x^2)^2
	// (12*x - 1)/(1 + x - 6*x^2)^2
}

func ExampleCollectSteps() {
	e := parser.MustParse("cos(x)/sin(x) + sin(x)^2 + cos(x)^2")
	var steps []simplify.Step
	s, _ := simplify.Simplify(context.Background(), e, simplify.CollectSteps(&steps))
	for _, st := range steps {
		fmt.Printf("%-13s %v\n", st.Rule+":", st.After)
	}
	fmt.Println(s)
	// Output:
	// csc-def:      cos(x)*csc(x) + cos(x)^2 + sin(x)^2
	// cot-csc-prod: cos(x)^2 + sin(x)^2 + cot(x)
	// pythagoras:   cot(x) + 1
	// cot(x) + 1
}

func ExampleEqual() {
	ctx := context.Background()
	for _, p := range [][2]string{
		{"tanh(x)", "2*sigmoid(2*x) - 1"},
		{"atan(x) + atan(1/x)", "pi/2*sign(x)"},
		{"sqrt(x^2)", "x"},
	} {
		v, err := simplify.Equal(ctx, parser.MustParse(p[0]), parser.MustParse(p[1]))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s = %s: %v\n", p[0], p[1], v)
	}
	// Output:
	// tanh(x) = 2*sigmoid(2*x) - 1: proven equal
	// atan(x) + atan(1/x) = pi/2*sign(x): numerically equal at 20 random points
	// sqrt(x^2) = x: different: at x=-2.218154 the sides are 2.218154 and -2.218154
}

func ExampleParseRules() {
	rules, err := simplify.ParseRules("my.rules", `
# The Gudermannian function, two ways.
gd: 2*atan(tanh(a/2)) => asin(tanh(a))
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	e := parser.MustParse("2*atan(tanh(y/2)) + 1")
	s, _ := simplify.Simplify(context.Background(), e, simplify.WithRules(rules...))
	fmt.Println(rules[0])
	fmt.Println(s)
	// Output:
	// gd: 2*atan(tanh(a/2)) => asin(tanh(a))
	// asin(tanh(y)) + 1
}
