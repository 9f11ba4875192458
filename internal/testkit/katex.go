package testkit

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// KaTeX writes the inline strings and display strings to a corpus file and
// renders them with node and KaTeX (latex/testdata/katex_check.js), when
// the environment variable SYMDIFF_KATEX names a folder where katex is
// installed. Without it, the check is logged as not run, or fails the test
// when SYMDIFF_KATEX_REQUIRED is set. An inline string must be one line.
func KaTeX(t testing.TB, inline, display []string) {
	t.Helper()
	dir := os.Getenv("SYMDIFF_KATEX")
	if dir == "" {
		if os.Getenv("SYMDIFF_KATEX_REQUIRED") != "" {
			t.Fatal("SYMDIFF_KATEX_REQUIRED is set but SYMDIFF_KATEX is not")
		}
		t.Log("SYMDIFF_KATEX is not set: the KaTeX check did not run")
		return
	}
	type entry struct {
		TeX     string `json:"tex"`
		Display bool   `json:"display"`
	}
	var es []entry
	for _, s := range inline {
		if strings.Contains(s, "\n") {
			t.Errorf("LaTeX spans lines: %q", s)
		}
		es = append(es, entry{s, false})
	}
	for _, s := range display {
		es = append(es, entry{s, true})
	}
	data, err := json.Marshal(es)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "corpus.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", KaTeXScript(t), dir, file).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("KaTeX rejected some of the %d strings: %v", len(es), err)
	}
}

// KaTeXScript is the path of latex/testdata/katex_check.js, the script KaTeX
// runs, found from this file's place in the module.
func KaTeXScript(t testing.TB) string {
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testkit: cannot find its own source file")
	}
	return filepath.Join(filepath.Dir(self), "..", "..", "latex", "testdata", "katex_check.js")
}
