package symbolic_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/refeval"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// The helpers of this file are prefixed with grad so that they do not meet
// the other test files' helpers.

// gradEval evaluates every expression of es at env with one memo table, so
// that a gradient's shared DAG is evaluated once.
func gradEval(env map[*symbolic.Symbol]float64, es ...symbolic.Expr) []float64 {
	vs := make([]float64, len(es))
	for i, e := range es {
		vs[i] = refeval.Eval(e, env)
	}
	return vs
}

// gradFD returns the central difference of e with respect to x at env.
func gradFD(e symbolic.Expr, x *symbolic.Symbol, env map[*symbolic.Symbol]float64) float64 {
	x0 := env[x]
	h := 1e-5 * math.Max(1, math.Abs(x0))
	env[x] = x0 + h
	fp := gradEval(env, e)[0]
	env[x] = x0 - h
	fm := gradEval(env, e)[0]
	env[x] = x0
	return (fp - fm) / (2 * h)
}

func gradClose(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*(1+math.Abs(want))
}

func gradSyms(names ...string) []*symbolic.Symbol {
	out := make([]*symbolic.Symbol, len(names))
	for i, n := range names {
		out[i] = symbolic.Sym(n)
	}
	return out
}

// gradCorpus is a set of expressions in x, y, z, each to be sampled with
// every variable in [lo, hi].
func gradCorpus() []struct {
	e      symbolic.Expr
	lo, hi float64
} {
	x, y, z := symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("z")
	return []struct {
		e      symbolic.Expr
		lo, hi float64
	}{
		{symbolic.Mul(x, y), -2, 2},
		{symbolic.Add(symbolic.Mul(x, y), z), -2, 2},
		{symbolic.Mul(x, y, z, call("sin", x)), -2, 2},
		{symbolic.Pow(x, y), 0.5, 2},
		{symbolic.Pow(symbolic.Add(x, y), symbolic.Frac(1, 2)), 0.5, 2},
		{symbolic.Div(x, symbolic.Add(y, symbolic.One)), 0.5, 2},
		{symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(symbolic.Mul(x, y))))), -2, 2},
		{call("sigmoid", symbolic.Add(symbolic.Mul(x, y), z)), -2, 2},
		{symbolic.Apply(symbolic.Log, symbolic.Add(symbolic.Pow(x, symbolic.Two), symbolic.Pow(y, symbolic.Two), symbolic.One)), -2, 2},
		{symbolic.Mul(call("sin", symbolic.Mul(x, y)), call("cos", symbolic.Add(x, z)), symbolic.Apply(symbolic.Exp, symbolic.Mul(y, z))), -1, 1},
		{symbolic.Pow(call("tanh", symbolic.Mul(x, y)), symbolic.Int(3)), -2, 2},
		{symbolic.Mul(symbolic.Pow(x, symbolic.Int(-2)), symbolic.Pow(y, symbolic.Frac(3, 2)), z), 0.5, 2},
		{symbolic.Pow(symbolic.Int(2), symbolic.Mul(x, y)), -1, 1},
		{symbolic.Add(symbolic.Pow(x, x), symbolic.Mul(y, symbolic.Apply(symbolic.Log, x))), 0.5, 2},
		{call("atan", symbolic.Div(y, x)), 0.5, 2},
		{symbolic.Mul(symbolic.Apply(symbolic.Exp, x), symbolic.Pow(symbolic.Add(symbolic.Apply(symbolic.Exp, x), y), symbolic.MinusOne)), 0.5, 2},
		{call("softplus", symbolic.Mul(x, symbolic.Sub(y, z))), -2, 2},
		{symbolic.Mul(symbolic.Pi, x, symbolic.Pow(y, symbolic.Two)), -2, 2},
		{workloads.NestedSigmoid(5), -2, 2},
		{workloads.ProductSin(8), -1, 1},
		{workloads.ExpSin(), -2, 2},
		{symbolic.Mul(symbolic.Int(3), x), -2, 2},
		{symbolic.Int(7), -2, 2},
	}
}

// TestGradientAgreesWithD compares every partial with D, numerically at
// random points, on a corpus; for one variable it is the derivative.
func TestGradientAgreesWithD(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range gradCorpus() {
		t.Run(c.e.String(), func(t *testing.T) {
			vars := gradSyms("x", "y", "z")
			g := symbolic.Gradient(c.e, vars)
			if len(g) != len(vars) {
				t.Fatalf("Gradient returned %d partials for %d variables", len(g), len(vars))
			}
			for trial := 0; trial < 5; trial++ {
				env := map[*symbolic.Symbol]float64{}
				for _, v := range vars {
					env[v] = c.lo + (c.hi-c.lo)*r.Float64()
				}
				got := gradEval(env, g...)
				for i, v := range vars {
					want := gradEval(env, symbolic.D(c.e, v))[0]
					if !gradClose(got[i], want, 1e-12) {
						t.Errorf("at %v: d/d%s = %v from Gradient (%s), %v from D (%s)", env, v, got[i], g[i], want, symbolic.D(c.e, v))
					}
				}
			}
			// One variable: Gradient is the derivative.
			x := vars[0]
			if len(symbolic.Symbols(c.e)) <= 1 {
				g1 := symbolic.Gradient(c.e, []*symbolic.Symbol{x})[0]
				d := symbolic.D(c.e, x)
				env := map[*symbolic.Symbol]float64{x: c.lo + (c.hi-c.lo)*r.Float64()}
				if g1 != d && !gradClose(gradEval(env, g1)[0], gradEval(env, d)[0], 1e-12) {
					t.Errorf("Gradient(e, [x]) = %s, D(e, x) = %s differ at x = %v", g1, d, env[x])
				}
			}
		})
	}
}

// TestGradientForms pins the partials of small expressions to the local
// rules: products without division, powers, calls, abstract functions.
func TestGradientForms(t *testing.T) {
	x, y, z := symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("z")
	f := symbolic.Abstract("f")
	tests := []struct {
		name string
		e    symbolic.Expr
		vars []*symbolic.Symbol
		want []symbolic.Expr
	}{
		{"product", symbolic.Mul(x, y, z), []*symbolic.Symbol{x, y, z}, []symbolic.Expr{symbolic.Mul(y, z), symbolic.Mul(x, z), symbolic.Mul(x, y)}},
		{"coefficient", symbolic.Mul(symbolic.Int(3), x, y), []*symbolic.Symbol{x, y}, []symbolic.Expr{symbolic.Mul(symbolic.Int(3), y), symbolic.Mul(symbolic.Int(3), x)}},
		{"sum", symbolic.Add(x, symbolic.Mul(symbolic.Int(2), y), symbolic.One), []*symbolic.Symbol{x, y}, []symbolic.Expr{symbolic.One, symbolic.Two}},
		{"power", symbolic.Pow(x, y), []*symbolic.Symbol{x, y}, []symbolic.Expr{symbolic.Mul(y, symbolic.Pow(x, symbolic.Add(y, symbolic.MinusOne))), symbolic.Mul(symbolic.Pow(x, y), symbolic.Apply(symbolic.Log, x))}},
		{"square", symbolic.Pow(x, symbolic.Two), []*symbolic.Symbol{x}, []symbolic.Expr{symbolic.Mul(symbolic.Two, x)}},
		{"call", call("sin", symbolic.Mul(x, y)), []*symbolic.Symbol{x, y}, []symbolic.Expr{symbolic.Mul(y, call("cos", symbolic.Mul(x, y))), symbolic.Mul(x, call("cos", symbolic.Mul(x, y)))}},
		{"abstract", symbolic.Apply(f, symbolic.Mul(x, y)), []*symbolic.Symbol{x, y}, []symbolic.Expr{symbolic.Mul(y, symbolic.Apply(f.Derivative(), symbolic.Mul(x, y))), symbolic.Mul(x, symbolic.Apply(f.Derivative(), symbolic.Mul(x, y)))}},
		{"absent variable", call("sin", x), []*symbolic.Symbol{y}, []symbolic.Expr{symbolic.Zero}},
		{"constant", symbolic.Int(5), []*symbolic.Symbol{x}, []symbolic.Expr{symbolic.Zero}},
		{"the variable", x, []*symbolic.Symbol{x, y}, []symbolic.Expr{symbolic.One, symbolic.Zero}},
		{"repeated variable", symbolic.Mul(x, y), []*symbolic.Symbol{x, x}, []symbolic.Expr{y, y}},
		{"no variables", symbolic.Mul(x, y), nil, []symbolic.Expr{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := symbolic.Gradient(tt.e, tt.vars)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Gradient(%s) mismatch (-want +got):\n%s", tt.e, diff)
			}
		})
	}
}

// TestGradientProductZeroFactor checks that the product rule holds where a
// factor is zero (no division by the factor).
func TestGradientProductZeroFactor(t *testing.T) {
	x, y, z := symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("z")
	e := symbolic.Mul(x, y, z, call("sin", x))
	g := symbolic.Gradient(e, []*symbolic.Symbol{x, y, z})
	env := map[*symbolic.Symbol]float64{x: 0, y: 2, z: 3}
	got := gradEval(env, g...)
	want := []float64{0, 0, 0} // d/dx = yz(sin x + x cos x) = 0 at x = 0
	for i := range got {
		if got[i] != want[i] || math.IsNaN(got[i]) {
			t.Errorf("partial %d at x = 0: got %v, want %v", i, got[i], want[i])
		}
	}
	env[x] = 1
	got = gradEval(env, g...)
	for i, v := range []*symbolic.Symbol{x, y, z} {
		if fd := gradFD(e, v, env); !gradClose(got[i], fd, 1e-6) {
			t.Errorf("d/d%s = %v, finite difference %v", v, got[i], fd)
		}
	}
}

// TestGradientXOR checks the gradient of the XOR network's loss at widths 2
// to 128 (to 32 unless SYMDIFF_LONG is set): every partial against central differences at random parameters,
// and the size of the gradient's DAG against the loss's.
func TestGradientXOR(t *testing.T) {
	acts := []struct {
		name string
		mk   func(int) workloads.MLP
	}{
		{"sigmoid", workloads.XOR},
		{"logistic", func(h int) workloads.MLP { return workloads.XORWith(h, workloads.Logistic) }},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, act := range acts {
		for _, h := range long.N([]int{2, 8, 32}, []int{2, 8, 32, 128}) {
			t.Run(fmt.Sprintf("%s/h=%d", act.name, h), func(t *testing.T) {
				m := act.mk(h)
				g := symbolic.Gradient(m.Loss, m.Params)
				loss, grad := symbolic.Size(m.Loss), symbolic.Size(g...)
				t.Logf("loss DAG %d nodes %d edges, gradient DAG %d nodes %d edges (%.2fx, %.2fx)",
					loss, symbolic.Edges(m.Loss), grad, symbolic.Edges(g...), float64(grad)/float64(loss), float64(symbolic.Edges(g...))/float64(symbolic.Edges(m.Loss)))
				if grad > 5*loss {
					t.Errorf("gradient DAG has %d nodes, more than 5 times the loss's %d", grad, loss)
				}
				env := make(map[*symbolic.Symbol]float64, len(m.Params))
				for _, p := range m.Params {
					env[p] = 2*r.Float64() - 1
				}
				got := gradEval(env, g...)
				// The differences evaluate the loss compiled, for speed.
				prog, err := numeric.Compile(m.Loss, m.Params...)
				if err != nil {
					t.Fatal(err)
				}
				args := make([]float64, len(m.Params))
				for i, p := range m.Params {
					args[i] = env[p]
				}
				for i, p := range m.Params {
					x0 := args[i]
					step := 1e-5 * math.Max(1, math.Abs(x0))
					args[i] = x0 + step
					fp := prog.Eval(args)
					args[i] = x0 - step
					fm := prog.Eval(args)
					args[i] = x0
					if fd := (fp - fm) / (2 * step); !gradClose(got[i], fd, 1e-6) {
						t.Errorf("d/d%s = %v, finite difference %v", p, got[i], fd)
					}
				}
			})
		}
	}
}

// TestGradientDeepChain checks that a deep chain of calls differentiates
// into a DAG linear in the input (the adjoints down the chain stay pending
// products and the partial is one product), the same size as D's.
func TestGradientDeepChain(t *testing.T) {
	x := workloads.X
	for _, d := range []int{10, 1000} {
		e := workloads.NestedSigmoid(d)
		g := symbolic.Gradient(e, []*symbolic.Symbol{x})[0]
		if n, m := symbolic.Size(e), symbolic.Size(g); m > 2*n {
			t.Errorf("depth %d: gradient DAG %d nodes for %d input nodes", d, m, n)
		}
		env := map[*symbolic.Symbol]float64{x: 0.4}
		if got, want := gradEval(env, g)[0], gradEval(env, symbolic.D(e, x))[0]; !gradClose(got, want, 1e-12) {
			t.Errorf("depth %d: gradient %v, D %v", d, got, want)
		}
	}
}

// TestHessianRosenbrock checks the Hessian of the Rosenbrock function in 10
// and 50 dimensions: symmetric (the same node above and below the
// diagonal), and each entry against central differences of the gradient,
// whose entries are themselves checked against differences of the function.
func TestHessianRosenbrock(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{10, 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			f, xs := workloads.Rosenbrock(n)
			g := symbolic.Gradient(f, xs)
			H := hessian(t, f, xs)
			env := make(map[*symbolic.Symbol]float64, n)
			for _, x := range xs {
				env[x] = 4*r.Float64() - 2
			}
			gv := gradEval(env, g...)
			for i, x := range xs {
				if fd := gradFD(f, x, env); !gradClose(gv[i], fd, 1e-6) {
					t.Errorf("d/d%s = %v, finite difference %v", x, gv[i], fd)
				}
			}
			for i := range n {
				for j := range n {
					if H[i][j] != H[j][i] {
						t.Fatalf("H[%d][%d] = %s but H[%d][%d] = %s", i, j, H[i][j], j, i, H[j][i])
					}
				}
			}
			var flat []symbolic.Expr
			for _, row := range H {
				flat = append(flat, row...)
			}
			hv := gradEval(env, flat...)
			for j, x := range xs {
				x0 := env[x]
				step := 1e-5 * math.Max(1, math.Abs(x0))
				env[x] = x0 + step
				gp := gradEval(env, g...)
				env[x] = x0 - step
				gm := gradEval(env, g...)
				env[x] = x0
				for i := range n {
					fd := (gp[i] - gm[i]) / (2 * step)
					if got := hv[i*n+j]; !gradClose(got, fd, 1e-6) {
						t.Errorf("H[%d][%d] = %s = %v, finite difference %v", i, j, H[i][j], got, fd)
					}
				}
			}
		})
	}
}

func TestHessianSmall(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	e := symbolic.Mul(symbolic.Pow(x, symbolic.Int(3)), call("sin", y))
	H := hessian(t, e, []*symbolic.Symbol{x, y})
	want := [][]symbolic.Expr{
		{symbolic.D(symbolic.D(e, x), x), symbolic.D(symbolic.D(e, x), y)},
		{symbolic.D(symbolic.D(e, y), x), symbolic.D(symbolic.D(e, y), y)},
	}
	env := map[*symbolic.Symbol]float64{x: 0.7, y: -1.3}
	for i := range 2 {
		for j := range 2 {
			if got, w := gradEval(env, H[i][j])[0], gradEval(env, want[i][j])[0]; !gradClose(got, w, 1e-12) {
				t.Errorf("H[%d][%d] = %s = %v, want %s = %v", i, j, H[i][j], got, want[i][j], w)
			}
		}
	}
	if H[0][1] != H[1][0] {
		t.Errorf("H not symmetric: %s, %s", H[0][1], H[1][0])
	}
	if got := hessian(t, e, nil); len(got) != 0 {
		t.Errorf("Hessian with no variables = %v, want empty", got)
	}
}

func TestJacobian(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	fs := []symbolic.Expr{symbolic.Mul(x, y), symbolic.Add(call("sin", x), symbolic.Pow(y, symbolic.Two)), symbolic.Int(4)}
	vars := []*symbolic.Symbol{x, y}
	J, err := symbolic.Jacobian(context.Background(), fs, vars)
	if err != nil {
		t.Fatal(err)
	}
	if len(J) != len(fs) {
		t.Fatalf("Jacobian has %d rows, want %d", len(J), len(fs))
	}
	env := map[*symbolic.Symbol]float64{x: 0.3, y: 1.7}
	for i, f := range fs {
		if len(J[i]) != len(vars) {
			t.Fatalf("row %d has %d entries, want %d", i, len(J[i]), len(vars))
		}
		for j, v := range vars {
			if got, want := gradEval(env, J[i][j])[0], gradEval(env, symbolic.D(f, v))[0]; !gradClose(got, want, 1e-12) {
				t.Errorf("J[%d][%d] = %s = %v, want %v", i, j, J[i][j], got, want)
			}
		}
	}
}

// gradUnlet substitutes the bindings back, last first.
func gradUnlet(bs []symbolic.Binding, es []symbolic.Expr) []symbolic.Expr {
	out := make([]symbolic.Expr, len(es))
	copy(out, es)
	for k := len(bs) - 1; k >= 0; k-- {
		m := map[symbolic.Expr]symbolic.Expr{bs[k].Name: bs[k].Value}
		for i := range out {
			out[i] = symbolic.Subs(out[i], m)
		}
	}
	return out
}

func TestLet(t *testing.T) {
	m := workloads.XOR(2)
	g := symbolic.Gradient(m.Loss, m.Params)
	bs, out := symbolic.Let(symbolic.Gradient(m.Loss, m.Params))
	if len(bs) == 0 {
		t.Fatal("no bindings for the XOR gradient, which shares the hidden activations")
	}
	// Each value refers only to earlier names; each name is used at least
	// twice in later values and the outputs.
	defined := map[*symbolic.Symbol]int{}
	for k, b := range bs {
		for _, s := range symbolic.Symbols(b.Value) {
			if at, ok := defined[s]; ok && at >= k {
				t.Errorf("binding %s refers to later %s", b.Name, s)
			}
		}
		if _, ok := defined[b.Name]; ok {
			t.Errorf("name %s bound twice", b.Name)
		}
		defined[b.Name] = k
	}
	uses := map[symbolic.Expr]int{}
	var roots []symbolic.Expr
	for _, b := range bs {
		roots = append(roots, b.Value)
	}
	roots = append(roots, out...)
	// Each distinct node counts once as a user of each of its children.
	counted := map[symbolic.Expr]bool{}
	for _, e := range roots {
		uses[e]++
		symbolic.Walk(e, func(n symbolic.Expr) {
			if !counted[n] {
				counted[n] = true
				for _, c := range symbolic.Children(n) {
					uses[c]++
				}
			}
		})
	}
	for _, b := range bs {
		if uses[b.Name] < 2 {
			t.Errorf("%s = %s is used %d times", b.Name, b.Value, uses[b.Name])
		}
	}
	// Substituting back gives the gradient's values.
	back := gradUnlet(bs, out)
	r := rand.New(rand.NewPCG(7, 8))
	env := map[*symbolic.Symbol]float64{}
	for _, p := range m.Params {
		env[p] = 2*r.Float64() - 1
	}
	gv, bv := gradEval(env, g...), gradEval(env, back...)
	for i := range g {
		if !gradClose(bv[i], gv[i], 1e-12) {
			t.Errorf("partial %d: let form gives %v, gradient %v", i, bv[i], gv[i])
		}
	}
}

func TestLetAvoidsNames(t *testing.T) {
	x, t1 := symbolic.Sym("x"), symbolic.Sym("t1")
	s := call("sin", symbolic.Add(x, t1))
	e := symbolic.Add(symbolic.Mul(s, x), symbolic.Mul(s, t1))
	bs, out := symbolic.Let([]symbolic.Expr{e})
	if len(bs) != 1 {
		t.Fatalf("Let(%s) gave %d bindings, want 1 (sin(t1 + x))", e, len(bs))
	}
	if name := bs[0].Name.Name(); !strings.HasPrefix(name, "t_") {
		t.Errorf("binding named %s, which may clash with t1", name)
	}
	if bs[0].Value != s {
		t.Errorf("binding value %s, want %s", bs[0].Value, s)
	}
	if got := symbolic.Subs(out[0], map[symbolic.Expr]symbolic.Expr{bs[0].Name: bs[0].Value}); got != e {
		t.Errorf("substituting back gives %s, want %s", got, e)
	}
	// Trivial nodes and nodes used once are never bound.
	bs, out = symbolic.Let([]symbolic.Expr{symbolic.Add(symbolic.Neg(x), symbolic.Mul(symbolic.Neg(x), t1)), symbolic.Neg(x)})
	if len(bs) != 0 {
		t.Errorf("Let bound trivial nodes: %v (%v)", bs, out)
	}
}

func ExampleGradient() {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sin, _ := symbolic.Lookup("sin")
	e := symbolic.Mul(x, y, symbolic.Apply(sin, x)) // x*y*sin(x)
	for i, d := range symbolic.Gradient(e, []*symbolic.Symbol{x, y}) {
		fmt.Printf("d/d%s = %s\n", []string{"x", "y"}[i], d)
	}
	// Output:
	// d/dx = x*y*cos(x) + y*sin(x)
	// d/dy = x*sin(x)
}

func ExampleHessian() {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	e := symbolic.Add(symbolic.Mul(symbolic.Pow(x, symbolic.Two), y), symbolic.Pow(y, symbolic.Int(3))) // x^2*y + y^3
	H, err := symbolic.Hessian(context.Background(), e, []*symbolic.Symbol{x, y})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range H {
		fmt.Println(row)
	}
	// Output:
	// [2*y 2*x]
	// [2*x 6*y]
}

func ExampleLet_gradient() {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sigmoid, _ := symbolic.Lookup("sigmoid")
	e := symbolic.Apply(sigmoid, symbolic.Mul(x, y)) // sigmoid(x*y)
	bindings, grad := symbolic.Let(symbolic.Gradient(e, []*symbolic.Symbol{x, y}))
	for _, b := range bindings {
		fmt.Printf("%s = %s\n", b.Name, b.Value)
	}
	fmt.Printf("d/dx = %s\nd/dy = %s\n", grad[0], grad[1])
	// Output:
	// t1 = sigmoid(x*y)
	// t2 = 1 - t1
	// d/dx = t1*t2*y
	// d/dy = t1*t2*x
}

// BenchmarkGradientXOR measures the reverse sweep over the XOR loss; the
// ns/node metric is the time per node of the loss's DAG, flat when the cost
// is linear.
func BenchmarkGradientXOR(b *testing.B) {
	for _, h := range []int{2, 8, 32, 128} {
		b.Run(fmt.Sprintf("h=%d", h), func(b *testing.B) {
			m := workloads.XOR(h)
			n := symbolic.Size(m.Loss)
			for b.Loop() {
				symbolic.Gradient(m.Loss, m.Params)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/node")
		})
	}
}

// BenchmarkGradientNestedSigmoid measures a chain of one-parent nodes,
// where adjoints stay pending products: ns/node stays flat with depth.
func BenchmarkGradientNestedSigmoid(b *testing.B) {
	for _, d := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("d=%d", d), func(b *testing.B) {
			e := workloads.NestedSigmoid(d)
			n := symbolic.Size(e)
			vars := []*symbolic.Symbol{workloads.X}
			for b.Loop() {
				symbolic.Gradient(e, vars)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/node")
		})
	}
}

func BenchmarkHessianRosenbrock(b *testing.B) {
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f, xs := workloads.Rosenbrock(n)
			for b.Loop() {
				symbolic.Hessian(context.Background(), f, xs)
			}
		})
	}
}

// hessian is symbolic.Hessian under no deadline, failing the test on an
// error.
func hessian(t testing.TB, e symbolic.Expr, vars []*symbolic.Symbol) [][]symbolic.Expr {
	t.Helper()
	H, err := symbolic.Hessian(context.Background(), e, vars)
	if err != nil {
		t.Fatalf("Hessian(%v): %v", e, err)
	}
	return H
}

// dn is the n-th derivative by Diff with Order, failing the test on an
// error.
func dn(t testing.TB, e symbolic.Expr, x *symbolic.Symbol, n int) symbolic.Expr {
	t.Helper()
	d, err := symbolic.Diff(context.Background(), e, x, symbolic.Order(n))
	if err != nil {
		t.Fatalf("Diff(%v, Order(%d)): %v", e, n, err)
	}
	return d
}
