package cli

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the comparison of expressions: symdiff equal A B, and
// symdiff EXPR VAR --answer ANSWER, which compares a student's answer with
// the derivative. Both use simplify.Equal: proven, numerically equal, or
// different at a witness point.

// equalResult is the outcome of symdiff equal A B.
type equalResult struct {
	header
	// B is the second expression as read (Input is the first).
	B string `json:"b"`
	verdictJSON
}

func (r *equalResult) blocks() []block {
	switch r.Verdict {
	case "proven":
		return []block{{note: "equal (proven)"}}
	case "numeric":
		return []block{{note: fmt.Sprintf("equal (numerically, at %d random points; no proof found)", r.Points)}}
	case "different":
		w := r.Witness
		return []block{{note: fmt.Sprintf("different: at %s, %s = %s and %s = %s",
			pointText(w.Point), r.Input, shortFloat(w.Values[0]), r.B, shortFloat(w.Values[1]))}}
	}
	return []block{{note: "unknown: " + undecided}}
}

const undecided = "no proof, and no point where both sides are defined"

// runEqual is symdiff equal A B.
func runEqual(c *cli, a args) error {
	if len(a.operands) != 2 {
		return troubleError{usagef("equal takes two expressions, got %d operands", len(a.operands))}
	}
	r, err := c.equalOne(a, a.operands[0], a.operands[1])
	err = c.emit(r, err)
	var ve verdictError
	if err != nil && !errors.As(err, &ve) {
		err = troubleError{err}
	}
	return err
}

func (c *cli) equalOne(a args, srcA, srcB string) (result, error) {
	ea, err := c.parse(a, srcA)
	if err != nil {
		return nil, err
	}
	eb, err := c.parse(a, srcB)
	if err != nil {
		return nil, err
	}
	v, err := c.compare(ea, eb)
	if err != nil {
		return nil, err
	}
	r := &equalResult{header: header{Command: "equal", Input: srcA}, B: srcB, verdictJSON: v}
	return r, verdictOutcome(v)
}

// verdictOutcome returns the error that goes with a verdict: none for
// equal, a verdictError (exit 1) for different, and trouble (exit 2) for
// unknown.
func verdictOutcome(v verdictJSON) error {
	switch v.Verdict {
	case "different":
		return verdictError{}
	case "unknown":
		return troubleError{verdictError{"cannot decide: " + undecided}}
	}
	return nil
}

// compare runs simplify.Equal on a and b.
func (c *cli) compare(a, b symbolic.Expr) (verdictJSON, error) {
	v, err := simplify.Equal(c.ctx, a, b, simplify.CollectStats(&c.simplified), simplify.WithCache(&resultCache))
	if err != nil {
		return verdictJSON{}, err
	}
	if err := c.ctx.Err(); err != nil {
		return verdictJSON{}, err
	}
	out := verdictJSON{Points: v.Points}
	switch v.Kind {
	case simplify.Proven:
		out.Verdict, out.Equal = "proven", true
	case simplify.Numeric:
		out.Verdict, out.Equal = "numeric", true
	case simplify.Different:
		out.Verdict = "different"
		w := &witnessJSON{Point: map[string]float64{}, Values: [2]float64{v.A, v.B}}
		for s, x := range v.Witness {
			w.Point[s.Name()] = x
		}
		out.Witness = w
	default:
		out.Verdict = "unknown"
	}
	return out, nil
}

// judgeAnswer compares the answer of --answer with the derivative of
// res.
func (c *cli) judgeAnswer(a args, res *diffResult) error {
	src := a.get("answer")
	ans, err := c.parse(a, src)
	if err != nil {
		return fmt.Errorf("the answer: %w", err)
	}
	v, err := c.compare(res.expr, ans)
	if err != nil {
		return err
	}
	res.Answer = &answerJSON{Input: src, Answer: exprOut(ans), verdictJSON: v}
	return verdictOutcome(v)
}

// answerText says whether the answer is right, and if not where it
// differs. It does not give the derivative away.
func (r *diffResult) answerText() string {
	an := r.Answer
	of := fmt.Sprintf("the derivative of %s with respect to %s", r.Input, strings.Join(r.Vars, ", then "))
	switch an.Verdict {
	case "proven":
		return fmt.Sprintf("right: %s is %s (proven)", an.Input, of)
	case "numeric":
		return fmt.Sprintf("right: %s is %s (equal at %d random points; no proof found)", an.Input, of, an.Points)
	case "different":
		w := an.Witness
		return fmt.Sprintf("wrong: %s is not %s: at %s the derivative is %s, the answer %s",
			an.Input, of, pointText(w.Point), shortFloat(w.Values[0]), shortFloat(w.Values[1]))
	}
	return "unknown: " + undecided
}

// pointText writes a point as x=1, y=2, by name.
func pointText(p map[string]float64) string {
	var parts []string
	for name, v := range p {
		parts = append(parts, name+"="+formatFloat(v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// shortFloat writes v with at most 10 significant digits, for messages
// (JSON has the full values).
func shortFloat(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }
