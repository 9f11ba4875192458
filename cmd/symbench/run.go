package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// The forms of the input a run can parse.
const (
	// FormExpanded is the workload's expr_expanded, sigmoid written as
	// 1/(1+exp(-u)): the text every peer gets.
	FormExpanded = "expanded"
	// FormSigmoid is the workload's expr, with the built-in sigmoid.
	FormSigmoid = "sigmoid"
)

// SizeMetric says how result_size and result_dag are counted.
const SizeMetric = "symbolic.TreeSize summed over the results: every node incl. numbers and symbols, " +
	"n-ary sum/product = 1 node, a/b = a*b^-1, -u = -1*u (the -1 is a node); " +
	"dag = symbolic.Size of all results together (hash-consed distinct nodes)"

// Config says how to run a workload.
type Config struct {
	// Reps times every phase as the peer runners do (a warm-up, then up to
	// 5 runs within about 3 s, median); false runs each phase once.
	Reps bool
	// Form is the input the main record parses: FormExpanded (the
	// default, what the peers get) or FormSigmoid.
	Form string
	// Both also runs parse, diff, sizes, check and (W1) simplify on the
	// other form, reported under "other_form".
	Both bool
	// SimplifyBetween simplifies between the steps of a derivative of
	// order > 1 (GiNaC does not; off by default; reported in diff_mode).
	SimplifyBetween bool
	// Partial, if not nil, receives a partial result line after each
	// phase, so that a run killed by a timeout still tells how far it got.
	Partial io.Writer
}

// A Result is one result line, with the fields of the anchors' runners.
// Times are in seconds.
type Result struct {
	Peer        string          `json:"peer"`
	PeerVersion string          `json:"peer_version"`
	Workload    string          `json:"workload"`
	Case        string          `json:"case"`
	Params      json.RawMessage `json:"params"`
	Form
	// Eval phase (eval tasks only).
	CompileS       *float64 `json:"compile_s,omitempty"`
	EvalS          *float64 `json:"eval_s,omitempty"`
	EvalCPUS       *float64 `json:"eval_cpu_s,omitempty"`
	EvalReps       int      `json:"eval_reps,omitempty"`
	EvalMode       string   `json:"eval_mode,omitempty"`
	EvalScalarS    *float64 `json:"eval_scalar_s,omitempty"`
	EvalScalarReps int      `json:"eval_scalar_reps,omitempty"`
	EvalScalarMode string   `json:"eval_scalar_mode,omitempty"`
	EvalSerialS    *float64 `json:"eval_serial_s,omitempty"` // EvalBatch with Serial(): one goroutine
	EvalPoints     int      `json:"eval_points,omitempty"`
	// OtherForm is the same work on the other input form (Config.Both).
	OtherForm *Form `json:"other_form,omitempty"`
	Partial   bool  `json:"partial,omitempty"`
	// Phase names the phase that failed.
	Phase string `json:"phase,omitempty"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

// A Form is the work done on one input text: parse, differentiate, measure,
// check and (W1) simplify.
type Form struct {
	// Input is FormExpanded or FormSigmoid.
	Input      string   `json:"input"`
	Parser     string   `json:"parser,omitempty"`
	ParseS     *float64 `json:"parse_s,omitempty"`
	ParseCPUS  *float64 `json:"parse_cpu_s,omitempty"`
	ParseReps  int      `json:"parse_reps,omitempty"`
	ParseColdS *float64 `json:"parse_cold_s,omitempty"`
	// HotPhases names the phases whose *_s figure comes from back-to-back
	// runs on twins of the input (see timer); the others are cold.
	HotPhases  []string `json:"hot_phases,omitempty"`
	InputSize  int64    `json:"input_size,omitempty"`
	InputDAG   int      `json:"input_dag,omitempty"`
	DiffMode   string   `json:"diff_mode,omitempty"`
	DiffS      *float64 `json:"diff_s,omitempty"`
	DiffCPUS   *float64 `json:"diff_cpu_s,omitempty"`
	DiffReps   int      `json:"diff_reps,omitempty"`
	DiffFirstS *float64 `json:"diff_first_s,omitempty"`
	// DiffColdS is diff_s without the warm-up on the twin input between
	// the collection and the run (see timer).
	DiffColdS  *float64 `json:"diff_cold_s,omitempty"`
	NResults   int      `json:"n_results,omitempty"`
	ResultSize *int64   `json:"result_size,omitempty"`
	ResultDAG  *int     `json:"result_dag,omitempty"`
	SizeMetric string   `json:"size_metric,omitempty"`
	ResultText string   `json:"result_text,omitempty"`
	Check      *float64 `json:"check,omitempty"`
	// W1: simplify the derivative.
	SimplifyS      *float64 `json:"simplify_s,omitempty"`
	SimplifyCPUS   *float64 `json:"simplify_cpu_s,omitempty"`
	SimplifyReps   int      `json:"simplify_reps,omitempty"`
	SimplifyColdS  *float64 `json:"simplify_cold_s,omitempty"`
	SimplifyFn     string   `json:"simplify_fn,omitempty"`
	Simplified     string   `json:"simplified,omitempty"`
	SimplifiedSize *int64   `json:"simplified_size,omitempty"`
	// DiffSimplifyS times D and Simplify together, as a user asking for a
	// simplified derivative pays them.
	DiffSimplifyS     *float64 `json:"diff_simplify_s,omitempty"`
	DiffSimplifyColdS *float64 `json:"diff_simplify_cold_s,omitempty"`
	// SimplifyCachedS times Simplify on a derivative it has seen before,
	// answered from its cache of results.
	SimplifyCachedS *float64 `json:"simplify_cached_s,omitempty"`

	results []symbolic.Expr
}

// maxTextSize is the largest result, in tree nodes, printed in result_text.
const maxTextSize = 400

// revision, when set at link time (-ldflags "-X main.revision=REV"),
// names the source the binary was built from, for builds outside a
// checkout (such as from git archive).
var revision string

// Version returns the peer_version of the go peer: the module's VCS
// revision when the binary was built from a checkout with -buildvcs=true
// (+modified for a work tree with uncommitted changes), and the Go version.
func Version() string {
	if revision != "" {
		return revision + " " + runtime.Version()
	}
	v, modified := "dev", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 12:
				v = s.Value[:12]
			case s.Key == "vcs.modified" && s.Value == "true":
				modified = "+modified"
			}
		}
	}
	return v + modified + " " + runtime.Version()
}

func f64(x float64) *float64 { return &x }

// Run runs workload w and returns its result line. Errors in the workload
// or in a phase end up in the result (OK false, Error, Phase), never as a
// panic.
func Run(w *Workload, cfg Config) (res *Result) {
	res = &Result{
		Peer:        "go",
		PeerVersion: Version(),
		Workload:    w.Workload,
		Case:        w.ID,
		Params:      w.Params,
	}
	if res.Params == nil {
		res.Params = json.RawMessage("{}")
	}
	tm := timer{reps: cfg.Reps}
	form := cfg.Form
	if form == "" {
		form = FormExpanded
	}
	other := FormSigmoid
	if form == FormSigmoid {
		other = FormExpanded
	}
	emit := func() {
		if cfg.Partial != nil {
			res.Partial = true
			writeLine(cfg.Partial, res)
			res.Partial = false
		}
	}
	text, err := formText(w, form)
	if err != nil {
		res.Phase, res.Error = "parse", err.Error()
		return res
	}
	if res.Phase, err = runForm(w, text, form, cfg, tm, &res.Form, emit); err != nil {
		res.Error = err.Error()
		return res
	}
	if w.Task.Kind == "eval" {
		emit()
		if err := runEval(w, cfg, tm, res); err != nil {
			res.Phase, res.Error = "eval", err.Error()
			return res
		}
	}
	if cfg.Both {
		if otext, err := formText(w, other); err == nil && otext != text {
			emit()
			o := &Form{}
			if phase, err := runForm(w, otext, other, cfg, tm, o, nil); err != nil {
				o.fail(phase, err)
			}
			o.results = nil
			res.OtherForm = o
		}
	}
	res.Phase = ""
	res.OK = true
	return res
}

// fail records a failure of the other form in its parser field, which
// is all a Form has room for.
func (f *Form) fail(phase string, err error) {
	f.Parser += fmt.Sprintf(" [failed during %s: %v]", phase, err)
}

// formText returns the text of the given form of w.
func formText(w *Workload, form string) (string, error) {
	switch form {
	case FormExpanded:
		if w.ExprExpanded == "" {
			return w.Expr, nil
		}
		return w.ExprExpanded, nil
	case FormSigmoid:
		if w.Expr == "" {
			return w.ExprExpanded, nil
		}
		return w.Expr, nil
	}
	return "", fmt.Errorf("unknown input form %q (want %s or %s)", form, FormExpanded, FormSigmoid)
}

// runForm parses text and does the task's symbolic work on it, filling f.
// It returns the phase that failed, if any.
func runForm(w *Workload, text, form string, cfg Config, tm timer, f *Form, emit func()) (phase string, err error) {
	phase = "parse"
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	if emit == nil {
		emit = func() {}
	}
	f.Input = form
	f.Parser = "symdiff parser.Parse (" + form + ": "
	if form == FormExpanded {
		f.Parser += "expr_expanded, sigmoid written as 1/(1+exp(-u)))"
	} else {
		f.Parser += "expr, built-in sigmoid)"
	}
	f.SizeMetric = SizeMetric

	// Parse. The timed runs below work on twins; the input itself is not
	// held while they run, so that each starts in the heap a process with
	// one input has (see timer.phase).
	var e symbolic.Expr
	var perr error
	if e, perr = parser.Parse(text); perr != nil {
		return phase, perr
	}
	f.InputSize, f.InputDAG = symbolic.TreeSize(e), symbolic.Size(e)
	e = nil
	wrt, err := w.Task.wrt()
	if err != nil {
		return "diff", err
	}
	vars := make([]*symbolic.Symbol, len(wrt))
	for i, name := range wrt {
		v := symbolic.Sym(name)
		if v.IsConstant() {
			return "diff", fmt.Errorf("cannot differentiate by %q: it is a constant", name)
		}
		vars[i] = v
	}
	twinTexts := renameVars(text, vars, 2*maxRuns)
	hot := func(phase string, isHot bool) {
		if isHot {
			f.HotPhases = append(f.HotPhases, phase)
		}
	}
	t, isHot, cold := tm.phase(func(i int) { _, perr = parser.Parse(twinTexts[i]) }, nil)
	if perr != nil {
		return phase, perr
	}
	f.ParseS, f.ParseCPUS, f.ParseReps, f.ParseColdS = f64(t.Median), f64(t.CPU), t.Reps, f64(cold.Median)
	hot("parse", isHot)
	tws := make([]twin, 2*maxRuns)
	mkTwin := func(i int) twin { return twin{e: parser.MustParse(twinTexts[i]), vars: twinVars(vars, i)} }
	holdTwins := holder(tws, mkTwin)
	emit()

	// Differentiate.
	phase = "diff"
	var derr error
	var diff func(e symbolic.Expr, vars []*symbolic.Symbol) []symbolic.Expr
	order := w.Task.order()
	ctx := context.Background()
	switch w.Task.Kind {
	case "diff", "eval":
		if cfg.SimplifyBetween && order > 1 {
			f.DiffMode = fmt.Sprintf("symbolic.D %d times, simplify.Simplify between the steps", order)
			diff = func(e symbolic.Expr, vars []*symbolic.Symbol) []symbolic.Expr {
				d := e
				for i := 0; i < order; i++ {
					d = symbolic.D(d, vars[0])
					if i+1 < order {
						if s, err := simplify.Simplify(ctx, d); err == nil {
							d = s
						}
					}
				}
				return []symbolic.Expr{d}
			}
		} else {
			f.DiffMode = "symbolic.D"
			if order > 1 {
				f.DiffMode = fmt.Sprintf("symbolic.D repeated %d times (symbolic.Diff with Order), no simplification between", order)
			}
			diff = func(e symbolic.Expr, vars []*symbolic.Symbol) []symbolic.Expr {
				for range order {
					e = symbolic.D(e, vars[0])
				}
				return []symbolic.Expr{e}
			}
		}
	case "gradient":
		f.DiffMode = "symbolic.Gradient (one reverse sweep for all partials)"
		diff = func(e symbolic.Expr, vars []*symbolic.Symbol) []symbolic.Expr { return symbolic.Gradient(e, vars) }
	case "hessian":
		f.DiffMode = "symbolic.Hessian (reverse over reverse; builds the n(n+1)/2 entries j >= i, H[j][i] = H[i][j])"
		diff = func(e symbolic.Expr, vars []*symbolic.Symbol) []symbolic.Expr {
			H, err := symbolic.Hessian(ctx, e, vars)
			if err != nil {
				derr = err
			}
			out := make([]symbolic.Expr, 0, len(vars)*len(vars))
			for _, row := range H {
				out = append(out, row...)
			}
			return out
		}
	}
	t, isHot, cold = tm.phase(func(i int) {
		defer symbolic.Recover(&derr)
		diff(tws[i].e, tws[i].vars)
	}, holdTwins)
	if derr != nil {
		return phase, derr
	}
	f.DiffS, f.DiffCPUS, f.DiffReps, f.DiffFirstS = f64(t.Median), f64(t.CPU), t.Reps, f64(t.First)
	f.DiffColdS = f64(cold.Median)
	hot("diff", isHot)
	holdTwins() // drop them
	var rs []symbolic.Expr
	e = parser.MustParse(text)
	func() {
		defer symbolic.Recover(&derr)
		rs = diff(e, vars)
	}()
	if derr != nil {
		return phase, derr
	}
	f.results = rs
	f.NResults = len(rs)
	emit()

	// Measure.
	phase = "size"
	var size int64
	for _, r := range rs {
		size = satAdd(size, symbolic.TreeSize(r))
	}
	dag := symbolic.Size(rs...)
	f.ResultSize, f.ResultDAG = &size, &dag
	if size <= maxTextSize {
		f.ResultText = joinResults(rs)
	}
	emit()

	// Check.
	if w.Task.Kind != "eval" {
		phase = "check"
		c, err := checkSum(rs, w.CheckPoint)
		if err != nil {
			return phase, err
		}
		f.Check = f64(c)
	}

	// Simplify (W1).
	if w.Task.SimplifyToo && len(rs) == 1 {
		phase = "simplify"
		var s symbolic.Expr
		var serr error
		// Every timed run works from scratch (no simplify.Cache): a cache
		// would make every rep after the warm-up a look-up. The cached
		// call is reported apart.
		twinDs := make([]symbolic.Expr, len(tws))
		holdDs := holder(twinDs, func(i int) symbolic.Expr {
			tw := mkTwin(i)
			return diff(tw.e, tw.vars)[0]
		})
		t, isHot, cold = tm.phase(func(i int) { _, serr = simplify.Simplify(ctx, twinDs[i]) }, holdDs)
		holdDs() // drop them: the next phase differentiates the same twins
		if serr != nil {
			return phase, serr
		}
		f.SimplifyS, f.SimplifyCPUS, f.SimplifyReps = f64(t.Median), f64(t.CPU), t.Reps
		f.SimplifyColdS = f64(cold.Median)
		hot("simplify", isHot)
		s, serr = simplify.Simplify(ctx, rs[0])
		if serr != nil {
			return phase, serr
		}
		f.SimplifyFn = "simplify.Simplify (rules + cost-directed search; timed without a cache)"
		f.Simplified = s.String()
		f.SimplifiedSize = new(int64)
		*f.SimplifiedSize = symbolic.TreeSize(s)
		t, isHot, cold = tm.phase(func(i int) {
			defer symbolic.Recover(&serr)
			_, serr = simplify.Simplify(ctx, symbolic.D(tws[i].e, tws[i].vars[0]))
		}, holdTwins)
		if serr != nil {
			return phase, serr
		}
		f.DiffSimplifyS, f.DiffSimplifyColdS = f64(t.Median), f64(cold.Median)
		hot("diff_simplify", isHot)
		var cache simplify.Cache
		simplify.Simplify(ctx, rs[0], simplify.WithCache(&cache)) // fill the cache
		t = tm.time(func(int) { s, serr = simplify.Simplify(ctx, rs[0], simplify.WithCache(&cache)) }, nil, false)
		f.SimplifyCachedS = f64(t.Median)
	}
	return "", nil
}

// runEval compiles the first derivative and evaluates it at the task's
// points, in batch and one point at a time.
func runEval(w *Workload, cfg Config, tm timer, res *Result) error {
	wrt, _ := w.Task.wrt()
	x := symbolic.Sym(wrt[0])
	d := res.results[0]
	var p *numeric.Program
	var err error
	t := tm.time(func(int) { p, err = numeric.Compile(d, x) }, func(int) { p = nil }, false)
	if err != nil {
		return err
	}
	res.CompileS = f64(t.Median)

	n := w.Task.NPoints
	lo, hi := w.Task.Lo, w.Task.Hi
	step := (hi - lo) / float64(n-1)
	xs := make([]float64, n)
	for k := range xs {
		xs[k] = lo + step*float64(k)
	}
	out := make([]float64, n)
	cols := [][]float64{xs}
	t = tm.time(func(int) { p.EvalBatch(cols, [][]float64{out}) }, nil, false)
	res.EvalS, res.EvalCPUS, res.EvalReps = f64(t.Median), f64(t.CPU), t.Reps
	res.EvalMode = fmt.Sprintf("numeric.Compile, Program.EvalBatch over a column of the points (split over GOMAXPROCS=%d goroutines; eval_serial_s: one goroutine)", runtime.GOMAXPROCS(0))
	serialOut := make([]float64, n)
	t = tm.time(func(int) { p.EvalBatch(cols, [][]float64{serialOut}, numeric.Serial()) }, nil, false)
	res.EvalSerialS = f64(t.Median)
	res.EvalPoints = n
	var c float64
	for k := 0; k < n; k += 1000 {
		c += out[k]
	}
	res.Check = f64(c)

	args := make([]float64, 1)
	var acc float64
	t = tm.time(func(int) {
		acc = 0
		for _, v := range xs {
			args[0] = v
			acc += p.Eval(args)
		}
	}, nil, false)
	res.EvalScalarS, res.EvalScalarReps = f64(t.Median), t.Reps
	res.EvalScalarMode = "numeric.Compile, Program.Eval loop (one point per call)"
	if math.IsNaN(acc) && !math.IsNaN(c) {
		return fmt.Errorf("scalar loop gave NaN where the batch did not")
	}
	return nil
}

// checkSum returns sum over k of (1 + 0.01 k) * value_k of rs at the point
// at, evaluating with numeric.CompileMany.
func checkSum(rs []symbolic.Expr, at map[string]float64) (float64, error) {
	names := make([]string, 0, len(at))
	for name := range at {
		names = append(names, name)
	}
	sort.Strings(names)
	vars := make([]*symbolic.Symbol, 0, len(names))
	args := make([]float64, 0, len(names))
	for _, name := range names {
		v := symbolic.Sym(name)
		if v.IsConstant() {
			continue
		}
		vars = append(vars, v)
		args = append(args, at[name])
	}
	p, err := numeric.CompileMany(rs, vars...)
	if err != nil {
		return 0, err
	}
	vals := make([]float64, len(rs))
	p.EvalMany(args, vals)
	var c float64
	for k, v := range vals {
		c += (1 + 0.01*float64(k)) * v
	}
	return c, nil
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func joinResults(rs []symbolic.Expr) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = r.String()
	}
	return strings.Join(s, "; ")
}

// writeLine writes r as one JSON line.
func writeLine(w io.Writer, r *Result) {
	b, err := json.Marshal(r)
	if err != nil {
		b, _ = json.Marshal(map[string]any{"peer": "go", "ok": false, "error": "encoding the result: " + err.Error()})
	}
	w.Write(append(b, '\n'))
}

// A twin is the input with the variables of differentiation renamed to
// names it does not use: the same work on twin i as on the input, in which
// every node that depends on a variable is new (see timer).
type twin struct {
	e    symbolic.Expr
	vars []*symbolic.Symbol
}

// twinName returns the name of variable v in twin i.
func twinName(v string, i int) string { return "twin" + strconv.Itoa(i) + "_" + v }

// twinVars returns the variables of twin i: vars renamed.
func twinVars(vars []*symbolic.Symbol, i int) []*symbolic.Symbol {
	tv := make([]*symbolic.Symbol, len(vars))
	for j, v := range vars {
		tv[j] = symbolic.Sym(twinName(v.Name(), i))
	}
	return tv
}

// renameVars returns n copies of the input text, copy i with each
// variable of vars renamed as in twin i.
func renameVars(text string, vars []*symbolic.Symbol, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = identifier.ReplaceAllStringFunc(text, func(id string) string {
			for _, v := range vars {
				if v.Name() == id {
					return twinName(id, i)
				}
			}
			return id
		})
	}
	return out
}

// identifier matches the names of the input syntax.
var identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z_0-9]*`)
