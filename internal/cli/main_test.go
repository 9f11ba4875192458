package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/graph"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// runCLI runs symdiff in-process.
func runCLI(stdin string, argv ...string) (stdout, stderr string, status int) {
	var out, errb bytes.Buffer
	status = run(argv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), status
}

func TestDerivatives(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"w*x+b", "w"}, "x\n"},
		{[]string{"w*x+b", "x"}, "w\n"},
		{[]string{"w*x+b", "b"}, "1\n"},
		{[]string{"1/(1+exp(-x))", "x"}, "sigmoid(x)*(1 - sigmoid(x))\n"},
		{[]string{"--raw", "1/(1+exp(-x))", "x"}, "exp(-x)/(exp(-x) + 1)^2\n"},
		{[]string{"-x^2", "x"}, "-2*x\n"},
		{[]string{"x^3"}, "3*x^2\n"}, // the only variable
		{[]string{"-n", "2", "x^3", "x"}, "6*x\n"},
		{[]string{"-n=3", "x^3", "x"}, "6\n"},
		{[]string{"x^2*y^3", "x", "y"}, "6*x*y^2\n"},
		{[]string{"--func", "f,g", "f(g(x))", "x"}, "f'(g(x))*g'(x)\n"},
		{[]string{"--", "-x", "x"}, "-1\n"},
		{[]string{"x^2", "x", "--at", "x=1.5"}, "2*x\nat x=1.5: 3\n"},
		{[]string{"(w*x+b-y)^2", "b"}, "2*(w*x + b - y)\n"},
		{[]string{"x^2+2*x", "x"}, "2*x + 2\n"}, // x + 1 is not in the input
		{[]string{"log2(x^2+4)", "x"}, "2*x/(log(2)*(x^2 + 4))\n"},
		{[]string{"log(abs(2*x-1))", "x"}, "2/(2*x - 1)\n"},
		// A small input whose simplified form has a simpler derivative:
		// tanh(x), sign(x) (see viaSimplifiedInput); not with --raw.
		{[]string{"(exp(2*x)-1)/(exp(2*x)+1)", "x"}, "sech(x)^2\n"},
		{[]string{"2*sigmoid(2*t) - 1", "t"}, "sech(t)^2\n"},
		{[]string{"x^3/abs(x^3)", "x"}, "0\n"},
	}
	for _, tt := range tests {
		out, errOut, status := runCLI("", tt.argv...)
		if out != tt.want || status != 0 {
			t.Errorf("symdiff %q = %q (status %d, stderr %q), want %q", tt.argv, out, status, errOut, tt.want)
		}
	}
}

// The CLI's derivatives are right: for each, the printed result parses back
// and agrees with numbers.
func TestDerivativesCheckNumerically(t *testing.T) {
	for _, src := range []string{"1/(1+exp(-x))", "tanh(x)", "log(1+exp(x))", "x^x", "sqrt(x^2+1)", "x sin(x)^2", "atan(x)/(1+x^2)", "(exp(2*x)-1)/(exp(2*x)+1)", "x*tan(x)*cot(x)"} {
		out, errOut, status := runCLI("", src, "x")
		if status != 0 {
			t.Errorf("symdiff %q x: status %d, %s", src, status, errOut)
			continue
		}
		x := symbolic.Sym("x")
		f := parser.MustParse(src)
		df, err := parser.Parse(strings.TrimSpace(out))
		if err != nil {
			t.Errorf("symdiff %q x printed %q, which does not parse: %v", src, out, err)
			continue
		}
		rep, err := numeric.Check(f, df, x, &numeric.CheckOptions{Lo: 0.1, Hi: 3})
		if err != nil || !rep.OK {
			t.Errorf("symdiff %q x = %s: check failed: %v\n%v", src, out, err, rep)
		}
	}
}

// TestStepsSimplifiedFirst: where the result without --steps is the
// derivative of the simplified input, the derivation shows that too, after
// the derivation of the function as written, and ends at the same result.
func TestStepsSimplifiedFirst(t *testing.T) {
	src := "(exp(2*x)-1)/(exp(2*x)+1)"
	plain, _, _ := runCLI("", src, "x")
	out, errOut, status := runCLI("", "--steps", src, "x")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	if !strings.Contains(out, "The function simplifies first") || !strings.Contains(out, "f(x) = tanh(x)") {
		t.Errorf("--steps shows no derivation of the simplified function:\n%s", out)
	}
	if want := "df/dx = " + strings.TrimSpace(plain); !strings.HasSuffix(strings.TrimSpace(out), want) {
		t.Errorf("--steps ends\n%s\nnot with %q", out[max(0, len(out)-200):], want)
	}
	// A function that does not simplify has one derivation.
	out, _, _ = runCLI("", "--steps", "x*sin(x)", "x")
	if strings.Contains(out, "simplifies first") {
		t.Errorf("x*sin(x): a second derivation:\n%s", out)
	}
}

func TestCheckFlag(t *testing.T) {
	out, errOut, status := runCLI("", "--check", "1/(1+exp(-x))", "x")
	if status != 0 {
		t.Fatalf("--check failed with status %d: %s", status, errOut)
	}
	if !strings.HasPrefix(out, "sigmoid(x)*(1 - sigmoid(x))\n") || !strings.Contains(out, "ok: the derivative agrees at 5 of 5 points") {
		t.Errorf("--check output:\n%s", out)
	}
}

func TestSimplifyAndEval(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"simplify", "sin(x)^2 + cos(x)^2"}, "1\n"},
		{[]string{"simplify", "(x^2-1)/(x-1)"}, "x + 1\n"},
		{[]string{"eval", "x^2 + y", "x=3", "y=1"}, "10\n"},
		{[]string{"eval", "sigmoid(x)", "x=0"}, "0.5\n"},
	}
	for _, tt := range tests {
		out, errOut, status := runCLI("", tt.argv...)
		if out != tt.want || status != 0 {
			t.Errorf("symdiff %q = %q (status %d, stderr %q), want %q", tt.argv, out, status, errOut, tt.want)
		}
	}
}

func TestStdin(t *testing.T) {
	out, _, status := runCLI("x^2\n", "-", "x")
	if out != "2*x\n" || status != 0 {
		t.Errorf("reading stdin: %q, status %d", out, status)
	}
}

func TestStats(t *testing.T) {
	_, errOut, status := runCLI("", "--stats", "1/(1+exp(-x))", "x")
	if status != 0 {
		t.Fatal(errOut)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(errOut), &m); err != nil {
		t.Fatalf("--stats wrote %q: %v", errOut, err)
	}
	for _, k := range []string{"parse_ns", "diff_ns", "simplify_ns", "print_ns", "input_dag", "result_dag"} {
		if _, ok := m[k]; !ok {
			t.Errorf("--stats lacks %s: %s", k, errOut)
		}
	}
	if m["input_dag"].(float64) != 7 {
		t.Errorf("input_dag of 1/(1+exp(-x)) = %v, want 7", m["input_dag"])
	}
}

// grad --let --stats reports the size of the gradient itself, as grad --raw
// does, not of its let form.
func TestGradLetStats(t *testing.T) {
	dag := func(argv ...string) float64 {
		t.Helper()
		_, errOut, status := runCLI("", argv...)
		var m map[string]any
		if err := json.Unmarshal([]byte(errOut), &m); status != 0 || err != nil {
			t.Fatalf("%q: status %d, %v: %s", argv, status, err, errOut)
		}
		return m["result_dag"].(float64)
	}
	for _, src := range []string{"sigmoid(w*x+b)", "tanh(a*x+b)*exp(-x*y) + log(1+exp(a*b))"} {
		if let, raw := dag("grad", "--let", "--stats", src), dag("grad", "--raw", "--stats", src); let != raw {
			t.Errorf("%s: result_dag %v with --let, %v with --raw", src, let, raw)
		}
	}
}

func TestVerbose(t *testing.T) {
	_, errOut, _ := runCLI("", "-v", "2x sin(x)", "x")
	if !strings.Contains(errOut, "read as: ((2 * x) * sin(x))") {
		t.Errorf("-v wrote %q", errOut)
	}
}

// Bad input: a clear error on stderr with a caret, a non-zero status, no
// panic and nothing on stdout.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		stdin  string
		argv   []string
		status int
		errHas string
	}{
		{"dangling operator", "", []string{"2**", "x"}, 1, "1:4: expected an expression after '**'\n2**\n   ^"},
		{"stray paren", "", []string{")x(", "x"}, 1, "unexpected ')'"},
		{"function without parens", "", []string{"sin x", "x"}, 1, "function 'sin' needs parentheses"},
		{"unknown function", "", []string{"sinn(x)", "x"}, 1, "unknown function 'sinn'; did you mean 'sin'?"},
		{"empty", "", []string{"", "x"}, 1, "empty input"},
		{"NUL byte", "", []string{"x\x00", "x"}, 1, "invalid character"},
		{"unclosed", "", []string{"(x+1", "x"}, 1, "parenthesis opened at 1:1 is never closed"},
		{"deep nesting", strings.Repeat("(", 10000) + "x" + strings.Repeat(")", 10000), []string{"-", "x"}, 1, "nested too deeply"},
		{"too large", strings.Repeat("x+", 600000) + "x", []string{"-", "x"}, 1, "MaxBytes"},
		{"division by zero", "", []string{"1/0", "x"}, 1, "division by zero"},
		{"huge power", "", []string{"3^(10^9)", "x"}, 1, "too large"},
		{"unknown flag", "", []string{"--frobnicate", "x", "x"}, 2, "unknown flag --frobnicate"},
		{"no expression", "", nil, 2, "missing the expression"},
		{"which variable", "", []string{"x*y"}, 2, "which variable? the expression has x, y"},
		{"bad -n", "", []string{"-n", "two", "x", "x"}, 2, "-n wants a non-negative integer"},
		{"bad variable", "", []string{"x", "2x"}, 2, "not a variable name"},
		{"missing value", "", []string{"eval", "x+y", "x=1"}, 1, "no value for y"},
		{"outside the domain", "", []string{"eval", "log(x)", "x=-1"}, 1, "not a finite number"},
		{"node limit", "", []string{"--max-nodes", "10", "1/(1+exp(-1/(1+exp(-1/(1+exp(-x))))))", "x"}, 1, "more than 10 distinct nodes (raise the limit with --max-nodes)"},
		{"number limit", "", []string{"--max-number-bits", "100", "3^200*x", "x"}, 1, "raise the limit with --max-number-bits"},
		{"byte limit", "", []string{"--max-bytes", "10", "x+x+x+x+x+x", "x"}, 1, "MaxBytes"},
		{"depth limit", "", []string{"--max-depth", "3", "((((x))))", "x"}, 1, "nested too deeply"},
		{"time limit", "", []string{"--timeout", "1ns", "-n", "30", "exp(sin(x))", "x"}, 1, "time limit of 1ns (raise it with --timeout)"},
		{"bad timeout", "", []string{"--timeout", "soon", "x", "x"}, 2, "--timeout wants a duration"},
		{"time limit, steps", "", []string{"--timeout", "1ns", "--steps", "-n", "3", "exp(sin(x))", "x"}, 1, "time limit of 1ns (raise it with --timeout)"},
		{"time limit, raw steps", "", []string{"--timeout", "1ns", "--steps", "--raw", "-n", "3", "exp(sin(x))", "x"}, 1, "time limit of 1ns (raise it with --timeout)"},
		{"time limit, grad --let", "", []string{"grad", "--timeout", "1ns", "--let", "sin(x*y)*exp(x+y)"}, 1, "time limit of 1ns (raise it with --timeout)"},
		{"time limit, markdown", "", []string{"--timeout", "1ns", "--markdown", "exp(sin(x))", "x"}, 1, "time limit of 1ns (raise it with --timeout)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runCLI(tt.stdin, tt.argv...)
			if status != tt.status || !strings.Contains(errOut, tt.errHas) || out != "" {
				t.Errorf("status %d (want %d), stdout %q, stderr %q (want it to contain %q)", status, tt.status, out, errOut, tt.errHas)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "internal error") {
				t.Errorf("stack trace or internal error: %s", errOut)
			}
		})
	}
}

// The simplifier of --steps stops when the --timeout deadline passes,
// with an error that says so.
func TestSimplifierStepsHonoursContext(t *testing.T) {
	e, err := parser.Parse("cos(x)*exp(sin(x))*cos(x) - sin(x)*exp(sin(x))")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := simplifierSteps(t.Context(), e, nil)(e); err != nil {
		t.Fatalf("live context: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), -1)
	defer cancel()
	if _, _, err := simplifierSteps(ctx, e, nil)(e); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("after the deadline: got %v, want an error wrapping context.DeadlineExceeded", err)
	}
}

func TestHelp(t *testing.T) {
	out, _, status := runCLI("", "--help")
	if status != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, `symdiff "1/(1+exp(-x))" x`) {
		t.Errorf("--help: status %d\n%s", status, out)
	}
}

// TestLaTeXSharedForm checks that the LaTeX of a derivative whose tree is
// far larger than its DAG (a deep chain's) names its repeated
// subexpressions: the formula, "where", and one definition a line, each
// using only the names before it, in a text linear in the depth; and that
// a derivative of the same chain a little shallower, below the threshold,
// is written whole.
func TestLaTeXSharedForm(t *testing.T) {
	chain := func(n int) string { return strings.Repeat("sin(", n) + "x" + strings.Repeat(")", n) }
	out, errOut, status := runCLI("", "--latex", chain(400), "x")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if status != 0 || len(lines) < 300 || !strings.HasSuffix(lines[0], `\quad\text{where}`) {
		t.Fatalf("--latex of a 400-deep chain: status %d, %d lines, %s\n%.300s", status, len(lines), errOut, out)
	}
	if len(out) > 100_000 {
		t.Errorf("--latex of a 400-deep chain: %d bytes", len(out))
	}
	for i, l := range lines[1:] {
		name := `u_{` + strconv.Itoa(i+1) + `}`
		def, ok := strings.CutPrefix(l, name+" = ")
		if !ok {
			t.Fatalf("line %d: %.100s, want the definition of %s", i+2, l, name)
		}
		if i > 0 && def != `\sin(u_{`+strconv.Itoa(i)+`})` {
			t.Fatalf("line %d: %s = %.100s, want the sine of the name before", i+2, name, def)
		}
	}
	out, _, status = runCLI("", "--latex", chain(150), "x")
	if status != 0 || strings.Contains(out, "where") || strings.Count(out, "\n") != 1 {
		t.Errorf("--latex of a 150-deep chain: status %d\n%.300s", status, out)
	}
}

// TestStepsAbridged checks the derivation of an expression past the
// rule-by-rule limit: through intermediate variables only, its text in
// proportion to the chain's depth, its JSON with the graph; and the error
// for one past the graph's limit.
func TestStepsAbridged(t *testing.T) {
	chain := func(n int) string { return strings.Repeat("sin(", n) + "x" + strings.Repeat(")", n) }
	out, errOut, status := runCLI("", "--steps", chain(3000), "x")
	for _, want := range []string{"    u_1 = sin(x)\n", "    u_2999 = sin(u_2998)\n", "    f = sin(u_2999)\n", "    du_2/du_1 = cos(u_1)\n",
		"\nResult\n  df/dx = cos(u_2999) * cos(u_2998) * ", " * cos(u_1) * cos(x)    (in the intermediate variables above)\n"} {
		if status != 0 || !strings.Contains(out, want) {
			t.Fatalf("--steps of a 3000-deep chain: status %d, %s; lacks %q", status, errOut, want)
		}
	}
	if len(out) > 400_000 {
		t.Errorf("--steps of a 3000-deep chain: %d bytes", len(out))
	}
	out, errOut, status = runCLI("", "--steps", "--json", chain(500), "x")
	var r struct {
		Derivations []struct {
			Abridged bool
			Steps    []any
			Graph    struct {
				Nodes []struct {
					Name   string
					Def    struct{ Text string }
					Locals []struct {
						Input string
						Expr  struct{ Text string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || status != 0 || len(r.Derivations) != 1 {
		t.Fatalf("--steps --json of a 500-deep chain: %v, status %d, %s", err, status, errOut)
	}
	d := r.Derivations[0]
	if n := d.Graph.Nodes; !d.Abridged || len(d.Steps) != 0 || len(n) != 500 || n[1].Name != "u_2" || n[1].Def.Text != "sin(u_1)" ||
		len(n[1].Locals) != 1 || n[1].Locals[0].Input != "u_1" || n[1].Locals[0].Expr.Text != "cos(u_1)" {
		t.Errorf("--steps --json of a 500-deep chain: %+v", d)
	}
	// A product of 700 factors has 700 local derivatives of 699 factors.
	var fs []string
	for k := 1; k <= 700; k++ {
		fs = append(fs, fmt.Sprintf("sin(%d*x + %d)", k, k))
	}
	_, errOut, status = runCLI("", "--steps", strings.Join(fs, "*"), "x")
	if status != 1 || !strings.Contains(errOut, "too large for a step-by-step derivation") || !strings.Contains(errOut, "without --steps") {
		t.Errorf("--steps of a product of 700 factors: status %d, %s", status, errOut)
	}
}

// TestSharedMultipleEverywhere checks that a number times a sum of the
// input prints as that multiple in every output, as the text does.
func TestSharedMultipleEverywhere(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"(w*x + b - y)^2", "b"}, "2*(w*x + b - y)\n"},
		{[]string{"--latex", "(w*x + b - y)^2", "b"}, "2 (w x + b - y)\n"},
		{[]string{"grad", "--latex", "(w*x + b - y)^2", "w", "b"}, `\begin{pmatrix}2 x (w x + b - y) \\ 2 (w x + b - y)\end{pmatrix}` + "\n"},
		{[]string{"grad", "--latex", "(y - w*x)^2/2", "w", "y"}, `\begin{pmatrix}-x (y - w x) \\ y - w x\end{pmatrix}` + "\n"},
		{[]string{"grad", "--latex", "-(w*x + b - y)^2", "w", "b"}, `\begin{pmatrix}-2 x (w x + b - y) \\ -2 (w x + b - y)\end{pmatrix}` + "\n"},
	}
	for _, tt := range tests {
		out, errOut, status := runCLI("", tt.args...)
		if status != 0 || out != tt.want {
			t.Errorf("symdiff %q: %q (status %d, %s), want %q", tt.args, out, status, errOut, tt.want)
		}
	}
	out, _, _ := runCLI("", "--steps", "(w*x + b - y)^2", "b")
	if !strings.Contains(out, "∂f/∂b = 2*(w*x + b - y)\n") {
		t.Errorf("--steps does not write the result as 2*(w*x + b - y):\n%s", out)
	}
}

func TestLaTeXAndSteps(t *testing.T) {
	out, errOut, status := runCLI("", "--latex", "1/(1+exp(-x))", "x")
	if status != 0 || out != `\sigma(x) (1 - \sigma(x))`+"\n" {
		t.Errorf("--latex: %q, status %d, %s", out, status, errOut)
	}
	out, errOut, status = runCLI("", "--steps", "1/(1+exp(-x))", "x")
	for _, want := range []string{"exponential rule, chain rule with u = -x", "(sigmoid kernel)", "df/dx = sigmoid(x)*(1 - sigmoid(x))", "u = -x"} {
		if status != 0 || !strings.Contains(out, want) {
			t.Errorf("--steps lacks %q (status %d, %s):\n%s", want, status, errOut, out)
		}
	}
	out, _, status = runCLI("", "--markdown", "w*x+b", "w")
	if status != 0 || !strings.Contains(out, "$$") {
		t.Errorf("--markdown: status %d\n%s", status, out)
	}
	out, _, status = runCLI("", "--standalone", "x^2", "x")
	if status != 0 || !strings.Contains(out, `\begin{document}`) || !strings.Contains(out, `\end{document}`) {
		t.Errorf("--standalone: status %d\n%s", status, out)
	}
	// -n 2 with --steps: the derivation of the derivative follows.
	if out, errOut, status := runCLI("", "--steps", "-n", "2", "x^3", "x"); status != 0 || !strings.Contains(out, "f_x(x) = 3*x^2") || !strings.HasSuffix(out, "df_x/dx = 6*x\n") {
		t.Errorf("--steps -n 2: status %d, %s\n%s", status, errOut, out)
	}
}

// TestGradientOneMinusSigmoid: the partials of a network's loss write
// every sigmoid's derivative factor as 1 - sigmoid(u), in every term (the
// XOR MLP's, two hidden units, four samples; session 20's build wrote
// sigmoid(u) - 1 in 8 of them).
func TestGradientOneMinusSigmoid(t *testing.T) {
	loss := "(sigmoid(v1*sigmoid(w1*(-1)+w2*(-1)+b1)+v2*sigmoid(w3*(-1)+w4*(-1)+b2)+c)-0)^2" +
		"+(sigmoid(v1*sigmoid(w1*(-1)+w2*1+b1)+v2*sigmoid(w3*(-1)+w4*1+b2)+c)-1)^2" +
		"+(sigmoid(v1*sigmoid(w1*1+w2*(-1)+b1)+v2*sigmoid(w3*1+w4*(-1)+b2)+c)-1)^2" +
		"+(sigmoid(v1*sigmoid(w1*1+w2*1+b1)+v2*sigmoid(w3*1+w4*1+b2)+c)-0)^2"
	out, errOut, status := runCLI("", "grad", loss, "w1", "w2", "w3", "w4", "b1", "b2", "v1", "v2", "c")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	minusOne := regexp.MustCompile(`sigmoid\([^()]*\) - 1\)`)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if m := minusOne.FindString(line); m != "" {
			t.Errorf("a partial writes %q: %s", m, line)
		}
		if !strings.Contains(line, "(1 - sigmoid(") {
			t.Errorf("a partial without 1 - sigmoid(u): %s", line)
		}
	}
}

func TestGradientCommands(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"grad", "w*x + b", "w", "b"}, "d/dw = x\nd/db = 1\n"},
		{[]string{"grad", "--let", "sigmoid(w*x+b)"}, "t1 = sigmoid(w*x + b)\nt2 = 1 - t1\nd/db = t1*t2\nd/dw = t1*t2*x\nd/dx = t1*t2*w\n"},
		{[]string{"jacobian", "x*y; sin(x)+y^2", "x", "y"}, "[y, x]\n[cos(x), 2*y]\n"},
		{[]string{"hessian", "x^2*y + y^3", "x,y"}, "[2*y, 2*x]\n[2*x, 6*y]\n"},
		// One shape for all partials: a multiple of a sum met in another
		// partial or in the input prints as that multiple.
		{[]string{"grad", "(w*x + b - y)^2", "w", "b", "y"}, "d/dw = 2*x*(w*x + b - y)\nd/db = 2*(w*x + b - y)\nd/dy = -2*(w*x + b - y)\n"},
		{[]string{"grad", "(a*x^2 + b*x + c - y)^2/2", "a", "c"}, "d/da = x^2*(a*x^2 + b*x + c - y)\nd/dc = a*x^2 + b*x + c - y\n"},
		{[]string{"grad", "(v*sigmoid(w*x + b) + c - y)^2", "w", "b", "v", "c"}, "d/dw = 2*v*x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))*(v*sigmoid(w*x + b) + c - y)\n" +
			"d/db = 2*v*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))*(v*sigmoid(w*x + b) + c - y)\n" +
			"d/dv = 2*sigmoid(w*x + b)*(v*sigmoid(w*x + b) + c - y)\nd/dc = 2*(v*sigmoid(w*x + b) + c - y)\n"},
		{[]string{"grad", "softplus(-y*(w*x + b))", "w", "b"}, "d/dw = -x*y*sigmoid(-y*(w*x + b))\nd/db = -y*sigmoid(-y*(w*x + b))\n"},
		{[]string{"grad", "-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))", "w", "b"}, "d/dw = x*(sigmoid(w*x + b) - y)\nd/db = sigmoid(w*x + b) - y\n"},
		{[]string{"grad", "log(exp(a) + exp(b))", "a", "b"}, "d/da = sigmoid(a - b)\nd/db = sigmoid(b - a)\n"},
		// The cross-entropy of three classes: every partial is a share
		// 1/(1 + exp(..) + exp(..)), the true class's minus 1.
		{[]string{"grad", "-log(exp(a)/(exp(a) + exp(b) + exp(c)))", "a", "b", "c"}, "d/da = 1/(exp(b - a) + exp(c - a) + 1) - 1\n" +
			"d/db = 1/(exp(a - b) + exp(c - b) + 1)\nd/dc = 1/(exp(a - c) + exp(b - c) + 1)\n"},
		// log(sigmoid(-u))' is -sigmoid(u)*u', not (sigmoid(-u) - 1)*u',
		// which cancels for large u.
		{[]string{"grad", "log(sigmoid(-y*(w*x + b)))", "w", "b"}, "d/dw = -x*y*sigmoid(y*(w*x + b))\nd/db = -y*sigmoid(y*(w*x + b))\n"},
		{[]string{"grad", "log(sigmoid(-x)) + 3*log(sigmoid(-z))", "x", "z"}, "d/dx = -sigmoid(x)\nd/dz = -3*sigmoid(z)\n"},
		{[]string{"jacobian", "(x + y)^2; x*y", "x", "y"}, "[2*(x + y), 2*(x + y)]\n[y, x]\n"},
		{[]string{"hessian", "(x - y)^3", "x", "y"}, "[6*(x - y), -6*(x - y)]\n[-6*(x - y), 6*(x - y)]\n"},
	}
	for _, tt := range tests {
		out, errOut, status := runCLI("", tt.argv...)
		if out != tt.want || status != 0 {
			t.Errorf("symdiff %q = %q (status %d, stderr %q), want %q", tt.argv, out, status, errOut, tt.want)
		}
	}
	if _, errOut, status := runCLI("", "jacobian", "x; y+", "x"); status != 1 || !strings.Contains(errOut, "function 2 of 2: 1:4: expected an expression after '+'") {
		t.Errorf("jacobian with a bad function: status %d, %q", status, errOut)
	}
}

// The textbook example of backpropagation: f = w*x + b at w=-2, x=5, b=3,
// printed as graph's Table (graph's TestTable holds the text).
func TestGraphCommand(t *testing.T) {
	out, errOut, status := runCLI("", "graph", "w*x+b", "--at", "w=-2,x=5,b=3")
	g, err := graph.Build(parser.MustParse("w*x+b"), pointAt(map[string]float64{"w": -2, "x": 5, "b": 3}))
	if err != nil {
		t.Fatal(err)
	}
	want := g.Table()
	if out != want || status != 0 {
		t.Errorf("graph: status %d, stderr %q, got\n%s\nwant\n%s", status, errOut, out, want)
	}
	out, _, status = runCLI("", "graph", "1/(1+exp(-x))", "--at", "x=0", "--dot")
	if status != 0 || !strings.HasPrefix(out, "digraph") {
		t.Errorf("graph --dot: status %d\n%s", status, out)
	}
	if _, errOut, status := runCLI("", "graph", "x*y"); status != 2 || !strings.Contains(errOut, "--at") {
		t.Errorf("graph without --at: status %d, %q", status, errOut)
	}
}

func TestCheckAtPoint(t *testing.T) {
	out, errOut, status := runCLI("", "--check", "--at", "x=0.5", "x^x", "x")
	if status != 0 || !strings.Contains(out, "agrees at 1 of 1 points") {
		t.Errorf("--check --at: status %d, %s\n%s", status, errOut, out)
	}
}

// failingWriter fails every write, as standard output on /dev/full does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) {
	return 0, errors.New("write /dev/stdout: no space left on device")
}

// A trapCase is a command line of issue 14's traps and what it must do.
type trapCase struct {
	name   string
	argv   []string
	stdin  string
	status int
	out    string // standard output, exactly ("-" for: not checked)
	outHas string // a part of standard output, if out is "-"
	errHas string // a part of standard error ("" for: empty)
}

// trapCases are the traps of issue 14, run in-process by TestTraps and
// through the built binary by TestBinaryTraps.
var trapCases = []trapCase{
	// Several lines on standard input: one derivative a line.
	{"stdin lines", []string{"-", "x"}, "x^2\nsin(x)\n", 0, "2*x\ncos(x)\n", "", ""},
	{"stdin blank lines skipped", []string{"-", "x"}, "x^2\n\n  \nx^3\n", 0, "2*x\n3*x^2\n", "", ""},
	{"stdin bad line", []string{"-", "x"}, "x^2\nsin(x)\nbad)(\n", 1, "2*x\ncos(x)\n", "", "3:4: unexpected ')'"},
	{"stdin simplify lines", []string{"simplify", "-"}, "x+x\nx*x\n", 0, "2*x\nx^2\n", "", ""},
	{"stdin eval lines", []string{"eval", "-", "x=2"}, "x+1\nx^2\n", 0, "3\n4\n", "", ""},
	{"stdin error after a value", []string{"eval", "-", "x=2"}, "x+1\nlog(x-2)\n", 1, "3\n", "", "line 2: the value is -Inf"},
	{"stdin lines for grad", []string{"grad", "-"}, "x^2\ny\n", 2, "", "", "standard input has 2 expressions"},

	// help, version, flags with one dash.
	{"-help", []string{"-help"}, "", 0, "-", "Commands:", ""},
	{"help", []string{"help"}, "", 0, "-", "Commands:", ""},
	{"help COMMAND", []string{"help", "grad"}, "", 0, "-", "Usage: symdiff grad [flags] EXPR [VARS]\n", ""},
	{"help unknown", []string{"help", "gard"}, "", 2, "", "", "unknown command \"gard\"; did you mean 'grad'?"},
	{"version", []string{"version"}, "", 0, "-", "symdiff ", ""},
	{"--version", []string{"--version"}, "", 0, "-", "symdiff ", ""},
	{"-L", []string{"-L", "x", "x"}, "", 2, "", "", "unknown flag -L"},
	{"-latx", []string{"-latx", "x^2", "x"}, "", 2, "", "", "unknown flag -latx; did you mean --latex?"},
	{"--latx", []string{"--latx", "x^2", "x"}, "", 2, "", "", "unknown flag --latx; did you mean --latex?"},
	{"-latx alone", []string{"-latx"}, "", 2, "", "", "unknown flag -latx; did you mean --latex?"},
	{"-x alone is an expression", []string{"-x"}, "", 0, "-1\n", "", ""},
	{"-x is an expression", []string{"-x", "x"}, "", 0, "-1\n", "", ""},
	{"one-dash long flag", []string{"-raw", "x*x", "x"}, "", 0, "2*x\n", "", ""},
	{"-n2", []string{"-n2", "x^3", "x"}, "", 0, "6*x\n", "", ""},
	{"misspelled command", []string{"simplfy", "x+x"}, "", 2, "", "", "unknown command \"simplfy\"; did you mean 'simplify'?"},
	{"misspelled command, one operand", []string{"simplfy"}, "", 2, "", "", "did you mean 'simplify'?"},
	{"a symbol like a command", []string{"grads", "grads"}, "", 0, "1\n", "", ""},
	{"variables in one operand", []string{"x*y", "x,y"}, "", 2, "", "", "give the variables as separate arguments"},
	{"operands swapped", []string{"x", "x^2"}, "", 2, "", "", "the expression comes first"},

	// Legal but probably not meant: the answer and a warning.
	{"variable does not occur", []string{"sin(y)", "x"}, "", 0, "0\n", "", "warning: x does not occur in sin(y)"},
	{"a variable named twice: the second derivative, no warning", []string{"x^3", "x", "x"}, "", 0, "6*x\n", "", ""},
	{"a variable named twice that does not occur: one warning", []string{"x^3", "y", "y"}, "", 0, "0\n", "", "warning: y does not occur in x^3, so the derivative with respect to it is 0\n"},
	{"multi-letter symbol", []string{"sin(xy)", "x"}, "", 0, "0\n", "", "xy is one variable named xy, not a product with x; write products with * or a space (x*y or x y)"},
	{"multi-letter symbol, x occurs", []string{"x^2 + xy", "x"}, "", 0, "2*x\n", "", "xy is one variable"},
	{"Greek name is no product", []string{"theta*t", "t"}, "", 0, "theta\n", "", ""},
	{"subscripted name is no product", []string{"x1*x", "x"}, "", 0, "x1\n", "", ""},
	{"π is pi", []string{"2πx", "x"}, "", 0, "2*pi\n", "", ""},
	{"π before a power", []string{"πx^2", "x"}, "", 0, "2*pi*x\n", "", ""},
	{"Cyrillic x", []string{"х^2", "x"}, "", 0, "0\n", "", "U+0445 CYRILLIC SMALL LETTER HA, which looks like the Latin x (U+0078)"},
	{"Cyrillic x as VAR", []string{"x^2", "х"}, "", 0, "0\n", "", "U+0445 CYRILLIC SMALL LETTER HA"},
	{"Cyrillic and Latin x mixed", []string{"x*х", "x"}, "", 0, "х\n", "", "U+0445"},
	{"two look-alikes, no Latin name", []string{"хa + xа", "хa"}, "", 0, "1\n", "", "which looks like the Latin a (U+0061)"},
	{"a foreign name with no look-alike", []string{"ж^2 + x", "ж"}, "", 0, "2*ж\n", "", ""},
	{"lone Greek letter is fine", []string{"ν^2", "ν"}, "", 0, "2*ν\n", "", ""},
	{"grad: variable does not occur", []string{"grad", "x*y", "x", "z"}, "", 0, "d/dx = y\nd/dz = 0\n", "", "warning: z does not occur in x*y"},
	{"hessian: multi-letter symbol", []string{"hessian", "xy^2", "x"}, "", 0, "[0]\n", "", "xy is one variable"},
	{"function as VAR", []string{"sin(x)", "sin"}, "", 2, "", "", "cannot differentiate with respect to sin: it is a function"},
	{"constant as VAR", []string{"pi*x", "pi"}, "", 2, "", "", "it is a constant"},

	// One meaning of several VARs: successive partials, with --steps too.
	{"mixed partial", []string{"x^2*y^3", "x", "y"}, "", 0, "6*x*y^2\n", "", ""},
	{"mixed partial --steps", []string{"--steps", "x^2*y^3", "x", "y"}, "", 0, "-", "f_x(x, y) = 2*x*y^3", ""},
	{"mixed partial --steps result", []string{"--steps", "x^2*y^3", "x", "y"}, "", 0, "-", "∂f_x/∂y = 6*x*y^2\n", ""},
	{"mixed partial --standalone", []string{"--standalone", "x^2*y^3", "x", "y"}, "", 0, "-", "with respect to $y$", ""},

	// Write failures.
	{"stdout full", []string{"x^2", "x"}, "", 1, "", "", "writing standard output: write /dev/stdout: no space left on device"},

	// Values: NaN and overflow are errors that say which; exact values.
	{"--at outside the domain", []string{"--at", "x=-1", "sqrt(x)", "x"}, "", 1, "1/(2*sqrt(x))\n", "", "the derivative at x=-1: the value is NaN, not a finite number"},
	{"--at pole", []string{"--at", "x=0", "log(x)", "x"}, "", 1, "1/x\n", "", "division by zero in 1/x"},
	// The derivative of exp(2*log(x)) simplifies to 2*x, which has a value
	// at x = -2; the function, and so its derivative, has none there.
	{"--at outside the input's domain", []string{"--at", "x=-2", "exp(2*log(x))", "x"}, "", 1, "2*x\n", "", "log is undefined at x = -2"},
	{"grad --at outside the input's domain", []string{"grad", "--at", "w=-1,b=2", "exp(2*log(w)) + b*w", "w", "b"}, "", 1, "-", "", "log is undefined at w = -1"},
	// A pole of the input is an isolated point: the simplified derivative's
	// value there (its continuation's) stands.
	{"--at a removable pole of the input", []string{"--at", "x=1", "(x^2-1)/(x-1)", "x"}, "", 0, "1\nat x=1: 1\n", "", ""},
	{"hessian --at outside the input's domain", []string{"hessian", "--at", "x=-1,y=1", "log(x)*y^2", "x", "y"}, "", 1, "-", "", "log is undefined at x = -1"},
	{"eval overflow", []string{"eval", "exp(x)+x", "x=800"}, "", 1, "", "", "overflow: exp(x) is beyond the largest float64"},
	// The compiled program's stable lowerings (numeric/stable.go, issue 18).
	{"eval softplus", []string{"eval", "log(1+exp(x))", "x=800"}, "", 0, "800\n", "", ""},
	{"eval exp below the threshold", []string{"eval", "exp(x)", "x=709.5"}, "", 0, "1.3549863193146328e+308\n", "", ""},
	{"eval sinh below the threshold", []string{"eval", "sinh(x)", "x=710"}, "", 0, "1.1169973830808557e+308\n", "", ""},
	{"eval constant beyond float64", []string{"eval", "x^2/10^400", "x=1e200"}, "", 0, "0.9999999999999999\n", "", ""},
	{"eval quotient power", []string{"eval", "(x/y)^200", "x=100", "y=100"}, "", 0, "1\n", "", ""},
	{"eval 1 - sigmoid", []string{"eval", "sigmoid(x)*(1-sigmoid(x))", "x=40"}, "", 0, "4.248354255291589e-18\n", "", ""},
	{"--at general power at 0^0", []string{"--at", "x=1", "relu(-x)^relu(-x)", "x"}, "", 0, "-relu(-x)^relu(-x)*step(-x)*(log(relu(-x)) + 1)\nat x=1: 0\n", "", ""},
	{"eval pole", []string{"eval", "log(x)", "x=0"}, "", 1, "", "", "log at x = 0 is a pole or the edge of its domain"},
	{"eval outside the domain", []string{"eval", "asin(x)", "x=2"}, "", 1, "", "", "asin is undefined at x = 2; the point is outside the domain"},
	{"eval fraction", []string{"eval", "3*x", "x=1/3"}, "", 0, "1\n", "", ""},
	{"eval pi", []string{"eval", "sin(x)", "x=pi/2"}, "", 0, "1\n", "", ""},
	{"eval negative", []string{"eval", "x^2", "x=-2"}, "", 0, "4\n", "", ""},
	{"eval value with a comma", []string{"eval", "x", "x=log(8, 2)"}, "", 0, "3\n", "", ""},
	{"eval value with spaces", []string{"eval", "x+y", "x=1 / 2", "y=1"}, "", 0, "1.5\n", "", ""},
	{"eval value with a variable", []string{"eval", "x", "x=y"}, "", 2, "", "", "has the variable y"},
	{"eval undefined value", []string{"eval", "x", "x=log(0)"}, "", 1, "", "", "the value of x: domain error: log(0) is undefined"},
	{"--at exact", []string{"--at", "x=pi", "sin(x)", "x"}, "", 0, "cos(x)\nat x=pi: -1\n", "", ""},

	// Undefined constants are domain errors, never answers.
	{"0^x", []string{"0^x", "x"}, "", 1, "", "", "domain error: 0^x is 0 where x > 0 but undefined where x <= 0"},
	{"log(0)", []string{"log(0)*x", "x"}, "", 1, "", "", "domain error: log(0) is undefined"},
	// Poles that float64 misses: cos(pi/2) is 6e-17 there, not 0.
	{"sec(pi/2)", []string{"simplify", "3 + 1/sec(pi/2)"}, "", 1, "", "", "domain error: sec(pi/2) is undefined"},
	{"tan(-pi/2)", []string{"x*tan(-pi/2)", "x"}, "", 1, "", "", "1:3: domain error: tan(-pi/2) is undefined"},
	{"atanh(-1)", []string{"atanh(-1)*x", "x"}, "", 1, "", "", "1:1: domain error: atanh(-1) is undefined"},
	{"log(-1)", []string{"simplify", "log(-1)"}, "", 1, "", "", "domain error: log(-1) is not a real number"},
	{"sqrt(-1)", []string{"sqrt(-1)*x", "x"}, "", 1, "", "", "domain error: sqrt(-1) is not a real number"},
	{"exp(1000) is a number", []string{"exp(1000)*x", "x"}, "", 0, "exp(1000)\n", "", ""},

	// --check judges honestly: at a kink by one-sided differences.
	{"--check exp(100*x)", []string{"--check", "exp(100*x)", "x"}, "", 0, "-", "ok: the derivative agrees at 5 of 5 points", ""},
	{"--check at a kink", []string{"--check", "--at", "x=0", "x*abs(x)", "x"}, "", 0, "-", "ok: the derivative agrees at 1 of 1 points", ""},
	{"--check where not differentiable", []string{"--check", "--at", "x=0", "abs(x)", "x"}, "", 1, "-", "outside domain", "the derivative from the left is -1, from the right 1"},

	// Conflicting and repeated flags.
	{"--steps --check", []string{"--steps", "--check", "x^2", "x"}, "", 2, "", "", "--steps and --check cannot be used together"},
	{"--latex --markdown", []string{"--latex", "--markdown", "x^2", "x"}, "", 2, "", "", "--latex and --markdown cannot be used together"},
	{"--markdown --standalone", []string{"--markdown", "--standalone", "x^2", "x"}, "", 2, "", "", "--markdown and --standalone cannot be used together"},
	{"--steps --at", []string{"--steps", "--at", "x=1", "x^2", "x"}, "", 2, "", "", "--steps and --at cannot be used together"},
	{"--at accumulates", []string{"--at", "x=1", "--at", "y=2", "x^2*y", "x"}, "", 0, "2*x*y\nat x=1,y=2: 4\n", "", ""},
	{"--at twice for x", []string{"--at", "x=1", "--at", "x=2", "x^2", "x"}, "", 2, "", "", "x is given two values"},
	{"-n twice", []string{"-n", "2", "-n", "3", "x^3", "x"}, "", 2, "", "", "flag --n is given twice (2 and 3)"},
	{"--dot --svg", []string{"graph", "x^2", "--at", "x=1", "--dot", "--svg", "-"}, "", 2, "", "", "--dot and --svg cannot be used together"},
}

// The traps of issue 14: input that once printed a wrong or meaningless
// answer with exit status 0. Each now gets a clear error (1), a usage
// error with a did-you-mean (2), or the right answer with a warning.
func TestTraps(t *testing.T) {
	tests := trapCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			var w interface{ Write([]byte) (int, error) } = &out
			if tt.name == "stdout full" {
				w = failingWriter{}
			}
			status := run(tt.argv, strings.NewReader(tt.stdin), w, &errb)
			errOut := errb.String()
			if status != tt.status {
				t.Errorf("status %d, want %d; stdout %q, stderr %q", status, tt.status, out.String(), errOut)
			}
			if tt.out != "-" && out.String() != tt.out {
				t.Errorf("stdout %q, want %q (stderr %q)", out.String(), tt.out, errOut)
			}
			if tt.outHas != "" && !strings.Contains(out.String(), tt.outHas) {
				t.Errorf("stdout lacks %q:\n%s", tt.outHas, out.String())
			}
			if tt.errHas == "" && errOut != "" || !strings.Contains(errOut, tt.errHas) {
				t.Errorf("stderr %q, want it to contain %q", errOut, tt.errHas)
			}
			if strings.Contains(errOut, "internal error") {
				t.Errorf("internal error: %s", errOut)
			}
		})
	}
}

// --check marks a row ok only when it meets the tolerances the summary
// states: exp(100*x) has values near 1e-112 at x < 0, where an absolute
// scale of 1 once passed finite differences of the wrong sign.
func TestCheckRowsMeetTolerances(t *testing.T) {
	for _, src := range []string{"exp(100*x)", "exp(-100*x^2)", "1e-30*sin(x)"} {
		out, errOut, status := runCLI("", "--check", src, "x")
		if status != 0 {
			t.Errorf("--check %s: status %d, %s\n%s", src, status, errOut, out)
			continue
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		rows := 0
		for _, l := range lines[2 : len(lines)-1] { // result, header ... summary
			f := strings.Fields(l)
			if len(f) != 8 || f[7] != "ok" {
				continue
			}
			rows++
			sym, fd := f[1], f[2]
			if strings.HasPrefix(sym, "-") != strings.HasPrefix(fd, "-") {
				t.Errorf("--check %s: ok row with a finite difference of the wrong sign: %s", src, l)
			}
			for _, c := range []struct {
				col string
				tol float64
			}{{f[4], 1e-8}, {f[6], 1e-13}} {
				var v float64
				if c.col == "-" {
					continue
				}
				if _, err := fmt.Sscan(c.col, &v); err != nil || v > c.tol {
					t.Errorf("--check %s: ok row beyond the stated tolerance %g: %s", src, c.tol, l)
				}
			}
		}
		if rows != 5 {
			t.Errorf("--check %s: %d ok rows, want 5:\n%s", src, rows, out)
		}
	}
}

// graph --svg - writes the SVG to standard output, not to a file named
// "-". A stand-in for Graphviz's dot on PATH makes the test independent of
// an installed Graphviz.
func TestGraphSVGToStdout(t *testing.T) {
	bin := t.TempDir()
	fake := "#!/bin/sh\ncat >/dev/null\necho '<svg>stand-in</svg>'\n"
	if err := os.WriteFile(filepath.Join(bin, "dot"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Chdir(t.TempDir())
	out, errOut, status := runCLI("", "graph", "w*x+b", "--at", "w=1,x=2,b=3", "--svg", "-")
	if status != 0 || out != "<svg>stand-in</svg>\n" {
		t.Errorf("--svg -: status %d, stdout %q, stderr %q", status, out, errOut)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("--svg - wrote a file named -")
	}
	// A file name still writes the file.
	if _, errOut, status := runCLI("", "graph", "w*x+b", "--at", "w=1,x=2,b=3", "--svg", "g.svg"); status != 0 {
		t.Fatalf("--svg g.svg: status %d, %s", status, errOut)
	}
	if b, err := os.ReadFile("g.svg"); err != nil || string(b) != "<svg>stand-in</svg>\n" {
		t.Errorf("g.svg: %q, %v", b, err)
	}
}

// grad --stats reports the size and the cost of the gradient it printed:
// the simplified partials together (a node they share counts once).
func TestGradStatsCost(t *testing.T) {
	src := "(w*x + b - y)^2"
	out, errOut, status := runCLI("", "grad", "--stats", src, "w", "b")
	var m map[string]any
	if err := json.Unmarshal([]byte(errOut), &m); status != 0 || err != nil {
		t.Fatalf("status %d, %v: %s", status, err, errOut)
	}
	var ps []symbolic.Expr
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		_, rhs, _ := strings.Cut(line, " = ")
		p, err := parser.Parse(rhs)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		ps = append(ps, p)
	}
	if got, want := int(m["result_cost"].(float64)), simplify.Cost(ps...); got != want || want == 0 {
		t.Errorf("result_cost %d, want %d, the cost of the partials printed (%q)", got, want, out)
	}
	if got, want := int(m["result_dag"].(float64)), symbolic.Size(ps...); got != want {
		t.Errorf("result_dag %d, want %d", got, want)
	}
}

// A domain error in a constant part of the input is shown where that part
// is in the text, with a caret, and is still a domain error for --json.
func TestDomainErrorHasPlace(t *testing.T) {
	tests := []struct{ src, place string }{
		{"x + log(-1)*x", "1:5:"},
		{"x*(-1)^(1/2)", "1:3:"},
		{"sin(x) + acos(3)*x", "1:10:"},
		{"0^x", "1:1:"},
	}
	for _, tc := range tests {
		_, errOut, status := runCLI("", tc.src, "x")
		if status != 1 || !strings.Contains(errOut, tc.place+" domain error") || !strings.Contains(errOut, "\n"+tc.src+"\n") || !strings.Contains(errOut, "^") {
			t.Errorf("%s: status %d, stderr %q; want 1 and a domain error at %s with the input and a caret", tc.src, status, errOut, tc.place)
		}
		out, _, _ := runCLI("", "--json", tc.src, "x")
		if !strings.Contains(out, `"kind":"domain"`) || !strings.Contains(out, `"column":`+strings.Split(tc.place, ":")[1]) {
			t.Errorf("%s --json: %s; want kind domain with the column", tc.src, out)
		}
	}
}

// TestRepeatedVariableWarnsOnce: a variable named twice (x x is the second
// derivative) is checked once: no warning where it occurs, one where it
// does not.
func TestRepeatedVariableWarnsOnce(t *testing.T) {
	for _, tc := range []struct {
		argv     []string
		warnings int
	}{
		{[]string{"x^3*y", "x", "x", "y"}, 0},
		{[]string{"x^3", "y", "y"}, 1},
		{[]string{"grad", "x^2", "x", "x"}, 0},
	} {
		_, errOut, status := runCLI("", tc.argv...)
		if n := strings.Count(errOut, "warning:"); status != 0 || n != tc.warnings {
			t.Errorf("symdiff %q: status %d, %d warnings, want 0 and %d:\n%s", tc.argv, status, n, tc.warnings, errOut)
		}
	}
}
