// Command xor trains the smallest network that learns XOR, a 2-2-1
// network with sigmoid activations, by gradient descent on the squared
// error over the four XOR points, with the gradient computed by symdiff.
//
// The loss is built once as a symbolic expression in the nine parameters;
// symbolic.Gradient differentiates it by reverse accumulation (the
// backpropagation of a neural-network library, done once on symbols instead
// of at every step on numbers), and numeric.CompileMany compiles the loss
// and its nine partial derivatives into one program whose shared
// subexpressions are computed once. Training then evaluates that program
// at every step.
//
// With -gen, training calls lossGrad instead: the same loss and gradient
// summed over the four points from sampleLossGrad, the loss at one point
// (x1, x2) with target t and its gradient, generated as Go source by
// symdiff codegen (the go:generate line below; lossgrad_gen.go, see
// docs/codegen.md): code that needs no symbolic engine at run time.
//
// Usage:
//
//	go run ./examples/xor [-seed 1] [-rate 2] [-steps 20000] [-target 0.01] [-gen]
package main

//go:generate go run ../../cmd/symdiff codegen --lang go --name sampleLossGrad --grad --out lossgrad_gen.go "(sigmoid(v1*sigmoid(w11*x1 + w12*x2 + b1) + v2*sigmoid(w21*x1 + w22*x2 + b2) + c) - t)^2" w11 w12 b1 w21 w22 b2 v1 v2 c x1 x2 t

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// The four XOR points and their labels.
var (
	inputs  = [4][2]int64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	targets = [4]int64{0, 1, 1, 0}
)

// A network is the 2-2-1 network as expressions in its parameters.
type network struct {
	params  []*symbolic.Symbol // w11 w12 b1 w21 w22 b2 v1 v2 c
	outputs [4]symbolic.Expr   // the prediction for each point
	loss    symbolic.Expr      // sum of (prediction - target)^2
	grad    []symbolic.Expr    // the partials of loss, in the order of params
	// sample is (prediction - t)^2 at a point (x1, x2) with target t, the
	// symbols of data: sampleLossGrad's function.
	sample symbolic.Expr
	data   []*symbolic.Symbol // x1 x2 t
}

// newNetwork builds the network's predictions and loss: hidden unit j
// computes h_j = sigmoid(wj1*x1 + wj2*x2 + bj), the output is
// sigmoid(v1*h1 + v2*h2 + c).
func newNetwork() *network {
	sigmoid, _ := symbolic.Lookup("sigmoid")
	s := symbolic.Sym
	w := [2][2]*symbolic.Symbol{{s("w11"), s("w12")}, {s("w21"), s("w22")}}
	b := [2]*symbolic.Symbol{s("b1"), s("b2")}
	v := [2]*symbolic.Symbol{s("v1"), s("v2")}
	c := s("c")
	n := &network{params: []*symbolic.Symbol{w[0][0], w[0][1], b[0], w[1][0], w[1][1], b[1], v[0], v[1], c}}
	predict := func(x1, x2 symbolic.Expr) symbolic.Expr {
		out := []symbolic.Expr{c}
		for j := range 2 {
			h := symbolic.Apply(sigmoid, symbolic.Add(symbolic.Mul(w[j][0], x1), symbolic.Mul(w[j][1], x2), b[j]))
			out = append(out, symbolic.Mul(v[j], h))
		}
		return symbolic.Apply(sigmoid, symbolic.Add(out...))
	}
	var losses []symbolic.Expr
	for p, in := range inputs {
		n.outputs[p] = predict(symbolic.Int(in[0]), symbolic.Int(in[1]))
		losses = append(losses, symbolic.Pow(symbolic.Sub(n.outputs[p], symbolic.Int(targets[p])), symbolic.Two))
	}
	n.loss = symbolic.Add(losses...)
	n.data = []*symbolic.Symbol{s("x1"), s("x2"), s("t")}
	n.sample = symbolic.Pow(symbolic.Sub(predict(n.data[0], n.data[1]), n.data[2]), symbolic.Two)
	n.grad = symbolic.Gradient(n.loss, n.params)
	return n
}

// config holds the training settings.
type config struct {
	seed   uint64  // seed of the initial weights
	rate   float64 // learning rate
	steps  int     // the most steps to take
	target float64 // stop once the loss is below this
	gen    bool    // train with the generated lossGrad, not a compiled program
}

// result is what training found.
type result struct {
	net         *network
	params      []float64 // the learned values, in the order of net.params
	loss        float64   // the final loss
	steps       int       // the steps taken
	predictions [4]float64
}

// train runs gradient descent from weights drawn uniformly in [-1, 1].
func train(cfg config) (*result, error) {
	net := newNetwork()
	lossAndGrad, err := numeric.CompileMany(append([]symbolic.Expr{net.loss}, net.grad...), net.params...)
	if err != nil {
		return nil, err
	}
	eval := lossAndGrad.EvalMany
	if cfg.gen {
		eval = lossGrad
	}
	r := rand.New(rand.NewPCG(cfg.seed, 0x5eed))
	theta := make([]float64, len(net.params))
	for i := range theta {
		theta[i] = 2*r.Float64() - 1
	}
	out := make([]float64, 1+len(theta))
	res := &result{net: net, params: theta}
	for res.steps = 0; ; res.steps++ {
		eval(theta, out)
		res.loss = out[0]
		if res.loss < cfg.target || res.steps == cfg.steps {
			break
		}
		for i := range theta {
			theta[i] -= cfg.rate * out[1+i]
		}
	}
	predict, err := numeric.CompileMany(net.outputs[:], net.params...)
	if err != nil {
		return nil, err
	}
	predict.EvalMany(theta, res.predictions[:])
	return res, nil
}

// lossGrad writes the loss and its 9 partials at the parameters theta into
// out, as the compiled program does: the sum over the four points of
// sampleLossGrad (lossgrad_gen.go), whose input is the parameters, then
// the point and its target, and whose output is the point's loss and its
// partials in all twelve (the last three unused here).
func lossGrad(theta, out []float64) {
	var in [12]float64 // the 9 parameters, then x1, x2, t
	var o [13]float64  // the loss at the point, then its 12 partials
	copy(in[:], theta)
	clear(out)
	for p, x := range inputs {
		in[9], in[10], in[11] = float64(x[0]), float64(x[1]), float64(targets[p])
		sampleLossGrad(in[:], o[:])
		for i := range out {
			out[i] += o[i]
		}
	}
}

// report prints the gradient's size, the learned weights and the
// predictions.
func report(w io.Writer, res *result) {
	net := res.net
	fmt.Fprintf(w, "loss DAG %d nodes, gradient DAG %d nodes (%d parameters)\n",
		symbolic.Size(net.loss), symbolic.Size(net.grad...), len(net.params))
	fmt.Fprintf(w, "loss %.6f after %d steps\n", res.loss, res.steps)
	fmt.Fprintln(w, "weights:")
	for i, p := range net.params {
		fmt.Fprintf(w, "  %-3s = %9.4f\n", p.Name(), res.params[i])
	}
	fmt.Fprintln(w, "predictions:")
	for p, in := range inputs {
		fmt.Fprintf(w, "  %d xor %d = %d: %.4f\n", in[0], in[1], targets[p], res.predictions[p])
	}
}

func main() {
	var cfg config
	flag.Uint64Var(&cfg.seed, "seed", 1, "seed of the initial weights")
	flag.Float64Var(&cfg.rate, "rate", 2, "learning rate")
	flag.IntVar(&cfg.steps, "steps", 20000, "the most gradient steps to take")
	flag.Float64Var(&cfg.target, "target", 0.01, "stop once the loss is below this")
	flag.BoolVar(&cfg.gen, "gen", false, "train with the generated Go function lossGrad (lossgrad_gen.go)")
	flag.Parse()
	res, err := train(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "xor:", err)
		os.Exit(1)
	}
	report(os.Stdout, res)
	if res.loss >= cfg.target {
		fmt.Fprintf(os.Stderr, "xor: the loss is still %.4f after %d steps; try another -seed or -rate\n", res.loss, res.steps)
		os.Exit(1)
	}
}
