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
