package graph

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Table returns the graph as an aligned table with one row per node: its
// name, its operation, its operands, its value and its adjoint (the
// derivative of the output with respect to the node).
func (g *Graph) Table() string {
	rows := [][]string{{"node", "operation", "operands", "value", "adjoint"}}
	for _, n := range g.Nodes {
		ops := make([]string, len(n.Operands))
		for i, k := range n.Operands {
			ops[i] = g.Nodes[k].Name
		}
		rows = append(rows, []string{n.Name, n.Op, strings.Join(ops, ", "), formatFloat(n.Value), formatFloat(n.Adjoint)})
	}
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i >= 3 {
				line.WriteString(pad + c) // numbers align right
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// formatFloat prints a value with up to 6 significant digits.
func formatFloat(v float64) string {
	if v == 0 {
		v = 0 // no -0
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// DOT returns the graph in the Graphviz DOT language, drawn left to right as
// textbook figures of backpropagation are: each node shows its name, its
// operation, its value and its adjoint; each edge shows its local gradient
// and, in red, the backward gradient that flows along it.
func (g *Graph) DOT() string {
	var b strings.Builder
	b.WriteString("digraph backprop {\n")
	b.WriteString("\trankdir=LR;\n")
	b.WriteString("\tnode [fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("\tedge [fontname=\"Helvetica\", fontsize=10];\n")
	out := len(g.Nodes) - 1
	for i, n := range g.Nodes {
		var label, shape string
		if n.Op == "input" {
			label = n.Name + "\n" + formatFloat(n.Value)
			shape = "ellipse"
		} else {
			label = n.Name + " = " + n.Op + "\n" + formatFloat(n.Value)
			shape = "box"
		}
		label += "\ngrad " + formatFloat(n.Adjoint)
		extra := ""
		if i == out {
			extra = ", peripheries=2"
		}
		fmt.Fprintf(&b, "\tn%d [label=%s, shape=%s%s];\n", i, quote(label), shape, extra)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "\tn%d -> n%d [label=<local %s<br/><font color=\"red\">grad %s</font>>];\n",
			e.From, e.To, htmlEscape(formatFloat(e.Local)), htmlEscape(formatFloat(e.Grad)))
	}
	b.WriteString("}\n")
	return b.String()
}

// quote returns s as a DOT string, with newlines as \n.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
