// Package draw draws a plot.Figure (f, its derivatives and the tangent
// line, sampled by plot.Derivatives) as SVG, PNG or PDF, on
// gonum.org/v1/plot: the curves on a grid with the axes through the
// origin, the legend in a strip below the plot so that it never hides a
// curve.
//
// It is apart from package plot because gonum's packages parse their fonts
// when a program starts: a program that links them starts some
// milliseconds later, whatever it does. The symdiff command links package
// plot only, and runs symdiff-plot (which links this package) to draw.
package draw

import (
	"bufio"
	"errors"
	"image/color"
	"io"
	"os"

	"github.com/symdiff/symdiff/plot"
	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

var (
	tangentColour = color.RGBA{0x44, 0x44, 0x44, 0xff}
	axisColour    = color.RGBA{0x99, 0x99, 0x99, 0xff}
)

// errFormat is the error of a format that is not svg, png or pdf.
var errFormat = errors.New("plot: the format must be svg, png or pdf")

// Draw draws fig on c.
func Draw(fig *plot.Figure, c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	p := gonum.New()
	p.X.Label.Text, p.Y.Label.Text = fig.X, "y"
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{0xe4}
	grid.Horizontal.Color = color.Gray{0xe4}
	p.Add(grid)
	if fig.YMin < 0 && fig.YMax > 0 {
		p.Add(line([]plot.Point{{X: fig.From, Y: 0}, {X: fig.To, Y: 0}}, axisColour, 0.75, nil))
	}
	if fig.From < 0 && fig.To > 0 {
		p.Add(line([]plot.Point{{X: 0, Y: fig.YMin}, {X: 0, Y: fig.YMax}}, axisColour, 0.75, nil))
	}
	leg := gonum.NewLegend()
	leg.Left, leg.Top = true, true
	leg.ThumbnailWidth = vg.Points(24)
	leg.Padding = vg.Points(3)
	labels := fig.Legend()
	for k, cv := range fig.Curves {
		thumb := line(nil, plot.Colour(k), 2, nil)
		leg.Add(labels[k], thumb)
		for _, s := range cv.Segments {
			if len(s) > 1 {
				p.Add(line(s, plot.Colour(k), 2, nil))
			}
		}
	}
	i := len(fig.Curves)
	if t := fig.Tangent; t != nil {
		dash := []vg.Length{vg.Points(5), vg.Points(3)}
		tl := []plot.Point{{X: fig.From, Y: t.Y + t.Slope*(fig.From-t.X)}, {X: fig.To, Y: t.Y + t.Slope*(fig.To-t.X)}}
		for _, s := range plot.Clip(tl, fig.YMin, fig.YMax) {
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
func line(pts []plot.Point, col color.Color, width float64, dashes []vg.Length) *plotter.Line {
	xys := make(plotter.XYs, len(pts))
	for i, q := range pts {
		xys[i].X, xys[i].Y = q.X, q.Y
	}
	l := &plotter.Line{XYs: xys, LineStyle: plotter.DefaultLineStyle}
	l.Color, l.Width, l.Dashes = col, vg.Points(width), dashes
	return l
}

// Write writes fig to w in format "svg", "png" or "pdf".
func Write(fig *plot.Figure, w io.Writer, format string) error {
	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		c = vgsvg.New(vg.Points(fig.Width), vg.Points(fig.Height))
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(vg.Points(fig.Width), vg.Points(fig.Height)), vgimg.UseDPI(96))}
	case "pdf":
		c = vgpdf.New(vg.Points(fig.Width), vg.Points(fig.Height))
	default:
		return errFormat
	}
	Draw(fig, draw.New(c))
	bw := bufio.NewWriter(w)
	if _, err := c.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// Save writes fig to the file path in the format of its extension.
func Save(fig *plot.Figure, path string) (err error) {
	format, err := plot.FormatOf(path)
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
	return Write(fig, f, format)
}
