package codegen

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/randexpr"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// runEnv, when set, runs TestRunGenerated (it compiles four programs,
// half a minute of gcc -O2). requiredEnv, when set, runs it too and makes
// a missing toolchain a failure instead of a skip; .ci/run sets it after
// installing gcc, node and python3-numpy.
const (
	runEnv      = "SYMDIFF_CODEGEN"
	requiredEnv = "SYMDIFF_CODEGEN_REQUIRED"
)

// A runCase is a function to generate and the points to run it at.
type runCase struct {
	name   string
	fs     []symbolic.Expr
	vars   []*symbolic.Symbol
	mode   Mode
	raw    bool
	points [][]float64
	outs   []symbolic.Expr
	ref    *numeric.Program
	bounds []*numeric.Program // each output alone, for its error bound
	// op, if set, is an instruction the case's program must hold;
	// signed asks for the sign of a zero output to be right too.
	op     string
	signed bool
}

// nout is the number of outputs of the case's function.
func (c *runCase) nout() int {
	return c.ref.NumOutputs()
}

// runCases returns the expressions TestRunGenerated runs: the sigmoid,
// the XOR MLP's loss with its gradient, a Jacobian, a Hessian, every
// opcode and every function of the table, at random points of their
// domains (and a few far out, where the stable forms matter), and random
// expressions with their gradients and Hessians.
func runCases(t *testing.T) []*runCase {
	r := rand.New(rand.NewPCG(18, 18))
	z := symbolic.Sym("z")
	xy := []*symbolic.Symbol{x, y}
	var cs []*runCase
	add := func(name string, fs []symbolic.Expr, vars []*symbolic.Symbol, mode Mode, raw bool, n int, ok func([]float64) bool, extra ...[]float64) *runCase {
		c := &runCase{name: name, fs: fs, vars: vars, mode: mode, raw: raw, points: extra}
		for len(c.points) < n+len(extra) {
			p := make([]float64, len(vars))
			for i := range p {
				p[i] = 6*r.Float64() - 3
			}
			if ok == nil || ok(p) {
				c.points = append(c.points, p)
			}
		}
		cs = append(cs, c)
		return c
	}
	one := func(e symbolic.Expr) []symbolic.Expr { return []symbolic.Expr{e} }
	far := [][]float64{{-800}, {-40}, {-20}, {0}, {20}, {40}, {800}}
	add("sigmoid", one(call("sigmoid", x)), []*symbolic.Symbol{x}, Grad, false, 8, nil, far...)
	add("logistic", one(workloads.Sigmoid()), []*symbolic.Symbol{x}, Grad, false, 8, nil, far...)
	for _, h := range []int{2, 5} {
		m := workloads.XOR(h)
		add(fmt.Sprintf("xor%d", h), one(m.Loss), m.Params, Grad, false, 6, nil)
		add(fmt.Sprintf("xor%draw", h), one(m.Loss), m.Params, Grad, true, 6, nil)
	}
	fs := []symbolic.Expr{parser.MustParse("x*y*z"), parser.MustParse("sin(x) + y^2"), parser.MustParse("exp(x*z)/(1 + y^2)")}
	add("jacobian", fs, []*symbolic.Symbol{x, y, z}, Jacobian, false, 8, nil)
	rosen, rv := workloads.Rosenbrock(3)
	add("hessian", one(rosen), rv, Hessian, false, 8, nil)
	add("hessian2", one(parser.MustParse("x^2*y + y^3 + exp(x*y)*sin(z)")), []*symbolic.Symbol{x, y, z}, Hessian, false, 8, nil)
	add("values", []symbolic.Expr{parser.MustParse("x + y"), parser.MustParse("x*y")}, xy, Value, false, 4, nil)
	// exp, sinh and cosh finite up to the true overflow threshold (Go's
	// math.Exp overflows from about 709.09 on amd64).
	wide := []symbolic.Expr{call("exp", x), call("sinh", x), call("cosh", x), call("exp", symbolic.Neg(x))}
	add("wide", wide, []*symbolic.Symbol{x}, Value, true, 2, nil,
		[]float64{709.5}, []float64{-709.5}, []float64{709.78}, []float64{710.4}, []float64{-710.4}, []float64{711}, []float64{700})
	// Logarithms and powers of subnormal numbers (Go's math.Log of one is
	// about log(2^-1022) on amd64, whatever the number).
	tiny := []symbolic.Expr{call("log", x), call("log10", x), call("log2", x),
		symbolic.Pow(x, symbolic.Frac(3, 10)), symbolic.Pow(x, y)}
	add("tiny", tiny, xy, Value, true, 2, nil,
		[]float64{5e-324, 0.25}, []float64{1e-310, 0.7}, []float64{2.2e-308, 1.5}, []float64{0x1p-1022, 0.5}, []float64{3e-320, -0.01})
	for i, e := range opcodeExprs() {
		add(fmt.Sprintf("op%d", i), one(e), xy, Value, true, 10, nil, []float64{-1, 0}, []float64{0, 1e-7})
	}
	for _, f := range symbolic.Builtins() {
		u := symbolic.Sub(symbolic.Mul(symbolic.Int(2), x), y)
		e := symbolic.Add(call(f.Name, x), symbolic.Mul(y, call(f.Name, u)))
		dom := f.Domain
		if dom == nil {
			dom = func(float64) bool { return true }
		}
		add("fn_"+f.Name, one(e), xy, Grad, false, 12, func(p []float64) bool { return dom(p[0]) && dom(2*p[0]-p[1]) })
	}
	// Random expressions of x and y that stay in their functions'
	// domains (internal/randexpr), with their gradients and, for some,
	// Hessians, raw and simplified: opcodes in combinations no list names.
	g := randexpr.New(18, &randexpr.Options{Vars: xy, MaxDepth: 4})
	for i := range 24 {
		mode, raw := Grad, i%2 == 0
		if i%4 == 3 {
			mode = Hessian
		}
		add(fmt.Sprintf("random%d", i), one(g.Expr()), xy, mode, raw, 6, nil)
	}
	stableCases(add)
	for _, c := range cs {
		outs, err := outputs(context.Background(), c.fs, c.vars, c.mode, c.raw)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		c.outs = outs
		if c.ref, err = numeric.CompileMany(outs, c.vars...); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.op != "" && !slices.ContainsFunc(c.ref.Tape().Code, func(in numeric.Instr) bool { return in.Op == c.op }) {
			t.Fatalf("%s: the program holds no %s instruction:\n%s", c.name, c.op, c.ref)
		}
		for _, o := range outs {
			p, err := numeric.Compile(o, c.vars...)
			if err != nil {
				t.Fatal(err)
			}
			c.bounds = append(c.bounds, p)
		}
	}
	return cs
}

// TestRunGenerated compiles and runs the code generated in every
// language for runCases (one program a language: go run, gcc -O2, node,
// python3 with NumPy, the NumPy functions called on all the points of a
// case at once) and compares every output with numeric.Program's at the
// same point: within 1e-12 relative, plus 64 times the program's own
// running error bound for an output whose formula cancels. It runs when
// SYMDIFF_CODEGEN or SYMDIFF_CODEGEN_REQUIRED is set; a language whose
// toolchain is missing is skipped, unless SYMDIFF_CODEGEN_REQUIRED is set
// (as CI does).
func TestRunGenerated(t *testing.T) {
	if os.Getenv(runEnv) == "" && os.Getenv(requiredEnv) == "" {
		t.Skipf("set %s=1 to compile and run the generated code (go, gcc, node, python3 with numpy)", runEnv)
	}
	cs := runCases(t)
	for _, lang := range Langs {
		t.Run(string(lang), func(t *testing.T) {
			tc := toolchains[lang]
			bin, err := tc.find()
			if err != nil {
				if os.Getenv(requiredEnv) != "" {
					t.Fatalf("%v (%s is set)", err, requiredEnv)
				}
				t.Skip(err)
			}
			dir := t.TempDir()
			srcs := make([][]byte, len(cs))
			for k, c := range cs {
				opt := Options{Lang: lang, Name: fmt.Sprintf("c%d", k), Package: "main", Mode: c.mode, Raw: c.raw, Version: "test"}
				b, err := Generate(context.Background(), c.fs, c.vars, opt)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				srcs[k] = b
			}
			var in strings.Builder
			for k, c := range cs {
				for _, p := range c.points {
					fmt.Fprintf(&in, "%d", k)
					for _, v := range p {
						fmt.Fprintf(&in, " %s", inputFloat(v))
					}
					in.WriteString("\n")
				}
			}
			out, err := tc.run(bin, dir, cs, srcs, in.String())
			if err != nil {
				t.Fatal(err)
			}
			compare(t, cs, out)
		})
	}
}

// compare checks the lines a program printed, one a point in the order
// of the input, against the numeric programs.
func compare(t *testing.T, cs []*runCase, out string) {
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	bad := 0
	for _, c := range cs {
		want := make([]float64, c.nout())
		for _, p := range c.points {
			if !sc.Scan() {
				t.Fatalf("%s: the output ends early", c.name)
			}
			fields := strings.Fields(sc.Text())
			if len(fields) != len(want) {
				t.Fatalf("%s at %v: %d outputs, want %d: %q", c.name, p, len(fields), len(want), sc.Text())
			}
			c.ref.EvalMany(p, want)
			for j, f := range fields {
				got, err := parseFloat(f)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				_, bound := c.bounds[j].ErrorBound(p)
				if !close(got, want[j], bound) || (c.signed && want[j] == 0 && math.Signbit(got) != math.Signbit(want[j])) {
					if bad++; bad < 20 {
						t.Errorf("%s at %v: output %d (%s) = %.17g, numeric %.17g (bound %.3g)", c.name, p, j, c.outs[j], got, want[j], bound)
					}
				}
			}
		}
	}
}

func close(got, want, bound float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	tol := 1e-12*math.Abs(want) + 64*bound
	if math.IsInf(tol, 0) || math.IsNaN(tol) {
		tol = 1e-12 * math.Abs(want)
	}
	return math.Abs(got-want) <= tol+1e-300
}

// inputFloat writes v so that all four languages read it back
// (JavaScript's Number does not take Go's +Inf).
func inputFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// parseFloat reads a number as the four languages print it.
func parseFloat(s string) (float64, error) {
	switch strings.ToLower(strings.TrimPrefix(s, "+")) {
	case "nan", "-nan":
		return math.NaN(), nil
	case "inf", "infinity":
		return math.Inf(1), nil
	case "-inf", "-infinity":
		return math.Inf(-1), nil
	}
	return strconv.ParseFloat(s, 64)
}

// A toolchain runs the generated code of a language: find returns the
// path of its program (an error where the machine lacks it), run builds
// the generated sources with a driver that reads "k x1 x2 ..." lines and
// prints the outputs of case k at each, and returns what it printed.
type toolchain struct {
	find func() (string, error)
	run  func(bin, dir string, cs []*runCase, srcs [][]byte, input string) (string, error)
}

// lookPath finds the program name on PATH.
func lookPath(name string) func() (string, error) {
	return func() (string, error) { return exec.LookPath(name) }
}

var toolchains = map[Lang]toolchain{
	Go: {lookPath("go"), func(gobin, dir string, cs []*runCase, srcs [][]byte, input string) (string, error) {
		files := map[string]string{"go.mod": "module gentest\n\ngo 1.22\n"}
		var d strings.Builder
		d.WriteString("package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n\t\"strconv\"\n\t\"strings\"\n)\n\n")
		d.WriteString("var funcs = []struct {\n\tf    func(in, out []float64)\n\tnout int\n}{\n")
		for k, c := range cs {
			files[fmt.Sprintf("gen%d.go", k)] = string(srcs[k])
			fmt.Fprintf(&d, "\t{c%d, %d},\n", k, c.nout())
		}
		d.WriteString(`}

func main() {
	sc := bufio.NewScanner(os.Stdin)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		k, _ := strconv.Atoi(f[0])
		in := make([]float64, len(f)-1)
		for i := range in {
			in[i], _ = strconv.ParseFloat(f[i+1], 64)
		}
		out := make([]float64, funcs[k].nout)
		funcs[k].f(in, out)
		for i, v := range out {
			if i > 0 {
				w.WriteString(" ")
			}
			w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		fmt.Fprintln(w)
	}
}
`)
		files["main.go"] = d.String()
		if err := writeFiles(dir, files); err != nil {
			return "", err
		}
		cmd := exec.Command(gobin, "run", ".")
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GO111MODULE=on")
		return runIn(cmd, dir, input)
	}},
	C: {lookPath("gcc"), func(cc, dir string, cs []*runCase, srcs [][]byte, input string) (string, error) {
		var d strings.Builder
		d.WriteString("#include <stdio.h>\n#include <stdlib.h>\n")
		for k, c := range cs {
			fmt.Fprintf(&d, "void c%d(const double *in, double *out);\n", k)
			_ = c
		}
		d.WriteString("static void (*funcs[])(const double *, double *) = {")
		for k := range cs {
			fmt.Fprintf(&d, "c%d, ", k)
		}
		d.WriteString("};\nstatic const int nin[] = {")
		for _, c := range cs {
			fmt.Fprintf(&d, "%d, ", len(c.vars))
		}
		d.WriteString("};\nstatic const int nout[] = {")
		for _, c := range cs {
			fmt.Fprintf(&d, "%d, ", c.nout())
		}
		d.WriteString(`};

int main(void)
{
	int k;
	static double in[1024], out[4096];
	while (scanf("%d", &k) == 1) {
		for (int i = 0; i < nin[k]; i++) {
			if (scanf("%lf", &in[i]) != 1) {
				return 1;
			}
		}
		funcs[k](in, out);
		for (int i = 0; i < nout[k]; i++) {
			printf(i ? " %.17g" : "%.17g", out[i]);
		}
		printf("\n");
	}
	return 0;
}
`)
		files := map[string]string{"main.c": d.String()}
		args := []string{"-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", "-o", "prog", "main.c"}
		for k := range cs {
			name := fmt.Sprintf("gen%d.c", k)
			files[name] = string(srcs[k])
			args = append(args, name)
		}
		args = append(args, "-lm")
		if err := writeFiles(dir, files); err != nil {
			return "", err
		}
		if out, err := runIn(exec.Command(cc, args...), dir, ""); err != nil {
			return "", fmt.Errorf("%v\n%s", err, out)
		}
		return runIn(exec.Command(filepath.Join(dir, "prog")), dir, input)
	}},
	JS: {lookPath("node"), func(node, dir string, cs []*runCase, srcs [][]byte, input string) (string, error) {
		files := map[string]string{}
		var d strings.Builder
		for k := range cs {
			files[fmt.Sprintf("gen%d.mjs", k)] = string(srcs[k])
			fmt.Fprintf(&d, "import { c%d } from './gen%d.mjs';\n", k, k)
		}
		d.WriteString("import { readFileSync } from 'fs';\nconst funcs = [")
		for k := range cs {
			fmt.Fprintf(&d, "c%d, ", k)
		}
		d.WriteString(`];
const lines = [];
for (const line of readFileSync(0, 'utf8').split('\n')) {
  if (line === '') continue;
  const f = line.split(' ');
  const out = funcs[Number(f[0])](f.slice(1).map(Number));
  lines.push(Array.from(out).map((v) => Object.is(v, -0) ? '-0' : String(v)).join(' '));
}
process.stdout.write(lines.join('\n') + '\n');
`)
		files["main.mjs"] = d.String()
		if err := writeFiles(dir, files); err != nil {
			return "", err
		}
		return runIn(exec.Command(node, "main.mjs"), dir, input)
	}},
	NumPy: {pythonWithNumPy, func(py, dir string, cs []*runCase, srcs [][]byte, input string) (string, error) {
		files := map[string]string{}
		var d strings.Builder
		d.WriteString("import sys\nimport numpy as np\n")
		for k := range cs {
			files[fmt.Sprintf("gen%d.py", k)] = string(srcs[k])
			fmt.Fprintf(&d, "from gen%d import c%d\n", k, k)
		}
		d.WriteString("cases = [")
		for k, c := range cs {
			fmt.Fprintf(&d, "(c%d, %q, %d, %d), ", k, c.mode.String(), len(c.fs), len(c.vars))
		}
		d.WriteString(`]
groups = {}
order = []
for line in sys.stdin.read().split('\n'):
    if not line:
        continue
    f = line.split(' ')
    k = int(f[0])
    if k not in groups:
        groups[k] = []
        order.append(k)
    groups[k].append([float(v) for v in f[1:]])
out = []
for k in order:
    fn, mode, m, n = cases[k]
    cols = np.array(groups[k]).T
    npts = cols.shape[1]
    res = fn(*cols)
    if mode == "value":
        rows = np.reshape(res, (m, npts))
    elif mode == "grad":
        rows = np.concatenate([np.reshape(res[0], (1, npts)), np.reshape(res[1], (n, npts))])
    elif mode == "jacobian":
        rows = np.concatenate([np.reshape(res[0], (m, npts)), np.reshape(res[1], (m * n, npts))])
    else:
        rows = np.concatenate([np.reshape(res[0], (1, npts)), np.reshape(res[1], (n * n, npts))])
    # The first point again, as Python floats: the function must take
    # scalars too, and give the same values.
    first = fn(*[float(v) for v in groups[k][0]])
    flat = np.concatenate([np.ravel(np.asarray(a)) for a in (first if isinstance(first, tuple) else (first,))])
    if not np.array_equal(flat, rows[:, 0], equal_nan=True):
        sys.exit("case %d: scalars give %r, arrays %r" % (k, flat, rows[:, 0]))
    for p in range(npts):
        out.append(' '.join(repr(float(v)) for v in rows[:, p]))
sys.stdout.write('\n'.join(out) + '\n')
`)
		files["main.py"] = d.String()
		if err := writeFiles(dir, files); err != nil {
			return "", err
		}
		return runIn(exec.Command(py, "main.py"), dir, input)
	}},
}

// pythonWithNumPy returns a python3 that imports numpy: the one on PATH,
// else the system's (where Debian's python3-numpy installs it).
func pythonWithNumPy() (string, error) {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import numpy").Run() == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("no python3 with numpy")
}

func writeFiles(dir string, files map[string]string) error {
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// runIn runs cmd in dir with input on stdin and returns its stdout; on
// failure the error holds stderr.
func runIn(cmd *exec.Cmd, dir, input string) (string, error) {
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(input)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	return string(out), nil
}
