package cli

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
	"github.com/symdiff/symdiff/internal/oneproc"
	"github.com/symdiff/symdiff/web"
)

// These tests run the built binary, as a user does, with its helpers
// symdiff-plot and symdiff-serve beside it: by default the three that go
// install keeps up to date in a folder of the user's cache (cmdDir, see
// installCommands), so that a warm run links nothing and runs one go
// command; under SYMDIFF_LONG symdiff is built with go build into a
// temporary folder (TestMain removes it), to record the VCS revision.

var (
	cmdDir  string // symdiff, symdiff-plot and symdiff-serve, from TestMain
	plotter string // symdiff-plot in cmdDir
	tempCmd bool   // cmdDir is temporary: TestMain removes it

	binOnce sync.Once
	binPath string
	binDir  string // the temporary folder of go build's symdiff
	binErr  error
)

// GOMAXPROCS as TestMain found it, before and after oneproc.Release.
var procsBefore, procsAfter int

func TestMain(m *testing.M) {
	// Importing internal/oneproc set GOMAXPROCS to 1 before package
	// testing read it as -test.parallel's default, so the tests marked
	// t.Parallel (most run the built binary, go or symdiff-plot and wait on
	// them) would run one at a time. They get the processors a longer
	// command gets, and run as many at a time, unless -test.parallel says
	// otherwise.
	flag.Parse()
	procsBefore = runtime.GOMAXPROCS(0)
	oneproc.Release()
	procsAfter = runtime.GOMAXPROCS(0)
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		flag.Set("test.parallel", strconv.Itoa(runtime.GOMAXPROCS(0)))
	}
	// The in-process runs of symdiff site write the site as symdiff-serve
	// does.
	SetServer(Server{WriteSite: web.WriteSite})
	// The in-process runs of symdiff plot find symdiff-plot in PATH.
	var err error
	if cmdDir, tempCmd, err = installCommands(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	plotter = filepath.Join(cmdDir, "symdiff-plot")
	os.Setenv("PATH", cmdDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	if tempCmd {
		os.RemoveAll(cmdDir)
	}
	os.Exit(code)
}

// TestOneprocRelease is internal/oneproc's test, here because this test
// binary imports the package and TestMain releases it (one test binary
// fewer to link): importing it set GOMAXPROCS to 1 while packages were
// initialised, and Release gave the runtime's value back.
func TestOneprocRelease(t *testing.T) {
	if oneproc.Procs() < 1 {
		t.Fatalf("Procs() = %d, want at least 1", oneproc.Procs())
	}
	if procsBefore != 1 {
		t.Errorf("GOMAXPROCS before Release = %d, want 1", procsBefore)
	}
	if procsAfter != oneproc.Procs() {
		t.Errorf("GOMAXPROCS after Release = %d, want Procs() = %d", procsAfter, oneproc.Procs())
	}
	before := runtime.GOMAXPROCS(0)
	oneproc.Release() // a second call changes nothing
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("a second Release changed GOMAXPROCS from %d to %d", before, got)
	}
}

// installCommands installs symdiff, symdiff-plot and symdiff-serve with
// one go install into a folder of the user's cache named after this
// clone's path, and returns the folder. go install links a program only
// when what it is built from changed (it compares the build ID of the
// file there), so a warm run links nothing, where go build would link
// all three. -buildvcs=false: the revision would change the build ID at
// every commit, and reading it runs git. Without a cache folder the
// programs go to a temporary folder (temp is true) that the caller
// removes.
func installCommands() (dir string, temp bool, err error) {
	root, err := filepath.Abs("../..")
	if err != nil {
		return "", false, err
	}
	if cache, err := os.UserCacheDir(); err == nil {
		sum := sha256.Sum256([]byte(root))
		dir = filepath.Join(cache, "symdiff-test", hex.EncodeToString(sum[:8]))
	} else if dir, err = os.MkdirTemp("", "symdiff-bin"); err != nil {
		return "", false, err
	} else {
		temp = true
	}
	cmd := exec.Command("go", "install", "-buildvcs=false", "../../cmd/symdiff", "../../cmd/symdiff-plot", "../../cmd/symdiff-serve")
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", temp, fmt.Errorf("GOBIN=%s go install ./cmd/symdiff ./cmd/symdiff-plot ./cmd/symdiff-serve: %v\n%s", dir, err, out)
	}
	return dir, temp, nil
}

// binary returns the path of the built symdiff: the one in cmdDir, and
// under SYMDIFF_LONG one go build makes on first use, as a user does, with
// the VCS revision for --version to print.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		if !long.Enabled() {
			binPath = filepath.Join(cmdDir, "symdiff")
			return
		}
		if binDir, binErr = os.MkdirTemp("", "symdiff-bin"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "symdiff")
		// -buildvcs=auto overrides a -buildvcs=false in GOFLAGS, so
		// that a build in a git clone records the revision --version
		// prints.
		if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", binPath, "../../cmd/symdiff").CombinedOutput(); err != nil {
			binErr = errors.New("go build: " + err.Error() + "\n" + string(out))
			return
		}
		// symdiff plot finds symdiff-plot next to symdiff, and symdiff
		// serve and site symdiff-serve.
		for _, helper := range []string{"symdiff-plot", "symdiff-serve"} {
			if binErr = os.Symlink(filepath.Join(cmdDir, helper), filepath.Join(binDir, helper)); binErr != nil {
				return
			}
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runBinary runs the built symdiff and returns its output and exit status.
func runBinary(t *testing.T, stdin string, argv ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(binary(t), argv...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		status = ee.ExitCode()
	case err != nil:
		t.Fatalf("running symdiff %q: %v", argv, err)
	}
	return out.String(), errb.String(), status
}

// Every trap of issue 14 through the built binary: the same table as
// TestTraps. "stdout full" writes to /dev/full. TestTraps runs every case
// in-process, through the function the binary's main calls; what the
// binary adds is its wiring (a real standard input, the exit status,
// /dev/full), so by default it runs the cases that read standard input or
// write to /dev/full and the first case of each exit status, and under
// SYMDIFF_LONG every case.
func TestBinaryTraps(t *testing.T) {
	t.Parallel()
	statuses := map[int]bool{}
	for _, tt := range trapCases {
		if !long.Enabled() && tt.stdin == "" && tt.name != "stdout full" && statuses[tt.status] {
			continue
		}
		statuses[tt.status] = true
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut string
			var status int
			if tt.name == "stdout full" {
				full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
				if err != nil {
					t.Skip("no /dev/full here")
				}
				defer full.Close()
				cmd := exec.Command(binary(t), tt.argv...)
				var errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = full, &errb
				err = cmd.Run()
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					status = ee.ExitCode()
				}
				errOut = errb.String()
				if status != 1 || !strings.Contains(errOut, "writing standard output") || !strings.Contains(errOut, "no space left on device") {
					t.Errorf("> /dev/full: status %d, stderr %q", status, errOut)
				}
				return
			}
			out, errOut, status = runBinary(t, tt.stdin, tt.argv...)
			if status != tt.status {
				t.Errorf("status %d, want %d; stdout %q, stderr %q", status, tt.status, out, errOut)
			}
			if tt.out != "-" && out != tt.out {
				t.Errorf("stdout %q, want %q (stderr %q)", out, tt.out, errOut)
			}
			if tt.outHas != "" && !strings.Contains(out, tt.outHas) {
				t.Errorf("stdout lacks %q:\n%s", tt.outHas, out)
			}
			if tt.errHas == "" && errOut != "" || !strings.Contains(errOut, tt.errHas) {
				t.Errorf("stderr %q, want it to contain %q", errOut, tt.errHas)
			}
		})
	}
}

// The batch example of issue 14: three JSON lines in order, the third an
// error object with its line and column.
func TestBinaryBatch(t *testing.T) {
	t.Parallel()
	out, errOut, status := runBinary(t, "x^2\nsin(x)\nbad)(\n", "batch", "x")
	if status != 1 || !strings.Contains(errOut, "lines failed: 1") {
		t.Errorf("status %d (want 1: a line failed), stderr %q", status, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	var objs [3]map[string]any
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &objs[i]); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, l)
		}
	}
	for i, want := range []string{"2*x", "cos(x)"} {
		r, _ := objs[i]["result"].(map[string]any)
		if objs[i]["line"] != float64(i+1) || r["text"] != want || r["latex"] == "" {
			t.Errorf("line %d: %s, want the result %s", i+1, lines[i], want)
		}
	}
	e, _ := objs[2]["error"].(map[string]any)
	if e == nil || e["line"] != float64(3) || e["column"] != float64(4) || e["kind"] != "syntax" || e["message"] == "" {
		t.Errorf("line 3: %s, want an error object at line 3, column 4", lines[2])
	}
}

// Many lines keep their order though they are worked on in parallel.
func TestBinaryBatchOrder(t *testing.T) {
	t.Parallel()
	var in strings.Builder
	const n = 500
	for i := range n {
		in.WriteString([]string{"x^2", "sin(x)*x", "exp(2*x)", "1/(1+exp(-x))", "log(x"}[i%5] + "\n")
	}
	out, _, status := runBinary(t, in.String(), "batch", "--workers", "2", "x")
	if status != 1 {
		t.Errorf("status %d, want 1 (every fifth line is bad)", status)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	for i, l := range lines {
		var o struct {
			Line   int
			Result struct{ Text string }
			Error  *errorBody
		}
		if err := json.Unmarshal([]byte(l), &o); err != nil || o.Line != i+1 {
			t.Fatalf("line %d: %v %s", i+1, err, l)
		}
		want := []string{"2*x", "x*cos(x) + sin(x)", "2*exp(2*x)", "sigmoid(x)*(1 - sigmoid(x))", ""}[i%5]
		if (want == "") != (o.Error != nil) || o.Result.Text != want {
			t.Errorf("line %d: %s, want %q", i+1, l, want)
		}
	}
}

// equal and --answer through the binary, with their exit statuses.
func TestBinaryEqualAndAnswer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		argv   []string
		status int
		outRE  string
	}{
		{[]string{"equal", "sin(x)^2", "1 - cos(x)^2"}, 0, `^equal \(proven\)\n$`},
		{[]string{"equal", "sqrt(x^2)", "x"}, 1, `^different: at x=-[0-9.]+, sqrt\(x\^2\) = [0-9.]+ and x = -[0-9.]+\n$`},
		{[]string{"equal", "sqrt(x^2)", "abs(x)"}, 0, `^equal`},
		{[]string{"equal", "x+", "x"}, 2, `^$`},
		{[]string{"equal", "x"}, 2, `^$`},
		{[]string{"x^3", "x", "--answer", "3x^2"}, 0, `^right: 3x\^2 is the derivative of x\^3`},
		{[]string{"x^3", "x", "--answer", "3x"}, 1, `^wrong: 3x is not the derivative of x\^3 with respect to x: at x=\S+ the derivative is \S+, the answer \S+\n$`},
		{[]string{"x^3", "x", "--answer", "3x)"}, 2, `^$`},
		{[]string{"--json", "equal", "sqrt(x^2)", "x"}, 2, `"kind":"usage"`}, // flags come after the command
		{[]string{"equal", "--json", "sqrt(x^2)", "x"}, 1, `"verdict":"different","points":\d+,"witness":\{"point":\{"x":-`},
	}
	for _, tt := range tests {
		out, errOut, status := runBinary(t, "", tt.argv...)
		if status != tt.status || !regexp.MustCompile(tt.outRE).MatchString(out) {
			t.Errorf("symdiff %q: status %d (want %d), stdout %q (want %s), stderr %q", tt.argv, status, tt.status, out, tt.outRE, errOut)
		}
	}
}

// --json, COMMAND --help and --version through the binary.
func TestBinaryJSONHelpVersion(t *testing.T) {
	t.Parallel()
	out, _, status := runBinary(t, "", "--json", "bad)(", "x")
	if status != 1 || out != `{"error":{"message":"unexpected ')' with no matching '('","line":1,"column":4,"kind":"syntax"}}`+"\n" {
		t.Errorf("--json error: status %d, %q", status, out)
	}
	out, _, status = runBinary(t, "", "hessian", "--help")
	if status != 0 || !strings.HasPrefix(out, "Usage: symdiff hessian") || strings.Contains(out, "Commands:") || strings.Contains(out, "--steps") {
		t.Errorf("hessian --help: status %d\n%s", status, out)
	}
	out, _, status = runBinary(t, "", "--version")
	if status != 0 || !strings.HasPrefix(out, "symdiff ") {
		t.Errorf("--version: status %d, %q", status, out)
	}
	// The revision is the one the build information holds (none when the
	// build was made with -buildvcs=false or outside a repository), read
	// as go version -m reads it.
	info, err := buildinfo.ReadFile(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(info.Settings, func(s debug.BuildSetting) bool { return s.Key == "vcs.revision" }); i >= 0 {
		if rev := info.Settings[i].Value; !strings.Contains(out, "revision "+rev) {
			t.Errorf("--version %q lacks the revision %s of the build information", out, rev)
		}
	} else {
		t.Logf("the build information has no VCS revision; --version printed %q", out)
	}
}
