package cli

import (
	"fmt"
	"os"

	"github.com/symdiff/symdiff/graph"
	"github.com/symdiff/symdiff/symbolic"
)

// runGraph prints the computational graph with forward values and
// adjoints: symdiff graph EXPR --at w=-2,x=5,b=3.
func runGraph(c *cli, a args) error {
	if err := a.conflicts([2]string{"dot", "svg"}, [2]string{"json", "dot"}, [2]string{"json", "svg"}); err != nil {
		return err
	}
	if a.has("svg") && a.get("svg") == "" {
		return usagef("--svg needs a file name, or - for standard output")
	}
	e, _, err := c.parseOperand(a, a.operands[0])
	if err != nil {
		return err
	}
	point, err := c.point(a)
	if err != nil {
		return err
	}
	if len(symbolic.Symbols(e)) > 0 && !a.has("at") {
		return usagef("graph needs the point: --at x=1,y=2")
	}
	g, err := graph.Build(e, pointAt(point))
	if err != nil {
		return err
	}
	if a.has("svg") {
		file := a.get("svg")
		svg, err := dotSVG(g.DOT())
		if err != nil {
			return err
		}
		if file == "-" {
			_, err = c.stdout.Write(svg)
			return err
		}
		return os.WriteFile(file, svg, 0o644)
	}
	if a.has("dot") {
		fmt.Fprint(c.stdout, g.DOT())
		return nil
	}
	r := &graphResult{header: header{Command: "graph", Input: c.src}, At: atJSON{Point: point}, table: g.Table()}
	for _, n := range g.Nodes {
		nj := graphNodeJSON{Name: n.Name, Op: n.Op, Expr: n.Expr.String(), Operands: []string{}, Value: number(n.Value), Adjoint: number(n.Adjoint)}
		for _, o := range n.Operands {
			nj.Operands = append(nj.Operands, g.Nodes[o].Name)
		}
		r.Nodes = append(r.Nodes, nj)
	}
	if len(g.Nodes) > 0 {
		r.At.Value = number(g.Nodes[len(g.Nodes)-1].Value)
	}
	if c.figures {
		r.SVG = g.LayeredSVG()
	}
	return c.emit(r, nil)
}

// graphResult is a computational graph at a point: its nodes, inputs
// first, then operations in evaluation order; the last is the output,
// whose value is the value at the point.
type graphResult struct {
	header
	At    atJSON          `json:"at"`
	Nodes []graphNodeJSON `json:"nodes"`
	// SVG is the graph drawn by graph.LayeredSVG (symdiff serve and the
	// web page only).
	SVG   string `json:"svg,omitempty"`
	table string
}

// graphNodeJSON is a node of graph: an input or an operation on the
// nodes named by Operands, with its forward value and its adjoint (the
// derivative of the output with respect to it).
type graphNodeJSON struct {
	Name     string   `json:"name"`
	Op       string   `json:"op"`
	Expr     string   `json:"expr"`
	Operands []string `json:"operands"`
	Value    number   `json:"value"`
	Adjoint  number   `json:"adjoint"`
}

func (r *graphResult) blocks() []block { return []block{{note: r.table}} }
