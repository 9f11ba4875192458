package parser_test

import (
	"testing"

	"github.com/symdiff/symdiff/parser"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		src, part string
		want      int // -1: not found
	}{
		{"x + log(-1)*x", "log(-1)", 4},
		{"log(-1)", "log(-1)", 0},
		{"x*(-1)^(1/2)", "(-1)^(1/2)", 2},
		{"0^x + 1", "0^x", 0},
		{"sin(x) + acos(3)*x", "acos(3)", 9},
		{"x + log(2-3)", "log(-1)", 4}, // the node, however it is spelt
		{"2*(x + 1)", "x + 1", 2},      // a parenthesised group
		{"x + y", "x + y", 0},
		{"x + y + z", "x + z", -1}, // built from parts that are not one operand
		{"sin(x)", "cos(x)", -1},
	}
	for _, tc := range tests {
		e := parser.MustParse(tc.part)
		off, ok := parser.Locate(tc.src, e)
		if tc.want < 0 {
			if ok {
				t.Errorf("Locate(%q, %s) = %d, want not found", tc.src, tc.part, off)
			}
			continue
		}
		if !ok || off != tc.want {
			t.Errorf("Locate(%q, %s) = %d, %v; want %d", tc.src, tc.part, off, ok, tc.want)
		}
	}
}
