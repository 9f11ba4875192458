package symbolic_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	. "github.com/symdiff/symdiff/symbolic"
)

// Powers of the same base in a product merge when their exponents differ
// by a numeric factor only (docs/architecture.md). Each case is checked for
// its canonical form, for its value against the product of its factors'
// values, and for its derivative against a central difference, at random
// points with x > 0 (and a, b anywhere in [-2, 2]).
func TestSameBaseMerge(t *testing.T) {
	a, b := Sym("a"), Sym("b")
	exp := fn("exp")
	big30 := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil))
	n30 := NewNumber(big30)
	tests := []struct {
		name    string
		factors []Expr
		want    string
		ref     Expr // the value to compare with, if not the product of the factors
	}{
		{"x*x", []Expr{x, x}, "x^2", nil},
		{"x^2*x^3", []Expr{Pow(x, Int(2)), Pow(x, Int(3))}, "x^5", nil},
		{"sqrt*sqrt", []Expr{Sqrt(x), Sqrt(x)}, "x", nil},
		{"x*x^-1", []Expr{x, Pow(x, MinusOne)}, "1", nil},
		{"x^a*x^b", []Expr{Pow(x, a), Pow(x, b)}, "x^a*x^b", nil},
		{"x^a*x^-1", []Expr{Pow(x, a), Pow(x, MinusOne)}, "x^a/x", nil},
		{"x^a*x^2", []Expr{Pow(x, a), Pow(x, Two)}, "x^2*x^a", nil},
		{"x*x^x", []Expr{x, Pow(x, x)}, "x*x^x", nil},
		{"x^x/x", []Expr{Pow(x, x), Pow(x, MinusOne)}, "x^x/x", nil},
		{"(x^x)^2", []Expr{Pow(Pow(x, x), Two)}, "x^(2*x)", nil},
		{"x^x*x^x", []Expr{Pow(x, x), Pow(x, x)}, "x^(2*x)", nil},
		{"x^x/x^x", []Expr{Pow(x, x), Pow(Pow(x, x), MinusOne)}, "1", nil},
		{"sqrt(x)*x^x", []Expr{Sqrt(x), Pow(x, x)}, "sqrt(x)*x^x", nil},
		{"x^(2a)*x^-a", []Expr{Pow(x, Mul(Two, a)), Pow(x, Neg(a))}, "x^a", nil},
		{"x^(a/2)*x^(a/2)", []Expr{Pow(x, Mul(Half, a)), Pow(x, Mul(Half, a))}, "x^a", nil},
		{"x^(x+1)*x^(2x+2)", []Expr{Pow(x, Add(x, One)), Pow(x, Add(Mul(Two, x), Two))}, "x^(3*x + 3)", nil},
		{"x^(x+1)/x^(x+1)", []Expr{Pow(x, Add(x, One)), Pow(Pow(x, Add(x, One)), MinusOne)}, "1", nil},
		{"x^(x/2+1/2)*x^(-x-1)", []Expr{Pow(x, Add(Mul(Half, x), Half)), Pow(x, Neg(Add(x, One)))}, "x^(-x/2 - 1/2)", nil},
		{"x^(x-1)*x", []Expr{Pow(x, Sub(x, One)), x}, "x*x^(x - 1)", nil},
		// Contents beyond int64: the factors overflow a float64, the product
		// does not.
		{"x^(1e30*(x+1))*x^(-(1e30-1)*(x+1))", []Expr{Pow(x, Mul(n30, Add(x, One))), Pow(x, Mul(Add(Neg(n30), One), Add(x, One)))},
			"x^(x + 1)", Pow(x, Add(x, One))},
		{"(x^x)^(1/2)*(x^x)^(1/2)*x^x", []Expr{Sqrt(Pow(x, x)), Sqrt(Pow(x, x)), Pow(x, x)}, "x^(2*x)", nil},
		{"e*e", []Expr{E, E}, "exp(2)", nil},
		{"exp(a)*exp(a)", []Expr{Apply(exp, a), Apply(exp, a)}, "exp(2*a)", nil},
		{"exp(a)*exp(b)", []Expr{Apply(exp, a), Apply(exp, b)}, "exp(a)*exp(b)", nil},
		{"exp(x)*exp(2x)", []Expr{Apply(exp, x), Apply(exp, Mul(Two, x))}, "exp(3*x)", nil},
		{"exp(x)^2*exp(x)", []Expr{Mul(Apply(exp, x), Apply(exp, x)), Apply(exp, x)}, "exp(3*x)", nil},
		{"exp(x)*exp(-x)", []Expr{Apply(exp, x), Apply(exp, Neg(x))}, "1", nil},
		{"e*exp(2)", []Expr{E, Apply(exp, Two)}, "exp(3)", nil},
		{"e*exp(x)", []Expr{E, Apply(exp, x)}, "e*exp(x)", nil},
		{"x^x*exp(x)", []Expr{Pow(x, x), Apply(exp, x)}, "x^x*exp(x)", nil},
		{"(x*y)^(1/2)^2/y", []Expr{Sqrt(Mul(x, y)), Sqrt(Mul(x, y)), Pow(y, MinusOne)}, "x", nil},
	}
	r := rand.New(rand.NewPCG(7, 7))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Mul(tt.factors...)
			if got := e.String(); got != tt.want {
				t.Errorf("Mul = %s, want %s", got, tt.want)
			}
			judged := 0
			for range 20 {
				env := map[*Symbol]float64{x: 0.2 + 2.8*r.Float64(), y: 0.2 + 2.8*r.Float64(), a: 4*r.Float64() - 2, b: 4*r.Float64() - 2}
				want := 1.0
				for _, f := range tt.factors {
					want *= eval(f, env)
				}
				if tt.ref != nil {
					want = eval(tt.ref, env)
				}
				if got := eval(e, env); !closeTo(got, want, 1e-12) {
					t.Fatalf("at %v: %v = %v, but the factors multiply to %v", env, e, got, want)
				}
				// The derivative in x against a central difference.
				fx := func(v float64) float64 {
					env2 := map[*Symbol]float64{x: v, y: env[y], a: env[a], b: env[b]}
					return eval(e, env2)
				}
				d, errEst := centralDiff(fx, env[x])
				if errEst > 1e-4*math.Max(1, math.Abs(d)) || env[x] < 0.25 {
					continue
				}
				if got := eval(D(e, x), env); !closeTo(got, d, 1e-6) {
					t.Fatalf("at %v: d/dx %v = %v is %v, central difference %v", env, e, D(e, x), got, d)
				}
				judged++
			}
			if judged < 10 {
				t.Errorf("the derivative of %v was judged at %d points of 20", e, judged)
			}
		})
	}
}

// The canonical product does not depend on the order or the grouping of
// its factors: random multisets from a pool of powers of x (numeric,
// symbolic and sum exponents), multiplied flat, left to right, right to
// left and in random nestings, give the same node.
//
// Not in the pool: fractional powers of products and of powers with a
// symbolic exponent, such as sqrt(x*y) and sqrt(x^x). They are bases of
// their own, and two of them make an integer power that splits into other
// bases, so 1/x*sqrt(x*y)^2*sqrt(x*y) is y*sqrt(x*y) while the flat product
// is (x*y)^(3/2)/x. That gap is older than the rule tested here.
func TestSameBaseMergeOrderIndependent(t *testing.T) {
	a := Sym("a")
	pool := []Expr{
		x, Pow(x, MinusOne), Pow(x, Two), Sqrt(x), Pow(x, Frac(-1, 2)),
		Pow(x, x), Pow(x, Neg(x)), Pow(x, Mul(Two, x)), Pow(x, Mul(Half, x)),
		Pow(x, Add(x, One)), Pow(x, Neg(Add(x, One))), Pow(x, Add(Mul(Two, x), Two)), Pow(x, Add(Mul(Half, x), Half)),
		Pow(x, a), Pow(x, Add(a, x)), Pow(x, Mul(Int(1<<40), Add(x, One))), Pow(x, Mul(Int(-1<<40), Add(x, One))),
		E, Apply(fn("exp"), x), Apply(fn("exp"), Mul(Two, x)), Apply(fn("exp"), Neg(x)), Apply(fn("exp"), a), Apply(fn("exp"), Two),
		y, Mul(x, y), Pow(Mul(x, y), MinusOne), Int(3),
	}
	r := rand.New(rand.NewPCG(3, 5))
	var nest func(fs []Expr) Expr
	nest = func(fs []Expr) Expr {
		if len(fs) <= 2 {
			return Mul(fs...)
		}
		k := 1 + r.IntN(len(fs)-1)
		return Mul(nest(fs[:k]), nest(fs[k:]))
	}
	for range 5000 {
		fs := make([]Expr, 2+r.IntN(6))
		for i := range fs {
			fs[i] = pool[r.IntN(len(pool))]
		}
		flat := Mul(fs...)
		left := fs[0]
		for _, f := range fs[1:] {
			left = Mul(left, f)
		}
		right := fs[len(fs)-1]
		for i := len(fs) - 2; i >= 0; i-- {
			right = Mul(fs[i], right)
		}
		shuffled := append([]Expr(nil), fs...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, g := range []Expr{left, right, nest(fs), nest(shuffled), Mul(shuffled...)} {
			if g != flat {
				t.Fatalf("the product of %v is %v flat but %v grouped or reordered", fs, flat, g)
			}
		}
		env := map[*Symbol]float64{x: 0.3 + 2*r.Float64(), y: 0.3 + 2*r.Float64(), a: 2*r.Float64() - 1}
		want := 1.0
		for _, f := range fs {
			want *= eval(f, env)
		}
		if math.IsInf(want, 0) || math.IsNaN(want) || want == 0 {
			continue // x^(2^40*(x + 1)) and its inverse overflow a float64
		}
		if got := eval(flat, env); !closeTo(got, want, 1e-12) {
			t.Fatalf("at %v: %v = %v, but the factors %v multiply to %v", env, flat, got, fs, want)
		}
	}
}

// W6b: the k-th derivatives of x^x are no larger than GiNaC's (tree 31 at
// k = 3; tree 115 and 42 distinct nodes at k = 6, docs/benchmarks.md), and
// each order is the derivative of the one before at random points.
func TestXPowDerivatives(t *testing.T) {
	e := Pow(x, x)
	if d := DN(e, x, 3); TreeSize(d) > 31 {
		t.Errorf("d^3/dx^3 x^x = %v has %d tree nodes, GiNaC's 31", d, TreeSize(d))
	}
	if d := DN(e, x, 6); TreeSize(d) > 115 || Size(d) > 42 {
		t.Errorf("d^6/dx^6 x^x has %d tree nodes and %d distinct nodes, GiNaC's 115 and 42", TreeSize(d), Size(d))
	}
	for k := range 6 {
		checkDerivative(t, DN(e, x, k), positive, 20)
	}
	for _, f := range []Expr{Mul(x, e), Div(e, x), Mul(Sqrt(x), e), Pow(e, Two), Mul(Pow(x, y), Pow(x, MinusOne))} {
		for k := range 3 {
			checkDerivative(t, DN(f, x, k), positive, 20)
		}
	}
}
