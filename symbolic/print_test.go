package symbolic_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// Canonical forms and how they print: minimal parentheses, subtraction and
// division shown naturally, a deterministic order.
func TestCanonicalPrint(t *testing.T) {
	a, b, c := symbolic.Sym("a"), symbolic.Sym("b"), symbolic.Sym("c")
	x2, y2 := symbolic.Pow(x, symbolic.Two), symbolic.Pow(y, symbolic.Two)
	sin := fn("sin")
	tests := []struct {
		e    symbolic.Expr
		want string
	}{
		{symbolic.Neg(symbolic.Pow(x, symbolic.Two)), "-x^2"},
		{symbolic.Pow(symbolic.Neg(x), symbolic.Two), "x^2"}, // (-x)^2 = x^2 for integer powers
		{symbolic.Pow(symbolic.Neg(x), symbolic.Half), "sqrt(-x)"},
		{symbolic.Sub(a, symbolic.Sub(b, c)), "a - b + c"}, // equal degrees: by name
		{symbolic.Sub(symbolic.Sub(a, b), c), "a - b - c"},
		{symbolic.Pow(symbolic.Int(2), symbolic.Pow(symbolic.Int(3), symbolic.Int(2))), "512"},
		{symbolic.Pow(a, symbolic.Pow(b, c)), "a^(b^c)"}, // parenthesised for the reader, though ^ groups to the right
		{symbolic.Pow(symbolic.Pow(a, b), c), "(a^b)^c"},
		{symbolic.Pow(symbolic.Pow(a, b), symbolic.Int(2)), "a^(2*b)"},
		{symbolic.Add(x, x), "2*x"},
		{symbolic.Mul(x, x), "x^2"},
		{symbolic.Mul(x, symbolic.Pow(x, symbolic.MinusOne)), "1"},
		{symbolic.Mul(symbolic.E, symbolic.E, symbolic.Apply(fn("exp"), symbolic.Two)), "exp(4)"}, // e*e is exp(2), which meets exp(2)
		{symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.Mul(symbolic.Int(-2), x)), "0"},
		{symbolic.Mul(symbolic.Int(2), symbolic.Add(x, symbolic.One)), "2*x + 2"},
		{symbolic.Div(x, symbolic.Int(2)), "x/2"},
		{symbolic.Div(symbolic.Mul(symbolic.Int(3), x), symbolic.Int(2)), "3*x/2"},
		{symbolic.Div(symbolic.One, symbolic.Mul(x, y)), "1/(x*y)"},
		{symbolic.Div(symbolic.Neg(symbolic.One), x), "-1/x"},
		{symbolic.Div(symbolic.Add(x, symbolic.One), symbolic.Sub(x, symbolic.One)), "(x + 1)/(x - 1)"},
		{symbolic.Add(symbolic.Pow(x, symbolic.Two), x, symbolic.One), "x^2 + x + 1"},
		{symbolic.Sub(symbolic.One, symbolic.Apply(sin, x)), "1 - sin(x)"},
		{symbolic.Add(symbolic.Mul(symbolic.Sym("w"), x), symbolic.Sym("b")), "w*x + b"},
		{symbolic.Apply(sin, symbolic.Neg(x)), "-sin(x)"},
		{symbolic.Apply(fn("cos"), symbolic.Neg(x)), "cos(x)"},
		{symbolic.Pow(symbolic.E, x), "exp(x)"},
		{symbolic.Apply(fn("exp"), symbolic.Zero), "1"},
		{symbolic.Apply(fn("log"), symbolic.E), "1"},
		{symbolic.Mul(symbolic.Int(2), symbolic.Pi, x), "2*pi*x"},
		{symbolic.Pow(x, symbolic.Frac(-1, 2)), "1/sqrt(x)"},
		{symbolic.Pow(x, symbolic.Frac(1, 3)), "x^(1/3)"},
		{symbolic.Pow(symbolic.Int(2), symbolic.Neg(x)), "2^(-x)"},
		{symbolic.Mul(symbolic.Pow(x, symbolic.Int(2)), y), "x^2*y"},
		{symbolic.Mul(x, symbolic.Pow(y, symbolic.Int(2))), "x*y^2"},
		// A power with a symbolic exponent after the variables: y*x^(y - 1),
		// as d/dx x^y is written, not x^(y - 1)*y.
		{symbolic.Mul(y, symbolic.Pow(x, symbolic.Sub(y, symbolic.One))), "y*x^(y - 1)"},
		{symbolic.Mul(symbolic.Int(3), y, symbolic.Pow(x, y), symbolic.Pow(symbolic.Int(2), x)), "3*y*2^x*x^y"},
		{symbolic.Div(symbolic.Pow(x, y), y), "x^y/y"},
		// A polynomial sum before the calls, a sum that is not a
		// polynomial after them.
		{symbolic.Mul(symbolic.Sub(symbolic.Mul(symbolic.Int(2), x), symbolic.One), symbolic.Apply(fn("sin"), x)), "(2*x - 1)*sin(x)"},
		{symbolic.Mul(x, symbolic.Sub(x, symbolic.One), symbolic.Apply(fn("cos"), x)), "x*(x - 1)*cos(x)"},
		{symbolic.Mul(symbolic.Apply(fn("exp"), x), symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Two)), "(x + 1)^2*exp(x)"},
		{symbolic.Mul(symbolic.Apply(fn("sigmoid"), x), symbolic.Sub(symbolic.One, symbolic.Apply(fn("sigmoid"), x))), "sigmoid(x)*(1 - sigmoid(x))"},
		{symbolic.Div(symbolic.Apply(fn("sin"), x), symbolic.Add(x, symbolic.One)), "sin(x)/(x + 1)"},
		{symbolic.Frac(-3, 4), "-3/4"},
		{symbolic.Div(symbolic.Frac(-1, 10), symbolic.Add(x, symbolic.One)), "-1/(10*(x + 1))"}, // the parser reads it back as this product (parser.Parse)
		{symbolic.Div(symbolic.One, symbolic.Mul(symbolic.Int(10), symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Two))), "1/(10*(x + 1)^2)"},
		// Terms of distinct degrees whose highest leads with a minus:
		// in ascending order if it starts with a plus, a polynomial in
		// descending order if neither does; others with the first
		// positive term first.
		{poly(1, 1, -6), "1 + x - 6*x^2"},
		{poly(5, -1, 2, -1), "5 - x + 2*x^2 - x^3"},
		{poly(1, 0, -1), "1 - x^2"},
		{poly(-1, 4, -3), "-3*x^2 + 4*x - 1"},
		{symbolic.Add(symbolic.Int(-2), symbolic.Neg(symbolic.Pow(x, symbolic.Two)), symbolic.Apply(sin, x)), "sin(x) - x^2 - 2"},
		{symbolic.Add(symbolic.Int(2), x, symbolic.Neg(symbolic.Mul(x, symbolic.Apply(fn("sigmoid"), x)))), "2 + x - x*sigmoid(x)"},
		{symbolic.Add(symbolic.Int(-3), symbolic.Mul(symbolic.Int(2), x), symbolic.Mul(symbolic.Int(-2), symbolic.Sub(x, symbolic.One), symbolic.Apply(fn("sigmoid"), x))), "2*x - 2*(x - 1)*sigmoid(x) - 3"},
		{symbolic.Sub(symbolic.Sub(symbolic.Sym("b"), symbolic.Mul(symbolic.Sym("w"), x)), y), "b - w*x - y"}, // degrees 1, 2, 1: not distinct
		// Terms of one degree, monomials: graded lexicographic, the
		// variables by their highest power in the sum, then by name.
		{symbolic.Add(symbolic.Mul(x, y), x2, y2), "x^2 + x*y + y^2"},
		{symbolic.Add(y, symbolic.Mul(symbolic.Two, x)), "2*x + y"},
		{symbolic.Add(symbolic.Mul(b, x), symbolic.Mul(symbolic.Int(6), x2), symbolic.Int(12)), "6*x^2 + b*x + 12"},
		{symbolic.Add(symbolic.Mul(symbolic.Int(3), b, x2), symbolic.Mul(symbolic.Two, symbolic.Pow(x, symbolic.Int(3))), symbolic.Int(-1)), "2*x^3 + 3*b*x^2 - 1"},
		{symbolic.Apply(sin, symbolic.Add(b, symbolic.Mul(symbolic.Two, a))), "sin(2*a + b)"},
		// A sum whose coefficients are fractions of one denominator, alone
		// or an argument, as a multiple; in parentheses, as its terms.
		{symbolic.Div(symbolic.Add(x2, y2), symbolic.Two), "(x^2 + y^2)/2"},
		{symbolic.Div(symbolic.Add(x2, y2), symbolic.Int(-2)), "-(x^2 + y^2)/2"},
		{symbolic.Mul(symbolic.Frac(3, 4), symbolic.Add(x, y)), "3*(x + y)/4"},
		{symbolic.Apply(fn("exp"), symbolic.Div(symbolic.Add(x2, y2), symbolic.Int(-2))), "exp(-(x^2 + y^2)/2)"},
		{symbolic.Add(symbolic.Div(x, symbolic.Two), symbolic.One), "x/2 + 1"},
		{symbolic.Add(symbolic.Mul(symbolic.Frac(3, 2), symbolic.Sqrt(x)), symbolic.Frac(1, 3)), "3*sqrt(x)/2 + 1/3"}, // two denominators
		{symbolic.Mul(symbolic.Sym("z"), symbolic.Div(symbolic.Add(x, y), symbolic.Two)), "z*(x/2 + y/2)"},
		{symbolic.Div(symbolic.Sub(x, symbolic.Div(symbolic.One, x)), symbolic.Two), "x/2 - 1/(2*x)"}, // no fraction in a fraction
		{symbolic.Pow(x, symbolic.Div(symbolic.Add(x, symbolic.One), symbolic.Two)), "x^(x/2 + 1/2)"},
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
		"exp(-(x^2+y^2)/2)", "3*(x+y)/4 + 3/4", "-(x+1)/2", "z*(x/2+y/2)", "sin((x - 3*y)/2)",
	}
	x := symbolic.Sym("x")
	for _, s := range srcs {
		e, err := parser.Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		for _, f := range []symbolic.Expr{e, symbolic.D(e, x), dn(t, e, x, 2)} {
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
	x := symbolic.Sym("x")
	f := parser.MustParse("1/(1+exp(-x))")
	fmt.Println(symbolic.D(f, x))
	fmt.Println(symbolic.D(parser.MustParse("x^x"), x))
	// Output:
	// exp(-x)/(exp(-x) + 1)^2
	// x^x*(log(x) + 1)
}

func ExampleAdd() {
	x := symbolic.Sym("x")
	// The constructors return canonical forms: terms are collected, numbers
	// folded, and a - b is stored as a + (-1)*b.
	fmt.Println(symbolic.Add(x, x, symbolic.One, symbolic.Neg(x)))
	fmt.Println(symbolic.Mul(x, symbolic.Pow(x, symbolic.Int(2)), symbolic.Frac(1, 2)))
	fmt.Println(symbolic.Add(x, symbolic.One) == symbolic.Add(symbolic.One, x))
	// Output:
	// x + 1
	// x^3/2
	// true
}

// Fold computes a value for each node from its children's: here, the
// depth of the expression.
func ExampleFold() {
	e := parser.MustParse("sin(x^2) + exp(y)*cos(x)")
	depth := symbolic.Fold(e, func(n symbolic.Expr, kids []int) int {
		d := 0
		for _, k := range kids {
			d = max(d, k)
		}
		return d + 1
	})
	fmt.Println(depth)
	// Output: 4
}

// poly returns the polynomial in x with the coefficients cs, the constant
// first.
func poly(cs ...int64) symbolic.Expr {
	ts := make([]symbolic.Expr, len(cs))
	for i, c := range cs {
		ts[i] = symbolic.Mul(symbolic.Int(c), symbolic.Pow(x, symbolic.Int(int64(i))))
	}
	return symbolic.Add(ts...)
}

// TestFormatAtMost checks that FormatAtMost gives the whole text of a
// short expression and a prefix of a long one's, cut near its limit and
// at a character boundary; a sum of more terms than it orders for
// display, the beginning of its terms in their canonical order.
func TestFormatAtMost(t *testing.T) {
	terms := []symbolic.Expr{symbolic.Sym("x")}
	for i := range 500 {
		terms = append(terms, symbolic.Mul(symbolic.Int(int64(i+2)), symbolic.Pow(symbolic.Sym("y"), symbolic.Int(int64(i+2)))))
	}
	long := symbolic.Add(terms...)
	for _, tc := range []struct {
		e symbolic.Expr
		n int
	}{
		{parser.MustParse("sin(x) + 1"), 100},
		{parser.MustParse("sin(x) + 1"), len("sin(x) + 1")},
		{parser.MustParse("sin(x) + 1"), 4},
		{parser.MustParse("α*β + γ"), 2},
		{long, 60},
		{long, 1000},
	} {
		whole := symbolic.Format(tc.e)
		got, cut := symbolic.FormatAtMost(tc.e, tc.n)
		if cut != (len(whole) > tc.n) {
			t.Errorf("FormatAtMost(%.30s..., %d) cut = %v, text of %d bytes", whole, tc.n, cut, len(whole))
		}
		if len(got) > tc.n || !strings.HasPrefix(whole, got) || !utf8.ValidString(got) {
			t.Errorf("FormatAtMost(%.30s..., %d) = %q: not a valid prefix of at most %d bytes", whole, tc.n, got, tc.n)
		}
		if len(got) < min(len(whole), tc.n)-4 {
			t.Errorf("FormatAtMost(%.30s..., %d) = %q: cut short", whole, tc.n, got)
		}
	}
	terms = terms[:0]
	for i := range 5000 {
		terms = append(terms, symbolic.Mul(symbolic.Sym(fmt.Sprintf("a%d", i)), symbolic.Sym(fmt.Sprintf("b%d", i))))
	}
	wide := symbolic.Add(terms...).(*symbolic.Sum)
	got, cut := symbolic.FormatAtMost(wide, 60)
	want := symbolic.Format(wide.Terms()[0]) + " + " + symbolic.Format(wide.Terms()[1])
	if !cut || len(got) > 60 || !strings.HasPrefix(got, want) {
		t.Errorf("FormatAtMost of a sum of 5000 terms = %q, %v; want a prefix %q", got, cut, want)
	}
}
