package symbolic_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/symbolic"
)

// recanon rebuilds e bottom-up through the constructors: the canonical
// form of e's structure. Every node the library returns must already be
// canonical, i.e. recanon(e) == e.
func recanon(e symbolic.Expr, memo map[symbolic.Expr]symbolic.Expr) symbolic.Expr {
	if r, ok := memo[e]; ok {
		return r
	}
	ch := symbolic.Children(e)
	r := e
	if len(ch) > 0 {
		out := make([]symbolic.Expr, len(ch))
		for i, c := range ch {
			out[i] = recanon(c, memo)
		}
		r = symbolic.Rebuild(e, out)
	}
	memo[e] = r
	return r
}

// D and Gradient build long products by replacing or removing one factor
// directly (symbolic/replace.go) rather than through Mul; the result must
// be the node Mul would build. The factors here are chosen to merge in
// Mul's ways: powers of one base whose exponents differ by a number,
// exp(u) with e^v, numbers with numeric powers.
func TestDerivativesAreCanonical(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	sin, _ := symbolic.Lookup("sin")
	cos, _ := symbolic.Lookup("cos")
	exp := func(u symbolic.Expr) symbolic.Expr { return symbolic.Apply(symbolic.Exp, u) }
	pool := []symbolic.Expr{
		x, y, symbolic.Int(3), symbolic.Frac(-1, 2), symbolic.Pow(x, symbolic.Int(2)), symbolic.Pow(x, symbolic.Frac(1, 2)), symbolic.Pow(x, y),
		symbolic.Pow(x, symbolic.Mul(symbolic.Int(2), y)), exp(x), exp(symbolic.Mul(symbolic.Int(2), x)), exp(symbolic.Pow(x, symbolic.Int(2))),
		symbolic.Pow(symbolic.E, symbolic.Mul(symbolic.Int(3), x)), symbolic.Pow(symbolic.Int(2), x), symbolic.Pow(symbolic.Int(2), symbolic.Mul(symbolic.Int(2), x)), symbolic.Sqrt(symbolic.Int(2)),
		symbolic.Apply(sin, x), symbolic.Apply(cos, x), symbolic.Apply(sin, exp(symbolic.Mul(symbolic.Int(2), x))), symbolic.Apply(sin, symbolic.Pow(x, symbolic.Int(3))),
		symbolic.Add(x, symbolic.One), symbolic.Add(exp(x), y), symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Int(-1)), symbolic.Apply(symbolic.Log, x),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var cases []symbolic.Expr
	for range 400 {
		fs := make([]symbolic.Expr, 2+rng.IntN(4))
		for i := range fs {
			fs[i] = pool[rng.IntN(len(pool))]
		}
		cases = append(cases, symbolic.Mul(fs...))
	}
	// Long products take the indexed path of replace.go (> 16 factors).
	for range 20 {
		fs := []symbolic.Expr{symbolic.Int(5)}
		for k := range 18 {
			fs = append(fs, symbolic.Apply(sin, symbolic.Add(symbolic.Mul(symbolic.Int(int64(k+1)), x), y)))
		}
		fs = append(fs, pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))])
		cases = append(cases, symbolic.Mul(fs...))
	}
	g := randexpr.New(3, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}})
	for range 300 {
		cases = append(cases, g.Expr())
	}
	memo := map[symbolic.Expr]symbolic.Expr{}
	check := func(what string, e, r symbolic.Expr) {
		t.Helper()
		if c := recanon(r, memo); c != r {
			t.Errorf("%s of %v is not canonical:\n got  %v\n want %v", what, e, r, c)
		}
	}
	for _, e := range cases {
		check("d/dx", e, symbolic.D(e, x))
		for i, gi := range symbolic.Gradient(e, []*symbolic.Symbol{x, y}) {
			check([]string{"gradient[x]", "gradient[y]"}[i], e, gi)
		}
	}
}

// TestWalksOnRandomDAGs checks Size, Walk, Contains and Fold against each
// other on random expressions and their derivatives (DAGs that share
// subexpressions): Walk visits Size nodes, each once, children first; Fold
// calls its function as often and computes TreeSize; Contains finds every
// node Walk visits and no symbol it does not. Some are wide sums, past the
// operands after which Fold makes room for the rest and from which the
// walks load operands ahead.
func TestWalksOnRandomDAGs(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(41, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 4})
	rng := rand.New(rand.NewPCG(1, 2))
	absent := symbolic.Sym("absent_variable")
	for i := 0; i < 300; i++ {
		e := g.Expr()
		if rng.IntN(2) == 0 {
			e = symbolic.D(e, x)
		}
		if i%50 == 0 {
			terms := make([]symbolic.Expr, 1100+rng.IntN(1000))
			for j := range terms {
				terms[j] = symbolic.Mul(symbolic.Sym(fmt.Sprint("wide", j%700)), g.Expr())
			}
			e = symbolic.Add(terms...)
		}
		seen := map[symbolic.Expr]bool{}
		symbolic.Walk(e, func(n symbolic.Expr) {
			if seen[n] {
				t.Fatalf("Walk visits %v twice in %v", n, e)
			}
			for _, c := range symbolic.Children(n) {
				if !seen[c] {
					t.Fatalf("Walk visits %v before its child %v", n, c)
				}
			}
			seen[n] = true
		})
		if len(seen) != symbolic.Size(e) {
			t.Fatalf("Walk visits %d nodes of %v, Size says %d", len(seen), e, symbolic.Size(e))
		}
		calls := 0
		tree := symbolic.Fold(e, func(n symbolic.Expr, kids []int64) int64 {
			calls++
			s := int64(1)
			for _, k := range kids {
				s += k
			}
			return s
		})
		if calls != len(seen) || tree != symbolic.TreeSize(e) {
			t.Fatalf("Fold on %v: %d calls and tree size %d, want %d and %d", e, calls, tree, len(seen), symbolic.TreeSize(e))
		}
		checked := 0
		for n := range seen {
			if checked++; checked > 200 {
				break // each Contains walks e: a wide sum's nodes are too many to try all
			}
			if !symbolic.Contains(e, n) {
				t.Fatalf("Contains(%v, %v) = false for a node Walk visits", e, n)
			}
		}
		if symbolic.Contains(e, absent) {
			t.Fatalf("Contains(%v, %v) = true", e, absent)
		}
	}
}

// Apply takes a positive number factor out of abs and drops it from sign,
// as it takes a negative one out through their parities: abs(3*x) is
// 3*abs(x) and sign(3*x) is sign(x), whatever way they are written, and
// each has the value of the call it stands for.
func TestAbsSignNumberFactor(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	abs, _ := symbolic.Lookup("abs")
	sign, _ := symbolic.Lookup("sign")
	three, half := symbolic.Int(3), symbolic.Frac(1, 2)
	tests := []struct {
		f    *symbolic.Func
		u    symbolic.Expr
		want string
	}{
		{abs, symbolic.Mul(three, x), "3*abs(x)"},
		{abs, symbolic.Mul(half, x), "abs(x)/2"},
		{abs, symbolic.Mul(symbolic.Int(-3), x, y), "3*abs(x*y)"},
		{abs, symbolic.Add(symbolic.Mul(three, x), three), "abs(3*x + 3)"}, // a sum's content stays in
		{abs, three, "3"},
		{sign, symbolic.Mul(three, x), "sign(x)"},
		{sign, symbolic.Mul(symbolic.Frac(-1, 2), x), "-sign(x)"},
		{sign, symbolic.Mul(three, x, y), "sign(x*y)"},
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tc := range tests {
		got := symbolic.Apply(tc.f, tc.u)
		if got.String() != tc.want {
			t.Errorf("%s(%v) = %v, want %s", tc.f.Name, tc.u, got, tc.want)
		}
		for range 20 {
			env := map[*symbolic.Symbol]float64{x: 4*rng.Float64() - 2, y: 4*rng.Float64() - 2}
			u := (&symbolic.Evaluator{Env: env}).Eval(tc.u)
			want := math.Abs(u)
			if tc.f == sign {
				want = math.Copysign(1, u)
			}
			if v := (&symbolic.Evaluator{Env: env}).Eval(got); math.Abs(v-want) > 1e-12*math.Max(1, want) {
				t.Errorf("%s(%v) = %v is %v at %v, want %v", tc.f.Name, tc.u, got, v, env, want)
				break
			}
		}
	}
}
