package main

import (
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
)

// TestSimplifyDeadlineIsAnError: a --timeout that ends the simplifier (here
// on the gradient of a logistic loss with 300 parameters, which takes a
// second or more to simplify, against 300 ms; parsing and the gradient take
// tens of milliseconds) is an error naming --timeout,
// exit 1, with nothing on standard output: never a partly simplified
// gradient printed as if it were the answer.
func TestSimplifyDeadlineIsAnError(t *testing.T) {
	loss, ws := workloads.LogisticLoss(300)
	argv := []string{"grad", "--timeout", "300ms", loss.String()}
	for _, w := range ws {
		argv = append(argv, w.Name())
	}
	out, errOut, status := runCLI("", argv...)
	if status != 1 || out != "" || !strings.Contains(errOut, "--timeout") {
		t.Errorf("status %d, stdout %d bytes, stderr %q; want 1, nothing, a message naming --timeout", status, len(out), errOut)
	}
}
