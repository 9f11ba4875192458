package draw

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/plot"
)

// The SVG output is well-formed XML (what a browser needs to open it)
// with one path a polyline of each curve plus its legend sample, and tan's
// paths each rise from left to right: a path joined across a pole would
// fall from the top to the bottom of the plot.
func TestSVG(t *testing.T) {
	fig, err := plot.Derivatives(parser.MustParse("tan(x)"), "x", plot.Options{From: -2 * math.Pi, To: 2 * math.Pi, Order: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(fig, &buf, "svg"); err != nil {
		t.Fatal(err)
	}
	paths := map[string][]string{} // stroke colour -> the d of each path
	dec := xml.NewDecoder(&buf)
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
		}
		if se.Name.Local != "path" {
			continue
		}
		var d, style string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "d":
				d = a.Value
			case "style":
				style = a.Value
			}
		}
		for _, part := range strings.Split(style, ";") {
			if c, ok := strings.CutPrefix(part, "stroke:"); ok {
				paths[strings.ToLower(c)] = append(paths[strings.ToLower(c)], d)
			}
		}
	}
	if root != "svg" {
		t.Fatalf("the root element is %q, not svg", root)
	}
	for k, c := range fig.Curves {
		col := plot.Colour(k)
		hex := "#" + hexByte(col.R) + hexByte(col.G) + hexByte(col.B)
		got := paths[hex]
		if len(got) != 5+1 {
			t.Errorf("%s: %d paths of colour %s, want 5 branches and the legend's sample", c.Name, len(got), hex)
		}
		if k != 0 {
			continue
		}
		for _, d := range got {
			pts := svgPoints(t, d)
			for i := 1; i < len(pts); i++ {
				// The SVG's y grows upwards (the group is flipped).
				if pts[i][0] < pts[i-1][0] || pts[i][1] < pts[i-1][1]-1e-9 {
					t.Errorf("tan's path %.60s... does not rise from left to right at point %d: a line across a pole", d, i)
					break
				}
			}
		}
	}
}

func hexByte(b uint8) string { return strconv.FormatUint(uint64(b)|0x100, 16)[1:] }

// svgPoints reads the points of a path of M and L commands.
func svgPoints(t *testing.T, d string) [][2]float64 {
	var pts [][2]float64
	for _, cmd := range strings.FieldsFunc(d, func(r rune) bool { return r == 'M' || r == 'L' }) {
		xs, ys, ok := strings.Cut(strings.TrimSpace(cmd), ",")
		x, err1 := strconv.ParseFloat(xs, 64)
		y, err2 := strconv.ParseFloat(ys, 64)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("path %q: cannot read %q", d, cmd)
		}
		pts = append(pts, [2]float64{x, y})
	}
	return pts
}

// A figure carried as JSON (plot.Figure.Encode, plot.Decode: what symdiff
// sends symdiff-plot) draws the same picture as the figure itself.
func TestDecodedFigureDrawsTheSame(t *testing.T) {
	for _, tt := range []struct {
		expr string
		opts plot.Options
	}{
		{"1/(1+exp(-x))", plot.Options{From: -6, To: 6, Order: 1, Tangent: true, At: 0.5}},
		{"tan(x)", plot.Options{From: -2 * math.Pi, To: 2 * math.Pi, Order: 2}},
		{"log(x)", plot.Options{Width: 300, Height: 200}},
	} {
		fig, err := plot.Derivatives(parser.MustParse(tt.expr), "x", tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		var js bytes.Buffer
		if err := fig.Encode(&js); err != nil {
			t.Fatal(err)
		}
		back, err := plot.Decode(&js)
		if err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		if err := Write(fig, &want, "svg"); err != nil {
			t.Fatal(err)
		}
		if err := Write(back, &got, "svg"); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the decoded figure draws a different SVG (%d bytes, not %d)", tt.expr, got.Len(), want.Len())
		}
	}
}
