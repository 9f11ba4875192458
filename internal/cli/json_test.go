package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// --json prints one object a result, in the schema of docs/cli.md: each
// case names a command line and JSON fragments its output must hold.
func TestJSONOutput(t *testing.T) {
	tests := []struct {
		name   string
		argv   []string
		stdin  string
		status int
		has    []string
	}{
		{"diff", []string{"--json", "x^2", "x"}, "", 0, []string{`{"command":"diff","input":"x^2","vars":["x"],"n":1,"result":{"text":"2*x","latex":"2 x"}}`}},
		{"diff --at --check", []string{"--json", "--at", "x=1/2", "--check", "x^3", "x"}, "", 0, []string{`"at":{"point":{"x":0.5},"value":0.75}`, `"check":{"var":"x","ok":true,`, `"verdict":"ok"`}},
		{"diff warnings", []string{"--json", "sin(xy)", "x"}, "", 0, []string{`"warnings":["x does not occur in sin(xy)`, `"xy is one variable`}},
		{"diff --stats", []string{"--json", "--stats", "x^2", "x"}, "", 0, []string{`"stats":{"parse_ns":`, `"simplify_stopped":""`}},
		{"diff stdin lines", []string{"--json", "-", "x"}, "x^2\nx^3\n", 0, []string{`"input":"x^2"`, "}\n{", `"input":"x^3"`}},
		{"diff --answer wrong", []string{"--json", "x^3", "x", "--answer", "3x"}, "", 1, []string{`"answer":{"input":"3x","answer":{"text":"3*x","latex":"3 x"},"equal":false,"verdict":"different","points":`, `"witness":{"point":{"x":`}},
		{"diff --check fails", []string{"--json", "--check", "--at", "x=0", "abs(x)", "x"}, "", 1, []string{`"check":{"var":"x","ok":false`, `"verdict":"outside domain"`}},
		{"simplify", []string{"simplify", "--json", "x+x"}, "", 0, []string{`{"command":"simplify","input":"x+x","result":{"text":"2*x","latex":"2 x"}}`}},
		{"eval", []string{"eval", "--json", "x^2+y", "x=1/2", "--at", "y=pi"}, "", 0, []string{`"command":"eval"`, `"at":{"point":{"x":0.5,"y":3.141592653589793},"value":3.391592653589793}`}},
		{"grad --at --check", []string{"grad", "--json", "--at", "x=1,y=2", "--check", "x^2*y", "x", "y"}, "", 0, []string{`"result":[{"text":"2*x*y","latex":"2 x y"},{"text":"x^2","latex":"x^{2}"}]`, `"at":{"point":{"x":1,"y":2},"value":[4,1]}`, `"check":[{"var":"x","ok":true`, `{"var":"y","ok":true`}},
		{"grad --let", []string{"grad", "--json", "--let", "sigmoid(w*x+b)", "w"}, "", 0, []string{`"let":[{"name":"t1","text":"sigmoid(w*x + b)"`}},
		{"hessian --at --check", []string{"hessian", "--json", "--at", "x=1,y=2", "--check", "x^2*y + y^3", "x", "y"}, "", 0, []string{`"result":[[{"text":"2*y","latex":"2 y"},{"text":"2*x","latex":"2 x"}],[{"text":"2*x","latex":"2 x"},{"text":"6*y","latex":"6 y"}]]`, `"value":[[4,2],[2,12]]`, `"check":[[{"var":"x","ok":true`}},
		{"jacobian", []string{"jacobian", "--json", "x*y; sin(x)", "x", "y"}, "", 0, []string{`"command":"jacobian","input":"x*y; sin(x)"`, `[{"text":"cos(x)","latex":"\\cos(x)"},{"text":"0","latex":"0"}]`}},
		{"graph", []string{"graph", "--json", "w*x+b", "--at", "w=-2,x=5,b=3"}, "", 0, []string{`"at":{"point":{"b":3,"w":-2,"x":5},"value":-7}`, `{"name":"g1","op":"*","expr":"w*x","operands":["w","x"],"value":-10,"adjoint":1}`}},
		{"equal", []string{"equal", "--json", "sin(x)^2", "1 - cos(x)^2"}, "", 0, []string{`{"command":"equal","input":"sin(x)^2","b":"1 - cos(x)^2","equal":true,"verdict":"proven","points":0}`}},
		{"version", []string{"--version", "--json"}, "", 0, []string{`{"version":`, `"go":"go`}},
		{"syntax error", []string{"--json", "sin(x", "x"}, "", 1, []string{`{"error":{"message":"parenthesis opened at 1:4 is never closed","line":1,"column":`, `"kind":"syntax"}}`}},
		{"stdin error line", []string{"--json", "-", "x"}, "x^2\nbad)(\n", 1, []string{`"input":"x^2"`, `{"error":{"message":"unexpected ')' with no matching '('","line":2,"column":4,"kind":"syntax"}}`}},
		{"usage error", []string{"--json", "--latx", "x", "x"}, "", 2, []string{`{"error":{"message":"unknown flag --latx; did you mean --latex? (see symdiff --help)","line":0,"column":0,"kind":"usage"}}`}},
		{"domain error", []string{"--json", "--at", "x=-1", "sqrt(x)", "x"}, "", 1, []string{`"kind":"domain"`}},
		{"limit", []string{"--json", "--max-bytes", "3", "x+x+x", "x"}, "", 1, []string{`"kind":"limit"`}},
		{"timeout", []string{"--json", "--timeout", "1ns", "-n", "30", "exp(sin(x))", "x"}, "", 1, []string{`"kind":"timeout"`}},
		{"conflict", []string{"--json", "--latex", "x", "x"}, "", 2, []string{`"--json and --latex cannot be used together`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runCLI(tt.stdin, tt.argv...)
			if status != tt.status {
				t.Errorf("status %d, want %d; stdout %s, stderr %q", status, tt.status, out, errOut)
			}
			if errOut != "" {
				t.Errorf("stderr %q, want nothing (warnings and errors go in the object)", errOut)
			}
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if !json.Valid([]byte(l)) {
					t.Errorf("a line is not one JSON object: %s", l)
				}
			}
			for _, h := range tt.has {
				if !strings.Contains(out, h) {
					t.Errorf("output lacks %s:\n%s", h, out)
				}
			}
		})
	}
}

// The text, LaTeX and Markdown of one result come from the same blocks.
func TestFormats(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"grad", "w*x + b", "w", "b"}, "d/dw = x\nd/db = 1\n"},
		{[]string{"grad", "--latex", "w*x + b", "w", "b"}, `\begin{pmatrix}x \\ 1\end{pmatrix}` + "\n"},
		{[]string{"grad", "--markdown", "w*x + b", "w", "b"}, "$$\n" + `\begin{pmatrix}x \\ 1\end{pmatrix}` + "\n$$\n"},
		{[]string{"grad", "--at", "w=2,x=3,b=1", "w*x + b", "w", "x"}, "d/dw = x\nd/dx = w\nat w=2,x=3,b=1: [3, 2]\n"},
		{[]string{"jacobian", "--latex", "x*y; x+y", "x", "y"}, `\begin{pmatrix}y & x \\ 1 & 1\end{pmatrix}` + "\n"},
		{[]string{"simplify", "--latex", "x/2 + x/2"}, "x\n"},
		{[]string{"eval", "--at", "x=2", "x^2"}, "4\n"},
	}
	for _, tt := range tests {
		out, errOut, status := runCLI("", tt.argv...)
		if out != tt.want || status != 0 {
			t.Errorf("symdiff %q = %q (status %d, %s), want %q", tt.argv, out, status, errOut, tt.want)
		}
	}
}

// symdiff batch in-process (so that the race detector sees its workers):
// JSON items of every command, in order, an error object for a bad item.
func TestBatch(t *testing.T) {
	items := []struct{ in, has string }{
		{"x^2", `{"line":1,"command":"diff","input":"x^2","vars":["x"],"n":1,"result":{"text":"2*x","latex":"2 x"}}`},
		{`{"expr": "x^2*y", "vars": ["x", "y"]}`, `"vars":["x","y"],"n":1,"result":{"text":"2*x"`},
		{`{"expr": "x^3", "n": 2, "at": {"x": "1/3"}}`, `"n":2,"result":{"text":"6*x","latex":"6 x"},"at":{"point":{"x":0.3333333333333333},"value":2}`},
		{`{"command": "equal", "expr": "sqrt(x^2)", "b": "abs(x)"}`, `"command":"equal","input":"sqrt(x^2)","b":"abs(x)","equal":true`},
		{`{"command": "simplify", "expr": "x+x"}`, `"result":{"text":"2*x","latex":"2 x"}`},
		{`{"command": "eval", "expr": "x^2", "at": "x=3"}`, `"at":{"point":{"x":3},"value":9}`},
		{`{"expr": "x^3", "answer": "3x^2"}`, `"verdict":"proven"`},
		{`{"expr": "x^2", "bogus": 1}`, `"error":{"message":"the line is not a JSON item`},
		{`{"command": "hessian", "expr": "x^2*y", "vars": ["x", "y"]}`, `"result":[[{"text":"2*y"`},
		{`{"command": "grads", "expr": "x"}`, `unknown command \"grads\"; did you mean 'grad'?`},
		{"sin(x", `"error":{"message":"parenthesis opened at 1:4 is never closed","line":11,"column":`},
	}
	var in strings.Builder
	for range 20 {
		for _, it := range items {
			in.WriteString(it.in + "\n")
		}
	}
	out, errOut, status := runCLI(in.String(), "batch", "--workers", "3", "x")
	if status != 1 || !strings.Contains(errOut, "lines failed: 60") {
		t.Errorf("status %d, stderr %q; want 1 and 60 failed lines", status, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 20*len(items) {
		t.Fatalf("%d lines out, want %d", len(lines), 20*len(items))
	}
	for i, l := range lines {
		it := items[i%len(items)]
		if i < len(items) && !strings.Contains(l, it.has) {
			t.Errorf("line %d: %s\nwant it to hold %s", i+1, l, it.has)
		}
		if i >= len(items) && lineNumbers.ReplaceAllString(l, "") != lineNumbers.ReplaceAllString(lines[i%len(items)], "") {
			t.Errorf("line %d differs from line %d: %s", i+1, i%len(items)+1, l)
		}
	}
}

var lineNumbers = regexp.MustCompile(`"line":\d+`)
