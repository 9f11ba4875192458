package derive_test

import (
	"maps"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/internal/allocs"
	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// graphValue evaluates the derivative the way an abridged derivation
// writes it: each name's value from its definition, then each name's total
// derivative from its local derivatives and its inputs' totals.
func graphValue(g *derive.Graph, env map[*symbolic.Symbol]float64) float64 {
	val := maps.Clone(env)
	total := map[*symbolic.Symbol]float64{g.Var: 1}
	for _, n := range g.Nodes {
		val[n.Name] = eval(n.Def, val)
		t := 0.0
		for i, in := range n.Inputs {
			t += eval(n.Locals[i], val) * total[in]
		}
		total[n.Name] = t
	}
	return total[g.Nodes[len(g.Nodes)-1].Name]
}

// checkAbridged checks an abridged derivation of e: no rule steps and no
// simplification, the graph's definitions and local derivatives exact, and
// the derivative through the graph, and the result row of its text, equal
// in value to symbolic.D's at random points in [lo, hi].
func checkAbridged(t *testing.T, d *derive.Derivation, e symbolic.Expr, v *symbolic.Symbol, lo, hi float64) {
	t.Helper()
	raw := symbolic.D(e, v)
	if !d.Abridged || len(d.Steps) != 0 || len(d.Simplification) != 0 || d.Raw != raw || d.Result != raw {
		t.Fatalf("abridged %v, %d steps, %d rewrites, Result %v, want abridged with D's result and nothing else", d.Abridged, len(d.Steps), len(d.Simplification), d.Result == raw)
	}
	g := d.Graph
	if g == nil {
		return
	}
	for k, n := range g.Nodes {
		if !strings.HasPrefix(n.Name.Name(), "u_") && k != len(g.Nodes)-1 {
			t.Errorf("intermediate variable %s, want u_1, u_2, ...", n.Name)
		}
	}
	defs := checkNodes(t, g)
	// The result row, read back: in the names, or in the variables unless
	// it keeps the totals of the chain rule by name.
	var result symbolic.Expr
	_, row, _ := strings.Cut(d.Text(), "\nResult\n")
	row, _, _ = strings.Cut(row, "\n")
	_, rhs, _ := strings.Cut(row, " = ")
	rhs, _, _ = strings.Cut(rhs, "    (")
	// (An abstract function's derivative, f'(x^2), does not parse back.)
	if !strings.Contains(rhs, "/d") && !strings.Contains(rhs, "/∂") && !strings.Contains(rhs, "'") {
		r, err := parser.Parse(rhs)
		if err != nil {
			t.Fatalf("result row %.200s: %v", row, err)
		}
		result = symbolic.Subs(r, defs)
	} else if g.Paths != nil && !strings.Contains(rhs, "'") {
		t.Errorf("result row %.200s, want it in the names", row)
	}
	vars := append(symbolic.Symbols(e), v)
	rng := rand.New(rand.NewSource(2))
	ok := 0
	for i := 0; i < 80 && ok < 6; i++ {
		env := map[*symbolic.Symbol]float64{}
		for _, s := range vars {
			env[s] = lo + (hi-lo)*rng.Float64()
		}
		want := eval(raw, env)
		if math.IsNaN(want) || math.IsInf(want, 0) {
			continue
		}
		ok++
		tol := 1e-9 * (1 + math.Abs(want))
		if got := graphValue(g, env); !(math.Abs(got-want) <= tol) {
			t.Errorf("through the graph: %g, D: %g at %v", got, want, env)
		}
		if result != nil {
			if got := eval(result, env); !(math.Abs(got-want) <= tol) {
				t.Errorf("result row: %g, D: %g at %v", got, want, env)
			}
		}
	}
	if ok < 3 {
		t.Errorf("only %d of 80 random points are in the domain of %.200s", ok, raw)
	}
}

// TestAbridgedCorpus derives every expression of the corpus through
// intermediate variables only (MaxNodes(0)) and checks it.
func TestAbridgedCorpus(t *testing.T) {
	simp := derive.WithSimplifier(func(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
		r, err := simplify.Simplify(t.Context(), e)
		return r, nil, err
	})
	for _, c := range corpus() {
		t.Run(c.e.String()+"/"+c.v.Name(), func(t *testing.T) {
			d, err := derive.New(c.e, c.v, derive.MaxNodes(0), simp)
			if err != nil {
				t.Fatal(err)
			}
			checkAbridged(t, d, c.e, c.v, -2.5, 2.5)
			for _, out := range []string{d.Text(), d.LaTeX(), d.Markdown(), derive.Standalone(d)} {
				if !strings.Contains(out, "Result") && !strings.Contains(out, `\frac{d`) && !strings.Contains(out, `\frac{\partial`) {
					t.Errorf("no result in\n%s", out)
				}
			}
		})
	}
}

// TestAbridgedLarge checks derivations of expressions past the rule-by-rule
// limit: deep chains (one path), a product of many factors and a nesting
// that shares each level twice (too many paths: accumulated node by node),
// and that their text grows in proportion to their distinct nodes.
func TestAbridgedLarge(t *testing.T) {
	x := workloads.X
	shared := func(n int) symbolic.Expr { // exp(-(u + sin(u))/2) nested n times
		e := symbolic.Expr(x)
		for range n {
			e = call("exp", symbolic.Mul(symbolic.Frac(-1, 2), symbolic.Add(e, call("sin", e))))
		}
		return symbolic.Add(e, x)
	}
	tests := []struct {
		name   string
		make   func(n int) symbolic.Expr
		n      int
		lo, hi float64
		paths  bool
	}{
		{"sine chain", workloads.SineChain, 1500, -2, 2, true},
		{"nested sigmoid", workloads.NestedSigmoid, 500, -2, 2, true},
		{"product of sines", workloads.ProductSin, 200, -2, 2, false},
		{"shared nesting", shared, 300, -2, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var size [2]int
			for i, n := range []int{tt.n, 2 * tt.n} {
				e := tt.make(n)
				d, err := derive.New(e, x)
				if err != nil {
					t.Fatal(err)
				}
				if (d.Graph.Paths != nil) != tt.paths {
					t.Errorf("paths written out: %v, want %v", d.Graph.Paths != nil, tt.paths)
				}
				if i == 0 {
					checkAbridged(t, d, e, x, tt.lo, tt.hi)
				}
				text := d.Text()
				size[i] = len(text)
				tex := d.LaTeX()
				if len(tex) > 3*len(text) {
					t.Errorf("LaTeX %d bytes, text %d", len(tex), len(text))
				}
				// A long product or sum continues on the next lines (a
				// product of names, as one expression, does not).
				for _, l := range strings.Split(tex, "\n") {
					if len(l) > 400 && tt.name != "product of sines" {
						t.Fatalf("a LaTeX line of %d bytes: %.200s", len(l), l)
					}
				}
			}
			// The product's top node has n inputs, each local derivative n-1
			// factors: its text is quadratic in n by nature.
			limit := 2.3
			if tt.name == "product of sines" {
				limit = 4.3
			}
			if g := float64(size[1]) / float64(size[0]); g > limit {
				t.Errorf("text grows %.2fx (%d -> %d bytes) when the input doubles, want at most %.1fx", g, size[0], size[1], limit)
			}
		})
	}
}

// TestAbridgedLinear checks that an abridged derivation of a deep chain,
// built and printed, costs allocations in proportion to its depth.
func TestAbridgedLinear(t *testing.T) {
	allocs.Linear(t, "New and Text", allocs.Chains(1000, 300), func(e symbolic.Expr) func() {
		return func() {
			d, err := derive.New(e, workloads.X)
			if err != nil || !d.Abridged {
				t.Fatal(err, d.Abridged)
			}
			_, _ = d.Text(), d.LaTeX()
		}
	})
}

// TestAbridgedRandom checks abridged derivations of random expressions in
// two variables, each shared by reuse as the operand of the next, so that
// the graphs have many paths.
func TestAbridgedRandom(t *testing.T) {
	y := symbolic.Sym("y")
	g := randexpr.New(7, &randexpr.Options{Vars: []*symbolic.Symbol{workloads.X, y}, MaxDepth: 3})
	for i := range 150 {
		e := g.Expr()
		if i%3 == 0 {
			e = symbolic.Add(e, call("sin", symbolic.Mul(e, g.Expr())))
		}
		for _, v := range []*symbolic.Symbol{workloads.X, y} {
			d, err := derive.New(e, v, derive.MaxNodes(0))
			if err != nil {
				t.Fatalf("%v by %v: %v", e, v, err)
			}
			checkAbridged(t, d, e, v, -1.5, 1.5)
		}
	}
}
