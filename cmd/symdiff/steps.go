package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/symdiff/symdiff/derive"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

var outputFlags = []flagSpec{
	{name: "latex", help: "print the result as LaTeX (with --steps: the body of an align* environment)"},
	{name: "steps", help: "print the derivation step by step, each rule named"},
	{name: "markdown", help: "print the derivation as a Markdown document with $$ blocks (MathJax, KaTeX)"},
	{name: "standalone", help: "print the derivation as a complete LaTeX document for pdflatex"},
}

// wantsDerivation reports whether the flags ask for a derivation rather than
// a result.
func wantsDerivation(a args) bool {
	return a.has("steps") || a.has("markdown") || a.has("standalone")
}

// printDerivations prints one derivation per variable, separated by blank
// lines.
func (c *cli) printDerivations(a args, e symbolic.Expr, vars []*symbolic.Symbol, n int) error {
	if n != 1 {
		return usagef("--steps derives one derivative at a time (got -n %d)", n)
	}
	var opts []derive.Option
	if !a.has("raw") {
		opts = append(opts, derive.WithSimplifier(simplifierSteps))
	}
	for i, v := range vars {
		d, err := derive.New(e, v, opts...)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		var out string
		switch {
		case a.has("standalone"):
			out = d.Standalone()
		case a.has("markdown"):
			out = d.Markdown()
		case a.has("latex"):
			out = d.LaTeX()
		default:
			out = d.Text()
		}
		fmt.Fprint(c.stdout, out)
		if !strings.HasSuffix(out, "\n") {
			fmt.Fprintln(c.stdout)
		}
	}
	return nil
}

// simplifierSteps adapts package simplify to a derive.Simplifier.
func simplifierSteps(e symbolic.Expr) (symbolic.Expr, []derive.Rewrite, error) {
	r, steps, err := simplify.SimplifySteps(context.Background(), e)
	rws := make([]derive.Rewrite, len(steps))
	for i, s := range steps {
		rws[i] = derive.Rewrite(s)
	}
	return r, rws, err
}
