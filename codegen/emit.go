package codegen

import (
	"fmt"
	"go/format"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/symdiff/symdiff/numeric"
)

// emit returns the source of the function that runs tape t in opt.Lang;
// sig says what the tape's inputs and outputs are. Generate compiles and
// calls it; code generators of other front ends can call it on a tape of
// their own. An instruction it has no code for is an error naming the
// opcode.
func emit(t numeric.Tape, sig signature, opt Options) ([]byte, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if len(sig.Vars) != t.NumVars {
		return nil, fmt.Errorf("codegen: the signature has %d variables, the tape %d", len(sig.Vars), t.NumVars)
	}
	e := &emitter{t: t, d: dialects()[opt.Lang], opt: opt, helpers: map[string]bool{}}
	if err := e.code(); err != nil {
		return nil, err
	}
	src := e.d.frame(e, sig)
	if opt.Lang == Go {
		b, err := format.Source([]byte(src))
		if err != nil {
			return nil, fmt.Errorf("codegen: the generated Go does not parse (a bug): %v\n%s", err, src)
		}
		return b, nil
	}
	return []byte(src), nil
}

// An emitter turns a tape into statements of one language.
type emitter struct {
	t       numeric.Tape
	d       *dialect
	opt     Options
	stmts   []string        // the body, one assignment each, without terminator
	helpers map[string]bool // helpers the code calls
	useT    bool            // the scratch variable t (a hoisted argument)
	useS    bool            // the scratch variable s (suffix products)
	written map[int]bool    // temporaries the code assigns
}

// reg returns the text of register k: a variable, or a constant's literal.
func (e *emitter) reg(k int) string {
	if k >= e.t.NumVars && k < e.t.NumVars+len(e.t.Consts) {
		v := e.t.Consts[k-e.t.NumVars]
		s := e.d.lit(v)
		if math.Signbit(v) {
			return "(" + s + ")"
		}
		return s
	}
	return "r" + strconv.Itoa(k)
}

// linear returns c + w[0]*x[0] + ..., in that order, with the signs of the
// weights written as operators (exact: a + (-w)*x is a - w*x).
func (e *emitter) linear(c float64, w []float64, xs []string) string {
	var b strings.Builder
	first := true
	if c != 0 || len(xs) == 0 {
		b.WriteString(e.d.lit(c))
		first = false
	}
	for i, x := range xs {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		neg := math.Signbit(wi)
		aw := math.Abs(wi)
		switch {
		case first && neg:
			b.WriteString("-")
		case neg:
			b.WriteString(" - ")
		case !first:
			b.WriteString(" + ")
		}
		first = false
		if aw != 1 {
			b.WriteString(e.d.lit(aw) + "*")
		}
		b.WriteString(x)
	}
	return b.String()
}

// arg returns the argument of a function of one argument: a register or
// the fused sum of one term, parenthesised.
func (e *emitter) arg(in *numeric.Instr) string {
	switch in.Aff {
	case 1:
		return "(" + e.linear(in.AC, nil, []string{e.reg(in.A)}) + ")"
	case 2:
		return "(" + e.linear(in.AC, []float64{in.AW}, []string{e.reg(in.A)}) + ")"
	}
	return e.reg(in.A)
}

// argOnce returns the argument of an instruction that reads it more than
// once: a fused sum is computed into the scratch variable t first.
func (e *emitter) argOnce(in *numeric.Instr) string {
	if in.Aff == 0 {
		return e.reg(in.A)
	}
	e.useT = true
	e.assign("t", e.arg(in))
	return "t"
}

func (e *emitter) assign(dst, rhs string) {
	e.stmts = append(e.stmts, dst+" = "+rhs)
}

func (e *emitter) set(k int, rhs string) {
	e.written[k] = true
	e.assign(e.reg(k), rhs)
}

// call returns the code of the table function (or fast opcode) name at x.
func (e *emitter) call(name, x string) (string, error) {
	tmpl, ok := e.d.funcs[name]
	if !ok {
		return "", fmt.Errorf("codegen: no %s code for the function %s", e.opt.Lang, name)
	}
	return e.useHelpers(strings.ReplaceAll(tmpl, "%s", x)), nil
}

var helperRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$([a-z][a-zA-Z0-9]*)`) })

// useHelpers records the helpers code calls ($name) and writes their
// names.
func (e *emitter) useHelpers(code string) string {
	return helperRef().ReplaceAllStringFunc(code, func(m string) string {
		h := m[1:]
		if !e.helpers[h] {
			e.helpers[h] = true
			e.useHelpers(e.d.helpers[h]) // the helpers it calls
		}
		return e.d.helperName(e.opt.Name, h)
	})
}

// code emits the statements of the tape.
func (e *emitter) code() error {
	e.written = map[int]bool{}
	for i := range e.t.Code {
		if err := e.instr(&e.t.Code[i]); err != nil {
			return err
		}
	}
	return nil
}

func (e *emitter) instr(in *numeric.Instr) error {
	regs := func(rs []int) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = e.reg(r)
		}
		return out
	}
	switch in.Op {
	case "lin":
		e.set(in.Dst, e.linear(in.C, in.W, regs(in.Args)))
	case "mul":
		e.set(in.Dst, e.product(in.C, regs(in.Args), regs(in.Den)))
	case "powi":
		x := e.arg(in)
		switch in.N {
		case 2, 3, -1, -2:
			x = e.argOnce(in)
		}
		switch in.N {
		case 2:
			e.set(in.Dst, x+" * "+x)
		case 3:
			e.set(in.Dst, x+" * "+x+" * "+x)
		case -1:
			e.set(in.Dst, "1 / "+x)
		case -2:
			e.set(in.Dst, "1 / ("+x+" * "+x+")")
		default:
			e.set(in.Dst, e.useHelpers(fmt.Sprintf("$powi(%s, %d)", x, in.N)))
		}
	case "sqrt":
		s, err := e.call("sqrt", e.arg(in))
		if err != nil {
			return err
		}
		e.set(in.Dst, s)
	case "rsqrt":
		s, err := e.call("sqrt", e.arg(in))
		if err != nil {
			return err
		}
		e.set(in.Dst, "1 / "+s)
	case "powf":
		e.set(in.Dst, e.pow(e.arg(in), e.d.lit(in.C)))
	case "pow":
		e.set(in.Dst, e.pow(e.reg(in.A), e.reg(in.B)))
	case "exp", "log", "sin", "cos", "tanh", "sigmoid":
		s, err := e.call(in.Op, e.arg(in))
		if err != nil {
			return err
		}
		e.set(in.Dst, s)
	case "call":
		s, err := e.call(in.Func, e.arg(in))
		if err != nil {
			return err
		}
		e.set(in.Dst, s)
	case "expneg":
		s, err := e.call("exp", "-"+e.reg(in.A))
		if err != nil {
			return err
		}
		e.set(in.Dst, s)
	case "sincos":
		x := e.argOnce(in)
		sin, err := e.call("sin", x)
		if err != nil {
			return err
		}
		cos, err := e.call("cos", x)
		if err != nil {
			return err
		}
		e.set(in.Dsts[0], sin)
		e.set(in.Dsts[1], cos)
	case "loo":
		e.leaveOneOut(regs(in.Args), in.Dsts)
	case "divsq":
		x := e.argOnce(in)
		u := e.reg(in.Args[0])
		switch in.C {
		case 1:
		case -1:
			u = "-" + u
		default:
			u = e.d.lit(in.C) + " * " + u
		}
		e.set(in.Dst, u+" / ("+x+" * "+x+")")
	case "scale":
		if len(in.Ks) != len(in.Args) {
			return fmt.Errorf("codegen: a scale instruction with %d operands and %d powers (numeric.Program.Tape must copy them)", len(in.Args), len(in.Ks))
		}
		ks := make([]string, len(in.Ks))
		for k, n := range in.Ks {
			ks[k] = strconv.Itoa(n)
		}
		e.set(in.Dst, e.useHelpers(fmt.Sprintf("$scale(%s, %d, %s, %s)", e.d.lit(in.C), in.N, e.d.list(false, regs(in.Args)), e.d.list(true, ks))))
	case "mulz":
		if len(in.Ks) != len(in.Args) {
			return fmt.Errorf("codegen: a mulz instruction with %d operands and %d marks (numeric.Program.Tape must copy them)", len(in.Args), len(in.Ks))
		}
		var zs []string
		for k, a := range in.Args {
			if in.Ks[k] == 0 {
				zs = append(zs, e.reg(a))
			}
		}
		v := e.product(in.C, regs(in.Args), regs(in.Den))
		e.set(in.Dst, e.useHelpers(fmt.Sprintf("$mulz(%s, %s, %s, %s)", v, e.reg(in.A), e.d.list(false, zs), e.d.list(false, regs(in.Den)))))
	default:
		return fmt.Errorf("codegen: no %s code for the opcode %q", e.opt.Lang, in.Op)
	}
	return nil
}

// product returns (c * args[0] * ...) / (den[0] * ...), left to right.
func (e *emitter) product(c float64, args, den []string) string {
	var b strings.Builder
	switch {
	case len(args) == 0:
		b.WriteString(e.d.lit(c))
	case c == 1:
	case c == -1:
		b.WriteString("-")
	default:
		b.WriteString(e.d.lit(c) + " * ")
	}
	b.WriteString(strings.Join(args, " * "))
	switch len(den) {
	case 0:
	case 1:
		b.WriteString(" / " + den[0])
	default:
		b.WriteString(" / (" + strings.Join(den, " * ") + ")")
	}
	return b.String()
}

func (e *emitter) pow(x, y string) string {
	return e.useHelpers(strings.ReplaceAll(strings.Replace(e.d.funcs["pow"], "%s", x, 1), "%s", y))
}

// leaveOneOut emits the products of args but one: the prefix products,
// then the suffix products multiplied in (numeric's opLOO, the same
// roundings).
func (e *emitter) leaveOneOut(args []string, dsts []int) {
	n := len(args)
	if n < 2 {
		// Not a shape the compiler makes; computed directly.
		e.set(dsts[0], "1")
		if n == 1 {
			e.set(dsts[1], args[0])
		}
		return
	}
	e.useS = true
	e.set(dsts[1], args[0])
	for j := 2; j <= n; j++ {
		e.set(dsts[j], e.reg(dsts[j-1])+" * "+args[j-1])
	}
	e.assign("s", args[n-1])
	for j := n - 2; j >= 1; j-- {
		e.set(dsts[j], e.reg(dsts[j])+" * s")
		e.assign("s", "s * "+args[j])
	}
	e.set(dsts[0], "s")
}

// temps returns the temporaries the code assigns, in order.
func (e *emitter) temps() []int {
	var ks []int
	for k := range e.written {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	return ks
}

// unread returns the registers (arguments and temporaries) that no
// instruction and no output reads, for Go, which rejects variables that
// are set and never used.
func (e *emitter) unread() []int {
	read := map[int]bool{}
	for _, o := range e.t.Outs {
		read[o] = true
	}
	for _, in := range e.t.Code {
		for _, r := range in.Args {
			read[r] = true
		}
		for _, r := range in.Den {
			read[r] = true
		}
		switch in.Op {
		case "lin", "mul", "loo", "scale":
		case "pow":
			read[in.A], read[in.B] = true, true
		default:
			read[in.A] = true
		}
	}
	var ks []int
	for k := range e.t.NumVars {
		if !read[k] {
			ks = append(ks, k)
		}
	}
	for _, k := range e.temps() {
		if !read[k] {
			ks = append(ks, k)
		}
	}
	return ks
}

// helperList returns the helpers used, each after the helpers it calls
// (C needs them declared first), otherwise by name.
func (e *emitter) helperList() []string {
	var hs []string
	for h := range e.helpers {
		hs = append(hs, h)
	}
	sort.Strings(hs)
	var order []string
	done := map[string]bool{}
	var visit func(h string)
	visit = func(h string) {
		if done[h] {
			return
		}
		done[h] = true
		for _, m := range helperRef().FindAllStringSubmatch(e.d.helpers[h], -1) {
			if _, ok := e.d.helpers[m[1]]; ok {
				visit(m[1])
			}
		}
		order = append(order, h)
	}
	for _, h := range hs {
		visit(h)
	}
	return order
}

// helperSource returns a helper's source with the names of the helpers
// it calls written in.
func (e *emitter) helperSource(h string) string {
	return helperRef().ReplaceAllStringFunc(e.d.helpers[h], func(m string) string {
		return e.d.helperName(e.opt.Name, m[1:])
	})
}

// floatLit returns the shortest decimal that reads back as v, with a
// decimal point or exponent so that no language reads it as an integer.
func floatLit(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}
