//go:build !js

package cli

import (
	"bytes"
	"debug/elf"
	"debug/gosym"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/plot"
)

// depsOf holds what goListDeps reads: the packages each of listed links,
// by directory, from one go list.
var (
	depsOnce sync.Once
	depsOf   map[string][]string
	depsErr  error
)

// listed are the packages goListDeps knows, relative to this directory.
var listed = []string{"../../cmd/symdiff", "../../cmd/symdiff-plot", "../../cmd/symdiff-serve", "../../plot", "."}

// goListDeps returns the packages pkg (one of listed) links, as go list
// -deps does but without pkg itself.
func goListDeps(t *testing.T, pkg string) []string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go list")
	}
	depsOnce.Do(func() {
		out, err := exec.Command("go", append([]string{"list", "-f", "{{.Dir}}\t{{join .Deps \" \"}}"}, listed...)...).Output()
		if err != nil {
			depsErr = fmt.Errorf("go list %s: %v", strings.Join(listed, " "), err)
			return
		}
		depsOf = map[string][]string{}
		for line := range strings.Lines(string(out)) {
			dir, deps, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
			depsOf[dir] = strings.Fields(deps)
		}
	})
	if depsErr != nil {
		t.Fatal(depsErr)
	}
	dir, err := filepath.Abs(pkg)
	if err != nil {
		t.Fatal(err)
	}
	deps, ok := depsOf[dir]
	if !ok {
		t.Fatalf("go list gave nothing for %s (%s): add it to listed", pkg, dir)
	}
	return deps
}

// exePackages holds what linkedPackages read, by executable.
var exePackages sync.Map // string -> []string

// linkedPackages returns the packages that have code in the Go executable
// exe, from the function table it keeps even stripped (.gopclntab): what
// it links, but for a package the linker dropped whole (no code is
// reached, not even an init), which costs a command nothing.
func linkedPackages(t *testing.T, exe string) []string {
	t.Helper()
	if pkgs, ok := exePackages.Load(exe); ok {
		return pkgs.([]string)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pcln, text := f.Section(".gopclntab"), f.Section(".text")
	if pcln == nil || text == nil {
		t.Fatalf("%s has no .gopclntab or .text section", exe)
	}
	b, err := pcln.Data()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := gosym.NewTable(nil, gosym.NewLineTable(b, text.Addr))
	if err != nil {
		t.Fatalf("%s: %v", exe, err)
	}
	seen := map[string]bool{}
	for _, fn := range tab.Funcs {
		seen[fn.PackageName()] = true
	}
	pkgs := slices.Sorted(maps.Keys(seen))
	exePackages.Store(exe, pkgs)
	return pkgs
}

// deps returns the packages pkg (one of listed) links and how that was
// found. Under SYMDIFF_LONG, and where executables are not ELF, it asks go
// list (goListDeps); otherwise it reads the executables the tests run
// (linkedPackages), which takes no go command: a command's own, and for a
// library symdiff's, once it is seen to link the library. A library's
// packages are then a superset of its own, which the checks below, that
// it links none of some packages, may use.
func deps(t *testing.T, pkg string) (pkgs []string, how string) {
	t.Helper()
	if long.Enabled() || runtime.GOOS != "linux" {
		return goListDeps(t, pkg), "go list -deps " + pkg
	}
	bin := binary(t)
	exe := map[string]string{
		"../../cmd/symdiff":       bin,
		"../../cmd/symdiff-plot":  plotter,
		"../../cmd/symdiff-serve": filepath.Join(filepath.Dir(bin), "symdiff-serve"),
		"../../plot":              bin,
		".":                       bin,
	}[pkg]
	if exe == "" {
		t.Fatalf("deps knows no executable that links %s", pkg)
	}
	pkgs = linkedPackages(t, exe)
	if lib := map[string]string{"../../plot": "github.com/symdiff/symdiff/plot", ".": "github.com/symdiff/symdiff/internal/cli"}[pkg]; lib != "" && !slices.Contains(pkgs, lib) {
		t.Fatalf("the symdiff executable has no code of %s: the check cannot see what %s links", lib, pkg)
	}
	return pkgs, "the function table of " + filepath.Base(exe)
}

// The symdiff binary links no gonum and no go-latex: their packages parse
// fonts when a program starts, which every command would pay for. The
// drawing is symdiff-plot's, which does link them (so the check sees
// them where they are).
func TestNoGonumInSymdiff(t *testing.T) {
	t.Parallel()
	heavy := func(p string) bool {
		return strings.HasPrefix(p, "gonum.org/") || strings.HasPrefix(p, "codeberg.org/go-latex/")
	}
	if deps, how := deps(t, "../../cmd/symdiff"); slices.ContainsFunc(deps, heavy) {
		t.Errorf("cmd/symdiff links %s (%s): draw plots in cmd/symdiff-plot, sample them with package plot", deps[slices.IndexFunc(deps, heavy)], how)
	}
	if deps, how := deps(t, "../../plot"); slices.ContainsFunc(deps, heavy) {
		t.Errorf("package plot links %s (%s): it is symdiff's and the web page's, and must stay gonum-free", deps[slices.IndexFunc(deps, heavy)], how)
	}
	if deps, how := deps(t, "../../cmd/symdiff-plot"); !slices.ContainsFunc(deps, heavy) {
		t.Errorf("cmd/symdiff-plot links no gonum (%s): the check above cannot see it", how)
	}
}

// Nor does the symdiff binary link net/http or crypto/tls, whose
// initialisation (with crypto/fips140's) every command would pay for:
// symdiff serve and site are symdiff-serve's, which links them (package
// web), so the check sees them where they are.
func TestNoNetHTTPInSymdiff(t *testing.T) {
	t.Parallel()
	heavy := func(p string) bool { return p == "net/http" || p == "crypto/tls" }
	for _, pkg := range []string{"../../cmd/symdiff", "."} {
		if deps, how := deps(t, pkg); slices.ContainsFunc(deps, heavy) {
			t.Errorf("%s links %s (%s): the web server is cmd/symdiff-serve's (cli.SetServer)", pkg, deps[slices.IndexFunc(deps, heavy)], how)
		}
	}
	if deps, how := deps(t, "../../cmd/symdiff-serve"); !slices.ContainsFunc(deps, heavy) {
		t.Errorf("cmd/symdiff-serve links no net/http (%s): the check above cannot see it", how)
	}
}

// findHelper looks next to symdiff's executable, then in PATH, then runs
// the module's cmd/symdiff-plot with go run when the directory is inside
// symdiff's module and go is installed; otherwise it says how to install.
func TestFindPlotter(t *testing.T) {
	dir := t.TempDir()
	write := func(path, text string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clone := filepath.Join(dir, "clone")
	write(filepath.Join(clone, "go.mod"), "// symdiff\nmodule github.com/symdiff/symdiff\n\ngo 1.26\n")
	write(filepath.Join(clone, "docs", "plot", "x"), "")
	other := filepath.Join(dir, "other")
	write(filepath.Join(other, "go.mod"), "module example.com/other\n")
	write(filepath.Join(other, "sub", "go.mod"), "module \"github.com/symdiff/symdiff/sub\"\n")
	nested := filepath.Join(clone, "vendored")
	write(filepath.Join(nested, "go.mod"), "module example.com/vendored\n")

	exe := filepath.Join(dir, "bin", "symdiff")
	beside := filepath.Join(dir, "bin", "symdiff-plot")
	tests := []struct {
		name  string
		have  []string // the programs lookPath finds
		wd    string
		want  []string
		noErr bool
	}{
		{"beside symdiff", []string{beside, "symdiff-plot", "go"}, clone, []string{beside}, true},
		{"in PATH", []string{"symdiff-plot", "go"}, clone, []string{"/path/symdiff-plot"}, true},
		{"go run in a clone", []string{"go"}, filepath.Join(clone, "docs", "plot"), []string{"/path/go", "run", filepath.Join(clone, "cmd", "symdiff-plot")}, true},
		{"go run at the clone's root", []string{"go"}, clone, []string{"/path/go", "run", filepath.Join(clone, "cmd", "symdiff-plot")}, true},
		{"another module", []string{"go"}, other, nil, false},
		{"a module named like it", []string{"go"}, filepath.Join(other, "sub"), nil, false},
		{"a module inside the clone", []string{"go"}, nested, nil, false},
		{"outside any module", []string{"go"}, dir, nil, false},
		{"no go", nil, clone, nil, false},
	}
	for _, tt := range tests {
		lookPath := func(name string) (string, error) {
			if slices.Contains(tt.have, name) {
				if filepath.IsAbs(name) {
					return name, nil
				}
				return "/path/" + name, nil
			}
			return "", exec.ErrNotFound
		}
		got, err := findHelper(plotterName, "the plot is drawn", exe, tt.wd, lookPath)
		if !slices.Equal(got, tt.want) || (err == nil) != tt.noErr {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), "go install github.com/symdiff/symdiff/cmd/...") {
			t.Errorf("%s: the error %q does not say how to install symdiff-plot", tt.name, err)
		}
	}
}

// symdiff passes on what symdiff-plot writes on standard error and exits
// with its status; a symdiff-plot that is missing is an error that says
// how to install it.
func TestPlotterStatus(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a shell script stands for symdiff-plot")
	}
	dir := t.TempDir()
	fake := "#!/bin/sh\nwhile read -r _; do :; done\necho 'symdiff-plot: the disk is on fire' >&2\nexit 3\n"
	if err := os.WriteFile(filepath.Join(dir, "symdiff-plot"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	_, errOut, st := runCLI("", "plot", "x^2", "x", "-o", filepath.Join(dir, "a.svg"))
	if st != 3 || errOut != "symdiff: symdiff-plot: the disk is on fire\n" {
		t.Errorf("status %d, stderr %q; want 3 and symdiff-plot's message", st, errOut)
	}
	_, errOut, st = runCLI("", "--markdown", "--plot", filepath.Join(dir, "a.svg"), "x^2", "x")
	if st != 3 || errOut != "symdiff: symdiff-plot: the disk is on fire\n" {
		t.Errorf("--markdown --plot: status %d, stderr %q; want 3 and symdiff-plot's message", st, errOut)
	}
	out, _, st := runCLI("", "plot", "--json", "x^2", "x")
	if st != 3 || !strings.Contains(out, `"message":"symdiff-plot: the disk is on fire"`) {
		t.Errorf("--json: status %d, %s", st, out)
	}

	// Outside the module, with no go and no symdiff-plot.
	t.Setenv("PATH", t.TempDir())
	t.Chdir(t.TempDir())
	_, errOut, st = runCLI("", "plot", "x^2", "x")
	if st != 1 || !strings.Contains(errOut, "go install github.com/symdiff/symdiff/cmd/...") {
		t.Errorf("without symdiff-plot: status %d, stderr %q", st, errOut)
	}
}

// The built symdiff finds symdiff-plot next to itself, with nothing in
// PATH.
func TestBinaryPlot(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	cmd := exec.Command(bin, "plot", "tan(x)", "x", "--at", "1")
	cmd.Env = append(os.Environ(), "PATH="+t.TempDir())
	cmd.Dir = t.TempDir()
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) || err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	wellFormed(t, string(out))
}

// TestSymdiffPlot runs symdiff-plot (the one TestMain put in PATH) on a
// figure symdiff sampled, and with wrong usage: the format by -o's
// extension or --format, the status (0, 1 when the figure cannot be read
// or the picture written, 2 for usage), and a message on standard error
// exactly when the status is not 0. (cmd/symdiff-plot has no tests of its
// own: its test binary would link gonum once more in go test ./....)
func TestSymdiffPlot(t *testing.T) {
	t.Parallel()
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
		cmd := exec.Command(plotter, tt.argv...)
		cmd.Stdin = strings.NewReader(tt.stdin)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		st := 0
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatal(err)
			}
			st = ee.ExitCode()
		}
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
