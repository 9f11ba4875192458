package numeric

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// An opcode names what an instruction computes.
//
// The constants below are the one opcode list. Its contract: every opcode
// before opCount has a name in opNames, and every switch over an
// instruction's opcode (the four interpreters execScalar, execComplex,
// execBatch and execBound, and the shape functions operands, results and
// remap) names each opcode in a case and ends in a default that panics
// naming the opcode, so that an opcode one of them forgets fails on first
// use instead of leaving 0 in its register. TestEveryOpcodeEveryInterpreter
// compiles one expression per opcode and runs it through every
// interpreter; it fails until a new opcode has a row there. To add an
// opcode: a constant here (before opCount), its name, a case in each of
// those switches, and that row.
type opcode uint8

const (
	opLin     opcode = iota // dst = c + sum w[k]*args[k] (w nil: all weights 1)
	opMul                   // dst = c * prod args / prod den
	opPowi                  // dst = a^n, n an integer
	opSqrt                  // dst = sqrt(a)
	opRsqrt                 // dst = 1/sqrt(a)
	opPowf                  // dst = a^c, c a float constant
	opPow                   // dst = a^b
	opExp                   // dst = exp(a)
	opLog                   // dst = log(a)
	opSin                   // dst = sin(a)
	opCos                   // dst = cos(a)
	opTanh                  // dst = tanh(a)
	opSigmoid               // dst = sigmoid(a)
	opCall                  // dst = f.Eval(a)
	opLOO                   // dsts[j] = prod of args but args[j]; dsts[n] = prod of all args
	opSincos                // dsts[0], dsts[1] = sin(a), cos(a) (one range reduction)
	opExpNeg                // dst = exp(-a)
	opDivSq                 // dst = c * args[0] / (a*a)
	opScale                 // dst = c * 2^n * prod args[k]^ks[k], exponent range kept apart (stable.go)
	opMulZ                  // dst = opMul's product, 0 where u = r[a] is 0 and a factor is 0 (stable.go)

	opCount // the number of opcodes; not an opcode
)

var opNames = [opCount]string{
	opLin: "lin", opMul: "mul", opPowi: "powi", opSqrt: "sqrt", opRsqrt: "rsqrt",
	opPowf: "powf", opPow: "pow", opExp: "exp", opLog: "log", opSin: "sin", opCos: "cos",
	opTanh: "tanh", opSigmoid: "sigmoid", opCall: "call", opLOO: "loo",
	opSincos: "sincos", opExpNeg: "expneg", opDivSq: "divsq", opScale: "scale", opMulZ: "mulz",
}

// String returns the opcode's name, or its number for a value that is not
// an opcode.
func (op opcode) String() string {
	if op < opCount && opNames[op] != "" {
		return opNames[op]
	}
	return fmt.Sprintf("opcode(%d)", uint8(op))
}

// unhandled is the panic value of a switch over opcodes that meets one it
// has no case for: a broken invariant of the opcode list, never bad input.
func unhandled(where string, op opcode) string {
	return fmt.Sprintf("numeric: %s has no case for opcode %v", where, op)
}

// An instr is one instruction of the tape. Register numbers are virtual
// while compiling and physical in a finished Program.
type instr struct {
	op   opcode
	dst  int32
	a, b int32
	n    int        // opPowi: the exponent
	c    float64    // opLin: constant term; opMul: coefficient; opPowf: exponent
	cc   complex128 // c for complex evaluation (constants may be complex there)
	// ce bounds the error of c from the constants folded into it at
	// compile time (emitLin, emitMul): absolute for opLin, relative to c
	// for the products (opMul, opMulZ, opScale, opDivSq).
	ce   float64
	args []int32
	w    []float64
	den  []int32
	dsts []int32 // opLOO: len(args)+1 results; opSincos: sin, cos
	f    *symbolic.Func
	// A function of one argument may take c' + w'*a instead of a, a sum
	// of one term fused into it: aff = affAdd (ac + a) or affMulAdd
	// (ac + aw*a); acc is ac for complex evaluation.
	aff uint8
	ac  float64
	aw  float64
	acc complex128
	ace float64                     // ac's error, the fused sum's ce
	fc  func(complex128) complex128 // the complex continuation (opSincos: of sin)
	fc2 func(complex128) complex128 // opSincos: the complex continuation of cos
	fe  func(float64) float64       // opCall: the function (f.Eval, or a wider one: wideEval)
	// opScale: the integer exponent of each of args; opMulZ: nonzero for
	// the args that may be infinite through a singularity at u = 0.
	ks []int
}

// operands calls fn for every register the instruction reads.
func (in *instr) operands(fn func(int32)) {
	switch in.op {
	case opLin, opMul, opLOO, opScale:
		for _, a := range in.args {
			fn(a)
		}
		for _, a := range in.den {
			fn(a)
		}
	case opMulZ:
		for _, a := range in.args {
			fn(a)
		}
		for _, a := range in.den {
			fn(a)
		}
		fn(in.a)
	case opPow:
		fn(in.a)
		fn(in.b)
	case opDivSq:
		fn(in.args[0])
		fn(in.a)
	case opPowi, opSqrt, opRsqrt, opPowf, opExp, opLog, opSin, opCos, opTanh, opSigmoid, opCall, opSincos, opExpNeg:
		fn(in.a)
	default:
		panic(unhandled("operands", in.op))
	}
}

// results calls fn for every register the instruction writes.
func (in *instr) results(fn func(int32)) {
	switch in.op {
	case opLOO, opSincos:
		for _, d := range in.dsts {
			fn(d)
		}
	case opLin, opMul, opPowi, opSqrt, opRsqrt, opPowf, opPow, opExp, opLog, opSin, opCos, opTanh, opSigmoid, opCall, opExpNeg, opDivSq, opScale, opMulZ:
		fn(in.dst)
	default:
		panic(unhandled("results", in.op))
	}
}

// Compile compiles e into a Program whose arguments are the given
// variables, in order. Every distinct node of the DAG is computed once.
// A free variable of e that is not among vars is an error naming it; the
// constants Pi and E need no binding. Abstract functions cannot be
// evaluated and are an error.
func Compile(e symbolic.Expr, vars ...*symbolic.Symbol) (*Program, error) {
	return CompileMany([]symbolic.Expr{e}, vars...)
}

// CompileMany compiles several expressions into one Program with one output
// per expression; subexpressions they share are computed once.
func CompileMany(es []symbolic.Expr, vars ...*symbolic.Symbol) (*Program, error) {
	if len(es) == 0 {
		return nil, errors.New("numeric: no expression to compile")
	}
	c := &compiler{
		vars:   make(map[*symbolic.Symbol]int32),
		memo:   make(map[symbolic.Expr]int32),
		consts: make(map[[3]uint64]int32),
		pows:   make(map[powKey]int32),
		scaled: make(map[symbolic.Expr]bool),

		powBases: make(map[symbolic.Expr]bool),
	}
	for i, v := range vars {
		if v == nil {
			return nil, fmt.Errorf("numeric: variable %d is nil", i)
		}
		if v.IsConstant() {
			return nil, fmt.Errorf("numeric: %s is a constant, not a variable", v.Name())
		}
		if _, dup := c.vars[v]; dup {
			return nil, fmt.Errorf("numeric: variable %s listed twice", v.Name())
		}
		c.vars[v] = int32(i)
		c.newReg()
	}
	outs := make([]int32, len(es))
	for i, e := range es {
		if e == nil {
			return nil, fmt.Errorf("numeric: expression %d is nil", i)
		}
		outs[i] = c.expr(e)
		if c.err != nil {
			return nil, c.err
		}
	}
	if len(c.unbound) > 0 {
		names := make([]string, 0, len(c.unbound))
		for n := range c.unbound {
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) == 1 {
			return nil, fmt.Errorf("numeric: variable %s has no value (not among the bound variables)", names[0])
		}
		return nil, fmt.Errorf("numeric: variables %s have no value (not among the bound variables)", strings.Join(names, ", "))
	}
	return c.finish(outs, len(vars)), nil
}

type powKey struct {
	reg int32
	exp string
}

type compiler struct {
	vars   map[*symbolic.Symbol]int32
	memo   map[symbolic.Expr]int32
	consts map[[3]uint64]int32    // (kind, real bits, imag bits) -> register
	pows   map[powKey]int32       // synthetic powers, shared
	scaled map[symbolic.Expr]bool // products compiled as one scale instruction
	// powBases are the bases of the general powers u^v compiled, and
	// singular the products that may become mulz instructions (stable.go).
	powBases map[symbolic.Expr]bool
	singular []singularProduct
	isConst  []bool
	cval     []float64    // value of constant registers
	cvalC    []complex128 // complex value of constant registers
	// cerr bounds the error of each constant register's value: the
	// representation of a number, and the rounding of the float
	// arithmetic that folded a constant subexpression (see emit).
	cerr    []float64
	code    []instr
	unbound map[string]bool
	err     error
}

func (c *compiler) newReg() int32 {
	c.isConst = append(c.isConst, false)
	c.cval = append(c.cval, 0)
	c.cvalC = append(c.cvalC, 0)
	c.cerr = append(c.cerr, 0)
	return int32(len(c.isConst) - 1)
}

// constReg returns the register of the constant v (vc for complex
// evaluation), whose value has an error of at most err; a constant
// reached twice keeps the larger bound.
func (c *compiler) constReg(v float64, vc complex128, err float64) int32 {
	key := [3]uint64{math.Float64bits(v), math.Float64bits(real(vc)), math.Float64bits(imag(vc))}
	if r, ok := c.consts[key]; ok {
		c.cerr[r] = max(c.cerr[r], err)
		return r
	}
	r := c.newReg()
	c.isConst[r] = true
	c.cval[r], c.cvalC[r], c.cerr[r] = v, vc, err
	c.consts[key] = r
	return r
}

// represented is the error of a rational constant rounded to the float64
// v: half an ulp.
func represented(v float64) float64 { return math.Abs(v) * 0x1p-53 }

// emit appends a single-result instruction and returns its register, or
// folds it into a constant when every operand is constant.
func (c *compiler) emit(in instr) int32 {
	allConst := true
	in.operands(func(r int32) {
		if !c.isConst[r] {
			allConst = false
		}
	})
	in.dst = c.newReg()
	if allConst {
		// Folded: the value, and its error as ErrorBound would charge
		// the instruction at run time (2 - cbrt(2)^3 folds to 0 in
		// float64 and to 1.1e-15 in complex arithmetic; its bound was 0).
		execScalar(&in, c.cval, nil)
		execComplex(&in, c.cvalC, nil)
		execBound(&in, c.cval, c.cerr)
		return c.constReg(c.cval[in.dst], c.cvalC[in.dst], c.cerr[in.dst]+math.SmallestNonzeroFloat64)
	}
	c.code = append(c.code, in)
	return in.dst
}

// expr compiles the DAG rooted at e in post-order without recursion, so
// that deeply nested input cannot overflow the stack.
func (c *compiler) expr(e symbolic.Expr) int32 {
	type frame struct {
		e    symbolic.Expr
		next int
	}
	stack := []frame{{e: e}}
	for len(stack) > 0 && c.err == nil {
		top := &stack[len(stack)-1]
		if _, done := c.memo[top.e]; done {
			stack = stack[:len(stack)-1]
			continue
		}
		kids := symbolic.Children(top.e)
		if top.next < len(kids) {
			k := kids[top.next]
			top.next++
			if _, done := c.memo[k]; !done {
				stack = append(stack, frame{e: k})
			}
			continue
		}
		c.memo[top.e] = c.node(top.e)
		stack = stack[:len(stack)-1]
	}
	return c.memo[e]
}

// node compiles one node whose children are compiled.
func (c *compiler) node(e symbolic.Expr) int32 {
	switch e := e.(type) {
	case *symbolic.Number:
		v := e.Float64()
		return c.constReg(v, complex(v, 0), represented(v))
	case *symbolic.Symbol:
		switch e {
		case symbolic.Pi:
			return c.constReg(math.Pi, complex(math.Pi, 0), represented(math.Pi))
		case symbolic.E:
			return c.constReg(math.E, complex(math.E, 0), represented(math.E))
		}
		if r, ok := c.vars[e]; ok {
			return r
		}
		if c.unbound == nil {
			c.unbound = make(map[string]bool)
		}
		c.unbound[e.Name()] = true
		return c.constReg(math.NaN(), complex(math.NaN(), 0), 0)
	case *symbolic.Sum:
		return c.sum(e)
	case *symbolic.Product:
		return c.product(e)
	case *symbolic.Power:
		if n, ok := e.Exp().(*symbolic.Number); ok {
			return c.pow(c.memo[e.Base()], n.Rat())
		}
		c.powBases[e.Base()] = true
		return c.emit(instr{op: opPow, a: c.memo[e.Base()], b: c.memo[e.Exp()]})
	case *symbolic.Call:
		return c.call(e)
	}
	c.err = fmt.Errorf("numeric: cannot compile %T", e)
	return 0
}

func (c *compiler) call(e *symbolic.Call) int32 {
	f := e.Func()
	if f.IsAbstract() {
		c.err = fmt.Errorf("numeric: cannot evaluate the abstract function %s", f.Name)
		return 0
	}
	if len(e.Args()) != 1 || f.Eval == nil || f.EvalC == nil {
		c.err = fmt.Errorf("numeric: cannot evaluate %s with %d arguments", f.Name, len(e.Args()))
		return 0
	}
	a := c.memo[e.Arg()]
	if u, ok := softplusArg(e); ok {
		f, a = softplusFunc, c.memo[u]
	}
	if op, ok := fastOps[f.Name]; ok {
		return c.emit(instr{op: op, a: a, f: f, fc: complexFunc(f)})
	}
	fe := f.Eval
	if w, ok := wideEval[f.Name]; ok {
		fe = w
	}
	return c.emit(instr{op: opCall, a: a, f: f, fe: fe, fc: complexFunc(f)})
}

// pow compiles base^r for a rational r: integer powers by multiplication,
// halves through sqrt, others through math.Pow.
func (c *compiler) pow(base int32, r *big.Rat) int32 {
	if r.Cmp(big.NewRat(1, 1)) == 0 {
		return base
	}
	key := powKey{base, r.RatString()}
	if reg, ok := c.pows[key]; ok {
		return reg
	}
	var reg int32
	num, den := r.Num(), r.Denom()
	switch {
	case den.IsInt64() && den.Int64() == 1 && num.IsInt64() && abs64(num.Int64()) <= 1<<20:
		reg = c.emit(instr{op: opPowi, a: base, n: int(num.Int64())})
	case den.IsInt64() && den.Int64() == 2 && num.IsInt64() && abs64(num.Int64()) <= 1<<20:
		n := num.Int64()
		switch n {
		case 1:
			reg = c.emit(instr{op: opSqrt, a: base})
		case -1:
			reg = c.emit(instr{op: opRsqrt, a: base})
		default:
			s := c.pow(base, big.NewRat(1, 2))
			reg = c.emit(instr{op: opPowi, a: s, n: int(n)})
		}
	default:
		f, _ := r.Float64()
		reg = c.emit(instr{op: opPowf, a: base, c: f, cc: complex(f, 0)})
		if den.IsInt64() && den.Int64() == 1 && num.Bit(0) == 1 && math.Mod(f, 2) == 0 {
			// An odd exponent beyond 2^53, whose float64 is even: the
			// power has the sign of its base, which Pow(b, f) = |b|^f
			// has lost. b*|b|^f is sign(b)*|b|^(f+1), and f is already
			// n rounded by more than 1: (-2)^(10^60 + 1) is -Inf, not
			// +Inf.
			reg = c.emitMul(instr{op: opMul, c: 1, cc: 1, args: []int32{base, reg}})
		}
	}
	c.pows[key] = reg
	return reg
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// product compiles a canonical product: the numeric coefficient folds into
// the instruction, and factors with a negative integer exponent divide.
func (c *compiler) product(e *symbolic.Product) int32 {
	factors := e.Factors()
	if r, ok := c.scaleProduct(factors); ok {
		c.scaled[e] = true
		return r
	}
	// A product singular at u = 0 may become a mulz instruction
	// (lowerMulz) where a sum reads it whole (a term of one factor and
	// its coefficient, or one that leaveOneOut takes apart, stays opMul).
	u := singularBase(factors)
	in := instr{op: opMul, c: 1, cc: 1}
	for _, f := range factors {
		if n, ok := f.(*symbolic.Number); ok {
			v := n.Float64()
			in.c *= v
			in.cc *= complex(v, 0)
			continue
		}
		if p, ok := f.(*symbolic.Power); ok {
			if n, ok := p.Exp().(*symbolic.Number); ok && n.Sign() < 0 {
				r := n.Rat()
				in.den = append(in.den, c.pow(c.memo[p.Base()], r.Neg(r)))
				continue
			}
		}
		in.args = append(in.args, c.memo[f])
	}
	r := c.emitMul(in)
	if n := len(c.code); u != nil && n > 0 && c.code[n-1].op == opMul && c.code[n-1].dst == r {
		c.singular = append(c.singular, singularProduct{e, u, r})
	}
	return r
}

// emitMul folds constant operands into the coefficient and emits the
// product.
func (c *compiler) emitMul(in instr) int32 {
	args, den := in.args[:0:0], in.den[:0:0]
	for _, a := range in.args {
		if c.isConst[a] {
			in.c *= c.cval[a]
			in.cc *= c.cvalC[a]
			in.ce += relErr(c.cval[a], c.cerr[a]) + roundoff
		} else {
			args = append(args, a)
		}
	}
	for _, a := range in.den {
		if c.isConst[a] {
			in.c /= c.cval[a]
			in.cc /= c.cvalC[a]
			in.ce += relErr(c.cval[a], c.cerr[a]) + roundoff
		} else {
			den = append(den, a)
		}
	}
	in.args, in.den = args, den
	if len(in.den) == 0 && len(in.args) == 1 && in.c == 1 && in.cc == 1 {
		return in.args[0]
	}
	return c.emit(in)
}

// A term is c * (product of factors), one term of a sum.
type term struct {
	w       float64
	factors []symbolic.Expr
	whole   symbolic.Expr
}

func (c *compiler) sum(s *symbolic.Sum) int32 {
	in := instr{op: opLin}
	var terms []term
	for _, t := range s.Terms() {
		if n, ok := t.(*symbolic.Number); ok {
			v := n.Float64()
			in.c += v
			in.cc += complex(v, 0)
			continue
		}
		tm := term{w: 1, factors: []symbolic.Expr{t}, whole: t}
		if p, ok := t.(*symbolic.Product); ok && !c.scaled[t] {
			fs := p.Factors()
			if n, ok := fs[0].(*symbolic.Number); ok {
				tm.w, fs = n.Float64(), fs[1:]
			}
			tm.factors = fs
		}
		terms = append(terms, tm)
	}
	c.sigmoidComplement(terms, &in)
	if done := c.leaveOneOut(terms, &in); !done {
		for _, t := range terms {
			switch {
			case len(t.factors) == 1:
				in.args = append(in.args, c.memo[t.factors[0]])
				in.w = append(in.w, t.w)
			default:
				in.args = append(in.args, c.memo[t.whole])
				in.w = append(in.w, 1)
			}
		}
	}
	return c.emitLin(in)
}

// leaveOneOut recognises the shape the product rule leaves behind, a sum
// of products that each omit one factor of a shared set B (and may add
// factors of their own), and evaluates all products of B but one factor at
// once with prefix and suffix products: O(|B|) multiplications instead of
// O(|B|^2). It appends the terms to in and reports whether it did.
func (c *compiler) leaveOneOut(terms []term, in *instr) bool {
	m := len(terms)
	if m < 3 {
		return false
	}
	count := make(map[symbolic.Expr]int)
	var order []symbolic.Expr
	naive := 0
	for _, t := range terms {
		naive += len(t.factors)
		for _, f := range t.factors {
			if count[f] == 0 {
				order = append(order, f)
			}
			count[f]++
		}
	}
	index := make(map[symbolic.Expr]int)
	var B []symbolic.Expr
	for _, f := range order {
		if count[f] >= 2 && 2*count[f] > m {
			index[f] = len(B)
			B = append(B, f)
		}
	}
	if len(B) < 3 {
		return false
	}
	// For each term, the factor of B it lacks (-1: none, -2: several; such
	// terms are evaluated as they are).
	missing := make([]int, m)
	cost := 3 * len(B)
	for i, t := range terms {
		have := 0
		for _, f := range t.factors {
			if _, ok := index[f]; ok {
				have++
			}
		}
		switch {
		case have == len(B):
			missing[i] = -1
		case have == len(B)-1:
			in := make([]bool, len(B))
			for _, f := range t.factors {
				if j, ok := index[f]; ok {
					in[j] = true
				}
			}
			for j, ok := range in {
				if !ok {
					missing[i] = j
				}
			}
		default:
			missing[i] = -2
		}
		if missing[i] == -2 {
			cost += len(t.factors)
		} else {
			cost += len(t.factors) - have + 1
		}
	}
	if 4*cost > 3*naive {
		return false
	}
	loo := instr{op: opLOO}
	for _, b := range B {
		r := c.memo[b]
		if c.isConst[r] {
			return false // a constant factor: not the product rule's shape
		}
		loo.args = append(loo.args, r)
	}
	loo.dsts = make([]int32, len(B)+1)
	for j := range loo.dsts {
		loo.dsts[j] = c.newReg()
	}
	c.code = append(c.code, loo)
	results := loo.dsts
	for i, t := range terms {
		if missing[i] == -2 {
			if len(t.factors) == 1 {
				in.args = append(in.args, c.memo[t.factors[0]])
				in.w = append(in.w, t.w)
			} else {
				in.args = append(in.args, c.memo[t.whole])
				in.w = append(in.w, 1)
			}
			continue
		}
		base := results[len(B)]
		if missing[i] >= 0 {
			base = results[missing[i]]
		}
		mul := instr{op: opMul, c: 1, cc: 1, args: []int32{base}}
		for _, f := range t.factors {
			if _, ok := index[f]; !ok {
				mul.args = append(mul.args, c.memo[f])
			}
		}
		in.args = append(in.args, c.emitMul(mul))
		in.w = append(in.w, t.w)
	}
	return true
}

// emitLin folds constant operands into the constant term and emits the
// linear combination; all-one weights are dropped.
func (c *compiler) emitLin(in instr) int32 {
	args, w := in.args[:0:0], in.w[:0:0]
	for k, a := range in.args {
		if c.isConst[a] {
			in.c += in.w[k] * c.cval[a]
			in.cc += complex(in.w[k], 0) * c.cvalC[a]
			in.ce += math.Abs(in.w[k])*c.cerr[a] + roundoff*(math.Abs(in.c)+math.Abs(in.w[k]*c.cval[a]))
		} else {
			args = append(args, a)
			w = append(w, in.w[k])
		}
	}
	in.args, in.w = args, w
	ones := true
	for _, x := range in.w {
		if x != 1 {
			ones = false
		}
	}
	if ones {
		in.w = nil
	}
	if len(in.args) == 1 && in.c == 0 && in.cc == 0 && in.w == nil {
		return in.args[0]
	}
	if len(in.args) == 0 {
		return c.constReg(in.c, in.cc, in.ce+math.SmallestNonzeroFloat64)
	}
	return c.emit(in)
}

// finish removes dead instructions, allocates physical registers by
// liveness (a register is reused once its last reader has run) and builds
// the Program. Physical registers are laid out as variables, constants,
// temporaries.
func (c *compiler) finish(outs []int32, nvars int) *Program {
	c.lowerMulz()
	c.deadCode(outs)
	c.fuse(outs)
	c.deadCode(outs)
	code := c.code
	nreg := len(c.isConst)

	phys := make([]int32, nreg)
	for i := range phys {
		phys[i] = -1
	}
	for v := 0; v < nvars; v++ {
		phys[v] = int32(v)
	}
	p := &Program{nvars: nvars}
	next := int32(nvars)
	useConst := func(r int32) {
		if c.isConst[r] && phys[r] < 0 {
			phys[r] = next
			next++
			p.consts = append(p.consts, c.cval[r])
			p.constsC = append(p.constsC, c.cvalC[r])
			p.constErr = append(p.constErr, c.cerr[r])
		}
	}
	for i := range code {
		code[i].operands(useConst)
	}
	for _, o := range outs {
		useConst(o)
	}

	const never = -1
	lastUse := make([]int, nreg)
	for i := range lastUse {
		lastUse[i] = never
	}
	for i := range code {
		code[i].operands(func(a int32) { lastUse[a] = i })
	}
	for _, o := range outs {
		lastUse[o] = math.MaxInt
	}
	var free []int32
	freed := make([]bool, nreg)
	release := func(r int32) {
		if r < int32(nvars) || c.isConst[r] || freed[r] {
			return
		}
		freed[r] = true
		free = append(free, phys[r])
	}
	for i := range code {
		in := &code[i]
		in.results(func(d int32) {
			if n := len(free); n > 0 {
				phys[d] = free[n-1]
				free = free[:n-1]
			} else {
				phys[d] = next
				next++
			}
		})
		in.operands(func(a int32) {
			if lastUse[a] == i {
				release(a)
			}
		})
		in.results(func(d int32) {
			if lastUse[d] == never {
				release(d)
			}
		})
		remap(in, phys)
	}
	p.nregs = int(next)
	p.code = code
	p.outs = make([]int32, len(outs))
	for i, o := range outs {
		p.outs[i] = phys[o]
	}
	p.init()
	return p
}

// remap rewrites an instruction's registers through phys, copying the
// slices so that no two instructions share one.
func remap(in *instr, phys []int32) {
	m := func(rs []int32) []int32 {
		if rs == nil {
			return nil
		}
		out := make([]int32, len(rs))
		for i, r := range rs {
			out[i] = phys[r]
		}
		return out
	}
	in.args, in.den, in.dsts = m(in.args), m(in.den), m(in.dsts)
	switch in.op {
	case opLOO:
	case opLin, opMul, opScale:
		in.dst = phys[in.dst]
	case opMulZ:
		in.a, in.dst = phys[in.a], phys[in.dst]
	case opPow:
		in.a, in.b, in.dst = phys[in.a], phys[in.b], phys[in.dst]
	case opSincos:
		in.a = phys[in.a]
	case opPowi, opSqrt, opRsqrt, opPowf, opExp, opLog, opSin, opCos, opTanh, opSigmoid, opCall, opExpNeg, opDivSq:
		in.a, in.dst = phys[in.a], phys[in.dst]
	default:
		panic(unhandled("remap", in.op))
	}
}

const (
	affNone   = iota
	affAdd    // the argument is ac + a
	affMulAdd // the argument is ac + aw*a
)

// affineOps are the instructions that can take their argument as ac + aw*a.
var affineOps = map[opcode]bool{
	opPowi: true, opSqrt: true, opRsqrt: true, opPowf: true, opExp: true, opLog: true, opSin: true, opCos: true,
	opTanh: true, opSigmoid: true, opCall: true, opSincos: true,
}

// deadCode removes the instructions whose results nothing reads.
func (c *compiler) deadCode(outs []int32) {
	live := make([]bool, len(c.isConst))
	for _, o := range outs {
		live[o] = true
	}
	var code []instr
	for i := len(c.code) - 1; i >= 0; i-- {
		in := c.code[i]
		used := false
		in.results(func(d int32) { used = used || live[d] })
		if !used {
			continue
		}
		in.operands(func(a int32) { live[a] = true })
		code = append(code, in)
	}
	slices.Reverse(code)
	c.code = code
}

// fuse rewrites the tape (virtual registers, each written once) into
// fewer, cheaper instructions before dead code is removed:
//
//   - exp of a negated register, exp(-1*a), becomes expneg a: -1*a is an
//     exact negation, so the value is the same bit for bit, and the
//     negation is dropped when nothing else reads it;
//   - sin(a) and cos(a) of the same register become one sincos a at the
//     place of the first of them (math.Sincos shares the range reduction
//     and computes each with the same operations as math.Sin and
//     math.Cos);
//   - a sum of one term, c + w*a, read by a function of one argument
//     only (and not an output) is computed inside that instruction, as
//     the same two operations: sin(k*x + k) runs as one pass over the
//     points instead of two;
//   - a quotient c*u/v^2 (the quotient rule's denominator) whose square is
//     read by nothing else becomes divsq, c*u/(v*v) in one pass (v
//     possibly a fused sum of one term).
func (c *compiler) fuse(outs []int32) {
	def := make(map[int32]int, len(c.code)) // register -> index of its instruction
	for i := range c.code {
		c.code[i].results(func(d int32) { def[d] = i })
	}
	for i := range c.code {
		in := &c.code[i]
		if in.op != opExp {
			continue
		}
		if j, ok := def[in.a]; ok {
			if neg := &c.code[j]; neg.op == opMul && neg.c == -1 && neg.cc == -1 && len(neg.args) == 1 && len(neg.den) == 0 {
				in.op, in.a = opExpNeg, neg.args[0]
			}
		}
	}
	type pair struct{ sin, cos int }
	trig := make(map[int32]*pair)
	for i := range c.code {
		in := &c.code[i]
		if in.op != opSin && in.op != opCos {
			continue
		}
		p := trig[in.a]
		if p == nil {
			p = &pair{-1, -1}
			trig[in.a] = p
		}
		if in.op == opSin {
			p.sin = i
		} else {
			p.cos = i
		}
	}
	drop := make([]bool, len(c.code))
	dropped := false
	for _, p := range trig {
		if p.sin < 0 || p.cos < 0 {
			continue
		}
		s, co := &c.code[p.sin], &c.code[p.cos]
		first, second := p.sin, p.cos
		if second < first {
			first, second = second, first
		}
		c.code[first] = instr{op: opSincos, a: s.a, dsts: []int32{s.dst, co.dst}, f: s.f, fc: s.fc, fc2: co.fc}
		drop[second], dropped = true, true
	}
	if dropped {
		code := c.code[:0]
		for i, in := range c.code {
			if !drop[i] {
				code = append(code, in)
			}
		}
		c.code = code
		for i := range c.code {
			c.code[i].results(func(d int32) { def[d] = i })
		}
	}

	readers := make(map[int32]int)
	for i := range c.code {
		c.code[i].operands(func(a int32) { readers[a]++ })
	}
	for _, o := range outs {
		readers[o] += 2
	}
	for i := range c.code {
		in := &c.code[i]
		if !affineOps[in.op] || readers[in.a] != 1 {
			continue
		}
		j, ok := def[in.a]
		if !ok {
			continue
		}
		lin := &c.code[j]
		if lin.op != opLin || len(lin.args) != 1 {
			continue
		}
		in.a, in.ac, in.acc, in.ace = lin.args[0], lin.c, lin.cc, lin.ce
		if lin.w == nil {
			in.aff = affAdd
		} else {
			in.aff, in.aw = affMulAdd, lin.w[0]
		}
	}
	for i := range c.code {
		in := &c.code[i]
		if in.op != opMul || len(in.args) != 1 || len(in.den) != 1 || readers[in.den[0]] != 1 {
			continue
		}
		j, ok := def[in.den[0]]
		if !ok || c.code[j].op != opPowi || c.code[j].n != 2 {
			continue
		}
		sq := c.code[j]
		*in = instr{op: opDivSq, dst: in.dst, c: in.c, cc: in.cc, ce: in.ce, args: in.args,
			a: sq.a, aff: sq.aff, ac: sq.ac, aw: sq.aw, acc: sq.acc, ace: sq.ace}
	}
}
