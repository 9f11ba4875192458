package helpertests_test

import (
	"math"
	"testing"

	"github.com/symdiff/symdiff/graph"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

func value(t *testing.T, e symbolic.Expr, at map[*symbolic.Symbol]float64) float64 {
	t.Helper()
	g, err := graph.Build(e, at)
	if err != nil {
		t.Fatal(err)
	}
	return g.Output().Value
}

func TestWorkloads(t *testing.T) {
	x := workloads.X
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	at := map[*symbolic.Symbol]float64{x: 0.3}
	tests := []struct {
		name string
		e    symbolic.Expr
		want float64
	}{
		{"sigmoid", workloads.Sigmoid(), sig(0.3)},
		{"nested sigmoid 3", workloads.NestedSigmoid(3), sig(sig(sig(0.3)))},
		{"nested sigmoid 0", workloads.NestedSigmoid(0), 0.3},
		{"product of sines", workloads.ProductSin(3), math.Sin(1.3) * math.Sin(2.6) * math.Sin(3.9)},
		{"exp(sin(x))", workloads.ExpSin(), math.Exp(math.Sin(0.3))},
	}
	for _, tt := range tests {
		if got := value(t, tt.e, at); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("%s = %s at 0.3: %v, want %v", tt.name, tt.e, got, tt.want)
		}
	}
}

func TestWorkloadsRosenbrock(t *testing.T) {
	f, xs := workloads.Rosenbrock(4)
	at := map[*symbolic.Symbol]float64{}
	for _, x := range xs {
		at[x] = 1
	}
	if got := value(t, f, at); got != 0 {
		t.Errorf("Rosenbrock at its minimum (1, ..., 1) = %v, want 0", got)
	}
	for i, x := range xs {
		at[x] = float64(i) // 0, 1, 2, 3
	}
	// 100(1-0)^2 + 1 + 100(2-1)^2 + 0 + 100(3-4)^2 + 1
	if got := value(t, f, at); got != 302 {
		t.Errorf("Rosenbrock at (0, 1, 2, 3) = %v, want 302", got)
	}
}

func TestWorkloadsXOR(t *testing.T) {
	m := workloads.XOR(3)
	if len(m.Params) != 4*3+1 {
		t.Fatalf("XOR(3) has %d parameters, want 13", len(m.Params))
	}
	// With every parameter 0, each output is sigmoid(0) = 1/2 and the loss
	// is 4 * 1/4.
	at := map[*symbolic.Symbol]float64{}
	for _, p := range m.Params {
		at[p] = 0
	}
	if got := value(t, m.Loss, at); got != 1 {
		t.Errorf("loss at zero parameters = %v, want 1", got)
	}
	explicit := workloads.XORWith(3, workloads.Logistic)
	for i, p := range m.Params {
		at[p] = 0.1 * float64(i%5-2)
	}
	if a, b := value(t, m.Loss, at), value(t, explicit.Loss, at); math.Abs(a-b) > 1e-14 {
		t.Errorf("loss with sigmoid %v, with 1/(1+exp(-u)) %v", a, b)
	}
}
