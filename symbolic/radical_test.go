package symbolic_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// value is the float64 value of e at x = 0.7.
func value(e symbolic.Expr) float64 {
	ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: 0.7}}
	return ev.Eval(e)
}

func closeRel(a, b float64) bool {
	return math.Abs(a-b) <= 1e-13*math.Max(math.Abs(a), math.Abs(b))
}

// q returns the number p/q.
func q(p, d int64) symbolic.Expr { return symbolic.Frac(p, d) }

// TestNumericRadicals checks the canonical form of products of rationals
// and powers of positive rationals (symbolic/radical.go): the printed form,
// the value against float64 arithmetic on the inputs, and that each row's
// other spellings give the same node.
func TestNumericRadicals(t *testing.T) {
	pow, mul, div, sqrt := symbolic.Pow, symbolic.Mul, symbolic.Div, symbolic.Sqrt
	two63 := new(big.Int).Lsh(big.NewInt(1), 71)
	tests := []struct {
		name  string
		e     symbolic.Expr
		want  string
		value float64
		same  []symbolic.Expr // other spellings of the same number
	}{
		{"sqrt(12)", sqrt(symbolic.Int(12)), "2*sqrt(3)", math.Sqrt(12),
			[]symbolic.Expr{mul(symbolic.Two, sqrt(symbolic.Int(3))), pow(symbolic.Int(144), q(1, 4))}},
		{"sqrt(8)", sqrt(symbolic.Int(8)), "2*sqrt(2)", math.Sqrt(8),
			[]symbolic.Expr{pow(symbolic.Two, q(3, 2)), mul(symbolic.Two, sqrt(symbolic.Two)), mul(symbolic.Int(4), pow(symbolic.Two, q(-1, 2)))}},
		{"(1/4)^(1/3)", pow(q(1, 4), q(1, 3)), "1/2^(2/3)", math.Cbrt(0.25),
			[]symbolic.Expr{pow(symbolic.Two, q(-2, 3)), div(symbolic.One, pow(symbolic.Int(4), q(1, 3))), div(pow(symbolic.Two, q(1, 3)), symbolic.Two)}},
		{"sqrt(1/2)", sqrt(symbolic.Half), "1/sqrt(2)", math.Sqrt(0.5),
			[]symbolic.Expr{div(symbolic.One, sqrt(symbolic.Two)), div(sqrt(symbolic.Two), symbolic.Two), pow(symbolic.Int(4), q(-1, 4))}},
		{"sqrt(2)*sqrt(8)", mul(sqrt(symbolic.Two), sqrt(symbolic.Int(8))), "4", 4, nil},
		{"sqrt(6)/sqrt(3)", div(sqrt(symbolic.Int(6)), sqrt(symbolic.Int(3))), "sqrt(2)", math.Sqrt2, nil},
		{"sqrt(2)*sqrt(3)", mul(sqrt(symbolic.Two), sqrt(symbolic.Int(3))), "sqrt(6)", math.Sqrt(6), nil},
		{"2^(-3/2)", pow(symbolic.Two, q(-3, 2)), "1/(2*sqrt(2))", math.Pow(2, -1.5),
			[]symbolic.Expr{div(sqrt(symbolic.Two), symbolic.Int(4)), mul(symbolic.Half, pow(symbolic.Two, q(-1, 2)))}},
		{"12^(-1/2)", pow(symbolic.Int(12), q(-1, 2)), "1/(2*sqrt(3))", 1 / math.Sqrt(12),
			[]symbolic.Expr{div(sqrt(symbolic.Int(3)), symbolic.Int(6))}},
		{"18^(-1/2)", pow(symbolic.Int(18), q(-1, 2)), "1/(3*sqrt(2))", 1 / math.Sqrt(18), nil},
		{"3*sqrt(2)/2", mul(q(3, 2), sqrt(symbolic.Two)), "3/sqrt(2)", 3 / math.Sqrt2,
			[]symbolic.Expr{sqrt(q(9, 2))}},
		{"sqrt(2/9)", sqrt(q(2, 9)), "sqrt(2)/3", math.Sqrt(2.0 / 9), nil},
		{"sqrt(6)/2", div(sqrt(symbolic.Int(6)), symbolic.Two), "sqrt(6)/2", math.Sqrt(6) / 2,
			[]symbolic.Expr{sqrt(q(3, 2)), div(sqrt(symbolic.Int(3)), sqrt(symbolic.Two))}},
		{"sqrt(6)/4", div(sqrt(symbolic.Int(6)), symbolic.Int(4)), "sqrt(6)/4", math.Sqrt(6) / 4, nil},
		{"sqrt(6)/6", div(sqrt(symbolic.Int(6)), symbolic.Int(6)), "1/sqrt(6)", 1 / math.Sqrt(6),
			[]symbolic.Expr{sqrt(q(1, 6)), div(symbolic.One, mul(sqrt(symbolic.Two), sqrt(symbolic.Int(3))))}},
		{"-5*sqrt(3)/3", mul(q(-5, 3), sqrt(symbolic.Int(3))), "-5/sqrt(3)", -5 / math.Sqrt(3), nil},
		{"cube root over 2", div(pow(symbolic.Int(4), q(1, 3)), symbolic.Two), "1/2^(1/3)", math.Cbrt(0.5),
			[]symbolic.Expr{pow(symbolic.Half, q(1, 3))}},
		{"cube root of 54", pow(symbolic.Int(54), q(1, 3)), "3*2^(1/3)", math.Cbrt(54), nil},
		{"4^(1/3)", pow(symbolic.Int(4), q(1, 3)), "2^(2/3)", math.Cbrt(4),
			[]symbolic.Expr{pow(symbolic.Two, q(2, 3)), mul(pow(symbolic.Two, q(1, 3)), pow(symbolic.Two, q(1, 3)))}},
		{"2^(5/3)", pow(symbolic.Two, q(5, 3)), "2*2^(2/3)", math.Pow(2, 5.0/3), nil},
		{"12^(1/3)", pow(symbolic.Int(12), q(1, 3)), "12^(1/3)", math.Cbrt(12),
			[]symbolic.Expr{mul(pow(symbolic.Two, q(2, 3)), pow(symbolic.Int(3), q(1, 3)))}},
		{"2^(1/3)*3^(2/3)", mul(pow(symbolic.Two, q(1, 3)), pow(symbolic.Int(3), q(2, 3))), "18^(1/3)", math.Cbrt(18), nil},
		{"441^(1/3)", pow(symbolic.Int(441), q(1, 3)), "21^(2/3)", math.Cbrt(441),
			[]symbolic.Expr{mul(pow(symbolic.Int(3), q(2, 3)), pow(symbolic.Int(7), q(2, 3)))}},
		{"18^(2/3)", pow(symbolic.Int(18), q(2, 3)), "3*12^(1/3)", math.Pow(18, 2.0/3), nil},
		{"63/64", pow(symbolic.Int(3), q(63, 64)), "3^(63/64)", math.Pow(3, 63.0/64), nil},
		{"same exponents", mul(pow(symbolic.Int(3), q(63, 64)), pow(symbolic.Int(5), q(63, 64))), "15^(63/64)", math.Pow(15, 63.0/64), nil},
		{"too big to group", mul(pow(symbolic.Int(3), q(63, 64)), pow(symbolic.Int(5), q(61, 64))), "3^(63/64)*5^(61/64)", math.Pow(3, 63.0/64) * math.Pow(5, 61.0/64),
			[]symbolic.Expr{mul(pow(symbolic.Int(5), q(61, 64)), pow(symbolic.Int(3), q(63, 64)))}},
		{"72^(1/6)", pow(symbolic.Int(72), q(1, 6)), "sqrt(2)*3^(1/3)", math.Pow(72, 1.0/6), nil},
		{"sqrt(sqrt(2))", sqrt(sqrt(symbolic.Two)), "2^(1/4)", math.Pow(2, 0.25), nil},
		{"sqrt(2*sqrt(2))", sqrt(mul(symbolic.Two, sqrt(symbolic.Two))), "2^(3/4)", math.Pow(2, 0.75),
			[]symbolic.Expr{pow(symbolic.Two, q(3, 4))}},
		{"2*2^(1/2)", mul(symbolic.Two, pow(symbolic.Two, symbolic.Half)), "2*sqrt(2)", 2 * math.Sqrt2, nil},
		{"x*sqrt(2)/2", mul(x, sqrt(symbolic.Two), symbolic.Half), "x/sqrt(2)", 0.7 / math.Sqrt2,
			[]symbolic.Expr{div(x, sqrt(symbolic.Two))}},
		{"sum of halves", symbolic.Add(div(x, sqrt(symbolic.Two)), div(x, sqrt(symbolic.Two))), "sqrt(2)*x", 0.7 * math.Sqrt2, nil},
		{"large prime", sqrt(symbolic.Int(4 * 1000003)), "2*sqrt(1000003)", 2 * math.Sqrt(1000003), nil},
		{"large prime squared", sqrt(symbolic.Int(2 * 1000003 * 1000003)), "1000003*sqrt(2)", 1000003 * math.Sqrt2, nil},
		{"big base", sqrt(symbolic.NewNumber(new(big.Rat).SetInt(two63))), "sqrt(2361183241434822606848)", math.Pow(2, 35.5), nil},
		{"negative base", pow(symbolic.Int(-8), q(1, 3)), "(-8)^(1/3)", math.NaN(), nil},
		{"huge exponent", pow(symbolic.Two, q(2000001, 2)), "2^(2000001/2)", math.Inf(1), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			if v := value(tc.e); !closeRel(v, tc.value) && !(math.IsNaN(v) && math.IsNaN(tc.value)) && !(math.IsInf(v, 1) && math.IsInf(tc.value, 1)) {
				t.Errorf("value %v, want %v", v, tc.value)
			}
			for _, s := range tc.same {
				if s != tc.e {
					t.Errorf("%s is another node than %s", s, tc.e)
				}
			}
			// Canonical forms are fixed points, and a product times its
			// inverse is 1.
			if m := symbolic.Mul(tc.e, symbolic.One); m != tc.e {
				t.Errorf("Mul(e, 1) = %s", m)
			}
			if inv := symbolic.Mul(tc.e, symbolic.Pow(tc.e, symbolic.MinusOne)); inv != symbolic.One {
				t.Errorf("e/e = %s", inv)
			}
		})
	}
}

// TestNumericRadicalLimit checks that a radical whose canonical form needs
// a number beyond the bound is left as it is, and that merging it is an
// *Error, not another panic.
func TestNumericRadicalLimit(t *testing.T) {
	h := symbolic.Pow(symbolic.Two, q(2000001, 2))
	if got := symbolic.Mul(h, symbolic.Pow(symbolic.Int(3), symbolic.Half)).String(); got != "2^(2000001/2)*sqrt(3)" {
		t.Errorf("got %s", got)
	}
	var err error
	func() {
		defer symbolic.Recover(&err)
		symbolic.Mul(h, symbolic.Sqrt(symbolic.Two))
	}()
	if !errors.Is(err, symbolic.ErrLimit) {
		t.Errorf("got %v, want a limit error", err)
	}
}

// radical is a random number for TestNumericRadicalProducts: a power of a
// positive rational with a rational exponent, or a rational.
type radical struct {
	b     [2]int64 // the base b[0]/b[1]
	e     [2]int64 // the exponent e[0]/e[1]
	value float64
}

func (r radical) expr() symbolic.Expr {
	return symbolic.Pow(symbolic.Frac(r.b[0], r.b[1]), symbolic.Frac(r.e[0], r.e[1]))
}

// respell writes the radical another way: b^(p/q) as (b^p)^(1/q), or as
// b^k * b^(p/q - k), or as (b^2)^(p/(2q)).
func (r radical) respell(rng *rand.Rand) symbolic.Expr {
	b := symbolic.Frac(r.b[0], r.b[1])
	switch rng.IntN(3) {
	case 0:
		if abs(r.e[0]) <= 3 {
			return symbolic.Pow(symbolic.Pow(b, symbolic.Int(r.e[0])), symbolic.Frac(1, r.e[1]))
		}
	case 1:
		k := rng.Int64N(5) - 2
		return symbolic.Mul(symbolic.Pow(b, symbolic.Int(k)), symbolic.Pow(b, symbolic.Frac(r.e[0]-k*r.e[1], r.e[1])))
	}
	return symbolic.Pow(symbolic.Mul(b, b), symbolic.Frac(r.e[0], 2*r.e[1]))
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// TestNumericRadicalProducts multiplies random radicals in random orders
// and spellings: every product must have the value of the float64 product,
// equal values must give the same node, and the result is a fixed point
// of Mul.
func TestNumericRadicalProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	dens := []int64{1, 2, 3, 4, 6}
	newRadical := func() radical {
		r := radical{b: [2]int64{rng.Int64N(24) + 1, rng.Int64N(8) + 1}, e: [2]int64{rng.Int64N(13) - 6, dens[rng.IntN(len(dens))]}}
		r.value = math.Pow(float64(r.b[0])/float64(r.b[1]), float64(r.e[0])/float64(r.e[1]))
		return r
	}
	byValue := map[string]symbolic.Expr{}
	same := 0 // products of different factors with the same value
	for i := range 3000 {
		n := 1 + rng.IntN(4)
		rs := make([]radical, n)
		want := 1.0
		for j := range rs {
			rs[j] = newRadical()
			want *= rs[j].value
		}
		if rng.IntN(3) == 0 {
			want *= float64([]int{-4, -3, -2, -1, 2, 3, 4}[rng.IntN(7)])
		}
		xs := make([]symbolic.Expr, n)
		ys := make([]symbolic.Expr, n)
		for j, r := range rs {
			xs[j], ys[j] = r.expr(), r.respell(rng)
		}
		coeff := want
		for _, r := range rs {
			coeff /= r.value
		}
		c := symbolic.Int(int64(math.Round(coeff)))
		got := symbolic.Mul(append(xs, c)...)
		rng.Shuffle(n, func(a, b int) { ys[a], ys[b] = ys[b], ys[a] })
		// The other spelling, multiplied one factor at a time.
		other := symbolic.Expr(c)
		for _, y := range ys {
			other = symbolic.Mul(y, other)
		}
		if other != got {
			t.Fatalf("case %d: %v times %v is %s, but respelled %s", i, xs, c, got, other)
		}
		if v := value(got); !closeRel(v, want) {
			t.Fatalf("case %d: %v times %v is %s = %v, want %v", i, xs, c, got, v, want)
		}
		if symbolic.Mul(got, symbolic.One) != got || symbolic.Mul(got, symbolic.Pow(got, symbolic.MinusOne)) != symbolic.One {
			t.Fatalf("case %d: %s is not a fixed point", i, got)
		}
		key := fmt.Sprintf("%.12e", want)
		if prev, ok := byValue[key]; ok {
			same++
			if prev != got {
				t.Errorf("case %d: %s and %s have the same value %s", i, prev, got, key)
			}
		}
		byValue[key] = got
	}
	if same < 100 {
		t.Errorf("only %d products met a value seen before", same)
	}
}

// TestNumericRadicalLarge multiplies powers of large integer bases: the
// canonical form must keep the value and fail, if at all, with an *Error.
// Where the bases factor over the primes trial division uses (and one
// prime below 10^6), the product must be the same node in either order;
// arbitrary large bases may leave a composite part unfactored, and then
// only the value is checked.
func TestNumericRadicalLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	smallPrimes := []int64{2, 3, 5, 7, 11, 13, 97, 997}
	for i := range 4000 {
		factorable := i%2 == 0
		n := 1 + rng.IntN(3)
		xs := make([]symbolic.Expr, n)
		want := 1.0
		for j := range xs {
			var b int64
			if factorable {
				b = 1
				if rng.IntN(2) == 0 {
					b = []int64{1009, 65521, 999983}[rng.IntN(3)]
				}
				for b < 1<<40 && rng.IntN(8) != 0 {
					b *= smallPrimes[rng.IntN(len(smallPrimes))]
				}
			} else {
				b = rng.Int64N(1<<(2+rng.IntN(60))) + 1
			}
			p, d := rng.Int64N(41)-20, int64(1+rng.IntN(12))
			xs[j] = symbolic.Pow(symbolic.Int(b), symbolic.Frac(p, d))
			want *= math.Pow(float64(b), float64(p)/float64(d))
		}
		var got, rev symbolic.Expr
		var err error
		func() {
			defer symbolic.Recover(&err)
			got = symbolic.Mul(xs...)
			rev = xs[n-1]
			for j := n - 2; j >= 0; j-- {
				rev = symbolic.Mul(rev, xs[j])
			}
		}()
		if err != nil {
			if !errors.Is(err, symbolic.ErrLimit) {
				t.Errorf("case %d: %v: %v", i, xs, err)
			}
			continue
		}
		if factorable && got != rev {
			t.Errorf("case %d: %v gives %s and, the other way, %s", i, xs, got, rev)
		}
		if v := value(got); !math.IsInf(want, 0) && want != 0 && math.Abs(v-want) > 1e-11*math.Abs(want) {
			t.Errorf("case %d: %v is %s = %v, want %v", i, xs, got, v, want)
		}
	}
}
