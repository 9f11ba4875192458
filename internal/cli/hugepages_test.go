package cli

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestHugePages checks where the command asks for huge pages (prepareHeap,
// recorded here instead of called): after parsing an input of a thousand
// nodes or more however short (the sine chain of depth 1500, 11 KB), 32 KB
// of heap a node; not for a short input of few nodes; and before a
// derivative of a higher order once the command has run hugeAfter, never
// for the first order. (What Prepare then does is
// internal/helpertests' TestPrepareMarksTheNextAllocations.)
func TestHugePages(t *testing.T) {
	var asked []int
	defer func(p func(int) bool, after time.Duration) { prepareHeap, hugeAfter = p, after }(prepareHeap, hugeAfter)
	prepareHeap = func(n int) bool {
		asked = append(asked, n)
		return false
	}
	chain := strings.Repeat("sin(", 1500) + "x" + strings.Repeat(")", 1500)
	for _, c := range []struct {
		name  string
		argv  []string
		after time.Duration
		want  []int
	}{
		{"deep chain", []string{"--max-depth", "5000", chain, "x"}, time.Hour, []int{1501 * hugePerNode}},
		{"short input", []string{"x^2*sin(x)", "x"}, time.Hour, nil},
		{"-n 3, long orders", []string{"-n", "3", "x^x", "x"}, 0, []int{hugeLater, hugeLater}},
		{"-n 3, quick orders", []string{"-n", "3", "x^x", "x"}, time.Hour, nil},
		{"-n 1", []string{"x^x", "x"}, 0, nil},
	} {
		asked, hugeAfter = nil, c.after
		var out strings.Builder
		if status := run(c.argv, strings.NewReader(""), &out, io.Discard); status != 0 {
			t.Fatalf("%s: status %d", c.name, status)
		}
		if !slices.Equal(asked, c.want) {
			t.Errorf("%s: prepared %v, want %v", c.name, asked, c.want)
		}
	}
}
