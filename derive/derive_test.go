package derive_test

import (
	"context"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/symdiff/symdiff/internal/refeval"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/simplify"
	. "github.com/symdiff/symdiff/symbolic"
)

var x, y, w, b = Sym("x"), Sym("y"), Sym("w"), Sym("b")

func fn(name string) *Func {
	f, ok := Lookup(name)
	if !ok {
		panic("no function " + name)
	}
	return f
}

func call(name string, u Expr) Expr { return Apply(fn(name), u) }

// The five derivations of the golden files.
var (
	sigmoidExpr = Div(One, Add(One, call("exp", Neg(x))))
	linearExpr  = Add(Mul(w, x), b)
	xToX        = Pow(x, x)
	productExpr = Mul(Pow(x, Two), call("sin", x))
	quotient    = Div(call("sin", x), x)
)

// corpus is the expressions whose derivations the tests check numerically
// and render with KaTeX: the golden five, every built-in function composed
// with an inner function, and shapes that exercise each rule.
func corpus() []struct {
	e Expr
	v *Symbol
} {
	type c = struct {
		e Expr
		v *Symbol
	}
	cs := []c{
		{sigmoidExpr, x}, {linearExpr, w}, {linearExpr, x}, {xToX, x}, {productExpr, x}, {quotient, x},
		{Mul(x, call("sin", x), call("exp", x)), x},
		{Div(Mul(x, call("sin", x)), Add(x, One)), x},
		{Div(Add(x, One), Mul(x, call("cos", x))), x},
		{Div(Int(3), Add(Pow(x, Two), One)), x},
		{Div(One, Mul(x, call("sin", x))), x},
		{Pow(Int(2), Mul(Int(3), x)), x},
		{Pow(call("sin", x), call("cos", x)), x},
		{Sqrt(Add(Pow(x, Two), One)), x},
		{call("sigmoid", Add(Mul(w, x), b)), w},
		{Mul(Sym("theta_1"), Pow(Sym("rate"), Two)), Sym("rate")},
		{Apply(Abstract("f"), Pow(x, Two)), x},
		{call("log", Add(call("exp", x), call("exp", Neg(x)))), x},
		{Mul(Frac(1, 2), Pow(Sub(y, Mul(w, x)), Two)), w},
		{Sub(x, x), x}, {x, x}, {y, x},
		// Many paths through the graph: accumulated node by node.
		{Mul(call("sin", x), call("cos", x), call("exp", x), call("tan", x), Add(x, One), Pow(x, Int(3)), call("log", x)), x},
	}
	for _, f := range Builtins() {
		cs = append(cs, c{Apply(f, Add(Mul(Int(2), x), One)), x}, c{Div(Apply(f, x), Add(x, Int(3))), x})
	}
	return cs
}

// eval evaluates e at the point env with the function table's float64
// implementations.
func eval(e Expr, env map[*Symbol]float64) float64 {
	return refeval.Eval(e, env)
}

// sameValue reports whether a and b agree at random points where both are
// finite, and fails if there are too few such points.
func sameValue(t *testing.T, what string, a, b Expr, vars []*Symbol) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	ok := 0
	for i := 0; i < 80 && ok < 8; i++ {
		env := map[*Symbol]float64{}
		for _, v := range vars {
			env[v] = -2.5 + 5*rng.Float64()
		}
		va, vb := eval(a, env), eval(b, env)
		if math.IsNaN(va) || math.IsInf(va, 0) || math.IsNaN(vb) || math.IsInf(vb, 0) {
			continue
		}
		ok++
		if math.Abs(va-vb) > 1e-9*(1+math.Abs(va)+math.Abs(vb)) {
			t.Errorf("%s: %s = %g but %s = %g at %v", what, a, va, b, vb, env)
			return
		}
	}
	if ok < 3 {
		t.Errorf("%s: only %d of 80 random points are in the domain of %s and %s", what, ok, a, b)
	}
}

// TestNumeric checks every step, the derivative, the graph's definitions,
// local derivatives and result against symbolic.D at random points.
func TestNumeric(t *testing.T) {
	for _, c := range corpus() {
		t.Run(c.e.String()+"/"+c.v.Name(), func(t *testing.T) {
			d, err := derive.New(c.e, c.v)
			if err != nil {
				t.Fatal(err)
			}
			vars := append(Symbols(c.e), c.v)
			for i, s := range d.Steps {
				sameValue(t, "step "+s.Rule, s.Result, D(s.Expr, c.v), vars)
				if i == len(d.Steps)-1 && s.Expr != c.e {
					t.Errorf("last step derives %s, want %s", s.Expr, c.e)
				}
			}
			if d.Raw != D(c.e, c.v) {
				t.Errorf("Raw = %s, want D = %s", d.Raw, D(c.e, c.v))
			}
			sameValue(t, "derivative", d.Derivative, d.Raw, vars)
			if d.Result != d.Derivative {
				t.Errorf("Result = %s without a simplifier, want %s", d.Result, d.Derivative)
			}
			g := d.Graph
			if g == nil {
				return // fewer than two operations depend on the variable
			}
			defs := map[Expr]Expr{}
			for _, n := range g.Nodes {
				if got := Subs(n.Def, defs); got != n.Expr {
					t.Errorf("node %s = %s expands to %s, want %s", n.Name, n.Def, got, n.Expr)
				}
				defs[n.Name] = n.Expr
				for i, in := range n.Inputs {
					if want := D(n.Def, in); n.Locals[i] != want {
						t.Errorf("d%s/d%s = %s, want %s", n.Name, in, n.Locals[i], want)
					}
				}
			}
			if g.Nodes[len(g.Nodes)-1].Expr != c.e {
				t.Errorf("last node stands for %s, want %s", g.Nodes[len(g.Nodes)-1].Expr, c.e)
			}
			sameValue(t, "graph", g.Result, d.Raw, vars)
		})
	}
}

// TestSameAsD checks that where the derivation takes no constant factor
// out and uses no quotient rule, it arrives at D's very expression.
func TestSameAsD(t *testing.T) {
	for _, e := range []Expr{sigmoidExpr, xToX, productExpr, call("sigmoid", Pow(x, Two)), Mul(x, call("exp", x), call("sin", x))} {
		d, err := derive.New(e, x)
		if err != nil {
			t.Fatal(err)
		}
		if d.Derivative != d.Raw {
			t.Errorf("derivation of %s ends at %s, D gives %s", e, d.Derivative, d.Raw)
		}
	}
}

func rulesOf(d *derive.Derivation) []string {
	var rs []string
	for _, s := range d.Steps {
		r := s.Rule
		if s.Inner != nil {
			r += " + chain(" + s.Inner.String() + ")"
		}
		rs = append(rs, r)
	}
	return rs
}

func TestRules(t *testing.T) {
	tests := []struct {
		e    Expr
		v    *Symbol
		want []string
	}{
		{sigmoidExpr, x, []string{"constant multiple rule", "exponential rule + chain(-x)", "sum rule", "power rule + chain(exp(-x) + 1)"}},
		{linearExpr, w, []string{"constant multiple rule", "sum rule"}},
		{xToX, x, []string{"general power rule"}},
		{productExpr, x, []string{"power rule", "derivative of sin", "product rule"}},
		{quotient, x, []string{"derivative of sin", "quotient rule"}},
		{Pow(Int(2), x), x, []string{"exponential rule"}},
		{call("sigmoid", x), x, []string{"sigmoid rule"}},
		{call("log", call("sin", x)), x, []string{"derivative of sin", "logarithm rule + chain(sin(x))"}},
		{Apply(Abstract("f"), Pow(x, Two)), x, []string{"power rule", "derivative of f + chain(x^2)"}},
		{Div(x, Add(x, One)), x, []string{"sum rule", "quotient rule"}},
	}
	for _, tt := range tests {
		d, err := derive.New(tt.e, tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, rulesOf(d)); diff != "" {
			t.Errorf("rules of d/d%s %s (-want +got):\n%s", tt.v, tt.e, diff)
		}
	}
}

func TestGraphNames(t *testing.T) {
	d, err := derive.New(sigmoidExpr, x)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range d.Graph.Nodes {
		got = append(got, n.Name.Name()+" = "+n.Def.String())
	}
	want := []string{"u = -x", "v = exp(u)", "w = v + 1", "f = 1/w"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("graph of %s (-want +got):\n%s", sigmoidExpr, diff)
	}
	// Names already used by the expression are skipped.
	d, err = derive.New(Add(Mul(w, x), b, call("sin", Mul(Sym("u"), x))), x)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Graph.Nodes {
		if n.Name.Name() == "u" || n.Name.Name() == "w" {
			t.Errorf("graph reuses the expression's variable %s", n.Name)
		}
	}
}

func TestErrors(t *testing.T) {
	big := Expr(x)
	for i := 0; i < 30; i++ {
		big = call("sin", Add(big, Int(int64(i+1))))
	}
	tests := []struct {
		e    Expr
		v    *Symbol
		opts []derive.Option
		want string
	}{
		{nil, x, nil, "derive: nil expression"},
		{x, nil, nil, "derive: nil variable"},
		{x, Pi, nil, "derive: cannot differentiate with respect to the constant pi"},
		{big, x, []derive.Option{derive.MaxNodes(40)}, "derive: expression too large for a step-by-step derivation (91 nodes; the limit is 40)"},
		{x, x, []derive.Option{derive.WithSimplifier(func(Expr) (Expr, []derive.Rewrite, error) { return nil, nil, errors.New("boom") })},
			"derive: simplifying 1: boom"},
		{Pow(x, Two), x, []derive.Option{derive.WithSimplifier(func(e Expr) (Expr, []derive.Rewrite, error) {
			return e, []derive.Rewrite{{Rule: "bogus", Before: y, After: x}}, nil
		})}, "derive: simplification step 1 (bogus) rewrites y, which does not occur in 2*x"},
	}
	for _, tt := range tests {
		_, err := derive.New(tt.e, tt.v, tt.opts...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("New(%v, %v) error = %v, want %q", tt.e, tt.v, err, tt.want)
		}
	}
}

// TestSimplifier checks that rewrites of a subexpression become rewrites of
// the whole, and that a simplifier whose steps stop short gets a final
// step.
func TestSimplifier(t *testing.T) {
	s := func(e Expr) (Expr, []derive.Rewrite, error) {
		// d/dx sin(x)^2 = 2*cos(x)*sin(x): rewrite the product only.
		return call("sin", Mul(Int(2), x)), []derive.Rewrite{{Rule: "double angle", Before: e, After: call("sin", Mul(Int(2), x))}}, nil
	}
	d, err := derive.New(Pow(call("sin", x), Two), x, derive.WithSimplifier(s))
	if err != nil {
		t.Fatal(err)
	}
	if d.Result != call("sin", Mul(Int(2), x)) || len(d.Simplification) != 1 {
		t.Fatalf("Result = %s after %v", d.Result, d.Simplification)
	}
	sub := func(e Expr) (Expr, []derive.Rewrite, error) {
		// Rewrite exp(-x) inside the sigmoid's derivative, then stop short.
		return call("sigmoid", x), []derive.Rewrite{{Rule: "exp as power", Before: call("exp", Neg(x)), After: Pow(E, Neg(Mul(Two, x)))}}, nil
	}
	d, err = derive.New(sigmoidExpr, x, derive.WithSimplifier(sub))
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for i, rw := range d.Simplification {
		rules = append(rules, rw.Rule)
		if i > 0 && rw.Before != d.Simplification[i-1].After {
			t.Errorf("rewrite %d does not start where %d ended", i, i-1)
		}
	}
	if diff := cmp.Diff([]string{"exp as power", "simplification"}, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

// simplifier adapts package simplify to a derive.Simplifier.
func simplifier(e Expr) (Expr, []derive.Rewrite, error) {
	r, steps, err := simplify.SimplifySteps(context.Background(), e)
	rws := make([]derive.Rewrite, len(steps))
	for i, s := range steps {
		rws[i] = derive.Rewrite(s)
	}
	return r, rws, err
}

// TestWithSimplify runs the derivations of the corpus through package
// simplify and checks every rewrite numerically.
func TestWithSimplify(t *testing.T) {
	for _, c := range corpus()[:8] {
		d, err := derive.New(c.e, c.v, derive.WithSimplifier(simplifier))
		if err != nil {
			t.Fatal(err)
		}
		vars := append(Symbols(c.e), c.v)
		for _, rw := range d.Simplification {
			sameValue(t, rw.Rule, rw.Before, rw.After, vars)
		}
		sameValue(t, "result", d.Result, d.Raw, vars)
	}
}

// A derivation of a derivative names its function by FuncName, and
// Standalone writes several derivations as one document.
func TestFuncNameAndStandaloneOfSeveral(t *testing.T) {
	y := Sym("y")
	f := Mul(Pow(x, Int(2)), Pow(y, Int(3)))
	dx, err := derive.New(f, x)
	if err != nil {
		t.Fatal(err)
	}
	dy, err := derive.New(dx.Result, y, derive.FuncName("f_x"))
	if err != nil {
		t.Fatal(err)
	}
	text := dy.Text()
	if !strings.HasPrefix(text, "f_x(x, y) = 2*x*y^3\n") || !strings.HasSuffix(text, "∂f_x/∂y = 6*x*y^2\n") {
		t.Errorf("derivation of f_x:\n%s", text)
	}
	// A name the expression uses as a variable is not taken.
	dz, err := derive.New(Mul(Sym("f_x"), x), x, derive.FuncName("f_x"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(dz.Text(), "f_x(") {
		t.Errorf("FuncName took the variable's name:\n%s", dz.Text())
	}
	doc := derive.Standalone(dx, dy)
	for _, s := range []string{`\begin{document}`, `\end{document}`, `\documentclass`} {
		if n := strings.Count(doc, s); n != 1 {
			t.Errorf("%s occurs %d times in\n%s", s, n, doc)
		}
	}
	if strings.Count(doc, `\section*{`) != 2 || !strings.HasSuffix(doc, "\\end{document}\n") {
		t.Errorf("document:\n%s", doc)
	}
	if dx.Standalone() != derive.Standalone(dx) {
		t.Error("the method and the function differ for one derivation")
	}
}
