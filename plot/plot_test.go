package plot

import (
	"math"
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

// issuePlots are the pictures of the issue (plot/draw's golden images).
var issuePlots = []struct {
	expr string
	opts Options
}{
	{"1/(1+exp(-x))", Options{From: -6, To: 6, Order: 1, Tangent: true, At: 0}},
	{"tan(x)", Options{From: -2 * math.Pi, To: 2 * math.Pi, Order: 1}},
	{"x^x", Options{From: 0, To: 2, Order: 1}},
	{"sin(1/x)", Options{From: -1, To: 1}},
	{"log(x)", Options{From: -1, To: 3, Order: 1}},
}

// The derivatives drawn are the derivatives of f: at the plotted points
// they match Ridders' extrapolated central differences of f.
func TestDerivativesMatchFiniteDifferences(t *testing.T) {
	for _, g := range issuePlots {
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

// Decode reads what Encode writes, and refuses what cannot be drawn.
func TestEncodeDecode(t *testing.T) {
	fig := figure(t, "tan(x)", Options{From: -3, To: 3, Order: 1, Tangent: true, At: 1})
	var b strings.Builder
	if err := fig.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Decode(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(back.Legend(), "\n"), strings.Join(fig.Legend(), "\n"); got != want {
		t.Errorf("legend %q, want %q", got, want)
	}
	for k, c := range fig.Curves {
		d := back.Curves[k]
		if len(d.Segments) != len(c.Segments) || len(d.Jumps) != len(c.Jumps) || d.Name != c.Name {
			t.Fatalf("curve %d: %d segments, %d jumps, name %q; want %d, %d, %q", k, len(d.Segments), len(d.Jumps), d.Name, len(c.Segments), len(c.Jumps), c.Name)
		}
		for i, s := range c.Segments {
			for j, p := range s {
				if d.Segments[i][j] != p {
					t.Fatalf("curve %d segment %d point %d: %v, want %v", k, i, j, d.Segments[i][j], p)
				}
			}
		}
	}
	if *back.Tangent != *fig.Tangent || back.YMin != fig.YMin || back.YMax != fig.YMax || back.Width != fig.Width || back.Clipped != fig.Clipped {
		t.Errorf("decoded %+v, want %+v", back, fig)
	}
	for _, bad := range []string{``, `{"x":"x"}`, `{"x":"x","from":1,"to":0,"ymin":0,"ymax":1,"width":1,"height":1}`, `{"x":"x","from":0,"to":1,"ymin":0,"ymax":1,"width":1,"height":1,"colour":2}`} {
		if _, err := Decode(strings.NewReader(bad)); err == nil {
			t.Errorf("Decode(%q) = nil error", bad)
		}
	}
}
