package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wellFormed fails unless s is well-formed XML (up to the end of its root
// element) with an svg root.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	var root struct{ XMLName xml.Name }
	if err := xml.Unmarshal([]byte(s), &root); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("the root element is %q, not svg", root.XMLName.Local)
	}
}

func TestPlotCommand(t *testing.T) {
	t.Parallel()
	out, errOut, st := runCLI("", "plot", "1/(1+exp(-x))", "x", "--at", "0")
	if st != 0 || errOut != "" {
		t.Fatalf("status %d, stderr %q", st, errOut)
	}
	wellFormed(t, out)

	dir := t.TempDir()
	for _, name := range []string{"tan.png", "tan.pdf", "tan.svg"} {
		file := filepath.Join(dir, name)
		out, errOut, st := runCLI("", "plot", "tan(x)", "x", "--from", "-2*pi", "--to", "2*pi", "-n", "2", "-o", file)
		if st != 0 || out != "" || errOut != "" {
			t.Fatalf("%s: status %d, stdout %q, stderr %q", name, st, out, errOut)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(name) {
		case ".png":
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case ".pdf":
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%s does not start as a PDF: %q", name, b[:min(len(b), 10)])
			}
		case ".svg":
			wellFormed(t, string(b))
		}
	}

	// --json: the ranges and curves, with the SVG when there is no -o.
	out, _, st = runCLI("", "plot", "log(x)", "--json")
	var r struct {
		Command  string
		Var      string
		From, To float64
		Clipped  bool
		Curves   []struct {
			Name   string
			Expr   struct{ Text string }
			Points int
			Jumps  []float64
		}
		SVG string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || st != 0 {
		t.Fatalf("status %d, %v: %s", st, err, out)
	}
	if r.Command != "plot" || r.Var != "x" || r.From != 0 || r.To != 5 || !r.Clipped || len(r.Curves) != 2 || r.Curves[1].Expr.Text != "1/x" || r.Curves[1].Points < 401 {
		t.Errorf("--json: %+v", r)
	}
	wellFormed(t, r.SVG)
}

func TestPlotErrors(t *testing.T) {
	tests := []struct {
		argv   []string
		status int
		stderr string
	}{
		{[]string{"plot"}, 2, "missing the expression"},
		{[]string{"plot", "x*y"}, 2, "which variable?"},
		{[]string{"plot", "x*y", "x"}, 1, "the variable y besides x"},
		{[]string{"plot", "x^2+", "x"}, 1, "    ^"},
		{[]string{"plot", "x^2", "x", "-o", "a.jpg"}, 2, "ending in .svg, .png or .pdf"},
		{[]string{"plot", "x^2", "x", "--from", "1"}, 2, "give both --from and --to"},
		{[]string{"plot", "x^2", "x", "--from", "1", "--to", "-1"}, 2, "the range is empty"},
		{[]string{"plot", "x^2", "x", "--from", "y", "--to", "1"}, 2, "has the variable y"},
		{[]string{"plot", "x^2", "x", "-n", "10"}, 2, "from 0 to 9"},
		{[]string{"plot", "x^2", "x", "--at", "y=1"}, 2, "a value of x"},
		{[]string{"plot", "log(x)", "x", "--at", "-1"}, 1, "not defined at x = -1"},
		{[]string{"plot", "x", "x", "y"}, 2, "one variable"},
		{[]string{"--plot", "a.svg", "x^2", "x"}, 2, "--plot goes with --markdown or --standalone"},
		{[]string{"--markdown", "--plot", "a.pdf", "x^2", "x"}, 2, ".svg or .png"},
		{[]string{"--standalone", "--plot", "a.svg", "x^2", "x"}, 2, "not SVG"},
		{[]string{"--markdown", "--plot", "a.svg", "x*y", "x", "y"}, 2, "one variable"},
	}
	for _, tt := range tests {
		_, errOut, st := runCLI("", tt.argv...)
		if st != tt.status || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("symdiff %s: status %d, stderr %q; want %d and %q", strings.Join(tt.argv, " "), st, errOut, tt.status, tt.stderr)
		}
	}
}

// --markdown and --standalone with --plot write the picture and show it.
func TestDerivationPlot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	svg := filepath.Join(dir, "sigmoid.svg")
	out, errOut, st := runCLI("", "--markdown", "--plot", svg, "1/(1+exp(-x))", "x")
	if st != 0 || errOut != "" {
		t.Fatalf("status %d, stderr %q", st, errOut)
	}
	if !strings.HasSuffix(out, "\n## Plot\n\n![1/(exp(-x) + 1) and its derivative over \\[-5, 5\\]]("+filepath.ToSlash(svg)+")\n") {
		t.Errorf("the Markdown does not end with the picture:\n%s", out[max(0, len(out)-300):])
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(b))

	pdf := filepath.Join(dir, "plot.pdf")
	out, errOut, st = runCLI("", "--standalone", "--plot", pdf, "-n", "2", "x^3", "x")
	if st != 0 || errOut != "" {
		t.Fatalf("status %d, stderr %q", st, errOut)
	}
	for _, want := range []string{"\\usepackage{graphicx}\n\\begin{document}", "\\includegraphics[width=\\linewidth]{" + filepath.ToSlash(pdf) + "}", "and its derivatives up to order 2", "\\end{figure}\n\\end{document}\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the LaTeX document lacks %q", want)
		}
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Error(err)
	}
}
