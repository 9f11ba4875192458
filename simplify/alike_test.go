package simplify_test

import (
	"context"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// TestAlikePartials checks the partials of one expression simplified
// together: where one is a monomial times a sum, another that is a sum
// whose terms share a monomial is written so too when that costs no more
// (and keeps its value); where none is, or the terms share nothing, the
// results are as each alone gives them.
func TestAlikePartials(t *testing.T) {
	cases := []struct {
		expr string
		vars []string
		want []string
	}{
		{"x^2*y^3 + x*y", []string{"x", "y"}, []string{"y*(2*x*y^2 + 1)", "x*(3*x*y^2 + 1)"}},
		{"x^2*y*z - y*z^3", []string{"z", "x"}, []string{"y*(x^2 - 3*z^2)", "2*x*y*z"}},
		{"(x*y)^3 + x*y", []string{"x", "y"}, []string{"3*x^2*y^3 + y", "3*x^3*y^2 + x"}}, // none factored
		{"(w*x + b - y)^2", []string{"w", "b"}, []string{"2*x*(w*x + b - y)", "2*w*x + 2*b - 2*y"}},
	}
	ctx := context.Background()
	for _, c := range cases {
		e := parser.MustParse(c.expr)
		var ds []symbolic.Expr
		for _, v := range c.vars {
			ds = append(ds, symbolic.D(e, symbolic.Sym(v)))
		}
		got, err := simplify.All(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		for i, g := range got {
			if want := parser.MustParse(c.want[i]); g != want {
				t.Errorf("%s: d/d%s = %v, want %v", c.expr, c.vars[i], g, want)
			}
			alone, err := simplify.Simplify(ctx, ds[i])
			if err != nil {
				t.Fatal(err)
			}
			if simplify.Cost(g) > simplify.Cost(alone) {
				t.Errorf("%s: d/d%s = %v costs %d, alone %v %d", c.expr, c.vars[i], g, simplify.Cost(g), alone, simplify.Cost(alone))
			}
			sameValues(t, "partial", ds[i], g, -3, 3)
		}
	}
}
