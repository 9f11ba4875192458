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
	// An edge that skips layers passes through a point (a dummy vertex) in
	// each layer between, so that the ordering keeps it clear of the
	// boxes there. Vertices 0..n-1 are the nodes, the rest dummies.
	preds := make([][]int, n)
	succs := make([][]int, n)
	vlayer := slices.Clone(layer)
	route := make([][]int, len(g.Edges)) // the vertices an edge passes through
	for k, e := range g.Edges {
		prev := e.From
		path := []int{e.From}
		for l := layer[e.From] + 1; l < layer[e.To]; l++ {
			d := len(vlayer)
			vlayer = append(vlayer, l)
			preds, succs = append(preds, []int{prev}), append(succs, nil)
			succs[prev] = append(succs[prev], d)
			path = append(path, d)
			prev = d
		}
		preds[e.To] = append(preds[e.To], prev)
		succs[prev] = append(succs[prev], e.To)
		route[k] = append(path, e.To)
	}
	nv := len(vlayer)
	layers := make([][]int, nl)
	for v := range nv {
		layers[vlayer[v]] = append(layers[vlayer[v]], v)
	}
	pos := make([]float64, nv) // rank within the layer
	for _, l := range layers {
		for k, v := range l {
			pos[v] = float64(k)
		}
	}
	order := func(l []int, nb [][]int) {
		key := make(map[int]float64, len(l))
		for _, v := range l {
			key[v] = pos[v]
			if len(nb[v]) > 0 {
				s := 0.0
				for _, u := range nb[v] {
					s += pos[u]
				}
				key[v] = s / float64(len(nb[v]))
			}
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
		for k, v := range l {
			pos[v] = float64(k)
		}
	}
	for range 4 {
		for _, l := range layers[1:] {
			order(l, preds)
		}
		for k := nl - 2; k >= 0; k-- {
			order(layers[k], succs)
		}
	}

	// Geometry: a box a node, sized to its longest line; a dummy is a
	// thin slot.
	const (
		charW   = 7.2 // width of a character of the 12px monospace font
		lineH   = 16.0
		padX    = 10.0
		padY    = 6.0
		gapY    = 26.0
		dummyH  = 12.0
		margin  = 12.0
		boxRows = 3
	)
	type box struct {
		x, y, w, h float64
		lines      [boxRows]string
	}
	boxes := make([]box, nv)
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
	for v := n; v < nv; v++ {
		boxes[v].h = dummyH
	}
	// The gap between layers holds the edge labels "∂ local ← grad".
	label := 0
	for _, e := range g.Edges {
		label = max(label, utf8.RuneCountInString(formatFloat(e.Local))+utf8.RuneCountInString(formatFloat(e.Grad))+5)
	}
	gapX := max(60, float64(label)*6.6+24)
	height := 0.0
	colH := make([]float64, nl)
	for k, l := range layers {
		for _, v := range l {
			colH[k] += boxes[v].h + gapY
		}
		colH[k] -= gapY
		height = max(height, colH[k])
	}
	x := margin
	for k, l := range layers {
		w := 0.0
		for _, v := range l {
			w = max(w, boxes[v].w)
		}
		y := margin + (height-colH[k])/2
		for _, v := range l {
			boxes[v].x, boxes[v].y = x+(w-boxes[v].w)/2, y
			if v >= n {
				boxes[v].x, boxes[v].w = x, w // the edge runs straight through
			}
			y += boxes[v].h + gapY
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
	var labels []string
	for k, e := range g.Edges {
		// The edge leaves its operand's right side, runs through its
		// dummies' slots, and enters its operation's left side, spread
		// over it when the operation has several operands.
		r := route[k]
		f := boxes[r[0]]
		x1, y1 := f.x+f.w, f.y+f.h/2
		fmt.Fprintf(&b, `<path class="edge" d="M%.1f,%.1f`, x1, y1)
		px, py := x1, y1
		for j, v := range r[1:] {
			t := boxes[v]
			tx, ty := t.x, t.y+t.h/2
			if v == e.To {
				ops := g.Nodes[e.To].Operands
				if len(ops) > 1 {
					ty = t.y + t.h*float64(slices.Index(ops, e.From)+1)/float64(len(ops)+1)
				}
			}
			mx := (px + tx) / 2
			fmt.Fprintf(&b, ` C%.1f,%.1f %.1f,%.1f %.1f,%.1f`, mx, py, mx, ty, tx, ty)
			if v >= n {
				fmt.Fprintf(&b, ` L%.1f,%.1f`, t.x+t.w, ty) // through the slot
				px, py = t.x+t.w, ty
			}
			if j == 0 {
				// The label sits on the middle of the edge's first gap:
				// the local derivative, then in red the backward gradient.
				lx, ly := bezier(x1, mx, mx, tx, 0.5), bezier(y1, y1, ty, ty, 0.5)
				labels = append(labels, fmt.Sprintf(`<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" stroke="#fff" stroke-width="3" paint-order="stroke"><tspan fill="#333">∂ %s</tspan><tspan fill="#c0392b"> ← %s</tspan></text>`,
					lx, ly-4, html.EscapeString(formatFloat(e.Local)), html.EscapeString(formatFloat(e.Grad))))
			}
		}
		b.WriteString(`" fill="none" stroke="#555" marker-end="url(#arrow)"/>`)
	}
	for _, l := range labels {
		b.WriteString(l)
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

// bezier returns the point at t of the cubic Bézier curve with control
// values p0..p3, in one coordinate.
func bezier(p0, p1, p2, p3, t float64) float64 {
	u := 1 - t
	return u*u*u*p0 + 3*u*u*t*p1 + 3*u*t*t*p2 + t*t*t*p3
}
