package testkit

import (
	"math"
	"testing"
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
		c := Compare(tc.p, tc.q, nil)
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
