package numeric

import (
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// opcodeExprs are expressions whose tapes hold, between them, every
// opcode, each with the opcodes its tape must hold (and, for a function
// of one argument, both an argument in a register and a fused ac + aw*a).
var opcodeExprs = []struct {
	e   symbolic.Expr
	ops []opcode
}{
	{symbolic.Add(x, y), []opcode{opLin}},
	{symbolic.Add(symbolic.Int(1), symbolic.Mul(symbolic.Int(2), x), symbolic.Neg(y), call("sin", x)), []opcode{opLin, opSin}},
	{symbolic.Mul(symbolic.Int(3), x, y), []opcode{opMul}},
	{symbolic.Div(symbolic.Mul(x, y), symbolic.Add(x, call("exp", y))), []opcode{opMul, opExp}},
	{symbolic.Pow(x, symbolic.Two), []opcode{opPowi}},
	{symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Two), []opcode{opPowi}},
	{symbolic.Pow(symbolic.Add(symbolic.Mul(symbolic.Int(3), x), symbolic.One), symbolic.Int(-1)), []opcode{opPowi}},
	{symbolic.Pow(x, symbolic.Int(-3)), []opcode{opPowi}},
	{symbolic.Pow(x, symbolic.Int(7)), []opcode{opPowi}},
	{symbolic.Sqrt(y), []opcode{opSqrt}},
	{symbolic.Sqrt(symbolic.Add(symbolic.Int(3), x)), []opcode{opSqrt}},
	{symbolic.Pow(y, symbolic.Frac(-1, 2)), []opcode{opRsqrt}},
	{symbolic.Pow(symbolic.Add(symbolic.Int(2), y), symbolic.Frac(1, 3)), []opcode{opPowf}},
	{symbolic.Pow(y, x), []opcode{opPow}},
	{call("exp", x), []opcode{opExp}},
	{call("exp", symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One)), []opcode{opExp}},
	{symbolic.Add(call("exp", symbolic.Neg(x)), y), []opcode{opExpNeg}},
	{call("log", y), []opcode{opLog}},
	{call("log", symbolic.Add(symbolic.Int(3), x)), []opcode{opLog}},
	{call("sin", symbolic.Mul(x, y)), []opcode{opSin}},
	{call("cos", x), []opcode{opCos}},
	{call("cos", symbolic.Add(symbolic.Mul(symbolic.Int(3), x), symbolic.One)), []opcode{opCos}},
	{symbolic.Mul(call("sin", x), call("cos", x), y), []opcode{opSincos}},
	{symbolic.Add(call("sin", symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One)),
		call("cos", symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One))), []opcode{opSincos}},
	{call("tanh", x), []opcode{opTanh}},
	{call("sigmoid", symbolic.Mul(x, y)), []opcode{opSigmoid}},
	{call("sigmoid", symbolic.Sub(x, symbolic.Int(2))), []opcode{opSigmoid}},
	{call("erf", x), []opcode{opCall}},
	{call("atan", symbolic.Add(symbolic.Mul(symbolic.Int(3), x), symbolic.One)), []opcode{opCall}},
	{symbolic.D(workloads.ProductSin(12), x), []opcode{opLOO}},
	{symbolic.D(symbolic.Mul(x, y, call("sin", x), call("exp", y), call("cos", symbolic.Mul(x, y))), x), []opcode{opSincos, opMul, opLin}},
	{symbolic.D(workloads.Sigmoid(), x), []opcode{opDivSq, opExpNeg}},
	{symbolic.Div(y, symbolic.Pow(symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One), symbolic.Two)), []opcode{opDivSq}},
	{symbolic.Mul(symbolic.NewNumber(new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 1030))), x, y), []opcode{opScale}},
	{symbolic.Mul(symbolic.Pow(x, symbolic.Int(3)), symbolic.Pow(y, symbolic.Int(-2))), []opcode{opScale}},
	{symbolic.Mul(symbolic.Pow(symbolic.Add(symbolic.Two, y), x), call("log", symbolic.Add(symbolic.Two, y)), x), []opcode{opMulZ}},
}

// TestEveryOpcodeEveryInterpreter runs every opcode through every
// interpreter: Eval (execScalar), EvalComplex (execComplex), EvalBatch
// with each SIMD setting the machine has (execBatch) and ErrorBound
// (execBound), at points where the operands are negative, zero and near
// singular as well as ordinary. Eval must agree with the reference
// evaluation, EvalBatch with Eval bit for bit, EvalComplex with the
// reference in its real part and with the reference derivative in its
// complex step, ErrorBound's value with Eval bit for bit and its bound
// must cover Eval's error and be positive where the value is not zero.
// It fails for an opcode no row of opcodeExprs produces.
func TestEveryOpcodeEveryInterpreter(t *testing.T) {
	xs := []float64{-2.5, -1, -1.0 / 3, -1e-9, 0, 0.7, 1.9}
	ys := []float64{-1.3, 0, 1e-7, 0.4, 2.2}
	var cols [2][]float64
	for _, xv := range xs {
		for _, yv := range ys {
			cols[0] = append(cols[0], xv)
			cols[1] = append(cols[1], yv)
		}
	}
	n := len(cols[0])
	seen := make(map[opcode]bool)
	for _, tc := range opcodeExprs {
		t.Run(tc.e.String(), func(t *testing.T) {
			p, err := Compile(tc.e, x, y)
			if err != nil {
				t.Fatal(err)
			}
			got := ops(p)
			for _, op := range tc.ops {
				if got[op] == 0 {
					t.Errorf("no %v instruction in\n%s", op, p)
				}
			}
			for op := range got {
				seen[op] = true
			}
			dx := symbolic.D(tc.e, x)
			batch := make(map[simdMode][]float64)
			for _, mode := range simdModes() {
				out := make([]float64, n)
				withSIMD(mode, func() { p.EvalBatch(cols[:], [][]float64{out}) })
				batch[mode] = out
			}
			for k := range n {
				args := []float64{cols[0][k], cols[1][k]}
				env := map[*symbolic.Symbol]float64{x: args[0], y: args[1]}
				v, want := p.Eval(args), ref(tc.e, env)
				if !near(v, want, 1e-11) {
					t.Errorf("at %v: Eval %.17g, reference %.17g", args, v, want)
				}
				for mode, out := range batch {
					if math.Float64bits(out[k]) != math.Float64bits(v) {
						t.Errorf("at %v: EvalBatch (SIMD %d) %.17g, Eval %.17g", args, mode, out[k], v)
					}
				}
				bv, bound := p.ErrorBound(args)
				if math.Float64bits(bv) != math.Float64bits(v) {
					t.Errorf("at %v: ErrorBound's value %.17g, Eval %.17g", args, bv, v)
				}
				if isFinite(v) && isFinite(want) {
					if !(bound >= 0) || math.IsInf(bound, 0) || (v != 0 && bound == 0) {
						t.Errorf("at %v: ErrorBound's bound %g for the value %g", args, bound, v)
					}
					if math.Abs(v-want) > 8*bound+1e-15*math.Abs(want) {
						t.Errorf("at %v: Eval %.17g is %.3g from the reference %.17g, bound %.3g", args, v, math.Abs(v-want), want, bound)
					}
				}
				if !isFinite(want) {
					continue
				}
				c := p.EvalComplex([]complex128{complex(args[0], 0), complex(args[1], 0)})
				if !near(real(c), want, 1e-11) {
					t.Errorf("at %v: EvalComplex %v, reference %.17g", args, c, want)
				}
				const h = 1e-20
				d, dwant := p.EvalComplex([]complex128{complex(args[0], h), complex(args[1], 0)}), ref(dx, env)
				if isFinite(dwant) && !near(imag(d)/h, dwant, 1e-9) {
					t.Errorf("at %v: complex step %.17g, reference derivative %.17g", args, imag(d)/h, dwant)
				}
			}
		})
	}
	for op := range opCount {
		if opNames[op] == "" {
			t.Errorf("opcode %d has no name", op)
		}
		if !seen[op] {
			t.Errorf("no expression of opcodeExprs compiles to a %v instruction", op)
		}
	}
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// TestUnhandledOpcodePanics checks that every switch over opcodes panics,
// naming the opcode, on a value that is not one.
func TestUnhandledOpcodePanics(t *testing.T) {
	bad := opCount
	for _, tc := range []struct {
		name string
		run  func(in *instr)
	}{
		{"execScalar", func(in *instr) { execScalar(in, make([]float64, 1), nil) }},
		{"execComplex", func(in *instr) { execComplex(in, make([]complex128, 1), nil) }},
		{"execBatch", func(in *instr) { execBatch(in, [][]float64{make([]float64, 4)}, 4, make([]float64, 4)) }},
		{"execBound", func(in *instr) { execBound(in, make([]float64, 1), make([]float64, 1)) }},
		{"operands", func(in *instr) { in.operands(func(int32) {}) }},
		{"results", func(in *instr) { in.results(func(int32) {}) }},
		{"remap", func(in *instr) { remap(in, []int32{0}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tc.name) || !strings.Contains(msg, bad.String()) {
					t.Errorf("panic %q, want one naming %s and %v", msg, tc.name, bad)
				}
			}()
			tc.run(&instr{op: bad})
		})
	}
}
