package cli

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodegenCommand checks symdiff codegen: the function of each
// language and mode, --out, --json, and the usage errors.
func TestCodegenCommand(t *testing.T) {
	for _, tc := range []struct {
		argv []string
		want []string
	}{
		{[]string{"codegen", "--lang", "go", "--grad", "--package", "nn", "--name", "Loss", "sigmoid(w*x)", "w", "x"},
			[]string{"package nn", "func Loss(in, out []float64)", "out[2] = ", "func lossSigmoid(x float64) float64"}},
		{[]string{"codegen", "--lang", "c", "--jacobian", "x*y; x + y", "x", "y"},
			[]string{"void f(const double *in, double *out)", "out[5] = ", "#include <math.h>"}},
		{[]string{"codegen", "--lang", "js", "--hessian", "x^2*y", "x", "y"},
			[]string{"export function f(inArray, outArray = new Float64Array(5))"}},
		{[]string{"codegen", "--lang", "numpy", "--raw", "--grad", "erf(x)"},
			[]string{"def f(*args):", "import math", "return out[0], out[1:]"}},
		{[]string{"codegen", "--lang", "c", "x^2 + 1"}, []string{"out[0] = "}},
	} {
		out, errOut, status := runCLI("", tc.argv...)
		if status != 0 {
			t.Errorf("%q: status %d, stderr %s", tc.argv, status, errOut)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: no %q in\n%s", tc.argv, w, out)
			}
		}
		if tc.argv[2] == "go" {
			if _, err := parser.ParseFile(token.NewFileSet(), "f.go", out, 0); err != nil {
				t.Errorf("%q: the Go does not parse: %v", tc.argv, err)
			}
		}
	}

	file := filepath.Join(t.TempDir(), "f.go")
	out, errOut, status := runCLI("", "codegen", "--lang", "go", "--out", file, "sin(x)", "x")
	if b, err := os.ReadFile(file); status != 0 || out != "" || err != nil || !strings.Contains(string(b), "math.Sin(r0)") {
		t.Errorf("--out: status %d, stdout %q, stderr %q, file %q (%v)", status, out, errOut, b, err)
	}

	out, _, status = runCLI("", "codegen", "--json", "--lang", "js", "--grad", "x*y", "x", "y")
	var r codegenResult
	if err := json.Unmarshal([]byte(out), &r); status != 0 || err != nil || r.Mode != "grad" || r.Lang != "js" || len(r.Vars) != 2 || !strings.Contains(r.Code, "export function f") {
		t.Errorf("--json: status %d, %v, %+v", status, err, r)
	}

	for _, tc := range []struct {
		argv []string
		want string
	}{
		{[]string{"codegen", "x"}, "missing --lang"},
		{[]string{"codegen", "--lang", "fortran", "x"}, "not go, c, js or numpy"},
		{[]string{"codegen", "--lang", "c", "--package", "p", "x"}, "--package is for --lang go"},
		{[]string{"codegen", "--lang", "c", "--grad", "--hessian", "x"}, "cannot be used together"},
		{[]string{"codegen", "--lang", "c", "--grad", "x; y", "x", "y"}, "--grad takes one expression"},
		{[]string{"codegen", "--lang", "c", "--name", "double", "x"}, "cannot name"},
		{[]string{"codegen", "--lang", "c"}, "missing the expression"},
	} {
		_, errOut, status := runCLI("", tc.argv...)
		if status != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: status %d, stderr %q; want 2 and %q", tc.argv, status, errOut, tc.want)
		}
	}
}
