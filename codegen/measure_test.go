package codegen

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/symbolic"
)

// measureEnv runs TestMeasureW4, which prints the figures of
// docs/codegen.md and docs/benchmarks.md:
//
//	SYMDIFF_CODEGEN_BENCH=1 go test ./codegen -run TestMeasureW4 -v
const measureEnv = "SYMDIFF_CODEGEN_BENCH"

// flops matches the floating-point operations of a statement, after
// numbers are replaced by N: a binary operator (one after an operand) or
// a call.
var (
	flops   = regexp.MustCompile(`[\w)\]]\s*[-+*/]|[A-Za-z_][\w.]*\(`)
	numbers = regexp.MustCompile(`\b[0-9]+\.?[0-9]*([eE][-+]?[0-9]+)?`)
)

// size returns the statements and operations of the generated C of
// outs.
func size(t *testing.T, outs []symbolic.Expr, vars []*symbolic.Symbol) (instrs, stmts, ops int) {
	p, err := numeric.CompileMany(outs, vars...)
	if err != nil {
		t.Fatal(err)
	}
	e := &emitter{t: p.Tape(), d: dialects()[C], opt: Options{Lang: C, Name: "f"}, helpers: map[string]bool{}}
	if err := e.code(); err != nil {
		t.Fatal(err)
	}
	for _, s := range e.stmts {
		_, rhs, _ := strings.Cut(s, " = ")
		ops += len(flops.FindAllString(numbers.ReplaceAllString(rhs, "N"), -1))
	}
	return p.Len(), len(e.stmts), ops
}

// TestMeasureW4 prints the size of the generated XOR MLP gradient against
// the loss's, and times the W4 gradient (loss and gradient at a point)
// and the W7 derivatives as the numeric tape (EvalMany a point at a time,
// and EvalBatch with the option Serial over all the points), generated Go (go run,
// default flags) and generated C (gcc -O2), each the best of 5 runs over
// the same points.
func TestMeasureW4(t *testing.T) {
	if os.Getenv(measureEnv) == "" {
		t.Skipf("set %s=1 to measure", measureEnv)
	}
	ctx := context.Background()
	for _, h := range []int{2, 8, 32} {
		m := workloads.XOR(h)
		loss, _ := outputs(ctx, []symbolic.Expr{m.Loss}, m.Params, Value, true)
		li, ls, lo := size(t, loss, m.Params)
		for _, raw := range []bool{true, false} {
			outs, err := outputs(ctx, []symbolic.Expr{m.Loss}, m.Params, Grad, raw)
			if err != nil {
				t.Fatal(err)
			}
			gi, gs, gops := size(t, outs, m.Params)
			t.Logf("size h=%d raw=%v: loss %d instructions, %d statements, %d operations; loss+gradient %d, %d, %d (operations %.2fx)",
				h, raw, li, ls, lo, gi, gs, gops, float64(gops)/float64(lo))
		}
	}
	type timed struct {
		name string
		outs []symbolic.Expr
		vars []*symbolic.Symbol
		npts int
	}
	var cases []timed
	for _, h := range []int{2, 32} {
		for _, raw := range []bool{false, true} {
			m := workloads.XOR(h)
			outs, err := outputs(ctx, []symbolic.Expr{m.Loss}, m.Params, Grad, raw)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, timed{fmt.Sprintf("W4 h=%d raw=%v", h, raw), outs, m.Params, 200000 / h})
		}
	}
	for _, w := range []struct {
		name string
		e    symbolic.Expr
	}{{"W7a sigmoid'", workloads.Sigmoid()}, {"W7b productsin100'", workloads.ProductSin(100)}} {
		outs, err := outputs(ctx, []symbolic.Expr{symbolic.D(w.e, workloads.X)}, []*symbolic.Symbol{workloads.X}, Value, false)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, timed{w.name, outs, []*symbolic.Symbol{workloads.X}, 1000000})
	}
	for _, c := range cases {
		p, err := numeric.CompileMany(c.outs, c.vars...)
		if err != nil {
			t.Fatal(err)
		}
		npts, n, nout := c.npts, len(c.vars), len(c.outs)
		point := func(k, i int) float64 { return 2 * float64((k*7919+i*104729)%2001-1000) / 1000 }
		in, out := make([]float64, n), make([]float64, nout)
		var sum float64
		tape := bestOf5(npts, func() {
			sum = 0
			for k := range npts {
				for i := range in {
					in[i] = point(k, i)
				}
				p.EvalMany(in, out)
				sum += out[0] + out[nout-1]
			}
		})
		// The tape over all the points at once (columns, one goroutine).
		cols := make([][]float64, n)
		for i := range cols {
			cols[i] = make([]float64, npts)
			for k := range npts {
				cols[i][k] = point(k, i)
			}
		}
		outs := make([][]float64, nout)
		for j := range outs {
			outs[j] = make([]float64, npts)
		}
		batch := bestOf5(npts, func() { p.EvalBatch(cols, outs, numeric.Serial()) })
		goNS, goSum := runTimed(t, Go, c.outs, c.vars, npts)
		cNS, cSum := runTimed(t, C, c.outs, c.vars, npts)
		t.Logf("time %s (%d instructions): tape Eval %.0f ns/point, serial EvalBatch %.0f; Go %.0f (%.2fx the tape's Eval), C %.0f (%.2fx); checksums %.6g %.6g %.6g",
			c.name, p.Len(), tape, batch, goNS, tape/goNS, cNS, tape/cNS, sum, goSum, cSum)
	}
}

// bestOf5 runs f five times and returns the fastest run's time in ns per
// point of its npts (the harnesses of runTimed time the same way).
func bestOf5(npts int, f func()) float64 {
	best := time.Duration(1 << 62)
	for range 5 {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return float64(best.Nanoseconds()) / float64(npts)
}

// runTimed generates outs in lang with a timing harness over the same
// points as TestMeasureW4 and returns the best ns per point and the
// checksum.
func runTimed(t *testing.T, lang Lang, outs []symbolic.Expr, vars []*symbolic.Symbol, npts int) (float64, float64) {
	p, err := numeric.CompileMany(outs, vars...)
	if err != nil {
		t.Fatal(err)
	}
	src, err := emit(p.Tape(), signature{Vars: names(vars), Values: len(outs)}, Options{Lang: lang, Name: "grad", Version: "bench"})
	if err != nil {
		t.Fatal(err)
	}
	n, nout := len(vars), len(outs)
	dir := t.TempDir()
	var cmd *exec.Cmd
	switch lang {
	case Go:
		main := fmt.Sprintf(`package main

import (
	"fmt"
	"time"
)

func main() {
	const n, nout, npts = %d, %d, %d
	in, out := make([]float64, n), make([]float64, nout)
	best := time.Duration(1 << 62)
	var sum float64
	for range 5 {
		sum = 0
		start := time.Now()
		for k := range npts {
			for i := range in {
				in[i] = 2 * float64((k*7919+i*104729)%%2001-1000) / 1000
			}
			grad(in, out)
			sum += out[0] + out[nout-1]
		}
		best = min(best, time.Since(start))
	}
	fmt.Println(float64(best.Nanoseconds())/npts, sum)
}
`, n, nout, npts)
		if err := writeFiles(dir, map[string]string{"go.mod": "module bench\n\ngo 1.22\n", "main.go": main, "grad.go": string(src)}); err != nil {
			t.Fatal(err)
		}
		cmd = exec.Command("go", "run", ".")
		cmd.Env = append(os.Environ(), "GOWORK=off")
	case C:
		main := fmt.Sprintf(`#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <time.h>
void grad(const double *in, double *out);
int main(void)
{
	enum { n = %d, nout = %d, npts = %d };
	static double in[n], out[nout];
	double best = 1e300, sum = 0;
	for (int rep = 0; rep < 5; rep++) {
		struct timespec a, b;
		sum = 0;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (long k = 0; k < npts; k++) {
			for (long i = 0; i < n; i++) {
				in[i] = 2 * (double)((k * 7919 + i * 104729) %% 2001 - 1000) / 1000;
			}
			grad(in, out);
			sum += out[0] + out[nout - 1];
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
		if (ns < best) {
			best = ns;
		}
	}
	printf("%%g %%.17g\n", best / npts, sum);
	return 0;
}
`, n, nout, npts)
		if err := writeFiles(dir, map[string]string{"main.c": main, "grad.c": string(src)}); err != nil {
			t.Fatal(err)
		}
		if out, err := runIn(exec.Command("gcc", "-O2", "-std=c99", "-o", "prog", "main.c", "grad.c", "-lm"), dir, ""); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		cmd = exec.Command(dir + "/prog")
	}
	out, err := runIn(cmd, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(out)
	ns, _ := strconv.ParseFloat(f[0], 64)
	sum, _ := strconv.ParseFloat(f[1], 64)
	return ns, sum
}
