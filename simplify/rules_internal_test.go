package simplify

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// BenchmarkParseBuiltinRules reads all the embedded rule files, the work
// of the first Simplify in a process (Builtin does it once).
func BenchmarkParseBuiltinRules(b *testing.B) {
	names, err := fs.Glob(ruleFiles, "rules/*.rules")
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, n := range names {
		d, err := ruleFiles.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(d))
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, t := range texts {
			if _, err := ParseRules(strings.TrimPrefix(names[i], "rules/"), t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestScanFuncs checks that the functions read from the text of each
// built-in rule's left side are those of the parsed rule: the lazy loading
// skips a rule whose scanned functions are not all in an expression, which
// is sound only if the scan never finds a function that parsing does not.
func TestScanFuncs(t *testing.T) {
	lines, err := builtinLines()
	if err != nil {
		t.Fatal(err)
	}
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(all) {
		t.Fatalf("%d rule lines, %d rules", len(lines), len(all))
	}
	for i, l := range lines {
		r := all[i]
		if r.Source != l.source() {
			t.Errorf("rule %d: line %s, rule from %s", i, l.source(), r.Source)
		}
		if l.needs != r.needs {
			t.Errorf("%s (%s): scanned functions %b, parsed %b", r.Name, l.source(), l.needs, r.needs)
		}
	}
	tests := []struct {
		src  string
		want []string
	}{
		{"sin(a)^2 + cos (a)^2", []string{"sin", "cos"}},
		{"ln(a) + sqrt(b) + 2exp(c) + x2exp(d) + foo(a)", []string{"log", "exp"}},
		{"sigmoid(a)*(1 - sigmoid(a))", []string{"sigmoid"}},
		{"e^a + sin", nil},
	}
	for _, tt := range tests {
		var want funcMask
		for _, n := range tt.want {
			f, _ := symbolic.Lookup(n)
			want |= funcBit(f)
		}
		if got := scanFuncs(tt.src); got != want {
			t.Errorf("scanFuncs(%q) = %b, want %b", tt.src, got, want)
		}
	}
}

// TestFinalRules checks the claim of every final built-in rule: on its
// left side with the variable bound to a variable, the search (without the
// final-rule shortcut) returns exactly the right side, and leaves the right
// side as it is; with the shortcut, Simplify gives the same.
func TestFinalRules(t *testing.T) {
	rules, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	search := func(e symbolic.Expr) symbolic.Expr {
		cfg := newConfig(nil)
		cfg.noFinal = true
		r, err := run(ctx, []symbolic.Expr{e}, cfg)
		if err != nil {
			t.Fatalf("Simplify(%v): %v", e, err)
		}
		return r[0]
	}
	n := 0
	for _, r := range rules {
		if !r.Final {
			continue
		}
		n++
		for _, name := range []string{"x", "y", "w_1"} {
			sub := map[symbolic.Expr]symbolic.Expr{r.vars[0]: symbolic.Sym(name)}
			lhs, rhs := symbolic.Subs(r.LHS, sub), symbolic.Subs(r.RHS, sub)
			if got := search(lhs); got != rhs {
				t.Errorf("%s: the search turns %v into %v, not the right side %v", r.Name, lhs, got, rhs)
			}
			if got := search(rhs); got != rhs {
				t.Errorf("%s: the search turns the right side %v into %v", r.Name, rhs, got)
			}
			if got, err := Simplify(ctx, lhs); err != nil || got != rhs {
				t.Errorf("%s: Simplify(%v) = %v, %v; want %v", r.Name, lhs, got, err, rhs)
			}
		}
	}
	if n == 0 {
		t.Error("no final rules")
	}
	// The derivative of the sigmoid written out is an instance of
	// sigmoid-deriv, which the shortcut takes; with steps wanted, the
	// search runs and reaches the same form.
	d := symbolic.D(parser.MustParse("1/(1+exp(-x))"), symbolic.Sym("x"))
	lines, err := builtinLines()
	if err != nil {
		t.Fatal(err)
	}
	en := newEngine(ctx, newConfig(nil), lines, nil)
	r, rule, ok := en.final(d, false)
	if !ok || rule != "sigmoid-deriv" {
		t.Errorf("final(%v) = %v, %q, %v; want the rule sigmoid-deriv", d, r, rule, ok)
	}
	var steps []Step
	sr, err := Simplify(ctx, d, CollectSteps(&steps))
	if err != nil || sr != r || len(steps) < 2 {
		t.Errorf("Simplify(%v, CollectSteps) = %v, %d steps, %v; want %v through the search", d, sr, len(steps), err, r)
	}
}

// TestFinalShortcutSameResult checks that the final-rule shortcut changes
// no result: inputs where a final rule applies to the whole or to a part
// simplify with and without it to the same expression.
func TestFinalShortcutSameResult(t *testing.T) {
	ctx := context.Background()
	x := symbolic.Sym("x")
	inputs := []string{
		"1/(1+exp(-x))", "exp(x)/(1+exp(x))", "sigmoid(x) + sigmoid(-x)", "log(1+exp(x))",
		"sin(x)^2 + cos(x)^2", "sin(y)^2 + cos(y)^2 + y", "cosh(x)^2 - sinh(x)^2", "log(exp(x))*y",
		"exp(-x)/(1+exp(-x))^2 + 1/(1+exp(-x))", "2*exp(-x)/(1+exp(-x))^2",
		"(sin(x)^2 + cos(x)^2)*exp(-x)/(1+exp(-x))^2", "1/(1+exp(-(w*x+b)))",
	}
	for _, src := range inputs {
		e := parser.MustParse(src)
		for _, in := range []symbolic.Expr{e, symbolic.D(e, x), symbolic.D(symbolic.D(e, x), x)} {
			cfg := newConfig(nil)
			cfg.noFinal = true
			wants, err1 := run(ctx, []symbolic.Expr{in}, cfg)
			got, err2 := Simplify(ctx, in)
			if err1 != nil || err2 != nil || got != wants[0] {
				t.Errorf("Simplify(%v) = %v (%v) with the shortcut, %v (%v) without", in, got, err2, wants, err1)
			}
		}
	}
}

// TestBuiltinRuleNamesUnique checks that no two built-in rules share a
// name (steps and --stats name rules), which splitBuiltin leaves to this
// test so that a process's first Simplify does not check it each time.
func TestBuiltinRuleNamesUnique(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, r := range all {
		if prev, dup := seen[r.Name]; dup {
			t.Errorf("rule %q is defined at %s and at %s", r.Name, prev, r.Source)
		}
		seen[r.Name] = r.Source
	}
}
