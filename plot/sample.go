package plot

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/symdiff/symdiff/numeric"
)

// This file holds the sampling of one curve from its compiled program:
// a uniform grid, refined where the drawn curve would bend visibly or
// where it meets the edge of its domain, then cut at gaps (values that
// are not finite) and at jumps (poles, steps), and clipped to the
// window.

const (
	gridPoints = 401   // the uniform grid every curve starts from
	tolerance  = 0.001 // refine next to a sample this far off the chord of its neighbours, in plot heights
	jumpTol    = 0.02  // a rise between two samples this large (in plot heights) is tested for a jump
	minWidth   = 1e-9  // no interval narrower than this fraction of the range is split
	maxRounds  = 60    // refinement rounds; each halves the active intervals
	jumpSteps  = 60    // bisection steps of the jump test
)

// A Point is a point of a curve.
type Point struct{ X, Y float64 }

// window is the part of the plane that is drawn: the range of x and
// the range of y. Samples are compared in window units (a plot height is
// 1), with y clamped one height beyond the window so that values near a
// pole do not swamp the arithmetic.
type window struct{ x0, x1, y0, y1, aspect float64 }

func (w window) sx(x float64) float64 { return (x - w.x0) / (w.x1 - w.x0) * w.aspect }

func (w window) sy(y float64) float64 {
	h := w.y1 - w.y0
	return (min(max(y, w.y0-h), w.y1+h) - w.y0) / h
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// A curve evaluates one function of a figure from its compiled program.
// A derivative is drawn only where f itself is defined: the derivative
// of log(x) simplifies to 1/x, which is finite for x < 0 where log(x) is
// not, and there it is no derivative of f.
type curve struct {
	p *numeric.Program
	f *numeric.Program // f's program, for a derivative; nil for f
}

// batch evaluates the curve at xs.
func (c curve) batch(xs []float64) []float64 {
	out := evalAt(c.p, xs)
	if c.f != nil {
		for i, v := range evalAt(c.f, xs) {
			if !finite(v) {
				out[i] = math.NaN()
			}
		}
	}
	return out
}

// at evaluates the curve at x.
func (c curve) at(x float64) float64 {
	arg := []float64{x}
	if c.f != nil && !finite(c.f.Eval(arg)) {
		return math.NaN()
	}
	return c.p.Eval(arg)
}

// evalAt evaluates a one-variable program at xs.
func evalAt(p *numeric.Program, xs []float64) []float64 {
	out := make([]float64, len(xs))
	p.EvalBatch([][]float64{xs}, [][]float64{out}, numeric.Serial())
	return out
}

// uniform returns n points evenly spaced over [a, b], both included.
func uniform(a, b float64, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	xs[n-1] = b
	return xs
}

// refine adds samples to the sorted samples pts of c until the drawn
// curve bends by less than tolerance at every sample, or the intervals
// left are narrower than minWidth, or the curve has maxPoints samples. An
// interval with a finite value at one end only holds the edge of the
// domain and is split too, so that the curve is drawn right up to it. Each
// round evaluates the midpoints of the intervals next to a bend as one
// batch; when the budget cannot cover them all, the sharpest bends go
// first.
func refine(c curve, pts []Point, w window, maxPoints int) []Point {
	type interval struct {
		i   int     // the interval from pts[i] to pts[i+1]
		bad float64 // the sharper bend at its ends
	}
	minW := (w.x1 - w.x0) * minWidth
	for round := 0; round < maxRounds && len(pts) < maxPoints; round++ {
		bend := make([]float64, len(pts))
		for i := 1; i+1 < len(pts); i++ {
			bend[i] = offChord(pts[i-1], pts[i], pts[i+1], w)
		}
		var active []interval
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			bad := max(bend[i], bend[i+1])
			if finite(a.Y) != finite(b.Y) {
				bad = math.Inf(1)
			}
			if bad > tolerance && b.X-a.X > 2*minW {
				active = append(active, interval{i, bad})
			}
		}
		if len(active) == 0 {
			break
		}
		if room := maxPoints - len(pts); len(active) > room {
			sort.SliceStable(active, func(i, j int) bool { return active[i].bad > active[j].bad })
			active = active[:room]
		}
		xs := make([]float64, len(active))
		for k, iv := range active {
			xs[k] = (pts[iv.i].X + pts[iv.i+1].X) / 2
		}
		for k, y := range c.batch(xs) {
			pts = append(pts, Point{xs[k], y})
		}
		slices.SortFunc(pts, func(a, b Point) int { return cmp.Compare(a.X, b.X) })
	}
	return pts
}

// offChord is how far m lies from the chord from a to b, in window units;
// infinite when some of the three are finite and some not (the edge of
// the domain lies between them), zero when none is.
func offChord(a, m, b Point, w window) float64 {
	fa, fm, fb := finite(a.Y), finite(m.Y), finite(b.Y)
	switch {
	case !fa && !fm && !fb:
		return 0
	case !fa || !fm || !fb:
		return math.Inf(1)
	}
	ax, ay := w.sx(a.X), w.sy(a.Y)
	bx, by := w.sx(b.X), w.sy(b.Y)
	mx, my := w.sx(m.X), w.sy(m.Y)
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	if l == 0 {
		return math.Hypot(mx-ax, my-ay)
	}
	return math.Abs((mx-ax)*dy-(my-ay)*dx) / l
}

// isJump reports whether the curve of p jumps between the samples a and
// b, both finite, rather than rising steeply but continuously: it bisects
// towards the half with the larger rise; a continuous curve's rise
// shrinks with the width, a pole's or a step's does not. A value that is
// not finite on the way is a gap, so a jump too. It returns where the
// jump is, to within the last bisection step.
func isJump(p curve, a, b Point, w window) (bool, float64) {
	rise := func(a, b Point) float64 { return math.Abs(w.sy(b.Y) - w.sy(a.Y)) }
	r0 := rise(a, b)
	if r0 < jumpTol {
		return false, 0
	}
	for range jumpSteps {
		mx := (a.X + b.X) / 2
		if mx <= a.X || mx >= b.X {
			break // no float64 between them
		}
		m := Point{mx, p.at(mx)}
		if !finite(m.Y) {
			return true, mx
		}
		if rise(a, m) >= rise(m, b) {
			b = m
		} else {
			a = m
		}
		if rise(a, b) < jumpTol/4 {
			return false, 0
		}
	}
	return rise(a, b) > 0.1*r0, (a.X + b.X) / 2
}

// segments cuts the sorted samples pts into the polylines that are drawn:
// a sample that is not finite ends one, and so does a jump. It returns the
// polylines and the places of the jumps (the midpoint of the interval
// where each was found).
func segments(p curve, pts []Point, w window) (segs [][]Point, jumps []float64) {
	var cur []Point
	flush := func() {
		if len(cur) > 0 {
			segs = append(segs, cur)
		}
		cur = nil
	}
	for i, q := range pts {
		if !finite(q.Y) {
			flush()
			continue
		}
		if len(cur) > 0 {
			if jump, at := isJump(p, pts[i-1], q, w); jump {
				jumps = append(jumps, at)
				flush()
			}
		}
		cur = append(cur, q)
	}
	flush()
	return segs, jumps
}

// Clip returns the parts of the polyline pts inside lo <= y <= hi, with the
// crossings of the edges interpolated.
func Clip(pts []Point, lo, hi float64) [][]Point {
	var out [][]Point
	var cur []Point
	in := func(q Point) bool { return q.Y >= lo && q.Y <= hi }
	at := func(a, b Point, y float64) Point {
		t := (y - a.Y) / (b.Y - a.Y)
		return Point{a.X + t*(b.X-a.X), y}
	}
	// edge is where the segment from a to b leaves the window through
	// the edge on b's side.
	edge := func(a, b Point) Point {
		if b.Y < lo {
			return at(a, b, lo)
		}
		return at(a, b, hi)
	}
	for i, q := range pts {
		if i == 0 {
			if in(q) {
				cur = append(cur, q)
			}
			continue
		}
		prev := pts[i-1]
		switch {
		case in(prev) && in(q):
			cur = append(cur, q)
		case in(prev):
			cur = append(cur, edge(prev, q))
			out = append(out, cur)
			cur = nil
		case in(q):
			cur = append(cur, edge(q, prev), q)
		case (prev.Y < lo && q.Y > hi) || (prev.Y > hi && q.Y < lo):
			// Both outside on opposite sides: the segment crosses
			// the whole window.
			out = append(out, []Point{edge(q, prev), edge(prev, q)})
		}
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// quantile returns the q-quantile of the sorted values vs.
func quantile(vs []float64, q float64) float64 {
	if len(vs) == 0 {
		return math.NaN()
	}
	f := q * float64(len(vs)-1)
	i := int(f)
	if i+1 >= len(vs) {
		return vs[len(vs)-1]
	}
	return vs[i] + (f-float64(i))*(vs[i+1]-vs[i])
}

// yRange returns the range of y to draw the curve c in, given its samples
// pts (sorted by x; the uniform grid weighs every part of the range
// alike): all its values or, when c is unbounded (a pole, a logarithm) and
// the values near the singularity would squeeze the bulk of them into a
// thin band, the quartiles widened by three interquartile ranges (clipped
// is then true). A narrow peak of a bounded function is not clipped.
func yRange(c curve, pts, grid []Point) (a, b float64, clipped bool) {
	lo, hi, ilo, ihi := math.Inf(1), math.Inf(-1), -1, -1
	for i, p := range pts {
		if !finite(p.Y) {
			continue
		}
		if p.Y < lo {
			lo, ilo = p.Y, i
		}
		if p.Y > hi {
			hi, ihi = p.Y, i
		}
	}
	var vs []float64
	for _, p := range grid {
		if finite(p.Y) {
			vs = append(vs, p.Y)
		}
	}
	if len(vs) == 0 || !(hi > lo) {
		return lo, hi, false
	}
	slices.Sort(vs)
	if quantile(vs, 0.9)-quantile(vs, 0.1) >= 0.25*(hi-lo) {
		return lo, hi, false
	}
	q1, q3 := quantile(vs, 0.25), quantile(vs, 0.75)
	if !unbounded(c, pts, ilo) && !unbounded(c, pts, ihi) {
		return lo, hi, false
	}
	iqr := q3 - q1
	if iqr == 0 {
		iqr = quantile(vs, 0.9) - quantile(vs, 0.1)
	}
	if iqr == 0 {
		iqr = math.Max(math.Abs(q1), 1)
	}
	a, b = max(lo, q1-3*iqr), min(hi, q3+3*iqr)
	return a, b, a > lo || b < hi
}

// unbounded reports whether |c| grows without bound near the sample
// pts[i], an extreme of the curve. A search for larger values between its
// neighbours halves the bracket 60 times; near a pole it finds an
// infinity, or values that keep growing (more than 20% more in the last
// 30 halvings than in the first 30: 1/x grows by 2^30, log(x) at the edge
// of its domain from about -41 to -62), while at the peak of a bounded
// function it has converged to the peak after 30.
func unbounded(c curve, pts []Point, i int) bool {
	y0 := math.Abs(pts[i].Y)
	for _, inner := range [][2]int{{i - 1, i + 1}, {i + 1, i - 1}} {
		in, out := inner[0], inner[1]
		if in < 0 || in >= len(pts) || !finite(pts[in].Y) {
			continue
		}
		if out < 0 || out >= len(pts) || !finite(pts[out].Y) {
			if y0 > 2*math.Abs(pts[in].Y) {
				return true
			}
		}
	}
	l, m, r := pts[max(i-1, 0)].X, pts[i].X, pts[min(i+1, len(pts)-1)].X
	ym := y0
	value := func(x float64) float64 {
		v := math.Abs(c.at(x))
		if math.IsNaN(v) {
			return -1 // outside the domain: no candidate
		}
		return v
	}
	var half float64 // ym after half the steps
	for step := range jumpSteps {
		if step == jumpSteps/2 {
			half = ym
		}
		x1, x2 := (l+m)/2, (m+r)/2
		y1, y2 := value(x1), value(x2)
		switch {
		case math.IsInf(y1, 0) || math.IsInf(y2, 0):
			return true
		case y1 > ym && y1 >= y2:
			r, m, ym = m, x1, y1
		case y2 > ym:
			l, m, ym = m, x2, y2
		default:
			l, r = x1, x2
		}
	}
	if ym > 1.2*half {
		return true
	}
	// The search cannot pass a pole that is as near as floating point
	// allows (tan at the float64 nearest pi/2 is 1.6e16), but there the
	// values a billionth of the range away are far smaller; at a peak
	// they are the same.
	d := (pts[len(pts)-1].X - pts[0].X) * minWidth
	return ym > 100*max(value(m-d), value(m+d), 0)
}
