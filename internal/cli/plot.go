package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/plot"
	"github.com/symdiff/symdiff/symbolic"
)

// maxPlotOrder bounds -n of plot: a colour a curve (plot.Colour has ten),
// and more curves than that are no picture.
const maxPlotOrder = 9

// runPlot draws EXPR and its derivatives: symdiff plot EXPR VAR.
func runPlot(c *cli, a args) error {
	opts := plot.Options{Order: 1}
	if a.has("n") {
		k, err := strconv.Atoi(a.get("n"))
		if err != nil || k < 0 || k > maxPlotOrder {
			return usagef("-n wants an integer from 0 to %d, got %q", maxPlotOrder, a.get("n"))
		}
		opts.Order = k
	}
	if a.has("points") {
		k, err := strconv.Atoi(a.get("points"))
		if err != nil || k < 2 {
			return usagef("--points wants an integer of 2 or more, got %q", a.get("points"))
		}
		opts.MaxPoints = k
	}
	format := "svg"
	if a.has("output") {
		f, err := plot.FormatOf(a.get("output"))
		if err != nil {
			return usagef("-o %s: give a file name ending in .svg, .png or .pdf", a.get("output"))
		}
		format = f
	}
	src, err := c.readExpr(a.operands[0])
	if err != nil {
		return err
	}
	e, err := c.parse(a, src)
	if err != nil {
		return err
	}
	vars, err := c.operandVars(a, e, diffVars)
	if err != nil {
		return err
	}
	x := vars[0]
	if err := c.plotRange(a, x.Name(), &opts); err != nil {
		return err
	}
	fig, err := c.figure(e, x, opts)
	if err != nil {
		return err
	}
	var svg bytes.Buffer
	switch {
	case a.has("output"):
		if err := c.drawPlot(fig, a.get("output"), "", nil); err != nil {
			return err
		}
	case c.format == jsonFormat:
		if err := c.drawPlot(fig, "", format, &svg); err != nil {
			return err
		}
	default:
		return c.drawPlot(fig, "", format, c.stdout)
	}
	if c.format != jsonFormat {
		return nil
	}
	r := &plotResult{header: header{Command: "plot", Input: src}, Var: x.Name(), Bounds: fig.Bounds(), Tangent: fig.Tangent,
		File: a.get("output"), SVG: svg.String()}
	for _, cv := range fig.Curves {
		cj := plotCurveJSON{Name: cv.Name, Expr: exprOut(cv.Expr), Points: len(cv.Samples), Jumps: []number{}}
		for _, j := range cv.Jumps {
			cj.Jumps = append(cj.Jumps, number(j))
		}
		r.Curves = append(r.Curves, cj)
	}
	return c.emit(r, nil)
}

// plotRange reads --from, --to and --at into opts.
func (c *cli) plotRange(a args, x string, opts *plot.Options) error {
	if a.has("from") != a.has("to") {
		return usagef("give both --from and --to, or neither for the default range")
	}
	if a.has("from") {
		var err error
		if opts.From, err = constantValue("--from", a.get("from")); err != nil {
			return err
		}
		if opts.To, err = constantValue("--to", a.get("to")); err != nil {
			return err
		}
		if !(opts.From < opts.To) {
			return usagef("--from %s --to %s: the range is empty; give A < B", a.get("from"), a.get("to"))
		}
	}
	if a.has("at") {
		at := a.get("at")
		if name, val, ok := strings.Cut(at, "="); ok {
			if strings.TrimSpace(name) != x {
				return usagef("--at %s: the tangent point is a value of %s (--at %s=X0 or --at X0)", at, x, x)
			}
			at = val
		}
		v, err := constantValue("--at", at)
		if err != nil {
			return err
		}
		opts.Tangent, opts.At = true, v
	}
	return nil
}

// figure samples e and its derivatives in x with the run's deadline, node
// limit and simplifier.
func (c *cli) figure(e symbolic.Expr, x *symbolic.Symbol, opts plot.Options) (*plot.Figure, error) {
	opts.Differentiate = func(e symbolic.Expr, x *symbolic.Symbol) (symbolic.Expr, error) {
		d, err := symbolic.Diff(c.ctx, e, x, symbolic.MaxNodes(c.maxNodes))
		if err != nil {
			return nil, err
		}
		return c.simplifyDerivative(d, e, x)
	}
	return plot.Derivatives(e, x.Name(), opts)
}

// derivationPlot writes the plot of e and its first n derivatives in x to
// the file of --plot and returns the Markdown or LaTeX that shows it.
func (c *cli) derivationPlot(a args, e symbolic.Expr, vars []*symbolic.Symbol, n int) (string, error) {
	file := a.get("plot")
	if len(vars) != 1 {
		return "", usagef("--plot draws a function of one variable; the derivation has %d", len(vars))
	}
	format, err := plot.FormatOf(file)
	if err != nil {
		return "", usagef("--plot %s: give a file name ending in .svg, .png or .pdf", file)
	}
	if a.has("markdown") && format == "pdf" {
		return "", usagef("--plot %s: a Markdown document shows .svg or .png pictures", file)
	}
	if a.has("standalone") && format == "svg" {
		return "", usagef("--plot %s: pdflatex includes .pdf or .png pictures, not SVG", file)
	}
	fig, err := c.figure(e, vars[0], plot.Options{Order: n})
	if err != nil {
		return "", err
	}
	if err := c.drawPlot(fig, file, "", nil); err != nil {
		return "", err
	}
	what := fmt.Sprintf("and its derivatives up to order %d", n)
	if n == 1 {
		what = "and its derivative"
	}
	if a.has("markdown") {
		alt := strings.NewReplacer("[", `\[`, "]", `\]`).Replace(fmt.Sprintf("%s %s over [%s, %s]", e, what, formatFloat(fig.From), formatFloat(fig.To)))
		return fmt.Sprintf("\n## Plot\n\n![%s](%s)\n", alt, filepath.ToSlash(file)), nil
	}
	return fmt.Sprintf("\n\\begin{figure}[h]\n\\centering\n\\includegraphics[width=\\linewidth]{%s}\n\\caption{$%s$ %s over $[%s, %s]$}\n\\end{figure}\n",
		filepath.ToSlash(file), texOf(e).String(), what, formatFloat(fig.From), formatFloat(fig.To)), nil
}

// withPlotLaTeX adds the figure fig to the LaTeX document doc (of
// derive.Standalone): graphicx in the preamble, the figure at the end.
func withPlotLaTeX(doc, fig string) string {
	doc = strings.Replace(doc, `\begin{document}`, "\\usepackage{graphicx}\n\\begin{document}", 1)
	if i := strings.LastIndex(doc, `\end{document}`); i >= 0 {
		doc = doc[:i] + strings.TrimPrefix(fig, "\n") + doc[i:]
	}
	return doc
}

// A plotterError is the failure of symdiff-plot: its message (what it
// wrote on standard error) and its exit status, which symdiff exits with.
type plotterError struct {
	msg    string
	status int
}

func (e plotterError) Error() string { return e.msg }

// plotResult is the JSON of symdiff plot --json: the figure's ranges and
// curves, its tangent, and the picture (in File, or as SVG text).
type plotResult struct {
	header
	Var string `json:"var"`
	plot.Bounds
	Curves  []plotCurveJSON `json:"curves"`
	Tangent *plot.Tangent   `json:"tangent,omitempty"`
	File    string          `json:"file,omitempty"`
	SVG     string          `json:"svg,omitempty"`
}

// plotCurveJSON is one curve: f, f', ...
type plotCurveJSON struct {
	Name   string   `json:"name"`
	Expr   exprJSON `json:"expr"`
	Points int      `json:"points"`
	Jumps  []number `json:"jumps"`
}

func (r *plotResult) blocks() []block {
	return []block{{note: fmt.Sprintf("%s over [%g, %g]", r.Input, r.From, r.To)}}
}
