package helpertests_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/symdiff/symdiff/internal/golden"
)

// A file read and written back (Check with -update) with its own expected
// outputs is unchanged, and Check finds a difference.
func TestGoldenRoundTrip(t *testing.T) {
	const text = "# header\n# two lines\n\n# a comment\nsin(x)^2 + cos(x)^2\n\t1\n\nd/dx x^2\n\t2*x\n\ttwo lines\n"
	path := filepath.Join(t.TempDir(), "cases.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f := golden.Read(t, path)
	if len(f.Header) != 2 || len(f.Cases) != 2 {
		t.Fatalf("header %q, %d cases", f.Header, len(f.Cases))
	}
	c := f.Cases[1]
	if c.Input != "d/dx x^2" || c.Want != "2*x\ntwo lines" || c.Line != 8 || f.Cases[0].Comment[0] != "# a comment" {
		t.Errorf("case 2: %+v", c)
	}
	got := []string{f.Cases[0].Want, c.Want}
	if err := flag.Set("update", "true"); err != nil {
		t.Fatal(err)
	}
	f.Check(t, got)
	if err := flag.Set("update", "false"); err != nil {
		t.Fatal(err)
	}
	if back, err := os.ReadFile(path); err != nil || string(back) != text {
		t.Errorf("written back as\n%s\nwant\n%s (%v)", back, text, err)
	}
	var r reporter
	f.Check(&r, []string{"1", "2*x"})
	if r.errors != 1 {
		t.Errorf("Check reported %d differences, want 1 (the second case)", r.errors)
	}
}

// reporter counts what Check reports.
type reporter struct{ errors int }

func (r *reporter) Helper()                   {}
func (r *reporter) Errorf(string, ...any)     { r.errors++ }
func (r *reporter) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }
