package symbolic_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/golden"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestGoldenDiff differentiates every case of testdata/diff.txt, whose
// inputs are "d/dVAR EXPR", and checks the text of the derivative (go test
// -run TestGoldenDiff -update rewrites it), that the text parses back to
// the derivative, and its values against a central difference of EXPR in
// VAR at random points of [-3, 3] for every variable, skipping points where
// either side is not finite or the difference cannot be trusted (near a
// singularity or a kink).
func TestGoldenDiff(t *testing.T) {
	path := filepath.Join("testdata", "diff.txt")
	f := golden.Read(t, path)
	got := make([]string, len(f.Cases))
	for i, c := range f.Cases {
		t.Run(c.Name("diff.txt"), func(t *testing.T) {
			rest, ok := strings.CutPrefix(c.Input, "d/d")
			name, src, ok2 := strings.Cut(rest, " ")
			if !ok || !ok2 || name == "" {
				t.Fatalf("%q: want d/dVAR EXPR", c.Input)
			}
			e, err := parser.Parse(src)
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			v := symbolic.Sym(name)
			d := symbolic.D(e, v)
			got[i] = d.String()
			if back, err := parser.Parse(got[i]); err != nil || back != d {
				t.Errorf("the text %q of the derivative does not parse back to it (%v)", got[i], err)
			}
			if err := checkAgainstDifferences(e, d, v); err != nil {
				t.Error(err)
			}
		})
	}
	f.Check(t, got)
}

// checkAgainstDifferences compares d, the derivative of e by v, with
// central differences of e in v at 20 random points where both can be
// judged (of at most 400 tried).
func checkAgainstDifferences(e, d symbolic.Expr, v *symbolic.Symbol) error {
	vars := symbolic.Symbols(symbolic.Add(e, d, v))
	r := rand.New(rand.NewPCG(5, uint64(symbolic.Size(e))))
	judged := 0
	for try := 0; try < 400 && judged < 20; try++ {
		env := make(map[*symbolic.Symbol]float64, len(vars))
		for _, s := range vars {
			env[s] = -3 + 6*r.Float64()
		}
		p := env[v]
		want, errEst := centralDiff(func(u float64) float64 {
			env[v] = u
			defer func() { env[v] = p }()
			return eval(e, env)
		}, p)
		gotV := eval(d, env)
		if math.IsNaN(want) || math.IsInf(want, 0) || math.IsNaN(gotV) || math.IsInf(gotV, 0) ||
			errEst > 1e-4*math.Max(1, math.Abs(want)) {
			continue
		}
		judged++
		if !closeTo(gotV, want, 1e-6) {
			return fmt.Errorf("d/d%v %v = %v: at %v it is %v, central difference %v", v, e, d, env, gotV, want)
		}
	}
	if judged < 10 {
		return fmt.Errorf("d/d%v %v: only %d points could be judged", v, e, judged)
	}
	return nil
}

// TestCheckAgainstDifferencesCatchesWrongDerivative makes sure the check
// above can fail: a wrong derivative, one wrong only on half the line, and
// one wrong by a small constant factor.
func TestCheckAgainstDifferencesCatchesWrongDerivative(t *testing.T) {
	for _, c := range [][3]string{{"sin(x)", "sin(x)", "x"}, {"abs(x)", "1", "x"}, {"x*y^2", "1.001*y^2", "x"}} {
		e, d := parser.MustParse(c[0]), parser.MustParse(c[1])
		if checkAgainstDifferences(e, d, symbolic.Sym(c[2])) == nil {
			t.Errorf("d/d%s %s = %s passed", c[2], c[0], c[1])
		}
	}
}
