package simplify

import (
	"io/fs"
	"strings"
	"testing"

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
		if r.Source != l.src {
			t.Errorf("rule %d: line %s, rule from %s", i, l.src, r.Source)
		}
		if l.needs != r.needs {
			t.Errorf("%s (%s): scanned functions %b, parsed %b", r.Name, l.src, l.needs, r.needs)
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
