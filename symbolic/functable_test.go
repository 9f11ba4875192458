package symbolic_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// row returns a well-formed row named name, which a case of
// TestValidateRejectsMalformedRows then breaks in one field.
func row(name string) *symbolic.Func {
	return &symbolic.Func{
		Name: name, Arity: 1, Rule: "derivative of " + name,
		Deriv:  func(u symbolic.Expr) symbolic.Expr { return symbolic.One },
		Eval:   func(x float64) float64 { return x },
		EvalC:  func(z complex128) complex128 { return z },
		Domain: func(float64) bool { return true },
		Range:  symbolic.RangeSignOfArg, TeX: `\operatorname{` + name + `}`,
	}
}

// TestValidateRejectsMalformedRows breaks one field of a good row at a
// time: Validate must reject each, naming the row and the field.
func TestValidateRejectsMalformedRows(t *testing.T) {
	if err := row("ident").Validate(); err != nil {
		t.Fatalf("a well-formed row is rejected: %v", err)
	}
	tests := []struct {
		field string
		brk   func(f *symbolic.Func)
	}{
		{"Name", func(f *symbolic.Func) { f.Name = "2x" }},
		{"Arity", func(f *symbolic.Func) { f.Arity = 2 }},
		{"Deriv", func(f *symbolic.Func) { f.Deriv = nil }},
		{"Rule", func(f *symbolic.Func) { f.Rule = "" }},
		{"Eval", func(f *symbolic.Func) { f.Eval = nil }},
		{"EvalC", func(f *symbolic.Func) { f.EvalC = nil }},
		{"Domain", func(f *symbolic.Func) { f.Domain = nil }},
		{"Range", func(f *symbolic.Func) { f.Range = 0 }},
		{"TeX", func(f *symbolic.Func) { f.TeX = "" }},
		{"Parity", func(f *symbolic.Func) { f.Parity = 2 }},
		{"alias", func(f *symbolic.Func) { f.Aliases = []string{"a b"} }},
		{"rule", func(f *symbolic.Func) { f.Rules = []string{"no arrow: broken(a)"} }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			f := row("broken")
			tt.brk(f)
			err := f.Validate()
			if err == nil {
				t.Fatalf("a row with a bad %s is accepted", tt.field)
			}
			if !strings.Contains(err.Error(), `"`+f.Name+`"`) || !strings.Contains(err.Error(), tt.field) {
				t.Errorf("error %q does not name the row and the field %s", err, tt.field)
			}
		})
	}
}

// TestRegisterPanicsNamingRow checks that registering a malformed row, or
// one whose name is taken, panics with the row's name and leaves the table
// as it was.
func TestRegisterPanicsNamingRow(t *testing.T) {
	missing := row("nodomain")
	missing.Domain = nil
	for _, tt := range []struct {
		f    *symbolic.Func
		want string
	}{
		{missing, `"nodomain": Domain is missing`},
		{row("sin"), `"sin" is already taken`},
	} {
		n := len(symbolic.Builtins())
		func() {
			defer func() {
				msg := ""
				switch p := recover().(type) {
				case error:
					msg = p.Error()
				case string:
					msg = p
				}
				if !strings.Contains(msg, tt.want) {
					t.Errorf("register(%s) panicked with %q, want %q", tt.f.Name, msg, tt.want)
				}
			}()
			symbolic.Register(tt.f)
		}()
		if got := len(symbolic.Builtins()); got != n {
			t.Errorf("register(%s) changed the table from %d to %d rows", tt.f.Name, n, got)
		}
	}
	if f, _ := symbolic.Lookup("nodomain"); f != nil {
		t.Errorf("the malformed row was registered")
	}
}

// TestRangeFacts checks every row's Range against its Eval at random
// points of its domain: a row that claims a sign its values do not have
// fails.
func TestRangeFacts(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, f := range symbolic.Builtins() {
		t.Run(f.Name, func(t *testing.T) {
			if err := f.Validate(); err != nil {
				t.Fatal(err)
			}
			n := 0
			for try := 0; try < 4000 && n < 200; try++ {
				x := (rng.Float64()*2 - 1) * math.Ldexp(1, rng.IntN(8)-3)
				if !f.Domain(x) {
					continue
				}
				v := f.Eval(x)
				if math.IsNaN(v) {
					t.Fatalf("%s(%v) is NaN inside its domain", f.Name, x)
				}
				n++
				ok := true
				switch f.Range {
				case symbolic.RangePositive:
					ok = v > 0
				case symbolic.RangeNonNegative:
					ok = v >= 0
				case symbolic.RangeSignOfArg:
					ok = math.Signbit(v) == math.Signbit(x) && (v == 0) == (x == 0)
				}
				if !ok {
					t.Fatalf("%s(%v) = %v contradicts its range %v", f.Name, x, v, f.Range)
				}
			}
			if n < 100 {
				t.Errorf("only %d points of the domain found", n)
			}
		})
	}
}

// TestRowsKnownByEveryName checks that Lookup finds each row under its name
// and its aliases, and that Builtins lists each row once.
func TestRowsKnownByEveryName(t *testing.T) {
	seen := map[*symbolic.Func]bool{}
	for _, f := range symbolic.Builtins() {
		if seen[f] {
			t.Errorf("%s is listed twice", f.Name)
		}
		seen[f] = true
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			if g, ok := symbolic.Lookup(n); !ok || g != f {
				t.Errorf("Lookup(%q) = %v, want the row %s", n, g, f.Name)
			}
		}
	}
}

// The piecewise functions take their exact values at numbers, agreeing with
// their Eval, and stay calls elsewhere.
func TestPiecewiseExactValues(t *testing.T) {
	xs := []*symbolic.Number{symbolic.Frac(-5, 2), symbolic.Int(-1), symbolic.Zero, symbolic.Frac(1, 3), symbolic.Int(4)}
	for _, name := range []string{"abs", "sign", "step", "relu"} {
		f := fn(name)
		for _, n := range xs {
			got, ok := symbolic.Apply(f, n).(*symbolic.Number)
			if !ok {
				t.Errorf("%s(%v) = %v, not a number", name, n, symbolic.Apply(f, n))
				continue
			}
			if v, want := got.Float64(), f.Eval(n.Float64()); v != want {
				t.Errorf("%s(%v) = %v, want %v as Eval gives", name, n, got, want)
			}
		}
		if e := symbolic.Apply(f, x); e == nil {
			t.Errorf("%s(x) = nil", name)
		} else if _, ok := e.(*symbolic.Call); !ok {
			t.Errorf("%s(x) = %v, want a call", name, e)
		}
	}
}

// TestLogExactValues checks that log2 and log10 fold at the integer
// powers of their bases, to the value Eval gives, and stay calls at other
// positive numbers.
func TestLogExactValues(t *testing.T) {
	for _, c := range []struct {
		name  string
		arg   *symbolic.Number
		exact bool
	}{
		{"log2", symbolic.Int(8), true}, {"log2", symbolic.Frac(1, 8), true}, {"log2", symbolic.One, true},
		{"log2", symbolic.Int(1024), true}, {"log2", symbolic.Int(6), false}, {"log2", symbolic.Frac(1, 3), false},
		{"log2", symbolic.Frac(3, 4), false},
		{"log10", symbolic.Int(1000), true}, {"log10", symbolic.Frac(1, 100), true}, {"log10", symbolic.Int(10), true},
		{"log10", symbolic.Int(20), false}, {"log10", symbolic.Frac(1, 2), false},
	} {
		f := fn(c.name)
		got := symbolic.Apply(f, c.arg)
		n, isNum := got.(*symbolic.Number)
		if isNum != c.exact {
			t.Errorf("%s(%v) = %v, want exact: %v", c.name, c.arg, got, c.exact)
			continue
		}
		if isNum && n.Float64() != f.Eval(c.arg.Float64()) {
			t.Errorf("%s(%v) = %v, but Eval gives %v", c.name, c.arg, n, f.Eval(c.arg.Float64()))
		}
	}
}

// TestReciprocalInverseHyperbolic checks acoth, asech and acsch at points
// whose values are known (to 80 digits, rounded to float64), against the
// definitions atanh(1/x), acosh(1/x) and asinh(1/x) away from ±1, where
// those lose no accuracy, and at the exact arguments the constructors fold
// or leave as poles.
func TestReciprocalInverseHyperbolic(t *testing.T) {
	for _, c := range []struct {
		name string
		x    float64
		want float64
	}{
		{"acoth", 2, 0.5493061443340549}, // log(3)/2
		{"acoth", -2, -0.5493061443340549},
		{"acoth", 1 + 0x1p-40, 14.209517201479105}, // log(2^41 + 1)/2
		{"asech", 0.5, 1.3169578969248168},         // log(2 + sqrt(3))
		{"asech", 1, 0},
		{"asech", 1 - 0x1p-40, 1.34869915234912e-06},
		{"acsch", 1, 0.881373587019543}, // log(1 + sqrt(2))
		{"acsch", -0.25, -2.0947125472611012},
	} {
		f := fn(c.name)
		if got := f.Eval(c.x); got != c.want && math.Abs(got-c.want) > 2*ulp(c.want) {
			t.Errorf("%s(%v) = %v, want %v", c.name, c.x, got, c.want)
		}
		if got := f.EvalC(complex(c.x, 0)); real(got) != f.Eval(c.x) || imag(got) != 0 {
			t.Errorf("EvalC: %s(%v) = %v, want %v", c.name, c.x, got, f.Eval(c.x))
		}
	}
	defs := map[string]func(float64) float64{"acoth": math.Atanh, "asech": math.Acosh, "acsch": math.Asinh}
	rng := rand.New(rand.NewPCG(7, 8))
	for name, g := range defs {
		f := fn(name)
		for n := 0; n < 200; {
			v := (rng.Float64()*2 - 1) * math.Ldexp(1, rng.IntN(12)-4)
			if !f.Domain(v) || math.Abs(math.Abs(v)-1) < 0.25 {
				continue
			}
			n++
			if got, want := f.Eval(v), g(1/v); !closeTo(got, want, 1e-14) {
				t.Errorf("%s(%v) = %v, but %v at 1/x gives %v", name, v, got, name[1:], want)
			}
		}
		for _, v := range []float64{0.5, -0.5, 1.5, -1.5} {
			if f.Domain(v) {
				continue
			}
			if got := f.Eval(v); !math.IsNaN(got) {
				t.Errorf("%s(%v) = %v outside the domain, want NaN", name, v, got)
			}
		}
	}
	// The exact value asech(1) = 0, and the poles acoth(±1), asech(0),
	// acsch(0), which stay calls.
	if got := symbolic.Apply(fn("asech"), symbolic.One); got != symbolic.Zero {
		t.Errorf("asech(1) = %v, want 0", got)
	}
	for _, c := range []struct {
		name string
		u    symbolic.Expr
	}{{"acoth", symbolic.One}, {"acoth", symbolic.MinusOne}, {"asech", symbolic.Zero}, {"acsch", symbolic.Zero}} {
		e := symbolic.Apply(fn(c.name), c.u)
		if p, ok := e.(*symbolic.Product); ok && symbolic.HasNegativeSign(p) {
			e = symbolic.Neg(e) // acoth(-1) is -acoth(1)
		}
		if call, ok := e.(*symbolic.Call); !ok || !call.AtPole() {
			t.Errorf("%s(%v) = %v, want a call at a pole", c.name, c.u, e)
		}
	}
}

// ulp is the spacing of float64s at v.
func ulp(v float64) float64 {
	v = math.Abs(v)
	return math.Nextafter(v, math.Inf(1)) - v
}
