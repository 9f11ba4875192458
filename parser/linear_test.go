package parser

import (
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/long"
)

// TestParseLinear checks that Parse's allocations grow in proportion to
// its input, for the shapes of BenchmarkParse1MB: a long sum of products
// with calls, many distinct symbols, sums of deep chains, a long product of
// sums, big integers and an expanded polynomial. It counts allocations,
// not time; the garbage collector is off meanwhile, so that interned nodes
// stay interned from one run to the next. The default run compares 250
// pieces with 500 (500 with 1000 under SYMDIFF_LONG).
func TestParseLinear(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	shapes := []struct {
		name  string
		piece func(i int) string
		sep   string
	}{
		{"sum", func(i int) string { return "sin(3*x+" + strconv.Itoa(i%10) + ")*x^2" }, " + "},
		{"symbols", func(i int) string { return "a" + strconv.Itoa(i) + "*b" + strconv.Itoa(i) }, " + "},
		{"nested", func(i int) string {
			return strings.Repeat("sin(", 200) + "x" + strconv.Itoa(i) + strings.Repeat(")", 200)
		}, "+"},
		{"product", func(i int) string { return "(a" + strconv.Itoa(i) + " + " + strconv.Itoa(i%7+1) + ")" }, "*"},
		{"numbers", func(i int) string {
			return strconv.Itoa(1_000_000_007*(i+1)) + "987654321098765432109876543210*x^" + strconv.Itoa(i)
		}, " + "},
		{"poly", func(i int) string {
			return strconv.Itoa(i%97-48) + "*x^" + strconv.Itoa(i%40) + "*y^" + strconv.Itoa(i/40%40) + "*z^" + strconv.Itoa(i/1600)
		}, " + "},
	}
	for _, s := range shapes {
		allocs := func(n int) float64 {
			parts := make([]string, n)
			for i := range parts {
				parts[i] = s.piece(i)
			}
			src := strings.Join(parts, s.sep)
			// AllocsPerRun averages over its runs; one run (three under
			// SYMDIFF_LONG) counts the allocations of a deterministic parse.
			return testing.AllocsPerRun(long.N(1, 3), func() {
				if _, err := Parse(src); err != nil {
					t.Fatal(err)
				}
			})
		}
		// The least of two counts: a collection that was under way when the
		// test turned the collector off can still free the nodes of an
		// earlier run, and the next parse makes them again.
		n := long.N(250, 500)
		a, b := min(allocs(n), allocs(n)), min(allocs(2*n), allocs(2*n))
		// A shape that allocates almost nothing (the sum's terms repeat,
		// and Parse's memo of constructor calls builds each once) is
		// compared with a floor of 200 allocations: a few allocations
		// more (a table grown once) are not a growth rate.
		if g := b / max(a, 200); g > 2.6 {
			t.Errorf("%s: Parse's allocations grow %.2fx (%.0f to %.0f) when the input doubles (linear: about 2)", s.name, g, a, b)
		}
	}
}
