package cli

// Pathological inputs through the built binary, and a regression test of
// reading standard input; moved here from internal/stress so that the
// default test run builds the binary once.

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

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

// TestCLIPathological runs pathological inputs through the built symdiff: every one ends with a result (status 0) or a clear error naming
// the limit and the flag that raises it (status 1), never a crash (status
// 2 only for usage errors, and no Go stack trace).
func TestCLIPathological(t *testing.T) {
	t.Parallel()
	bin := binary(t)
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
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runCLICase(t, bin, c)
		})
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

// TestCLIStdinRespectsMaxBytes: with --max-bytes raised above 1 MiB, an
// expression read from standard input is read whole.
//
// Before the fix (01dcc8b) readExpr in cmd/symdiff/main.go (now internal/cli) read at most 1 MiB + 1
// bytes of standard input whatever --max-bytes said, so a longer input was
// cut short and, where the cut left a valid expression, symdiff printed
// the answer for that prefix with status 0: here "1" instead of "2"
// (and 524289 instead of 1000000 for a sum of a million x's).
func TestCLIStdinRespectsMaxBytes(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	src := "x" + strings.Repeat(" ", 1<<20+100) + "+ x"
	runCLICase(t, bin, cliCase{args: []string{"--max-bytes", "3000000", "-", "x"}, stdin: src, stdout: "2"})
}
