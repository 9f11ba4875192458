package parser_test

import (
	"errors"
	"fmt"

	"github.com/symdiff/symdiff/parser"
)

func ExampleParse() {
	e, err := parser.Parse("2x sin(x)^2 + 0.5")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)
	// Output: 2*x*sin(x)^2 + 1/2
}

func ExampleParse_abstract() {
	e := parser.MustParse("f'(g(x))*g'(x)", parser.Funcs("f", "g"))
	fmt.Println(e)
	// Output: f'(g(x))*g'(x)
}

func ExampleExplain() {
	s, _ := parser.Explain("2x sin(x)^2 - x/2y")
	fmt.Println(s)
	// Output: (((2 * x) * (sin(x) ^ 2)) - ((x / 2) * y))
}

func ExampleError_Snippet() {
	_, err := parser.Parse("1 + sinn(x)")
	var pe *parser.Error
	if errors.As(err, &pe) {
		fmt.Println(pe)
		fmt.Println(pe.Snippet())
	}
	// Output:
	// 1:5: unknown function 'sinn'; did you mean 'sin'?
	// 1 + sinn(x)
	//     ^
}

// Participle reads the input with the participle grammar itself, which
// builds the same tree as the default engine at several times the cost.
func ExampleParticiple() {
	e, err := parser.Parse("exp(-a)/(1 + exp(-a))^2", parser.Participle())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)
	// Output: exp(-a)/(exp(-a) + 1)^2
}
