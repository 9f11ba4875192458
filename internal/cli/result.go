package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the results of the commands. Their JSON form is the
// schema of --json and of symdiff batch, documented in docs/cli.md
// (TestDocsJSONFields checks that every field is named there).

// header holds the fields every result has.
type header struct {
	// Command is the command that made the result: diff, simplify, eval,
	// grad, jacobian, hessian, graph or equal.
	Command string `json:"command"`
	// Input is the expression as read (for equal, the first).
	Input string `json:"input"`
	// Warnings are the warnings that text output writes to standard error.
	Warnings []string `json:"warnings,omitempty"`
	// Stats are the timings and sizes of --stats.
	Stats *stats `json:"stats,omitempty"`
}

func (h *header) head() *header { return h }

// exprJSON is an expression as text (symdiff's input syntax) and LaTeX.
type exprJSON struct {
	Text  string  `json:"text"`
	LaTeX lazyTeX `json:"latex"`
}

// lazyTeX is the LaTeX of an expression, written when it is needed (in
// JSON), not when the result is made: the text output of a large
// derivative does not pay for its LaTeX.
type lazyTeX struct {
	e symbolic.Expr
	s string
	// shared, if set, writes a number times a sum met in the others as
	// that multiple, as its text does (see exprShared).
	shared *symbolic.SharedFormatter
}

func texOf(e symbolic.Expr) lazyTeX { return lazyTeX{e: e} }

// String returns the LaTeX: an expression far larger as a tree than as a
// DAG in its shared form (see sharedForm), as one aligned environment.
func (t lazyTeX) String() string {
	if t.e == nil {
		return t.s
	}
	if top, defs := sharedForm(t.e); len(defs) > 0 {
		return sharedTeX(top, defs)
	}
	return t.whole()
}

// whole returns the LaTeX of the whole expression (not its shared form).
func (t lazyTeX) whole() string {
	if t.shared != nil {
		if k, s, ok := t.shared.Multiple(t.e); ok {
			return latex.Multiple(k, s)
		}
	}
	return latex.Format(t.e)
}

// sharedTeX writes the shared form top, defs as one formula: an aligned
// environment of the top expression, \quad\text{where}, and a line a
// definition.
func sharedTeX(top symbolic.Expr, defs []symbolic.Definition) string {
	var b strings.Builder
	b.WriteString(`\begin{aligned}&`)
	b.WriteString(latex.Format(top))
	b.WriteString(`, \quad\text{where}`)
	for _, d := range defs {
		b.WriteString(` \\ &`)
		b.WriteString(latex.Format(d.Name))
		b.WriteString(" = ")
		b.WriteString(latex.Format(d.Expr))
	}
	b.WriteString(`\end{aligned}`)
	return b.String()
}

// MarshalJSON writes the LaTeX as a JSON string.
func (t lazyTeX) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON reads a JSON string.
func (t *lazyTeX) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &t.s) }

func exprOut(e symbolic.Expr) exprJSON {
	return exprJSON{Text: e.String(), LaTeX: texOf(e)}
}

// exprShared is exprOut with the text and LaTeX of a
// symbolic.SharedFormatter: a number times a sum met in the others prints
// as that multiple, 2*(w*x + b - y) and 2 (w x + b - y).
func exprShared(f *symbolic.SharedFormatter, e symbolic.Expr) exprJSON {
	return exprJSON{Text: f.Format(e), LaTeX: lazyTeX{e: e, shared: f}}
}

// texes returns the LaTeX of each expression.
func texes(es []exprJSON) []lazyTeX {
	out := make([]lazyTeX, len(es))
	for i, e := range es {
		out[i] = e.LaTeX
	}
	return out
}

// texts returns the text of each expression.
func texts(es []exprJSON) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Text
	}
	return out
}

// number is a float64 that is written as null in JSON when it is not
// finite (JSON has no NaN).
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// atJSON is the value of a result at the point of --at (eval's point).
// Value has the shape of the result: a number for diff and eval, an array
// for grad, an array of rows for jacobian and hessian.
type atJSON struct {
	Point map[string]float64 `json:"point"`
	Value any                `json:"value"`
}

// checkJSON is the numeric check of one derivative (--check).
type checkJSON struct {
	// Var is the variable of the derivative checked.
	Var string `json:"var"`
	// OK: every point judged agrees, and enough points were judged.
	OK      bool             `json:"ok"`
	Summary string           `json:"summary"`
	Points  []checkPointJSON `json:"points"`
}

// checkPointJSON is the check at one point; a value that is not finite
// is null.
type checkPointJSON struct {
	Point    map[string]number `json:"point"`
	Symbolic number            `json:"symbolic"`
	FD       number            `json:"fd"`
	FDErr    number            `json:"fd_err"`
	CS       number            `json:"cs"`
	Verdict  string            `json:"verdict"`
	Reason   string            `json:"reason,omitempty"`
}

func checkOut(r *numeric.Report) *checkJSON {
	c := &checkJSON{Var: r.X.Name(), OK: r.OK, Summary: r.Summary(), Points: []checkPointJSON{}}
	for _, p := range r.Points {
		pt := map[string]number{}
		for i, v := range r.Vars {
			if i < len(p.Values) {
				pt[v.Name()] = number(p.Values[i])
			}
		}
		c.Points = append(c.Points, checkPointJSON{
			Point: pt, Symbolic: number(p.Symbolic), FD: number(p.FD), FDErr: number(p.FDErr),
			CS: number(p.CS), Verdict: p.Verdict.String(), Reason: p.Reason,
		})
	}
	return c
}

// verdictJSON is the outcome of comparing two expressions (equal,
// --answer): proven, numeric (equal at every sample point), different (at
// the witness point) or unknown.
type verdictJSON struct {
	Equal   bool         `json:"equal"`
	Verdict string       `json:"verdict"`
	Points  int          `json:"points"`
	Witness *witnessJSON `json:"witness,omitempty"`
}

// witnessJSON is a point where two expressions differ, with both values
// (the first expression's, then the second's).
type witnessJSON struct {
	Point  map[string]float64 `json:"point"`
	Values [2]float64         `json:"values"`
}

// diffResult is a derivative.
type diffResult struct {
	header
	Vars   []string    `json:"vars"`
	N      int         `json:"n"`
	Result exprJSON    `json:"result"`
	At     *atJSON     `json:"at,omitempty"`
	Check  *checkJSON  `json:"check,omitempty"`
	Answer *answerJSON `json:"answer,omitempty"`

	expr   symbolic.Expr
	atText string
	report *numeric.Report
}

// answerJSON is the judgement of --answer: whether the answer is the
// derivative.
type answerJSON struct {
	Input  string   `json:"input"`
	Answer exprJSON `json:"answer"`
	verdictJSON
}

func (r *diffResult) blocks() []block {
	if r.Answer != nil {
		return []block{{note: r.answerText()}}
	}
	bs := []block{{expr: r.expr, text: r.Result.Text, tex: r.Result.LaTeX}}
	if r.At != nil {
		bs = append(bs, block{note: fmt.Sprintf("at %s: %s", r.atText, formatFloat(r.At.Value.(float64)))})
	}
	if r.report != nil {
		bs = append(bs, block{note: r.report.String()})
	}
	return bs
}

// simplifyResult is a simplified expression.
type simplifyResult struct {
	header
	Result exprJSON `json:"result"`
	expr   symbolic.Expr
}

func (r *simplifyResult) blocks() []block { return []block{{expr: r.expr}} }

// evalResult is a value at a point.
type evalResult struct {
	header
	Result exprJSON `json:"result"`
	At     atJSON   `json:"at"`
}

func (r *evalResult) blocks() []block { return []block{{note: r.Result.Text}} }

// gradResult is a gradient: one partial a variable, in the order of Vars.
type gradResult struct {
	header
	Vars []string `json:"vars"`
	// Let holds the shared intermediate results of --let, which the
	// partials use by name.
	Let    []bindingJSON `json:"let,omitempty"`
	Result []exprJSON    `json:"result"`
	At     *atJSON       `json:"at,omitempty"`
	Check  []*checkJSON  `json:"check,omitempty"`

	bindings []symbolic.Binding
	partials []symbolic.Expr
	atText   string
	reports  []*numeric.Report
}

// bindingJSON is one shared intermediate result of grad --let.
type bindingJSON struct {
	Name string `json:"name"`
	exprJSON
}

func (r *gradResult) blocks() []block {
	var bs []block
	for _, b := range r.bindings {
		bs = append(bs, block{label: b.Name.Name(), expr: b.Value})
	}
	labels := make([]string, len(r.Vars))
	for i, v := range r.Vars {
		labels[i] = "d/d" + v
	}
	bs = append(bs, block{labels: labels, column: r.partials, texts: texts(r.Result), texes: texes(r.Result)})
	if r.At != nil {
		vs := r.At.Value.([]float64)
		bs = append(bs, block{note: fmt.Sprintf("at %s: %s", r.atText, formatFloats(vs))})
	}
	for i, rep := range r.reports {
		bs = append(bs, block{note: "check " + labels[i] + ":\n" + rep.String()})
	}
	return bs
}

// matrixResult is a Jacobian (a row a function) or a Hessian.
type matrixResult struct {
	header
	Vars   []string       `json:"vars"`
	Result [][]exprJSON   `json:"result"`
	At     *atJSON        `json:"at,omitempty"`
	Check  [][]*checkJSON `json:"check,omitempty"`

	rows    [][]symbolic.Expr
	atText  string
	reports [][]*numeric.Report
}

func (r *matrixResult) blocks() []block {
	var rowTexts [][]string
	var rowTeX [][]lazyTeX
	for _, row := range r.Result {
		rowTexts = append(rowTexts, texts(row))
		rowTeX = append(rowTeX, texes(row))
	}
	bs := []block{{rows: r.rows, rowTexts: rowTexts, rowTeX: rowTeX}}
	if r.At != nil {
		var lines []string
		for _, row := range r.At.Value.([][]float64) {
			lines = append(lines, formatFloats(row))
		}
		bs = append(bs, block{note: fmt.Sprintf("at %s:\n%s", r.atText, strings.Join(lines, "\n"))})
	}
	for i, row := range r.reports {
		for j, rep := range row {
			bs = append(bs, block{note: fmt.Sprintf("check [%d,%d]:\n%s", i+1, j+1, rep.String())})
		}
	}
	return bs
}

// formatFloats writes values as [a, b, c].
func formatFloats(vs []float64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = formatFloat(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// An errorJSON is the JSON form of an error: {"error": {...}}.
type errorJSON struct {
	// Input is the line of symdiff batch that failed (batch only).
	Input string    `json:"input,omitempty"`
	Error errorBody `json:"error"`
}

// errorBody describes an error. Line and Column are 1-based, 0 when the
// error has no place in the input.
type errorBody struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	// Kind is one of: usage, syntax, limit, domain, timeout, check,
	// output, internal, error.
	Kind string `json:"kind"`
}

func marshalLine(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(errorJSON{Error: errorBody{Message: err.Error(), Kind: "internal"}})
	}
	return append(b, '\n')
}
