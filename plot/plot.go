package plot

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// Options are the settings of a figure. The zero value draws f alone over a
// default range.
type Options struct {
	// From and To are the range of x. When both are zero the range is
	// [-5, 5] (widened to hold the tangent point), narrowed to where f
	// is defined when it is undefined on a third of that or more
	// (log(x) is drawn over [0, 5]).
	From, To float64
	// Order is the highest derivative drawn: 0 draws f alone, 1 f and f',
	// 2 also f''.
	Order int
	// Tangent asks for the tangent line of f at x = At and the point
	// (At, f(At)) marked.
	Tangent bool
	At      float64
	// MaxPoints bounds the samples of each curve (default 4000; below
	// 401, the uniform grid has MaxPoints points and is not refined).
	MaxPoints int
	// Width and Height are the size of the picture in points, 72 an
	// inch (default 432 by 324, 6 by 4.5 inches; a PNG has 96 pixels an
	// inch).
	Width, Height float64
	// Differentiate computes a derivative; nil is symbolic.Diff followed
	// by simplify.Simplify.
	Differentiate func(e symbolic.Expr, x *symbolic.Symbol) (symbolic.Expr, error)
}

// A Figure is a sampled plot of a function and its derivatives, ready to
// be drawn: package plot/draw writes it as SVG, PNG or PDF.
type Figure struct {
	X        string  // the variable
	From, To float64 // the range of x
	// YMin and YMax are the range of y drawn. Clipped reports that some
	// values lie outside it on purpose: near a pole, drawing them all
	// would flatten the rest of the picture.
	YMin, YMax float64
	Clipped    bool
	Curves     []*Curve
	Tangent    *Tangent // nil without Options.Tangent
	// Width and Height are the size of the picture in points.
	Width, Height float64
}

// A Curve is one function of a Figure, sampled.
type Curve struct {
	Name  string        // f, f', f'', f''', f^(4), ...
	Order int           // the order of the derivative; 0 for f
	Expr  symbolic.Expr // the function drawn
	Text  string        // Expr in symdiff's text syntax, for the legend
	// Samples are the points where the function was evaluated, by
	// increasing x; a Y that is not finite (outside the domain, at a
	// pole) is a gap.
	Samples []Point
	// Segments are the polylines drawn: Samples cut at gaps and jumps
	// and clipped to the figure's range of y.
	Segments [][]Point
	// Jumps are the places where the curve jumps between two samples
	// (a pole, a step) and is not joined.
	Jumps []float64
}

// A Tangent is the tangent line of f at X: y = Y + Slope*(x - X).
type Tangent struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Slope float64 `json:"slope"`
}

const (
	defaultFrom, defaultTo = -5.0, 5.0
	defaultMaxPoints       = 4000
	// The default size of the picture, in points: 6 by 4.5 inches.
	defaultWidth, defaultHeight = 6 * 72, 4.5 * 72
)

// Derivatives samples f and its derivatives in the variable x up to
// opts.Order. Each function is compiled once into a numeric.Program and
// evaluated in batches: on a uniform grid, then refined where the curve
// bends (sin(1/x) near 0) and towards the edges of its domain, within
// opts.MaxPoints samples a curve. Poles and jumps (tan(x), 1/x, sign(x))
// are not joined across, values that are not finite are gaps, and the
// range of y is clipped to the bulk of the values when a pole would
// flatten the rest (Figure.Clipped). Any other variable of f is an error.
func Derivatives(f symbolic.Expr, x string, opts Options) (*Figure, error) {
	if opts.Order < 0 {
		return nil, fmt.Errorf("plot: negative order %d", opts.Order)
	}
	v := symbolic.Sym(x)
	for _, s := range symbolic.Symbols(f) {
		if s != v {
			return nil, fmt.Errorf("plot: %s has the variable %s besides %s; a plot has one variable", f, s.Name(), x)
		}
	}
	diff := opts.Differentiate
	if diff == nil {
		diff = func(e symbolic.Expr, x *symbolic.Symbol) (symbolic.Expr, error) {
			d, err := symbolic.Diff(context.Background(), e, x)
			if err != nil {
				return nil, err
			}
			return simplify.Simplify(context.Background(), d)
		}
	}
	n := opts.Order
	if opts.Tangent && n == 0 {
		n = 1 // the slope
	}
	exprs := []symbolic.Expr{f}
	for k := 1; k <= n; k++ {
		d, err := diff(exprs[k-1], v)
		if err != nil {
			return nil, err
		}
		exprs = append(exprs, d)
	}
	progs := make([]*numeric.Program, len(exprs))
	curves := make([]curve, len(exprs))
	for k, e := range exprs {
		p, err := numeric.Compile(e, v)
		if err != nil {
			return nil, fmt.Errorf("plot: %w", err)
		}
		progs[k] = p
		curves[k] = curve{p: p}
		if k > 0 {
			curves[k].f = progs[0]
		}
	}
	fig := &Figure{X: x, From: opts.From, To: opts.To, Width: opts.Width, Height: opts.Height}
	if fig.Width <= 0 {
		fig.Width = defaultWidth
	}
	if fig.Height <= 0 {
		fig.Height = defaultHeight
	}
	if opts.Tangent {
		if !finite(opts.At) {
			return nil, fmt.Errorf("plot: the tangent point %v is not a number", opts.At)
		}
		arg := []float64{opts.At}
		t := &Tangent{X: opts.At, Y: progs[0].Eval(arg), Slope: progs[1].Eval(arg)}
		if !finite(t.Y) {
			return nil, fmt.Errorf("plot: %s is not defined at %s = %v, so it has no tangent there", f, x, opts.At)
		}
		if !finite(t.Slope) || corner(progs[0], opts.At) {
			return nil, fmt.Errorf("plot: %s has no derivative at %s = %v, so it has no tangent there", f, x, opts.At)
		}
		fig.Tangent = t
	}
	if err := fig.chooseRange(progs[0], opts); err != nil {
		return nil, err
	}
	maxPoints := opts.MaxPoints
	if maxPoints <= 0 {
		maxPoints = defaultMaxPoints
	}
	maxPoints = max(maxPoints, 2)
	xs := uniform(fig.From, fig.To, min(gridPoints, maxPoints))
	grid := make([][]Point, opts.Order+1)
	for k := range grid {
		grid[k] = make([]Point, len(xs))
		for i, y := range curves[k].batch(xs) {
			grid[k][i] = Point{xs[i], y}
		}
	}
	if !slices.ContainsFunc(grid[0], func(p Point) bool { return finite(p.Y) }) {
		return nil, fmt.Errorf("plot: %s has no finite value on [%v, %v]", f, fig.From, fig.To)
	}
	// The window that refinement aims at comes from the grid; the
	// drawn one from all the samples.
	w := window{x0: fig.From, x1: fig.To, aspect: fig.Width / fig.Height}
	w.y0, w.y1, _ = fig.yRange(curves, grid, grid)
	all := make([][]Point, len(grid))
	for k := range grid {
		all[k] = refine(curves[k], slices.Clone(grid[k]), w, maxPoints)
		fig.Curves = append(fig.Curves, &Curve{Name: derivName(k), Order: k, Expr: exprs[k], Text: exprs[k].String(), Samples: all[k]})
	}
	fig.YMin, fig.YMax, fig.Clipped = fig.yRange(curves, all, grid)
	w.y0, w.y1 = fig.YMin, fig.YMax
	for k, c := range fig.Curves {
		var segs [][]Point
		segs, c.Jumps = segments(curves[k], c.Samples, w)
		for _, s := range segs {
			c.Segments = append(c.Segments, Clip(s, fig.YMin, fig.YMax)...)
		}
	}
	return fig, nil
}

// chooseRange sets the range of x: the one asked for, or the default
// range, narrowed to where f is defined when it is undefined on much of
// it and widened to hold the tangent point.
func (fig *Figure) chooseRange(f *numeric.Program, opts Options) error {
	if opts.From != 0 || opts.To != 0 {
		if !finite(opts.From) || !finite(opts.To) || !(opts.From < opts.To) {
			return fmt.Errorf("plot: the range [%v, %v] is empty; give From < To", opts.From, opts.To)
		}
		return nil
	}
	a, b := defaultFrom, defaultTo
	if t := fig.Tangent; t != nil {
		a, b = min(a, t.X-1), max(b, t.X+1)
	}
	for _, scale := range []float64{1, 10, 100} {
		xs := uniform(a*scale, b*scale, gridPoints)
		ys := evalAt(f, xs)
		first, last, n := -1, -1, 0
		for i, y := range ys {
			if finite(y) {
				if first < 0 {
					first = i
				}
				last, n = i, n+1
			}
		}
		if n == 0 {
			continue
		}
		fig.From, fig.To = xs[0], xs[len(xs)-1]
		if 3*n < 2*len(xs) {
			// Undefined on a third of the range or more: draw where
			// it is defined, found by bisection between the grid
			// points and rounded to a millionth of the range.
			fig.From, fig.To = xs[first], xs[last]
			q := (xs[len(xs)-1] - xs[0]) * 1e-6
			if first > 0 {
				fig.From = round(edge(f, xs[first-1], xs[first]), q)
			}
			if last < len(xs)-1 {
				fig.To = round(edge(f, xs[last+1], xs[last]), q)
			}
			if t := fig.Tangent; t != nil {
				fig.From, fig.To = min(fig.From, t.X), max(fig.To, t.X)
			}
		}
		return nil
	}
	return fmt.Errorf("plot: the function has no finite value on [%v, %v]; give the range", a*100, b*100)
}

// corner reports whether f, defined at x, has no derivative there though
// its symbolic derivative has a value (abs(x) at 0, where sign(0) = 0):
// the difference quotients from the left and from the right disagree,
// and do not come closer as the step shrinks.
func corner(f *numeric.Program, x float64) bool {
	at := func(x float64) float64 { return f.Eval([]float64{x}) }
	gap := func(h float64) float64 {
		return math.Abs((at(x+h)-at(x))/h - (at(x)-at(x-h))/h)
	}
	s := max(1, math.Abs(x))
	g1, g2 := gap(1e-5*s), gap(1e-7*s)
	if math.IsNaN(g2) {
		return true // undefined on one side
	}
	return g2 > 1e-3*(1+math.Abs((at(x+1e-7*s)-at(x-1e-7*s))/(2e-7*s))) && g2 > 0.5*g1
}

// round returns v rounded to a multiple of q, as the shortest decimal
// near it (1, not 0.9999999999999999).
func round(v, q float64) float64 {
	r := math.Round(v/q) * q
	digits := max(1, int(math.Ceil(math.Log10(math.Abs(r)/q)))+1)
	if r == 0 || digits > 17 {
		return r
	}
	s, _ := strconv.ParseFloat(strconv.FormatFloat(r, 'g', digits, 64), 64)
	return s
}

// edge returns where f becomes finite between out, where it is not, and
// in, where it is.
func edge(f *numeric.Program, out, in float64) float64 {
	arg := []float64{0}
	for range 60 {
		m := (out + in) / 2
		if m == out || m == in {
			break
		}
		arg[0] = m
		if finite(f.Eval(arg)) {
			in = m
		} else {
			out = m
		}
	}
	return in
}

// yRange returns the range of y that holds every curve (clipped near
// poles, see yRange) and the tangent point, with a margin. pts holds each
// curve's samples, grid its values on the uniform grid.
func (fig *Figure) yRange(curves []curve, pts, grid [][]Point) (lo, hi float64, clipped bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for k := range pts {
		a, b, c := yRange(curves[k], pts[k], grid[k])
		if a > b || math.IsInf(a, 0) {
			continue // nowhere finite
		}
		lo, hi, clipped = min(lo, a), max(hi, b), clipped || c
	}
	if t := fig.Tangent; t != nil {
		lo, hi = min(lo, t.Y), max(hi, t.Y)
	}
	if lo > hi {
		return -1, 1, false
	}
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = math.Max(math.Abs(lo)*0.1, 1)
	}
	return lo - pad, hi + pad, clipped
}

// derivName returns the name of the k-th derivative of f: f for k = 0, then
// f with k primes up to k = 3 (f'), then f^(k).
func derivName(k int) string {
	if k <= 3 {
		return "f" + strings.Repeat("'", k)
	}
	return "f^(" + strconv.Itoa(k) + ")"
}
