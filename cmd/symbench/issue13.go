package main

import (
	"fmt"
	"strings"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// issue13Names are the --stats workloads of issue 13, in the order
// stats13.py runs them.
var issue13Names = []string{"nested-sigmoid-1000", "product-sin-300", "sine-chain-3000", "xor-32", "logistic-loss-300"}

// issue13Args returns the symdiff command line (without --stats) of the
// issue 13 workload name: the expression and its variable, or grad, the
// expression and its parameters. The expressions are the internal/workloads
// ones (issue13Workload), written as symbolic.Format writes them.
func issue13Args(name string) ([]string, error) {
	e, vars, grad, err := issue13Workload(name)
	if err != nil {
		return nil, err
	}
	var args []string
	if grad {
		args = append(args, "grad")
	}
	args = append(args, symbolic.Format(e))
	for _, v := range vars {
		args = append(args, v.Name())
	}
	return args, nil
}

// issue13Workload returns the expression of the issue 13 workload name,
// its variables, and whether the command is its gradient.
func issue13Workload(name string) (e symbolic.Expr, vars []*symbolic.Symbol, grad bool, err error) {
	x := []*symbolic.Symbol{workloads.X}
	switch name {
	case "nested-sigmoid-1000":
		return workloads.NestedSigmoid(1000), x, false, nil
	case "product-sin-300":
		return workloads.ProductSin(300), x, false, nil
	case "sine-chain-3000":
		return workloads.SineChain(3000), x, false, nil
	case "xor-32":
		m := workloads.XOR(32)
		return m.Loss, m.Params, true, nil
	case "logistic-loss-300":
		loss, ws := workloads.LogisticLoss(300)
		return loss, ws, true, nil
	}
	return nil, nil, false, fmt.Errorf("unknown workload %q; want one of %s", name, strings.Join(issue13Names, ", "))
}
