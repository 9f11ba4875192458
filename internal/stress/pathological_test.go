package stress

import (
	"context"
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

var x = symbolic.Sym("x")

// parseLimit parses src and returns the Limit of the *parser.Error it
// must fail with.
func parseLimit(t *testing.T, src string, opts ...parser.Option) (string, *parser.Error) {
	t.Helper()
	e, err := parser.Parse(src, opts...)
	if err == nil {
		t.Fatalf("Parse(%.40q...) = %.60v, want an error", src, e)
	}
	var pe *parser.Error
	if !errors.As(err, &pe) {
		t.Fatalf("Parse(%.40q...): error %v (%T) is not a *parser.Error", src, err, err)
	}
	return pe.Limit, pe
}

func mustParse(t *testing.T, src string, opts ...parser.Option) symbolic.Expr {
	t.Helper()
	e, err := parser.Parse(src, opts...)
	if err != nil {
		t.Fatalf("Parse(%.40q...): %v", src, err)
	}
	return e
}

// TestDeepNestingFailsAtOnce: 100,000 levels of parentheses, signs, powers
// and calls are refused by the MaxDepth limit, naming the limit and its
// flag, at the depth of the limit.
func TestDeepNestingFailsAtOnce(t *testing.T) {
	const n = 100000
	for name, src := range map[string]string{
		"parentheses": strings.Repeat("(", n) + "x" + strings.Repeat(")", n),
		"signs":       strings.Repeat("-", n) + "x",
		"powers":      strings.Repeat("x^", n) + "x",
		"calls":       strings.Repeat("sin(", n) + "x" + strings.Repeat(")", n),
		"unclosed":    strings.Repeat("(", n),
	} {
		t.Run(name, func(t *testing.T) {
			limit, pe := parseLimit(t, src)
			if limit != "MaxDepth" {
				t.Fatalf("Limit = %q, want MaxDepth (error %v)", limit, pe)
			}
			if !strings.Contains(pe.Msg, strconv.Itoa(parser.DefaultMaxDepth)) {
				t.Errorf("message %q does not name the limit %d", pe.Msg, parser.DefaultMaxDepth)
			}
			if pe.Offset > 4*parser.DefaultMaxDepth+10 {
				t.Errorf("error at offset %d: the depth check did not stop near level %d", pe.Offset, parser.DefaultMaxDepth)
			}
			if len(pe.Snippet()) > 1000 {
				t.Errorf("snippet of %d bytes: it should show a window of the line", len(pe.Snippet()))
			}
		})
	}
}

// TestHugeInputs: a 10 MB input (64 KB over parser.DefaultMaxBytes unless
// SYMDIFF_LONG is set) is refused by MaxBytes; with the limit raised it
// gives a result or a clear error.
func TestHugeInputs(t *testing.T) {
	size := long.N(parser.DefaultMaxBytes+64<<10, 10<<20)
	sum := strings.Repeat("x+", size/2) + "x"
	if limit, pe := parseLimit(t, sum); limit != "MaxBytes" {
		t.Fatalf("huge sum: Limit = %q, want MaxBytes (%v)", limit, pe)
	} else if pe.Offset != parser.DefaultMaxBytes {
		t.Errorf("huge sum: error at offset %d, want the first byte past the limit, %d", pe.Offset, parser.DefaultMaxBytes)
	}
	raised := parser.MaxBytes(size + 10)

	// A name of size bytes is a variable like any other.
	name := strings.Repeat("a", size)
	e := mustParse(t, name+"*x", raised)
	v := symbolic.Sym(name)
	if d := symbolic.D(e, x); d != v {
		t.Errorf("D(%.20s...*x) is not the huge variable", name)
	}
	// size bytes of blanks around an expression.
	pad := strings.Repeat(" ", size)
	if e := mustParse(t, pad+"x^2"+pad, parser.MaxBytes(2*size+10)); e != symbolic.Pow(x, symbolic.Two) {
		t.Errorf("padded x^2 parsed as %v", e)
	}
	// A number of size digits is too large to hold exactly.
	if limit, pe := parseLimit(t, strings.Repeat("7", size), raised); limit != "MaxNumberBits" {
		t.Errorf("huge number: Limit = %q, want MaxNumberBits (%v)", limit, pe)
	}
	// size/2 nested parentheses (5 million at full size) are still refused by depth.
	if limit, pe := parseLimit(t, strings.Repeat("(", size/2)+strings.Repeat(")", size/2), raised); limit != "MaxDepth" {
		t.Errorf("size/2 nested parentheses: Limit = %q, want MaxDepth (%v)", limit, pe)
	}
}

// TestDeepChain: sin(sin(...(x))) 10,000 deep (6,000 unless SYMDIFF_LONG
// is set: still beyond parser.DefaultMaxDepth) parses with MaxDepth raised,
// and differentiation, the gradient, compilation, evaluation, printing
// and LaTeX all cope, in time and DAG size linear in the depth.
func TestDeepChain(t *testing.T) {
	n := long.N(6000, 10000)
	src := strings.Repeat("sin(", n) + "x" + strings.Repeat(")", n)
	if limit, _ := parseLimit(t, src); limit != "MaxDepth" {
		t.Fatalf("Limit = %q, want MaxDepth", limit)
	}
	e := mustParse(t, src, parser.MaxDepth(2*n))
	if got := symbolic.Size(e); got != n+1 {
		t.Fatalf("Size = %d, want %d", got, n+1)
	}
	d, err := symbolic.Diff(context.Background(), e, x, symbolic.MaxNodes(10*n))
	if err != nil {
		t.Fatal(err)
	}
	if got := symbolic.Size(d); got > 3*n {
		t.Errorf("Size(D) = %d for a chain of %d: not linear", got, n)
	}
	g := symbolic.Gradient(e, []*symbolic.Symbol{x})
	if symbolic.Size(g[0]) > 3*n {
		t.Errorf("Size(Gradient) = %d for a chain of %d: not linear", symbolic.Size(g[0]), n)
	}
	p, err := numeric.Compile(d, x)
	if err != nil {
		t.Fatal(err)
	}
	pe, err := numeric.Compile(e, x)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := numeric.Compile(g[0], x)
	if err != nil {
		t.Fatal(err)
	}
	const at = 0.7
	want := numeric.ComplexStep(func(z complex128) complex128 { return pe.EvalComplex([]complex128{z}) }, at)
	for name, got := range map[string]float64{"D": p.Eval([]float64{at}), "Gradient": pg.Eval([]float64{at})} {
		if math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("%s at %v = %.17g, complex step %.17g", name, at, got, want)
		}
	}
	if back := mustParse(t, e.String(), parser.MaxDepth(2*n)); back != e {
		t.Errorf("the chain does not round-trip through its text")
	}
	if s := latex.Format(e); strings.Count(s, `\sin`) != n {
		t.Errorf("LaTeX has %d \\sin, want %d", strings.Count(s, `\sin`), n)
	}
}

// TestBigPowers: (x+1)^1000 differentiates at once and simplifies within
// its budget; 3^(10^9) is refused; x^(10^9) stays a power.
func TestBigPowers(t *testing.T) {
	e := mustParse(t, "(x+1)^1000")
	d := symbolic.D(e, x)
	if want := symbolic.Mul(symbolic.Int(1000), symbolic.Pow(symbolic.Add(x, symbolic.One), symbolic.Int(999))); d != want {
		t.Errorf("D((x+1)^1000) = %v, want %v", d, want)
	}
	// A context deadline far beyond the default Timeout: if the
	// simplifier overran its own budget it would report ErrCanceled.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, in := range []symbolic.Expr{e, d, mustParse(t, "(x+1)^1000 - (x+1)^999*x")} {
		s, err := simplify.Simplify(ctx, in)
		if err != nil {
			t.Errorf("Simplify(%v): %v", in, err)
		}
		if simplify.Cost(s) > simplify.Cost(in) {
			t.Errorf("Simplify(%v) = %v costs more", in, s)
		}
	}

	for _, src := range []string{"3^(10^9)", "x*3^(10^9)", "2^(2^70)", "(1/3)^(10^9)", "1e999999999", "10^100000*x"} {
		limit, pe := parseLimit(t, src)
		if limit != "MaxNumberBits" {
			t.Errorf("Parse(%q): Limit = %q, want MaxNumberBits (%v)", src, limit, pe)
		}
		if !strings.Contains(pe.Msg, "--max-number-bits") && !strings.Contains(pe.Msg, "65536 bits") {
			t.Errorf("Parse(%q): message %q does not name the limit", src, pe.Msg)
		}
	}
	// The constructors themselves panic with an *Error wrapping ErrLimit.
	err := func() (err error) {
		defer symbolic.Recover(&err)
		symbolic.Pow(symbolic.Int(3), symbolic.Int(1e9))
		return nil
	}()
	if !errors.Is(err, symbolic.ErrLimit) {
		t.Errorf("Pow(3, 10^9): error %v does not wrap ErrLimit", err)
	}

	p := mustParse(t, "x^(10^9)")
	pw, ok := p.(*symbolic.Power)
	if !ok || pw.Base() != x || pw.Exp() != symbolic.Int(1e9) {
		t.Fatalf("x^(10^9) parsed as %v", p)
	}
	want := symbolic.Mul(symbolic.Int(1e9), symbolic.Pow(x, symbolic.Int(1e9-1)))
	if d := symbolic.D(p, x); d != want {
		t.Errorf("D(x^(10^9)) = %v, want %v", d, want)
	}
}

// TestExactExtremes: 1e-400 and 1e400 are exact, and become 0 and +Inf only
// when evaluated.
func TestExactExtremes(t *testing.T) {
	for _, tt := range []struct {
		src   string
		exp   int64
		float float64
	}{
		{"1e-400*x", -400, 0},
		{"1e400*x", 400, math.Inf(1)},
	} {
		e := mustParse(t, tt.src)
		d, ok := symbolic.D(e, x).(*symbolic.Number)
		if !ok {
			t.Fatalf("D(%s) = %v, not a number", tt.src, symbolic.D(e, x))
		}
		want := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(abs(tt.exp)), nil))
		if tt.exp < 0 {
			want.Inv(want)
		}
		if d.Rat().Cmp(want) != 0 {
			t.Errorf("D(%s) = %v, want exactly 10^%d", tt.src, d, tt.exp)
		}
		if back := mustParse(t, e.String()); back != e {
			t.Errorf("%s does not round-trip: %v", tt.src, back)
		}
		p, err := numeric.Compile(e, x)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Eval([]float64{1}); got != tt.float {
			t.Errorf("%s at x = 1: %v, want %v", tt.src, got, tt.float)
		}
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// TestSingularInputs: 0^0, 0^-1, log(0), sqrt(-1) and friends give a value
// or a clear error, print, and evaluate to the float64 IEEE answer.
func TestSingularInputs(t *testing.T) {
	for _, src := range []string{"0^-1", "1/0", "x/(x-x)", "(x-x)^-2", "0^(-1/2)", "1/(sin(x)-sin(x))"} {
		_, err := parser.Parse(src)
		var pe *parser.Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "division by zero") {
			t.Errorf("Parse(%q): error %v, want a *parser.Error about division by zero", src, err)
		}
	}
	if e := mustParse(t, "0^0"); e != symbolic.One {
		t.Errorf("0^0 = %v, want 1 (the convention of exact arithmetic)", e)
	}
	for _, tt := range []struct {
		src  string
		want float64 // NaN, +Inf or -Inf
	}{
		{"log(0)", math.Inf(-1)},
		{"sqrt(-1)", math.NaN()},
		{"log(-1)", math.NaN()},
		{"asin(2)", math.NaN()},
		{"acosh(0)", math.NaN()},
		{"(-8)^(1/3)", math.NaN()},
		{"1/log(1)", math.NaN()}, // log(1) folds to 0: a division-by-zero error
	} {
		e, err := parser.Parse(tt.src)
		if err != nil {
			var pe *parser.Error
			if !errors.As(err, &pe) {
				t.Errorf("Parse(%q): %v is not a *parser.Error", tt.src, err)
			}
			continue
		}
		if back := mustParse(t, e.String()); back != e {
			t.Errorf("%s prints as %q, which reads back as %v", tt.src, e.String(), back)
		}
		if s := latex.Format(e); s == "" {
			t.Errorf("no LaTeX for %s", tt.src)
		}
		p, err := numeric.Compile(e)
		if err != nil {
			t.Errorf("Compile(%v): %v", e, err)
			continue
		}
		got := p.Eval(nil)
		if math.IsNaN(tt.want) != math.IsNaN(got) || !math.IsNaN(tt.want) && got != tt.want {
			t.Errorf("%s evaluates to %v, want %v", tt.src, got, tt.want)
		}
		// Differentiating the expression times x must not panic.
		if _, err := symbolic.Diff(context.Background(), symbolic.Mul(x, e), x); err != nil {
			t.Errorf("Diff(x*%v): %v", e, err)
		}
	}
}

// TestLongNames: identifiers of 100,000 characters work everywhere.
func TestLongNames(t *testing.T) {
	long := "v" + strings.Repeat("x1_", 33333)
	e := mustParse(t, "sin("+long+"*x)^2")
	v := symbolic.Sym(long)
	d := symbolic.D(e, v)
	if !symbolic.Contains(d, v) || !symbolic.Contains(d, x) {
		t.Errorf("D by the long name lost a variable")
	}
	if back := mustParse(t, d.String()); back != d {
		t.Errorf("the derivative does not round-trip")
	}
	p, err := numeric.Compile(d, v, x)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Eval([]float64{0, 1}); got != 0 {
		t.Errorf("derivative at 0 = %v, want 0", got)
	}
	if s := latex.Format(e); !strings.Contains(s, `\sin`) {
		t.Errorf("LaTeX %.80q... lost the function", s)
	}
}

// TestManyVariables: a sum and a product of 10,000 distinct variables.
func TestManyVariables(t *testing.T) {
	const n = 10000
	vars := make([]*symbolic.Symbol, n)
	names := make([]string, n)
	for i := range vars {
		names[i] = "v" + strconv.Itoa(i)
		vars[i] = symbolic.Sym(names[i])
	}
	sum := mustParse(t, strings.Join(names, " + "))
	if s, ok := sum.(*symbolic.Sum); !ok || len(s.Terms()) != n {
		t.Fatalf("the sum of %d variables parsed as %T", n, sum)
	}
	g := symbolic.Gradient(sum, vars)
	for i, gi := range g {
		if gi != symbolic.One {
			t.Fatalf("partial by %v = %v, want 1", vars[i], gi)
		}
	}
	if d := symbolic.D(sum, vars[n/2]); d != symbolic.One {
		t.Errorf("D by one variable = %v", d)
	}
	p, err := numeric.Compile(sum, vars...)
	if err != nil {
		t.Fatal(err)
	}
	args := make([]float64, n)
	for i := range args {
		args[i] = 1
	}
	if got := p.Eval(args); got != n {
		t.Errorf("sum of %d ones = %v", n, got)
	}
	s, err := simplify.Simplify(context.Background(), sum)
	if err != nil || simplify.Cost(s) > simplify.Cost(sum) {
		t.Errorf("Simplify of the sum: %v, %v", err, simplify.Cost(s))
	}
	if l := latex.Format(sum); strings.Count(l, "+") != n-1 {
		t.Errorf("LaTeX of the sum has %d '+', want %d", strings.Count(l, "+"), n-1)
	}

	// The product: D by one variable is the product of the others.
	prod := mustParse(t, strings.Join(names, "*"))
	d := symbolic.D(prod, vars[7])
	if pr, ok := d.(*symbolic.Product); !ok || len(pr.Factors()) != n-1 || symbolic.Contains(d, vars[7]) {
		t.Errorf("D of the product by v7 is not the product of the %d others", n-1)
	}
}
