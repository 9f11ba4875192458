package numeric

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/symdiff/symdiff/symbolic"
)

// Default tolerances of Check.
const (
	// DefaultRelTolFD bounds the relative error of the symbolic derivative
	// against Ridders' finite differences.
	DefaultRelTolFD = 1e-8
	// DefaultRelTolCS bounds the relative error against the complex step,
	// which is exact to rounding.
	DefaultRelTolCS = 1e-13
	// DefaultMaxFDError is the largest relative error estimate of the
	// finite difference at which a point is judged at all; beyond it the
	// point is too close to a pole, kink or edge of the domain.
	DefaultMaxFDError = 1e-6
)

// CheckOptions controls Check. The zero value (or nil) checks at 5 random
// points with the default tolerances.
type CheckOptions struct {
	// Points lists the values of x to check at. If empty, N random points
	// are drawn.
	Points []float64
	// N is the number of random points to judge (default 5). Random
	// candidates where f or the derivative is not finite, or where the
	// finite difference cannot judge, are skipped and others drawn, up to
	// MaxTries candidates (default 100*N).
	N        int
	MaxTries int
	// Seed seeds the random points; the same seed gives the same points.
	Seed uint64
	// Lo and Hi bound the random values of x and of the other variables
	// (default -3 and 3; where fewer than N points of the default range are
	// in the domain, as for log(x - 3), it widens tenfold, then a
	// hundredfold).
	Lo, Hi float64
	// Fixed gives values to variables other than x. A variable not listed
	// gets a random value at each point.
	Fixed map[*symbolic.Symbol]float64
	// RelTolFD, RelTolCS and MaxFDError override the defaults above.
	RelTolFD, RelTolCS, MaxFDError float64
	// AbsScale is the magnitude below which derivatives are compared
	// absolutely rather than relatively (default 1), lowered at each
	// point to the scale of f there (the largest |f| on the first
	// finite-difference stencil over its step), so that a function whose
	// values are all tiny is still compared relatively: the tolerance is
	// RelTol * max(|symbolic|, |numeric|, scale).
	AbsScale float64
	// Settings tunes Ridders' method.
	Settings *Settings
}

// A Verdict is the outcome of checking one point.
type Verdict int

// The verdicts.
const (
	Agree         Verdict = iota // the symbolic derivative agrees with both numeric ones
	Mismatch                     // it disagrees beyond the tolerance
	OutsideDomain                // f or the derivative is not finite here
	NotJudged                    // the finite difference is too uncertain to judge (pole, kink, edge)
)

func (v Verdict) String() string {
	switch v {
	case Agree:
		return "ok"
	case Mismatch:
		return "MISMATCH"
	case OutsideDomain:
		return "outside domain"
	case NotJudged:
		return "not judged"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// A PointResult is the check at one point.
type PointResult struct {
	// Values are the values of Report.Vars at this point (x first).
	Values []float64
	// F is f at the point; Symbolic the symbolic derivative there.
	F, Symbolic float64
	// FD is Ridders' finite difference and FDErr its error estimate.
	FD, FDErr float64
	// CS is the complex-step derivative (NaN if the complex evaluation is
	// not finite).
	CS float64
	// The errors of Symbolic against FD and CS, and the tolerances they
	// were held to.
	AbsErrFD, RelErrFD, TolFD float64
	AbsErrCS, RelErrCS, TolCS float64
	Verdict                   Verdict
	// Reason explains a verdict other than Agree.
	Reason string
}

// A Report is the result of Check.
type Report struct {
	F, DF symbolic.Expr
	X     *symbolic.Symbol
	// Vars are the variables, x first, then the others by name.
	Vars   []*symbolic.Symbol
	Points []PointResult
	// Skipped counts random candidates that were outside the domain or not
	// judged, and were replaced.
	Skipped int
	// Judged counts points that were compared; Mismatches those that
	// failed.
	Judged, Mismatches int
	// Wanted is the number of points asked for; Random reports that they
	// were drawn at random rather than given.
	Wanted             int
	Random             bool
	RelTolFD, RelTolCS float64
	// OK reports that every judged point agrees and that the wanted number
	// of points was judged.
	OK bool
}

// Check compares df, the claimed derivative of f with respect to x, with
// two numeric derivatives of f: Ridders' extrapolated central differences
// (with an error estimate) and the complex step (exact to rounding where f
// is analytic; the piecewise functions abs, sign, step and relu continue
// the piece that holds the point, which is right away from the kink).
//
// A point agrees when
//
//	|df - fd| <= max(RelTolFD * scale, 2*errEst)  and
//	|df - cs| <= RelTolCS * scale + slack,   scale = max(|df|, |numeric|, AbsScale),
//
// where slack is the bound on the rounding error of evaluating df in
// float64 (Program.ErrorBound): negligible for a well-conditioned formula,
// it keeps the rounding of a badly conditioned one (1 - tanh(u)^2 where
// tanh(u) is nearly 1, say) from passing for a wrong derivative.
//
// The absolute scale is AbsScale lowered to the scale of f at the point
// (see CheckOptions.AbsScale). Where the first step of the finite
// difference is too long to judge (a steep function such as exp(100*x)),
// steps 100 and 10^4 times shorter are tried. Where the complex step's
// imaginary part f'(x)*h would be a subnormal float64 (f' about 1e-112,
// say), a longer step h is taken so that it keeps its precision.
//
// A point where f or df is not finite is outside the domain. So is a
// random point where a function of f is applied outside its Domain (abs
// at 0, say: not differentiable there). At a point given in Points, such a
// kink is judged by one-sided differences instead, since f may still be
// differentiable there (x*abs(x) at 0): where they agree they judge df
// (the complex step, which continues one piece, is not used); where they
// differ, f is not differentiable and the point is outside the domain. A
// point where
// the finite difference's error estimate exceeds MaxFDError * max(|fd|,
// AbsScale), or where a disagreeing finite difference changes when
// started from a 1000 times smaller step (a kink or pole within the step),
// is not judged. Neither is a
// mismatch; random sampling replaces such points. If the complex step or
// the rounding bound is not finite there, only the finite difference
// judges.
//
// Check returns an error if f or df cannot be compiled (an abstract
// function, say).
func Check(f, df symbolic.Expr, x *symbolic.Symbol, opts *CheckOptions) (*Report, error) {
	if x == nil || x.IsConstant() {
		return nil, fmt.Errorf("numeric: Check needs a variable to differentiate by")
	}
	var o CheckOptions
	if opts != nil {
		o = *opts
	}
	if o.N <= 0 {
		o.N = 5
	}
	if o.MaxTries <= 0 {
		o.MaxTries = 100 * o.N
	}
	defaultRange := o.Lo == 0 && o.Hi == 0
	if defaultRange {
		o.Lo, o.Hi = -3, 3
	}
	if o.RelTolFD <= 0 {
		o.RelTolFD = DefaultRelTolFD
	}
	if o.RelTolCS <= 0 {
		o.RelTolCS = DefaultRelTolCS
	}
	if o.MaxFDError <= 0 {
		o.MaxFDError = DefaultMaxFDError
	}
	if o.AbsScale <= 0 {
		o.AbsScale = 1
	}

	vars := []*symbolic.Symbol{x}
	seen := map[*symbolic.Symbol]bool{x: true}
	var others []*symbolic.Symbol
	for _, e := range []symbolic.Expr{f, df} {
		for _, s := range symbolic.Symbols(e) {
			if !seen[s] {
				seen[s] = true
				others = append(others, s)
			}
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Name() < others[j].Name() })
	vars = append(vars, others...)
	pf, err := Compile(f, vars...)
	if err != nil {
		return nil, err
	}
	pd, err := Compile(df, vars...)
	if err != nil {
		return nil, err
	}

	dom, err := newDomainCheck(f, vars)
	if err != nil {
		return nil, err
	}
	rep := &Report{F: f, DF: df, X: x, Vars: vars, RelTolFD: o.RelTolFD, RelTolCS: o.RelTolCS}
	rng := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	scale := 1.0 // the default range's widening (see below)
	uniform := func() float64 { return scale * (o.Lo + (o.Hi-o.Lo)*rng.Float64()) }
	point := func(xv float64) []float64 {
		vals := make([]float64, len(vars))
		vals[0] = xv
		for i, v := range vars[1:] {
			if fv, ok := o.Fixed[v]; ok {
				vals[i+1] = fv
			} else {
				vals[i+1] = uniform()
			}
		}
		return vals
	}
	if len(o.Points) > 0 {
		rep.Wanted = len(o.Points)
		for _, xv := range o.Points {
			rep.add(checkPoint(pf, pd, dom, point(xv), &o, true))
		}
	} else {
		rep.Wanted, rep.Random = o.N, true
		// Where too few points of the default range are in the domain
		// (log(x - 3) is defined for x > 3 only), the range widens
		// tenfold, twice: an explicit range is the caller's.
		widen := []float64{1}
		if defaultRange {
			widen = []float64{1, 10, 100}
		}
		for _, w := range widen {
			scale = w
			for try := 0; try < o.MaxTries && rep.Judged < o.N; try++ {
				pr := checkPoint(pf, pd, dom, point(uniform()), &o, false)
				if pr.Verdict == OutsideDomain || pr.Verdict == NotJudged {
					rep.Skipped++
					continue
				}
				rep.add(pr)
			}
		}
	}
	rep.OK = rep.Mismatches == 0 && rep.Judged >= rep.Wanted
	if len(o.Points) > 0 {
		rep.OK = rep.Mismatches == 0 && rep.Judged > 0
	}
	return rep, nil
}

func (r *Report) add(pr PointResult) {
	r.Points = append(r.Points, pr)
	switch pr.Verdict {
	case Agree:
		r.Judged++
	case Mismatch:
		r.Judged++
		r.Mismatches++
	}
}

// finite reports whether x is finite (both parts of a complex x): x - x
// is 0 then, and NaN (in a part) for an infinity or a NaN.
func finite[T num](x T) bool { return x-x == 0 }

// A domainCheck evaluates the argument of every function call in f, to
// tell whether each function is differentiable at its argument (the
// table's Domain): abs at 0 is not, though both sides agree there.
type domainCheck struct {
	calls []*symbolic.Call
	args  *Program
	out   []float64
}

func newDomainCheck(f symbolic.Expr, vars []*symbolic.Symbol) (*domainCheck, error) {
	d := &domainCheck{}
	var args []symbolic.Expr
	symbolic.Walk(f, func(n symbolic.Expr) {
		if c, ok := n.(*symbolic.Call); ok && c.Func().Domain != nil && len(c.Args()) == 1 {
			d.calls = append(d.calls, c)
			args = append(args, c.Arg())
		}
	})
	if len(args) == 0 {
		return d, nil
	}
	p, err := CompileMany(args, vars...)
	if err != nil {
		return nil, err
	}
	d.args, d.out = p, make([]float64, len(args))
	return d, nil
}

// outside returns the first call whose argument is outside its function's
// domain at vals, or nil.
func (d *domainCheck) outside(vals []float64) *symbolic.Call {
	if d.args == nil {
		return nil
	}
	d.args.EvalMany(vals, d.out)
	for i, c := range d.calls {
		if u := d.out[i]; finite(u) && !c.Func().Domain(u) {
			return c
		}
	}
	return nil
}

// checkPoint checks the derivative at vals. atKink says what to do where
// a function of f is applied at a point where it is not differentiable
// (abs at 0): judge by one-sided differences (for points the caller
// chose), or call the point outside the domain (for random points, which
// are replaced).
func checkPoint(pf, pd *Program, dom *domainCheck, vals []float64, o *CheckOptions, atKink bool) PointResult {
	pr := PointResult{Values: vals, FD: math.NaN(), FDErr: math.NaN(), CS: math.NaN()}
	pr.F = pf.Eval(vals)
	pr.Symbolic = pd.Eval(vals)
	for _, p := range []*float64{&pr.AbsErrFD, &pr.RelErrFD, &pr.TolFD, &pr.AbsErrCS, &pr.RelErrCS, &pr.TolCS} {
		*p = math.NaN()
	}
	if !finite(pr.F) || !finite(pr.Symbolic) {
		pr.Verdict, pr.Reason = OutsideDomain, "f or its derivative is not finite"
		return pr
	}
	args := make([]float64, len(vals))
	copy(args, vals)
	fx := func(t float64) float64 {
		args[0] = t
		return pf.Eval(args)
	}
	floor := absScale(fx, vals[0], pr.F, o)
	if c := dom.outside(vals); c != nil {
		if !atKink {
			pr.Verdict, pr.Reason = OutsideDomain, fmt.Sprintf("%s is not differentiable here", c)
			return pr
		}
		return judgeKink(pr, fx, c, floor, o)
	}
	pr.FD, pr.FDErr = Ridders(fx, vals[0], o.Settings)
	cargs := make([]complex128, len(vals))
	for i, v := range vals {
		cargs[i] = complex(v, 0)
	}
	fc := func(z complex128) complex128 {
		cargs[0] = z
		return pf.EvalComplex(cargs)
	}
	pr.CS = ComplexStep(fc, vals[0])
	if mag := math.Max(math.Abs(pr.CS), math.Abs(pr.Symbolic)); mag*ComplexStepH < minNormalImag {
		// The imaginary part would be subnormal and imprecise.
		pr.CS = complexStepScaled(fc, vals[0], mag)
	}

	d := pr.Symbolic
	judged := func(fd, est float64) bool { return finite(fd) && est <= o.MaxFDError*math.Max(math.Abs(fd), floor) }
	step, _, _, _ := o.Settings.defaults(vals[0])
	if !judged(pr.FD, pr.FDErr) {
		// The first step may be too long for a steep function
		// (exp(100*x) changes by e^10 over 0.1): try shorter ones.
		s := Settings{}
		if o.Settings != nil {
			s = *o.Settings
		}
		for _, div := range []float64{100, 10000} {
			s.Step = step / div
			if fd, est := Ridders(fx, vals[0], &s); judged(fd, est) {
				pr.FD, pr.FDErr, step = fd, est, s.Step
				break
			}
		}
	}
	if !judged(pr.FD, pr.FDErr) {
		pr.Verdict, pr.Reason = NotJudged, "finite difference too uncertain (pole, kink or edge of the domain)"
		return pr
	}
	scale := math.Max(math.Max(math.Abs(d), math.Abs(pr.FD)), floor)
	pr.AbsErrFD, pr.RelErrFD = errs(d, pr.FD)
	pr.TolFD = math.Max(o.RelTolFD*scale, 2*pr.FDErr)
	pr.Verdict = Agree
	if !(pr.AbsErrFD <= pr.TolFD) {
		// A kink or pole within the first steps can fool the
		// extrapolation with a small error estimate. Differences that
		// start from a much smaller step must then tell another story.
		s := Settings{}
		if o.Settings != nil {
			s = *o.Settings
		}
		s.Step = step / 1000
		fd2, est2 := Ridders(fx, vals[0], &s)
		if !finite(fd2) || math.Abs(fd2-pr.FD) > math.Max(o.RelTolFD*scale, 2*(pr.FDErr+est2)) {
			pr.Verdict, pr.Reason = NotJudged, "finite differences from different steps disagree (kink or pole nearby)"
			return pr
		}
		pr.Verdict, pr.Reason = Mismatch, "disagrees with the finite difference"
	}
	if bound := errorBound(pd, vals); finite(pr.CS) && finite(bound) {
		pr.AbsErrCS, pr.RelErrCS = errs(d, pr.CS)
		pr.TolCS = o.RelTolCS*math.Max(math.Max(math.Abs(d), math.Abs(pr.CS)), floor) + bound
		if !(pr.AbsErrCS <= pr.TolCS) {
			if pr.Verdict == Mismatch {
				pr.Reason = "disagrees with the finite difference and the complex step"
			} else {
				pr.Verdict, pr.Reason = Mismatch, "disagrees with the complex step"
			}
		}
	}
	return pr
}

// absScale is the magnitude below which derivatives are compared
// absolutely at x: o.AbsScale, lowered to the scale of f at x over the
// first finite-difference step h, max(|f(x)|, min(|f(x-h)|, |f(x+h)|))/h.
// A fixed scale of 1 would pass anything for a function whose values are
// all tiny (exp(100*x) at x = -2 is 1e-87: a finite difference of the
// wrong sign is within 1e-8 of its derivative). The smaller side counts,
// not the larger, so that a steep function (exp(-100*x^2) at x = -2.6,
// 1e-297, next to 1e-242 a step away) is compared at its own scale; the
// sides count at all so that a root (f(x) = 0) keeps the scale of f
// around it.
func absScale(f func(float64) float64, x, fx float64, o *CheckOptions) float64 {
	h, _, _, _ := o.Settings.defaults(x)
	side := math.Min(math.Abs(f(x-h)), math.Abs(f(x+h)))
	if !finite(side) {
		side = 0
	}
	return math.Min(o.AbsScale, math.Max(math.Abs(fx), side)/h)
}

// judgeKink judges a point where a function of f is not differentiable
// (c, such as abs at 0) by one-sided differences: f itself may still be
// (x*abs(x) at 0 has the derivative 0 from both sides). Where the two
// sides differ, f is not differentiable there and the point is outside
// the domain. The complex step, which continues one piece, is not used.
func judgeKink(pr PointResult, f func(float64) float64, c *symbolic.Call, floor float64, o *CheckOptions) PointResult {
	x := pr.Values[0]
	right, errR := riddersOneSided(f, x, +1, o.Settings)
	left, errL := riddersOneSided(f, x, -1, o.Settings)
	d := pr.Symbolic
	scale := math.Max(math.Max(math.Abs(d), math.Max(math.Abs(left), math.Abs(right))), floor)
	if !finite(left) || !finite(right) || !(math.Max(errL, errR) <= o.MaxFDError*scale) {
		pr.Verdict, pr.Reason = NotJudged, fmt.Sprintf("%s is not differentiable here and one-sided differences are too uncertain", c)
		return pr
	}
	if math.Abs(right-left) > math.Max(o.RelTolFD*scale, 2*(errL+errR)) {
		pr.Verdict, pr.Reason = OutsideDomain, fmt.Sprintf("not differentiable here: the derivative from the left is %.6g, from the right %.6g", left, right)
		return pr
	}
	pr.FD, pr.FDErr = (left+right)/2, math.Max(errL, errR)+math.Abs(right-left)/2
	pr.AbsErrFD, pr.RelErrFD = errs(d, pr.FD)
	pr.TolFD = math.Max(o.RelTolFD*scale, 2*pr.FDErr)
	pr.Verdict, pr.Reason = Agree, fmt.Sprintf("judged by one-sided differences (%s is not differentiable here)", c)
	if !(pr.AbsErrFD <= pr.TolFD) {
		pr.Verdict, pr.Reason = Mismatch, fmt.Sprintf("disagrees with the one-sided differences (%s is not differentiable here)", c)
	}
	return pr
}

// errorBound is the rounding-error bound of p at vals, +Inf where it
// cannot be computed (an intermediate overflowed).
func errorBound(p *Program, vals []float64) float64 {
	_, b := p.ErrorBound(vals)
	if !finite(b) {
		return math.Inf(1)
	}
	return b
}

// errs returns the absolute and relative difference of a and b (relative
// to the larger magnitude; 0 when both are 0).
func errs(a, b float64) (abs, rel float64) {
	abs = math.Abs(a - b)
	m := math.Max(math.Abs(a), math.Abs(b))
	if m == 0 {
		return abs, 0
	}
	return abs, abs / m
}

// Table returns the points of the report as an aligned text table, one
// row per point: the point, the symbolic derivative, the finite difference
// with its error estimate and relative error, the complex step with its
// relative error, and the verdict.
func (r *Report) Table() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	var head []string
	for _, v := range r.Vars {
		head = append(head, v.Name())
	}
	name := "d/d" + r.X.Name()
	head = append(head, name+" symbolic", "finite diff", "± est", "rel err", "complex step", "rel err", "verdict")
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	num := func(v float64) string {
		if math.IsNaN(v) {
			return "-"
		}
		return fmt.Sprintf("%.16g", v)
	}
	small := func(v float64) string {
		if math.IsNaN(v) {
			return "-"
		}
		return fmt.Sprintf("%.1e", v)
	}
	for _, p := range r.Points {
		var row []string
		for _, v := range p.Values {
			row = append(row, fmt.Sprintf("%.6g", v))
		}
		row = append(row, num(p.Symbolic), num(p.FD), small(p.FDErr), small(p.RelErrFD),
			num(p.CS), small(p.RelErrCS), p.Verdict.String())
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
	// tabwriter pads the last cell too; trim the trailing spaces.
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

// Summary returns the report's one-line verdict.
func (r *Report) Summary() string {
	tol := fmt.Sprintf("(rel err <= %.0e vs finite differences, <= %.0e vs complex step)", r.RelTolFD, r.RelTolCS)
	skipped := ""
	if r.Skipped > 0 {
		skipped = fmt.Sprintf("; %d random points outside the domain or not judged were replaced", r.Skipped)
	}
	switch {
	case r.Mismatches > 0:
		return fmt.Sprintf("FAIL: %d of %d judged points disagree %s%s", r.Mismatches, r.Judged, tol, skipped)
	case r.Judged == 0:
		why := ""
		if !r.Random && len(r.Points) == 1 && r.Points[0].Reason != "" {
			why = ": " + r.Points[0].Reason
		}
		return fmt.Sprintf("FAIL: no point could be judged (%d wanted)%s%s", r.Wanted, skipped, why)
	case r.Judged < r.Wanted && r.Random:
		return fmt.Sprintf("FAIL: only %d of %d random points could be judged %s%s", r.Judged, r.Wanted, tol, skipped)
	case r.Judged < r.Wanted:
		return fmt.Sprintf("ok: the derivative agrees at %d of %d points, %d outside the domain or not judged %s",
			r.Judged, r.Wanted, r.Wanted-r.Judged, tol)
	}
	return fmt.Sprintf("ok: the derivative agrees at %d of %d points %s%s", r.Judged, r.Wanted, tol, skipped)
}

// String returns the table followed by the summary line.
func (r *Report) String() string {
	return r.Table() + r.Summary() + "\n"
}
