package symbolic_test

import (
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	. "github.com/symdiff/symdiff/symbolic"
)

// recanon rebuilds e bottom-up through the constructors: the canonical
// form of e's structure. Every node the library returns must already be
// canonical, i.e. recanon(e) == e.
func recanon(e Expr, memo map[Expr]Expr) Expr {
	if r, ok := memo[e]; ok {
		return r
	}
	ch := Children(e)
	r := e
	if len(ch) > 0 {
		out := make([]Expr, len(ch))
		for i, c := range ch {
			out[i] = recanon(c, memo)
		}
		r = Rebuild(e, out)
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
	x, y := Sym("x"), Sym("y")
	sin, _ := Lookup("sin")
	cos, _ := Lookup("cos")
	exp := func(u Expr) Expr { return Apply(Exp, u) }
	pool := []Expr{
		x, y, Int(3), Frac(-1, 2), Pow(x, Int(2)), Pow(x, Frac(1, 2)), Pow(x, y),
		Pow(x, Mul(Int(2), y)), exp(x), exp(Mul(Int(2), x)), exp(Pow(x, Int(2))),
		Pow(E, Mul(Int(3), x)), Pow(Int(2), x), Pow(Int(2), Mul(Int(2), x)), Sqrt(Int(2)),
		Apply(sin, x), Apply(cos, x), Apply(sin, exp(Mul(Int(2), x))), Apply(sin, Pow(x, Int(3))),
		Add(x, One), Add(exp(x), y), Pow(Add(x, One), Int(-1)), Apply(Log, x),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var cases []Expr
	for range 400 {
		fs := make([]Expr, 2+rng.IntN(4))
		for i := range fs {
			fs[i] = pool[rng.IntN(len(pool))]
		}
		cases = append(cases, Mul(fs...))
	}
	// Long products take the indexed path of replace.go (> 16 factors).
	for range 20 {
		fs := []Expr{Int(5)}
		for k := range 18 {
			fs = append(fs, Apply(sin, Add(Mul(Int(int64(k+1)), x), y)))
		}
		fs = append(fs, pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))])
		cases = append(cases, Mul(fs...))
	}
	g := randexpr.New(3, &randexpr.Options{Vars: []*Symbol{x, y}})
	for range 300 {
		cases = append(cases, g.Expr())
	}
	memo := map[Expr]Expr{}
	check := func(what string, e, r Expr) {
		t.Helper()
		if c := recanon(r, memo); c != r {
			t.Errorf("%s of %v is not canonical:\n got  %v\n want %v", what, e, r, c)
		}
	}
	for _, e := range cases {
		check("d/dx", e, D(e, x))
		for i, gi := range Gradient(e, []*Symbol{x, y}) {
			check([]string{"gradient[x]", "gradient[y]"}[i], e, gi)
		}
	}
}
