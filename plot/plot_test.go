package plot

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

func figure(t *testing.T, expr string, opts Options) *Figure {
	t.Helper()
	fig, err := Derivatives(parser.MustParse(expr), "x", opts)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return fig
}

// Hard functions: the number of polylines drawn for f and its derivative,
// and the singular points no polyline may cross.
func TestHardFunctions(t *testing.T) {
	pi := math.Pi
	tests := []struct {
		expr       string
		from, to   float64
		segs       []int       // polylines of f, f'
		singular   [][]float64 // poles and jumps of f, f'
		wantJumps  bool        // f's jumps are found (not only gaps at samples)
		wantClip   bool
		wantNoClip bool
	}{
		{"tan(x)", -2 * pi, 2 * pi, []int{5, 5}, [][]float64{{-3 * pi / 2, -pi / 2, pi / 2, 3 * pi / 2}, {-3 * pi / 2, -pi / 2, pi / 2, 3 * pi / 2}}, true, true, false},
		{"1/x", -5, 5, []int{2, 2}, [][]float64{{0}, {0}}, false, true, false},
		{"1/x", -4.9, 5.3, []int{2, 2}, [][]float64{{0}, {0}}, true, true, false}, // 0 not on the grid
		{"1/(x-1)^2", -3, 4, []int{2, 2}, [][]float64{{1}, {1}}, false, true, false},
		{"sign(x)", -2, 3, []int{2, 1}, [][]float64{{0}, nil}, false, false, false},
		{"step(x)", -2.05, 3, []int{2, 1}, [][]float64{{0}, nil}, true, false, false},
		{"abs(x)", -2.05, 3, []int{1, 2}, [][]float64{nil, {0}}, true, false, false},
		{"tanh(40*x)", -1, 1, []int{1, 1}, nil, false, false, false},
		{"exp(x)", -5, 5, []int{1, 1}, nil, false, false, true},
		{"exp(-10000*x^2)", -5, 5, []int{1, 1}, nil, false, false, true}, // a narrow peak of f' between grid points, bounded
		{"tanh(40*x)", -5, 5, []int{1, 1}, nil, false, false, true},
		{"asin(x)", -1, 1, []int{1, 1}, nil, false, true, false}, // f' unbounded at the ends of the range
		{"1/x^2", -4.9, 5.3, []int{2, 2}, [][]float64{{0}, {0}}, false, true, false},
		{"x*log(x)", 0, 5, []int{1, 1}, nil, false, true, false}, // f' = log(x) + 1
		{"x^2", -5, 5, []int{1, 1}, nil, false, false, true},
		{"sqrt(1 - x^2)", -2, 2, []int{1, 1}, [][]float64{{-1, 1}, {-1, 1}}, false, true, false},
	}
	for _, tt := range tests {
		fig := figure(t, tt.expr, Options{From: tt.from, To: tt.to, Order: 1})
		for k, c := range fig.Curves {
			if len(c.Segments) != tt.segs[k] {
				t.Errorf("%s on [%g, %g]: %s has %d polylines, want %d", tt.expr, tt.from, tt.to, c.Name, len(c.Segments), tt.segs[k])
			}
			for _, s := range c.Segments {
				for _, p := range singularOf(tt.singular, k) {
					if s[0].X < p && p < s[len(s)-1].X {
						t.Errorf("%s: a polyline of %s crosses the singular point %g (from x = %g to %g)", tt.expr, c.Name, p, s[0].X, s[len(s)-1].X)
					}
				}
				for i := 1; i < len(s); i++ {
					if s[i].X < s[i-1].X || s[i].Y < fig.YMin || s[i].Y > fig.YMax {
						t.Fatalf("%s: %s's polyline goes back or leaves the window at %v", tt.expr, c.Name, s[i])
					}
				}
			}
		}
		for k, c := range fig.Curves {
			want := singularOf(tt.singular, k)
			switch {
			case tt.wantJumps && len(want) > 0 && k == 0:
				if len(c.Jumps) != len(want) {
					t.Errorf("%s: %s's jumps found at %v, want %v", tt.expr, c.Name, c.Jumps, want)
				}
				for i, j := range c.Jumps {
					if i < len(want) && math.Abs(j-want[i]) > 1e-6 {
						t.Errorf("%s: %s's jump %d at %g, want %g", tt.expr, c.Name, i, j, want[i])
					}
				}
			case len(want) == 0 && len(c.Jumps) > 0:
				t.Errorf("%s: jumps of %s found at %v in a continuous function", tt.expr, c.Name, c.Jumps)
			}
		}
		if tt.wantClip && !fig.Clipped {
			t.Errorf("%s: the range of y [%g, %g] is not clipped", tt.expr, fig.YMin, fig.YMax)
		}
		if tt.wantNoClip && fig.Clipped {
			t.Errorf("%s: the range of y [%g, %g] is clipped", tt.expr, fig.YMin, fig.YMax)
		}
	}
}

// The default range is [-5, 5], narrowed to the domain where f is
// undefined on much of it.
func TestDefaultRange(t *testing.T) {
	tests := []struct {
		expr     string
		tangent  bool
		at       float64
		from, to float64
	}{
		{"x^3", false, 0, -5, 5},
		{"log(x)", false, 0, 0, 5},
		{"sqrt(x)", false, 0, 0, 5},
		{"acos(x)", false, 0, -1, 1},
		{"log(x^2)", false, 0, -5, 5},
		{"sqrt(x - 20)", false, 0, 20, 50},
		{"x^2", true, 8, -5, 9},
	}
	for _, tt := range tests {
		fig := figure(t, tt.expr, Options{Tangent: tt.tangent, At: tt.at})
		// To within a step of the grid that found the domain.
		if tol := (tt.to - tt.from) / 200; math.Abs(fig.From-tt.from) > tol || math.Abs(fig.To-tt.to) > tol {
			t.Errorf("%s: range [%g, %g], want [%g, %g]", tt.expr, fig.From, fig.To, tt.from, tt.to)
		}
	}
}

// Adaptive sampling: sin(1/x) gets many more samples near 0 than the
// grid, never more than MaxPoints; a line gets none beyond the grid.
func TestAdaptiveSampling(t *testing.T) {
	if n := len(figure(t, "sin(x)", Options{MaxPoints: 100}).Curves[0].Samples); n != 100 {
		t.Errorf("MaxPoints 100: %d samples", n)
	}
	for _, limit := range []int{1000, 4000} {
		fig := figure(t, "sin(1/x)", Options{From: -1, To: 1, MaxPoints: limit})
		s := fig.Curves[0].Samples
		if len(s) > limit {
			t.Errorf("MaxPoints %d: %d samples", limit, len(s))
		}
		near := 0
		for _, p := range s {
			if math.Abs(p.X) < 0.1 {
				near++
			}
		}
		if near < len(s)/2 {
			t.Errorf("MaxPoints %d: only %d of %d samples within 0.1 of 0", limit, near, len(s))
		}
	}
	fig := figure(t, "2*x + 1", Options{From: -1, To: 1})
	if n := len(fig.Curves[0].Samples); n > 2*gridPoints {
		t.Errorf("a line got %d samples", n)
	}
}

// The derivatives drawn are the derivatives of f: at the plotted points
// they match Ridders' extrapolated central differences of f.
func TestDerivativesMatchFiniteDifferences(t *testing.T) {
	for _, g := range goldens {
		opts := g.opts
		opts.Order = 2
		fig := figure(t, g.expr, opts)
		f, err := numeric.Compile(fig.Curves[0].Expr, symbolic.Sym("x"))
		if err != nil {
			t.Fatal(err)
		}
		for k := 1; k < len(fig.Curves); k++ {
			lower, err := numeric.Compile(fig.Curves[k-1].Expr, symbolic.Sym("x"))
			if err != nil {
				t.Fatal(err)
			}
			judged, total := 0, 0
			samples := fig.Curves[k].Samples
			for i := 0; i < len(samples); i += 7 {
				x, got := samples[i].X, samples[i].Y
				if !finite(got) || got < fig.YMin || got > fig.YMax {
					continue // not drawn
				}
				if !finite(f.Eval([]float64{x})) {
					t.Errorf("%s: %s drawn at x = %g where f is undefined", g.expr, fig.Curves[k].Name, x)
				}
				d, errEst := numeric.Ridders(func(x float64) float64 { return lower.Eval([]float64{x}) }, x, nil)
				total++
				if !finite(d) || errEst > 1e-7*max(1, math.Abs(d)) {
					continue // too close to a singularity to tell
				}
				judged++
				if math.Abs(got-d) > 1e-6*max(1, math.Abs(d)) {
					t.Errorf("%s: %s(%g) = %g, finite differences of %s give %g", g.expr, fig.Curves[k].Name, x, got, fig.Curves[k-1].Name, d)
				}
			}
			if total == 0 || judged < total/2 {
				t.Errorf("%s: %s judged at %d of %d points", g.expr, fig.Curves[k].Name, judged, total)
			}
		}
	}
}

// The SVG output is well-formed XML (what a browser needs to open it)
// with one path a polyline of each curve plus its legend sample, and tan's
// paths each rise from left to right: a path joined across a pole would
// fall from the top to the bottom of the plot.
func TestSVG(t *testing.T) {
	fig := figure(t, "tan(x)", Options{From: -2 * math.Pi, To: 2 * math.Pi, Order: 1})
	var buf bytes.Buffer
	if err := fig.Write(&buf, "svg"); err != nil {
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
		col := Colour(k)
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

func singularOf(s [][]float64, k int) []float64 {
	if k < len(s) {
		return s[k]
	}
	return nil
}

func TestErrors(t *testing.T) {
	tests := []struct {
		expr string
		opts Options
		want string
	}{
		{"log(x)", Options{From: -3, To: -1}, "no finite value on [-3, -1]"},
		{"log(-x^2 - 1)", Options{}, "no finite value on [-500, 500]"},
		{"x*y", Options{}, "the variable y besides x"},
		{"x^2", Options{From: 1, To: -1}, "the range [1, -1] is empty"},
		{"log(x)", Options{Tangent: true, At: -1}, "not defined at x = -1"},
		{"abs(x)", Options{Tangent: true, At: 0}, "no derivative at x = 0"},
		{"x^2", Options{Order: -1}, "negative order"},
	}
	for _, tt := range tests {
		_, err := Derivatives(parser.MustParse(tt.expr), "x", tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %+v: error %v, want %q", tt.expr, tt.opts, err, tt.want)
		}
	}
}
