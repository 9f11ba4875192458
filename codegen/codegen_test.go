package codegen

import (
	"context"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

var x, y = symbolic.Sym("x"), symbolic.Sym("y")

// call applies a row of the function table.
var call = fntab.Call

// opcodeExprs are expressions of x and y whose tapes hold, between them,
// every opcode of the numeric compiler, a function of one argument both
// on a register and on a fused sum of one term.
func opcodeExprs() []symbolic.Expr {
	I, one, two := symbolic.Int, symbolic.One, symbolic.Two
	return []symbolic.Expr{
		symbolic.Add(one, symbolic.Mul(I(2), x), symbolic.Neg(y), call("sin", x)),
		symbolic.Mul(I(3), x, y),
		symbolic.Div(symbolic.Mul(x, y), symbolic.Add(x, call("exp", y))),
		symbolic.Pow(symbolic.Add(x, one), two),
		symbolic.Pow(symbolic.Add(symbolic.Mul(I(3), x), one), I(-1)),
		symbolic.Add(symbolic.Pow(x, I(-3)), symbolic.Pow(x, I(7)), symbolic.Pow(y, I(-2)), symbolic.Pow(y, I(3))),
		symbolic.Add(symbolic.Sqrt(y), symbolic.Sqrt(symbolic.Add(I(3), x))),
		symbolic.Pow(y, symbolic.Frac(-1, 2)),
		symbolic.Pow(symbolic.Add(I(2), y), symbolic.Frac(1, 3)),
		symbolic.Pow(y, x),
		symbolic.Pow(two, x),
		call("exp", symbolic.Add(symbolic.Mul(I(2), x), one)),
		symbolic.Add(call("exp", symbolic.Neg(x)), y),
		symbolic.Add(call("log", y), call("log", symbolic.Add(I(3), x))),
		call("sin", symbolic.Mul(x, y)),
		call("cos", symbolic.Add(symbolic.Mul(I(3), x), one)),
		symbolic.Mul(call("sin", x), call("cos", x), y),
		symbolic.Add(call("sin", symbolic.Add(symbolic.Mul(I(2), x), one)), call("cos", symbolic.Add(symbolic.Mul(I(2), x), one))),
		call("tanh", x),
		symbolic.Add(call("sigmoid", symbolic.Mul(x, y)), call("sigmoid", symbolic.Sub(x, I(2)))),
		call("erf", x),
		call("atan", symbolic.Add(symbolic.Mul(I(3), x), one)),
		symbolic.D(workloads.ProductSin(12), x),
		symbolic.D(workloads.Sigmoid(), x),
		symbolic.Div(y, symbolic.Pow(symbolic.Add(symbolic.Mul(I(2), x), one), two)),
		symbolic.Div(y, symbolic.Pow(symbolic.Add(x, one), two)),
		symbolic.Div(symbolic.Mul(I(-3), y), symbolic.Pow(x, two)),
		// The compiler's stable lowerings: a coefficient beyond float64's
		// range and a product of integer powers (scale), the general power
		// rule's 0*log(0) (mulz).
		symbolic.Div(symbolic.Pow(x, two), symbolic.Pow(I(10), I(400))),
		symbolic.Pow(symbolic.Div(x, y), I(200)),
		symbolic.D(symbolic.Pow(call("relu", symbolic.Neg(x)), call("relu", symbolic.Neg(x))), x),
	}
}

// TestEveryOpcodeEveryLanguage emits the tape of every expression of
// opcodeExprs in every language and fails for an opcode of the numeric
// compiler that none of them holds: a new opcode fails here until it has
// a row in opcodeExprs and code in every dialect (emitting it fails
// otherwise). TestRunGenerated runs the same expressions' code.
func TestEveryOpcodeEveryLanguage(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range opcodeExprs() {
		p, err := numeric.Compile(e, x, y)
		if err != nil {
			t.Fatal(err)
		}
		tape := p.Tape()
		for _, in := range tape.Code {
			seen[in.Op] = true
		}
		for _, lang := range Langs {
			if _, err := emit(tape, signature{Vars: []string{"x", "y"}, Values: 1}, Options{Lang: lang}); err != nil {
				t.Errorf("%s: %v\n%s", lang, err, p)
			}
		}
	}
	for _, op := range numeric.Opcodes() {
		if !seen[op] {
			t.Errorf("no expression of opcodeExprs compiles to a %s instruction", op)
		}
	}
}

// TestUnknownOpcode checks that an instruction no dialect knows is an
// error naming it, not code that leaves a register unset.
func TestUnknownOpcode(t *testing.T) {
	tape := numeric.Tape{NumVars: 1, Registers: 2, Code: []numeric.Instr{{Op: "frobnicate", Dst: 1}}, Outs: []int{1}}
	for _, lang := range Langs {
		_, err := emit(tape, signature{Vars: []string{"x"}, Values: 1}, Options{Lang: lang})
		if err == nil || !strings.Contains(err.Error(), `"frobnicate"`) {
			t.Errorf("%s: error %v, want one naming the opcode", lang, err)
		}
	}
}

// TestEveryFunctionEveryLanguage checks that every function of the table
// has code in every language (TestRunGenerated checks its values).
func TestEveryFunctionEveryLanguage(t *testing.T) {
	for _, f := range symbolic.Builtins() {
		e := symbolic.Add(call(f.Name, x), call(f.Name, symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One)))
		for _, lang := range Langs {
			if _, err := Generate(context.Background(), []symbolic.Expr{e}, []*symbolic.Symbol{x}, Options{Lang: lang, Raw: true}); err != nil {
				t.Errorf("%s %s: %v", f.Name, lang, err)
			}
		}
	}
}

func TestOptionErrors(t *testing.T) {
	e := []symbolic.Expr{symbolic.Mul(x, y)}
	vars := []*symbolic.Symbol{x, y}
	for _, tc := range []struct {
		opt  Options
		fs   []symbolic.Expr
		want string
	}{
		{Options{Lang: "fortran"}, e, "unknown language"},
		{Options{Lang: Go, Name: "func"}, e, "cannot name"},
		{Options{Lang: C, Name: "double"}, e, "cannot name"},
		{Options{Lang: JS, Name: "2f"}, e, "cannot name"},
		{Options{Lang: NumPy, Name: "lambda"}, e, "cannot name"},
		{Options{Lang: Go, Name: "r3"}, e, "cannot name"},
		{Options{Lang: Go, Package: "my-pkg"}, e, "cannot name a Go package"},
		{Options{Lang: Go, Mode: Grad}, []symbolic.Expr{x, y}, "one expression"},
		{Options{Lang: Go, Mode: Hessian}, []symbolic.Expr{x, y}, "one expression"},
		{Options{Lang: Go}, nil, "no expression"},
	} {
		_, err := Generate(context.Background(), tc.fs, vars, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.opt, err, tc.want)
		}
	}
}

// TestHeader checks the comments: Go's generated-code marker, the
// expression and the layout of out.
func TestHeader(t *testing.T) {
	e := parser.MustParse("sigmoid(w*x + b)")
	vars := []*symbolic.Symbol{symbolic.Sym("w"), symbolic.Sym("b"), x}
	for _, tc := range []struct {
		lang Lang
		want []string
	}{
		{Go, []string{"// Code generated by symdiff v9 codegen; DO NOT EDIT.\n", "package nn", "func Loss(in, out []float64)", "sigmoid(w*x + b)", "[0] w, [1] b, [2] x"}},
		{C, []string{"// Code generated by symdiff v9", "void Loss(const double *in, double *out)", "#include <math.h>"}},
		{JS, []string{"// Code generated by symdiff v9", "export function Loss(inArray, outArray = new Float64Array(4))"}},
		{NumPy, []string{"# Code generated by symdiff v9", "def Loss(*args):", "return out[0], out[1:]"}},
	} {
		b, err := Generate(context.Background(), []symbolic.Expr{e}, vars, Options{Lang: tc.lang, Name: "Loss", Package: "nn", Mode: Grad, Version: "v9", Source: "sigmoid(w*x + b)"})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: no %q in\n%s", tc.lang, w, b)
			}
		}
	}
}
