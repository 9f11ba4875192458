package simplify_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// holds reports whether the condition holds at value x.
func holds(c simplify.Cond, x float64) bool {
	switch c.Op {
	case ">":
		return x > 0
	case ">=":
		return x >= 0
	case "<":
		return x < 0
	case "<=":
		return x <= 0
	case "!=":
		return x != 0
	}
	return false
}

// TestBuiltinRulesKeepValues evaluates both sides of every built-in rule at
// random points where its condition holds: a rule that changes a value
// fails the build.
func TestBuiltinRulesKeepValues(t *testing.T) {
	rules, err := simplify.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 40 {
		t.Fatalf("only %d built-in rules", len(rules))
	}
	for _, r := range rules {
		t.Run(r.Name, func(t *testing.T) {
			if err := checkRule(r); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// checkRule returns an error if the two sides of r differ at a point.
func checkRule(r *simplify.Rule) error {
	rng := rand.New(rand.NewPCG(11, uint64(len(r.Name))))
	vars := r.Vars()
	n := 0
	for try := 0; try < 2000 && n < 50; try++ {
		env := map[*symbolic.Symbol]float64{}
		ok := true
		for _, v := range vars {
			env[v] = rng.Float64()*6 - 3
		}
		for _, c := range r.Conds {
			if !holds(c, env[c.Var]) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		a, b := eval(r.LHS, env), eval(r.RHS, env)
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) || math.Abs(a) > 1e8 {
			continue
		}
		n++
		if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
			return fmt.Errorf("%s (%s): %v = %g but %v = %g at %v", r.Name, r.Source, r.LHS, a, r.RHS, b, env)
		}
	}
	if n < 20 {
		return fmt.Errorf("%s: only %d points where both sides are defined", r.Name, n)
	}
	return nil
}

// TestCheckRuleCatchesWrongRule makes sure the check above can fail.
func TestCheckRuleCatchesWrongRule(t *testing.T) {
	rs, err := simplify.ParseRules("wrong.rules", "wrong: sin(a)^2 - cos(a)^2 => 1\n")
	if err != nil {
		t.Fatal(err)
	}
	if checkRule(rs[0]) == nil {
		t.Errorf("the numeric rule check accepted %v", rs[0])
	}
}
