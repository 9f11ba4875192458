package latex_test

// FuzzLaTeX: the LaTeX printer's output is well formed for any expression
// the parser accepts, and for its derivative. The seed corpus is in
// testdata/fuzz/FuzzLaTeX/ and runs in plain go test; TestFuzzSeedsKaTeX
// also renders the seeds' LaTeX with KaTeX when SYMDIFF_KATEX is set.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/testkit"
	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// FuzzLaTeX parses its input and prints it, and its derivative with
// respect to x, as LaTeX; checkTeX must accept both.
func FuzzLaTeX(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		for _, e := range fuzzExprs(src) {
			s := latex.Format(e)
			if err := checkTeX(s); err != nil {
				t.Fatalf("input %q: latex.Format(%v) = %q: %v", src, e, s, err)
			}
		}
	})
}

// fuzzExprs returns the expression that src parses to and its derivative
// with respect to x (when it has one within a small size), or nothing.
func fuzzExprs(src string) []symbolic.Expr {
	if len(src) > 300 {
		return nil
	}
	e, err := parser.Parse(src, parser.Funcs("f", "g"))
	if err != nil {
		return nil
	}
	es := []symbolic.Expr{e}
	if d, err := symbolic.Diff(context.Background(), e, x); err == nil && symbolic.TreeSize(d) < 2000 {
		es = append(es, d)
	}
	return es
}

// checkTeX reports what is wrong with a LaTeX math string: unbalanced braces,
// \left without \right (or a missing delimiter after either), a superscript
// or subscript without an argument or with an empty one (x^{}), a second
// superscript or subscript on the same base (x^{a}^{b}, which KaTeX
// rejects as a double superscript), an empty group other than the argument of
// a \text... command, a line break, or text that is not one line.
func checkTeX(s string) error {
	if s == "" {
		return errors.New("empty output")
	}
	if strings.ContainsAny(s, "\n\r") {
		return errors.New("output spans lines")
	}
	p := &texChecker{s: s}
	if err := p.seq(0); err != nil {
		return err
	}
	if p.i < len(s) {
		return fmt.Errorf("unbalanced '}' at byte %d", p.i)
	}
	return nil
}

// A texChecker reads LaTeX math as a sequence of atoms, each an optional
// base followed by scripts, with groups and \left...\right as nested
// sequences.
type texChecker struct {
	s string
	i int
}

// delims are the delimiters that may follow \left and \right.
var delims = []string{`\{`, `\}`, `\|`, `\lvert`, `\rvert`, `\lVert`, `\rVert`, `\langle`, `\rangle`, `\lfloor`, `\rfloor`, `\lceil`, `\rceil`, "(", ")", "[", "]", "|", ".", "/"}

// seq reads atoms up to the end, a '}' (left unread), or \right (left
// unread). depth counts open \left.
func (p *texChecker) seq(depth int) error {
	hasBase := false // the last atom can take a script
	sup, sub := false, false
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '}':
			return nil
		case c == ' ':
			p.i++
		case c == '^' || c == '_':
			if c == '^' && sup || c == '_' && sub {
				return fmt.Errorf("double %s at byte %d", map[byte]string{'^': "superscript", '_': "subscript"}[c], p.i)
			}
			if c == '^' {
				sup = true
			} else {
				sub = true
			}
			if !hasBase {
				return fmt.Errorf("%c without a base at byte %d", c, p.i)
			}
			p.i++
			for p.i < len(p.s) && p.s[p.i] == ' ' {
				p.i++
			}
			if p.i >= len(p.s) || p.s[p.i] == '}' || p.s[p.i] == '^' || p.s[p.i] == '_' {
				return fmt.Errorf("%c without an argument at byte %d", c, p.i)
			}
			if p.s[p.i] == '{' {
				start := p.i
				if err := p.group(); err != nil {
					return err
				}
				if p.i-start == 2 {
					return fmt.Errorf("empty %c{} at byte %d", c, start)
				}
			} else if err := p.atom(depth); err != nil {
				return err
			}
		case c == '\'':
			p.i++ // a prime is a superscript of its own, but f'^{2} is fine in TeX and KaTeX
			if sup {
				return fmt.Errorf("prime after a superscript at byte %d", p.i-1)
			}
		case strings.HasPrefix(p.s[p.i:], `\right`) && !isLetter(p.s, p.i+6):
			if depth == 0 {
				return fmt.Errorf(`\right without \left at byte %d`, p.i)
			}
			return nil
		default:
			if err := p.atom(depth); err != nil {
				return err
			}
			hasBase, sup, sub = true, false, false
		}
	}
	return nil
}

// atom reads one base: a group, a command with its arguments as far as
// braces show them, \left...\right, or one character.
func (p *texChecker) atom(depth int) error {
	s := p.s
	switch {
	case s[p.i] == '{':
		start := p.i
		if err := p.group(); err != nil {
			return err
		}
		if p.i-start == 2 && !strings.HasSuffix(s[:start], `\textbackslash`) &&
			!strings.HasSuffix(s[:start], `\textasciicircum`) && !strings.HasSuffix(s[:start], `\textasciitilde`) {
			return fmt.Errorf("empty group {} at byte %d", start)
		}
		return nil
	case strings.HasPrefix(s[p.i:], `\left`) && !isLetter(s, p.i+5):
		start := p.i
		p.i += 5
		if err := p.delim(`\left`); err != nil {
			return err
		}
		if err := p.seq(depth + 1); err != nil {
			return err
		}
		if !strings.HasPrefix(s[p.i:], `\right`) {
			return fmt.Errorf(`\left at byte %d has no \right`, start)
		}
		p.i += 6
		return p.delim(`\right`)
	case s[p.i] == '\\':
		j := p.i + 1
		for j < len(s) && isLetter(s, j) {
			j++
		}
		if j == p.i+1 && j < len(s) {
			j++ // \{ \} \, \| and the like
		}
		if j == p.i+1 {
			return fmt.Errorf("lone backslash at the end")
		}
		name := s[p.i:j]
		p.i = j
		if name == `\frac` {
			for k := 0; k < 2; k++ {
				if p.i >= len(s) || s[p.i] != '{' {
					return fmt.Errorf(`\frac without its argument %d at byte %d`, k+1, p.i)
				}
				start := p.i
				if err := p.group(); err != nil {
					return err
				}
				if p.i-start == 2 {
					return fmt.Errorf(`\frac with an empty argument at byte %d`, start)
				}
			}
		}
		return nil
	default:
		p.i++
		return nil
	}
}

// group reads {...}.
func (p *texChecker) group() error {
	start := p.i
	p.i++
	if err := p.seq(0); err != nil {
		return err
	}
	if p.i >= len(p.s) || p.s[p.i] != '}' {
		return fmt.Errorf("unclosed '{' at byte %d", start)
	}
	p.i++
	return nil
}

// delim reads the delimiter after \left or \right.
func (p *texChecker) delim(cmd string) error {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
	for _, d := range delims {
		if strings.HasPrefix(p.s[p.i:], d) && (d[0] != '\\' || !isLetter(p.s, p.i+len(d)) || len(d) == 2) {
			p.i += len(d)
			return nil
		}
	}
	return fmt.Errorf("%s without a delimiter at byte %d", cmd, p.i)
}

func isLetter(s string, i int) bool {
	return i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z')
}

// TestCheckTeX makes sure the checker that FuzzLaTeX relies on accepts
// good LaTeX and rejects each kind of bad LaTeX.
func TestCheckTeX(t *testing.T) {
	good := []string{
		`x`, `\frac{1}{e^{-x} + 1}`, `\sin^{2}(x)`, `w_{1} x + b`, `\left(\frac{1}{2}\right)^{x}`,
		`\left|x\right|`, `f'(x)`, `f''^{2}`, `\text{a\textbackslash{}b}`, `x_{1}^{2}`, `\sqrt[3]{x}`,
		`\exp\left(\frac{x}{2}\right)`, `\left\{x\right\}`, `e^{x^{2}}`,
	}
	bad := []string{
		``, `x^{}`, `x_{}`, `x^{a}^{b}`, `x_{1}_{2}`, `{x`, `x}`, `\left(x`, `x\right)`, `\left x\right)`,
		`^{2}`, `x^`, `\frac{}{x}`, `\frac{x}`, `{}`, "x\ny", `x^{2}'`,
	}
	for _, s := range good {
		if err := checkTeX(s); err != nil {
			t.Errorf("checkTeX(%q) = %v, want nil", s, err)
		}
	}
	for _, s := range bad {
		if err := checkTeX(s); err == nil {
			t.Errorf("checkTeX(%q) = nil, want an error", s)
		}
	}
}

// TestFuzzSeedsKaTeX renders the LaTeX of every seed of FuzzLaTeX (and of
// its derivative) with KaTeX, when SYMDIFF_KATEX is set (see testkit.KaTeX):
// it checks that checkTeX does not miss what KaTeX rejects.
func TestFuzzSeedsKaTeX(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzLaTeX", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no seeds in testdata/fuzz/FuzzLaTeX")
	}
	var tex []string
	for _, file := range files {
		src := readSeed(t, file)
		for _, e := range fuzzExprs(src) {
			tex = append(tex, latex.Format(e))
		}
	}
	testkit.KaTeX(t, tex, nil)
}

// readSeed reads the string of a seed file in the go test fuzz v1 format.
func readSeed(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "string(") {
		t.Fatalf("%s: not a go test fuzz v1 file with one string", file)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")"))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return s
}
