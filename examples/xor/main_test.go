package main

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

var defaults = config{seed: 1, rate: 2, steps: 20000, target: 0.01}

// TestTrain runs the example's training with its default settings: the
// loss must fall below 0.05 and each prediction round to the XOR label.
func TestTrain(t *testing.T) {
	res, err := train(defaults)
	if err != nil {
		t.Fatal(err)
	}
	checkLearned(t, res)
	// Training is deterministic.
	again, err := train(defaults)
	if err != nil {
		t.Fatal(err)
	}
	if again.loss != res.loss || again.steps != res.steps {
		t.Errorf("second run: loss %v after %d steps, first %v after %d", again.loss, again.steps, res.loss, res.steps)
	}
	var out strings.Builder
	report(&out, res)
	for _, want := range []string{"loss ", "w11 =", "c   =", "1 xor 1 = 0:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// checkLearned fails unless training brought the loss below 0.05 and
// each prediction rounds to the XOR label.
func checkLearned(t *testing.T, res *result) {
	t.Helper()
	if res.loss >= 0.05 {
		t.Fatalf("loss %v after %d steps, want below 0.05", res.loss, res.steps)
	}
	for p, y := range res.predictions {
		if math.Round(y) != float64(targets[p]) {
			t.Errorf("prediction for %v = %v, want close to %d", inputs[p], y, targets[p])
		}
	}
}

// TestGradient checks the symbolic gradient that training uses against
// Ridders' differences of the loss at random parameters.
func TestGradient(t *testing.T) {
	net := newNetwork()
	loss, err := numeric.Compile(net.loss, net.params...)
	if err != nil {
		t.Fatal(err)
	}
	grad, err := numeric.CompileMany(net.grad, net.params...)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	theta := make([]float64, len(net.params))
	got := make([]float64, len(net.params))
	for trial := 0; trial < 5; trial++ {
		for i := range theta {
			theta[i] = 4*r.Float64() - 2
		}
		grad.EvalMany(theta, got)
		for i, p := range net.params {
			f := func(v float64) float64 {
				th := append([]float64(nil), theta...)
				th[i] = v
				return loss.Eval(th)
			}
			want, errEst := numeric.Ridders(f, theta[i], nil)
			if math.Abs(got[i]-want) > 1e-7+10*errEst {
				t.Errorf("d loss/d %s = %v, Ridders %v (error estimate %v)", p, got[i], want, errEst)
			}
		}
	}
	if n, g := symbolic.Size(net.loss), symbolic.Size(net.grad...); g > 5*n {
		t.Errorf("gradient DAG %d nodes, loss %d", g, n)
	}
}
