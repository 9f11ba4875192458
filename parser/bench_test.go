package parser

import (
	"strings"
	"testing"
)

// nestedSigmoid wraps 1/(1+exp(-( ... ))) around x d times, the text of the
// nested-sigmoid workload with sigmoid expanded.
func nestedSigmoid(d int) string {
	return strings.Repeat("1/(1+exp(-(", d) + "x" + strings.Repeat(")))", d)
}

func benchParse(b *testing.B, src string) {
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSigmoid(b *testing.B)           { benchParse(b, "1/(1+exp(-x))") }
func BenchmarkParseNestedSigmoid100(b *testing.B)  { benchParse(b, nestedSigmoid(100)) }
func BenchmarkParseNestedSigmoid1000(b *testing.B) { benchParse(b, nestedSigmoid(1000)) }

// BenchmarkParseLongSum parses a flat sum of about 100 KB.
func BenchmarkParseLongSum(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 100_000; i++ {
		if i > 0 {
			sb.WriteString(" + ")
		}
		sb.WriteString("sin(3*x_")
		sb.WriteString(strings.Repeat("1", i%7+1))
		sb.WriteString(" + 1)^2")
	}
	benchParse(b, sb.String())
}
