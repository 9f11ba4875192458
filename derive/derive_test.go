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
	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

var x, y, w, b = symbolic.Sym("x"), symbolic.Sym("y"), symbolic.Sym("w"), symbolic.Sym("b")

// call applies a row of the function table.
var call = fntab.Call

// The five derivations of the golden files.
var (
	sigmoidExpr = symbolic.Div(symbolic.One, symbolic.Add(symbolic.One, call("exp", symbolic.Neg(x))))
	linearExpr  = symbolic.Add(symbolic.Mul(w, x), b)
	xToX        = symbolic.Pow(x, x)
	productExpr = symbolic.Mul(symbolic.Pow(x, symbolic.Two), call("sin", x))
	quotient    = symbolic.Div(call("sin", x), x)
)

// corpus is the expressions whose derivations the tests check numerically
// and render with KaTeX: the golden five, every built-in function composed
// with an inner function, and shapes that exercise each rule.
func corpus() []struct {
	e symbolic.Expr
	v *symbolic.Symbol
} {
	type c = struct {
		e symbolic.Expr
		v *symbolic.Symbol
	}
	cs := []c{
		{sigmoidExpr, x}, {linearExpr, w}, {linearExpr, x}, {xToX, x}, {productExpr, x}, {quotient, x},
		{symbolic.Mul(x, call("sin", x), call("exp", x)), x},
		{symbolic.Div(symbolic.Mul(x, call("sin", x)), symbolic.Add(x, symbolic.One)), x},
		{symbolic.Div(symbolic.Add(x, symbolic.One), symbolic.Mul(x, call("cos", x))), x},
		{symbolic.Div(symbolic.Int(3), symbolic.Add(symbolic.Pow(x, symbolic.Two), symbolic.One)), x},
		{symbolic.Div(symbolic.One, symbolic.Mul(x, call("sin", x))), x},
		{symbolic.Pow(symbolic.Int(2), symbolic.Mul(symbolic.Int(3), x)), x},
		{symbolic.Pow(call("sin", x), call("cos", x)), x},
		{symbolic.Sqrt(symbolic.Add(symbolic.Pow(x, symbolic.Two), symbolic.One)), x},
		{call("sigmoid", symbolic.Add(symbolic.Mul(w, x), b)), w},
		{symbolic.Mul(symbolic.Sym("theta_1"), symbolic.Pow(symbolic.Sym("rate"), symbolic.Two)), symbolic.Sym("rate")},
		{symbolic.Apply(symbolic.Abstract("f"), symbolic.Pow(x, symbolic.Two)), x},
		{call("log", symbolic.Add(call("exp", x), call("exp", symbolic.Neg(x)))), x},
		{symbolic.Mul(symbolic.Frac(1, 2), symbolic.Pow(symbolic.Sub(y, symbolic.Mul(w, x)), symbolic.Two)), w},
		{symbolic.Sub(x, x), x}, {x, x}, {y, x},
		// Many paths through the graph: accumulated node by node.
		{symbolic.Mul(call("sin", x), call("cos", x), call("exp", x), call("tan", x), symbolic.Add(x, symbolic.One), symbolic.Pow(x, symbolic.Int(3)), call("log", x)), x},
	}
	for _, f := range symbolic.Builtins() {
		cs = append(cs, c{symbolic.Apply(f, symbolic.Add(symbolic.Mul(symbolic.Int(2), x), symbolic.One)), x}, c{symbolic.Div(symbolic.Apply(f, x), symbolic.Add(x, symbolic.Int(3))), x})
	}
	return cs
}

// eval evaluates e at the point env with the function table's float64
// implementations.
func eval(e symbolic.Expr, env map[*symbolic.Symbol]float64) float64 {
	return refeval.Eval(e, env)
}

// sameValue reports whether a and b agree at random points where both are
// finite, and fails if there are too few such points.
func sameValue(t *testing.T, what string, a, b symbolic.Expr, vars []*symbolic.Symbol) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	ok := 0
	for i := 0; i < 80 && ok < 8; i++ {
		env := map[*symbolic.Symbol]float64{}
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
			vars := append(symbolic.Symbols(c.e), c.v)
			for i, s := range d.Steps {
				sameValue(t, "step "+s.Rule, s.Result, symbolic.D(s.Expr, c.v), vars)
				if i == len(d.Steps)-1 && s.Expr != c.e {
					t.Errorf("last step derives %s, want %s", s.Expr, c.e)
				}
			}
			if d.Raw != symbolic.D(c.e, c.v) {
				t.Errorf("Raw = %s, want D = %s", d.Raw, symbolic.D(c.e, c.v))
			}
			sameValue(t, "derivative", d.Derivative, d.Raw, vars)
			if d.Result != d.Derivative {
				t.Errorf("Result = %s without a simplifier, want %s", d.Result, d.Derivative)
			}
			g := d.Graph
			if g == nil {
				return // fewer than two operations depend on the variable
			}
			checkNodes(t, g)
			if g.Nodes[len(g.Nodes)-1].Expr != c.e {
				t.Errorf("last node stands for %s, want %s", g.Nodes[len(g.Nodes)-1].Expr, c.e)
			}
			sameValue(t, "graph", g.Result, d.Raw, vars)
		})
	}
}

// checkNodes checks that each node of g expands to the subexpression it
// stands for and that its local derivatives are D's, and returns the map
// from the names to those subexpressions.
func checkNodes(t *testing.T, g *derive.Graph) map[symbolic.Expr]symbolic.Expr {
	t.Helper()
	defs := map[symbolic.Expr]symbolic.Expr{}
	for _, n := range g.Nodes {
		if got := symbolic.Subs(n.Def, defs); got != n.Expr {
			t.Fatalf("node %s = %.200s expands to %.200s, want %.200s", n.Name, n.Def, got, n.Expr)
		}
		defs[n.Name] = n.Expr
		for i, in := range n.Inputs {
			if want := symbolic.D(n.Def, in); n.Locals[i] != want {
				t.Fatalf("d%s/d%s = %.200s, want %.200s", n.Name, in, n.Locals[i], want)
			}
		}
	}
	return defs
}

// TestSameAsD checks that where the derivation takes no constant factor
// out and uses no quotient rule, it arrives at D's very expression.
func TestSameAsD(t *testing.T) {
	for _, e := range []symbolic.Expr{sigmoidExpr, xToX, productExpr, call("sigmoid", symbolic.Pow(x, symbolic.Two)), symbolic.Mul(x, call("exp", x), call("sin", x))} {
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
		e    symbolic.Expr
		v    *symbolic.Symbol
		want []string
	}{
		{sigmoidExpr, x, []string{"constant multiple rule", "exponential rule + chain(-x)", "sum rule", "power rule + chain(exp(-x) + 1)"}},
		{linearExpr, w, []string{"constant multiple rule", "sum rule"}},
		{xToX, x, []string{"general power rule"}},
		{productExpr, x, []string{"power rule", "derivative of sin", "product rule"}},
		{quotient, x, []string{"derivative of sin", "quotient rule"}},
		{symbolic.Pow(symbolic.Int(2), x), x, []string{"exponential rule"}},
		{call("sigmoid", x), x, []string{"sigmoid rule"}},
		{call("log", call("sin", x)), x, []string{"derivative of sin", "logarithm rule + chain(sin(x))"}},
		{symbolic.Apply(symbolic.Abstract("f"), symbolic.Pow(x, symbolic.Two)), x, []string{"power rule", "derivative of f + chain(x^2)"}},
		{symbolic.Div(x, symbolic.Add(x, symbolic.One)), x, []string{"sum rule", "quotient rule"}},
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
	d, err = derive.New(symbolic.Add(symbolic.Mul(w, x), b, call("sin", symbolic.Mul(symbolic.Sym("u"), x))), x)
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
	big := symbolic.Expr(x)
	for i := 0; i < 30; i++ {
		big = call("sin", symbolic.Add(big, symbolic.Int(int64(i+1))))
	}
	tests := []struct {
		e    symbolic.Expr
		v    *symbolic.Symbol
		opts []derive.Option
		want string
	}{
		{nil, x, nil, "derive: nil expression"},
		{x, nil, nil, "derive: nil variable"},
		{x, symbolic.Pi, nil, "derive: cannot differentiate with respect to the constant pi"},
		{big, x, []derive.Option{derive.MaxNodes(40), derive.MaxGraphSize(150)}, "derive: expression too large for a step-by-step derivation (91 distinct nodes of graph size 181; the limit is 150)"},
		{x, x, []derive.Option{derive.WithSimplifier(func(symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) { return nil, nil, errors.New("boom") })},
			"derive: simplifying 1: boom"},
		{symbolic.Pow(x, symbolic.Two), x, []derive.Option{derive.WithSimplifier(func(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
			return e, []derive.Rewrite{{Rule: "bogus", Before: y, After: x}}, nil
		})}, "derive: simplification step 1 (bogus) rewrites y, which does not occur in 2*x"},
	}
	for _, tt := range tests {
		_, err := derive.New(tt.e, tt.v, tt.opts...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("New(%v, %v) error = %v, want %q", tt.e, tt.v, err, tt.want)
		}
		if tooLarge := strings.Contains(tt.want, "too large"); errors.Is(err, derive.ErrTooLarge) != tooLarge {
			t.Errorf("New(%v, %v) error = %v: errors.Is ErrTooLarge %v, want %v", tt.e, tt.v, err, !tooLarge, tooLarge)
		}
	}
}

// TestSimplifier checks that rewrites of a subexpression become rewrites of
// the whole, and that a simplifier whose steps stop short gets a final
// step.
func TestSimplifier(t *testing.T) {
	s := func(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
		// d/dx sin(x)^2 = 2*cos(x)*sin(x): rewrite the product only.
		return call("sin", symbolic.Mul(symbolic.Int(2), x)), []derive.Rewrite{{Rule: "double angle", Before: e, After: call("sin", symbolic.Mul(symbolic.Int(2), x))}}, nil
	}
	d, err := derive.New(symbolic.Pow(call("sin", x), symbolic.Two), x, derive.WithSimplifier(s))
	if err != nil {
		t.Fatal(err)
	}
	if d.Result != call("sin", symbolic.Mul(symbolic.Int(2), x)) || len(d.Simplification) != 1 {
		t.Fatalf("Result = %s after %v", d.Result, d.Simplification)
	}
	sub := func(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
		// Rewrite exp(-x) inside the sigmoid's derivative, then stop short.
		return call("sigmoid", x), []derive.Rewrite{{Rule: "exp as power", Before: call("exp", symbolic.Neg(x)), After: symbolic.Pow(symbolic.E, symbolic.Neg(symbolic.Mul(symbolic.Two, x)))}}, nil
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
func simplifier(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
	var steps []simplify.Step
	r, err := simplify.Simplify(context.Background(), e, simplify.CollectSteps(&steps))
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
		vars := append(symbolic.Symbols(c.e), c.v)
		for _, rw := range d.Simplification {
			sameValue(t, rw.Rule, rw.Before, rw.After, vars)
		}
		sameValue(t, "result", d.Result, d.Raw, vars)
	}
}

// A derivation of a derivative names its function by FuncName, and
// Standalone writes several derivations as one document.
func TestFuncNameAndStandaloneOfSeveral(t *testing.T) {
	y := symbolic.Sym("y")
	f := symbolic.Mul(symbolic.Pow(x, symbolic.Int(2)), symbolic.Pow(y, symbolic.Int(3)))
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
	dz, err := derive.New(symbolic.Mul(symbolic.Sym("f_x"), x), x, derive.FuncName("f_x"))
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
}
