package graph_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/symdiff/symdiff/graph"
	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

var (
	w = symbolic.Sym("w")
	x = symbolic.Sym("x")
	b = symbolic.Sym("b")
	y = symbolic.Sym("y")
)

// fn names a row of the function table.
var fn = fntab.Must

// row is what the tests compare of a node.
type row struct {
	Name, Op       string
	Operands       []string
	Value, Adjoint float64
}

func rows(g *graph.Graph) []row {
	var rs []row
	for _, n := range g.Nodes {
		r := row{Name: n.Name, Op: n.Op, Value: n.Value, Adjoint: n.Adjoint}
		for _, k := range n.Operands {
			r.Operands = append(r.Operands, g.Nodes[k].Name)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestBuildAffine(t *testing.T) {
	e := symbolic.Add(symbolic.Mul(w, x), b) // w*x + b
	g, err := graph.Build(e, map[*symbolic.Symbol]float64{w: -2, x: 5, b: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{Name: "w", Op: "input", Value: -2, Adjoint: 5},
		{Name: "x", Op: "input", Value: 5, Adjoint: -2},
		{Name: "b", Op: "input", Value: 3, Adjoint: 1},
		{Name: "g1", Op: "*", Operands: []string{"w", "x"}, Value: -10, Adjoint: 1},
		{Name: "f", Op: "+", Operands: []string{"g1", "b"}, Value: -7, Adjoint: 1},
	}
	if diff := cmp.Diff(want, rows(g)); diff != "" {
		t.Errorf("graph of %s mismatch (-want +got):\n%s", e, diff)
	}
	// The edge from w to g1 carries the local gradient x = 5 and the
	// backward gradient 1*5.
	wantEdges := []graph.Edge{
		{From: 0, To: 3, Local: 5, Grad: 5},
		{From: 1, To: 3, Local: -2, Grad: -2},
		{From: 3, To: 4, Local: 1, Grad: 1},
		{From: 2, To: 4, Local: 1, Grad: 1},
	}
	if diff := cmp.Diff(wantEdges, g.Edges); diff != "" {
		t.Errorf("edges mismatch (-want +got):\n%s", diff)
	}
	if g.Output() != g.Node("f") || g.Node("nope") != nil {
		t.Errorf("Output or Node lookup wrong")
	}
	if in := g.Inputs(); len(in) != 3 || in[0].Name != "w" || in[2].Name != "b" {
		t.Errorf("Inputs() = %v", in)
	}
}

func TestBuildSigmoid(t *testing.T) {
	e := workloads.Logistic(x) // 1/(1 + exp(-x))
	g, err := graph.Build(e, map[*symbolic.Symbol]float64{x: 0})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{Name: "x", Op: "input", Value: 0, Adjoint: 0.25},
		{Name: "g1", Op: "-.", Operands: []string{"x"}, Value: 0, Adjoint: -0.25},
		{Name: "g2", Op: "exp", Operands: []string{"g1"}, Value: 1, Adjoint: -0.25},
		{Name: "g3", Op: "1 + .", Operands: []string{"g2"}, Value: 2, Adjoint: -0.25},
		{Name: "f", Op: "1/.", Operands: []string{"g3"}, Value: 0.5, Adjoint: 1},
	}
	if diff := cmp.Diff(want, rows(g)); diff != "" {
		t.Errorf("graph of %s mismatch (-want +got):\n%s", e, diff)
	}
	// The same with the built-in sigmoid: one operation, local gradient
	// sigmoid(0)*(1 - sigmoid(0)) = 0.25.
	g, err = graph.Build(symbolic.Apply(fn("sigmoid"), x), map[*symbolic.Symbol]float64{x: 0})
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Node("x").Adjoint; got != 0.25 {
		t.Errorf("d sigmoid(x)/dx at 0 = %v, want 0.25", got)
	}
}

// TestBuildAgreesWithGradient checks every input's adjoint against the
// symbolic gradient and against central differences at random points.
func TestBuildAgreesWithGradient(t *testing.T) {
	sin, log := fn("sin"), symbolic.Log
	cases := []symbolic.Expr{
		symbolic.Mul(x, y, symbolic.Apply(sin, x)),
		symbolic.Pow(x, y),
		symbolic.Div(x, symbolic.Add(y, symbolic.One)),
		symbolic.Apply(log, symbolic.Add(symbolic.Pow(x, symbolic.Two), y)),
		symbolic.Pow(x, x),
		symbolic.Mul(symbolic.Pi, symbolic.Sqrt(symbolic.Mul(x, y))),
		symbolic.Pow(symbolic.Int(2), symbolic.Mul(x, y)),
		workloads.NestedSigmoid(4),
		workloads.XOR(2).Loss,
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, e := range cases {
		t.Run(e.String(), func(t *testing.T) {
			vars := symbolic.Symbols(e)
			grad := symbolic.Gradient(e, vars)
			for trial := 0; trial < 3; trial++ {
				at := map[*symbolic.Symbol]float64{}
				for _, v := range vars {
					at[v] = 0.5 + 1.5*r.Float64()
				}
				g, err := graph.Build(e, at)
				if err != nil {
					t.Fatal(err)
				}
				for i, v := range vars {
					got := g.Node(v.Name()).Adjoint
					want := value(t, grad[i], at)
					if math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
						t.Errorf("at %v: adjoint of %s = %v, symbolic gradient %v", at, v, got, want)
					}
					if fd := centralDiff(t, e, v, at); math.Abs(got-fd) > 1e-6*(1+math.Abs(fd)) {
						t.Errorf("at %v: adjoint of %s = %v, finite difference %v", at, v, got, fd)
					}
				}
				if got, want := g.Output().Value, value(t, e, at); got != want {
					t.Errorf("output value %v, want %v", got, want)
				}
			}
		})
	}
}

// value evaluates e at the point through Build.
func value(t *testing.T, e symbolic.Expr, at map[*symbolic.Symbol]float64) float64 {
	t.Helper()
	g, err := graph.Build(e, at)
	if err != nil {
		t.Fatalf("Build(%s): %v", e, err)
	}
	return g.Output().Value
}

func centralDiff(t *testing.T, e symbolic.Expr, v *symbolic.Symbol, at map[*symbolic.Symbol]float64) float64 {
	x0 := at[v]
	h := 1e-5 * math.Max(1, math.Abs(x0))
	at[v] = x0 + h
	fp := value(t, e, at)
	at[v] = x0 - h
	fm := value(t, e, at)
	at[v] = x0
	return (fp - fm) / (2 * h)
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		e    symbolic.Expr
		at   map[*symbolic.Symbol]float64
		want string
	}{
		{"missing", symbolic.Add(x, y, w), map[*symbolic.Symbol]float64{x: 1}, "graph: no value for w, y"},
		{"abstract", symbolic.Apply(symbolic.Abstract("h"), x), map[*symbolic.Symbol]float64{x: 1}, "graph: cannot evaluate the abstract function h"},
		{"domain", symbolic.Apply(symbolic.Log, x), map[*symbolic.Symbol]float64{x: -1}, "graph: f = log(x) is NaN at the given point"},
		{"infinite", symbolic.Pow(x, symbolic.MinusOne), map[*symbolic.Symbol]float64{x: 0}, "graph: f = 1/x is +Inf at the given point"},
		{"nil", nil, nil, "graph: no expression"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := graph.Build(tt.e, tt.at)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Build error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestBuildSmallGraphs(t *testing.T) {
	f := symbolic.Sym("f")
	g1 := symbolic.Sym("g1")
	tests := []struct {
		name string
		e    symbolic.Expr
		at   map[*symbolic.Symbol]float64
		want []row
	}{
		{"constant", symbolic.Mul(symbolic.Int(2), symbolic.Pi), nil,
			[]row{{Name: "f", Op: "2*pi", Value: 2 * math.Pi, Adjoint: 1}}},
		{"variable", x, map[*symbolic.Symbol]float64{x: 3},
			[]row{{Name: "x", Op: "input", Value: 3, Adjoint: 1}}},
		{"names taken", symbolic.Add(symbolic.Mul(f, g1), symbolic.Apply(fn("sin"), f)), map[*symbolic.Symbol]float64{f: 0, g1: 2},
			[]row{
				{Name: "f", Op: "input", Value: 0, Adjoint: 3},
				{Name: "g1", Op: "input", Value: 2, Adjoint: 0},
				{Name: "h1", Op: "*", Operands: []string{"f", "g1"}, Value: 0, Adjoint: 1},
				{Name: "h2", Op: "sin", Operands: []string{"f"}, Value: 0, Adjoint: 1},
				{Name: "f_", Op: "+", Operands: []string{"h1", "h2"}, Value: 0, Adjoint: 1},
			}},
		{"folded constants", symbolic.Add(symbolic.Mul(symbolic.Int(3), symbolic.Pow(x, symbolic.Int(3))), symbolic.Pow(symbolic.Int(2), x)), map[*symbolic.Symbol]float64{x: 1},
			[]row{
				{Name: "x", Op: "input", Value: 1, Adjoint: 9 + 2*math.Ln2},
				{Name: "g1", Op: ".^3", Operands: []string{"x"}, Value: 1, Adjoint: 3},
				{Name: "g2", Op: "3*.", Operands: []string{"g1"}, Value: 3, Adjoint: 1},
				{Name: "g3", Op: "2^.", Operands: []string{"x"}, Value: 2, Adjoint: 1},
				{Name: "f", Op: "+", Operands: []string{"g2", "g3"}, Value: 5, Adjoint: 1},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := graph.Build(tt.e, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rows(g)); diff != "" {
				t.Errorf("graph of %s mismatch (-want +got):\n%s", tt.e, diff)
			}
		})
	}
}

func TestTable(t *testing.T) {
	e := symbolic.Add(symbolic.Mul(w, x), b)
	g, err := graph.Build(e, map[*symbolic.Symbol]float64{w: -2, x: 5, b: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := `node  operation  operands  value  adjoint
w     input                   -2        5
x     input                    5       -2
b     input                    3        1
g1    *          w, x        -10        1
f     +          g1, b        -7        1
`
	if got := g.Table(); got != want {
		t.Errorf("Table() =\n%s\nwant\n%s", got, want)
	}
}

func TestDOT(t *testing.T) {
	e := symbolic.Add(symbolic.Mul(w, x), b)
	g, err := graph.Build(e, map[*symbolic.Symbol]float64{w: -2, x: 5, b: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := `digraph backprop {
	rankdir=LR;
	node [fontname="Helvetica", fontsize=11];
	edge [fontname="Helvetica", fontsize=10];
	n0 [label="w\n-2\ngrad 5", shape=ellipse];
	n1 [label="x\n5\ngrad -2", shape=ellipse];
	n2 [label="b\n3\ngrad 1", shape=ellipse];
	n3 [label="g1 = *\n-10\ngrad 1", shape=box];
	n4 [label="f = +\n-7\ngrad 1", shape=box, peripheries=2];
	n0 -> n3 [label=<local 5<br/><font color="red">grad 5</font>>];
	n1 -> n3 [label=<local -2<br/><font color="red">grad -2</font>>];
	n3 -> n4 [label=<local 1<br/><font color="red">grad 1</font>>];
	n2 -> n4 [label=<local 1<br/><font color="red">grad 1</font>>];
}
`
	if got := g.DOT(); got != want {
		t.Errorf("DOT() =\n%s\nwant\n%s", got, want)
	}
}

func ExampleBuild() {
	w, x, b := symbolic.Sym("w"), symbolic.Sym("x"), symbolic.Sym("b")
	e := symbolic.Add(symbolic.Mul(w, x), b) // w*x + b
	g, err := graph.Build(e, map[*symbolic.Symbol]float64{w: -2, x: 5, b: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(g.Table())
	// Output:
	// node  operation  operands  value  adjoint
	// w     input                   -2        5
	// x     input                    5       -2
	// b     input                    3        1
	// g1    *          w, x        -10        1
	// f     +          g1, b        -7        1
}

func ExampleBuild_sigmoid() {
	x := symbolic.Sym("x")
	e := symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, symbolic.Neg(x))))
	g, err := graph.Build(e, map[*symbolic.Symbol]float64{x: 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(g.Table())
	// Output:
	// node  operation  operands  value  adjoint
	// x     input                    0     0.25
	// g1    -.         x             0    -0.25
	// g2    exp        g1            1    -0.25
	// g3    1 + .      g2            2    -0.25
	// f     1/.        g3          0.5        1
}
