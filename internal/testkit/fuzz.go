package testkit

import (
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// FuzzRand returns a random source seeded by the text src (a fuzzer's
// input, the name of a function under test), so that the same text checks
// the same points every time it runs, whatever else is added to the test;
// stream tells apart the sources of different checks.
func FuzzRand(src string, stream uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(src))
	return rand.New(rand.NewPCG(h.Sum64(), stream))
}

// FuzzPoint sets each of args to a random number in [-3, 3), the box where
// the fuzzers compare values.
func FuzzPoint(rng *rand.Rand, args []float64) {
	for i := range args {
		args[i] = -3 + 6*rng.Float64()
	}
}

// FuzzParse parses a fuzz input, with f and g declared as abstract
// functions. It fails t when an error is not a *parser.Error, and reports
// false for an input that does not parse or is longer than maxLen bytes:
// the input the fuzz targets skip.
func FuzzParse(t testing.TB, src string, maxLen int) (symbolic.Expr, bool) {
	t.Helper()
	if len(src) > maxLen {
		return nil, false
	}
	e, err := parser.Parse(src, parser.Funcs("f", "g"))
	if err != nil {
		var pe *parser.Error
		if !errors.As(err, &pe) {
			t.Fatalf("Parse(%q): error %v is not a *parser.Error", src, err)
		}
		return nil, false
	}
	return e, true
}
