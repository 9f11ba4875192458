package parser

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
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

// oneMB returns the repetition of piece joined by sep up to about 1 MB
// (DefaultMaxBytes, the CLI's default limit), wrapped by wrap.
func oneMB(piece func(i int) string, sep string) string {
	var sb strings.Builder
	for i := 0; ; i++ {
		p := piece(i)
		if sb.Len()+len(sep)+len(p) > DefaultMaxBytes {
			break
		}
		if i > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(p)
	}
	return sb.String()
}

// oneMBInputs are inputs of about 1 MB (the CLI's default --max-bytes) in
// eleven shapes: a long sum of products with calls, whose terms collect into a
// few; a sum of products of many distinct symbols; sums of chains nested
// 1000 deep (within DefaultMaxDepth); a long product of distinct sums; a
// sum of 40-digit integers times powers; an expanded polynomial in
// three variables, as a computer algebra system prints one; a long product
// of distinct names; a sum of calls of eleven functions of linear
// arguments with two-decimal coefficients; a polynomial with six-decimal
// coefficients; a sum of quotients of two sums; and a layer of neurons
// w_i*sigmoid(v_i*x + b_i). cmd/symbench/parse1mb.py writes the same texts
// for the command.
func oneMBInputs() []struct{ name, src string } {
	return []struct{ name, src string }{
		{"sum", oneMB(func(i int) string { return "sin(3*x+" + strconv.Itoa(i%10) + ")*x^2" }, " + ")},
		{"symbols", oneMB(func(i int) string { return "a" + strconv.Itoa(i) + "*b" + strconv.Itoa(i) }, " + ")},
		{"nested", oneMB(func(i int) string {
			return strings.Repeat("sin(", 1000) + "x" + strconv.Itoa(i) + strings.Repeat(")", 1000)
		}, "+")},
		{"product", oneMB(func(i int) string { return "(a" + strconv.Itoa(i) + " + " + strconv.Itoa(i%7+1) + ")" }, "*")},
		{"numbers", oneMB(func(i int) string {
			return strconv.Itoa(1_000_000_007*(i+1)) + "987654321098765432109876543210*x^" + strconv.Itoa(i)
		}, " + ")},
		{"poly", oneMB(func(i int) string {
			return strconv.Itoa(i%97-48) + "*x^" + strconv.Itoa(i%40) + "*y^" + strconv.Itoa(i/40%40) + "*z^" + strconv.Itoa(i/1600)
		}, " + ")},
		{"names", oneMB(func(i int) string { return "a" + strconv.Itoa(i) }, "*")},
		{"calls", oneMB(func(i int) string {
			fns := []string{"sin", "cos", "tan", "exp", "log", "sqrt", "atan", "sinh", "cosh", "tanh", "sigmoid"}
			return fmt.Sprintf("%d.%02d*%s(%d*x + %d*y)", 1+i%9, i*7%100, fns[i%len(fns)], 1+i%20, 1+i*3%19)
		}, " + ")},
		{"decimals", oneMB(func(i int) string { return fmt.Sprintf("%d.%06d*x^%d", i%10, i*7919%1000000, i%50) }, " + ")},
		{"quotients", oneMB(func(i int) string { return fmt.Sprintf("(x + %d)/(y - %d)", i, i+1) }, " + ")},
		{"neurons", oneMB(func(i int) string { return fmt.Sprintf("w%d*sigmoid(v%d*x + b%d)", i, i, i) }, " + ")},
	}
}

// BenchmarkParse1MB parses each of oneMBInputs from scratch, as a command
// does: before each run symbolic.CollectUnused drops the nodes of the run
// before, so that every node is made anew and the intern table's sweeps of
// them are part of the figure (with the timer stopped meanwhile).
//
//	go test ./parser -run '^$' -bench Parse1MB -benchmem
func BenchmarkParse1MB(b *testing.B) {
	for _, in := range oneMBInputs() {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			for b.Loop() {
				b.StopTimer()
				symbolic.CollectUnused()
				b.StartTimer()
				if _, err := Parse(in.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The Explain benchmarks compare the hand-written engine that builds the
// syntax tree (fast.go) with the participle grammar (the Participle
// option) on the same inputs; docs/benchmarks.md records a run.
//
//	go test ./parser -run '^$' -bench Explain
func BenchmarkExplain(b *testing.B) {
	for _, in := range []struct{ name, src string }{
		{"sigmoid", "1/(1+exp(-x))"},
		{"nested-sigmoid-1000", nestedSigmoid(1000)},
	} {
		for _, eng := range []struct {
			name string
			opts []Option
		}{{"fast", nil}, {"participle", []Option{Participle()}}} {
			b.Run(in.name+"/"+eng.name, func(b *testing.B) {
				grammar() // the one-time build is not part of the figure
				b.SetBytes(int64(len(in.src)))
				for b.Loop() {
					if _, err := Explain(in.src, append(eng.opts, MaxDepth(5000))...); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
