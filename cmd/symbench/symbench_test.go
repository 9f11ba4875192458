package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// The tests build small workloads of each family in Go (package
// internal/workloads), write them as workload files, run symbench's core on
// them and compare its check value with one computed independently of
// symdiff's differentiation: closed forms, hand-written chain and product
// rules, Taylor-series arithmetic, or Ridders' extrapolated differences of
// a loss written in Go.

var sigmoidFn, _ = symbolic.Lookup("sigmoid")

func sig(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

// nestedBuiltin returns the nested sigmoid of depth d with the built-in
// function, the "expr" form of W2.
func nestedBuiltin(d int) symbolic.Expr {
	var e symbolic.Expr = workloads.X
	for range d {
		e = symbolic.Apply(sigmoidFn, e)
	}
	return e
}

// workload builds a workload the way the anchors' generator does.
func workload(id, family string, expr, expanded symbolic.Expr, task Task, at map[string]float64, vars ...string) *Workload {
	if vars == nil {
		vars = []string{"x"}
	}
	if task.Wrt == nil {
		task.Wrt = json.RawMessage(`"x"`)
	}
	return &Workload{
		ID: id, Workload: family, Params: json.RawMessage(`{}`),
		Expr: expr.String(), ExprExpanded: expanded.String(),
		Vars: vars, Task: task, CheckPoint: at,
	}
}

func wrtList(names []string) json.RawMessage {
	b, _ := json.Marshal(names)
	return b
}

// writeAndRead writes w to a file and reads it back through ReadWorkload,
// as the command does.
func writeAndRead(t *testing.T, w *Workload) *Workload {
	t.Helper()
	data, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), w.ID+".json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadWorkload(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func relErr(a, b float64) float64 {
	return math.Abs(a-b) / math.Max(math.Max(math.Abs(a), math.Abs(b)), 1e-300)
}

// taylorExp returns the Taylor coefficients of exp(a(t)) from those of a.
func taylorExp(a []float64) []float64 {
	b := make([]float64, len(a))
	b[0] = math.Exp(a[0])
	for k := 1; k < len(a); k++ {
		var s float64
		for j := 1; j <= k; j++ {
			s += float64(j) * a[j] * b[k-j]
		}
		b[k] = s / float64(k)
	}
	return b
}

// kthDerivative returns k! c[k].
func kthDerivative(c []float64, k int) float64 {
	f := 1.0
	for i := 2; i <= k; i++ {
		f *= float64(i)
	}
	return f * c[k]
}

// dkExpSin returns the k-th derivative of exp(sin(x)) at x0 by Taylor
// arithmetic.
func dkExpSin(x0 float64, k int) float64 {
	a := make([]float64, k+1)
	fact := 1.0
	for i := range a {
		if i > 0 {
			fact *= float64(i)
		}
		a[i] = math.Sin(x0+float64(i)*math.Pi/2) / fact
	}
	return kthDerivative(taylorExp(a), k)
}

// dkXToX returns the k-th derivative of x^x = exp(x log x) at x0 by Taylor
// arithmetic.
func dkXToX(x0 float64, k int) float64 {
	l := make([]float64, k+1) // log(x0 + t)
	l[0] = math.Log(x0)
	for i := 1; i <= k; i++ {
		l[i] = math.Pow(-1, float64(i+1)) / (float64(i) * math.Pow(x0, float64(i)))
	}
	c := make([]float64, k+1) // (x0 + t) log(x0 + t)
	for i := range c {
		c[i] = x0 * l[i]
		if i > 0 {
			c[i] += l[i-1]
		}
	}
	return kthDerivative(taylorExp(c), k)
}

// dProductSin returns d/dx of the product over k = 1..n of sin(k x + k).
func dProductSin(n int, x float64) float64 {
	var sum float64
	for k := 1; k <= n; k++ {
		kk := float64(k)
		term := kk * math.Cos(kk*x+kk)
		for j := 1; j <= n; j++ {
			if j != k {
				term *= math.Sin(float64(j)*x + float64(j))
			}
		}
		sum += term
	}
	return sum
}

// xorLoss is the loss of workloads.XOR(h) written in Go, with the
// parameters in the order of MLP.Params.
func xorLoss(h int, p []float64) float64 {
	var loss float64
	c := p[4*h]
	for i, in := range workloads.XORInputs {
		z := c
		for j := range h {
			w1, w2, b, v := p[4*j], p[4*j+1], p[4*j+2], p[4*j+3]
			z += v * sig(w1*in[0]+w2*in[1]+b)
		}
		d := sig(z) - workloads.XORTargets[i]
		loss += d * d
	}
	return loss
}

func TestRunChecks(t *testing.T) {
	const x0 = 0.3
	atX := map[string]float64{"x": x0}
	type tc struct {
		w    *Workload
		want float64
		tol  float64
	}
	var cases []tc

	// W1: d/dx sigmoid = s(1-s); simplify too.
	cases = append(cases, tc{workload("W1", "W1", symbolic.Apply(sigmoidFn, workloads.X), workloads.Sigmoid(),
		Task{Kind: "diff", SimplifyToo: true}, atX), sig(x0) * (1 - sig(x0)), 1e-12})

	// W2: the chain rule by hand down the nest.
	for _, d := range []int{1, 5, 30} {
		u, want := x0, 1.0
		for range d {
			s := sig(u)
			want *= s * (1 - s)
			u = s
		}
		cases = append(cases, tc{workload(fmt.Sprintf("W2_d%d", d), "W2", nestedBuiltin(d), workloads.NestedSigmoid(d),
			Task{Kind: "diff"}, atX), want, 1e-12})
	}

	// W3: the product rule by hand.
	for _, n := range []int{1, 4, 12} {
		e := workloads.ProductSin(n)
		cases = append(cases, tc{workload(fmt.Sprintf("W3_n%d", n), "W3", e, e, Task{Kind: "diff"}, atX),
			dProductSin(n, x0), 1e-11})
	}

	// W4: gradient of the XOR loss against Ridders on the loss in Go.
	for _, h := range []int{1, 2} {
		m := workloads.XOR(h)
		names := make([]string, len(m.Params))
		at := map[string]float64{}
		p := make([]float64, len(m.Params))
		for i, v := range m.Params {
			names[i] = v.Name()
			p[i] = 0.1 + 0.07*float64(i%7) - 0.2*float64(i%2)
			at[names[i]] = p[i]
		}
		var want float64
		for i := range p {
			d, _ := numeric.Ridders(func(v float64) float64 {
				q := append([]float64(nil), p...)
				q[i] = v
				return xorLoss(h, q)
			}, p[i], nil)
			want += (1 + 0.01*float64(i)) * d
		}
		expanded := workloads.XORWith(h, workloads.Logistic)
		cases = append(cases, tc{workload(fmt.Sprintf("W4_h%d", h), "W4", m.Loss, expanded.Loss,
			Task{Kind: "gradient", Wrt: wrtList(names)}, at, names...), want, 1e-8})
	}

	// W5: the Rosenbrock Hessian in closed form, row-major.
	for _, n := range []int{2, 5} {
		f, xs := workloads.Rosenbrock(n)
		names := make([]string, n)
		at := map[string]float64{}
		v := make([]float64, n)
		for i, s := range xs {
			names[i] = s.Name()
			v[i] = 0.2 + 0.13*float64(i)
			at[names[i]] = v[i]
		}
		H := make([][]float64, n)
		for i := range H {
			H[i] = make([]float64, n)
		}
		for i := range n {
			if i+1 < n {
				H[i][i] += 1200*v[i]*v[i] - 400*v[i+1] + 2
				H[i][i+1], H[i+1][i] = -400*v[i], -400*v[i]
			}
			if i > 0 {
				H[i][i] += 200
			}
		}
		var want float64
		for i := range n {
			for j := range n {
				want += (1 + 0.01*float64(i*n+j)) * H[i][j]
			}
		}
		cases = append(cases, tc{workload(fmt.Sprintf("W5_n%d", n), "W5", f, f,
			Task{Kind: "hessian", Wrt: wrtList(names)}, at, names...), want, 1e-12})
	}

	// W6: high-order derivatives by Taylor arithmetic.
	for _, k := range []int{1, 4, 7} {
		e := workloads.ExpSin()
		cases = append(cases, tc{workload(fmt.Sprintf("W6a_k%d", k), "W6a", e, e, Task{Kind: "diff", Order: k}, atX),
			dkExpSin(x0, k), 1e-10})
	}
	xx := symbolic.Pow(workloads.X, workloads.X)
	for _, k := range []int{2, 4} {
		cases = append(cases, tc{workload(fmt.Sprintf("W6b_k%d", k), "W6b", xx, xx, Task{Kind: "diff", Order: k}, atX),
			dkXToX(x0, k), 1e-10})
	}

	// W7: the sum of f'(x_k), k = 0, 1000, 2000, ... over the eval points.
	evalTask := Task{Kind: "eval", NPoints: 4501, Lo: -2, Hi: 2}
	sum := func(df func(float64) float64) float64 {
		var s float64
		step := (evalTask.Hi - evalTask.Lo) / float64(evalTask.NPoints-1)
		for k := 0; k < evalTask.NPoints; k += 1000 {
			s += df(evalTask.Lo + step*float64(k))
		}
		return s
	}
	cases = append(cases, tc{workload("W7a", "W7a", symbolic.Apply(sigmoidFn, workloads.X), workloads.Sigmoid(), evalTask, atX),
		sum(func(v float64) float64 { return sig(v) * (1 - sig(v)) }), 1e-12})
	p10 := workloads.ProductSin(10)
	cases = append(cases, tc{workload("W7b", "W7b", p10, p10, evalTask, atX),
		sum(func(v float64) float64 { return dProductSin(10, v) }), 1e-10})

	for _, c := range cases {
		t.Run(c.w.ID, func(t *testing.T) {
			w := writeAndRead(t, c.w)
			r := Run(w, Config{Both: true})
			if !r.OK {
				t.Fatalf("failed during %s: %s", r.Phase, r.Error)
			}
			if r.Check == nil {
				t.Fatal("no check value")
			}
			if e := relErr(*r.Check, c.want); e > c.tol {
				t.Errorf("check = %.17g, want %.17g (rel err %.2g > %.2g)", *r.Check, c.want, e, c.tol)
			}
			wantN := 1
			switch w.Task.Kind {
			case "gradient":
				wantN = len(w.Vars)
			case "hessian":
				wantN = len(w.Vars) * len(w.Vars)
			}
			if r.NResults != wantN {
				t.Errorf("n_results = %d, want %d", r.NResults, wantN)
			}
			if r.ResultSize == nil || r.ResultDAG == nil || *r.ResultDAG < 1 || int64(*r.ResultDAG) > *r.ResultSize {
				t.Errorf("sizes: tree %v, dag %v: want 1 <= dag <= tree", r.ResultSize, r.ResultDAG)
			}
			for name, v := range map[string]*float64{"parse_s": r.ParseS, "diff_s": r.DiffS} {
				if v == nil || *v < 0 {
					t.Errorf("%s = %v, want a time", name, v)
				}
			}
			if w.Task.SimplifyToo && (r.SimplifyS == nil || r.Simplified == "" || r.DiffSimplifyS == nil) {
				t.Errorf("simplify fields missing: %+v", r.Form)
			}
			if w.Task.Kind == "eval" {
				if r.EvalS == nil || r.EvalScalarS == nil || r.CompileS == nil || r.EvalPoints != w.Task.NPoints {
					t.Errorf("eval fields missing: eval %v scalar %v compile %v points %d", r.EvalS, r.EvalScalarS, r.CompileS, r.EvalPoints)
				}
			}
			// The other form, when it differs, must give the same values.
			if w.Expr != w.ExprExpanded && w.Task.Kind != "eval" {
				o := r.OtherForm
				if o == nil || o.Check == nil {
					t.Fatalf("other form missing: %+v", o)
				}
				if o.Input != FormSigmoid {
					t.Errorf("other form is %q, want %q", o.Input, FormSigmoid)
				}
				if e := relErr(*o.Check, *r.Check); e > 1e-12 {
					t.Errorf("sigmoid form check %.17g, expanded %.17g", *o.Check, *r.Check)
				}
			}
		})
	}
}

func TestSimplifyBetween(t *testing.T) {
	e := workloads.ExpSin()
	w := workload("W6a_k5", "W6a", e, e, Task{Kind: "diff", Order: 5}, map[string]float64{"x": 0.3})
	r := Run(w, Config{SimplifyBetween: true})
	if !r.OK {
		t.Fatalf("failed during %s: %s", r.Phase, r.Error)
	}
	if !strings.Contains(r.DiffMode, "Simplify") {
		t.Errorf("diff_mode %q does not say that it simplified", r.DiffMode)
	}
	if want := dkExpSin(0.3, 5); relErr(*r.Check, want) > 1e-10 {
		t.Errorf("check %v, want %v", *r.Check, want)
	}
}

func TestRunErrors(t *testing.T) {
	at := map[string]float64{"x": 0.3}
	tests := []struct {
		name  string
		w     *Workload
		phase string
		msg   string
	}{
		{"bad syntax", &Workload{ID: "bad", ExprExpanded: "1/(1+exp(-x)", Task: Task{Kind: "diff", Wrt: json.RawMessage(`"x"`)}, CheckPoint: at},
			"parse", ""},
		{"constant variable", &Workload{ID: "pi", ExprExpanded: "sin(x)", Task: Task{Kind: "diff", Wrt: json.RawMessage(`"pi"`)}, CheckPoint: at},
			"diff", "constant"},
		{"unbound variable at the check point", &Workload{ID: "y", ExprExpanded: "x*y", Task: Task{Kind: "diff", Wrt: json.RawMessage(`"x"`)}, CheckPoint: at},
			"check", ""},
		{"unknown form", &Workload{ID: "f", ExprExpanded: "x", Task: Task{Kind: "diff", Wrt: json.RawMessage(`"x"`)}, CheckPoint: at},
			"parse", "form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{}
			if tt.name == "unknown form" {
				cfg.Form = "neither"
			}
			r := Run(tt.w, cfg)
			if r.OK || r.Error == "" {
				t.Fatalf("ok=%v error=%q, want a failure", r.OK, r.Error)
			}
			if r.Phase != tt.phase {
				t.Errorf("phase %q, want %q (error %s)", r.Phase, tt.phase, r.Error)
			}
			if !strings.Contains(r.Error, tt.msg) {
				t.Errorf("error %q does not mention %q", r.Error, tt.msg)
			}
		})
	}
}

func TestParseWorkloadErrors(t *testing.T) {
	tests := []struct{ name, json, msg string }{
		{"not json", `{`, "workload"},
		{"no expression", `{"id":"a","task":{"kind":"diff","wrt":"x"}}`, "no expr"},
		{"unknown kind", `{"id":"a","expr":"x","task":{"kind":"integrate","wrt":"x"}}`, "unknown task kind"},
		{"no wrt", `{"id":"a","expr":"x","task":{"kind":"diff"}}`, "wrt"},
		{"empty wrt list", `{"id":"a","expr":"x","task":{"kind":"gradient","wrt":[]}}`, "empty"},
		{"wrt a number", `{"id":"a","expr":"x","task":{"kind":"diff","wrt":3}}`, "string"},
		{"negative order", `{"id":"a","expr":"x","task":{"kind":"diff","wrt":"x","order":-1}}`, "negative"},
		{"eval without points", `{"id":"a","expr":"x","task":{"kind":"eval","wrt":"x"}}`, "n_points"},
	}
	for _, tt := range tests {
		_, err := ParseWorkload([]byte(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.name, err, tt.msg)
		}
	}
}

// TestCommand runs the command in-process: partial lines first, the final
// record last, in the anchors' format.
func TestCommand(t *testing.T) {
	w := workload("W1", "W1", symbolic.Apply(sigmoidFn, workloads.X), workloads.Sigmoid(),
		Task{Kind: "diff", SimplifyToo: true}, map[string]float64{"x": 0.3})
	data, _ := json.Marshal(w)
	path := filepath.Join(t.TempDir(), "W1.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if rc := run([]string{"-reps=false", path}, &out, &errb); rc != 0 {
		t.Fatalf("exit %d, stderr %s", rc, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("want partial lines and a final one, got %q", out.String())
	}
	var last map[string]any
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", i, err)
		}
		if partial := m["partial"] == true; partial != (i < len(lines)-1) {
			t.Errorf("line %d: partial=%v", i, m["partial"])
		}
		last = m
	}
	for _, k := range []string{"peer", "peer_version", "workload", "case", "params", "parser", "parse_s", "diff_s",
		"simplify_s", "result_size", "result_dag", "size_metric", "n_results", "check", "ok"} {
		if _, ok := last[k]; !ok {
			t.Errorf("final line has no %q: %s", k, lines[len(lines)-1])
		}
	}
	if last["peer"] != "go" || last["ok"] != true {
		t.Errorf("peer %v ok %v", last["peer"], last["ok"])
	}

	for _, tt := range []struct {
		args []string
		rc   int
	}{
		{nil, 2},
		{[]string{"-form", "other", path}, 2},
		{[]string{filepath.Join(t.TempDir(), "missing.json")}, 1},
	} {
		out.Reset()
		errb.Reset()
		if rc := run(tt.args, &out, &errb); rc != tt.rc {
			t.Errorf("symbench %q: exit %d, want %d", tt.args, rc, tt.rc)
		}
		if errb.Len() == 0 {
			t.Errorf("symbench %q: nothing on stderr", tt.args)
		}
	}
}

func TestTimer(t *testing.T) {
	var order []string
	tm := timer{reps: true}.time(func(run int) { order = append(order, "run"+strconv.Itoa(run)) },
		func(run int) { order = append(order, "fresh"+strconv.Itoa(run)) }, true)
	if tm.Reps < 1 || tm.Reps > maxRuns-1 || len(order) != 2*(tm.Reps+1) {
		t.Fatalf("reps %d, calls %v: want 1..%d reps after one warm-up", tm.Reps, order, maxRuns-1)
	}
	for i := 0; i < len(order); i += 2 {
		if want := strconv.Itoa(i / 2); order[i] != "fresh"+want || order[i+1] != "run"+want {
			t.Fatalf("calls %v: want fresh before %s", order, want)
		}
	}
	order = nil
	timer{reps: true}.time(func(run int) { order = append(order, "run"+strconv.Itoa(run)) },
		func(run int) { order = append(order, "fresh"+strconv.Itoa(run)) }, false)
	if len(order) == 0 || order[0] != "fresh0" || order[1] != "run0" {
		t.Errorf("without collecting, calls %v: want fresh before each run all the same", order)
	}
	calls := 0
	if tm := (timer{}).time(func(int) { calls++ }, nil, false); tm.Reps != 1 || calls != 1 {
		t.Errorf("without reps: %d reps, %d calls", tm.Reps, calls)
	}
	for _, tt := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tt.xs); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.xs, got, tt.want)
		}
	}
}

// TestTwins checks that the twins share no node that depends on a
// variable with the input or with each other, so that no timed run can
// find another's nodes, and that each is the input with its variables
// renamed.
func TestTwins(t *testing.T) {
	x := symbolic.Sym("x")
	text := "1/(1+exp(-x)) + x*y + 2x + exp(x) + x_1*xx"
	e := parser.MustParse(text)
	texts := renameVars(text, []*symbolic.Symbol{x}, 3)
	seen := map[symbolic.Expr]int{}
	symbolic.Walk(symbolic.D(e, x), func(n symbolic.Expr) { seen[n] = -1 })
	for i, text := range texts {
		tw := twin{e: parser.MustParse(text), vars: twinVars([]*symbolic.Symbol{x}, i)}
		if want := symbolic.Subs(e, map[symbolic.Expr]symbolic.Expr{x: tw.vars[0]}); tw.e != want {
			t.Errorf("twin text %q parses to %v, want %v", text, tw.e, want)
		}
		symbolic.Walk(symbolic.D(tw.e, tw.vars[0]), func(n symbolic.Expr) {
			if j, ok := seen[n]; ok && j != i && symbolic.Contains(n, tw.vars[0]) {
				t.Errorf("twin %d's derivative shares %v with %d", i, n, j)
			}
			if _, ok := seen[n]; !ok {
				seen[n] = i
			}
		})
	}
}

// TestPhase: a short phase is timed cold on twins 0..maxRuns-1 and back
// to back on the others, so no run reuses another's twin; a cold run holds
// only its own twin, the back-to-back series holds all of its own.
func TestPhase(t *testing.T) {
	seen := map[int]int{}
	slots := make([]int, 2*maxRuns)
	made := 0
	hold := holder(slots, func(i int) int { made++; return i + 1 })
	_, isHot, cold := timer{reps: true}.phase(func(i int) {
		seen[i]++
		held := 0
		for j, v := range slots {
			if v != 0 {
				held++
				if v != j+1 {
					t.Errorf("slot %d holds %d", j, v)
				}
			}
		}
		switch {
		case slots[i] != i+1:
			t.Errorf("run on twin %d: the twin is not held", i)
		case i < maxRuns && held != 1:
			t.Errorf("cold run on twin %d: %d twins held, want its own only", i, held)
		case i >= maxRuns && held != maxRuns:
			t.Errorf("back-to-back run on twin %d: %d twins held, want the series' %d", i, held, maxRuns)
		}
	}, hold)
	if !isHot {
		t.Fatalf("an empty phase (cold median %v s) was not timed back to back", cold.Median)
	}
	for i, n := range seen {
		if n != 1 || i < 0 || i >= 2*maxRuns {
			t.Errorf("twin %d used %d times: want each of 0..%d at most once", i, n, 2*maxRuns-1)
		}
	}
	if len(seen) != 2*(cold.Reps+1) {
		t.Errorf("%d twins used, want %d (two series of %d runs)", len(seen), 2*(cold.Reps+1), cold.Reps+1)
	}
	if made != cold.Reps+1+maxRuns {
		t.Errorf("%d twins made, want %d: each once", made, cold.Reps+1+maxRuns)
	}
}

// The command lines of issue 13's workloads read back as the workloads:
// the expression printed parses to the workload's node, and the command
// names its variables.
func TestIssue13Args(t *testing.T) {
	for _, name := range issue13Names {
		args, err := issue13Args(name)
		if err != nil {
			t.Fatal(err)
		}
		want, vars, grad, _ := issue13Workload(name)
		if grad != (args[0] == "grad") {
			t.Errorf("%s: command %q", name, args[0])
		}
		if grad {
			args = args[1:]
		}
		e, err := parser.Parse(args[0])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e != want {
			t.Errorf("%s: the printed expression does not read back as the workload", name)
		}
		if len(args)-1 != len(vars) || args[1] != vars[0].Name() {
			t.Errorf("%s: %d variables on the command line, want %d", name, len(args)-1, len(vars))
		}
	}
	if _, err := issue13Args("nope"); err == nil {
		t.Error("an unknown workload gave no error")
	}
}
