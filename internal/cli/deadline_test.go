package cli

import (
	"strings"
	"testing"
)

// TestSimplifyDeadlineIsAnError: a --timeout that ends the simplifier is
// an error naming --timeout, exit 1, with nothing on standard output:
// never a partly simplified answer printed as if it were the answer. The
// work: the 25th derivative of x^x, simplified between orders, which takes
// seconds (most of it simplifying), against 200 ms. (The gradient of a
// logistic loss with 300 parameters, used here before, now simplifies in
// well under the deadline.)
func TestSimplifyDeadlineIsAnError(t *testing.T) {
	t.Parallel()
	argv := []string{"--timeout", "200ms", "-n", "25", "x^x", "x"}
	out, errOut, status := runCLI("", argv...)
	if status != 1 || out != "" || !strings.Contains(errOut, "--timeout") {
		t.Errorf("status %d, stdout %d bytes, stderr %q; want 1, nothing, a message naming --timeout", status, len(out), errOut)
	}
}
