package graph

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"
)

// LayeredSVG draws the graph as SVG without Graphviz, left to right as DOT
// does: a layered layout of its own. Each node sits in the layer of its
// longest path from an input (inputs in the first layer); within a layer,
// nodes are ordered by the mean position of their operands, sweeping
// forwards and then backwards a few times to uncross edges. A node shows
// its name and operation, its value and, in red, its adjoint; an edge its
// local gradient and, in red, the backward gradient along it. The figures
// of a lecture are small graphs, for which this is enough; the picture is
// a pure function of the graph, so it is the same on every machine.
func (g *Graph) LayeredSVG() string {
	n := len(g.Nodes)
	if n == 0 {
		return `<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>`
	}
	// Layers: the longest path from an input. Nodes are in evaluation
	// order, so operands come first.
	layer := make([]int, n)
	for i, nd := range g.Nodes {
		for _, o := range nd.Operands {
			layer[i] = max(layer[i], layer[o]+1)
		}
	}
	nl := slices.Max(layer) + 1
	layers := make([][]int, nl)
	for i := range g.Nodes {
		layers[layer[i]] = append(layers[layer[i]], i)
	}
	// Users of each node, for the backward sweep.
	users := make([][]int, n)
	for i, nd := range g.Nodes {
		for _, o := range nd.Operands {
			users[o] = append(users[o], i)
		}
	}
	pos := make([]float64, n) // rank within the layer
	for _, l := range layers {
		for k, i := range l {
			pos[i] = float64(k)
		}
	}
	order := func(l []int, nb func(int) []int) {
		key := make(map[int]float64, len(l))
		for _, i := range l {
			ns := nb(i)
			if len(ns) == 0 {
				key[i] = pos[i]
				continue
			}
			s := 0.0
			for _, j := range ns {
				s += pos[j]
			}
			key[i] = s / float64(len(ns))
		}
		slices.SortStableFunc(l, func(a, b int) int {
			switch {
			case key[a] < key[b]:
				return -1
			case key[a] > key[b]:
				return 1
			}
			return 0
		})
		for k, i := range l {
			pos[i] = float64(k)
		}
	}
	for range 4 {
		for _, l := range layers[1:] {
			order(l, func(i int) []int { return g.Nodes[i].Operands })
		}
		for k := nl - 2; k >= 0; k-- {
			order(layers[k], func(i int) []int { return users[i] })
		}
	}

	// Geometry: a box a node, sized to its longest line.
	const (
		charW   = 7.2 // width of a character of the 12px monospace font
		lineH   = 16.0
		padX    = 10.0
		padY    = 6.0
		gapX    = 110.0 // between layers, room for the edge labels
		gapY    = 26.0
		margin  = 12.0
		boxRows = 3
	)
	type box struct {
		x, y, w, h float64
		lines      [boxRows]string
	}
	boxes := make([]box, n)
	for i, nd := range g.Nodes {
		title := nd.Name
		if nd.Op != "input" {
			title = nd.Name + " = " + nd.Op
		}
		b := box{lines: [boxRows]string{title, "value " + formatFloat(nd.Value), "adjoint " + formatFloat(nd.Adjoint)}}
		w := 0
		for _, s := range b.lines {
			w = max(w, utf8.RuneCountInString(s))
		}
		b.w, b.h = float64(w)*charW+2*padX, boxRows*lineH+2*padY
		boxes[i] = b
	}
	x := margin
	height := 0.0
	colH := make([]float64, nl)
	for k, l := range layers {
		for _, i := range l {
			colH[k] += boxes[i].h + gapY
		}
		colH[k] -= gapY
		height = max(height, colH[k])
	}
	for k, l := range layers {
		w := 0.0
		for _, i := range l {
			w = max(w, boxes[i].w)
		}
		y := margin + (height-colH[k])/2
		for _, i := range l {
			boxes[i].x, boxes[i].y = x+(w-boxes[i].w)/2, y
			y += boxes[i].h + gapY
		}
		x += w + gapX
	}
	width := x - gapX + margin
	height += 2 * margin

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12" role="img">`,
		width, height, width, height)
	fmt.Fprintf(&b, "<title>computational graph of %s</title>", html.EscapeString(g.Expr.String()))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>`)
	out := n - 1
	for _, e := range g.Edges {
		f, t := boxes[e.From], boxes[e.To]
		x1, y1 := f.x+f.w, f.y+f.h/2
		x2, y2 := t.x, t.y+t.h/2
		// Spread the edges entering a node over its left side.
		ops := g.Nodes[e.To].Operands
		if k := slices.Index(ops, e.From); len(ops) > 1 && k >= 0 {
			y2 = t.y + t.h*float64(k+1)/float64(len(ops)+1)
		}
		mx := (x1 + x2) / 2
		fmt.Fprintf(&b, `<path class="edge" d="M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="none" stroke="#555" marker-end="url(#arrow)"/>`,
			x1, y1, mx, y1, mx, y2, x2, y2)
		lx, ly := x1+(x2-x1)*0.45, y1+(y2-y1)*0.45
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11"><tspan fill="#333">∂ %s</tspan><tspan fill="#c0392b" dx="6">← %s</tspan></text>`,
			lx, ly-4, html.EscapeString(formatFloat(e.Local)), html.EscapeString(formatFloat(e.Grad)))
	}
	for i, nd := range g.Nodes {
		bx := boxes[i]
		fill, rx := "#eef4fb", 4.0
		switch {
		case nd.Op == "input":
			fill, rx = "#fdf6e3", bx.h/2
		case i == out:
			fill = "#e8f6ec"
		}
		fmt.Fprintf(&b, `<g class="node" id="node-%s"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.1f" fill="%s" stroke="#333"/>`,
			html.EscapeString(nd.Name), bx.x, bx.y, bx.w, bx.h, rx, fill)
		colors := [boxRows]string{"#111", "#111", "#c0392b"}
		for k, s := range bx.lines {
			weight := ""
			if k == 0 {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s"%s>%s</text>`,
				bx.x+bx.w/2, bx.y+padY+lineH*float64(k)+12, colors[k], weight, html.EscapeString(s))
		}
		b.WriteString("</g>")
	}
	b.WriteString("</svg>")
	return b.String()
}
