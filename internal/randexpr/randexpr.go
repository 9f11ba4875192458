// Package randexpr generates random expressions that stay inside the
// domains of their functions, for property tests: a symbolic result (a
// derivative, a simplification) is compared with numbers at random points,
// and the points must mean something.
//
// Arguments of functions with a restricted domain are wrapped so that they
// stay inside it, whatever the inner expression's value: log(1 + u^2),
// asin(9/10*tanh(u)), acosh(2 + u^2), cot(3/2 + u/(1 + u^2)). The wrappers
// that fit a function are found by probing the function table's Domain, so
// a new row of the table is covered without changes here. Divisors, bases of
// fractional or negative powers, and bases of general powers are kept
// positive the same way.
//
// Generation is deterministic for a given seed and options.
package randexpr

import (
	"math"
	"math/rand/v2"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/symbolic"
)

// Options controls the generator. The zero value is usable.
type Options struct {
	// Vars are the variables leaves are drawn from (default x).
	Vars []*symbolic.Symbol
	// MaxDepth bounds the nesting of operations (default 4).
	MaxDepth int
	// Funcs are the functions calls are drawn from (default
	// symbolic.Builtins()).
	Funcs []*symbolic.Func
	// Kinks lets functions whose domain excludes only 0 (abs, sign,
	// step, relu, but also cbrt, coth, ...) take any argument, so that
	// expressions cross their kinks and poles. Callers must then skip
	// points where values are not finite or too close to a kink.
	Kinks bool
}

// A Gen generates random expressions. It is not safe for concurrent use.
type Gen struct {
	rng   *rand.Rand
	opts  Options
	wraps map[*symbolic.Func][]wrapper
}

// A wrapper maps any expression into a range, described by sample points
// of that range for probing a domain.
type wrapper struct {
	name  string
	build func(u symbolic.Expr) symbolic.Expr
	lo    float64
	hi    float64
}

var (
	one   = symbolic.One
	two   = symbolic.Two
	tanhF = fntab.Must("tanh")
	sinF  = fntab.Must("sin")
)

func sq(u symbolic.Expr) symbolic.Expr { return symbolic.Pow(u, two) }

// wrappers lists the ways to keep an argument in a range. The first one,
// the identity, is special: it fits only functions defined everywhere.
var wrappers = []wrapper{
	{"id", func(u symbolic.Expr) symbolic.Expr { return u }, math.Inf(-1), math.Inf(1)},
	{"1+u^2", func(u symbolic.Expr) symbolic.Expr { return symbolic.Add(one, sq(u)) }, 1, math.Inf(1)},
	{"-(1+u^2)", func(u symbolic.Expr) symbolic.Expr { return symbolic.Neg(symbolic.Add(one, sq(u))) }, math.Inf(-1), -1},
	{"2+u^2", func(u symbolic.Expr) symbolic.Expr { return symbolic.Add(two, sq(u)) }, 2, math.Inf(1)},
	{"-(2+u^2)", func(u symbolic.Expr) symbolic.Expr { return symbolic.Neg(symbolic.Add(two, sq(u))) }, math.Inf(-1), -2},
	{"9/10*tanh(u)", func(u symbolic.Expr) symbolic.Expr {
		return symbolic.Mul(symbolic.Frac(9, 10), symbolic.Apply(tanhF, u))
	}, -0.9, 0.9},
	{"u/(1+u^2)", func(u symbolic.Expr) symbolic.Expr {
		return symbolic.Div(u, symbolic.Add(one, sq(u)))
	}, -0.5, 0.5},
	{"3/2+u/(1+u^2)", func(u symbolic.Expr) symbolic.Expr {
		return symbolic.Add(symbolic.Frac(3, 2), symbolic.Div(u, symbolic.Add(one, sq(u))))
	}, 1, 2},
	{"2+sin(u)", func(u symbolic.Expr) symbolic.Expr { return symbolic.Add(two, symbolic.Apply(sinF, u)) }, 1, 3},
}

// positive are the wrappers that keep a value positive and away from 0.
var positive = []int{1, 3, 7, 8}

// fits reports whether domain holds on [lo, hi] (probed on a grid; the
// infinite ends are probed up to 50).
func fits(domain func(float64) bool, lo, hi float64) bool {
	lo, hi = math.Max(lo, -50), math.Min(hi, 50)
	const n = 4000
	for i := 0; i <= n; i++ {
		if !domain(lo + (hi-lo)*float64(i)/n) {
			return false
		}
	}
	return true
}

// onlyZero reports whether domain excludes 0 and nothing else of a grid.
func onlyZero(domain func(float64) bool) bool {
	if domain(0) {
		return false
	}
	for i := 1; i <= 2000; i++ {
		x := float64(i) / 100
		if !domain(x) || !domain(-x) {
			return false
		}
	}
	return true
}

// New returns a generator seeded with seed.
func New(seed uint64, opts *Options) *Gen {
	g := &Gen{rng: rand.New(rand.NewPCG(seed, 0xda3e39cb94b95bdb)), wraps: make(map[*symbolic.Func][]wrapper)}
	if opts != nil {
		g.opts = *opts
	}
	if len(g.opts.Vars) == 0 {
		g.opts.Vars = []*symbolic.Symbol{symbolic.Sym("x")}
	}
	if g.opts.MaxDepth <= 0 {
		g.opts.MaxDepth = 4
	}
	if len(g.opts.Funcs) == 0 {
		g.opts.Funcs = symbolic.Builtins()
	}
	var fs []*symbolic.Func
	for _, f := range g.opts.Funcs {
		if f.IsAbstract() || f.Domain == nil || f.Arity != 1 {
			continue
		}
		var ws []wrapper
		for i, w := range wrappers {
			if i == 0 && g.opts.Kinks && onlyZero(f.Domain) {
				ws = append(ws, w)
				continue
			}
			if fits(f.Domain, w.lo, w.hi) {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			g.wraps[f] = ws
			fs = append(fs, f)
		}
	}
	g.opts.Funcs = fs
	return g
}

// Expr returns a random expression of depth at most MaxDepth.
func (g *Gen) Expr() symbolic.Expr { return g.expr(g.opts.MaxDepth) }

// Point returns a random value in [lo, hi).
func (g *Gen) Point(lo, hi float64) float64 { return lo + (hi-lo)*g.rng.Float64() }

func (g *Gen) leaf() symbolic.Expr {
	switch r := g.rng.IntN(10); {
	case r < 7:
		return g.opts.Vars[g.rng.IntN(len(g.opts.Vars))]
	case r < 9:
		n := int64(g.rng.IntN(7)) - 3
		if n == 0 {
			n = 2
		}
		return symbolic.Int(n)
	default:
		return symbolic.Frac(int64(g.rng.IntN(5)+1), int64(g.rng.IntN(3)+2))
	}
}

// pos wraps u so that its value is positive (at least 1).
func (g *Gen) pos(u symbolic.Expr) symbolic.Expr {
	return wrappers[positive[g.rng.IntN(len(positive))]].build(u)
}

// operands returns two or three expressions of depth at most d, the
// operands of a sum or a product.
func (g *Gen) operands(d int) []symbolic.Expr {
	xs := make([]symbolic.Expr, 2+g.rng.IntN(2))
	for i := range xs {
		xs[i] = g.expr(d)
	}
	return xs
}

func (g *Gen) expr(depth int) symbolic.Expr {
	if depth <= 0 || g.rng.IntN(8) == 0 {
		return g.leaf()
	}
	d := depth - 1
	switch g.rng.IntN(10) {
	case 0, 1: // sum
		return symbolic.Add(g.operands(d)...)
	case 2, 3: // product
		return symbolic.Mul(g.operands(d)...)
	case 4: // quotient
		return symbolic.Div(g.expr(d), g.pos(g.expr(d)))
	case 5: // power with a numeric exponent
		exps := []*symbolic.Number{symbolic.Int(2), symbolic.Int(3), symbolic.Int(-1), symbolic.Int(-2),
			symbolic.Frac(1, 2), symbolic.Frac(3, 2), symbolic.Frac(-1, 2), symbolic.Frac(1, 3)}
		n := exps[g.rng.IntN(len(exps))]
		base := g.expr(d)
		if !n.IsInt() || n.Sign() < 0 {
			base = g.pos(base)
		}
		return symbolic.Pow(base, n)
	case 6: // general power
		return symbolic.Pow(g.pos(g.expr(d)), g.wrapBounded(g.expr(d)))
	default: // function call
		f := g.opts.Funcs[g.rng.IntN(len(g.opts.Funcs))]
		ws := g.wraps[f]
		u := g.expr(d)
		if isGrowing(f) {
			u = g.wrapBounded(u)
		}
		return symbolic.Apply(f, ws[g.rng.IntN(len(ws))].build(u))
	}
}

// wrapBounded keeps exponents and the arguments of fast-growing functions
// moderate (|u| < 2) half of the time, so that values rarely overflow.
func (g *Gen) wrapBounded(u symbolic.Expr) symbolic.Expr {
	if g.rng.IntN(2) == 0 {
		return u
	}
	return symbolic.Mul(two, symbolic.Apply(tanhF, u))
}

// isGrowing reports whether f grows exponentially (exp, sinh, cosh),
// probed through its Eval.
func isGrowing(f *symbolic.Func) bool {
	for _, x := range []float64{-30, 30} {
		if f.Domain(x) && math.Abs(f.Eval(x)) > 1e10 {
			return true
		}
	}
	return false
}
