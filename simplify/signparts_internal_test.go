package simplify

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestSignParts checks the sign of the parts on random arguments: products
// with factors of known sign, odd powers and calls of every function of
// the table, each against sign(u) at random points where both are defined
// (never a value where sign(u) has another).
func TestSignParts(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(11, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2, Kinks: true})
	var us []symbolic.Expr
	for range 200 {
		a, b := g.Expr(), g.Expr()
		us = append(us, symbolic.Mul(a, b), symbolic.Mul(symbolic.Int(-3), a, call("exp", b)), symbolic.Pow(a, symbolic.Int(3)), symbolic.Pow(a, symbolic.Int(-1)),
			symbolic.Add(symbolic.Mul(x, a), symbolic.Mul(symbolic.Pow(x, symbolic.Int(3)), b)))
	}
	for _, f := range symbolic.Builtins() {
		if f.Arity == 1 {
			us = append(us, symbolic.Apply(f, g.Expr()), symbolic.Apply(f, symbolic.Sub(x, symbolic.Int(2))))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rewritten, compared := 0, 0
	for _, u := range us {
		e := symbolic.Apply(signFn, u)
		for _, r := range signParts(e) {
			rewritten++
			for range 40 {
				env := map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 6*rng.Float64() - 3}
				a, b := refeval.Eval(e, env), refeval.Eval(r, env)
				if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
					continue
				}
				if nearZero(u, env) || nearZero(r, env) {
					continue // the sign of a value within rounding of 0 (or of 1/0)
				}
				compared++
				if a != b {
					t.Errorf("sign of the parts: %v = %v but %v = %v at %v", e, a, r, b, env)
					break
				}
			}
		}
	}
	if rewritten < 300 || compared < 5000 {
		t.Errorf("only %d of %d signs rewritten, compared at %d points", rewritten, len(us), compared)
	}
}

// nearZero reports whether e, or the argument of a sign in it, or a
// factor of that argument, is within rounding of 0 or not finite at env.
func nearZero(e symbolic.Expr, env map[*symbolic.Symbol]float64) bool {
	near := false
	symbolic.Walk(e, func(n symbolic.Expr) {
		v := refeval.Eval(n, env)
		if math.Abs(v) < 1e-9 || math.IsInf(v, 0) || math.IsNaN(v) {
			near = true
		}
	})
	return near
}

// call applies the function named name.
func call(name string, args ...symbolic.Expr) symbolic.Expr {
	f, _ := symbolic.Lookup(name)
	return symbolic.Apply(f, args...)
}

// TestSignPreserving checks which functions give their argument's sign.
func TestSignPreserving(t *testing.T) {
	want := map[string]bool{"sinh": true, "tanh": true, "atan": true, "asinh": true, "erf": true, "cbrt": true,
		"softsign": true, "gelu": true, "silu": true, "mish": true, "sign": true, "coth": true, "csch": true, "acot": true,
		"asin": false, "atanh": false, "acsc": false, "exp": false, "cos": false, "sin": false, "relu": false}
	for name, w := range want {
		f, ok := symbolic.Lookup(name)
		if !ok {
			t.Fatalf("no function %s", name)
		}
		if got := signPreserving(f); got != w {
			t.Errorf("signPreserving(%s) = %v, want %v", name, got, w)
		}
	}
}

// TestAbsParts checks the absolute value of the parts on random products
// with factors of known sign and on sums with a content, each against
// abs(u) at random points where both are defined.
func TestAbsParts(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(12, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2, Kinks: true})
	var us []symbolic.Expr
	for range 200 {
		a, b := g.Expr(), g.Expr()
		us = append(us, symbolic.Mul(a, b), symbolic.Mul(symbolic.Int(-3), a, call("exp", b)),
			symbolic.Mul(symbolic.Pow(a, symbolic.Int(2)), b), symbolic.Mul(symbolic.Frac(2, 5), a),
			symbolic.Add(symbolic.Mul(symbolic.Int(4), a), symbolic.Mul(symbolic.Int(-6), b)))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 6*rng.Float64() - 3}
	}
	rewritten, compared := 0, 0
	for _, u := range us {
		e := symbolic.Apply(absFn, u)
		for _, r := range absParts(e) {
			rewritten++
			compared += sameAtPoints(t, "abs of the parts", e, r, 40, point, 1e-9)
		}
	}
	if rewritten < 250 || compared < 8000 {
		t.Errorf("only %d of %d absolute values rewritten, compared at %d points", rewritten, len(us), compared)
	}
}

// sameAtPoints compares e and its rewrite r at n points drawn by point,
// where both are finite (and e at most 1e8), within tol relative to e
// (at least 1); it reports the first difference as an error of the
// rewrite what, and returns the number of points compared.
func sameAtPoints(t *testing.T, what string, e, r symbolic.Expr, n int, point func() map[*symbolic.Symbol]float64, tol float64) int {
	t.Helper()
	compared := 0
	for range n {
		env := point()
		a, b := refeval.Eval(e, env), refeval.Eval(r, env)
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) || math.Abs(a) > 1e8 {
			continue
		}
		compared++
		if math.Abs(a-b) > tol*math.Max(1, math.Abs(a)) {
			t.Errorf("%s: %v = %v but %v = %v at %v", what, e, a, r, b, env)
			break
		}
	}
	return compared
}

// checkOffered checks the forms that the rewrite offers for src: want, in
// order (nil for none), each equal to src at 40 points drawn by point (and
// compared at 20 at least).
func checkOffered(t *testing.T, what string, rewrite func(symbolic.Expr) []symbolic.Expr, src string, want []string, point func() map[*symbolic.Symbol]float64) {
	t.Helper()
	e := parser.MustParse(src)
	rs := rewrite(e)
	if len(rs) != len(want) {
		t.Errorf("%s of %v = %v, want %v", what, e, rs, want)
		return
	}
	for i, r := range rs {
		if w := parser.MustParse(want[i]); r != w {
			t.Errorf("%s of %v [%d] = %v, want %v", what, e, i, r, w)
			continue
		}
		if n := sameAtPoints(t, what, e, r, 40, point, 1e-9); n < 20 {
			t.Errorf("%s of %v: compared at %d points only", what, e, n)
		}
	}
}

// TestAbsPowers checks the powers of abs on random products of powers of
// a, abs(a) and sign(a) for random a, beside another factor, each against
// the product at random points and at a = 0 (x = 0 for a = x^3, say),
// where the two must agree wherever both are defined.
func TestAbsPowers(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(13, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2, Kinks: true})
	rng := rand.New(rand.NewPCG(5, 6))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 6*rng.Float64() - 3}
	}
	atZero := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 0, y: 6*rng.Float64() - 3}
	}
	bases := []symbolic.Expr{x, symbolic.Sub(x, symbolic.One), symbolic.Pow(x, symbolic.Int(3)), call("sin", x),
		symbolic.Mul(x, y)}
	for range 20 {
		bases = append(bases, g.Expr())
	}
	rewritten, compared, zeros := 0, 0, 0
	for _, a := range bases {
		for range 12 {
			n, m, k := rng.Int64N(7)-3, rng.Int64N(7)-3, rng.Int64N(3)
			e, ok := try(func() symbolic.Expr {
				return symbolic.Mul(symbolic.Pow(a, symbolic.Int(n)), symbolic.Pow(call("abs", a), symbolic.Int(m)),
					symbolic.Pow(call("sign", a), symbolic.Int(k)), g.Expr())
			})
			if !ok {
				continue
			}
			for _, r := range absPowers(e) {
				rewritten++
				c, z := sameWithZero(t, "powers of abs", e, r, point, atZero)
				compared, zeros = compared+c, zeros+z
			}
		}
	}
	if rewritten < 200 || compared < 4000 || zeros < 100 {
		t.Errorf("only %d rewrites, compared at %d points and %d points at 0", rewritten, compared, zeros)
	}
}

// TestRootsTogether checks the roots of one exponent joined on random
// products of roots of bases of every sign (and with an unknown sign),
// each against the product at random points, 0 and negative ones
// included, where the product is defined: the rewrite must agree there,
// and must not be defined where the product is not.
func TestRootsTogether(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(14, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2, Kinks: true})
	rng := rand.New(rand.NewPCG(7, 8))
	bases := []symbolic.Expr{symbolic.Int(2), symbolic.Pi, call("exp", x), symbolic.Add(symbolic.Pow(x, symbolic.Int(2)), symbolic.One),
		symbolic.Pow(y, symbolic.Int(2)), call("relu", x), x, y, symbolic.Sub(x, symbolic.One)}
	exps := []symbolic.Expr{symbolic.Frac(1, 2), symbolic.Frac(-1, 2), symbolic.Frac(1, 3), symbolic.Frac(3, 2)}
	rewritten, compared := 0, 0
	for range 400 {
		r := exps[rng.IntN(len(exps))]
		fs := []symbolic.Expr{g.Expr()}
		for range 2 + rng.IntN(2) {
			fs = append(fs, symbolic.Pow(bases[rng.IntN(len(bases))], r))
		}
		e, ok := try(func() symbolic.Expr { return symbolic.Mul(fs...) })
		if !ok {
			continue
		}
		for _, w := range rootsTogether(e) {
			rewritten++
			for range 30 {
				env := map[*symbolic.Symbol]float64{x: float64(rng.IntN(13)-6) / 2, y: 6*rng.Float64() - 3}
				ok, defined := agreeAt(t, "roots together", e, w, env)
				if defined {
					compared++
				}
				if !ok {
					break
				}
			}
		}
	}
	if rewritten < 100 || compared < 1500 {
		t.Errorf("only %d rewrites, compared at %d points", rewritten, compared)
	}
}

// agreeAt compares the rewrite w of e by the strategy what at env: where e
// is undefined w must be too (an infinite e may have a w that is not), and
// elsewhere the two agree to 1e-9. It reports whether they agree (an error
// otherwise) and whether e is defined there.
func agreeAt(t *testing.T, what string, e, w symbolic.Expr, env map[*symbolic.Symbol]float64) (ok, defined bool) {
	t.Helper()
	a, b := refeval.Eval(e, env), refeval.Eval(w, env)
	if math.IsNaN(a) || math.IsInf(a, 0) {
		if !math.IsNaN(b) && !math.IsInf(b, 0) && !math.IsInf(a, 0) {
			t.Errorf("%s: %v is undefined at %v, %v = %v", what, e, env, w, b)
			return false, false
		}
		return true, false
	}
	if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
		t.Errorf("%s: %v = %v but %v = %v at %v", what, e, a, w, b, env)
		return false, true
	}
	return true, true
}

// TestCbrtPowers checks the powers of cbrt on random products of powers
// of a and of cbrt(a^k) for random a, beside another factor, against the
// product at random points, negative ones and a = 0 included (cbrt is
// real on the whole line), where the two must agree wherever the product
// is defined.
func TestCbrtPowers(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	g := randexpr.New(16, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 2})
	rng := rand.New(rand.NewPCG(9, 10))
	point := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 6*rng.Float64() - 3}
	}
	atZero := func() map[*symbolic.Symbol]float64 {
		return map[*symbolic.Symbol]float64{x: 0, y: 6*rng.Float64() - 3}
	}
	bases := []symbolic.Expr{x, symbolic.Sub(x, symbolic.One), symbolic.Add(symbolic.Pow(x, symbolic.Int(2)), symbolic.One),
		call("sin", x), symbolic.Mul(x, y)}
	rewritten, compared, zeros := 0, 0, 0
	for _, a := range bases {
		for range 40 {
			n, k, m := rng.Int64N(5)-2, rng.Int64N(5)-2, rng.Int64N(7)-3
			if k == 0 {
				k = 1
			}
			e, ok := try(func() symbolic.Expr {
				return symbolic.Mul(symbolic.Pow(a, symbolic.Int(n)),
					symbolic.Pow(call("cbrt", symbolic.Pow(a, symbolic.Int(k))), symbolic.Int(m)), g.Expr())
			})
			if !ok {
				continue
			}
			for _, r := range cbrtPowers(e) {
				rewritten++
				c, z := sameWithZero(t, "powers of cbrt", e, r, point, atZero)
				compared, zeros = compared+c, zeros+z
			}
		}
	}
	if rewritten < 100 || compared < 2000 || zeros < 50 {
		t.Errorf("only %d rewrites, compared at %d points and %d points at 0", rewritten, compared, zeros)
	}
}

// sameWithZero compares e and its rewrite r at 30 points drawn by point
// and 3 drawn by atZero (see sameAtPoints), and checks that r is defined
// at one more point of atZero where e is (keepsDomain); it returns the
// numbers of points compared.
func sameWithZero(t *testing.T, what string, e, r symbolic.Expr, point, atZero func() map[*symbolic.Symbol]float64) (compared, zeros int) {
	t.Helper()
	compared = sameAtPoints(t, what, e, r, 30, point, 1e-9)
	zeros = sameAtPoints(t, what+" at 0", e, r, 3, atZero, 1e-9)
	keepsDomain(t, what, e, r, atZero())
	return compared, zeros
}

// keepsDomain reports an error of the rewrite what if e is defined at env
// (every node of it finite) and its rewrite r is not finite: a rewrite
// may not shrink the domain.
func keepsDomain(t *testing.T, what string, e, r symbolic.Expr, env map[*symbolic.Symbol]float64) {
	t.Helper()
	defined := true
	symbolic.Walk(e, func(n symbolic.Expr) {
		if v := refeval.Eval(n, env); math.IsNaN(v) || math.IsInf(v, 0) {
			defined = false
		}
	})
	if b := refeval.Eval(r, env); defined && (math.IsNaN(b) || math.IsInf(b, 0)) {
		a := refeval.Eval(e, env)
		t.Errorf("%s: %v = %v but %v = %v at %v", what, e, a, r, b, env)
	}
}

// TestRootBase checks rootBase on random products of a root of a product
// (raised past 1, either way) with factors sharing its bases, against the
// product at random points, negative ones included: the two must agree
// wherever the product is defined. And the normal density's case.
func TestRootBase(t *testing.T) {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(11, 12))
	factors := []symbolic.Expr{x, y, symbolic.Pow(x, symbolic.Int(2)), symbolic.Pow(y, symbolic.Int(3)), symbolic.Int(3),
		symbolic.Pi, call("exp", x), symbolic.Add(x, symbolic.One)}
	exps := []symbolic.Expr{symbolic.Frac(3, 2), symbolic.Frac(-3, 2), symbolic.Frac(5, 2), symbolic.Frac(-5, 3), symbolic.Frac(7, 3)}
	rewritten, compared := 0, 0
	for range 400 {
		var base, others []symbolic.Expr
		for range 2 + rng.IntN(2) {
			base = append(base, factors[rng.IntN(len(factors))])
		}
		for range 1 + rng.IntN(2) {
			f := factors[rng.IntN(len(factors))]
			others = append(others, symbolic.Pow(f, symbolic.Int(int64(rng.IntN(5)-2))))
		}
		e, ok := try(func() symbolic.Expr {
			return symbolic.Mul(append(others, symbolic.Pow(symbolic.Mul(base...), exps[rng.IntN(len(exps))]))...)
		})
		if !ok {
			continue
		}
		for _, w := range rootBase(e) {
			rewritten++
			for range 30 {
				env := map[*symbolic.Symbol]float64{x: 6*rng.Float64() - 3, y: 6*rng.Float64() - 3}
				ok, defined := agreeAt(t, "a root's base", e, w, env)
				if defined {
					compared++
				}
				if !ok {
					break
				}
			}
		}
	}
	if rewritten < 50 || compared < 500 {
		t.Errorf("only %d rewrites, compared at %d points", rewritten, compared)
	}
	e := parser.MustParse("2*pi*s/(2*pi*s^2)^(3/2)")
	want := parser.MustParse("1/(s*sqrt(2*pi*s^2))")
	if got := rootBase(e); !slices.Contains(got, want) {
		t.Errorf("rootBase(%v) = %v, want %v among them", e, got, want)
	}
}
