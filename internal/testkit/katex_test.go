package testkit

import (
	"os"
	"testing"
)

// The script KaTeX runs is where katexScript says, so that a moved file
// fails here rather than only where SYMDIFF_KATEX is set.
func TestKaTeXScriptExists(t *testing.T) {
	if _, err := os.Stat(katexScript(t)); err != nil {
		t.Fatal(err)
	}
}
