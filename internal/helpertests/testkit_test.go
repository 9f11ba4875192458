package helpertests_test

import (
	"math"
	"os"
	"testing"

	"github.com/symdiff/symdiff/internal/testkit"
)

// bounded is a Bounded that returns fixed numbers.
type bounded struct{ v, bound float64 }

func (b bounded) ErrorBound([]float64) (float64, float64) { return b.v, b.bound }

func TestComparison(t *testing.T) {
	tests := []struct {
		name         string
		p, q         bounded
		finite, same bool
	}{
		{"equal", bounded{2, 0}, bounded{2, 0}, true, true},
		{"within the bounds", bounded{1, 1e-6}, bounded{1 + 1.5e-5, 1e-6}, true, true},
		{"outside the bounds", bounded{1, 1e-6}, bounded{1 + 2e-5, 1e-6}, true, false},
		{"relative for large values", bounded{1e12, 0}, bounded{1e12 + 500, 0}, true, true},
		{"absolute for small values", bounded{1e-12, 0}, bounded{2e-9, 0}, true, false},
		{"NaN value", bounded{math.NaN(), 0}, bounded{1, 0}, false, false},
		{"infinite bound", bounded{1, 0}, bounded{1, math.Inf(1)}, false, true},
	}
	for _, tc := range tests {
		c := testkit.Compare(tc.p, tc.q, nil)
		if got := c.Finite(); got != tc.finite {
			t.Errorf("%s: Finite() = %v, want %v", tc.name, got, tc.finite)
		}
		if !tc.finite {
			continue
		}
		if got := c.Same(8); got != tc.same {
			t.Errorf("%s: Same(8) = %v, want %v", tc.name, got, tc.same)
		}
	}
}

func TestFuzzRandAndPoint(t *testing.T) {
	a, b := make([]float64, 50), make([]float64, 50)
	testkit.FuzzPoint(testkit.FuzzRand("x + y", 7), a)
	testkit.FuzzPoint(testkit.FuzzRand("x + y", 7), b)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("the same input and stream give different points: %v, %v", a[i], b[i])
		}
		if a[i] < -3 || a[i] >= 3 {
			t.Errorf("point %v outside [-3, 3)", a[i])
		}
	}
	testkit.FuzzPoint(testkit.FuzzRand("x + y", 8), b)
	if a[0] == b[0] && a[1] == b[1] {
		t.Errorf("different streams give the same points")
	}
}

func TestFuzzParse(t *testing.T) {
	tests := []struct {
		src    string
		maxLen int
		ok     bool
	}{
		{"f(x) + sin(x)", 100, true},
		{"f(x) + sin(x)", 5, false},
		{"1 +", 100, false},
		{")x(", 100, false},
	}
	for _, tc := range tests {
		e, ok := testkit.FuzzParse(t, tc.src, tc.maxLen)
		if ok != tc.ok || ok != (e != nil) {
			t.Errorf("FuzzParse(%q, %d) = %v, %v; want ok %v", tc.src, tc.maxLen, e, ok, tc.ok)
		}
	}
}

// The script testkit.KaTeX runs is where KaTeXScript says, so that a moved file
// fails here rather than only where SYMDIFF_KATEX is set.
func TestKaTeXScriptExists(t *testing.T) {
	if _, err := os.Stat(testkit.KaTeXScript(t)); err != nil {
		t.Fatal(err)
	}
}
