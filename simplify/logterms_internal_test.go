package simplify

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestLogsApart checks logsApart on random sums of multiples of
// logarithms (log, log2, log10) of products of powers (even, odd, fractional, negative) of
// variables, sums, calls and numbers, with the facts of their own domain:
// wherever the sum is defined, at random points negative ones included,
// the rewritten sum is defined and has its value.
func TestLogsApart(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(21, 22))
	atoms := []symbolic.Expr{x, y, symbolic.Add(x, symbolic.One), call("exp", y), call("sin", x),
		symbolic.Int(2), symbolic.Int(3), symbolic.Add(symbolic.Pow(x, symbolic.Two), symbolic.One), symbolic.Sub(y, x)}
	exps := []symbolic.Rat{symbolic.RatInt(1), symbolic.RatInt(2), symbolic.RatInt(3), symbolic.RatInt(-1),
		symbolic.RatInt(-2), symbolic.NewRat(1, 2), symbolic.NewRat(2, 3), symbolic.NewRat(1, 3)}
	coefs := []symbolic.Rat{symbolic.RatInt(1), symbolic.RatInt(-1), symbolic.RatInt(2), symbolic.RatInt(-3), symbolic.NewRat(1, 2)}
	logOf := func() symbolic.Expr {
		var fs []symbolic.Expr
		for range 1 + rng.IntN(3) {
			fs = append(fs, symbolic.Pow(atoms[rng.IntN(len(atoms))], symbolic.NumberOf(exps[rng.IntN(len(exps))])))
		}
		fn := []string{"log", "log", "log2", "log10"}[rng.IntN(4)]
		return symbolic.Mul(symbolic.NumberOf(coefs[rng.IntN(len(coefs))]), call(fn, symbolic.Mul(fs...)))
	}
	rewritten, compared := 0, 0
	for range 400 {
		e, ok := try(func() symbolic.Expr {
			ts := []symbolic.Expr{logOf(), logOf()}
			if rng.IntN(2) == 0 {
				ts = append(ts, logOf())
			}
			if rng.IntN(3) == 0 {
				ts = append(ts, x)
			}
			return symbolic.Add(ts...)
		})
		if !ok {
			continue
		}
		rs := logsApart(e, inputDomain([]symbolic.Expr{e}))
		if len(rs) == 0 {
			continue
		}
		rewritten++
		compared += definedAlike(t, rng, "logsApart", e, rs[0], 30, x, y)
	}
	if rewritten < 150 || compared < 1000 {
		t.Errorf("only %d sums rewritten, %d values compared", rewritten, compared)
	}
}

// TestLogsApartForms: the sums the strategy is for simplify to their
// collected form, with the facts of the input's domain (log(x) needs
// x > 0), and sums it must leave whole stay.
func TestLogsApartForms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"log(x^2*y) - 2*log(x)", "log(y)"},
		{"log(x^3*y^2) - 3*log(x) - 2*log(y)", "0"},
		{"log(a^4*exp(b)) - 4*log(a)", "b"},
		{"log(2*x) - log(x)", "log(2)"},
		{"log10(1000*x) - log10(x)", "3"},
		{"log2(8*x^2) - 2*log2(x)", "3"},
		{"log2(x*y) - log2(x) + log(y)", "log(y) + log2(y)"}, // bases apart
		{"log(x^2) + log(x)", "3*log(x)"},
		{"log((t + 1)^2*s) - 2*log(t + 1) + s", "s + log(s)"},
		// Two factors of unknown sign: log(x*y) is not log(x) + log(y).
		{"log(x*y) - log(x^2*y^2)/2", "log(x*y) - log(x^2*y^2)/2"},
	} {
		r, err := Simplify(context.Background(), parser.MustParse(c.in))
		if err != nil {
			t.Fatalf("Simplify(%s): %v", c.in, err)
		}
		if got := r.String(); got != c.want {
			t.Errorf("Simplify(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

// definedAlike compares the rewrite r of e at n random points of
// [-3, 3] for each of vars, negative ones included: wherever e is
// defined, r must be defined and have its value (it may be defined where
// e is not). It returns the number of points where e was defined.
func definedAlike(t *testing.T, rng *rand.Rand, what string, e, r symbolic.Expr, n int, vars ...*symbolic.Symbol) int {
	t.Helper()
	compared := 0
	for range n {
		env := map[*symbolic.Symbol]float64{}
		for _, v := range vars {
			env[v] = 6*rng.Float64() - 3
		}
		a := refeval.Eval(e, env)
		if math.IsNaN(a) || math.IsInf(a, 0) {
			continue
		}
		compared++
		if b := refeval.Eval(r, env); math.IsNaN(b) || math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
			t.Fatalf("%v = %v but %s gives %v = %v at %v", e, a, what, r, b, env)
		}
	}
	return compared
}
