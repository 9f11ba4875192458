package simplify_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/golden"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// goldenSplit splits a golden case's input, an expression or
// "d/dVAR EXPR" for the derivative of EXPR by VAR, into the expression's
// text and the variable ("" for none).
func goldenSplit(line string) (f, v string, ok bool) {
	rest, isD := strings.CutPrefix(line, "d/d")
	if !isD {
		return line, "", true
	}
	v, f, ok = strings.Cut(rest, " ")
	return f, v, ok && v != ""
}

// goldenInput parses a golden case's input (see goldenSplit).
func goldenInput(t testing.TB, line string) symbolic.Expr {
	t.Helper()
	f, v, ok := goldenSplit(line)
	if !ok {
		t.Fatalf("%q: want an expression or d/dVAR EXPR", line)
	}
	return input(t, f, v)
}

// goldenFiles lists simplify's golden files, testdata/*.txt.
func goldenFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files in testdata (%v)", err)
	}
	return files
}

// goldenValues is the numerical check of each golden file beyond
// sameValues: the points where its inputs have singularities but do not
// lose their digits to cancellation (cosh(x)^2 - sinh(x)^2 has none left at
// x = -11.6, so the trigonometric cases are not checked at wide points).
var goldenValues = map[string]func(t *testing.T, e, r symbolic.Expr){
	// Near the poles of the trigonometric functions and the ends of the
	// inverse functions' domains.
	"trig.txt": func(t *testing.T, e, r symbolic.Expr) {
		t.Helper()
		if err := sameNearPoles(e, r); err != nil {
			t.Error(err)
		}
	},
	// At wide-ranging points and just off 0, 1/2, 1, -1, 2.
	"logsig.txt": agreeWidely,
	// Polynomial factors: at wide-ranging points too, and next to the
	// poles of the quotients (x = 1, 2, -1).
	"poly.txt": agreeWidely,
	// The corpus is checked at random points of [-3, 3] only.
	"corpus.txt": func(*testing.T, symbolic.Expr, symbolic.Expr) {},
}

// TestGolden simplifies every case of testdata/*.txt and checks the text
// of the result (go test -run TestGolden -update rewrites it), that it
// parses back to the result, that it costs no more than the input, and
// that the two have the same values at random points of [-3, 3]
// (sameValues) and at the points of the file's goldenValues check,
// skipping points where either side is not finite.
func TestGolden(t *testing.T) {
	for _, path := range goldenFiles(t) {
		f := golden.Read(t, path)
		values, ok := goldenValues[filepath.Base(path)]
		if !ok {
			t.Fatalf("%s: no numerical check in goldenValues", path)
		}
		got := make([]string, len(f.Cases))
		for i, c := range f.Cases {
			t.Run(c.Name(filepath.Base(path)), func(t *testing.T) {
				e := goldenInput(t, c.Input)
				r := mustSimplify(t, e)
				got[i] = r.String()
				if simplify.Cost(r) > simplify.Cost(e) {
					t.Errorf("Simplify(%v) = %v costs %d > %d", e, r, simplify.Cost(r), simplify.Cost(e))
				}
				if back, err := parser.Parse(got[i]); err != nil || back != r {
					t.Errorf("the text %q of the result does not parse back to it (%v)", got[i], err)
				}
				sameValues(t, "result", e, r, -3, 3)
				values(t, e, r)
			})
		}
		f.Check(t, got)
	}
}

// TestGoldenIdempotent checks that simplifying a golden case's result
// again gives the result itself, over all the golden files: a node made in
// a candidate's new children is searched again in full mode (see
// memoTable), so a result holds no form that a second run would improve.
// notIdempotent lists the cases where the second run finds another
// form: the first, a cheaper one, from the first run's result as a new
// start; the second, one of equal cost, (6*x^3 - 2*x)*cos(u) for
// 2*(3*x^3 - x)*cos(u), where numbers shared by chance decide (the 3 of
// x^3 in the sum alone, the -2 of 1/x^2 in the whole; see Cost).
func TestGoldenIdempotent(t *testing.T) {
	notIdempotent := map[string]bool{
		"3*x^2*sigmoid(-4*x^2 - 2) - 8*x^4*sigmoid(-4*x^2 - 2)*(1 - sigmoid(-4*x^2 - 2))": true,
		"2*(3*x^2 - 1)*cos(x^3 - x)*sin(x^3 - x)/x - sin(x^3 - x)^2/x^2":                  true,
	}
	ctx := context.Background()
	n := 0
	for _, file := range goldenFiles(t) {
		for _, c := range golden.Read(t, file).Cases {
			e := goldenInput(t, c.Input)
			if notIdempotent[e.String()] {
				continue
			}
			r, err := simplify.Simplify(ctx, e)
			if err != nil {
				continue // a golden error case
			}
			n++
			if rr, err := simplify.Simplify(ctx, r); err != nil || rr != r {
				t.Errorf("%s: Simplify(%v) = %v, but Simplify of that is %v (%v)", file, e, r, rr, err)
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d golden cases simplified", n)
	}
}
