package simplify

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestOrientRandom turns random products of polynomial factors (linear and
// quadratic in x and a, with signs, odd and even powers, and a coefficient)
// and checks that the value is the same at random points, that what is
// left has at most one odd factor whose leading term is negative, and then
// only with a positive coefficient and no more minus signs than its
// negation and the coefficient's would write, and that nothing turns where the input
// holds the factors (with no content, see primitive), that a second pass
// turns nothing, and that factors negated turn back to the input's.
func TestOrientRandom(t *testing.T) {
	x, a := symbolic.Sym("x"), symbolic.Sym("a")
	rng := rand.New(rand.NewPCG(3, 4))
	num := func() symbolic.Expr {
		return symbolic.NumberOf(symbolic.NewRat(int64(rng.IntN(9)-4), int64(1+rng.IntN(3))))
	}
	// Integer coefficients, mostly without content: 2*x - 3, 1 - x^2.
	coef := func() symbolic.Expr { return symbolic.Int(int64([]int{-3, -2, -1, 1, 2, 3}[rng.IntN(6)])) }
	poly := func() symbolic.Expr {
		ts := []symbolic.Expr{coef(), symbolic.Mul(coef(), x)}
		switch rng.IntN(3) {
		case 0:
			ts = append(ts, symbolic.Mul(coef(), symbolic.Pow(x, symbolic.Two)))
		case 1:
			ts = append(ts, symbolic.Mul(coef(), a))
		}
		if rng.IntN(4) == 0 {
			ts = append(ts, symbolic.Mul(num(), x)) // any, with a content now and then
		}
		return symbolic.Add(ts...)
	}
	turned, restored := 0, 0
	for range 600 {
		fs := []symbolic.Expr{num()}
		var ks []int64
		for range 1 + rng.IntN(4) {
			fs = append(fs, poly())
			ks = append(ks, int64(rng.IntN(7)-3))
		}
		e, ok := try(func() symbolic.Expr {
			for i, k := range ks {
				fs[i+1] = symbolic.Pow(fs[i+1], symbolic.Int(k))
			}
			return symbolic.Mul(fs...)
		})
		if !ok {
			continue // a zero factor to a negative power
		}
		r := (&orienter{}).walk(e)
		if r != e {
			turned++
		}
		for range 5 {
			ev := symbolic.Evaluator{Env: map[*symbolic.Symbol]float64{x: 4*rng.Float64() - 2, a: 4*rng.Float64() - 2}}
			ve, vr := ev.Eval(e), ev.Eval(r)
			if math.IsInf(ve, 0) || math.IsNaN(ve) || math.Abs(ve) > 1e12 {
				continue
			}
			if math.Abs(ve-vr) > 1e-9*math.Max(1, math.Abs(ve)) {
				t.Fatalf("%v turned into %v: %g, not %g", e, r, vr, ve)
			}
		}
		if p, ok := r.(*symbolic.Product); ok {
			neg, fewer := 0, false
			for _, f := range p.Factors() {
				if s, k := sumPower(f); s != nil && k%2 != 0 && leadingSign(s) < 0 {
					neg++
					n := negatives(s)
					fewer = n > 1+len(s.Terms())-n
				}
			}
			c, isNum := p.Factors()[0].(*symbolic.Number)
			if neg > 1 || neg == 1 && (isNum && c.Sign() < 0 || fewer) {
				t.Errorf("%v turned into %v, with %d odd factors negative", e, r, neg)
			}
		}
		// Oriented with the input e, then with the result as the input,
		// nothing turns the second time.
		o := (&orienter{in: []symbolic.Expr{e}}).walk(e)
		if again := (&orienter{in: []symbolic.Expr{o}}).walk(o); again != o {
			t.Errorf("%v turned into %v, which turned into %v", e, o, again)
		}
		// A polynomial factor of negative terms only turns, whatever the
		// input holds: (-3*x - 1)^2 is (3*x + 1)^2; other factors the input
		// holds stay.
		if f := negativeFactor(o); f != nil {
			t.Errorf("%v turned into %v, which keeps %v", e, o, f)
		}
		if primitive(e) && o != e && negativeFactor(e) == nil {
			t.Errorf("%v, the input itself, turned into %v", e, o)
		}
		// e with some of its factors negated (and the coefficient for
		// each odd one) turns back into e, the input.
		if back, e2, ok := negatedSome(rng, e); ok && primitive(e) && negativeFactor(e) == nil {
			restored++
			if got := (&orienter{in: []symbolic.Expr{e}}).walk(e2); got != back {
				t.Errorf("%v, with %v as the input, turned into %v", e2, e, got)
			}
		}
	}
	if restored < 100 {
		t.Errorf("only %d of 600 products were turned back", restored)
	}
	if turned < 100 {
		t.Errorf("only %d of 600 products turned", turned)
	}
}

// negativeFactor returns a factor of e, a product (or a power alone), that
// is a polynomial sum of negative terms only or a power of one; nil if
// there is none. (A sum alone is no factor: the walk turns products.)
func negativeFactor(e symbolic.Expr) symbolic.Expr {
	var fs []symbolic.Expr
	switch x := e.(type) {
	case *symbolic.Product:
		fs = x.Factors()
	case *symbolic.Power:
		fs = []symbolic.Expr{x}
	}
	for _, f := range fs {
		if s, _ := sumPower(f); s != nil && leadingSign(s) != 0 && termsNegative(s) {
			return f
		}
	}
	return nil
}

// negatedSome returns e, a product, as the orienter should give it back
// (e itself), and e with a random nonempty subset of its polynomial
// factors negated, the coefficient negated once for each odd power; false
// where e has no such factor, or a factor whose negation is another of its
// factors, or the negated product does not keep its factors apart.
func negatedSome(rng *rand.Rand, e symbolic.Expr) (back, e2 symbolic.Expr, ok bool) {
	p, isProduct := e.(*symbolic.Product)
	if !isProduct {
		return nil, nil, false
	}
	fs := p.Factors()
	out := make([]symbolic.Expr, len(fs))
	copy(out, fs)
	sign := int64(1)
	n := 0
	for i, f := range fs {
		s, k := sumPower(f)
		if s == nil || leadingSign(s) == 0 {
			continue
		}
		for _, g := range fs {
			if t, _ := sumPower(g); t != nil && t == symbolic.Neg(s) {
				return nil, nil, false
			}
		}
		if rng.IntN(2) == 0 {
			continue
		}
		out[i] = symbolic.Pow(symbolic.Neg(s), symbolic.Int(k))
		if k%2 != 0 {
			sign = -sign
		}
		n++
	}
	if n == 0 {
		return nil, nil, false
	}
	out = append(out, symbolic.Int(sign))
	e2 = symbolic.Mul(out...)
	if q, ok := e2.(*symbolic.Product); !ok || len(q.Factors()) != len(fs) {
		return nil, nil, false
	}
	return e, e2, true
}

// primitive reports whether the polynomial factors of e, a product, have
// no content (sumContent 1), so that none is a multiple of another's
// negation: then the input's orientation of each is its own.
func primitive(e symbolic.Expr) bool {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return true
	}
	for _, f := range p.Factors() {
		if s, _ := sumPower(f); s != nil && !sumContent(s).Is(1) {
			return false
		}
	}
	return true
}

// negativeSum picks exactly one of s and -s, for polynomials by the sign
// of the term of the highest degree (x^3 - x, not x - x^3), for other sums
// by the canonical order; and it decides the kernels' angles, so that a
// polynomial angle keeps its leading term positive.
func TestNegativeSumFlips(t *testing.T) {
	x, a, y := symbolic.Sym("x"), symbolic.Sym("a"), symbolic.Sym("y")
	rng := rand.New(rand.NewPCG(5, 6))
	atoms := []symbolic.Expr{x, a, y, symbolic.Pow(x, symbolic.Int(2)), symbolic.Pow(x, symbolic.Int(3)),
		symbolic.Mul(x, y), symbolic.Mul(a, symbolic.Pow(x, symbolic.Int(2))), parser.MustParse("sin(x)"), parser.MustParse("exp(y)")}
	polys := 0
	for range 2000 {
		var ts []symbolic.Expr
		for range 2 + rng.IntN(3) {
			c := symbolic.NumberOf(symbolic.NewRat(int64(rng.IntN(11)-5), int64(1+rng.IntN(3))))
			ts = append(ts, symbolic.Mul(c, atoms[rng.IntN(len(atoms))]))
		}
		if rng.IntN(2) == 0 {
			ts = append(ts, symbolic.Int(int64(rng.IntN(9)-4)))
		}
		s, ok := symbolic.Add(ts...).(*symbolic.Sum)
		if !ok {
			continue
		}
		n := symbolic.Neg(s).(*symbolic.Sum)
		if negativeSum(s) == negativeSum(n) {
			t.Fatalf("negativeSum(%v) = negativeSum(%v) = %v", s, n, negativeSum(s))
		}
		if sign, ok := leadingMonomialSign(s); ok {
			polys++
			// The unique term of the highest degree, where there is one,
			// gives the sign.
			top, deg, unique := 0, int64(-1), false
			for _, t := range s.Terms() {
				c, d, _, _ := monomialDegree(t)
				switch {
				case d > deg:
					top, deg, unique = c, d, true
				case d == deg:
					unique = false
				}
			}
			if unique && sign != top {
				t.Errorf("%v: leading sign %d, want %d", s, sign, top)
			}
		}
	}
	if polys < 500 {
		t.Errorf("only %d polynomial sums", polys)
	}
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"x - x^3", true}, {"x^3 - x", false}, {"1 - x^2", true}, {"x - y", false}, {"a - b", false},
		{"y - x", true}, {"2*x - 6*x^3", true}, {"sin(x) - x", true},
	} {
		s := parser.MustParse(c.s).(*symbolic.Sum)
		if got := negativeSum(s); got != c.want {
			t.Errorf("negativeSum(%s) = %v, want %v", c.s, got, c.want)
		}
	}
}

// turnedMinuses counts the minus signs a sum writes and those of its
// negation, oriented: a polynomial factor leading with a negative term
// counts, and turns with its term's sign; the input's own factors do not.
func TestTurnedMinuses(t *testing.T) {
	for _, c := range []struct {
		s, input     string
		asIs, turned int
	}{
		{"(x - 3*x^3)*cos(x^3 - x) + 3*sin(x^3 - x)", "sin(x^3 - x)/x^3", 1, 1},
		{"(x - 3*x^3)*sin(x^3 - x) - 2*cos(x^3 - x)", "cos(x^3 - x)/x^2", 2, 0},
		{"(3*x^3 - x)*sin(x^3 - x) + 2*cos(x^3 - x)", "cos(x^3 - x)/x^2", 0, 2},
		{"(1 - x)*cos(x) - 3*sin(x)", "sin(x)*(1 - x)^3", 1, 1},
		{"-sin(x) - cos(x)", "sin(x)", 2, 0},
	} {
		o := &orienter{in: []symbolic.Expr{parser.MustParse(c.input)}}
		asIs, turned := o.turnedMinuses(parser.MustParse(c.s).(*symbolic.Sum))
		if asIs != c.asIs || turned != c.turned {
			t.Errorf("turnedMinuses(%s) with input %s = %d, %d; want %d, %d", c.s, c.input, asIs, turned, c.asIs, c.turned)
		}
	}
}

// A sum turns with its product's coefficient where that writes fewer minus
// signs, or as many where the sum as it is would be written with a minus
// first (see symbolic.SumDisplayOrder): 4*x - x^2 - 8 is written
// -x^2 + 4*x - 8, and -2/(x^2 - 4*x + 8) reads better than
// 2/(-x^2 + 4*x - 8). A sum written with a plus first on a tie stays.
func TestTurnsWithSign(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"4*x - x^2 - 8", true},         // 2 minus signs either way; -x^2 first
		{"x^2 - x^4 - 1", true},         // -x^4 first
		{"1 + x - x^2", false},          // 1 + x - x^2: a plus first
		{"2*x - 3 - x^2*sin(x)", false}, // not a polynomial: 2*x first
		{"-2*x - 1", true},              // fewer minus signs turned
		{"x - 1", false},
	} {
		o := &orienter{in: []symbolic.Expr{parser.MustParse("y")}}
		if got := o.turnsWithSign(parser.MustParse(c.s).(*symbolic.Sum)); got != c.want {
			t.Errorf("turnsWithSign(%s) = %v, want %v", c.s, got, c.want)
		}
	}
}

// TestDerivativeOf checks DerivativeOf: the sums a derivative makes by
// differentiating the input's own polynomial sums, where they lead with
// a negative term, are oriented as the simplification's own sums
// (positive leading terms, the sign to the coefficient), in any variable
// and inside larger expressions; the input's sums, those that lead
// positive and those of the functions' rules stay as written; and the
// value is the one the simplification without the option has.
func TestDerivativeOf(t *testing.T) {
	tests := []struct {
		f, v, want string
	}{
		{"1/(1 + x - 6*x^2)", "x", "(12*x - 1)/(1 + x - 6*x^2)^2"},
		{"1/(1 + y - 5*y^3)", "y", "(15*y^2 - 1)/(1 + y - 5*y^3)^2"},
		{"sin(1/(1 + x - 6*x^2))", "x", "(12*x - 1)*cos(1/(1 + x - 6*x^2))/(1 + x - 6*x^2)^2"},
		{"(1 + x - x^2)^(-3)", "x", "3*(2*x - 1)/(1 + x - x^2)^4"},
		{"a/(1 + a*t - 4*t^2)", "t", "a*(8*t - a)/(a*t - 4*t^2 + 1)^2"},
		// A derivative's sum that leads positive stays as made.
		{"cos(x^3 - x)", "x", "-(3*x^2 - 1)*sin(x^3 - x)"},
		// The rules' sums and the input's stay.
		{"atanh(x)", "x", "1/(1 - x^2)"},
		{"log(1 - x^2)", "x", "-2*x/(1 - x^2)"},
		// Turned, the numbers would share fewer nodes (a higher cost):
		// the input's orientation, as without the option.
		{"1/(2 + 3*x - x^2)", "x", "-(3 - 2*x)/(2 + 3*x - x^2)^2"},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tt := range tests {
		f := parser.MustParse(tt.f)
		v := symbolic.Sym(tt.v)
		d, err := symbolic.Diff(t.Context(), f, v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Simplify(t.Context(), d, DerivativeOf(f, v))
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != tt.want {
			t.Errorf("d/d%s %s = %v, want %s", tt.v, tt.f, got, tt.want)
		}
		plain, err := Simplify(t.Context(), d)
		if err != nil {
			t.Fatal(err)
		}
		vars := symbolic.Symbols(d)
		if n := definedAlike(t, rng, "DerivativeOf", plain, got, 200, vars...); n < 100 {
			t.Errorf("%s: %d points defined", tt.f, n)
		}
	}
}
