package cli

import (
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// runEval is symdiff eval EXPR x=1.5 y=2 (or --at x=1.5,y=2).
func runEval(c *cli, a args) error {
	env, err := c.point(a, a.operands[1:]...)
	if err != nil {
		return err
	}
	return c.eachExpr(a.operands[0], func(src string) error {
		return c.emit(c.evalOne(a, src, env))
	})
}

func (c *cli) evalOne(a args, src string, env map[string]float64) (result, error) {
	e, err := c.parse(a, src)
	if err != nil {
		return nil, err
	}
	v, err := evalAt(e, env)
	if err != nil {
		return nil, err
	}
	s := formatFloat(v)
	return &evalResult{
		header: header{Command: "eval", Input: src},
		Result: exprJSON{Text: s, LaTeX: lazyTeX{s: s}},
		At:     atJSON{Point: env, Value: v},
	}, nil
}

// point reads the point of --at and of operands such as x=1.5 (eval's),
// the same way for every command.
func (c *cli) point(a args, operands ...string) (map[string]float64, error) {
	parts := operands
	if a.has("at") {
		parts = append([]string{a.get("at")}, parts...)
	}
	return parsePoint(strings.Join(parts, " "))
}

// pointAt returns the point as a map from symbols, for numeric.
func pointAt(p map[string]float64) map[*symbolic.Symbol]float64 {
	m := make(map[*symbolic.Symbol]float64, len(p))
	for name, v := range p {
		m[symbolic.Sym(name)] = v
	}
	return m
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
