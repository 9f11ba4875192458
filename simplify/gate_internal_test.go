package simplify

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// TestRationalGate checks rationalMayChange against the rational normal
// form: where the gate says the form cannot change a node, rationalForm
// gives back the node itself (or nothing), so skipping it loses nothing.
// The gate's answer is checked too, so that a gate that always said "may
// change" would fail.
func TestRationalGate(t *testing.T) {
	tests := []struct {
		e    string
		want bool // rationalMayChange
	}{
		{"2*x + 2", false},
		{"100*x + 100", false},
		{"6*x + 4*y + 10", false},
		{"-2*x + 4", false},
		{"2*x - 4", false},
		{"3*sin(x)^2 + 6*cos(x)", false},
		{"4*a*b + 6*c^2 + 8", false},
		{"2*sin(2*x + 2) + 4*cos(3*x + 3)*sin(x + 1)", false},
		{"x + 1", false},
		{"a - b", false},
		{"-2*x - 4", true},    // all negative
		{"2*x*y + 4*x", true}, // x shared
		{"x/2 + 1", false},
		{"33*sin(a)/100 + 9*sin(b)/25 - 54/25", false},
		{"x^2/3 - 1/3", false},
		{"x*y/2 - y/3", true}, // y shared
		{"x^2/2 + x/2", true}, // x shared
		{"2*x^2 + 2*x", true}, // x shared
		{"2*(x + 1)^2 + 2", true},
		{"2/x + 2", true},
	}
	for _, tc := range tests {
		t.Run(tc.e, func(t *testing.T) {
			e := parser.MustParse(tc.e)
			en := newEngine(context.Background(), newConfig(nil), nil, nil)
			got := en.rationalMayChange(e)
			if got != tc.want {
				t.Errorf("rationalMayChange(%v) = %v, want %v", e, got, tc.want)
			}
			if !got {
				if r := rationalForm(e); r != nil && r != e {
					t.Errorf("gate skips %v, whose rational normal form is %v", e, r)
				}
			}
		})
	}
}

// TestRationalGateRandom checks the gate's soundness on random sums of
// monomials with integer and fractional coefficients: wherever it says the
// rational normal form cannot change a sum, the form gives the sum back.
func TestRationalGateRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	bases := []string{"x", "y", "z", "x^2", "y^3", "sin(x)", "exp(y)", "sigmoid(z)", "pi"}
	coefs := []string{"1", "-1", "2", "-3", "1/2", "-1/2", "33/100", "-9/25", "4/3", "6"}
	skipped := 0
	for i := 0; i < 2000; i++ {
		var terms []string
		for range 2 + rng.IntN(4) {
			var fs []string
			for range rng.IntN(3) {
				fs = append(fs, bases[rng.IntN(len(bases))])
			}
			fs = append(fs, coefs[rng.IntN(len(coefs))])
			terms = append(terms, "("+strings.Join(fs, ")*(")+")")
		}
		src := strings.Join(terms, " + ")
		e, err := parser.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		en := newEngine(context.Background(), newConfig(nil), nil, nil)
		if en.rationalMayChange(e) {
			continue
		}
		skipped++
		if r := rationalForm(e); r != nil && r != e {
			t.Errorf("gate skips %v, whose rational normal form is %v", e, r)
		}
	}
	if skipped < 200 {
		t.Errorf("the gate skipped %d of 2000 sums: too few to test it", skipped)
	}
	t.Log(fmt.Sprint("skipped ", skipped))
}

// TestRationalGateSeparateProducts checks separateProducts on random sums
// of products of sums: wherever it says the rational normal form can only
// cost more, the form is nil, the sum itself, or dearer by Cost; and the
// gate's answer is checked to be often yes and sometimes no.
func TestRationalGateSeparateProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 37))
	// Each term draws its kernels from its own family (a1, sigmoid(x1), ...
	// for the first term), and now and then from the first term's, so that
	// terms share a kernel in some sums and not in others.
	kernels := []string{"a%d", "b%d", "sigmoid(x%d)", "sigmoid(x%d + y)", "exp(z%d)", "tanh(w%d)", "sin(u%d)"}
	coefs := []string{"1", "-1", "2", "-3", "1/2", "33/100"}
	term := 0
	k := func() string {
		i := term
		if rng.IntN(8) == 0 {
			i = 0
		}
		return fmt.Sprintf(kernels[rng.IntN(len(kernels))], i)
	}
	sum := func() string {
		var ts []string
		for range 2 + rng.IntN(2) {
			if rng.IntN(3) == 0 {
				ts = append(ts, coefs[rng.IntN(len(coefs))])
			} else {
				ts = append(ts, coefs[rng.IntN(len(coefs))]+"*"+k())
			}
		}
		return "(" + strings.Join(ts, " + ") + ")"
	}
	skipped, kept := 0, 0
	for i := 0; i < 3000; i++ {
		common := ""
		if rng.IntN(2) == 0 {
			common = "2*v*"
		}
		var terms []string
		for j := range 2 + rng.IntN(3) {
			term = j
			f := common + k() + "*" + sum() + "*" + sum()
			if rng.IntN(3) == 0 {
				f += "^2"
			}
			terms = append(terms, f)
		}
		e, err := parser.Parse(strings.Join(terms, " + "))
		if err != nil {
			t.Fatal(err)
		}
		s, ok := e.(*symbolic.Sum)
		if !ok {
			continue
		}
		if !separateProducts(s) {
			kept++
			continue
		}
		skipped++
		if r := rationalForm(e); r != nil && r != e && Cost(r) <= Cost(e) {
			t.Errorf("gate skips %v (cost %d), whose rational normal form %v costs %d", e, Cost(e), r, Cost(r))
		}
	}
	if skipped < 200 || kept < 200 {
		t.Errorf("the gate skipped %d and kept %d of 3000 sums: too few either way to test it", skipped, kept)
	}
	t.Logf("skipped %d, kept %d", skipped, kept)
}
