package draw

import (
	"bytes"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/symdiff/symdiff/internal/imgdiff"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/ (look at every one before committing)")

// maxDiffer is the fraction of pixels that may differ between a picture
// and its golden image: enough for a font that renders a little
// differently, far too little for a curve that moved or a line across a
// pole (a curve covers some 2% of the pixels).
const maxDiffer = 0.004

// goldens are the pictures of the issue. A person looked at each golden
// PNG (testdata/*.png); what it shows is in the comment.
var goldens = []struct {
	name, expr string
	opts       plot.Options
}{
	// sigmoid.png: the S-shaped sigmoid from 0 to 1, its bell-shaped
	// derivative peaking at 0.25 at x = 0, the dashed tangent through
	// (0, 0.5) with slope 1/4, the point marked.
	{"sigmoid", "1/(1+exp(-x))", plot.Options{From: -6, To: 6, Order: 1, Tangent: true, At: 0}},
	// tan.png: four branches of tan(x) and the U-shaped branches of its
	// derivative 1 + tan(x)^2 between the poles at ±pi/2, ±3pi/2, with no
	// vertical line at any pole; y clipped (the legend says so).
	{"tan", "tan(x)", plot.Options{From: -2 * math.Pi, To: 2 * math.Pi, Order: 1}},
	// x_to_the_x.png: x^x dipping to its minimum e^(-1/e) at x = 1/e,
	// where its derivative crosses zero; the derivative falls to minus
	// infinity (slowly, like log(x)) at the left edge.
	{"x_to_the_x", "x^x", plot.Options{From: 0, To: 2, Order: 1}},
	// sin_inv.png: sin(1/x) oscillating faster and faster towards 0,
	// filled in near 0 by the adaptive sampling.
	{"sin_inv", "sin(1/x)", plot.Options{From: -1, To: 1}},
	// log.png: nothing for x <= 0 (the gap), log(x) rising from the
	// bottom edge, its derivative 1/x falling from the top edge; y
	// clipped.
	{"log", "log(x)", plot.Options{From: -1, To: 3, Order: 1}},
}

func TestGoldenImages(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			fig, err := plot.Derivatives(parser.MustParse(g.expr), "x", g.opts)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join("testdata", g.name+".png")
			if *update {
				var buf bytes.Buffer
				if err := Write(fig, &buf, "png"); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			frac := diffGolden(t, fig, file)
			if frac > maxDiffer {
				t.Errorf("%.2f%% of the pixels differ from %s (at most %.2f%% may); look at the new picture (-update) before accepting it", 100*frac, file, 100*maxDiffer)
			}
		})
	}
}

// The tolerance tells a wrong picture from the golden one: tan(x) drawn
// with its branches joined across the poles (the vertical lines the
// golden image must not have) differs by far more than maxDiffer.
func TestGoldenToleranceSeesPoleLines(t *testing.T) {
	fig, err := plot.Derivatives(parser.MustParse("tan(x)"), "x", goldens[1].opts)
	if err != nil {
		t.Fatal(err)
	}
	var joined []plot.Point
	for _, p := range fig.Curves[0].Samples {
		if !math.IsNaN(p.Y) && !math.IsInf(p.Y, 0) {
			joined = append(joined, p)
		}
	}
	fig.Curves[0].Segments = plot.Clip(joined, fig.YMin, fig.YMax)
	frac := diffGolden(t, fig, filepath.Join("testdata", "tan.png"))
	if frac <= maxDiffer {
		t.Errorf("lines across the poles change %.3f%% of the pixels, within the tolerance %.2f%%", 100*frac, 100*maxDiffer)
	}
	t.Logf("lines across the poles change %.3f%% of the pixels", 100*frac)
}

// diffGolden draws fig as Write draws a PNG (without encoding it) and
// returns the fraction of its pixels that differ from the PNG file.
func diffGolden(t *testing.T, fig *plot.Figure, file string) float64 {
	t.Helper()
	c := vgimg.NewWith(vgimg.UseWH(vg.Points(fig.Width), vg.Points(fig.Height)), vgimg.UseDPI(96))
	Draw(fig, draw.New(c))
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test ./plot/draw -run TestGoldenImages -update writes it)", err)
	}
	want, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	frac, err := imgdiff.Images(c.Image(), want)
	if err != nil {
		t.Fatal(err)
	}
	return frac
}
