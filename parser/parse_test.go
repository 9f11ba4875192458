package parser_test

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

var (
	x  = symbolic.Sym("x")
	y  = symbolic.Sym("y")
	n  = symbolic.Int
	fr = symbolic.Frac
	fn = func(name string, u symbolic.Expr) symbolic.Expr {
		f, _ := symbolic.Lookup(name)
		return symbolic.Apply(f, u)
	}
	abs = func(name string, order int, u symbolic.Expr) symbolic.Expr {
		f := symbolic.Abstract(name)
		for range order {
			f = f.Derivative()
		}
		return symbolic.Apply(f, u)
	}
)

// TestParse checks what each input parses to, against expressions built with
// the constructors.
func TestParse(t *testing.T) {
	big1em400 := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil))
	tests := []struct {
		in   string
		want symbolic.Expr
	}{
		// numbers, exact
		{"42", n(42)},
		{"0.1", fr(1, 10)},
		{"1.", n(1)},
		{".5", fr(1, 2)},
		{"1e-3", fr(1, 1000)},
		{"2.5E+4", n(25000)},
		{"1.5e2", n(150)},
		{"1e-400", symbolic.NewNumber(big1em400)},
		{"123456789012345678901234567890", symbolic.NewNumber(mustRat("123456789012345678901234567890"))},
		// names and constants
		{"x", x},
		{"xy", symbolic.Sym("xy")},
		{"x1", symbolic.Sym("x1")},
		{"w_1", symbolic.Sym("w_1")},
		{"theta", symbolic.Sym("theta")},
		{"θ", symbolic.Sym("θ")},
		{"pi", symbolic.Pi},
		{"π", symbolic.Pi},
		{"2πx", symbolic.Mul(n(2), symbolic.Pi, x)}, // π is a name of its own
		{"πx^2", symbolic.Mul(symbolic.Pi, symbolic.Pow(x, n(2)))},
		{"xπ", symbolic.Mul(x, symbolic.Pi)},
		{"sin(2πx)", fn("sin", symbolic.Mul(n(2), symbolic.Pi, x))},
		{"e", symbolic.E},
		// operators and precedence
		{"x + y*2", symbolic.Add(x, symbolic.Mul(y, n(2)))},
		{"x - y - 1", symbolic.Sub(symbolic.Sub(x, y), n(1))},
		{"x / y / 2", symbolic.Div(symbolic.Div(x, y), n(2))},
		{"2^3^2", n(512)},
		{"(2^3)^2", n(64)},
		{"2**3", n(8)},
		{"x**y**2", symbolic.Pow(x, symbolic.Pow(y, n(2)))},
		{"-x^2", symbolic.Neg(symbolic.Pow(x, n(2)))},
		{"(-x)^2", symbolic.Pow(symbolic.Neg(x), n(2))},
		{"- - x", x},
		{"+x", x},
		{"2^-x", symbolic.Pow(n(2), symbolic.Neg(x))},
		{"x^-1", symbolic.Pow(x, n(-1))},
		{"x^+2", symbolic.Pow(x, n(2))},
		{"2*-x", symbolic.Mul(n(2), symbolic.Neg(x))},
		{"2/-x", symbolic.Div(n(2), symbolic.Neg(x))},
		{"x - -y", symbolic.Add(x, y)},
		// a product in parentheses divides factor by factor: the number
		// stays out of the sum, as written (and as the printer writes it)
		{"3/(2*(x+1))", symbolic.Mul(fr(3, 2), symbolic.Pow(symbolic.Add(x, n(1)), n(-1)))},
		{"y/(2(x+1))", symbolic.Mul(fr(1, 2), y, symbolic.Pow(symbolic.Add(x, n(1)), n(-1)))},
		{"1/(-2*(x+1))", symbolic.Mul(fr(-1, 2), symbolic.Pow(symbolic.Add(x, n(1)), n(-1)))},
		{"1/(-(x+1)*2)", symbolic.Mul(fr(-1, 2), symbolic.Pow(symbolic.Add(x, n(1)), n(-1)))},
		{"1/(2*x*(x+1))", symbolic.Mul(fr(1, 2), symbolic.Pow(x, n(-1)), symbolic.Pow(symbolic.Add(x, n(1)), n(-1)))},
		// but not a power of one, a sum, a term negated twice, nested
		// parentheses, or a product inside a call
		{"1/(2*(x+1))^2", symbolic.Pow(symbolic.Add(symbolic.Mul(n(2), x), n(2)), n(-2))},
		{"1/(2*(x+1))^1", symbolic.Pow(symbolic.Add(symbolic.Mul(n(2), x), n(2)), n(-1))}, // a power, even one that keeps the value
		{"1/(2*(x+1)+y)", symbolic.Pow(symbolic.Add(symbolic.Mul(n(2), x), n(2), y), n(-1))},
		{"1/(- -2*(x+1))", symbolic.Pow(symbolic.Add(symbolic.Mul(n(2), x), n(2)), n(-1))},
		{"1/((2*(x+1)))", symbolic.Pow(symbolic.Add(symbolic.Mul(n(2), x), n(2)), n(-1))},
		{"1/(2*x+2)", symbolic.Pow(symbolic.Add(symbolic.Mul(n(2), x), n(2)), n(-1))},
		{"1/sin(2*(x+1))", symbolic.Pow(fn("sin", symbolic.Add(symbolic.Mul(n(2), x), n(2))), n(-1))},
		// implicit multiplication
		{"2x", symbolic.Mul(n(2), x)},
		{"2 x", symbolic.Mul(n(2), x)},
		{"2(x+1)", symbolic.Mul(n(2), symbolic.Add(x, n(1)))},
		{"(x+1)(x-1)", symbolic.Mul(symbolic.Add(x, n(1)), symbolic.Sub(x, n(1)))},
		{"2 sin(x)", symbolic.Mul(n(2), fn("sin", x))},
		{"2sin(x)", symbolic.Mul(n(2), fn("sin", x))},
		{"x sin(x)", symbolic.Mul(x, fn("sin", x))},
		{"2x^2", symbolic.Mul(n(2), symbolic.Pow(x, n(2)))},
		{"x(y)", symbolic.Mul(x, y)},
		{"x(x+1)", symbolic.Mul(x, symbolic.Add(x, n(1)))},
		{"x y", symbolic.Mul(x, y)},
		{"1/2x", symbolic.Mul(fr(1, 2), x)},
		{"-2x", symbolic.Mul(n(-2), x)},
		{"x^2(x+1)", symbolic.Mul(symbolic.Pow(x, n(2)), symbolic.Add(x, n(1)))},
		{"2e", symbolic.Mul(n(2), symbolic.E)},
		{"2pi x", symbolic.Mul(n(2), symbolic.Pi, x)},
		{"x -y", symbolic.Sub(x, y)},
		// functions and aliases
		{"sin(x)", fn("sin", x)},
		{"sin (x)", fn("sin", x)},
		{"ln(x)", fn("log", x)},
		{"log(x)", fn("log", x)},
		{"log(x, 2)", symbolic.Div(fn("log", x), fn("log", n(2)))},
		{"log(x, e)", fn("log", x)},
		{"sqrt(x)", symbolic.Sqrt(x)},
		{"e^x", fn("exp", x)},
		{"exp(x)", fn("exp", x)},
		{"sigmoid(x)", fn("sigmoid", x)},
		{"1/(1+exp(-x))", symbolic.Div(n(1), symbolic.Add(n(1), fn("exp", symbolic.Neg(x))))},
		{"sin(x)^2", symbolic.Pow(fn("sin", x), n(2))},
		// whitespace, including newlines
		{"\n x\t+\r\n y \n", symbolic.Add(x, y)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parser.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) = %v, want %v (-want +got):\n%s", tt.in, got, tt.want, diff)
			}
		})
	}
}

func mustRat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// TestParseNumerically evaluates parsed expressions at points and compares
// them with the same formula written in Go, so precedence and aliases are
// checked by value and not only by structure.
func TestParseNumerically(t *testing.T) {
	tests := []struct {
		in string
		f  func(x, y float64) float64
	}{
		{"2^3^x", func(x, y float64) float64 { return math.Pow(2, math.Pow(3, x)) }},
		{"-x^2 + y", func(x, y float64) float64 { return -x*x + y }},
		{"x - y - 1", func(x, y float64) float64 { return x - y - 1 }},
		{"x / y / 3", func(x, y float64) float64 { return x / y / 3 }},
		{"1/2x", func(x, y float64) float64 { return x / 2 }},
		{"2x sin(x)^2", func(x, y float64) float64 { return 2 * x * math.Pow(math.Sin(x), 2) }},
		{"log(x, y)", func(x, y float64) float64 { return math.Log(x) / math.Log(y) }},
		{"ln(x) + sqrt(y)", func(x, y float64) float64 { return math.Log(x) + math.Sqrt(y) }},
		{"e^x * pi", func(x, y float64) float64 { return math.Exp(x) * math.Pi }},
		{"x^-y", func(x, y float64) float64 { return math.Pow(x, -y) }},
		{"(x+1)(y-1)x", func(x, y float64) float64 { return (x + 1) * (y - 1) * x }},
		{"1/(1+exp(-x*y))", func(x, y float64) float64 { return 1 / (1 + math.Exp(-x*y)) }},
		{"2.5e-1 x + 1e1 y", func(x, y float64) float64 { return 0.25*x + 10*y }},
	}
	pts := [][2]float64{{0.3, 1.7}, {1.25, 2.5}, {2.1, 0.6}, {0.9, 3.3}}
	for _, tt := range tests {
		e, err := parser.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		for _, p := range pts {
			got := eval(e, map[string]float64{"x": p[0], "y": p[1]})
			want := tt.f(p[0], p[1])
			if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%q at x=%v, y=%v: got %v, want %v", tt.in, p[0], p[1], got, want)
			}
		}
	}
}

// eval computes e in float64 through the function table.
func eval(e symbolic.Expr, vars map[string]float64) float64 {
	return refeval.EvalNamed(e, vars)
}

// TestImplicitMultiplication checks each implicit product against the same
// input with the products written out.
func TestImplicitMultiplication(t *testing.T) {
	tests := []struct{ in, explicit string }{
		{"2x", "2*x"},
		{"2(x+1)", "2*(x+1)"},
		{"(x+1)(x-1)", "(x+1)*(x-1)"},
		{"2 sin(x)", "2*sin(x)"},
		{"x sin(x)", "x*sin(x)"},
		{"2x^2", "2*(x^2)"},
		{"x(y)", "x*y"},
		{"2x y", "2*x*y"},
		{"x^2 y^2", "(x^2)*(y^2)"},
		{"2^x y", "(2^x)*y"},
		{"-x y", "-(x*y)"},
		{"x/2y", "(x/2)*y"},
		{"sin(x)cos(x)", "sin(x)*cos(x)"},
		{"2 3.5x", ""}, // a number after an operand is an error, see TestErrors
	}
	for _, tt := range tests {
		if tt.explicit == "" {
			continue
		}
		got, err := parser.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		want := parser.MustParse(tt.explicit)
		if got != want {
			t.Errorf("Parse(%q) = %v, want %v as %q", tt.in, got, want, tt.explicit)
		}
	}
}

func TestExplain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2x sin(x)^2", "((2 * x) * (sin(x) ^ 2))"},
		{"x", "x"},
		{"(x)", "x"},
		{"a - b - c", "((a - b) - c)"},
		{"a - (b - c)", "(a - (b - c))"},
		{"a / b / c", "((a / b) / c)"},
		{"2^3^2", "(2 ^ (3 ^ 2))"},
		{"2**3", "(2 ^ 3)"},
		{"-x^2", "(-(x ^ 2))"},
		{"(-x)^2", "((-x) ^ 2)"},
		{"2^-x", "(2 ^ (-x))"},
		{"2*-x", "(2 * (-x))"},
		{"+x", "(+x)"},
		{"1/2x", "((1 / 2) * x)"},
		{"x(y)", "(x * y)"},
		{"(x+1)(x-1)", "((x + 1) * (x - 1))"},
		{"sin(x + 1)", "sin(x + 1)"},
		{"sin((x + 1))", "sin(x + 1)"},
		{"sin(-x)", "sin(-x)"},
		{"log(x+1, 2)", "log(x + 1, 2)"},
		{"ln(x)", "ln(x)"},
		{"0.10", "0.10"},
		{"1/(1+exp(-x))", "(1 / (1 + exp(-x)))"},
		{"f'(x) g(x)", "(f'(x) * g(x))"},
		{"a+b+c", "((a + b) + c)"},
		{"-a*b", "(-(a * b))"},
		{"-x/2y", "(-((x / 2) * y))"},
		{"-2x", "(-(2 * x))"},
		{"a - -b*c", "(a - (-(b * c)))"},
		{"2*-x*y", "((2 * (-x)) * y)"},
		{"x/-2", "(x / (-2))"},
		{"- - x", "(-(-x))"},
	}
	for _, tt := range tests {
		got, err := parser.Explain(tt.in, parser.Funcs("f", "g"))
		if err != nil {
			t.Errorf("Explain(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Explain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if _, err := parser.Explain("1/0"); err == nil {
		t.Errorf("Explain(%q) gave no error", "1/0")
	}
}

func TestAbstractFunctions(t *testing.T) {
	opt := parser.Funcs("f", "g")
	tests := []struct {
		in   string
		want symbolic.Expr
	}{
		{"f(x)", abs("f", 0, x)},
		{"f'(x)", abs("f", 1, x)},
		{"f''(x)", abs("f", 2, x)},
		{"f'(g(x))*g'(x)", symbolic.Mul(abs("f", 1, abs("g", 0, x)), abs("g", 1, x))},
		{"2f(x)", symbolic.Mul(n(2), abs("f", 0, x))},
		{"f(x)^2", symbolic.Pow(abs("f", 0, x), n(2))},
	}
	for _, tt := range tests {
		got, err := parser.Parse(tt.in, opt)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// The chain rule's output reads back.
	e := parser.MustParse("f(g(x))", opt)
	d := symbolic.D(e, x)
	if back, err := parser.Parse(d.String(), opt); err != nil || back != d {
		t.Errorf("D(f(g(x))) = %v reparses to %v, %v", d, back, err)
	}
	// Without Funcs, f(x) is an error (not a silent product) and a(x) a
	// product.
	if _, err := parser.Parse("f(x)"); err == nil || !strings.Contains(err.Error(), "unknown function 'f'") {
		t.Errorf("Parse(f(x)) without Funcs: got %v, want an unknown-function error", err)
	}
	if got := parser.MustParse("a(x)"); got != symbolic.Mul(symbolic.Sym("a"), x) {
		t.Errorf("Parse(a(x)) = %v, want a*x", got)
	}
	// Misused declarations.
	for _, name := range []string{"sin", "ln", "pi", "", "2f", "f'"} {
		if _, err := parser.Parse("x", parser.Funcs(name)); err == nil {
			t.Errorf("Funcs(%q) gave no error", name)
		}
	}
}

// TestErrors pins every message, its position and its snippet.
func TestErrors(t *testing.T) {
	tests := []struct {
		in      string
		opts    []parser.Option
		err     string // Error()
		snippet string
		limit   string
	}{
		{in: "", err: "1:1: empty input", snippet: "\n^"},
		{in: "  \n ", err: "1:1: empty input", snippet: "  \n^"},
		{in: "2 +", err: "1:4: expected an expression after '+'", snippet: "2 +\n   ^"},
		{in: "2**", err: "1:4: expected an expression after '**'", snippet: "2**\n   ^"},
		{in: "2 + * 3", err: "1:5: expected an expression after '+'", snippet: "2 + * 3\n    ^"},
		{in: "* 3", err: "1:1: expected an expression before '*'", snippet: "* 3\n^"},
		{in: "(^x)", err: "1:2: expected an expression before '^'", snippet: "(^x)\n ^"},
		{in: "sin(x,)", err: "1:7: expected an expression before ')'", snippet: "sin(x,)\n      ^"},
		{in: "sin(,x)", err: "1:5: expected an expression before ','", snippet: "sin(,x)\n    ^"},
		{in: "(x+1", err: "1:5: parenthesis opened at 1:1 is never closed", snippet: "(x+1\n    ^"},
		{in: "2*(x+(1", err: "1:8: parenthesis opened at 1:6 is never closed", snippet: "2*(x+(1\n       ^"},
		{in: "(x", err: "1:3: parenthesis opened at 1:1 is never closed", snippet: "(x\n  ^"},
		{in: "sin(", err: "1:5: expected an expression after '('", snippet: "sin(\n    ^"},
		{in: "x)", err: "1:2: unexpected ')' with no matching '('", snippet: "x)\n ^"},
		{in: ")x(", err: "1:1: unexpected ')' with no matching '('", snippet: ")x(\n^"},
		{in: "()", err: "1:2: expected an expression inside the parentheses", snippet: "()\n ^"},
		{in: "sin()", err: "1:5: function 'sin' needs an argument", snippet: "sin()\n    ^"},
		{in: "sin x", err: "1:1: function 'sin' needs parentheses", snippet: "sin x\n^"},
		{in: "2 sin^2(x)", err: "1:3: function 'sin' needs parentheses", snippet: "2 sin^2(x)\n  ^"},
		{in: "log", err: "1:1: function 'log' needs parentheses", snippet: "log\n^"},
		{in: "sinn(x)", err: "1:1: unknown function 'sinn'; did you mean 'sin'?", snippet: "sinn(x)\n^"},
		{in: "x + coss(x)", err: "1:5: unknown function 'coss'; did you mean 'cos'?", snippet: "x + coss(x)\n    ^"},
		{in: "sigmod(x)", err: "1:1: unknown function 'sigmod'; did you mean 'sigmoid'?", snippet: "sigmod(x)\n^"},
		{in: "exo(x)", err: "1:1: unknown function 'exo'; did you mean 'exp'?", snippet: "exo(x)\n^"},
		{in: "sqr(x)", err: "1:1: unknown function 'sqr'; did you mean 'sqrt'?", snippet: "sqr(x)\n^"},
		{in: "foo(x)", opts: []parser.Option{parser.Funcs("fooo")}, err: "1:1: unknown function 'foo'; did you mean 'fooo'?", snippet: "foo(x)\n^"},
		{in: "foo(x, y)", err: "1:1: unknown function 'foo'; declare it as an abstract function to use it (parser.Funcs(\"foo\")), or write foo*(...) for a product", snippet: "foo(x, y)\n^"},
		{in: "g'(x)", err: "1:1: unknown function 'g''; declare it as an abstract function to use it (parser.Funcs(\"g\"))", snippet: "g'(x)\n^"},
		{in: "sin'(x)", err: "1:4: unexpected \"'\" after 'sin': only declared abstract functions take primes", snippet: "sin'(x)\n   ^"},
		{in: "f' + 1", opts: []parser.Option{parser.Funcs("f")}, err: "1:1: function 'f'' needs parentheses", snippet: "f' + 1\n^"},
		{in: "sin(x, y)", err: "1:1: function 'sin' takes 1 argument, got 2", snippet: "sin(x, y)\n^"},
		{in: "log(x, 2, 3)", err: "1:1: function 'log' takes 1 or 2 arguments, got 3", snippet: "log(x, 2, 3)\n^"},
		{in: "sqrt(x, 2)", err: "1:1: function 'sqrt' takes 1 argument, got 2", snippet: "sqrt(x, 2)\n^"},
		{in: "log(x, 1)", err: "1:1: logarithm to base 1", snippet: "log(x, 1)\n^"},
		{in: "(x, y)", err: "1:3: expected ')' to close the '(' at 1:1, found ','", snippet: "(x, y)\n  ^"},
		{in: "x, y", err: "1:2: unexpected ','", snippet: "x, y\n ^"},
		{in: "2 3", err: "1:3: expected an operator before '3'", snippet: "2 3\n  ^"},
		{in: "x 2", err: "1:3: expected an operator before '2'", snippet: "x 2\n  ^"},
		{in: "1.2.3", err: "1:4: expected an operator before '.3'", snippet: "1.2.3\n   ^"},
		{in: "x\x00", err: `1:2: invalid character '\x00'`, snippet: "x\uFFFD\n ^"},
		{in: "x @ y", err: "1:3: invalid character '@'", snippet: "x @ y\n  ^"},
		{in: "x = 1", err: "1:3: invalid character '='", snippet: "x = 1\n  ^"},
		{in: "x'", err: "1:1: unknown function 'x''; declare it as an abstract function to use it (parser.Funcs(\"x\"))", snippet: "x'\n^"},
		{in: "x + \xff", err: "1:5: invalid UTF-8 encoding", snippet: "x + \uFFFD\n    ^"},
		{in: "1/0", err: "1:2: division by zero", snippet: "1/0\n ^"},
		{in: "x/(1-1)", err: "1:2: division by zero", snippet: "x/(1-1)\n ^"},
		{in: "0^-1", err: "1:2: division by zero", snippet: "0^-1\n ^"},
		{in: "3^(10^9)", err: "1:2: " + symbolicMessage(func() { symbolic.Pow(n(3), n(1e9)) }), snippet: "3^(10^9)\n ^", limit: "MaxNumberBits"},
		// A power's message elides the middle of a long number: 4^(5^6) has 9,408 digits.
		{in: "2**3**4**5**6", err: "1:5: the exact value of 3^1539446141...890624 (9408 digits) is too large (more than 65536 bits)", snippet: "2**3**4**5**6\n    ^", limit: "MaxNumberBits"},
		{in: "1e999999999", err: "1:1: number '1e999999999' is too large to hold exactly (more than 65536 bits)", snippet: "1e999999999\n^", limit: "MaxNumberBits"},
		{in: "x + 1e-99999999999999999999", err: "1:5: number '1e-99999999999999999999' is too large to hold exactly (more than 65536 bits)", snippet: "x + 1e-99999999999999999999\n    ^", limit: "MaxNumberBits"},
		// positions on later lines, tabs and wide characters
		{in: "x +\n  2 *", err: "2:6: expected an expression after '*'", snippet: "  2 *\n     ^"},
		{in: "x +\r\n\tsinn(x)", err: "2:2: unknown function 'sinn'; did you mean 'sin'?", snippet: "\tsinn(x)\n\t^"},
		{in: "θ + )", err: "1:5: unexpected ')' with no matching '('", snippet: "θ + )\n    ^"},
		{in: "变量 + )", err: "1:6: unexpected ')' with no matching '('", snippet: "变量 + )\n       ^"},
		// limits
		{in: "((x))", opts: []parser.Option{parser.MaxDepth(1)}, err: "1:2: expression is nested too deeply: more than 1 levels (MaxDepth)", snippet: "((x))\n ^", limit: "MaxDepth"},
		{in: "- - x", opts: []parser.Option{parser.MaxDepth(1)}, err: "1:3: expression is nested too deeply: more than 1 levels (MaxDepth)", snippet: "- - x\n  ^", limit: "MaxDepth"},
		{in: "2^2^x", opts: []parser.Option{parser.MaxDepth(1)}, err: "1:4: expression is nested too deeply: more than 1 levels (MaxDepth)", snippet: "2^2^x\n   ^", limit: "MaxDepth"},
		{in: "x+y", opts: []parser.Option{parser.MaxBytes(2)}, err: "1:3: input is too long: 3 bytes, more than the limit of 2 (MaxBytes)", snippet: "x+y\n  ^", limit: "MaxBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parser.Parse(tt.in, tt.opts...)
			var pe *parser.Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want *parser.Error", tt.in, err)
			}
			if got := pe.Error(); got != tt.err {
				t.Errorf("Parse(%q) error\n got %q\nwant %q", tt.in, got, tt.err)
			}
			if got := pe.Snippet(); got != tt.snippet {
				t.Errorf("Parse(%q) snippet\n got %q\nwant %q", tt.in, got, tt.snippet)
			}
			if pe.Limit != tt.limit {
				t.Errorf("Parse(%q) Limit = %q, want %q", tt.in, pe.Limit, tt.limit)
			}
			// Explain reports the same error.
			if _, err2 := parser.Explain(tt.in, tt.opts...); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Explain(%q) error = %v, want %v", tt.in, err2, err)
			}
		})
	}
}

// TestHostileInput feeds inputs that must give a clear error quickly and
// never a panic or a stack overflow.
func TestHostileInput(t *testing.T) {
	tests := []struct {
		name, in string
		limit    string
		msg      string // substring of the message
	}{
		{"100000 open parens", strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000), "MaxDepth", "nested too deeply"},
		{"10000 open parens", strings.Repeat("(", 10000) + "x" + strings.Repeat(")", 10000), "MaxDepth", "nested too deeply"},
		{"100000 signs", strings.Repeat("-", 100000) + "x", "MaxDepth", "nested too deeply"},
		{"100000 powers", strings.Repeat("x^", 100000) + "x", "MaxDepth", "nested too deeply"},
		{"unclosed 100000", strings.Repeat("(", 100000), "MaxDepth", "nested too deeply"},
		{"over 1 MiB", strings.Repeat("x+", 1<<19) + "x", "MaxBytes", "too long"},
		{"NULs", strings.Repeat("\x00", 1000), "", "invalid character"},
		{"1 MiB of digits", strings.Repeat("9", 1<<20), "MaxNumberBits", "too large"},
		{"long name call", strings.Repeat("a", 100000) + "(x, y)", "", "unknown function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parser.Parse(tt.in)
			var pe *parser.Error
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v, want *parser.Error", err)
			}
			if pe.Limit != tt.limit || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("error = %v (Limit %q), want %q with Limit %q", err, pe.Limit, tt.msg, tt.limit)
			}
			if s := pe.Snippet(); len(s) > 400 {
				t.Errorf("snippet is %d bytes long", len(s))
			}
		})
	}
}

// TestLargeValidInput parses the deep and long inputs the workloads use.
func TestLargeValidInput(t *testing.T) {
	deep := strings.Repeat("1/(1+exp(-(", 1000) + "x" + strings.Repeat(")))", 1000)
	e, err := parser.Parse(deep)
	if err != nil {
		t.Fatalf("nested sigmoid of depth 1000: %v", err)
	}
	if back := parser.MustParse(e.String()); back != e {
		t.Errorf("nested sigmoid does not round-trip")
	}
	// Exactly at the limits.
	atDepth := strings.Repeat("(", 5000) + "x" + strings.Repeat(")", 5000)
	if _, err := parser.Parse(atDepth); err != nil {
		t.Errorf("5000 parentheses: %v", err)
	}
	var b strings.Builder
	for b.Len() < 1<<20-8 {
		b.WriteString("x*y + ")
	}
	b.WriteString("1")
	long := b.String()
	if got, err := parser.Parse(long); err != nil {
		t.Errorf("1 MiB sum: %v", err)
	} else if want := symbolic.Add(symbolic.Mul(n(int64(strings.Count(long, "+"))), x, y), n(1)); got != want {
		t.Errorf("1 MiB sum = %v, want %v", got, want)
	}
	// Distinct names past the sample that sizes the intern table's room
	// (an input of 256 KB or more): a sum of 30 000 distinct products, as
	// the constructors build it.
	b.Reset()
	var terms []symbolic.Expr
	for i := 0; b.Len() < 300<<10; i++ {
		if i > 0 {
			b.WriteString(" + ")
		}
		a, c := "a"+strconv.Itoa(i), "c"+strconv.Itoa(i)
		b.WriteString(a + "*" + c)
		terms = append(terms, symbolic.Mul(symbolic.Sym(a), symbolic.Sym(c)))
	}
	if got, err := parser.Parse(b.String()); err != nil {
		t.Errorf("300 KB sum of distinct products: %v", err)
	} else if got != symbolic.Add(terms...) {
		t.Errorf("300 KB sum of distinct products: not the sum of its terms")
	}
}

// symbolicMessage returns the message of the *symbolic.Error that f panics
// with, which the parser passes on with a position.
func symbolicMessage(f func()) (msg string) {
	defer func() {
		if e, ok := recover().(*symbolic.Error); ok {
			msg = e.Msg
		}
	}()
	f()
	return "no error"
}

// Limit breaches wrap symbolic.ErrLimit, whether the parser or a
// constructor met them.
func TestLimitErrorsWrapErrLimit(t *testing.T) {
	for _, src := range []string{"3^(10^9)", "1e999999999", strings.Repeat("(", 6000) + "x" + strings.Repeat(")", 6000)} {
		_, err := parser.Parse(src)
		if !errors.Is(err, symbolic.ErrLimit) {
			t.Errorf("Parse(%.20q...): %v does not wrap symbolic.ErrLimit", src, err)
		}
	}
	if _, err := parser.Parse("1/0"); errors.Is(err, symbolic.ErrLimit) {
		t.Errorf("division by zero is not a limit: %v", err)
	}
}
