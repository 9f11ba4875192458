package plot

import (
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// This file holds what a drawing of a Figure needs besides the samples,
// without drawing anything: the legend's lines, the colours, the formats,
// and the JSON that carries a Figure to a program that draws it (symdiff
// runs symdiff-plot, so that the symdiff binary links no drawing code).

// palette holds the colours of f and its derivatives in order: the
// Tableau 10, whose first colours people with the common colour
// blindnesses tell apart.
var palette = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xff, 0x7f, 0x0e, 0xff}, // orange
	{0x2c, 0xa0, 0x2c, 0xff}, // green
	{0xd6, 0x27, 0x28, 0xff}, // red
	{0x94, 0x67, 0xbd, 0xff}, // purple
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0xe3, 0x77, 0xc2, 0xff}, // pink
	{0x7f, 0x7f, 0x7f, 0xff}, // grey
	{0xbc, 0xbd, 0x22, 0xff}, // olive
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
}

// Colour returns the colour of the curve of the k-th derivative; from the
// tenth on, the colours repeat.
func Colour(k int) color.RGBA { return palette[k%len(palette)] }

// legendMax is the most characters of an expression shown in the legend.
const legendMax = 60

// Legend returns the legend's lines: one a curve (f(x) = ...), the
// tangent, and a note when the range of y is clipped.
func (fig *Figure) Legend() []string {
	var ls []string
	for _, c := range fig.Curves {
		ls = append(ls, fmt.Sprintf("%s(%s) = %s", c.Name, fig.X, shorten(c.Text, legendMax)))
	}
	if t := fig.Tangent; t != nil {
		dx := fig.X
		if t.X != 0 {
			dx = "(" + fig.X + " " + sign(-t.X) + " " + num(abs(t.X)) + ")"
		}
		ls = append(ls, fmt.Sprintf("tangent at %s = %s: y = %s %s %s*%s", fig.X, num(t.X), num(t.Y), sign(t.Slope), num(abs(t.Slope)), dx))
	}
	if fig.Clipped {
		ls = append(ls, fmt.Sprintf("y clipped to [%s, %s]: the values beyond are not drawn", num(fig.YMin), num(fig.YMax)))
	}
	return ls
}

func sign(v float64) string {
	if v < 0 {
		return "-"
	}
	return "+"
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// num formats a number for a legend: four significant digits.
func num(v float64) string {
	if v == 0 {
		return "0" // not -0
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// shorten cuts s to at most n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// FormatOf returns the format of a file name by its extension: "svg",
// "png" or "pdf", or an error for any other.
func FormatOf(path string) (string, error) {
	f := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	switch f {
	case "svg", "png", "pdf":
		return f, nil
	}
	return "", fmt.Errorf("plot: cannot tell the format of %q: give a file name ending in .svg, .png or .pdf", path)
}

// Bounds is where a figure lies, as its JSON says it (Encode, and
// symdiff plot --json): the range of x, the range of y drawn, and whether
// y is clipped.
type Bounds struct {
	From    float64 `json:"from"`
	To      float64 `json:"to"`
	YMin    float64 `json:"ymin"`
	YMax    float64 `json:"ymax"`
	Clipped bool    `json:"clipped"`
}

// Bounds returns the figure's ranges.
func (fig *Figure) Bounds() Bounds {
	return Bounds{From: fig.From, To: fig.To, YMin: fig.YMin, YMax: fig.YMax, Clipped: fig.Clipped}
}

// figureJSON is the JSON of a Figure: what draws it.
type figureJSON struct {
	X string `json:"x"`
	Bounds
	Width   float64     `json:"width"`
	Height  float64     `json:"height"`
	Curves  []curveJSON `json:"curves"`
	Tangent *Tangent    `json:"tangent,omitempty"`
}

type curveJSON struct {
	Name     string         `json:"name"`
	Order    int            `json:"order"`
	Text     string         `json:"text"`
	Segments [][][2]float64 `json:"segments"`
	Jumps    []float64      `json:"jumps"`
}

// Encode writes what draws the figure to w as JSON: the ranges, each
// curve's name, text, segments and jumps, the tangent and the size. The
// expressions (only their text) and the samples (only the segments drawn)
// are left out.
func (fig *Figure) Encode(w io.Writer) error {
	j := figureJSON{X: fig.X, Bounds: fig.Bounds(), Width: fig.Width, Height: fig.Height, Tangent: fig.Tangent}
	for _, c := range fig.Curves {
		cj := curveJSON{Name: c.Name, Order: c.Order, Text: c.Text, Jumps: c.Jumps}
		for _, s := range c.Segments {
			ps := make([][2]float64, len(s))
			for i, p := range s {
				ps[i] = [2]float64{p.X, p.Y}
			}
			cj.Segments = append(cj.Segments, ps)
		}
		j.Curves = append(j.Curves, cj)
	}
	b, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	_, err = w.Write(b)
	return err
}

// Decode reads a figure that Encode wrote. Its curves have no Expr and no
// Samples; they are drawn from their Text and Segments.
func Decode(r io.Reader) (*Figure, error) {
	var j figureJSON
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("plot: reading a figure: %w", err)
	}
	if !(j.From < j.To) || !(j.YMin < j.YMax) || !(j.Width > 0) || !(j.Height > 0) {
		return nil, fmt.Errorf("plot: reading a figure: empty ranges or size (x in [%v, %v], y in [%v, %v], %v by %v points)", j.From, j.To, j.YMin, j.YMax, j.Width, j.Height)
	}
	fig := &Figure{X: j.X, From: j.From, To: j.To, YMin: j.YMin, YMax: j.YMax, Clipped: j.Clipped,
		Width: j.Width, Height: j.Height, Tangent: j.Tangent}
	for _, cj := range j.Curves {
		c := &Curve{Name: cj.Name, Order: cj.Order, Text: cj.Text, Jumps: cj.Jumps}
		for _, s := range cj.Segments {
			ps := make([]Point, len(s))
			for i, p := range s {
				ps[i] = Point{p[0], p[1]}
			}
			c.Segments = append(c.Segments, ps)
		}
		fig.Curves = append(fig.Curves, c)
	}
	return fig, nil
}
