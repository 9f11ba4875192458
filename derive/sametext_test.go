package derive

import (
	"math/rand"
	"strings"
	"testing"
)

// TestSameText checks sameText against its definition: equal once spaces,
// stars and \cdot are removed (left to right, as strings.Replacer does).
func TestSameText(t *testing.T) {
	strip := strings.NewReplacer(" ", "", "*", "", `\cdot`, "")
	cases := [][2]string{
		{"2 * x", "2*x"}, {`x \cdot 2`, "x 2"}, {"2*x", "2*y"}, {"", " * "}, {"a", ""},
		{`\cdo`, `\cdo`}, {`\cdot`, ""}, {`\c dot`, `\cdot`}, {`\\cdot`, `\`}, {"ab", "a b*"},
	}
	rng := rand.New(rand.NewSource(1))
	pieces := []string{" ", "*", `\cdot`, `\c`, "dot", "x", "2", `\`}
	for range 2000 {
		var a, b strings.Builder
		for range rng.Intn(6) {
			a.WriteString(pieces[rng.Intn(len(pieces))])
		}
		for range rng.Intn(6) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		cases = append(cases, [2]string{a.String(), b.String()})
	}
	for _, c := range cases {
		want := strip.Replace(c[0]) == strip.Replace(c[1])
		if got := sameText(c[0], c[1]); got != want {
			t.Errorf("sameText(%q, %q) = %v, want %v", c[0], c[1], got, want)
		}
	}
}
