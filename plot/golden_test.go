package plot

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/symdiff/symdiff/parser"
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
	opts       Options
}{
	// sigmoid.png: the S-shaped sigmoid from 0 to 1, its bell-shaped
	// derivative peaking at 0.25 at x = 0, the dashed tangent through
	// (0, 0.5) with slope 1/4, the point marked.
	{"sigmoid", "1/(1+exp(-x))", Options{From: -6, To: 6, Order: 1, Tangent: true, At: 0}},
	// tan.png: four branches of tan(x) and the U-shaped branches of its
	// derivative 1 + tan(x)^2 between the poles at ±pi/2, ±3pi/2, with no
	// vertical line at any pole; y clipped (the legend says so).
	{"tan", "tan(x)", Options{From: -2 * math.Pi, To: 2 * math.Pi, Order: 1}},
	// x_to_the_x.png: x^x dipping to its minimum e^(-1/e) at x = 1/e,
	// where its derivative crosses zero; the derivative falls to minus
	// infinity (slowly, like log(x)) at the left edge.
	{"x_to_the_x", "x^x", Options{From: 0, To: 2, Order: 1}},
	// sin_inv.png: sin(1/x) oscillating faster and faster towards 0,
	// filled in near 0 by the adaptive sampling.
	{"sin_inv", "sin(1/x)", Options{From: -1, To: 1}},
	// log.png: nothing for x <= 0 (the gap), log(x) rising from the
	// bottom edge, its derivative 1/x falling from the top edge; y
	// clipped.
	{"log", "log(x)", Options{From: -1, To: 3, Order: 1}},
}

func TestGoldenImages(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			fig, err := Derivatives(parser.MustParse(g.expr), "x", g.opts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := fig.Write(&buf, "png"); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join("testdata", g.name+".png")
			if *update {
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test ./plot -run TestGoldenImages -update writes it)", err)
			}
			frac, err := pixelDiff(buf.Bytes(), want)
			if err != nil {
				t.Fatal(err)
			}
			if frac > maxDiffer {
				t.Errorf("%.2f%% of the pixels differ from %s (at most %.2f%% may); look at the new picture (-update) before accepting it", 100*frac, file, 100*maxDiffer)
			}
		})
	}
}

// pixelDiff returns the fraction of pixels of two PNG images that differ
// visibly (by more than 48 of 255 in some channel); images of different
// sizes are an error.
func pixelDiff(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	return imageDiff(ia, ib)
}

func imageDiff(ia, ib image.Image) (float64, error) {
	ra, rb := ia.Bounds(), ib.Bounds()
	if ra.Size() != rb.Size() {
		return 0, &sizeError{ra.Size(), rb.Size()}
	}
	differ := 0
	for y := range ra.Dy() {
		for x := range ra.Dx() {
			r1, g1, b1, _ := ia.At(ra.Min.X+x, ra.Min.Y+y).RGBA()
			r2, g2, b2, _ := ib.At(rb.Min.X+x, rb.Min.Y+y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) >> 8
			if d > 48 {
				differ++
			}
		}
	}
	return float64(differ) / float64(ra.Dx()*ra.Dy()), nil
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

type sizeError struct{ a, b image.Point }

func (e *sizeError) Error() string {
	return "the images differ in size: " + e.a.String() + " and " + e.b.String()
}
