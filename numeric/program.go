package numeric

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// A Program is a compiled expression (or several): a flat list of
// instructions over numbered registers, each distinct subexpression
// computed once. Its arguments are the variables given to Compile, by
// position. A Program is immutable and safe for concurrent use: every call
// works in scratch space of its own.
//
// The evaluation methods panic if the number of arguments, columns or
// outputs does not match the Program; that is a programming error, not bad
// input.
type Program struct {
	nvars   int
	nregs   int
	consts  []float64    // registers nvars .. nvars+len(consts)-1
	constsC []complex128 // the same constants for complex evaluation
	// constErr bounds each constant's error (see compiler.cerr), for
	// ErrorBound.
	constErr []float64
	code     []instr
	outs     []int32 // output registers

	constBlock []float64 // each constant repeated batchChunk times
	scalars    sync.Pool // *[]float64
	complexes  sync.Pool // *[]complex128
	batches    sync.Pool // *batchScratch
}

// batchChunk is the number of points each instruction processes at a time
// in EvalBatch: large enough that dispatch costs nothing, small enough
// that the registers stay in cache.
const batchChunk = 256

// regStride is the distance of the batch registers in their block of
// memory: a chunk and one cache line, so that the same point of many
// registers (as the leave-one-out kernel reads and writes them, 16 points
// of each at a time) falls in different sets of the L1 cache; at a stride
// of 2 KiB they would all compete for the same few sets.
const regStride = batchChunk + 8

func (p *Program) init() {
	p.constBlock = make([]float64, len(p.consts)*batchChunk)
	for k, v := range p.consts {
		blk := p.constBlock[k*batchChunk : (k+1)*batchChunk]
		for i := range blk {
			blk[i] = v
		}
	}
}

// Len returns the number of instructions of the program.
func (p *Program) Len() int { return len(p.code) }

// NumVars returns the number of arguments the program takes.
func (p *Program) NumVars() int { return p.nvars }

// NumOutputs returns the number of values the program computes.
func (p *Program) NumOutputs() int { return len(p.outs) }

func (p *Program) checkArgs(method string, n int) {
	if n != p.nvars {
		panic(fmt.Sprintf("numeric: %s: got %d arguments, want %d", method, n, p.nvars))
	}
}

func (p *Program) checkOuts(method string, n int) {
	if n != len(p.outs) {
		panic(fmt.Sprintf("numeric: %s: room for %d outputs, program has %d", method, n, len(p.outs)))
	}
}

// smallRegs is the register count up to which scalar evaluation keeps its
// registers on the stack.
const smallRegs = 48

// Eval evaluates the program's first output at args.
func (p *Program) Eval(args []float64) float64 {
	p.checkArgs("Eval", len(args))
	var buf [smallRegs]float64
	if p.nregs <= smallRegs {
		r := buf[:p.nregs]
		p.load(r, args)
		p.run(r)
		return r[p.outs[0]]
	}
	sp := p.scalarRegs()
	defer p.scalars.Put(sp)
	r := *sp
	p.load(r, args)
	p.run(r)
	return r[p.outs[0]]
}

// EvalMany evaluates every output of the program at args into out.
func (p *Program) EvalMany(args, out []float64) {
	p.checkArgs("EvalMany", len(args))
	p.checkOuts("EvalMany", len(out))
	sp := p.scalarRegs()
	defer p.scalars.Put(sp)
	r := *sp
	p.load(r, args)
	p.run(r)
	for i, o := range p.outs {
		out[i] = r[o]
	}
}

func (p *Program) scalarRegs() *[]float64 {
	if sp, ok := p.scalars.Get().(*[]float64); ok {
		return sp
	}
	r := make([]float64, p.nregs)
	return &r
}

func (p *Program) load(r, args []float64) {
	copy(r, args)
	copy(r[p.nvars:], p.consts)
}

func (p *Program) run(r []float64) {
	var tmp float64
	for i := range p.code {
		execScalar(&p.code[i], r, &tmp)
	}
}

// EvalComplex evaluates the program's first output at complex arguments,
// continuing every function analytically (the table's EvalC). With
// args[i] = x + ih for a tiny h, imag(result)/h is the derivative with
// respect to argument i to machine precision: the complex step.
func (p *Program) EvalComplex(args []complex128) complex128 {
	p.checkArgs("EvalComplex", len(args))
	var out [1]complex128
	p.evalComplex(args, out[:])
	return out[0]
}

// evalComplex evaluates the program's first len(out) outputs at complex
// arguments into out.
func (p *Program) evalComplex(args, out []complex128) {
	var r []complex128
	if sp, ok := p.complexes.Get().(*[]complex128); ok {
		r = *sp
	} else {
		r = make([]complex128, p.nregs)
	}
	copy(r, args)
	copy(r[p.nvars:], p.constsC)
	var tmp complex128
	for i := range p.code {
		execComplex(&p.code[i], r, &tmp)
	}
	for i := range out {
		out[i] = r[p.outs[i]]
	}
	p.complexes.Put(&r)
}

type batchScratch struct {
	regs  [][]float64
	tmp   []float64
	saved [][]float64 // the variables' own registers while columns stand in
}

func (p *Program) batchScratch() *batchScratch {
	if s, ok := p.batches.Get().(*batchScratch); ok {
		return s
	}
	mem := make([]float64, (p.nregs+1)*regStride)
	s := &batchScratch{regs: make([][]float64, p.nregs), tmp: mem[p.nregs*regStride:][:batchChunk:batchChunk], saved: make([][]float64, p.nvars)}
	for i := range s.regs {
		s.regs[i] = mem[i*regStride:][:batchChunk:batchChunk]
	}
	for k := range p.consts {
		s.regs[p.nvars+k] = p.constBlock[k*batchChunk : (k+1)*batchChunk]
	}
	return s
}

// EvalBatch evaluates the program at many points given by columns:
// cols[i][k] is the value of variable i at point k, and outs[j][k]
// receives output j at point k. outs holds a slice for each of the
// program's first len(outs) outputs (one, at least, and at most
// NumOutputs), each with room for as many points as every column has.
// Each instruction runs over a chunk of points at a time, so the cost of
// dispatching instructions vanishes against the arithmetic.
//
// A batch of at least ParallelMinPoints points is split over up to
// runtime.GOMAXPROCS(0) goroutines, each taking blocks of points with
// scratch registers of its own, unless the option Serial is given. Every
// point is computed by the same operations whichever goroutine takes it,
// so the values do not depend on the split: they equal Eval's and
// EvalMany's, bit for bit.
func (p *Program) EvalBatch(cols, outs [][]float64, opts ...BatchOption) {
	if len(outs) == 0 || len(outs) > len(p.outs) {
		panic(fmt.Sprintf("numeric: EvalBatch: room for %d outputs, program has %d", len(outs), len(p.outs)))
	}
	var c batchConfig
	for _, o := range opts {
		o(&c)
	}
	p.evalBatch("EvalBatch", cols, outs, !c.serial)
}

// A BatchOption changes how EvalBatch runs.
type BatchOption func(*batchConfig)

type batchConfig struct {
	serial bool
}

// Serial makes EvalBatch run in the calling goroutine only, whatever the
// size of the batch: for callers that run goroutines of their own, or
// that time one core.
func Serial() BatchOption { return serial }

func serial(c *batchConfig) { c.serial = true }

// ParallelMinPoints is the batch size from which EvalBatch uses more
// than one goroutine; smaller batches are not worth
// starting one.
const ParallelMinPoints = 16384

// parallelBlock is the number of points a goroutine of a parallel batch
// takes at a time: a multiple of batchChunk, small enough that a core
// slowed down by other work on the machine leaves the rest to the others.
const parallelBlock = 16 * batchChunk

func (p *Program) evalBatch(method string, cols, outs [][]float64, parallel bool) {
	p.checkArgs(method, len(cols))
	n := len(outs[0])
	for i, c := range cols {
		if len(c) != n {
			panic(fmt.Sprintf("numeric: %s: column %d has %d values, want %d", method, i, len(c), n))
		}
	}
	for j, o := range outs {
		if len(o) != n {
			panic(fmt.Sprintf("numeric: %s: output %d has room for %d values, want %d", method, j, len(o), n))
		}
	}
	workers := 1
	if parallel && n >= ParallelMinPoints {
		workers = min(runtime.GOMAXPROCS(0), (n+parallelBlock-1)/parallelBlock)
	}
	if workers <= 1 {
		s := p.batchScratch()
		p.batchRange(s, cols, outs, 0, n)
		p.batches.Put(s)
		return
	}
	blocks := int64((n + parallelBlock - 1) / parallelBlock)
	var next atomic.Int64
	work := func() {
		s := p.batchScratch()
		for {
			b := next.Add(1) - 1
			if b >= blocks {
				break
			}
			start := int(b) * parallelBlock
			p.batchRange(s, cols, outs, start, min(n, start+parallelBlock))
		}
		p.batches.Put(s)
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// batchRange evaluates the points [lo, hi) in scratch s, a chunk at a
// time.
func (p *Program) batchRange(s *batchScratch, cols, outs [][]float64, lo, hi int) {
	saved := s.saved[:p.nvars]
	copy(saved, s.regs[:p.nvars])
	for start := lo; start < hi; start += batchChunk {
		m := min(batchChunk, hi-start)
		for v := range p.nvars {
			s.regs[v] = cols[v][start : start+m]
		}
		for i := range p.code {
			execBatch(&p.code[i], s.regs, m, s.tmp[:m])
		}
		for j, out := range outs {
			copy(out[start:start+m], s.regs[p.outs[j]][:m])
		}
	}
	copy(s.regs[:p.nvars], saved)
}

// argString shows the argument of a function of one argument: its
// register, or the fused sum of one term as (c + w*rN).
func argString(in *instr) string {
	switch in.aff {
	case affAdd:
		return fmt.Sprintf("(%g + r%d)", in.ac, in.a)
	case affMulAdd:
		return fmt.Sprintf("(%g + %g*r%d)", in.ac, in.aw, in.a)
	}
	return fmt.Sprintf("r%d", in.a)
}

// String lists the program's instructions, one a line, for debugging and
// for the command line's statistics.
func (p *Program) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "; %d variables, %d constants, %d registers, %d instructions\n",
		p.nvars, len(p.consts), p.nregs, len(p.code))
	for k, v := range p.consts {
		fmt.Fprintf(&b, "r%d = %g\n", p.nvars+k, v)
	}
	regs := func(rs []int32) string {
		s := make([]string, len(rs))
		for i, r := range rs {
			s[i] = fmt.Sprintf("r%d", r)
		}
		return strings.Join(s, " ")
	}
	for _, in := range p.code {
		switch in.op {
		case opLin:
			if in.w == nil {
				fmt.Fprintf(&b, "r%d = lin %g + sum(%s)\n", in.dst, in.c, regs(in.args))
			} else {
				fmt.Fprintf(&b, "r%d = lin %g + %v . (%s)\n", in.dst, in.c, in.w, regs(in.args))
			}
		case opMul:
			fmt.Fprintf(&b, "r%d = mul %g * (%s) / (%s)\n", in.dst, in.c, regs(in.args), regs(in.den))
		case opMulZ:
			fmt.Fprintf(&b, "r%d = mulz %g * (%s) / (%s), limit at r%d = 0 against %v\n", in.dst, in.c, regs(in.args), regs(in.den), in.a, in.ks)
		case opScale:
			fmt.Fprintf(&b, "r%d = scale %g * 2^%d * (%s)^%v\n", in.dst, in.c, in.n, regs(in.args), in.ks)
		case opLOO:
			fmt.Fprintf(&b, "%s = loo (%s)\n", regs(in.dsts), regs(in.args))
		case opSincos:
			fmt.Fprintf(&b, "%s = sincos %s\n", regs(in.dsts), argString(&in))
		case opPowi:
			fmt.Fprintf(&b, "r%d = powi %s %d\n", in.dst, argString(&in), in.n)
		case opDivSq:
			fmt.Fprintf(&b, "r%d = divsq %g * r%d / %s^2\n", in.dst, in.c, in.args[0], argString(&in))
		case opPowf:
			fmt.Fprintf(&b, "r%d = powf %s %g\n", in.dst, argString(&in), in.c)
		case opPow:
			fmt.Fprintf(&b, "r%d = pow r%d r%d\n", in.dst, in.a, in.b)
		case opCall:
			fmt.Fprintf(&b, "r%d = call %s %s\n", in.dst, in.f.Name, argString(&in))
		default:
			fmt.Fprintf(&b, "r%d = %s %s\n", in.dst, opNames[in.op], argString(&in))
		}
	}
	fmt.Fprintf(&b, "out %s\n", regs(p.outs))
	return b.String()
}
