package stress

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// buildCLI builds cmd/symdiff into a temporary folder once per run of the
// package's tests and returns its path.
func buildCLI(t *testing.T) string {
	t.Helper()
	cli.once.Do(func() {
		dir, err := os.MkdirTemp("", "symdiff-stress-")
		if err != nil {
			cli.err = err
			return
		}
		cli.dir = dir
		cli.bin = filepath.Join(dir, "symdiff")
		if runtime.GOOS == "windows" {
			cli.bin += ".exe"
		}
		out, err := exec.Command("go", "build", "-o", cli.bin, "github.com/symdiff/symdiff/cmd/symdiff").CombinedOutput()
		if err != nil {
			cli.err = fmt.Errorf("go build cmd/symdiff: %v\n%s", err, out)
		}
	})
	if cli.err != nil {
		t.Fatal(cli.err)
	}
	return cli.bin
}

// cli is the binary buildCLI built; TestMain removes its folder.
var cli struct {
	once     sync.Once
	dir, bin string
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if cli.dir != "" {
		os.RemoveAll(cli.dir)
	}
	os.Exit(code)
}

// A cliCase runs symdiff with args (and stdin) and checks the exit status,
// what standard output holds, and what standard error says.
type cliCase struct {
	name   string
	args   []string
	stdin  string
	status int
	stdout string   // the exact output (trailing newline trimmed), if not empty
	stderr []string // substrings of standard error
}

// TestCLIPathological runs pathological inputs through a freshly built
// symdiff: every one ends with a result (status 0) or a clear error naming
// the limit and the flag that raises it (status 1), never a crash (status
// 2 only for usage errors, and no Go stack trace).
func TestCLIPathological(t *testing.T) {
	bin := buildCLI(t)
	deepParens := strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000)
	chain := strings.Repeat("sin(", 10000) + "x" + strings.Repeat(")", 10000)
	cases := []cliCase{
		{name: "power 1000", args: []string{"(x+1)^1000", "x"}, stdout: "1000*(x + 1)^999"},
		{name: "simplify power 1000", args: []string{"simplify", "(x+1)^1000"}, stdout: "(x + 1)^1000"},
		{name: "x^(10^9)", args: []string{"x^(10^9)", "x"}, stdout: "1000000000*x^999999999"},
		{name: "3^(10^9)", args: []string{"3^(10^9)", "x"}, status: 1, stderr: []string{"too large", "--max-number-bits"}},
		{name: "100k parentheses", args: []string{"-", "x"}, stdin: deepParens, status: 1, stderr: []string{"nested too deeply", "MaxDepth", "--max-depth"}},
		{name: "max-bytes", args: []string{"--max-bytes", "10", "x+x+x+x+x+x+x", "x"}, status: 1, stderr: []string{"input is too long", "--max-bytes"}},
		{name: "input over 1 MiB", args: []string{"-", "x"}, stdin: strings.Repeat("x+", 600000) + "x", status: 1, stderr: []string{"too long", "--max-bytes"}},
		{name: "deep chain", args: []string{"eval", "-", "x=0.5"}, stdin: chain, status: 1, stderr: []string{"MaxDepth", "--max-depth"}},
		{name: "deep chain raised", args: []string{"eval", "--max-depth", "20000", "-", "x=0.5"}, stdin: chain},
		{name: "division by zero", args: []string{"0^-1", "x"}, status: 1, stderr: []string{"division by zero"}},
		{name: "sqrt(-1)", args: []string{"eval", "sqrt(-1)"}, status: 1, stderr: []string{"domain error: sqrt(-1) is not a real number"}},
		{name: "log(0)", args: []string{"eval", "log(0)"}, status: 1, stderr: []string{"domain error: log(0) is undefined"}},
		{name: "1e400", args: []string{"eval", "1e400*x", "x=1"}, status: 1, stderr: []string{"overflow: the number 1000000000... (401 characters) is beyond the largest float64"}},
		{name: "order 2000", args: []string{"-n", "2000", "x", "x"}, status: 2, stderr: []string{"at most 1000"}},
		{name: "timeout", args: []string{"--timeout", "1ns", "sigmoid(sigmoid(x))", "x"}, status: 1, stderr: []string{"--timeout"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCLICase(t, bin, c) })
	}
}

func runCLICase(t *testing.T, bin string, c cliCase) {
	t.Helper()
	cmd := exec.Command(bin, c.args...)
	cmd.Stdin = strings.NewReader(c.stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	short := func(s string) string {
		if len(s) > 300 {
			return s[:300] + "..."
		}
		return s
	}
	if status != c.status {
		t.Errorf("status %d, want %d\nstdout: %s\nstderr: %s", status, c.status, short(stdout.String()), short(stderr.String()))
	}
	if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic:") {
		t.Errorf("a Go stack trace on stderr:\n%s", short(stderr.String()))
	}
	if got := strings.TrimRight(stdout.String(), "\n"); c.stdout != "" && got != c.stdout {
		t.Errorf("stdout %q, want %q", short(got), c.stdout)
	}
	if c.status != 0 && stdout.Len() != 0 {
		t.Errorf("an error with output on stdout: %q", short(stdout.String()))
	}
	for _, s := range c.stderr {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("stderr does not say %q:\n%s", s, short(stderr.String()))
		}
	}
}
