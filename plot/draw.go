package plot

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// This file draws a Figure with gonum.org/v1/plot: the curves on a grid
// with the axes through the origin, the legend in a strip below the plot
// so that it never hides a curve.

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

var (
	tangentColour = color.RGBA{0x44, 0x44, 0x44, 0xff}
	axisColour    = color.RGBA{0x99, 0x99, 0x99, 0xff}
)

// legendMax is the most characters of an expression shown in the legend.
const legendMax = 60

// Legend returns the legend's lines: one a curve (f(x) = ...), the
// tangent, and a note when the range of y is clipped.
func (fig *Figure) Legend() []string {
	var ls []string
	for _, c := range fig.Curves {
		ls = append(ls, fmt.Sprintf("%s(%s) = %s", c.Name, fig.X, shorten(c.Expr.String(), legendMax)))
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

// Draw draws the figure on c.
func (fig *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	p := gonum.New()
	p.X.Label.Text, p.Y.Label.Text = fig.X, "y"
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{0xe4}
	grid.Horizontal.Color = color.Gray{0xe4}
	p.Add(grid)
	if fig.YMin < 0 && fig.YMax > 0 {
		p.Add(line([]Point{{fig.From, 0}, {fig.To, 0}}, axisColour, 0.75, nil))
	}
	if fig.From < 0 && fig.To > 0 {
		p.Add(line([]Point{{0, fig.YMin}, {0, fig.YMax}}, axisColour, 0.75, nil))
	}
	leg := gonum.NewLegend()
	leg.Left, leg.Top = true, true
	leg.ThumbnailWidth = vg.Points(24)
	leg.Padding = vg.Points(3)
	labels := fig.Legend()
	for k, cv := range fig.Curves {
		thumb := line(nil, Colour(k), 2, nil)
		leg.Add(labels[k], thumb)
		for _, s := range cv.Segments {
			if len(s) > 1 {
				p.Add(line(s, Colour(k), 2, nil))
			}
		}
	}
	i := len(fig.Curves)
	if t := fig.Tangent; t != nil {
		dash := []vg.Length{vg.Points(5), vg.Points(3)}
		tl := []Point{{fig.From, t.Y + t.Slope*(fig.From-t.X)}, {fig.To, t.Y + t.Slope*(fig.To-t.X)}}
		for _, s := range clip(tl, fig.YMin, fig.YMax) {
			p.Add(line(s, tangentColour, 1.25, dash))
		}
		dot, _ := plotter.NewScatter(plotter.XYs{{X: t.X, Y: t.Y}})
		dot.GlyphStyle = draw.GlyphStyle{Color: tangentColour, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
		p.Add(dot)
		leg.Add(labels[i], line(nil, tangentColour, 1.25, dash), dot)
		i++
	}
	if fig.Clipped {
		leg.Add(labels[i])
	}
	p.X.Min, p.X.Max = fig.From, fig.To
	p.Y.Min, p.Y.Max = fig.YMin, fig.YMax

	// The legend goes in a strip below the plot, as tall as its entries.
	pad := vg.Points(6)
	lh := leg.Rectangle(c).Size().Y
	p.Draw(draw.Crop(c, 0, 0, lh+pad, 0))
	leg.Draw(draw.Crop(c, pad, 0, pad/2, -(c.Max.Y - c.Min.Y - lh - pad/2)))
}

// line is a polyline of the given colour, width in points and dashes.
func line(pts []Point, col color.Color, width float64, dashes []vg.Length) *plotter.Line {
	xys := make(plotter.XYs, len(pts))
	for i, q := range pts {
		xys[i].X, xys[i].Y = q.X, q.Y
	}
	l := &plotter.Line{XYs: xys, LineStyle: plotter.DefaultLineStyle}
	l.Color, l.Width, l.Dashes = col, vg.Points(width), dashes
	return l
}

// Write writes the figure to w in format "svg", "png" or "pdf".
func (fig *Figure) Write(w io.Writer, format string) error {
	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		c = vgsvg.New(fig.width, fig.height)
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(fig.width, fig.height), vgimg.UseDPI(96))}
	case "pdf":
		c = vgpdf.New(fig.width, fig.height)
	default:
		return errFormat
	}
	fig.Draw(draw.New(c))
	bw := bufio.NewWriter(w)
	if _, err := c.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
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

// Save writes the figure to the file path in the format of its extension.
func (fig *Figure) Save(path string) (err error) {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return fig.Write(f, format)
}
