package testkit

import "testing"

func TestFuzzRandAndPoint(t *testing.T) {
	a, b := make([]float64, 50), make([]float64, 50)
	FuzzPoint(FuzzRand("x + y", 7), a)
	FuzzPoint(FuzzRand("x + y", 7), b)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("the same input and stream give different points: %v, %v", a[i], b[i])
		}
		if a[i] < -3 || a[i] >= 3 {
			t.Errorf("point %v outside [-3, 3)", a[i])
		}
	}
	FuzzPoint(FuzzRand("x + y", 8), b)
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
		e, ok := FuzzParse(t, tc.src, tc.maxLen)
		if ok != tc.ok || ok != (e != nil) {
			t.Errorf("FuzzParse(%q, %d) = %v, %v; want ok %v", tc.src, tc.maxLen, e, ok, tc.ok)
		}
	}
}
