package numeric

import (
	"math"
	"math/big"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

var (
	x = symbolic.Sym("x")
	y = symbolic.Sym("y")
)

// fn and call name rows of the function table.
var (
	fn   = fntab.Must
	call = fntab.Call
)

// ref evaluates e by walking the tree, the obvious way, as the reference
// the compiled Program must match.
func ref(e symbolic.Expr, env map[*symbolic.Symbol]float64) float64 {
	return refeval.Eval(e, env)
}

// refC is ref in complex128 through the table's EvalC.
func refC(e symbolic.Expr, env map[*symbolic.Symbol]complex128) complex128 {
	switch e := e.(type) {
	case *symbolic.Number:
		return complex(e.Float64(), 0)
	case *symbolic.Symbol:
		switch e {
		case symbolic.Pi:
			return math.Pi
		case symbolic.E:
			return math.E
		}
		return env[e]
	case *symbolic.Sum:
		s := complex128(0)
		for _, t := range e.Terms() {
			s += refC(t, env)
		}
		return s
	case *symbolic.Product:
		p := complex128(1)
		for _, f := range e.Factors() {
			p *= refC(f, env)
		}
		return p
	case *symbolic.Power:
		return cmplx.Pow(refC(e.Base(), env), refC(e.Exp(), env))
	case *symbolic.Call:
		return e.Func().EvalC(refC(e.Arg(), env))
	}
	panic(e)
}

// near reports |a - b| <= tol * max(|a|, |b|, 1), NaN equal to NaN.
func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if a == b {
		return true
	}
	return math.Abs(a-b) <= tol*math.Max(math.Max(math.Abs(a), math.Abs(b)), 1)
}

func compileExprs() []symbolic.Expr {
	two := symbolic.Two
	return []symbolic.Expr{
		x,
		symbolic.Int(3),
		symbolic.Pi,
		symbolic.Add(x, y),
		symbolic.Sub(x, y),
		symbolic.Mul(symbolic.Int(3), x, y),
		symbolic.Div(x, y),
		symbolic.Div(symbolic.Int(2), symbolic.Mul(x, y)),
		symbolic.Pow(x, two),
		symbolic.Pow(x, symbolic.Int(3)),
		symbolic.Pow(x, symbolic.Int(7)),
		symbolic.Pow(x, symbolic.Int(-3)),
		symbolic.Pow(y, symbolic.Half),
		symbolic.Pow(y, symbolic.Frac(-1, 2)),
		symbolic.Pow(y, symbolic.Frac(3, 2)),
		symbolic.Pow(y, symbolic.Frac(-5, 2)),
		symbolic.Pow(y, symbolic.Frac(1, 3)),
		symbolic.Pow(y, x),
		symbolic.Pow(two, x),
		symbolic.Mul(call("sin", symbolic.Int(1)), x), // constant folded into the coefficient
		symbolic.Add(call("log", symbolic.Int(2)), symbolic.Mul(symbolic.Pi, x)),
		symbolic.Add(symbolic.Pow(call("sin", x), two), call("sin", x), symbolic.Mul(x, call("sin", x))),
		workloads.Sigmoid(),
		symbolic.D(workloads.Sigmoid(), x),
		call("sigmoid", symbolic.Mul(x, y)),
		call("tanh", x), call("exp", x), call("log", y), call("cos", x), call("erf", x), call("softplus", x),
		call("abs", x), call("relu", x), call("atan", x), call("cbrt", x),
		symbolic.D(workloads.ProductSin(12), x),
		symbolic.D(symbolic.Mul(x, y, call("sin", x), call("exp", y), call("cos", symbolic.Mul(x, y))), x),
	}
}

func TestCompileMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, e := range compileExprs() {
		t.Run(e.String(), func(t *testing.T) {
			p, err := Compile(e, x, y)
			if err != nil {
				t.Fatal(err)
			}
			const n = 700 // more than two batch chunks
			xs, ys := make([]float64, n), make([]float64, n)
			out := make([]float64, n)
			for i := range xs {
				xs[i], ys[i] = 4*rng.Float64()-2, 0.1+3*rng.Float64()
			}
			p.EvalBatch([][]float64{xs, ys}, [][]float64{out})
			for i := range xs {
				args := []float64{xs[i], ys[i]}
				got := p.Eval(args)
				want := ref(e, map[*symbolic.Symbol]float64{x: xs[i], y: ys[i]})
				if !near(got, want, 1e-12) {
					t.Fatalf("at %v: Eval = %v, reference %v\n%s", args, got, want, p)
				}
				if math.Float64bits(out[i]) != math.Float64bits(got) && !(math.IsNaN(got) && math.IsNaN(out[i])) {
					t.Fatalf("at %v: EvalBatch = %v, Eval = %v (must agree to the bit)", args, out[i], got)
				}
				gc := p.EvalComplex([]complex128{complex(xs[i], 0), complex(ys[i], 0)})
				wc := refC(e, map[*symbolic.Symbol]complex128{x: complex(xs[i], 0), y: complex(ys[i], 0)})
				if cmplx.Abs(gc-wc) > 1e-12*math.Max(cmplx.Abs(wc), 1) && !cmplx.IsNaN(wc) {
					t.Fatalf("at %v: EvalComplex = %v, reference %v", args, gc, wc)
				}
			}
		})
	}
}

// ops counts the instructions of p by opcode.
func ops(p *Program) map[opcode]int {
	m := make(map[opcode]int)
	for _, in := range p.code {
		m[in.op]++
	}
	return m
}

func TestCompileShape(t *testing.T) {
	sinx := call("sin", x)
	tests := []struct {
		name string
		e    symbolic.Expr
		want map[opcode]int
	}{
		{"common subexpressions once", symbolic.Add(symbolic.Pow(sinx, symbolic.Two), sinx, call("exp", sinx)),
			map[opcode]int{opSin: 1, opPowi: 1, opExp: 1, opLin: 1}},
		{"x^2 by multiplication", symbolic.Pow(x, symbolic.Two), map[opcode]int{opPowi: 1}},
		{"x^(1/2) by sqrt", symbolic.Sqrt(x), map[opcode]int{opSqrt: 1}},
		{"x^(-1/2) by 1/sqrt", symbolic.Pow(x, symbolic.Frac(-1, 2)), map[opcode]int{opRsqrt: 1}},
		{"quotient divides", symbolic.Div(sinx, x), map[opcode]int{opSin: 1, opMul: 1}},
		{"coefficient folded", symbolic.Mul(symbolic.Int(3), x, y), map[opcode]int{opMul: 1}},
		{"weights folded", symbolic.Add(symbolic.Int(1), symbolic.Mul(symbolic.Int(2), x), symbolic.Neg(y)),
			map[opcode]int{opLin: 1}},
		{"constants folded", symbolic.Mul(call("sin", symbolic.Int(1)), symbolic.Pi, x), map[opcode]int{opMul: 1}},
		{"fast paths", symbolic.Add(call("sigmoid", x), call("tanh", x), call("log", y), call("cos", x)),
			map[opcode]int{opSigmoid: 1, opTanh: 1, opLog: 1, opCos: 1, opLin: 1}},
		{"table call", call("erf", x), map[opcode]int{opCall: 1}},
		{"sigmoid' in two passes", symbolic.D(workloads.Sigmoid(), x), map[opcode]int{opExpNeg: 1, opDivSq: 1}},
		{"square read twice kept", symbolic.Add(symbolic.Div(y, symbolic.Pow(sinx, symbolic.Two)), symbolic.Pow(sinx, symbolic.Two)),
			map[opcode]int{opSin: 1, opPowi: 1, opMul: 1, opLin: 1}},
		{"sin and cos of one argument fused", symbolic.Mul(sinx, call("cos", x), call("cos", y)),
			map[opcode]int{opSincos: 1, opCos: 1, opMul: 1}},
		{"exp of a negation fused", symbolic.Add(call("exp", symbolic.Neg(x)), y), map[opcode]int{opExpNeg: 1, opLin: 1}},
		{"negation kept for its other reader", symbolic.Add(call("exp", symbolic.Neg(x)), symbolic.Pow(symbolic.Neg(x), y)),
			map[opcode]int{opExpNeg: 1, opMul: 1, opPow: 1, opLin: 1}},
		{"variable alone", x, map[opcode]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Compile(tt.e, x, y)
			if err != nil {
				t.Fatal(err)
			}
			got := ops(p)
			for op, n := range tt.want {
				if got[op] != n {
					t.Errorf("%d %s instructions, want %d\n%s", got[op], opNames[op], n, p)
				}
			}
			total := 0
			for _, n := range tt.want {
				total += n
			}
			if p.Len() != total {
				t.Errorf("Len() = %d, want %d\n%s", p.Len(), total, p)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	f := symbolic.Abstract("f")
	tests := []struct {
		name string
		e    symbolic.Expr
		vars []*symbolic.Symbol
		want string
	}{
		{"unbound", symbolic.Add(x, y), []*symbolic.Symbol{x}, "variable y has no value"},
		{"two unbound", symbolic.Add(x, y, symbolic.Sym("z")), []*symbolic.Symbol{x}, "variables y, z have no value"},
		{"abstract", symbolic.Apply(f, x), []*symbolic.Symbol{x}, "abstract function f"},
		{"duplicate", x, []*symbolic.Symbol{x, x}, "variable x listed twice"},
		{"constant", x, []*symbolic.Symbol{x, symbolic.Pi}, "pi is a constant"},
		{"nil expression", nil, []*symbolic.Symbol{x}, "expression 0 is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(tt.e, tt.vars...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := CompileMany(nil, x); err == nil {
		t.Error("CompileMany(nil) succeeded")
	}
}

func TestEvalPanicsOnMisuse(t *testing.T) {
	p, err := Compile(symbolic.Add(x, y), x, y)
	if err != nil {
		t.Fatal(err)
	}
	cols := [][]float64{{1, 2}, {1, 2}}
	for name, call := range map[string]func(){
		"Eval":                 func() { p.Eval([]float64{1}) },
		"EvalMany":             func() { p.EvalMany([]float64{1, 2}, make([]float64, 2)) },
		"EvalBatch":            func() { p.EvalBatch([][]float64{{1}, {1, 2}}, [][]float64{make([]float64, 2)}) },
		"EvalBatch no outputs": func() { p.EvalBatch(cols, nil) },
		"EvalBatch 2 outputs":  func() { p.EvalBatch(cols, [][]float64{make([]float64, 2), make([]float64, 2)}) },
	} {
		func() {
			defer func() {
				r := recover()
				method, _, _ := strings.Cut(name, " ")
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "numeric: "+method) {
					t.Errorf("%s: panic %v, want a message starting numeric: %s", name, r, name)
				}
			}()
			call()
		}()
	}
}

func TestCompileMany(t *testing.T) {
	sinx := call("sin", x)
	es := []symbolic.Expr{sinx, symbolic.D(sinx, x), symbolic.Mul(sinx, y), symbolic.Int(7), y}
	p, err := CompileMany(es, x, y)
	if err != nil {
		t.Fatal(err)
	}
	// sin(x) and its derivative cos(x) share one sincos instruction.
	if got := ops(p); got[opSincos] != 1 || got[opSin]+got[opCos] != 0 {
		t.Errorf("sin and cos computed by %v, want one sincos\n%s", got, p)
	}
	const n = 300
	xs, ys := make([]float64, n), make([]float64, n)
	outs := make([][]float64, len(es))
	for j := range outs {
		outs[j] = make([]float64, n)
	}
	for i := range xs {
		xs[i], ys[i] = float64(i)/100, 2-float64(i)/77
	}
	p.EvalBatch([][]float64{xs, ys}, outs)
	out := make([]float64, len(es))
	for i := range xs {
		p.EvalMany([]float64{xs[i], ys[i]}, out)
		cout := make([]complex128, len(es))
		p.evalComplex([]complex128{complex(xs[i], 0), complex(ys[i], 0)}, cout)
		for j, e := range es {
			want := ref(e, map[*symbolic.Symbol]float64{x: xs[i], y: ys[i]})
			if !near(out[j], want, 1e-14) || outs[j][i] != out[j] || !near(real(cout[j]), want, 1e-14) {
				t.Fatalf("output %d (%s) at (%v, %v): EvalMany %v, batch %v, complex %v, want %v",
					j, e, xs[i], ys[i], out[j], outs[j][i], cout[j], want)
			}
		}
	}
}

// TestFusedSameBits: the fused instructions give exactly the values of the
// compiled code's functions (sincos those of sincosfast, expneg that of
// expfast of the negation), in scalar, many and batch evaluation, over
// the whole range: signed zeros, subnormals, the Payne-Hanek range of
// the trigonometric reduction, infinities and NaN.
func TestFusedSameBits(t *testing.T) {
	es := []symbolic.Expr{call("sin", x), call("cos", x), call("exp", symbolic.Neg(x))}
	p, err := CompileMany(es, x)
	if err != nil {
		t.Fatal(err)
	}
	if got := ops(p); got[opSincos] != 1 || got[opExpNeg] != 1 || p.Len() != 2 {
		t.Fatalf("not fused: %v\n%s", got, p)
	}
	pts := []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, 1e-300, math.Pi / 4, -math.Pi / 2, 1 << 29, -(1 << 29) - 0.5,
		1e10, -1e22, 1e300, math.MaxFloat64, -math.MaxFloat64, 709.78, -745.2, 710, -746, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		// Magnitudes from 1e-20 to 1e20 with both signs.
		v := math.Pow(10, -20+40*rng.Float64())
		if rng.IntN(2) == 0 {
			v = -v
		}
		pts = append(pts, v, 100*rng.Float64()-50)
	}
	want := func(i int, v float64) float64 {
		s, c := sincosfast(v)
		return [...]float64{s, c, expfast(-v)}[i]
	}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	outs := make([][]float64, len(es))
	for j := range outs {
		outs[j] = make([]float64, len(pts))
	}
	p.EvalBatch([][]float64{pts}, outs)
	out := make([]float64, len(es))
	for k, v := range pts {
		p.EvalMany([]float64{v}, out)
		for i := range es {
			if w := want(i, v); !same(out[i], w) || !same(outs[i][k], w) {
				t.Fatalf("%s at %v: EvalMany %v, batch %v, want %v", es[i], v, out[i], outs[i][k], w)
			}
		}
	}
}

// TestLeaveOneOut checks the prefix/suffix evaluation of the product rule's
// sums: it is used, it is linear in size, and it gives the same values as
// the naive evaluation, including where a factor is exactly zero.
func TestLeaveOneOut(t *testing.T) {
	for _, n := range []int{3, 10, 100} {
		f := workloads.ProductSin(n)
		df := symbolic.D(f, x)
		p, err := Compile(df, x)
		if err != nil {
			t.Fatal(err)
		}
		if n >= 10 && ops(p)[opLOO] != 1 {
			t.Errorf("n=%d: no leave-one-out instruction\n%s", n, p)
		}
		if n >= 10 && p.Len() > 6*n {
			t.Errorf("n=%d: %d instructions, want O(n)", n, p.Len())
		}
		pts := []float64{0.3, -1.1, 2.5, -1} // x = -1 makes sin(k*x + k) exactly 0
		for _, xv := range pts {
			got := p.Eval([]float64{xv})
			want := ref(df, map[*symbolic.Symbol]float64{x: xv})
			if !near(got, want, 1e-11) {
				t.Errorf("n=%d x=%v: %v, naive %v", n, xv, got, want)
			}
			cs := ComplexStep(func(z complex128) complex128 {
				return refC(f, map[*symbolic.Symbol]complex128{x: z})
			}, xv)
			if !near(got, cs, 1e-11) {
				t.Errorf("n=%d x=%v: %v, complex step %v", n, xv, got, cs)
			}
		}
	}
	// Terms with factors of their own, a term with every factor, a term
	// lacking two, and an unrelated term.
	names := []string{"sin", "cos", "exp", "atan", "tanh", "erf", "sigmoid", "asinh"}
	B := make([]symbolic.Expr, len(names))
	for i, n := range names {
		B[i] = call(n, x)
	}
	without := func(skip ...int) []symbolic.Expr {
		var fs []symbolic.Expr
		for i, b := range B {
			if !slices.Contains(skip, i) {
				fs = append(fs, b)
			}
		}
		return fs
	}
	var terms []symbolic.Expr
	for j := range B {
		extra := []symbolic.Expr{symbolic.Int(int64(j - 3)), symbolic.Pow(y, symbolic.Int(int64(j%3)))}
		terms = append(terms, symbolic.Mul(append(without(j), extra...)...))
	}
	terms = append(terms, symbolic.Mul(append(without(), x)...), symbolic.Mul(without(1, 2)...),
		symbolic.Mul(y, call("softplus", x)))
	e := symbolic.Add(terms...)
	p, err := Compile(e, x, y)
	if err != nil {
		t.Fatal(err)
	}
	if ops(p)[opLOO] != 1 {
		t.Errorf("no leave-one-out instruction\n%s", p)
	}
	for _, pt := range [][2]float64{{0.4, 1.5}, {-2, 0.5}, {0, 3}} {
		got := p.Eval(pt[:])
		want := ref(e, map[*symbolic.Symbol]float64{x: pt[0], y: pt[1]})
		if !near(got, want, 1e-13) {
			t.Errorf("at %v: %v, want %v\n%s", pt, got, want, p)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	df := symbolic.D(workloads.ProductSin(60), x)
	p, err := Compile(df, x)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			xs := make([]float64, 500)
			out := make([]float64, 500)
			for i := range xs {
				xs[i] = float64(g) + float64(i)/500
			}
			for range 5 {
				p.EvalBatch([][]float64{xs}, [][]float64{out})
				for i, xv := range xs {
					if v := p.Eval([]float64{xv}); v != out[i] {
						errs <- "batch and scalar disagree under concurrent use"
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestDeepExpression(t *testing.T) {
	// Nesting 100,000 deep (20,000 unless SYMDIFF_LONG is set) must not
	// overflow the stack.
	n := long.N(20000, 100000)
	var e symbolic.Expr = x
	for i := 0; i < n; i++ {
		e = call("sin", e)
	}
	p, err := Compile(e, x)
	if err != nil {
		t.Fatal(err)
	}
	v := 0.5
	for i := 0; i < n; i++ {
		v, _ = sincosfast(v)
	}
	if got := p.Eval([]float64{0.5}); got != v {
		t.Errorf("got %v, want %v", got, v)
	}
}

func TestRandomExpressionsMatchReference(t *testing.T) {
	g := randexpr.New(7, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 5, Kinks: true})
	for i := 0; i < 300; i++ {
		e := g.Expr()
		p, err := Compile(e, x, y)
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		for k := 0; k < 3; k++ {
			args := []float64{g.Point(-2, 2), g.Point(-2, 2)}
			got := p.Eval(args)
			want := ref(e, map[*symbolic.Symbol]float64{x: args[0], y: args[1]})
			if math.IsInf(want, 0) || math.IsNaN(want) {
				continue
			}
			if !near(got, want, 1e-9) {
				t.Fatalf("%s at %v: %v, reference %v\n%s", e, args, got, want, p)
			}
		}
	}
}

// TestParallelBatch: a batch large enough to be split over goroutines
// gives the values of the serial batch and of Eval, bit for bit, whatever
// the size relative to the blocks, for one output and for many.
func TestParallelBatch(t *testing.T) {
	es := []symbolic.Expr{
		symbolic.D(workloads.Sigmoid(), x),
		symbolic.D(workloads.ProductSin(12), x),
		symbolic.Mul(call("tanh", symbolic.Mul(x, y)), call("log", symbolic.Add(symbolic.Pow(y, symbolic.Two), symbolic.One))),
	}
	p, err := CompileMany(es, x, y)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{ParallelMinPoints - 1, ParallelMinPoints, 3*parallelBlock + 17} {
		xs, ys := make([]float64, n), make([]float64, n)
		for k := range xs {
			xs[k], ys[k] = -3+6*float64(k)/float64(n), math.Sin(float64(k))
		}
		cols := [][]float64{xs, ys}
		par, ser := make([][]float64, len(es)), make([][]float64, len(es))
		for j := range es {
			par[j], ser[j] = make([]float64, n), make([]float64, n)
		}
		p.EvalBatch(cols, par)
		p.EvalBatch(cols, ser, Serial())
		first, firstSer := make([]float64, n), make([]float64, n)
		p.EvalBatch(cols, [][]float64{first})
		p.EvalBatch(cols, [][]float64{firstSer}, Serial())
		out := make([]float64, len(es))
		for k := range xs {
			if k%97 == 0 || k == n-1 {
				p.EvalMany([]float64{xs[k], ys[k]}, out)
			} else { // Eval at every 97th point only, to keep the test short
				for j := range es {
					out[j] = ser[j][k]
				}
			}
			for j := range es {
				if par[j][k] != out[j] || ser[j][k] != out[j] {
					t.Fatalf("n=%d output %d point %d: parallel %v, serial %v, Eval %v", n, j, k, par[j][k], ser[j][k], out[j])
				}
			}
			if first[k] != par[0][k] || firstSer[k] != par[0][k] {
				t.Fatalf("n=%d point %d: EvalBatch %v, serial %v, all outputs %v", n, k, first[k], firstSer[k], par[0][k])
			}
		}
	}
}

// TestBatchShapes: every specialised batch loop of sums (1 to 11 terms,
// with and without weights) and products (0 to 4 factors, 0 to 2
// divisors) gives Eval's values bit for bit.
func TestBatchShapes(t *testing.T) {
	fs := []symbolic.Expr{call("sin", x), call("exp", y), call("atan", symbolic.Mul(x, y)), call("cos", symbolic.Add(x, y)),
		call("tanh", x), call("log", symbolic.Add(symbolic.Pow(y, symbolic.Two), symbolic.One)), call("erf", y),
		call("sigmoid", x), call("asinh", y), call("sinh", x), call("cbrt", y)}
	var es []symbolic.Expr
	for n := 1; n <= len(fs); n++ {
		es = append(es, symbolic.Add(fs[:n]...), symbolic.Add(symbolic.Frac(1, 3), symbolic.Add(fs[:n]...)))
		var weighted []symbolic.Expr
		for k, f := range fs[:n] {
			weighted = append(weighted, symbolic.Mul(symbolic.Int(int64(k+2)), f))
		}
		es = append(es, symbolic.Add(weighted...))
	}
	for na := 0; na <= 4; na++ {
		for nd := 0; nd <= 2; nd++ {
			if na+nd == 0 {
				continue
			}
			fac := []symbolic.Expr{symbolic.Frac(-5, 7)}
			fac = append(fac, fs[:na]...)
			for _, d := range fs[na : na+nd] {
				fac = append(fac, symbolic.Pow(d, symbolic.MinusOne))
			}
			es = append(es, symbolic.Mul(fac...))
		}
	}
	p, err := CompileMany(es, x, y)
	if err != nil {
		t.Fatal(err)
	}
	const n = 600 // more than two chunks
	xs, ys := make([]float64, n), make([]float64, n)
	outs := make([][]float64, len(es))
	for j := range outs {
		outs[j] = make([]float64, n)
	}
	for k := range xs {
		xs[k], ys[k] = -2+4*float64(k)/n, 1.5*math.Cos(float64(k))
	}
	p.EvalBatch([][]float64{xs, ys}, outs, Serial())
	out := make([]float64, len(es))
	for k := range xs {
		p.EvalMany([]float64{xs[k], ys[k]}, out)
		for j, e := range es {
			if math.Float64bits(out[j]) != math.Float64bits(outs[j][k]) {
				t.Fatalf("%s at (%v, %v): Eval %v, batch %v", e, xs[k], ys[k], out[j], outs[j][k])
			}
		}
	}
}

// TestAffineFusion: a sum of one term read only by a function of one
// argument is fused into it; the fused program gives Eval's values in
// batch bit for bit, agrees with the reference within ErrorBound's bound
// and with the complex evaluation; a sum read twice, or that is an
// output, stays an instruction of its own.
func TestAffineFusion(t *testing.T) {
	one, two, three := symbolic.One, symbolic.Two, symbolic.Int(3)
	lin := func(w, c int64, v symbolic.Expr) symbolic.Expr {
		return symbolic.Add(symbolic.Mul(symbolic.Int(w), v), symbolic.Int(c))
	}
	fused := []symbolic.Expr{
		call("sin", lin(3, 1, x)), call("cos", lin(1, -2, x)),
		symbolic.Mul(call("sin", lin(2, 1, x)), call("cos", lin(2, 1, x))),
		symbolic.Sqrt(lin(1, 3, y)), symbolic.Pow(lin(1, 3, y), symbolic.Frac(-1, 2)), symbolic.Pow(lin(2, 4, y), symbolic.Frac(1, 3)),
		symbolic.Pow(lin(1, 1, x), two), symbolic.Pow(lin(2, 1, x), three), symbolic.Pow(lin(1, 5, x), symbolic.Int(-2)),
		call("exp", lin(-1, 1, x)), call("log", lin(1, 2, y)), call("tanh", lin(2, 1, x)), call("sigmoid", lin(1, 1, x)),
		call("erf", lin(2, -1, x)), call("sin", symbolic.Add(x, one)),
		// Quotients by a square: divsq, with and without a fused sum.
		symbolic.Mul(call("sin", x), symbolic.Pow(lin(1, 3, x), symbolic.Int(-2))),
		symbolic.Mul(symbolic.Int(5), y, symbolic.Pow(lin(2, 5, x), symbolic.Int(-2))),
		symbolic.Mul(y, symbolic.Pow(call("cosh", x), symbolic.Int(-2))),
		symbolic.D(workloads.Sigmoid(), x),
	}
	for _, e := range fused {
		p, err := Compile(e, x, y)
		if err != nil {
			t.Fatal(err)
		}
		if got := ops(p); got[opLin] != 0 {
			t.Errorf("%s: sum not fused\n%s", e, p)
		}
		const n = 300
		xs, ys := make([]float64, n), make([]float64, n)
		for k := range xs {
			xs[k], ys[k] = -2+4*float64(k)/n, 1.5*math.Sin(float64(k))
		}
		out := make([]float64, n)
		p.EvalBatch([][]float64{xs, ys}, [][]float64{out}, Serial())
		for k := range xs {
			args := []float64{xs[k], ys[k]}
			v := p.Eval(args)
			if math.Float64bits(v) != math.Float64bits(out[k]) {
				t.Fatalf("%s at %v: Eval %v, batch %v", e, args, v, out[k])
			}
			got, bound := p.ErrorBound(args)
			want := ref(e, map[*symbolic.Symbol]float64{x: xs[k], y: ys[k]})
			if got != v || math.Abs(got-want) > 4*bound+1e-300 {
				t.Fatalf("%s at %v: Eval %v, ErrorBound %v ± %v, reference %v", e, args, v, got, bound, want)
			}
			if c := p.EvalComplex([]complex128{complex(xs[k], 0), complex(ys[k], 0)}); math.Abs(real(c)-v) > 4*bound+1e-300 {
				t.Fatalf("%s at %v: Eval %v, EvalComplex %v", e, args, v, c)
			}
		}
	}
	// Read twice: (x+1)^2 + sin(x+1) keeps x+1.
	p, err := Compile(symbolic.Add(symbolic.Pow(lin(1, 1, x), two), call("sin", lin(1, 1, x))), x)
	if err != nil {
		t.Fatal(err)
	}
	if ops(p)[opLin] != 2 {
		t.Errorf("shared sum fused:\n%s", p)
	}
	// An output: CompileMany of x+1 and sin(x+1).
	p, err = CompileMany([]symbolic.Expr{lin(1, 1, x), call("sin", lin(1, 1, x))}, x)
	if err != nil {
		t.Fatal(err)
	}
	if ops(p)[opLin] != 1 {
		t.Errorf("output sum fused:\n%s", p)
	}
	if got := p.String(); !strings.Contains(got, "sin r") {
		t.Errorf("String:\n%s", got)
	}
}

// TestErrorBoundBelowNormal: where a power falls below float64's normal
// range its rounding is absolute, a large part of its value, and a
// function with a singularity at 0 (log2, log10) turns that into an
// error of the order of 1, which ErrorBound's bound covers, or it says it
// cannot bound it (+Inf: the derivative of log2 at 1e-323 is beyond
// float64). It said 5e-13: the complex step of the function's derivative
// needs a step small beside its argument, and 1e-200 is not beside
// 1e-323. Where the power is a normal float64 (x = 0.05, x^211 about
// 1e-275) the bound is finite. The exact values are 211 times the
// logarithm of x, which float64 computes to a few ulps.
func TestErrorBoundBelowNormal(t *testing.T) {
	x211 := symbolic.Pow(x, symbolic.Int(211))
	const yv = -0.5468493191181674
	for _, tc := range []struct {
		e     symbolic.Expr
		exact func(x float64) float64
	}{
		{call("log2", x211), func(x float64) float64 { return 211 * math.Log2(x) }},
		{call("log10", x211), func(x float64) float64 { return 211 * math.Log10(x) }},
		{symbolic.Mul(y, call("log2", x211)), func(x float64) float64 { return yv * 211 * math.Log2(x) }},
	} {
		p, err := Compile(tc.e, x, y)
		if err != nil {
			t.Fatal(err)
		}
		for _, xv := range []float64{0.02948439979267814, 0.0294, 0.0296, 0.03, 0.05} {
			got, bound := p.ErrorBound([]float64{xv, yv})
			if xv == 0.05 && math.IsInf(bound, 0) {
				t.Errorf("%s at x = %v: no finite bound where the power is normal", tc.e, xv)
			}
			if want := tc.exact(xv); math.Abs(got-want) > bound+1e-12*math.Abs(want) {
				t.Errorf("%s at x = %v: %v ± %v, exactly %v", tc.e, xv, got, bound, want)
			}
		}
	}
}

// TestErrorBoundExactSubnormal: a function of a variable has the bound
// of its own rounding, however steep it is there: log, log10 and log2 of
// a subnormal x had a bound of NaN (their derivative 1/x, or its complex
// step, overflows, times the argument's error of 0). Where the argument
// carries an error (x^211 below the normal range, TestErrorBoundBelowNormal)
// the bound may be +Inf, never NaN.
func TestErrorBoundExactSubnormal(t *testing.T) {
	for _, f := range []string{"log", "log10", "log2", "atanh", "asinh", "cbrt"} {
		for _, e := range []symbolic.Expr{call(f, x), call(f, symbolic.Pow(x, symbolic.Int(3)))} {
			p, err := Compile(e, x)
			if err != nil {
				t.Fatal(err)
			}
			for _, xv := range []float64{5e-324, 1e-310, 3e-320, 0x1p-1022, 1e-300} {
				v, bound := p.ErrorBound([]float64{xv})
				if math.IsNaN(bound) || math.IsNaN(v) != math.IsNaN(bound) && !math.IsInf(bound, 1) {
					t.Errorf("%s at %g: %v with a bound of %v", e, xv, v, bound)
				}
				if e == call(f, x) && (math.IsInf(bound, 0) || bound > 16*0x1p-53*math.Abs(v)+0x1p-1073) {
					t.Errorf("%s at %g: %v with a bound of %v, more than its rounding", e, xv, v, bound)
				}
			}
		}
	}
}

// TestErrorBoundOverflow: what is computed from an intermediate that
// overflowed cannot be bounded, even where its value is finite. At
// y = 1.587, y^2001 is +Inf in float64 (e^924), and x = -0.498 makes
// log(y^2001)^x 0 against 0.0333 exactly; its bound was 5e-324 (pow
// took a zero power for an exact one), and that of log(y^2001) NaN. The
// bound of each is now +Inf, or covers the exact value.
func TestErrorBoundOverflow(t *testing.T) {
	const xv, yv = -0.49814278198529927, 1.5870712735879824
	l := 2001 * math.Log(yv) // log(y^2001), exactly enough
	for _, tc := range []struct {
		e     string
		exact float64
	}{
		{"log(y^2001)^x", math.Pow(l, xv)},
		{"(y^2001)^x", math.Exp(xv * l)},
		{"log(exp(1000*y))^x", math.Pow(1000*yv, xv)},
		{"atan(log(y^2001))*x", math.Atan(l) * xv},
		{"sqrt(y^2001)^x", math.Exp(xv * l / 2)},
		{"1/(y^2001)^x", math.Exp(-xv * l)},
		{"sigmoid(-y^2001)*x + x", xv},
	} {
		p, err := Compile(parser.MustParse(tc.e), x, y)
		if err != nil {
			t.Fatal(err)
		}
		got, bound := p.ErrorBound([]float64{xv, yv})
		if math.IsNaN(bound) || !math.IsInf(bound, 1) && !(math.Abs(got-tc.exact) <= bound+1e-12*math.Abs(tc.exact)) {
			t.Errorf("%s: %v ± %v, exactly %v", tc.e, got, bound, tc.exact)
		}
	}
}

// TestErrorBoundFoldedConstants: a constant subexpression is folded at
// compile time in float64 (and, for EvalComplex, in complex arithmetic),
// and its bound is that arithmetic's, as if it ran at run time. It was
// the representation of the folded value only: 2 - cbrt(2)^3 folds to 0
// in float64, bound 0, and to 1.1e-15 in complex arithmetic (FuzzCompile
// found it). Each value, the float and the complex one, lies within the
// bound of the exact one (a few ulps more where the exact value is itself
// a float64 computation); constants folded into a sum's constant term or
// a product's coefficient beside a variable are charged as well.
func TestErrorBoundFoldedConstants(t *testing.T) {
	cbrt3 := func(k int64) symbolic.Expr { return symbolic.Pow(call("cbrt", symbolic.Int(k)), symbolic.Int(3)) }
	zero := func(float64) float64 { return 0 }
	for _, tc := range []struct {
		e     symbolic.Expr
		exact func(x float64) float64
	}{
		{symbolic.Sub(symbolic.Int(2), cbrt3(2)), zero},
		{symbolic.Sub(cbrt3(7), symbolic.Int(7)), zero},
		{symbolic.Sub(symbolic.Mul(symbolic.Int(4), call("atan", symbolic.One)), symbolic.Pi), zero},
		{symbolic.Sub(call("exp", call("log", symbolic.Int(5))), symbolic.Int(5)), zero},
		{symbolic.Add(x, symbolic.Sub(symbolic.Int(2), cbrt3(2))), func(x float64) float64 { return x }},
		{symbolic.Add(symbolic.Mul(x, symbolic.Sub(cbrt3(5), symbolic.Int(5))), symbolic.One), func(float64) float64 { return 1 }},
		{symbolic.Mul(x, cbrt3(3), call("sin", symbolic.Add(x, symbolic.Sub(cbrt3(2), symbolic.Int(2))))),
			func(x float64) float64 { return 3 * x * math.Sin(x) }},
	} {
		p, err := Compile(tc.e, x)
		if err != nil {
			t.Fatal(err)
		}
		for _, xv := range []float64{0.7, -3.25, 1e-3} {
			want := tc.exact(xv)
			slack := 4 * 0x1p-52 * math.Abs(want)
			got, bound := p.ErrorBound([]float64{xv})
			if math.Abs(got-want) > bound+slack {
				t.Errorf("%s at x = %v: Eval %.17g ± %.3g, exactly %.17g", tc.e, xv, got, bound, want)
			}
			if c := p.EvalComplex([]complex128{complex(xv, 0)}); math.Abs(real(c)-want) > bound+slack {
				t.Errorf("%s at x = %v: EvalComplex %v, exactly %.17g (bound %.3g)", tc.e, xv, c, want, bound)
			}
		}
	}
}

// TestPowHugeOddExponent: an integer exponent beyond 2^53 rounds to an
// even float64, and Pow(b, f) is then |b|^f; the power of a negative base
// to an odd exponent keeps its sign (FuzzCompile found A*0^0^0^A^n, an
// odd n of 61 digits, give -0 for A; it is A).
func TestPowHugeOddExponent(t *testing.T) {
	odd, _ := new(big.Int).SetString("1000000000000000000000000000000000000000000000000000000000001", 10)
	even := new(big.Int).Add(odd, big.NewInt(1))
	for _, tc := range []struct {
		n    *big.Int
		x    float64
		want float64
	}{
		{odd, -1, -1}, {odd, -2, math.Inf(-1)}, {odd, -0.5, math.Copysign(0, -1)}, {odd, 1.5, math.Inf(1)}, {odd, 0.5, 0},
		{even, -1, 1}, {even, -2, math.Inf(1)}, {even, -0.5, 0},
		{new(big.Int).Neg(odd), -1, -1}, {new(big.Int).Neg(odd), -0.5, math.Inf(-1)}, {new(big.Int).Neg(odd), -2, math.Copysign(0, -1)},
	} {
		e := symbolic.Pow(x, symbolic.NumberOf(symbolic.RatFromBig(new(big.Rat).SetInt(tc.n))))
		p, err := Compile(e, x)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Eval([]float64{tc.x}); math.Float64bits(got) != math.Float64bits(tc.want) {
			t.Errorf("x^n (n = %v...) at x = %v: %v, want %v", tc.n.String()[:4], tc.x, got, tc.want)
		}
	}
}

// TestErrorBoundPowJump: where the error of a power's exponent reaches
// past a point where the power jumps (0 for a zero base, the next integer
// for a negative one), the bound is +Inf, "cannot say": at y = -1.94,
// y^702 is 1e202 give or take 1e189, an even integer in float64 of no
// known parity, so x^(y^702) at x < 0 has no known sign, and 0 to that
// power is 0, 1 or +Inf (FuzzCompile found 0^0^0^x^y^702 give 0 in
// float64 and 1 in complex arithmetic, with a bound of 0). An exact
// exponent, or an error that stays on one side, keeps a finite bound.
func TestErrorBoundPowJump(t *testing.T) {
	yy := symbolic.Pow(y, symbolic.Int(702))
	for _, tc := range []struct {
		e      symbolic.Expr
		x, y   float64
		finite bool
	}{
		{symbolic.Pow(x, yy), -1.33, -1.94, false},
		{symbolic.Pow(x, yy), 0.5, -1.94, true},
		{symbolic.Pow(x, symbolic.Add(y, symbolic.One)), -2, 2, true},
		{symbolic.Pow(x, symbolic.Mul(y, symbolic.Int(3))), -2, 1, true},
		{symbolic.Pow(symbolic.Sub(x, symbolic.Pi), symbolic.Add(y, symbolic.One)), math.Pi, 2, true},
		{symbolic.Pow(symbolic.Sub(x, symbolic.Pi), symbolic.Sub(y, symbolic.Pi)), math.Pi, math.Pi, false},
	} {
		p, err := Compile(tc.e, x, y)
		if err != nil {
			t.Fatal(err)
		}
		_, bound := p.ErrorBound([]float64{tc.x, tc.y})
		if finite := !math.IsInf(bound, 0) && !math.IsNaN(bound); finite != tc.finite {
			t.Errorf("%s at x = %v, y = %v: bound %v, want finite %v", tc.e, tc.x, tc.y, bound, tc.finite)
		}
	}
}
