package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestKaTeX renders the LaTeX of every command that prints it (--latex,
// --markdown's $$ blocks, and the "latex" fields of --json) with KaTeX in
// strict mode, when SYMDIFF_KATEX names a folder where katex is installed
// (as .ci/run does; see package latex's TestKaTeX).
func TestKaTeX(t *testing.T) {
	var display []string
	add := func(argv ...string) {
		out, errOut, status := runCLI("", argv...)
		if status != 0 {
			t.Fatalf("symdiff %q: status %d, %s", argv, status, errOut)
		}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if l != "$$" {
				display = append(display, l)
			}
		}
	}
	add("hessian", "--latex", "x^2*y + y^3", "x", "y")
	add("jacobian", "--latex", "x*y; sin(x)+y^2", "x", "y")
	add("grad", "--latex", "sigmoid(w*x + b)", "w", "x", "b")
	add("grad", "--markdown", "(w*x + b - y)^2", "w", "b")
	add("--latex", "1/(1+exp(-x))", "x")
	add("simplify", "--latex", "(x^2-1)/(x-1)")
	out, _, _ := runCLI("", "hessian", "--json", "sqrt(x^2+y^2)", "x", "y")
	var r struct{ Result [][]exprJSON }
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	for _, row := range r.Result {
		for _, x := range row {
			display = append(display, x.LaTeX.String())
		}
	}
	// The JSON's latex of a derivative far larger as a tree than as a DAG:
	// its shared form in one aligned environment.
	out, _, _ = runCLI("", "--json", strings.Repeat("sin(", 400)+"x"+strings.Repeat(")", 400), "x")
	var d struct{ Result exprJSON }
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if tex := d.Result.LaTeX.String(); !strings.HasPrefix(tex, `\begin{aligned}&`) || !strings.Contains(tex, `\quad\text{where} \\ &u_{1} = \sin(`) || len(tex) > 100_000 {
		t.Errorf("the JSON latex of a 400-deep chain's derivative: %d bytes, %.200s", len(tex), tex)
	} else {
		display = append(display, tex)
	}
	if !strings.Contains(strings.Join(display, "\n"), `\begin{pmatrix}2 y & 2 x \\ 2 x & 6 y\end{pmatrix}`) {
		t.Errorf("hessian --latex is not the pmatrix expected:\n%s", strings.Join(display, "\n"))
	}
	dir := os.Getenv("SYMDIFF_KATEX")
	if dir == "" {
		if os.Getenv("SYMDIFF_KATEX_REQUIRED") != "" {
			t.Fatal("SYMDIFF_KATEX_REQUIRED is set but SYMDIFF_KATEX is not")
		}
		t.Skip("SYMDIFF_KATEX is not set: the KaTeX check did not run")
	}
	type entry struct {
		TeX     string `json:"tex"`
		Display bool   `json:"display"`
	}
	var es []entry
	for _, s := range display {
		es = append(es, entry{s, true}, entry{s, false})
	}
	data, _ := json.Marshal(es)
	file := filepath.Join(t.TempDir(), "corpus.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs(filepath.Join("..", "..", "latex", "testdata", "katex_check.js"))
	out2, err := exec.Command("node", script, dir, file).CombinedOutput()
	t.Logf("%s", out2)
	if err != nil {
		t.Fatalf("KaTeX rejected some of the %d strings: %v", len(es), err)
	}
}
