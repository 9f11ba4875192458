package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/plot"
)

func TestRun(t *testing.T) {
	fig, err := plot.Derivatives(parser.MustParse("tan(x)"), "x", plot.Options{Tangent: true, At: 1})
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := fig.Encode(&js); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		argv   []string
		stdin  string
		status int
		stdout string // a prefix
		stderr string // a part
		file   string // written, starting with stdout
	}{
		{[]string{"--format", "svg"}, js.String(), 0, "<?xml", "", ""},
		{[]string{"--format=pdf"}, js.String(), 0, "%PDF-", "", ""},
		{[]string{"-o", filepath.Join(dir, "a.png")}, js.String(), 0, "", "", "a.png"},
		{[]string{"-o=" + filepath.Join(dir, "a.svg")}, js.String(), 0, "", "", "a.svg"},
		{[]string{"--help"}, "", 0, "usage: symdiff-plot", "", ""},
		{nil, js.String(), 2, "", "give -o FILE or --format", ""},
		{[]string{"--format", "jpg"}, js.String(), 2, "", "svg, png or pdf", ""},
		{[]string{"-o", "a.jpg"}, js.String(), 2, "", ".svg, .png or .pdf", ""},
		{[]string{"-o", "a.svg", "--format", "svg"}, js.String(), 2, "", "not both", ""},
		{[]string{"-o"}, js.String(), 2, "", "-o wants a value", ""},
		{[]string{"tan(x)", "x"}, "", 2, "", `unknown argument "tan(x)"`, ""},
		{[]string{"--format", "svg"}, "tan(x)", 1, "", "reading a figure", ""},
		{[]string{"-o", filepath.Join(dir, "no", "a.svg")}, js.String(), 1, "", "no such file", ""},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		st := run(tt.argv, strings.NewReader(tt.stdin), &out, &errb)
		if st != tt.status || !strings.HasPrefix(out.String(), tt.stdout) || !strings.Contains(errb.String(), tt.stderr) || (tt.status != 0) != (errb.Len() > 0) {
			t.Errorf("symdiff-plot %q: status %d, stdout %.20q, stderr %q; want %d, %q, %q", tt.argv, st, out.String(), errb.String(), tt.status, tt.stdout, tt.stderr)
		}
		if tt.file != "" {
			if b, err := os.ReadFile(filepath.Join(dir, tt.file)); err != nil || len(b) < 1000 {
				t.Errorf("symdiff-plot %q: %v, %d bytes", tt.argv, err, len(b))
			}
		}
	}
}
