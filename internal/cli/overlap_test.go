package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestOverlappedChecks runs the derivative of inputs of overlapBytes and
// more, whose checks run beside the first derivative
// (diffInputOverlapped): the input's error comes out, not the derivative;
// the warnings about the variables are written; --stats counts the
// input's nodes; and with -n 0, no derivative, the checks are still
// waited for.
func TestOverlappedChecks(t *testing.T) {
	terms := make([]string, 8000)
	for i := range terms {
		terms[i] = fmt.Sprintf("a%d*x", i)
	}
	sum := strings.Join(terms, " + ")
	if len(sum) < overlapBytes {
		t.Fatalf("the input has %d bytes, fewer than overlapBytes", len(sum))
	}

	out, errOut, status := runCLI(sum+" + log(0)", "-", "x")
	if status != 1 || out != "" || !strings.Contains(errOut, "domain error: log(0) is undefined") {
		t.Errorf("log(0) in a large input: status %d, stdout %q, stderr %q", status, out, errOut)
	}

	out, errOut, status = runCLI(sum, "-", "z")
	if status != 0 || out != "0\n" || !strings.Contains(errOut, "warning: z does not occur in") {
		t.Errorf("z not in a large input: status %d, stdout %q, stderr %q", status, out, errOut)
	}

	out, _, status = runCLI(sum, "--json", "--stats", "-", "z")
	var res struct {
		Warnings []string `json:"warnings"`
		Stats    struct {
			InputDAG int `json:"input_dag"`
		} `json:"stats"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || status != 0 {
		t.Fatalf("--json --stats: status %d, %v\n%.300s", status, err, out)
	}
	if want := symbolic.Size(parser.MustParse(sum)); res.Stats.InputDAG != want {
		t.Errorf("input_dag = %d, want %d", res.Stats.InputDAG, want)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "z does not occur") {
		t.Errorf("--json warnings: %q", res.Warnings)
	}

	// -n 0 takes no derivative: the checks are waited for at the end, and
	// the input comes out as simplify, which checks first, writes it.
	want, _, _ := runCLI(sum, "simplify", "-")
	got, errOut, status := runCLI(sum, "-n", "0", "-", "x")
	if status != 0 || got != want || errOut != "" {
		t.Errorf("-n 0: status %d, %s; the output differs from simplify's: %t", status, errOut, got != want)
	}
}
