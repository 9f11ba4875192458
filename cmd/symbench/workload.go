package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// A Workload is one case of the peer benchmark, as the anchors' workload
// files hold it (workloads/<case>.json).
type Workload struct {
	// ID names the case, such as "W3_n100".
	ID string `json:"id"`
	// Workload names the family, such as "W3".
	Workload string `json:"workload"`
	// Params holds the family's parameters, copied to the result.
	Params json.RawMessage `json:"params"`
	// Expr is the expression in neutral syntax, with sigmoid as a function.
	Expr string `json:"expr"`
	// ExprExpanded is Expr with sigmoid(u) written as 1/(1+exp(-(u))),
	// the text every peer gets.
	ExprExpanded string `json:"expr_expanded"`
	// Vars lists the variables.
	Vars []string `json:"vars"`
	// Task says what to compute.
	Task Task `json:"task"`
	// CheckPoint gives the value of every variable for the check sum.
	CheckPoint map[string]float64 `json:"check_point"`
}

// A Task is what a workload asks for.
type Task struct {
	// Kind is "diff", "gradient", "hessian" or "eval".
	Kind string `json:"kind"`
	// Wrt is the variable (diff, eval) or the variables (gradient,
	// hessian) to differentiate by: a JSON string or a list of strings.
	Wrt json.RawMessage `json:"wrt"`
	// Order is the order of the derivative for diff and eval (default 1).
	Order int `json:"order"`
	// SimplifyToo asks for the simplified derivative as well (W1).
	SimplifyToo bool `json:"simplify_too"`
	// NPoints, Lo and Hi give the eval points lo + (hi-lo)*k/(n-1).
	NPoints int     `json:"n_points"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
}

// wrt returns the task's variables, one for diff and eval.
func (t Task) wrt() ([]string, error) {
	if len(t.Wrt) == 0 {
		return nil, fmt.Errorf("task %q has no wrt", t.Kind)
	}
	var one string
	if err := json.Unmarshal(t.Wrt, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(t.Wrt, &many); err != nil {
		return nil, fmt.Errorf("task wrt: want a string or a list of strings: %v", err)
	}
	if len(many) == 0 {
		return nil, fmt.Errorf("task %q: wrt is an empty list", t.Kind)
	}
	return many, nil
}

// order returns the order of the derivative, 1 when the file gives none.
func (t Task) order() int {
	if t.Order == 0 {
		return 1
	}
	return t.Order
}

// ReadWorkload reads a workload file.
func ReadWorkload(path string) (*Workload, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseWorkload(data)
}

// ParseWorkload decodes a workload from JSON and checks that it is
// complete enough to run.
func ParseWorkload(data []byte) (*Workload, error) {
	var w Workload
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("workload: %v", err)
	}
	if w.ExprExpanded == "" && w.Expr == "" {
		return nil, fmt.Errorf("workload %q: no expr or expr_expanded", w.ID)
	}
	switch w.Task.Kind {
	case "diff", "gradient", "hessian", "eval":
	default:
		return nil, fmt.Errorf("workload %q: unknown task kind %q (want diff, gradient, hessian or eval)", w.ID, w.Task.Kind)
	}
	if _, err := w.Task.wrt(); err != nil {
		return nil, fmt.Errorf("workload %q: %v", w.ID, err)
	}
	if w.Task.Order < 0 {
		return nil, fmt.Errorf("workload %q: negative order %d", w.ID, w.Task.Order)
	}
	if w.Task.Kind == "eval" && w.Task.NPoints < 2 {
		return nil, fmt.Errorf("workload %q: eval needs n_points >= 2, got %d", w.ID, w.Task.NPoints)
	}
	if len(w.Params) == 0 {
		w.Params = json.RawMessage("{}")
	}
	return &w, nil
}
