package simplify

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
)

// TestProvesSignFromTable checks the sign facts read from the function
// table's rows (Range), and that provesSign claims nothing it cannot
// prove.
func TestProvesSignFromTable(t *testing.T) {
	tests := []struct {
		src, op string
		want    bool
	}{
		{"exp(x)", ">", true},
		{"sigmoid(x) + cosh(x)", ">", true},
		{"abs(x)", ">=", true},
		{"abs(x)", ">", false},
		{"acos(x)", ">=", true},
		{"atan(exp(x))", ">", true},   // atan has the sign of its argument
		{"-sinh(x^2 + 1)", "<", true}, // so has sinh
		{"atan(x)", ">", false},
		{"atan(x)", "!=", false},
		{"erf(relu(x))", ">=", true},
		{"sin(exp(x))", ">", false},
		{"log(x)", ">", false},
		{"f(x)", ">", false},
	}
	for _, tt := range tests {
		e, err := parser.Parse(tt.src, parser.Funcs("f"))
		if err != nil {
			t.Fatal(err)
		}
		if got := provesSign(e, tt.op); got != tt.want {
			t.Errorf("provesSign(%s %s 0) = %v, want %v", tt.src, tt.op, got, tt.want)
		}
	}
}
