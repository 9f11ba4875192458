package symbolic_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/symdiff/symdiff/parser"
	. "github.com/symdiff/symdiff/symbolic"
)

// Canonical forms and how they print: minimal parentheses, subtraction and
// division shown naturally, a deterministic order.
func TestCanonicalPrint(t *testing.T) {
	a, b, c := Sym("a"), Sym("b"), Sym("c")
	sin := fn("sin")
	tests := []struct {
		e    Expr
		want string
	}{
		{Neg(Pow(x, Two)), "-x^2"},
		{Pow(Neg(x), Two), "x^2"}, // (-x)^2 = x^2 for integer powers
		{Pow(Neg(x), Half), "sqrt(-x)"},
		{Sub(a, Sub(b, c)), "a + c - b"},
		{Sub(Sub(a, b), c), "a - b - c"},
		{Pow(Int(2), Pow(Int(3), Int(2))), "512"},
		{Pow(a, Pow(b, c)), "a^b^c"},
		{Pow(Pow(a, b), c), "(a^b)^c"},
		{Pow(Pow(a, b), Int(2)), "a^(2*b)"},
		{Add(x, x), "2*x"},
		{Mul(x, x), "x^2"},
		{Mul(x, Pow(x, MinusOne)), "1"},
		{Mul(E, E, Apply(fn("exp"), Two)), "exp(4)"}, // e*e is exp(2), which meets exp(2)
		{Add(Mul(Int(2), x), Mul(Int(-2), x)), "0"},
		{Mul(Int(2), Add(x, One)), "2*x + 2"},
		{Div(x, Int(2)), "x/2"},
		{Div(Mul(Int(3), x), Int(2)), "3*x/2"},
		{Div(One, Mul(x, y)), "1/(x*y)"},
		{Div(Neg(One), x), "-1/x"},
		{Div(Add(x, One), Sub(x, One)), "(x + 1)/(x - 1)"},
		{Add(Pow(x, Two), x, One), "x^2 + x + 1"},
		{Sub(One, Apply(sin, x)), "1 - sin(x)"},
		{Add(Mul(Sym("w"), x), Sym("b")), "w*x + b"},
		{Apply(sin, Neg(x)), "-sin(x)"},
		{Apply(fn("cos"), Neg(x)), "cos(x)"},
		{Pow(E, x), "exp(x)"},
		{Apply(fn("exp"), Zero), "1"},
		{Apply(fn("log"), E), "1"},
		{Mul(Int(2), Pi, x), "2*pi*x"},
		{Pow(x, Frac(-1, 2)), "1/sqrt(x)"},
		{Pow(x, Frac(1, 3)), "x^(1/3)"},
		{Pow(Int(2), Neg(x)), "2^(-x)"},
		{Mul(Pow(x, Int(2)), y), "x^2*y"},
		{Mul(x, Pow(y, Int(2))), "x*y^2"},
		{Frac(-3, 4), "-3/4"},
		{Div(Frac(-1, 10), Add(x, One)), "-1/10/(x + 1)"}, // not -1/(10*(x + 1)), which reads back distributed
		{Div(One, Mul(Int(10), Pow(Add(x, One), Two))), "1/(10*(x + 1)^2)"},
	}
	for _, tt := range tests {
		if got := tt.e.String(); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

// Printing round-trips: parsing what the printer writes gives back the same
// node, for the expressions above and their derivatives.
func TestPrintRoundTrip(t *testing.T) {
	srcs := []string{
		"1/(1+exp(-x))", "-x^2", "(-x)^3", "a-(b-c)", "(a-b)-c", "2^3^2", "(2^3)^2", "x^y^z", "(x^y)^z",
		"x^(1/3)", "x^-2", "2^-x", "sqrt(x^2+1)", "1/sqrt(x)", "-1/2*x", "3/4", "-3/4*x^2/y",
		"sin(x)^2 + cos(x)^2", "x^x", "log(x, 2)", "abs(x)*sign(x)", "exp(-x^2/2)/sqrt(2*pi)",
		"w_1*x1 + θ", "1e-3*x + 2.5E+4", "((x+1)*(x-1))^(-1/2)", "-0.1/(1+x)", "1/(1+exp(-0.1/(1+x)))",
		"x^x/x", "x*x^x", "sqrt(x)*x^x", "x^a*x^b", "x^(x-1)*x", "exp(x)*exp(2*x)*exp(a)",
	}
	x := Sym("x")
	for _, s := range srcs {
		e, err := parser.Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		for _, f := range []Expr{e, D(e, x), DN(e, x, 2)} {
			back, err := parser.Parse(f.String())
			if err != nil {
				t.Errorf("%q printed as %q does not parse: %v", s, f, err)
				continue
			}
			if diff := cmp.Diff(f.String(), back.String()); diff != "" || back != f {
				t.Errorf("round trip of %q changed it (-printed +reparsed):\n%s", f, diff)
			}
		}
	}
}

func ExampleD() {
	x := Sym("x")
	f := parser.MustParse("1/(1+exp(-x))")
	fmt.Println(D(f, x))
	fmt.Println(D(parser.MustParse("x^x"), x))
	// Output:
	// exp(-x)/(exp(-x) + 1)^2
	// x^x*(log(x) + 1)
}

func ExampleAdd() {
	x := Sym("x")
	// The constructors return canonical forms: terms are collected, numbers
	// folded, and a - b is stored as a + (-1)*b.
	fmt.Println(Add(x, x, One, Neg(x)))
	fmt.Println(Mul(x, Pow(x, Int(2)), Frac(1, 2)))
	fmt.Println(Add(x, One) == Add(One, x))
	// Output:
	// x + 1
	// x^3/2
	// true
}
