package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
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
	for _, src := range []string{"1/(1+exp(-x))", "tanh(x)", "log(1+exp(x))", "x^x", "sqrt(x^2+1)", "x sin(x)^2", "atan(x)/(1+x^2)"} {
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

func TestHelp(t *testing.T) {
	out, _, status := runCLI("", "--help")
	if status != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, `symdiff "1/(1+exp(-x))" x`) {
		t.Errorf("--help: status %d\n%s", status, out)
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
	if _, errOut, status := runCLI("", "--steps", "-n", "2", "x^3", "x"); status != 2 {
		t.Errorf("--steps -n 2: status %d, %s", status, errOut)
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

// The textbook example of backpropagation: f = w*x + b at w=-2, x=5, b=3.
func TestGraphCommand(t *testing.T) {
	out, errOut, status := runCLI("", "graph", "w*x+b", "--at", "w=-2,x=5,b=3")
	want := `node  operation  operands  value  adjoint
w     input                   -2        5
x     input                    5       -2
b     input                    3        1
g1    *          w, x        -10        1
f     +          g1, b        -7        1
`
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
