package numeric

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/internal/intpow"
	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/refeval"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// ulpsOff is |v - want| in units in the last place of want (of the
// smallest normal number for subnormal and zero wants); 0 when both are
// the same infinity, +Inf when one is not finite and the other differs.
func ulpsOff(v, want float64) float64 {
	if v == want {
		return 0
	}
	if !isFinite(v) || !isFinite(want) {
		return math.Inf(1)
	}
	_, e := math.Frexp(want)
	ulp := math.Max(math.Ldexp(1, e-53), 0x1p-1074)
	if want == 0 {
		ulp = 0x1p-1074
	}
	return math.Abs(v-want) / ulp
}

func mustParse(t *testing.T, src string) symbolic.Expr {
	t.Helper()
	e, err := parser.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return e
}

// checkModes compiles e over x and y and checks, at the point, that
// EvalBatch and ErrorBound's value equal Eval bit for bit and that
// EvalComplex's real part agrees with it, and returns Eval's value.
func checkModes(t *testing.T, e symbolic.Expr, xv, yv float64) float64 {
	t.Helper()
	p, err := Compile(e, x, y)
	if err != nil {
		t.Fatal(err)
	}
	args := []float64{xv, yv}
	v := p.Eval(args)
	out := make([]float64, 1)
	for _, mode := range simdModes() {
		withSIMD(mode, func() { p.EvalBatch([][]float64{{xv}, {yv}}, [][]float64{out}) })
		if math.Float64bits(out[0]) != math.Float64bits(v) {
			t.Errorf("%v at x=%v, y=%v: EvalBatch (SIMD %d) %v, Eval %v", e, xv, yv, mode, out[0], v)
		}
	}
	if bv, _ := p.ErrorBound(args); math.Float64bits(bv) != math.Float64bits(v) {
		t.Errorf("%v at x=%v, y=%v: ErrorBound's value %v, Eval %v", e, xv, yv, bv, v)
	}
	if c := p.EvalComplex([]complex128{complex(xv, 0), complex(yv, 0)}); isFinite(v) && ulpsOff(real(c), v) > 64 {
		t.Errorf("%v at x=%v, y=%v: EvalComplex %v, Eval %v", e, xv, yv, c, v)
	}
	return v
}

// TestStableLowerings checks each lowering of stable.go on the examples of
// issue 18 and variations: the compiled value must be within ulps of the
// high-precision reference (or equal the limit given where the expression
// itself is undefined but is a derivative that exists), in every mode.
func TestStableLowerings(t *testing.T) {
	d := func(src string) string { return "D:" + src }
	xs := func(xs ...float64) [][2]float64 { // points (x, 0)
		var pts [][2]float64
		for _, v := range xs {
			pts = append(pts, [2]float64{v, 0})
		}
		return pts
	}
	xy := func(x, y float64) [][2]float64 { return [][2]float64{{x, y}} }
	lim := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		src  string // D:src is the derivative in x of src
		ulps float64
		at   [][2]float64 // the points (x, y)
		want *float64     // compared instead of the reference when not nil
	}{
		// Exact constants beyond float64's range.
		{"x^2/10^400", 2, xs(1e200, -3e250), nil},
		{"(2^2000)*x", 1, xs(1e-300, -7.5e-310), nil},
		{"x/1e400", 1, xs(1e300, 5e-300), nil},
		{"10^400/x", 2, xs(1e300), nil},
		{"x*y/10^600", 2, xy(1e300, -1e300), nil},
		{"x^2/10^400 + y", 2, xy(1e200, 2), nil},
		{"3*x^3*10^-700", 4, xs(1e233), nil},
		{"x^2*2^-1100", 0, xs(0x1p500), nil},
		{"sin(x)*10^-320", 2, xs(1), nil},
		{"exp(x)/10^400", 4, xs(700), nil},
		// Integer powers of quotients and products.
		{"(x/y)^200", 0, xy(100, 100), nil},
		{"(x/y)^200", 8, xy(100, 50), nil},
		{"(x/y)^200", 400, xy(1e300, 1e299), nil},
		{"(x*y)^3", 8, xy(1e150, 1e-150), nil},
		{"(x/y)^2", 0, xy(1e200, 1e200), nil},
		{"x^3/y^2", 8, xy(1e200, 1e300), nil},
		{"(x/y)^(-150)", 400, xy(3, 300), nil},
		{"x^1000*y^-999", 64, xy(1.5, 1.5), nil},
		{"x^2*y^2 + 1", 2, xy(1e200, 1e-200), nil},
		// 1 - sigmoid(u).
		{"sigmoid(x)*(1 - sigmoid(x))", 4, xs(20, 40, 700, -40, 0.5), nil},
		{"1 - sigmoid(x)", 2, xs(50), nil},
		{"2 - 2*sigmoid(x^2)", 4, xs(8), nil},
		{"1 - sigmoid(x) + y", 4, xy(40, 1e-20), nil},
		{"1 - sigmoid(x*y)", 4, xy(10, 5), nil},
		{d("sigmoid(2*x)"), 8, xs(25), nil},
		// log(1 + exp(u)).
		{"log(1 + exp(x))", 0, xs(800, -800), nil},
		{"log(1 + exp(x))", 2, xs(30, -30), nil},
		{"log(1 + exp(-x))", 0, xs(-800), nil},
		{"log(1 + exp(2*x + 1))", 2, xs(400), nil},
		{"log(1 + exp(x*y))", 2, xy(50, 40), nil},
		// exp, sinh, cosh up to the true threshold.
		{"exp(x)", 1, xs(709.5, 709.78), nil},
		{"exp(x)", 0, xs(709.8), nil},
		{"exp(x)", 1, xs(-709.5), nil},
		{"exp(x)*exp(-x)", 4, xs(709.5), nil},
		{"sinh(x)", 2, xs(710, -710.4, 709.9, 30), nil},
		{"cosh(x)", 2, xs(710.47, -710, 25), nil},
		// The general power rule at u = 0 (D: unsimplified, and the
		// simplifier's forms written out).
		{d("relu(-x)^relu(-x)"), 0, xs(1), lim(0)},
		{d("relu(-x)^relu(-x)"), 8, xs(-2), nil},
		{"-relu(-x)^relu(-x)*step(-x)*(log(relu(-x)) + 1)", 0, xs(1), lim(0)},
		{"-relu(-x)^relu(-x)*step(-x)*(log(relu(-x)) + 1)", 8, xs(-0.5), nil},
		{"relu(-x)^(x^2 + relu(-x))*(log(relu(-x))*(2*x - step(-x)) - step(-x)*(x^2 + relu(-x))/relu(-x))", 0, xs(1), lim(0)},
		{d("relu(-x)^(relu(-x)^2 + 1)"), 0, xs(2), lim(0)},
		{d("relu(-x)^(y*relu(-x))"), 0, xy(3, 2), lim(0)},
		{d("relu(x-1)^relu(x-1)"), 0, xs(0.5), lim(0)},
		{d("relu(x-1)^relu(x-1)"), 8, xs(3), nil},
		// ... and where the limit does not apply, the value stays
		// undefined: no general power of u, or no zero factor.
		{"step(-x)*log(relu(-x))", 0, xs(1), nil},
		{d("x^x"), 0, xs(0), lim(math.Inf(-1))},
		{"x^y*log(x)*y", 0, xy(0, -1), nil},
	} {
		for _, at := range tc.at {
			xv, yv := at[0], at[1]
			t.Run(fmt.Sprintf("%s@%v,%v", tc.src, xv, yv), func(t *testing.T) { checkLowering(t, tc.src, xv, yv, tc.ulps, tc.want) })
		}
	}
}

// checkLowering compiles src (D:src for the derivative in x) and checks
// its value at (xv, yv) in every mode within ulps of the reference, or
// of want if not nil; the undefined cases of TestStableLowerings must
// not be finite.
func checkLowering(t *testing.T, src string, xv, yv, ulps float64, want *float64) {
	var e symbolic.Expr
	if len(src) > 2 && src[:2] == "D:" {
		e = symbolic.D(mustParse(t, src[2:]), x)
	} else {
		e = mustParse(t, src)
	}
	v := checkModes(t, e, xv, yv)
	w, ok := 0.0, want != nil
	if ok {
		w = *want
	} else if w, ok = refeval.Reference(e, map[*symbolic.Symbol]float64{x: xv, y: yv}); !ok {
		if src == "step(-x)*log(relu(-x))" || src == "x^y*log(x)*y" {
			if isFinite(v) {
				t.Errorf("%v = %v, want a value that is not finite (undefined, no limit applies)", e, v)
			}
			return
		}
		t.Fatalf("no reference value for %v", e)
	}
	if off := ulpsOff(v, w); off > ulps {
		t.Errorf("%v = %.17g, want %.17g (%.3g ulps off, allowed %v)", e, v, w, off, ulps)
	}
}

// TestScaleValueSlowPath checks the exponent-tracking path of a scale
// instruction (intpow.Scale) against big-float products on random bases and exponents
// whose direct products overflow or underflow.
func TestScaleValueSlowPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 18))
	for i := range long.N(2000, 20000) {
		n := 1 + rng.IntN(4)
		ks := make([]int, n)
		vals := make([]float64, n)
		want := new(big.Float).SetPrec(300).SetFloat64(1)
		for k := range ks {
			ks[k] = rng.IntN(401) - 200
			if ks[k] == 0 {
				ks[k] = 1
			}
			vals[k] = math.Ldexp(0.5+rng.Float64()/2, rng.IntN(80)-40)
			if rng.IntN(2) == 0 {
				vals[k] = -vals[k]
			}
			b := new(big.Float).SetPrec(300).SetFloat64(vals[k])
			pw := new(big.Float).SetPrec(300).SetFloat64(1)
			for range abs64(int64(ks[k])) {
				pw.Mul(pw, b)
			}
			if ks[k] < 0 {
				pw.Quo(new(big.Float).SetPrec(300).SetFloat64(1), pw)
			}
			want.Mul(want, pw)
		}
		m, e := 0.5+rng.Float64()/2, rng.IntN(4001)-2000
		want.Mul(want, new(big.Float).SetPrec(300).SetMantExp(big.NewFloat(m), e))
		w, _ := want.Float64()
		got := intpow.Scale(m, e, vals, ks)
		// Binary powering doubles the relative error at each squaring:
		// about |n| half-ulps for b^n, as the direct powi.
		steps := 4.0
		for _, k := range ks {
			steps += float64(abs64(int64(k)))
		}
		if off := ulpsOff(got, w); off > steps && !(w == 0 && math.Abs(got) <= 0x1p-1074*steps) {
			t.Fatalf("case %d: Scale(%v, %v, %v, %v) = %v, want %v (%.3g ulps)", i, m, e, ks, vals, got, w, off)
		}
	}
}

// TestWideRangeProperty compares the compiled program with the
// high-precision reference on random expressions e1 (internal/randexpr)
// in shapes that put exact constants up to 10^400 either way against
// values that compensate them, at points up to |x| = 700: e1 itself,
// 10^k*e1, 10^-k*exp(x)*e1, 10^k*exp(-x)*e1, 10^-k*x^n*e1 (n about
// k/log10(700)) and x^n*y^-n*e1. Wherever the reference is finite and a
// normal float64 and the compiled value is finite, they must agree within
// 8 times the program's own running error bound (ErrorBound: the rounding
// of each operation propagated through the derivatives, the condition of
// the evaluation) plus 4 ulps and 1e-12 relative: ErrorBound does not
// charge the rounding of constants folded at compile time (a constant
// 10^66/sqrt(sin(sinh(-4*tanh(2^(3/2))^2 - 2)) + 2) is 1e-14 off), and
// its complex-step derivative of a table function can overflow to 0
// (sech at 650, 9e-14 off with a bound of 4e-16). A point where a function call or a general
// power u^v (v not a number) overflows or is undefined inside the program
// is excused, counted and logged (an intermediate the lowerings do not
// cover: a large base to a large general power), and must stay rare;
// overflow in products, integer powers and constants is not excused.
// Every shape must have points checked.
func TestWideRangeProperty(t *testing.T) {
	g := randexpr.New(18, &randexpr.Options{Vars: []*symbolic.Symbol{x, y}, MaxDepth: 3})
	rng := rand.New(rand.NewPCG(18, 18))
	exprs := long.N(60, 3000)
	pow10 := func(k int) *symbolic.Number {
		c := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, -k))), nil))
		if k < 0 {
			c.Inv(c)
		}
		return symbolic.NewNumber(c)
	}
	exp := func(u symbolic.Expr) symbolic.Expr { return symbolic.Apply(fn("exp"), u) }
	const shapes = 6
	var checked, nonFinite [shapes]int
	for i := range exprs {
		e1 := g.Expr()
		shape := rng.IntN(shapes)
		k := 300 + rng.IntN(101)
		var e symbolic.Expr
		switch shape {
		case 0:
			e = e1
		case 1:
			e = symbolic.Mul(pow10(rng.IntN(801)-400), e1)
		case 2:
			e = symbolic.Mul(pow10(-k), exp(x), e1)
		case 3:
			e = symbolic.Mul(pow10(k), exp(symbolic.Neg(x)), e1)
		case 4:
			n := int64(float64(k) / math.Log10(700))
			e = symbolic.Mul(pow10(-k), symbolic.Pow(x, symbolic.Int(n)), e1)
		case 5:
			n := int64(2 + rng.IntN(200))
			e = symbolic.Mul(symbolic.Pow(x, symbolic.Int(n)), symbolic.Pow(y, symbolic.Int(-n)), e1)
		}
		p, err := Compile(e, x, y)
		if err != nil {
			t.Fatal(err)
		}
		// The calls and general powers, to excuse their overflow.
		var inner []symbolic.Expr
		symbolic.Walk(e, func(n symbolic.Expr) {
			switch n := n.(type) {
			case *symbolic.Call:
				inner = append(inner, n)
			case *symbolic.Power:
				if _, ok := n.Exp().(*symbolic.Number); !ok {
					inner = append(inner, n)
				}
			}
		})
		var pin *Program
		if len(inner) > 0 {
			if pin, err = CompileMany(inner, x, y); err != nil {
				t.Fatal(err)
			}
		}
		for j := range 4 {
			var xv, yv float64
			switch j {
			case 0:
				xv, yv = g.Point(-700, 700), g.Point(-700, 700)
			case 1:
				xv, yv = g.Point(200, 700), g.Point(-700, 700)
			case 2:
				xv, yv = g.Point(-40, 40), g.Point(-3, 3)
			default:
				xv, yv = g.Point(-3, 3), g.Point(-3, 3)
			}
			if shape == 5 && j < 2 {
				yv = math.Copysign(xv*(0.5+g.Point(0, 1)), yv)
			}
			want, ok := refeval.Reference(e, map[*symbolic.Symbol]float64{x: xv, y: yv})
			if !ok || !isFinite(want) || want != 0 && math.Abs(want) < 0x1p-1022 {
				continue
			}
			v, bound := p.ErrorBound([]float64{xv, yv})
			if pin != nil {
				vals := make([]float64, len(inner))
				pin.EvalMany([]float64{xv, yv}, vals)
				if !all(vals, isFinite) {
					nonFinite[shape]++
					t.Logf("shape %d, expression %d at x=%v, y=%v: %v, reference %v (a call or general power not finite): %v", shape, i, xv, yv, v, want, e)
					continue
				}
			}
			checked[shape]++
			_, ex := math.Frexp(want)
			ulp := math.Ldexp(1, ex-53)
			if math.Abs(v-want) > 8*bound+4*ulp+1e-12*math.Abs(want) {
				t.Errorf("expression %d at x=%v, y=%v: compiled %.17g, reference %.17g (off %.3g, bound %.3g): %v",
					i, xv, yv, v, want, math.Abs(v-want), bound, e)
			}
		}
	}
	t.Logf("%d expressions: points checked by shape %v; excused: %v", exprs, checked, nonFinite)
	for s := range shapes {
		if checked[s] < exprs/shapes/2 {
			t.Errorf("shape %d: only %d points checked", s, checked[s])
		}
		if nonFinite[s] > checked[s]/20 {
			t.Errorf("shape %d: %d points with a finite reference and a value that is not (of %d checked)", s, nonFinite[s], checked[s])
		}
	}
}

func all(vs []float64, ok func(float64) bool) bool {
	for _, v := range vs {
		if !ok(v) {
			return false
		}
	}
	return true
}

// TestFinite: finite is false exactly where a part is infinite or NaN.
func TestFinite(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1e308, math.MaxFloat64, 5e-324, inf, -inf, nan} {
		want := !math.IsInf(v, 0) && !math.IsNaN(v)
		if finite(v) != want {
			t.Errorf("finite(%v) = %v", v, !want)
		}
		for _, c := range []complex128{complex(v, 1), complex(1, v), complex(v, v), complex(v, nan)} {
			if want := !cmplx.IsInf(c) && !cmplx.IsNaN(c); finite(c) != want {
				t.Errorf("finite(%v) = %v", c, !want)
			}
		}
	}
}

// TestComplexHyperbolicWide: csinhWide and ccoshWide agree with cmplx.Sinh
// and cmplx.Cosh (within 4 ulps a part) where both are finite, at real
// parts of either sign on both sides of 21, and stay finite up to 710.
func TestComplexHyperbolicWide(t *testing.T) {
	for _, a := range []float64{0.5, 20.9, 21.5, 40, 300, -25, -600} {
		for _, b := range []float64{0, 0.3, -2, 3} {
			z := complex(a, b)
			for _, f := range []struct {
				name      string
				wide, std func(complex128) complex128
			}{{"sinh", csinhWide, cmplx.Sinh}, {"cosh", ccoshWide, cmplx.Cosh}} {
				got, want := f.wide(z), f.std(z)
				if ulpsOff(real(got), real(want)) > 4 || ulpsOff(imag(got), imag(want)) > 4 {
					t.Errorf("%s wide(%v) = %v, cmplx %v", f.name, z, got, want)
				}
			}
		}
	}
	for _, z := range []complex128{complex(710, 0.5), complex(-710, 0.5)} {
		if s, c := csinhWide(z), ccoshWide(z); !finite(s) || !finite(c) {
			t.Errorf("sinh, cosh wide(%v) = %v, %v, want finite", z, s, c)
		}
	}
}

// TestMulzNumberBase: a product with log(0) (or a negative power of 0) is
// singular everywhere, not where a variable u nears 0, and is compiled as
// a product whatever else the program computes: the derivative of
// log(0^w), w'*log(0) once 0^w/0^w cancels, was 0 where CompileMany also
// compiled log(0^w) (its 0^w made 0 a general power's base, see
// lowerMulz) and NaN alone (FuzzCompile).
func TestMulzNumberBase(t *testing.T) {
	a := symbolic.Sym("a")
	for _, src := range []string{"log(0^a^20^9^x)", "log(0^(a*x))", "x*(0^(a+x))"} {
		e := parser.MustParse(src)
		d, err := symbolic.Diff(context.Background(), e, x)
		if err != nil {
			t.Fatal(err)
		}
		one, err := Compile(d, x, a)
		if err != nil {
			t.Fatal(err)
		}
		many, err := CompileMany([]symbolic.Expr{e, d}, x, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, pt := range [][]float64{{1.5901041481279634, 0.8728677749577312}, {0.5, 2}, {-1, 3}} {
			want := one.Eval(pt)
			out := make([]float64, 2)
			many.EvalMany(pt, out)
			if math.Float64bits(out[1]) != math.Float64bits(want) && !(math.IsNaN(out[1]) && math.IsNaN(want)) {
				t.Errorf("%s: the derivative %v at %v: %v alone, %v beside the function", src, d, pt, want, out[1])
			}
		}
	}
}
