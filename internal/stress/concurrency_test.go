package stress

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// sharedInputs are parsed, differentiated, simplified, printed, compiled
// and evaluated by every goroutine of TestConcurrentPipeline.
var sharedInputs = []string{
	"1/(1+exp(-x))",
	"exp(-x)/(1+exp(-x))^2",
	"sigmoid(sigmoid(sigmoid(x*y)))",
	"sin(x)*sin(2x)*sin(3x)*sin(4x)*sin(5x)",
	"100*(y-x^2)^2+(1-x)^2",
	"x^x + log(x^2+1)*atan(y)",
	"tanh(w1*x + w2*y + b)^2",
	"(x^2-1)/(x-1) + sqrt(x^2+y^2)",
	"exp(sin(x))",
	"softplus(x) - log(1+exp(x))",
	"erf(x)*abs(y) + relu(x-y)",
	"asinh(x) + acosh(x^2+2) + atanh(x/4)",
}

// A pipelineResult is everything one goroutine computes for one input.
type pipelineResult struct {
	e, d, s, ds symbolic.Expr
	grad        []symbolic.Expr
	text, tex   string    // Simplify(D)'s
	values      []float64 // e, d, s, ds and the gradient at fixed points
}

func runPipeline(src string) (pipelineResult, error) {
	var r pipelineResult
	e, err := parser.Parse(src)
	if err != nil {
		return r, err
	}
	r.e = e
	if r.d, err = symbolic.Diff(context.Background(), e, x); err != nil {
		return r, err
	}
	vars := symbolic.Symbols(e)
	err = func() (err error) {
		defer symbolic.Recover(&err)
		r.grad = symbolic.Gradient(e, vars)
		return nil
	}()
	if err != nil {
		return r, err
	}
	// Budgets without a time limit keep the results independent of timing.
	opts := []simplify.Option{simplify.MaxNodes(5000)}
	if r.s, err = simplify.Simplify(context.Background(), e, opts...); err != nil {
		return r, err
	}
	if r.ds, err = simplify.Simplify(context.Background(), r.d, opts...); err != nil {
		return r, err
	}
	r.text, r.tex = r.ds.String(), latex.Format(r.ds)
	all := append([]symbolic.Expr{e, r.d, r.s, r.ds}, r.grad...)
	p, err := numeric.CompileMany(all, vars...)
	if err != nil {
		return r, err
	}
	args := make([]float64, len(vars))
	out := make([]float64, len(all))
	for k := 0; k < 5; k++ {
		for i := range args {
			args[i] = 0.3 + 0.37*float64(k) + 0.11*float64(i)
		}
		p.EvalMany(args, out)
		r.values = append(r.values, out...)
	}
	return r, nil
}

// TestConcurrentPipeline runs the whole pipeline on shared inputs in eight
// goroutines at once (started together) and checks that every goroutine
// gets the same pointers (the intern table gives one node per expression)
// and the same values, bit for bit, as a run on its own. Run it under -race.
func TestConcurrentPipeline(t *testing.T) {
	inputs := append([]string(nil), sharedInputs...)
	inputs = append(inputs, workloads.NestedSigmoid(30).String())
	want := make([]pipelineResult, len(inputs))
	for i, src := range inputs {
		r, err := runPipeline(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		want[i] = r
	}

	const workers = 8
	const rounds = 3
	results := make([][]pipelineResult, workers)
	errs := make([]error, workers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			<-start
			for round := 0; round < rounds; round++ {
				for k := range inputs {
					i := (k + w) % len(inputs) // different orders, same inputs
					r, err := runPipeline(inputs[i])
					if err != nil {
						errs[w] = fmt.Errorf("%s: %v", inputs[i], err)
						return
					}
					if round == rounds-1 {
						results[w] = append(results[w], r)
					}
				}
			}
		}(w)
	}
	close(start)
	wg.Wait()
	for w := 0; w < workers; w++ {
		if errs[w] != nil {
			t.Fatalf("goroutine %d: %v", w, errs[w])
		}
		for k, got := range results[w] {
			i := (k + w) % len(inputs)
			if err := samePipeline(want[i], got); err != nil {
				t.Errorf("goroutine %d, input %s: %v", w, inputs[i], err)
			}
		}
	}
}

func samePipeline(a, b pipelineResult) error {
	for _, p := range []struct {
		name string
		a, b symbolic.Expr
	}{{"parse", a.e, b.e}, {"D", a.d, b.d}, {"Simplify", a.s, b.s}, {"Simplify(D)", a.ds, b.ds}} {
		if p.a != p.b {
			return fmt.Errorf("%s: %v and %v are not the same pointer", p.name, p.a, p.b)
		}
	}
	if len(a.grad) != len(b.grad) {
		return fmt.Errorf("gradients of lengths %d and %d", len(a.grad), len(b.grad))
	}
	for i := range a.grad {
		if a.grad[i] != b.grad[i] {
			return fmt.Errorf("Gradient[%d]: %v and %v are not the same pointer", i, a.grad[i], b.grad[i])
		}
	}
	if a.text != b.text {
		return fmt.Errorf("text %q and %q", a.text, b.text)
	}
	if a.tex != b.tex {
		return fmt.Errorf("LaTeX %q and %q", a.tex, b.tex)
	}
	if len(a.values) != len(b.values) {
		return fmt.Errorf("%d and %d values", len(a.values), len(b.values))
	}
	for i := range a.values {
		if math.Float64bits(a.values[i]) != math.Float64bits(b.values[i]) {
			return fmt.Errorf("value %d: %v and %v", i, a.values[i], b.values[i])
		}
	}
	return nil
}

// TestConcurrentSharedProgram evaluates one compiled Program from eight
// goroutines at once, in every mode, and compares with a lone evaluation.
func TestConcurrentSharedProgram(t *testing.T) {
	e, vars := workloads.Rosenbrock(6)
	grad := symbolic.Gradient(e, vars)
	p, err := numeric.CompileMany(append([]symbolic.Expr{e}, grad...), vars...)
	if err != nil {
		t.Fatal(err)
	}
	const points = 257
	cols := make([][]float64, len(vars))
	for i := range cols {
		cols[i] = make([]float64, points)
		for k := range cols[i] {
			cols[i][k] = -1.5 + 3*float64((k*7+i*13)%points)/points
		}
	}
	wantBatch := make([][]float64, p.NumOutputs())
	for j := range wantBatch {
		wantBatch[j] = make([]float64, points)
	}
	p.EvalBatch(cols, wantBatch)
	args := make([]float64, len(vars))
	for i := range args {
		args[i] = cols[i][5]
	}
	wantOne := p.Eval(args)
	cargs := make([]complex128, len(vars))
	for i, v := range args {
		cargs[i] = complex(v, 0)
	}
	wantC := p.EvalComplex(cargs)

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs := make([][]float64, p.NumOutputs())
			for j := range outs {
				outs[j] = make([]float64, points)
			}
			for round := 0; round < 20; round++ {
				p.EvalBatch(cols, outs)
				for j := range outs {
					for k := range outs[j] {
						if math.Float64bits(outs[j][k]) != math.Float64bits(wantBatch[j][k]) {
							errs <- fmt.Errorf("batch output %d at point %d: %v, want %v", j, k, outs[j][k], wantBatch[j][k])
							return
						}
					}
				}
				if got := p.Eval(args); math.Float64bits(got) != math.Float64bits(wantOne) {
					errs <- fmt.Errorf("Eval = %v, want %v", got, wantOne)
					return
				}
				if got := p.EvalComplex(cargs); got != wantC {
					errs <- fmt.Errorf("EvalComplex = %v, want %v", got, wantC)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
