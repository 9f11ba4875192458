package graph

import (
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// LayeredSVG draws well-formed SVG in which every node is a box with its
// name, value and adjoint, no two boxes overlap, and every edge runs from
// left to right (operand before operation), as DOT's rankdir=LR does.
func TestLayeredSVG(t *testing.T) {
	tests := []struct {
		expr string
		at   map[string]float64
		want []string
	}{
		{"w*x + b", map[string]float64{"w": -2, "x": 5, "b": 3}, []string{"g1 = *", "value -10", "adjoint 5", "f = +", "value -7", "∂ 5</tspan>", "← 5</tspan>", "∂ -2</tspan>", "← -2</tspan>"}},
		{"1/(1+exp(-x))", map[string]float64{"x": 0.5}, []string{"exp", "1/."}},
		{"(w*x + b - y)^2", map[string]float64{"w": 0.5, "x": 2, "b": 1, "y": 3}, []string{".^2"}},
		{"sin(x*y) + x*y + exp(x*y)*y", map[string]float64{"x": 1, "y": 2}, nil},
		{"x", map[string]float64{"x": 1}, []string{"value 1"}},
		{"a<b", map[string]float64{"a": 1, "b": 2}, nil}, // a name to escape, if the parser takes it
	}
	rect := regexp.MustCompile(`<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"`)
	for _, tt := range tests {
		e, err := parser.Parse(tt.expr)
		if err != nil {
			continue
		}
		at := map[*symbolic.Symbol]float64{}
		for k, v := range tt.at {
			at[symbolic.Sym(k)] = v
		}
		g, err := Build(e, at)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		svg := g.LayeredSVG()
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v\n%s", tt.expr, err, svg)
			}
		}
		for _, w := range tt.want {
			if !strings.Contains(svg, w) {
				t.Errorf("%s: the SVG lacks %q", tt.expr, w)
			}
		}
		ms := rect.FindAllStringSubmatch(svg, -1)
		if len(ms) != len(g.Nodes) {
			t.Fatalf("%s: %d boxes for %d nodes", tt.expr, len(ms), len(g.Nodes))
		}
		type box struct{ x, y, w, h float64 }
		boxes := make([]box, len(ms))
		for i, m := range ms {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			boxes[i] = box{f(m[1]), f(m[2]), f(m[3]), f(m[4])}
		}
		for i, a := range boxes {
			for j, b := range boxes[:i] {
				if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
					t.Errorf("%s: the boxes of %s and %s overlap", tt.expr, g.Nodes[i].Name, g.Nodes[j].Name)
				}
			}
		}
		for _, ed := range g.Edges {
			if f, to := boxes[ed.From], boxes[ed.To]; f.x+f.w >= to.x {
				t.Errorf("%s: the edge %s -> %s does not run left to right", tt.expr, g.Nodes[ed.From].Name, g.Nodes[ed.To].Name)
			}
		}
	}
}
