package cli

import (
	"bytes"
	"strings"
	"testing"
)

// recorder is an io.Writer that keeps what it is given and the length of
// each write.
type recorder struct {
	bytes.Buffer
	writes []int
}

func (r *recorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, len(p))
	return r.Buffer.Write(p)
}

// TestOutBufKeepsOrderAndBound checks that outBuf passes on exactly what it
// is given, in order, that it gathers short texts into few writes, and that
// what it gathers stays under maxGathered plus one short text (its buffer
// does not grow with the output, which would fault in as much fresh memory).
func TestOutBufKeepsOrderAndBound(t *testing.T) {
	var want strings.Builder
	var w recorder
	b := &outBuf{w: &w}
	maxCap := 0
	for i := range 120 {
		s := strings.Repeat(string(rune('a'+i%26)), 1+(i*977)%(2*longText))
		want.WriteString(s)
		b.WriteString(s)
		b.WriteByte('\n')
		want.WriteByte('\n')
		maxCap = max(maxCap, b.Cap())
	}
	b.flush()
	if b.err != nil {
		t.Fatal(b.err)
	}
	if got := w.String(); got != want.String() {
		t.Fatalf("outBuf wrote %d bytes that differ from the %d given", len(got), want.Len())
	}
	if maxCap > 2*(maxGathered+longText) {
		t.Errorf("outBuf's buffer grew to %d bytes, want at most about %d", maxCap, maxGathered+longText)
	}
	if n := len(w.writes); n > want.Len()/(maxGathered/4) {
		t.Errorf("%d writes for %d bytes: short texts are not gathered", n, want.Len())
	}
}
