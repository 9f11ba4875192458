package symbolic

import (
	"fmt"
	"math"
	"math/big"
	"math/cmplx"
	"slices"
	"strings"
	"sync"

	"github.com/symdiff/symdiff/internal/bigmath"
	"github.com/symdiff/symdiff/internal/fmath"
)

// A Func is one row of the function table: everything symdiff knows about a
// function lives here, and the differentiator, the printers, the
// evaluators, the simplifier, the compiler of numeric programs and the
// tests all read the same row. Adding a function is adding a row to the
// list in init below (see "How to add a function" in docs/architecture.md);
// register checks every row when the package is initialised and panics,
// naming the row, if a field that every function must have is missing.
type Func struct {
	// Name is the name used in the input syntax and by the text printer.
	Name string
	// Aliases are other spellings the parser accepts for the function
	// (swish for silu); Lookup finds the row under each of them, and the
	// printers write Name.
	Aliases []string
	// Arity is the number of arguments (1 for every built-in function).
	Arity int
	// Deriv returns f'(u), built with the constructors. D multiplies it by
	// u' (the chain rule). Nil for abstract functions, whose derivative is
	// the abstract function f'.
	Deriv func(u Expr) Expr
	// Rule is the name of the differentiation rule for f in step-by-step
	// derivations ("exponential rule", "derivative of sin").
	Rule string
	// Eval is the function on float64; it returns NaN outside the domain.
	Eval func(x float64) float64
	// EvalC is the function on complex128: the analytic continuation used by
	// the complex-step derivative. For the piecewise functions (abs, sign,
	// step, relu) it is the continuation of the piece that holds Re z.
	EvalC func(z complex128) complex128
	// EvalBig is the function on big.Float at about prec bits, for the
	// high-precision reference evaluator of the tests (internal/refeval);
	// it reports false outside the domain or beyond what it handles. Nil
	// where no such evaluation exists (erf): expressions that call f are
	// then not judged at high precision.
	EvalBig func(u *big.Float, prec uint) (*big.Float, bool)
	// Op names the numeric package's dedicated opcode for f ("exp", "sin"),
	// which evaluates it without an indirect call; empty for functions
	// that the compiled program calls through Eval and EvalC. The numeric
	// package checks at initialisation that every name is one of its
	// opcodes.
	Op string
	// Domain reports whether x is a point where f is real, finite and
	// differentiable; tests and numeric checks sample only such points.
	Domain func(x float64) bool
	// Range is what is known about the sign of f's values; the simplifier
	// uses it to prove the conditions of its rules (exp(u) > 0).
	Range Range
	// ArgSign is what f's domain says of the sign of its argument:
	// RangePositive where f is defined only for positive arguments (log,
	// acosh), RangeNonNegative for non-negative ones, and the zero value
	// where it says nothing. An expression that calls f is defined only
	// where that holds, so the simplifier may assume it (exp(2*log(x)) is
	// x^2 wherever it is defined).
	ArgSign Range
	// TeX is the LaTeX for the function's name, such as `\sin` or
	// `\operatorname{softplus}`, written before the argument in
	// parentheses. When TeXClose is set, TeX opens and TeXClose closes the
	// argument instead, with no parentheses (`\left|` x `\right|`,
	// `\sqrt[3]{` x `}`), and a power of the call is not written the
	// textbook way (\sin^{2}(x)).
	TeX      string
	TeXClose string
	// Parity is -1 for odd functions (f(-x) = -f(x)), +1 for even ones and 0
	// otherwise; Apply uses it to take signs out of arguments.
	Parity int
	// scale is +1 for a function that takes a positive factor c out of its
	// argument (f(c*x) = c*f(x): abs), -1 for one that drops it (f(c*x) =
	// f(x): sign), 0 otherwise; Apply uses it.
	scale int
	// Rules are simplification rules that belong to f alone, in the syntax
	// of the simplifier's rule files (simplify/rules/*.rules: "name: lhs =>
	// rhs [if ...] [; final]"); the simplifier adds them to its built-in
	// rules. Rules that relate a family of functions (trigonometric,
	// hyperbolic, the sigmoid family, inverses) live in the family's rule
	// file instead.
	Rules []string
	// Doc is a one-line description, with the points where the derivative
	// does not exist, for the documentation and --help.
	Doc string

	exact    func(u Expr) (Expr, bool) // exact value at special arguments
	pole     func(u Expr) bool         // whether f has a pole at the exact argument u
	abstract bool
	base     string // for abstract functions: the name without primes
	order    int    // for abstract functions: the number of primes
}

// A Range is what is known about the sign of a function's values wherever
// the function is defined. The zero value is not a Range: a row must say.
type Range uint8

const (
	rangeUnset Range = iota
	// RangeReal: nothing is known about the sign (sin, log).
	RangeReal
	// RangePositive: f(x) > 0 (exp, cosh, sigmoid).
	RangePositive
	// RangeNonNegative: f(x) >= 0 (abs, relu, acos).
	RangeNonNegative
	// RangeSignOfArg: f(x) has the sign of x, and is 0 only at 0 (sinh,
	// atan, erf, cbrt).
	RangeSignOfArg
	rangeEnd
)

// IsAbstract reports whether f is an abstract function declared by the
// caller (see Abstract), which has no definition, only a name.
func (f *Func) IsAbstract() bool { return f.abstract }

func (f *Func) key() string {
	if f.abstract {
		return f.Name + "#abstract"
	}
	return f.Name
}

// builtins maps each name and alias to its row; rows lists the rows
// sorted by name.
var (
	builtins = map[string]*Func{}
	rows     []*Func
)

// Lookup returns the built-in function with the given name or alias.
func Lookup(name string) (*Func, bool) {
	f, ok := builtins[name]
	return f, ok
}

// Builtins returns the built-in functions sorted by name, each once.
func Builtins() []*Func { return append([]*Func(nil), rows...) }

// register checks each row and adds it to the table; it panics, naming the
// row, on the first row that Validate rejects or whose name or alias is
// already taken.
func register(fs ...*Func) {
	for _, f := range fs {
		if f.Arity == 0 {
			f.Arity = 1
		}
		if err := f.Validate(); err != nil {
			panic(err)
		}
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			if _, dup := builtins[n]; dup {
				panic(fmt.Sprintf("symbolic: function table: row %q: the name %q is already taken", f.Name, n))
			}
			builtins[n] = f
		}
		rows = append(rows, f)
	}
	slices.SortFunc(rows, func(a, b *Func) int { return strings.Compare(a.Name, b.Name) })
}

// Validate reports the first field that the row f lacks or holds wrongly,
// in an error that names the row: every built-in function must have a
// name (an identifier), arity 1, a derivative, a rule name, float64 and
// complex128 evaluations, a domain, a range, and LaTeX; its parity is -1, 0
// or 1, and its rules have the form "name: lhs => rhs". The table's own
// rows are validated when the package is initialised.
func (f *Func) Validate() error {
	bad := func(what string) error {
		return fmt.Errorf("symbolic: function table: row %q: %s", f.Name, what)
	}
	switch {
	case !isIdent(f.Name):
		return bad("Name is not an identifier")
	case f.abstract:
		return bad("an abstract function is not a row of the table")
	case f.Arity != 1:
		return bad("Arity must be 1")
	case f.Deriv == nil:
		return bad("Deriv is missing")
	case f.Rule == "":
		return bad("Rule (the name of its derivation rule) is missing")
	case f.Eval == nil:
		return bad("Eval is missing")
	case f.EvalC == nil:
		return bad("EvalC is missing")
	case f.Domain == nil:
		return bad("Domain is missing")
	case f.Range == rangeUnset || f.Range >= rangeEnd:
		return bad("Range is missing")
	case f.ArgSign != rangeUnset && f.ArgSign != RangePositive && f.ArgSign != RangeNonNegative:
		return bad("ArgSign must be RangePositive, RangeNonNegative or unset")
	case f.TeX == "":
		return bad("TeX is missing")
	case f.Parity < -1 || f.Parity > 1:
		return bad("Parity must be -1, 0 or 1")
	}
	for _, a := range f.Aliases {
		if !isIdent(a) {
			return bad("alias " + fmt.Sprintf("%q", a) + " is not an identifier")
		}
	}
	for _, r := range f.Rules {
		name, body, ok := strings.Cut(r, ":")
		if !ok || !isIdent(strings.ReplaceAll(strings.TrimSpace(name), "-", "_")) || !strings.Contains(body, "=>") {
			return bad(fmt.Sprintf("rule %q is not of the form name: lhs => rhs", r))
		}
	}
	return nil
}

// isIdent reports whether s is an ASCII identifier: a letter, then letters,
// digits and underscores.
func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}

var abstracts sync.Map // name -> *Func

// Abstract returns the abstract function with the given name, a function
// about which nothing is known but its name. It differentiates by the chain
// rule into the abstract function named with one more prime: the derivative
// of f(g(x)) is f'(g(x))*g'(x). The name must not end in a prime; use
// Derivative for f', f”.
func Abstract(name string) *Func { return abstractN(name, 0) }

// Derivative returns the derivative of an abstract function: f', f”, ...
// It returns nil for built-in functions, whose derivatives are expressions.
func (f *Func) Derivative() *Func {
	if !f.abstract {
		return nil
	}
	return abstractN(f.base, f.order+1)
}

func abstractN(base string, order int) *Func {
	name := base + strings.Repeat("'", order)
	if f, ok := abstracts.Load(name); ok {
		return f.(*Func)
	}
	f := &Func{Name: name, Arity: 1, abstract: true, base: base, order: order, TeX: texName(base) + strings.Repeat("'", order)}
	g, _ := abstracts.LoadOrStore(name, f)
	return g.(*Func)
}

func texName(name string) string {
	if len(name) == 1 {
		return name
	}
	return `\operatorname{` + name + `}`
}

// Rows of the table that the constructors and the differentiator use by
// name.
var (
	Exp *Func // exp
	Log *Func // the natural logarithm
)

// Helpers for writing derivatives.
func call(name string, u Expr) Expr { return Apply(builtins[name], u) }
func sq(u Expr) Expr                { return Pow(u, Two) }
func inv(u Expr) Expr               { return Pow(u, MinusOne) }
func invSqrt(u Expr) Expr           { return Pow(u, Frac(-1, 2)) }

// Domain helpers.
func all(float64) bool           { return true }
func nonzero(x float64) bool     { return x != 0 }
func positive(x float64) bool    { return x > 0 }
func inUnit(x float64) bool      { return x > -1 && x < 1 }
func outsideUnit(x float64) bool { return x < -1 || x > 1 }

// Exact-value helpers: at returns an exact function that maps the listed
// numbers to values.
func at(pairs ...Expr) func(Expr) (Expr, bool) {
	return func(u Expr) (Expr, bool) {
		for i := 0; i+1 < len(pairs); i += 2 {
			if pairs[i] == u {
				return pairs[i+1], true
			}
		}
		return nil, false
	}
}

func zeroAt0(u Expr) (Expr, bool) { return at(Zero, Zero)(u) }

// logExact is the exact value of the logarithm to base b at an integer
// power of b: log2(8) = 3, log10(1/1000) = -3, log2(1) = 0.
func logExact(b int64) func(Expr) (Expr, bool) {
	return func(u Expr) (Expr, bool) {
		n, ok := u.(*Number)
		if !ok || n.v.IsBig() || n.v.Sign() <= 0 {
			return nil, false
		}
		p, q := n.v.Num64(), n.v.Den64()
		sign := int64(1)
		if p == 1 && q > 1 {
			p, q, sign = q, 1, -1
		}
		if q != 1 {
			return nil, false
		}
		k := int64(0)
		for p > 1 && p%b == 0 {
			p /= b
			k++
		}
		if p != 1 {
			return nil, false
		}
		return Int(sign * k), true
	}
}

// Pole tests of the function table: a pole at 0 (log(0), coth(0)), and at
// 1 and -1 (atanh, acoth).
func isZero(u Expr) bool { return u == Zero }
func isUnit(u Expr) bool { return u == One || u == MinusOne }

// AtPole reports whether c is known exactly to be a call at a pole of its
// function, where it has no value: tan(pi/2), sec(-pi/2), csc(0), cot(pi),
// coth(0), csch(0), log(0) (and log2, log10), atanh(1), acoth(1), asech(0),
// acsch(0). The constructors leave such calls as they are (there is no
// exact value to fold them to); they are undefined constants, which nothing
// may rewrite to a number (1/csc(0) is not sin(0) = 0).
func (c *Call) AtPole() bool {
	return c.fn.pole != nil && len(c.args) == 1 && c.fn.pole(c.args[0])
}

// onNumber returns an exact function that gives f(n) for every number n,
// and nothing for other arguments.
func onNumber(f func(n *Number) Expr) func(Expr) (Expr, bool) {
	return func(u Expr) (Expr, bool) {
		if n, ok := u.(*Number); ok {
			return f(n), true
		}
		return nil, false
	}
}

// positivePart is v where n > 0, else 0: step and relu at a number.
func positivePart(n *Number, v Expr) Expr {
	if n.Sign() > 0 {
		return v
	}
	return Zero
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

func acot(x float64) float64 { return math.Atan(1 / x) }
func asec(x float64) float64 { return math.Acos(1 / x) }
func acsc(x float64) float64 { return math.Asin(1 / x) }

// acoth is atanh(1/x) for |x| > 1, written as log1p(2/(|x| - 1))/2 with
// the sign of x: near ±1 atanh(1/x) would magnify the rounding of 1/x,
// while |x| - 1 is exact there.
func acoth(x float64) float64 {
	return math.Copysign(0.5*math.Log1p(2/(math.Abs(x)-1)), x)
}

// asech is acosh(1/x) = log((1 + sqrt(1 - x^2))/x) for 0 < x <= 1,
// written as log1p(((1 - x) + sqrt((1 - x)(1 + x)))/x): near 1, acosh(1/x)
// would magnify the rounding of 1/x, while 1 - x is exact there. Below
// 2^-500 it is log(2/x) (the next term is x^2/4), where 2/x may overflow.
func asech(x float64) float64 {
	if x > 0 && x < 0x1p-500 {
		return math.Ln2 - fmath.Log(x)
	}
	return math.Log1p((1 - x + math.Sqrt((1-x)*(1+x))) / x)
}

// acsch is asinh(1/x); below 2^-500 in magnitude it is log(2/|x|) with the
// sign of x (the next term is x^2/4), where 1/x may overflow.
func acsch(x float64) float64 {
	if a := math.Abs(x); a > 0 && a < 0x1p-500 {
		return math.Copysign(math.Ln2-fmath.Log(a), x)
	}
	return math.Asinh(1 / x)
}

func softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

func csigmoid(z complex128) complex128 {
	if real(z) >= 0 {
		return 1 / (1 + cmplx.Exp(-z))
	}
	e := cmplx.Exp(z)
	return e / (1 + e)
}

func csoftplus(z complex128) complex128 {
	if real(z) > 0 {
		return z + clog1p(cmplx.Exp(-z))
	}
	return clog1p(cmplx.Exp(z))
}

// clog1p is log(1 + w) without the cancellation of 1 + w for small w.
func clog1p(w complex128) complex128 {
	if cmplx.Abs(w) < 1e-4 {
		// The series to w^4; the next term is below 1e-20 relative.
		return w * (1 - w*(0.5-w*(1.0/3-w*0.25)))
	}
	return cmplx.Log(1 + w)
}

// ccbrt is the real cube root continued analytically from the real axis.
func ccbrt(z complex128) complex128 {
	if real(z) < 0 {
		return -fmath.CPow(-z, 1.0/3)
	}
	return fmath.CPow(z, 1.0/3)
}

// nearReal returns a complex continuation of f that is exact to rounding
// for the tiny imaginary parts of the complex step. Go's cmplx.Asin, Acos,
// Atan and Acosh compute the imaginary part through the logarithm of a
// modulus close to 1, and Asinh cancels for negative arguments, so for
// z = x + ih with h = 1e-20 they lose it. There f(x + ih) = f(x) + ih f'(x)
// holds to rounding (the next term is of order h^2), with f' written out
// here by hand; larger imaginary parts go to fc.
func nearReal(f, df func(float64) float64, fc func(complex128) complex128) func(complex128) complex128 {
	return func(z complex128) complex128 {
		x, h := real(z), imag(z)
		if h == 0 {
			return complex(f(x), 0)
		}
		if math.Abs(h) <= 1e-15*math.Max(1, math.Abs(x)) {
			return complex(f(x), h*df(x))
		}
		return fc(z)
	}
}

// pieceSign is the sign of the real part: the piece of abs, sign, step and
// relu that holds z.
func pieceSign(z complex128) float64 {
	switch {
	case real(z) > 0:
		return 1
	case real(z) < 0:
		return -1
	}
	return 0
}

func step(x float64) float64 {
	if x > 0 {
		return 1
	}
	if math.IsNaN(x) {
		return x
	}
	return 0
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x // 0 or NaN
}

// cerf is erf on complex numbers: the Taylor series in the imaginary part
// around the real axis, erf(a+ib) = sum_k (ib)^k/k! erf^(k)(a), with the
// derivatives erf^(k)(a) = 2/sqrt(pi) (-1)^(k-1) H_(k-1)(a) exp(-a^2)
// (H the physicists' Hermite polynomials). It is exact to rounding for the
// small imaginary parts of the complex step and accurate for |b| < 1.
func cerf(z complex128) complex128 {
	a, b := real(z), imag(z)
	if b == 0 {
		return complex(math.Erf(a), 0)
	}
	c := 2 / math.SqrtPi * math.Exp(-a*a)
	sum := complex(math.Erf(a), 0)
	hPrev, h := 0.0, 1.0 // H_(-1) unused, H_0 = 1
	term := complex(1, 0)
	for k := 1; k < 60; k++ {
		term *= complex(0, b) / complex(float64(k), 0) // (ib)^k / k!
		sgn := 1.0
		if (k-1)%2 == 1 {
			sgn = -1
		}
		d := term * complex(c*sgn*h, 0)
		sum += d
		if cmplx.Abs(d) < 1e-17*cmplx.Abs(sum) && k > 2 {
			break
		}
		// H_k = 2a H_(k-1) - 2(k-1) H_(k-2)
		hPrev, h = h, 2*a*h-2*float64(k-1)*hPrev
	}
	return sum
}

// gelu is x*(1 + erf(x/sqrt(2)))/2, through erfc so that for negative x the
// small factor 1 + erf(x/sqrt(2)) keeps its relative accuracy.
func gelu(x float64) float64 { return 0.5 * x * math.Erfc(-x/math.Sqrt2) }

// dgelu is gelu' = (1 + erf(x/sqrt(2)))/2 + x exp(-x^2/2)/sqrt(2 pi).
func dgelu(x float64) float64 {
	return 0.5*math.Erfc(-x/math.Sqrt2) + x*math.Exp(-0.5*x*x)/math.Sqrt(2*math.Pi)
}

func init() {
	table := []*Func{
		{Name: "sin", EvalBig: bigmath.Sin, Rule: "derivative of sin", Range: RangeReal, Op: "sin", Parity: -1, TeX: `\sin`, Eval: math.Sin, EvalC: cmplx.Sin, Domain: all, exact: circularExact(cSin),
			Deriv: func(u Expr) Expr { return call("cos", u) }},
		{Name: "cos", EvalBig: bigmath.Cos, Rule: "derivative of cos", Range: RangeReal, Op: "cos", Parity: 1, TeX: `\cos`, Eval: math.Cos, EvalC: cmplx.Cos, Domain: all, exact: circularExact(cCos),
			Deriv: func(u Expr) Expr { return Neg(call("sin", u)) }},
		{Name: "tan", pole: circularPole(cTan), EvalBig: bigmath.Tan, Rule: "derivative of tan", Range: RangeReal, Parity: -1, TeX: `\tan`, Eval: math.Tan, EvalC: cmplx.Tan, exact: circularExact(cTan),
			Domain: func(x float64) bool { return math.Abs(math.Cos(x)) > 1e-3 },
			Deriv:  func(u Expr) Expr { return Add(One, sq(call("tan", u))) }},
		{Name: "cot", pole: circularPole(cCot), exact: circularExact(cCot), EvalBig: bigmath.Cot, Rule: "derivative of cot", Range: RangeReal, Parity: -1, TeX: `\cot`, Eval: func(x float64) float64 { return 1 / math.Tan(x) },
			EvalC:  func(z complex128) complex128 { return 1 / cmplx.Tan(z) },
			Domain: func(x float64) bool { return math.Abs(math.Sin(x)) > 1e-3 },
			Deriv:  func(u Expr) Expr { return Neg(Add(One, sq(call("cot", u)))) }},
		{Name: "sec", pole: circularPole(cSec), EvalBig: bigmath.Sec, Rule: "derivative of sec", Range: RangeReal, Parity: 1, TeX: `\sec`, Eval: func(x float64) float64 { return 1 / math.Cos(x) },
			EvalC:  func(z complex128) complex128 { return 1 / cmplx.Cos(z) },
			Domain: func(x float64) bool { return math.Abs(math.Cos(x)) > 1e-3 }, exact: circularExact(cSec),
			Deriv: func(u Expr) Expr { return Mul(call("sec", u), call("tan", u)) }},
		{Name: "csc", pole: circularPole(cCsc), exact: circularExact(cCsc), EvalBig: bigmath.Csc, Rule: "derivative of csc", Range: RangeReal, Parity: -1, TeX: `\csc`, Eval: func(x float64) float64 { return 1 / math.Sin(x) },
			EvalC:  func(z complex128) complex128 { return 1 / cmplx.Sin(z) },
			Domain: func(x float64) bool { return math.Abs(math.Sin(x)) > 1e-3 },
			Deriv:  func(u Expr) Expr { return Neg(Mul(call("csc", u), call("cot", u))) }},
		{Name: "asin", EvalBig: bigmath.Asin, Rule: "derivative of asin", Range: RangeSignOfArg, Parity: -1, TeX: `\arcsin`, Eval: math.Asin,
			EvalC: nearReal(math.Asin, func(x float64) float64 { return 1 / math.Sqrt(1-x*x) }, cmplx.Asin), Domain: inUnit, exact: inverseExact(cSin),
			Doc:   "arcsine; the derivative is undefined at -1 and 1",
			Deriv: func(u Expr) Expr { return invSqrt(Sub(One, sq(u))) }},
		{Name: "acos", EvalBig: bigmath.Acos, Rule: "derivative of acos", Range: RangeNonNegative, TeX: `\arccos`, Eval: math.Acos,
			EvalC: nearReal(math.Acos, func(x float64) float64 { return -1 / math.Sqrt(1-x*x) }, cmplx.Acos), Domain: inUnit, exact: inverseExact(cCos),
			Doc:   "arccosine; the derivative is undefined at -1 and 1",
			Deriv: func(u Expr) Expr { return Neg(invSqrt(Sub(One, sq(u)))) }},
		{Name: "atan", EvalBig: bigmath.Atan, Rule: "derivative of atan", Range: RangeSignOfArg, Parity: -1, TeX: `\arctan`, Eval: math.Atan,
			EvalC: nearReal(math.Atan, func(x float64) float64 { return 1 / (1 + x*x) }, cmplx.Atan), Domain: all, exact: inverseExact(cTan),
			Deriv: func(u Expr) Expr { return inv(Add(One, sq(u))) }},
		{Name: "acot", exact: inverseExact(cCot), EvalBig: bigmath.Acot, Rule: "derivative of acot", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{arccot}`, Domain: nonzero,
			Doc:  "arccotangent, atan(1/x), with values in (-pi/2, pi/2]: acot(0) = pi/2, where it jumps from -pi/2 (not differentiable at 0)",
			Eval: acot,
			EvalC: nearReal(acot, func(x float64) float64 { return -1 / (1 + x*x) },
				func(z complex128) complex128 { return cmplx.Atan(1 / z) }),
			Deriv: func(u Expr) Expr { return Neg(inv(Add(One, sq(u)))) }},
		{Name: "asec", exact: inverseExact(cSec), EvalBig: bigmath.Asec, Rule: "derivative of asec", Range: RangeNonNegative, TeX: `\operatorname{arcsec}`, Domain: outsideUnit,
			Doc:  "arcsecant, acos(1/x); defined for |x| >= 1, the derivative for |x| > 1",
			Eval: asec,
			EvalC: nearReal(asec, func(x float64) float64 { return 1 / (math.Abs(x) * math.Sqrt(x*x-1)) },
				func(z complex128) complex128 { return cmplx.Acos(1 / z) }),
			Deriv: func(u Expr) Expr { return inv(Mul(call("abs", u), Sqrt(Sub(sq(u), One)))) }},
		{Name: "acsc", exact: inverseExact(cCsc), EvalBig: bigmath.Acsc, Rule: "derivative of acsc", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{arccsc}`, Domain: outsideUnit,
			Doc:  "arccosecant, asin(1/x); defined for |x| >= 1, the derivative for |x| > 1",
			Eval: acsc,
			EvalC: nearReal(acsc, func(x float64) float64 { return -1 / (math.Abs(x) * math.Sqrt(x*x-1)) },
				func(z complex128) complex128 { return cmplx.Asin(1 / z) }),
			Deriv: func(u Expr) Expr { return Neg(inv(Mul(call("abs", u), Sqrt(Sub(sq(u), One))))) }},
		{Name: "sinh", EvalBig: bigmath.Sinh, Rule: "derivative of sinh", Range: RangeSignOfArg, Parity: -1, TeX: `\sinh`, Eval: math.Sinh, EvalC: cmplx.Sinh, Domain: all, exact: zeroAt0,
			Deriv: func(u Expr) Expr { return call("cosh", u) }},
		{Name: "cosh", EvalBig: bigmath.Cosh, Rule: "derivative of cosh", Range: RangePositive, Parity: 1, TeX: `\cosh`, Eval: math.Cosh, EvalC: cmplx.Cosh, Domain: all, exact: at(Zero, One),
			Deriv: func(u Expr) Expr { return call("sinh", u) }},
		{Name: "tanh", EvalBig: bigmath.Tanh, Rule: "derivative of tanh", Range: RangeSignOfArg, Op: "tanh", Parity: -1, TeX: `\tanh`, Eval: math.Tanh, EvalC: cmplx.Tanh, Domain: all, exact: zeroAt0,
			Deriv: func(u Expr) Expr { return Sub(One, sq(call("tanh", u))) }},
		{Name: "coth", pole: isZero, EvalBig: bigmath.Coth, Rule: "derivative of coth", Range: RangeSignOfArg, Parity: -1, TeX: `\coth`, Domain: nonzero,
			Eval:  func(x float64) float64 { return 1 / math.Tanh(x) },
			EvalC: func(z complex128) complex128 { return 1 / cmplx.Tanh(z) },
			Doc:   "hyperbolic cotangent; undefined at 0",
			Deriv: func(u Expr) Expr { return Sub(One, sq(call("coth", u))) }},
		{Name: "sech", EvalBig: bigmath.Sech, Rule: "derivative of sech", Range: RangePositive, Parity: 1, TeX: `\operatorname{sech}`, Domain: all, exact: at(Zero, One),
			Eval:  func(x float64) float64 { return 1 / math.Cosh(x) },
			EvalC: func(z complex128) complex128 { return 1 / cmplx.Cosh(z) },
			Deriv: func(u Expr) Expr { return Neg(Mul(call("sech", u), call("tanh", u))) }},
		{Name: "csch", pole: isZero, EvalBig: bigmath.Csch, Rule: "derivative of csch", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{csch}`, Domain: nonzero,
			Eval:  func(x float64) float64 { return 1 / math.Sinh(x) },
			EvalC: func(z complex128) complex128 { return 1 / cmplx.Sinh(z) },
			Doc:   "hyperbolic cosecant; undefined at 0",
			Deriv: func(u Expr) Expr { return Neg(Mul(call("csch", u), call("coth", u))) }},
		{Name: "asinh", EvalBig: bigmath.Asinh, Rule: "derivative of asinh", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{arsinh}`, Eval: math.Asinh,
			EvalC: nearReal(math.Asinh, func(x float64) float64 { return 1 / math.Sqrt(1+x*x) }, cmplx.Asinh), Domain: all, exact: zeroAt0,
			Deriv: func(u Expr) Expr { return invSqrt(Add(sq(u), One)) }},
		{Name: "acosh", ArgSign: RangePositive, EvalBig: bigmath.Acosh, Rule: "derivative of acosh", Range: RangeNonNegative, TeX: `\operatorname{arcosh}`, Eval: math.Acosh,
			EvalC: nearReal(math.Acosh, func(x float64) float64 { return 1 / math.Sqrt(x*x-1) }, cmplx.Acosh), exact: at(One, Zero),
			Domain: func(x float64) bool { return x > 1 },
			Doc:    "inverse hyperbolic cosine; defined for x >= 1, the derivative for x > 1",
			Deriv:  func(u Expr) Expr { return invSqrt(Sub(sq(u), One)) }},
		{Name: "atanh", pole: isUnit, EvalBig: bigmath.Atanh, Rule: "derivative of atanh", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{artanh}`, Eval: math.Atanh, EvalC: cmplx.Atanh, Domain: inUnit, exact: zeroAt0,
			Doc:   "inverse hyperbolic tangent; defined for -1 < x < 1",
			Deriv: func(u Expr) Expr { return inv(Sub(One, sq(u))) }},
		{Name: "acoth", pole: isUnit, EvalBig: bigmath.Acoth, Rule: "derivative of acoth", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{arcoth}`, Domain: outsideUnit,
			Doc:  "inverse hyperbolic cotangent, atanh(1/x); defined for |x| > 1 (undefined at 0 and for |x| < 1, infinite at -1 and 1)",
			Eval: acoth,
			EvalC: nearReal(acoth, func(x float64) float64 { return 1 / ((1 - x) * (1 + x)) },
				func(z complex128) complex128 { return cmplx.Atanh(1 / z) }),
			Deriv: func(u Expr) Expr { return inv(Sub(One, sq(u))) }},
		{Name: "asech", pole: isZero, ArgSign: RangePositive, EvalBig: bigmath.Asech, Rule: "derivative of asech", Range: RangeNonNegative, TeX: `\operatorname{arsech}`, exact: at(One, Zero),
			Doc:    "inverse hyperbolic secant, acosh(1/x); defined for 0 < x <= 1 (infinite at 0), the derivative for 0 < x < 1",
			Eval:   asech,
			Domain: func(x float64) bool { return x > 0 && x < 1 },
			EvalC: nearReal(asech, func(x float64) float64 { return -1 / (x * math.Sqrt((1-x)*(1+x))) },
				func(z complex128) complex128 { return cmplx.Acosh(1 / z) }),
			Deriv: func(u Expr) Expr { return Neg(inv(Mul(u, Sqrt(Sub(One, sq(u)))))) }},
		{Name: "acsch", pole: isZero, EvalBig: bigmath.Acsch, Rule: "derivative of acsch", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{arcsch}`, Domain: nonzero,
			Doc:  "inverse hyperbolic cosecant, asinh(1/x); undefined at 0",
			Eval: acsch,
			EvalC: nearReal(acsch, func(x float64) float64 { return -1 / (math.Abs(x) * math.Sqrt(1+x*x)) },
				func(z complex128) complex128 { return cmplx.Asinh(1 / z) }),
			Deriv: func(u Expr) Expr { return Neg(inv(Mul(call("abs", u), Sqrt(Add(sq(u), One))))) }},
		{Name: "exp", EvalBig: bigmath.Exp, Rule: "exponential rule", Range: RangePositive, Op: "exp", TeX: `\exp`, Eval: math.Exp, EvalC: cmplx.Exp, Domain: all,
			exact: func(u Expr) (Expr, bool) {
				switch {
				case u == Zero:
					return One, true
				case u == One:
					return E, true
				}
				if c, ok := u.(*Call); ok && c.fn.Name == "log" {
					return nil, false // exp(log(x)) = x only for x > 0: the simplifier's call
				}
				return nil, false
			},
			Deriv: func(u Expr) Expr { return call("exp", u) }},
		{Name: "log", pole: isZero, ArgSign: RangePositive, Aliases: []string{"ln"}, EvalBig: bigmath.Log, Rule: "logarithm rule", Range: RangeReal, Op: "log", TeX: `\ln`, Eval: fmath.Log, EvalC: fmath.CLog, Domain: positive, exact: at(One, Zero, E, One),
			Doc:   "natural logarithm (ln is the same function; log(x, b) is log(x)/log(b)); defined for x > 0",
			Deriv: func(u Expr) Expr { return inv(u) }},
		{Name: "log2", pole: isZero, ArgSign: RangePositive, EvalBig: bigmath.Log2, Rule: "derivative of log2", Range: RangeReal, TeX: `\log_{2}`, Eval: math.Log2, Domain: positive, exact: logExact(2),
			EvalC: func(z complex128) complex128 { return fmath.CLog(z) / math.Ln2 },
			Doc:   "logarithm to base 2; defined for x > 0",
			Deriv: func(u Expr) Expr { return inv(Mul(u, call("log", Two))) }},
		{Name: "log10", pole: isZero, ArgSign: RangePositive, EvalBig: bigmath.Log10, Rule: "derivative of log10", Range: RangeReal, TeX: `\log_{10}`, Eval: fmath.Log10, EvalC: func(z complex128) complex128 { return fmath.CLog(z) / math.Ln10 }, Domain: positive, exact: logExact(10),
			Doc:   "logarithm to base 10; defined for x > 0",
			Deriv: func(u Expr) Expr { return inv(Mul(u, call("log", Int(10)))) }},
		{Name: "cbrt", EvalBig: bigmath.Cbrt, Rule: "derivative of cbrt", Range: RangeSignOfArg, TeXClose: `}`, Parity: -1, TeX: `\sqrt[3]{`, Eval: math.Cbrt, EvalC: ccbrt, Domain: nonzero,
			exact: func(u Expr) (Expr, bool) {
				if n, ok := u.(*Number); ok {
					if r, ok := n.v.root(3); ok {
						return newNumber(r), true
					}
				}
				return nil, false
			},
			Doc:   "real cube root (cbrt(-8) = -2); the derivative is undefined at 0",
			Deriv: func(u Expr) Expr { return Mul(Frac(1, 3), Pow(call("cbrt", u), Int(-2))) }},
		{Name: "abs", EvalBig: bigmath.Abs, Rule: "derivative of abs", Range: RangeNonNegative, TeXClose: `\right|`, Parity: 1, scale: 1, TeX: `\left|`, Eval: math.Abs, Domain: nonzero,
			EvalC: func(z complex128) complex128 { return z * complex(pieceSign(z), 0) },
			exact: onNumber(func(n *Number) Expr {
				if n.Sign() < 0 {
					return newNumber(n.v.Neg())
				}
				return n
			}),
			Doc:   "absolute value; its derivative sign(x) does not exist at 0",
			Deriv: func(u Expr) Expr { return call("sign", u) }},
		{Name: "sign", EvalBig: bigmath.Sign, Rule: "derivative of sign", Range: RangeSignOfArg, Parity: -1, scale: -1, TeX: `\operatorname{sgn}`, Eval: sign, Domain: nonzero,
			EvalC: func(z complex128) complex128 { return complex(pieceSign(z), 0) },
			exact: onNumber(func(n *Number) Expr { return Int(int64(n.Sign())) }),
			Doc:   "sign: -1, 0 or 1; its derivative is 0 except at 0, where it does not exist",
			Deriv: func(u Expr) Expr { return Zero }},
		{Name: "step", EvalBig: bigmath.Step, Rule: "derivative of step", Range: RangeNonNegative, TeX: `\operatorname{step}`, Eval: step, Domain: nonzero,
			EvalC: func(z complex128) complex128 { return complex(step(real(z)), 0) },
			exact: onNumber(func(n *Number) Expr { return positivePart(n, One) }),
			Doc:   "unit step: 1 for x > 0, else 0 (step(0) = 0, as deep-learning frameworks take relu'(0)); its derivative is 0 except at 0, where it does not exist",
			Deriv: func(u Expr) Expr { return Zero }},
		{Name: "relu", EvalBig: bigmath.Relu, Rule: "derivative of relu", Range: RangeNonNegative, TeX: `\operatorname{ReLU}`, Domain: nonzero,
			Eval:  func(x float64) float64 { return x * step(x) },
			EvalC: func(z complex128) complex128 { return z * complex(step(real(z)), 0) },
			exact: onNumber(func(n *Number) Expr { return positivePart(n, n) }),
			Doc:   "max(x, 0); its derivative step(x) does not exist at 0 (symdiff uses step(0) = 0)",
			Deriv: func(u Expr) Expr { return call("step", u) }},
		{Name: "sigmoid", EvalBig: bigmath.Sigmoid, Rule: "sigmoid rule", Range: RangePositive, Op: "sigmoid", TeX: `\sigma`, Eval: sigmoid, EvalC: csigmoid, Domain: all, exact: at(Zero, Half),
			Doc:   "logistic sigmoid 1/(1 + exp(-x))",
			Deriv: func(u Expr) Expr { s := call("sigmoid", u); return Mul(s, Sub(One, s)) }},
		{Name: "softplus", EvalBig: bigmath.Softplus, Rule: "derivative of softplus", Range: RangePositive, TeX: `\operatorname{softplus}`, Eval: softplus, EvalC: csoftplus, Domain: all,
			Doc:   "log(1 + exp(x))",
			Deriv: func(u Expr) Expr { return call("sigmoid", u) }},
		{Name: "erf", Rule: "derivative of erf", Range: RangeSignOfArg, Parity: -1, TeX: `\operatorname{erf}`, Eval: math.Erf, EvalC: cerf, Domain: all, exact: zeroAt0,
			Doc:   "error function",
			Deriv: func(u Expr) Expr { return Mul(Int(2), invSqrt(Pi), call("exp", Neg(sq(u)))) }},
		{Name: "gelu", Rule: "derivative of gelu", Range: RangeSignOfArg, TeX: `\operatorname{GELU}`, Domain: all, exact: zeroAt0,
			Eval: gelu, EvalC: nearReal(gelu, dgelu, func(z complex128) complex128 { return 0.5 * z * (1 + cerf(z/math.Sqrt2)) }),
			Doc:   "Gaussian error linear unit x*(1 + erf(x/sqrt(2)))/2, the exact form (not the tanh approximation)",
			Rules: []string{"gelu-reflect: gelu(a) - gelu(-a) => a"},
			Deriv: func(u Expr) Expr {
				return Add(Mul(Half, Add(One, call("erf", Mul(invSqrt(Two), u)))),
					Mul(u, call("exp", Mul(Frac(-1, 2), sq(u))), invSqrt(Two), invSqrt(Pi)))
			}},
		{Name: "silu", Aliases: []string{"swish"}, Rule: "derivative of silu", Range: RangeSignOfArg, TeX: `\operatorname{SiLU}`, Domain: all, exact: zeroAt0,
			Eval:  func(x float64) float64 { return x * sigmoid(x) },
			EvalC: func(z complex128) complex128 { return z * csigmoid(z) },
			EvalBig: func(u *big.Float, prec uint) (*big.Float, bool) {
				s, ok := bigmath.Sigmoid(u, prec+32)
				if !ok {
					return nil, false
				}
				return new(big.Float).SetPrec(prec).Mul(u, s), true
			},
			Doc:   "sigmoid-weighted linear unit x*sigmoid(x), also spelled swish",
			Rules: []string{"silu-reflect: silu(a) - silu(-a) => a"},
			Deriv: func(u Expr) Expr { s := call("sigmoid", u); return Mul(s, Add(One, Mul(u, Sub(One, s)))) }},
		{Name: "mish", Rule: "derivative of mish", Range: RangeSignOfArg, TeX: `\operatorname{mish}`, Domain: all, exact: zeroAt0,
			Eval:  func(x float64) float64 { return x * math.Tanh(softplus(x)) },
			EvalC: func(z complex128) complex128 { return z * cmplx.Tanh(csoftplus(z)) },
			EvalBig: func(u *big.Float, prec uint) (*big.Float, bool) {
				sp, ok := bigmath.Softplus(u, prec+64)
				if !ok {
					return nil, false
				}
				t, ok := bigmath.Tanh(sp, prec+32)
				if !ok {
					return nil, false
				}
				return new(big.Float).SetPrec(prec).Mul(u, t), true
			},
			Doc: "x*tanh(softplus(x))",
			Deriv: func(u Expr) Expr {
				t := call("tanh", call("softplus", u))
				return Add(t, Mul(u, Sub(One, sq(t)), call("sigmoid", u)))
			}},
		{Name: "softsign", Parity: -1, Rule: "derivative of softsign", Range: RangeSignOfArg, TeX: `\operatorname{softsign}`, Domain: all,
			Eval:  func(x float64) float64 { return x / (1 + math.Abs(x)) },
			EvalC: func(z complex128) complex128 { return z / (1 + z*complex(pieceSign(z), 0)) },
			EvalBig: func(u *big.Float, prec uint) (*big.Float, bool) {
				d := bigmath.Sum([]*big.Float{big.NewFloat(1), new(big.Float).Abs(u)}, prec+32)
				return new(big.Float).SetPrec(prec).Quo(u, d), true
			},
			exact: func(u Expr) (Expr, bool) {
				if n, ok := u.(*Number); ok {
					a := Expr(n)
					if n.Sign() < 0 {
						a = Neg(n)
					}
					return Div(n, Add(One, a)), true
				}
				return nil, false
			},
			Doc:   "x/(1 + abs(x)); differentiable everywhere (the derivative 1/(1 + abs(x))^2 is 1 at 0)",
			Deriv: func(u Expr) Expr { return Pow(Add(One, call("abs", u)), Int(-2)) }},
	}
	register(table...)
	Exp, Log = builtins["exp"], builtins["log"]
}
