package numeric

// This file is a read-only view of a Program's tape for code generators
// (package codegen), which emit source from the same CSE'd, fused
// instruction list that the interpreters run, so that every change to the
// lowering reaches them. A field added to instr that changes what an
// instruction computes must be added to Instr too.

// A Tape is a copy of a Program's instructions and registers. Registers
// 0 .. NumVars-1 hold the arguments, NumVars .. NumVars+len(Consts)-1 the
// constants; the others are temporaries, reused once their last reader
// has run.
type Tape struct {
	NumVars   int       // the number of arguments
	Consts    []float64 // register NumVars+k holds Consts[k]
	Registers int       // the number of registers
	Code      []Instr   // the instructions, in the order they run
	Outs      []int     // the register of each output
}

// An Instr is one instruction of a Tape. Op names the opcode as
// Program.String prints it (Opcodes lists them all); the fields an opcode
// does not use are zero.
//
//	lin      Dst = C + sum W[k]*Args[k] (W nil: every weight 1), left to right
//	mul      Dst = (C * Args[0] * Args[1] * ...) / (Den[0] * Den[1] * ...)
//	powi     Dst = arg^N by binary powering (N = 2, 3: products; N < 0: 1/arg^-N)
//	sqrt     Dst = sqrt(arg)
//	rsqrt    Dst = 1/sqrt(arg)
//	powf     Dst = arg^C
//	pow      Dst = A^B (A and B registers)
//	exp, log, sin, cos, tanh, sigmoid
//	         Dst = the function of arg
//	call     Dst = Func(arg), Func a row of the function table
//	loo      Dsts[j] = the product of Args but Args[j], Dsts[len(Args)] = the
//	         product of all (prefix products, then suffix products multiplied in)
//	sincos   Dsts[0], Dsts[1] = sin(arg), cos(arg)
//	expneg   Dst = exp(-A)
//	divsq    Dst = C*Args[0] / (arg*arg)
//	scale    Dst = C * 2^N * prod Args[k]^Ks[k], by products while every step is
//	         normal, else with mantissas and exponents apart
//	mulz     Dst = mul's product, or 0 where it is infinite or NaN, A is 0, an
//	         Arg with Ks 0 is 0 and no other factor or divisor is infinite or 0
//
// (scale and mulz are the compiler's stable lowerings of products whose
// values leave float64's range in between, and of the general power rule's
// 0*log(0).)
// arg is register A, or with Aff = 1 the sum AC + A, with Aff = 2 the sum
// AC + AW*A (a sum of one term fused into the instruction).
type Instr struct {
	Op   string    // the opcode's name
	Dst  int       // the register written (not loo, sincos)
	Dsts []int     // loo, sincos: the registers written
	A, B int       // the argument register; pow: base A, exponent B
	N    int       // powi: the exponent
	C    float64   // lin: the constant term; mul, divsq: the coefficient; powf: the exponent
	Args []int     // lin, mul, loo: the operands; divsq: the numerator
	W    []float64 // lin: the weights (nil: all 1)
	Den  []int     // mul: the divisors
	Func string    // call: the function's name in the table
	Ks   []int     // scale: the integer power of each of Args; mulz: nonzero for the Args that may be infinite where A is 0
	Aff  int       // 0: the argument is A; 1: AC + A; 2: AC + AW*A
	AC   float64   // the constant of a fused argument
	AW   float64   // the weight of a fused argument
}

// Tape returns a copy of the program's tape.
func (p *Program) Tape() Tape {
	ints := func(rs []int32) []int {
		if rs == nil {
			return nil
		}
		out := make([]int, len(rs))
		for i, r := range rs {
			out[i] = int(r)
		}
		return out
	}
	t := Tape{
		NumVars:   p.nvars,
		Consts:    append([]float64(nil), p.consts...),
		Registers: p.nregs,
		Outs:      ints(p.outs),
	}
	for i := range p.code {
		in := &p.code[i]
		v := Instr{
			Op: in.op.String(), Dst: int(in.dst), Dsts: ints(in.dsts), A: int(in.a), B: int(in.b),
			N: in.n, C: in.c, Args: ints(in.args), W: append([]float64(nil), in.w...), Den: ints(in.den),
			Ks:  append([]int(nil), in.ks...),
			Aff: int(in.aff), AC: in.ac, AW: in.aw,
		}
		if in.w == nil {
			v.W = nil
		}
		if in.f != nil {
			v.Func = in.f.Name
		}
		t.Code = append(t.Code, v)
	}
	return t
}

// Opcodes returns the name of every opcode, in the order of the opcode
// list.
func Opcodes() []string {
	names := make([]string, opCount)
	for op := range opCount {
		names[op] = op.String()
	}
	return names
}
