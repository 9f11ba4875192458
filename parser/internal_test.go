package parser

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/symdiff/symdiff/symbolic"
)

// treeInputs are valid inputs covering every production of the grammar.
var treeInputs = []string{
	"x", "42", "0.5e-3", "-x", "+x", "- - x", "x + y - z", "x * y / z",
	"2x", "2 x y", "2(x+1)", "(x+1)(x-1)", "x sin(x)", "2x^2", "2^3^2", "2**-x",
	"x^-y^2", "-x^2", "2*-x", "sin(x)^2", "log(x, 2)", "f'(g(x))*g''(x)",
	"1/(1+exp(-x))", "\n x\n +\t1", "a/b c", "x(y)", "((x))",
	"3/(2*(x+1))", "1/(-2*(x+1))", "1/(+-2(x+1))", "1/(-+2*(x+1))", "1/(- -2*(x+1))",
	"1/(-(x+1)*2)", "1/(2*-(x+1))", "1/((2*(x+1)))", "1/(2*(x+1)+0)", "1/(2*(x+1))^2", "1/(2(A+1))^1",
	"x/(2*x/(3*(x+1)))", "1/(sin(2*(x+1)))", "1/(2*(x-x))", "1/(-2*(x+1)*0)",
	strings.Repeat("1/(1+exp(-(", 50) + "x" + strings.Repeat(")))", 50),
	// Negated products, which Parse's engine makes negated (see signed).
	"-47*x*y^2", "a - 3*x*y + 2*x", "-2^2*y", "-0*x", "-1*x", "- 1 x", "-2 x y", "x - (a+b)*2",
	"-(a+b)*2", "-x/y", "-x/y/z", "- -x*y", "-2*3*x", "x - 2*(1/2)", "-sin(x)*cos(x)", "a-b*c-d*e*f",
	"-1/2*x", "-x*x", "-x*(-x)", "-2*x/2", "-x^-1*x", "-exp(x)*exp(-x)", "-(1/2)*2", "-3*(x+1)",
	"x^2 - 3*x*y + y^2 - 4*x^2*y^3", "-f(x)*g(x)", "-1/0*x", "-x*1/0", "-2**3*x",
}

// TestFastPathMatchesParticiple checks that the hand-written parser builds
// exactly the tree of the participle grammar.
func TestFastPathMatchesParticiple(t *testing.T) {
	for _, in := range treeInputs {
		checkSameTree(t, in)
	}
}

func checkSameTree(t *testing.T, in string) {
	t.Helper()
	opts := []Option{Funcs("f", "g")}
	want, _, err1 := parseTreeWith(in, opts, withParticiple)
	got, _, err2 := parseTreeWith(in, opts, withFastPath)
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%q: participle error %v, fast path error %v", in, err1, err2)
	}
	if err1 != nil {
		return
	}
	// cmp takes exponential time on deep trees that differ, so compare
	// dumps first and let cmp show the difference only on small trees.
	if dw, dg := dump(want), dump(got); dw != dg {
		if len(in) > 100 {
			t.Errorf("%q: fast path tree differs from participle's:\n%s\n%s", in, dw, dg)
			return
		}
		t.Errorf("%q: fast path tree differs from participle's (-participle +fast):\n%s", in, cmp.Diff(want, got, cmpopts.EquateEmpty()))
	}
}

// loweringErrorInputs are inputs that pass check but whose lowering fails,
// at the position of the operation whose constructor refuses them.
var loweringErrorInputs = []string{
	"1/0", "x + 1/0", "2 - 3^(10^9)", "x*(0^-1)", "log(x, 1)", "sin(x, y)", "f(x, y)",
	"1e999999999", "0.5e-99999999999999999999", "x - -1/(1-1)", "(0)^(-2) + 1/0",
	"exp(x)(1/0)", "2(x) (0^-1)", "sin(x)^(1/0)", strings.Repeat("9", 200000),
}

// laterErrorInputs have an error early in the input and another of an
// earlier stage (lexer before check before the constructors) later:
// Parse's engine, which lexes, checks and lowers in one pass, must report
// what the stages report one after the other.
var laterErrorInputs = []string{
	"1/0 + )", "1/0 $", "1 + ) $", "sin(1/0", "(1/0", "1/0 ,", "1/0 +", "log(x, 1) sinn(x)",
	"1/0 x'", "sin(x)' + 1/0", "1/0 ()", "2^(1/0) 3 4", "1/0 + " + strings.Repeat("(", 6000) + "x",
	"1/0\n\t+ \xff", "sinn(x) + \x00", "1/0 + sin", "f(1/0, )", "1/0 2 3 ** )",
}

// TestDirectMatchesParticiple checks that Parse's engine, which lowers as
// it reads, returns what lower returns on the participle grammar's tree:
// the same expression, or the same error at the same position.
func TestDirectMatchesParticiple(t *testing.T) {
	for _, in := range slices.Concat(treeInputs, loweringErrorInputs, laterErrorInputs) {
		checkSameResult(t, in)
	}
}

// TestMemoChangesNothing checks that Parse's engine returns the same with
// its memo of constructor calls (see memo), here on every input, as the
// participle grammar's tree lowered: inputs that repeat subexpressions,
// with errors after them.
func TestMemoChangesNothing(t *testing.T) {
	defer func(n int) { memoFrom = n }(memoFrom)
	memoFrom = 0
	repeated := []string{
		"sin(3*x+1)*x^2 + sin(3*x+1)*x^2 - sin(3*x+2)/x^2", "x^2 y^2 + x^2 y^3 - (x^2 y^2)^-1",
		"-x - -x + exp(-x) exp(-x) - 1/(1+exp(-x))^2/(1+exp(-x))", "log(x, 2) + log(x, 2) + ln(x) + log(x)",
		"sqrt(x) + sqrt(x) + f(x) + f(x) + f'(x) f'(x)", "(a+b)(a+b)(a+b)(a+b)(a+b) + (a+b)(a+b)",
		"2^x 2^x + 2^(x+1) - 2^x/2^x", "x/0.5 + x/0.5 - x*2", "1/x + 1/x + 1/(1/x) + 1/0",
		"sin(x)^2 + sin(x)^2 + (sin(x)^2)^0 + 3^(10^9)",
	}
	for _, in := range slices.Concat(treeInputs, loweringErrorInputs, laterErrorInputs, fuzzSeeds, repeated) {
		checkSameResult(t, in)
	}
}

// TestMemoReview checks that a memo that finds few of its calls drops its
// table at a review, and that one that finds enough keeps it.
func TestMemoReview(t *testing.T) {
	for _, tt := range []struct {
		name   string
		repeat int // each call is made this many times in a row
		keep   bool
	}{{"all new", 1, false}, {"each twice", 2, true}, {"each 8 times", 8, true}} {
		m := newMemo(memoFrom)
		for i := 0; i < 2*memoReview; i++ {
			xs := []symbolic.Expr{symbolic.Int(int64(i / tt.repeat))}
			if v, slot := m.find(opNeg, xs); v == nil {
				m.put(slot, opNeg, xs, symbolic.Neg(xs[0]))
			} else if v != symbolic.Neg(xs[0]) {
				t.Fatalf("%s: found %v for -%v", tt.name, v, xs[0])
			}
		}
		if got := m.entries != nil; got != tt.keep {
			t.Errorf("%s: table kept %v, want %v", tt.name, got, tt.keep)
		}
	}
}

func checkSameResult(t *testing.T, in string) {
	t.Helper()
	opts := []Option{Funcs("f", "g")}
	want, err1 := Parse(in, append(opts, Participle())...)
	got, err2 := Parse(in, opts...)
	if fmt.Sprint(err1) != fmt.Sprint(err2) || !reflect.DeepEqual(err1, err2) {
		t.Fatalf("%.80q: participle and lower give error %v, Parse gives %v", in, err1, err2)
	}
	if got != want {
		t.Errorf("%.80q: participle and lower give %.200s, Parse gives %.200s", in, want, got)
	}
}

func TestSuggest(t *testing.T) {
	c := newConfig([]Option{Funcs("myfunc")})
	tests := []struct{ in, want string }{
		{"sinn", "sin"}, {"sni", "sin"}, {"coss", "cos"}, {"tann", "tan"},
		{"sigmod", "sigmoid"}, {"sofplus", "softplus"}, {"myfnuc", "myfunc"},
		{"lg", "ln"}, {"x", ""}, {"f", ""}, {"abc", "abs"}, {"banana", ""},
		{"sinhh", "sinh"}, {"arcsin", "asin"}, {"arctan", "atan"}, {"foo", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.in, c); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"sin", "sin", 0}, {"sin", "sinn", 1}, {"sni", "sin", 1}, {"cos", "sin", 3}, {"ab", "ba", 1},
		{"θx", "θy", 1}, {"", "ab", 2},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, 5); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDepthMeasure checks that the depth check counts what recursion the
// grammar does: a chain of products or sums costs nothing, while nested
// parentheses, sign chains and power chains cost a level each.
func TestDepthMeasure(t *testing.T) {
	tests := []struct {
		in    string
		depth int // smallest MaxDepth that accepts in
	}{
		{"x", 1}, {"x+y*z-w/v", 1}, {"(x)", 1}, {"((x))", 2}, {"-x", 1},
		{"--x", 2}, {"2^x", 1}, {"2^2^x", 2}, {"2^-x", 2}, {"-x * -y * -z", 1},
		{"x^2 + y^2 + z^2", 1}, {"x^2 y^2 z^2", 1}, {"sin(cos(x))", 2},
		{"1/(1+exp(-(x)))", 4}, {"(x)(y)(z)", 1},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.in, MaxDepth(tt.depth)); err != nil {
			t.Errorf("Parse(%q, MaxDepth(%d)): %v", tt.in, tt.depth, err)
		}
		if tt.depth > 1 {
			if _, err := Parse(tt.in, MaxDepth(tt.depth-1)); err == nil {
				t.Errorf("Parse(%q, MaxDepth(%d)) gave no error", tt.in, tt.depth-1)
			}
		}
	}
}

// dump writes a syntax tree as text with every field, nil pointers and empty
// slices alike as "nil".
func dump(v any) string {
	var b strings.Builder
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				b.WriteString("nil")
				return
			}
			walk(v.Elem())
		case reflect.Slice:
			if v.Len() == 0 {
				b.WriteString("nil")
				return
			}
			b.WriteByte('[')
			for i := range v.Len() {
				walk(v.Index(i))
				b.WriteByte(' ')
			}
			b.WriteByte(']')
		case reflect.Struct:
			b.WriteString(v.Type().Name() + "{")
			for i := range v.NumField() {
				b.WriteString(v.Type().Field(i).Name + ":")
				walk(v.Field(i))
				b.WriteByte(' ')
			}
			b.WriteByte('}')
		default:
			fmt.Fprintf(&b, "%q", fmt.Sprint(v.Interface()))
		}
	}
	walk(reflect.ValueOf(v))
	return b.String()
}

// TestParticipleOption checks that Participle changes nothing but the
// engine: the same expressions and the same errors as the default, on
// valid and bad input.
func TestParticipleOption(t *testing.T) {
	inputs := allSeeds()
	opts := []Option{Funcs("f", "g")}
	for _, in := range inputs {
		want, werr := Parse(in, opts...)
		got, gerr := Parse(in, append(opts, Participle())...)
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Errorf("Parse(%q, Participle()) error %v, want %v", in, gerr, werr)
			continue
		}
		if got != want {
			t.Errorf("Parse(%q, Participle()) = %v, want %v", in, got, want)
		}
		ws, werr := Explain(in, opts...)
		gs, gerr := Explain(in, append(opts, Participle())...)
		if ws != gs || fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Errorf("Explain(%q, Participle()) = %q, %v, want %q, %v", in, gs, gerr, ws, werr)
		}
	}
}

// TestNesting checks nesting, which sizes the stack reserved for a deeply
// nested input: the deepest level of parentheses, whatever is around them.
func TestNesting(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"", 0},
		{"x + y", 0},
		{"sin(x)", 1},
		{"(a)(b)(c)", 1},
		{"f(g(h(x)), (y))", 3},
		{"1/(1+exp(-1/(1+exp(-x))))", 4},
		{strings.Repeat("sin(", 500) + "x" + strings.Repeat(")", 500), 500},
	}
	for _, tc := range tests {
		if got, _ := scan(tc.src); got != tc.want {
			t.Errorf("scan(%.40q) = %d, want %d", tc.src, got, tc.want)
		}
	}
}

// TestSmallDecimal checks the decimals read without big.Rat against
// big.Rat's reading, at the edges of their length and at random, and that
// what it does not read (an exponent, too many digits, no dot) is left
// to big.Rat.
func TestSmallDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	inputs := []string{"2.75", ".5", "3.", "0.0", "00.100", "999999999999999999.", ".999999999999999999",
		"123456789.123456789", "1e5", "1.5e-3", "12", "1234567890.123456789", "0.0000000000000000001", "."}
	for range 2000 {
		digits := 1 + rng.IntN(19)
		b := make([]byte, 0, digits+1)
		dot := rng.IntN(digits + 1)
		for i := range digits {
			if i == dot {
				b = append(b, '.')
			}
			b = append(b, byte('0'+rng.IntN(10)))
		}
		if dot == digits {
			b = append(b, '.')
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		got, ok := smallDecimal(s)
		want, valid := new(big.Rat).SetString(s)
		digits := len(s) - strings.Count(s, ".")
		small := valid && strings.Count(s, ".") == 1 && digits <= 18 && digits > 0 && !strings.ContainsAny(s, "eE")
		if ok != small {
			t.Errorf("smallDecimal(%q) reads it: %v, want %v", s, ok, small)
			continue
		}
		if ok && got.Big().Cmp(want) != 0 {
			t.Errorf("smallDecimal(%q) = %v, want %v", s, got.Big(), want)
		}
	}
}

// TestNegativeLiterals checks the number literals that the reading makes
// negated at once (see negativeLiteral) against the participle grammar's
// tree lowered, which negates what it read: after a binary and a unary
// minus, in products, divisors, exponents and parentheses, with a power
// after the literal (which binds tighter than the sign), and literals read
// through big.Rat (left to the general path), errors after them included.
func TestNegativeLiterals(t *testing.T) {
	for _, in := range []string{
		"x - 5", "-5", "-5^2", "- 5 ^ 2 * x", "2^-3^2", "x^-2", "x^-2.5", "x**-3", "-2(x + 1)", "-2 x y",
		"1/(-5)", "1/(-5*x)", "1/-5*x", "a/-2*x", "-2/x", "--5", "x - -5", "x - +5", "-0.25*x", ".5 - .5",
		"(x + 1)/(-2*(x + 1))", "(x + 1)/(y - 2)", "x - 123456789012345678901234567890",
		"x - 1e5", "x - 2.5e-3*y", "-0", "x - 0.0", "2*-3", "sin(-3) - 3", "f(-1, -2) - 1",
		"x - 999999999999999999", "x - 9999999999999999999", "x - 5 +", "x - 5^", "x - 5)",
	} {
		checkSameResult(t, in)
	}
}
