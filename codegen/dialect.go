package codegen

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
)

// A dialect is what the emitter needs to know of a language.
type dialect struct {
	// lit writes a float64 constant.
	lit func(v float64) string
	// funcs holds, for each function of the table, sqrt and pow, the
	// code of a call with %s for the argument(s); $name calls a helper.
	funcs map[string]string
	// helpers holds the source of each helper, $name for the helpers it
	// calls.
	helpers map[string]string
	// helperName names a helper of the function called name.
	helperName func(name, helper string) string
	// list writes a list of operands of a helper (ints: integers, else
	// float64s), with its length where the language needs it.
	list func(ints bool, xs []string) string
	// frame writes the whole file around the emitter's statements.
	frame    func(e *emitter, sig signature) string
	keywords map[string]bool
}

// dialects are the languages' dialects, made on first use: the symdiff
// command links this package, and most of its runs generate no code.
var dialects = sync.OnceValue(func() map[Lang]*dialect {
	return map[Lang]*dialect{Go: goDialect(), C: cDialect(), JS: jsDialect(), NumPy: numpyDialect()}
})

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// litWith writes v as floatLit does, with the language's spelling of the
// infinities, NaN and -0.
func litWith(inf, nan, negZero string) func(float64) string {
	return func(v float64) string {
		switch {
		case math.IsInf(v, 1):
			return inf
		case math.IsInf(v, -1):
			return "-" + inf
		case math.IsNaN(v):
			return nan
		case v == 0 && math.Signbit(v):
			return negZero
		}
		return floatLit(v)
	}
}

// The functions of the table by how a dialect writes them (funcTable).
const (
	// libFuncs are a call of the language's own function, named by lib.
	libFuncs = `sqrt sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh
		exp log log2 log10 cbrt abs erf`
	// helperFuncs call the dialect's helper of the same name.
	helperFuncs = `sign step relu sigmoid softplus gelu silu mish softsign`
)

// reciprocals are 1 over a function of libFuncs: cot = 1/tan.
var reciprocals = [...][2]string{{"cot", "tan"}, {"sec", "cos"}, {"csc", "sin"}, {"coth", "tanh"}, {"sech", "cosh"}, {"csch", "sinh"}}

// arcReciprocals are a function of libFuncs at 1/x: acot(x) = atan(1/x).
var arcReciprocals = [...][2]string{{"acot", "atan"}, {"asec", "acos"}, {"acsc", "asin"}, {"acoth", "atanh"}, {"asech", "acosh"}, {"acsch", "asinh"}}

// funcTable is a dialect's funcs: lib names the language's function for
// a function of libFuncs (and pow), the reciprocals are written through
// it, the functions of helperFuncs call their helper, and own holds the
// calls a language writes otherwise (its own sign, a helper for exp).
func funcTable(lib func(name string) string, own map[string]string) map[string]string {
	m := map[string]string{"pow": lib("pow") + "(%s, %s)"}
	for _, f := range strings.Fields(libFuncs) {
		m[f] = lib(f) + "(%s)"
	}
	for _, r := range reciprocals {
		m[r[0]] = "1 / " + lib(r[1]) + "(%s)"
	}
	for _, r := range arcReciprocals {
		m[r[0]] = lib(r[1]) + "(1 / %s)"
	}
	for _, f := range strings.Fields(helperFuncs) {
		m[f] = "$" + f + "(%s)"
	}
	for f, code := range own {
		m[f] = code
	}
	return m
}

func upperFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

func goDialect() *dialect {
	d := &dialect{
		lit: litWith("math.Inf(1)", "math.NaN()", "math.Copysign(0, -1)"),
		funcs: funcTable(func(f string) string { return "math." + upperFirst(f) },
			map[string]string{"sinh": "$sinh(%s)", "cosh": "$cosh(%s)", "exp": "$exp(%s)",
				"log": "$log(%s)", "log10": "$log10(%s)", "pow": "$pow(%s, %s)"}),
		helpers: map[string]string{
			"sigmoid": `// $sigmoid is 1/(1 + exp(-x)) without overflow: exp is taken of -|x|.
func $sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
`,
			"softplus": `// $softplus is log(1 + exp(x)) without overflow or cancellation.
func $softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}
`,
			"step": `// $step is 1 for x > 0, 0 for x <= 0 and NaN for NaN.
func $step(x float64) float64 {
	if x > 0 {
		return 1
	}
	if x != x {
		return x
	}
	return 0
}
`,
			"relu": `// $relu is max(x, 0), NaN for NaN.
func $relu(x float64) float64 {
	return x * $step(x)
}
`,
			"sign": `// $sign is 1, -1 or x itself (0, -0, NaN).
func $sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x
}
`,
			"exp": `// $exp is math.Exp, finite up to the true overflow threshold (math.Exp
// on amd64 overflows from about 709.09).
func $exp(x float64) float64 {
	if x > 709 && x < 710 {
		h := math.Exp(0.5 * x)
		return h * h
	}
	return math.Exp(x)
}
`,
			"log": `// $log is math.Log, right for subnormal x (on amd64 math.Log of a
// subnormal number is about log(2^-1022) whatever the number,
// golang/go#56600): such an x is scaled by 2^54 first.
func $log(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return math.Log(x*0x1p54) - 54*math.Ln2
	}
	return math.Log(x)
}
`,
			"log10": `// $log10 is math.Log10, right for subnormal x (see $log).
func $log10(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return $log(x) * (1 / math.Ln10)
	}
	return math.Log10(x)
}
`,
			"pow": `// $pow is math.Pow, right for a subnormal base x and a non-integer
// exponent y, which math.Pow takes through math.Log (see $log):
// x^y = (x*2^54)^y * 2^(-54*y).
func $pow(x, y float64) float64 {
	if ax := math.Abs(x); ax > 0 && ax < 0x1p-1022 && y != math.Trunc(y) && !math.IsInf(y, 0) {
		return math.Pow(x*0x1p54, y) * math.Exp2(-54*y)
	}
	return math.Pow(x, y)
}
`,
			"sinh": `// $sinh is math.Sinh, finite up to the true overflow threshold.
func $sinh(x float64) float64 {
	if a := math.Abs(x); a > 709 && a < 711 {
		h := math.Exp(0.5 * a)
		return math.Copysign(0.5*h*h, x)
	}
	return math.Sinh(x)
}
`,
			"cosh": `// $cosh is math.Cosh, finite up to the true overflow threshold.
func $cosh(x float64) float64 {
	if a := math.Abs(x); a > 709 && a < 711 {
		h := math.Exp(0.5 * a)
		return 0.5 * h * h
	}
	return math.Cosh(x)
}
`,
			"gelu": `// $gelu is x*(1 + erf(x/sqrt(2)))/2, through erfc (accurate for x < 0).
func $gelu(x float64) float64 {
	return 0.5 * x * math.Erfc(-x/math.Sqrt2)
}
`,
			"silu": `// $silu is x*sigmoid(x).
func $silu(x float64) float64 {
	return x * $sigmoid(x)
}
`,
			"mish": `// $mish is x*tanh(softplus(x)).
func $mish(x float64) float64 {
	return x * math.Tanh($softplus(x))
}
`,
			"softsign": `// $softsign is x/(1 + |x|).
func $softsign(x float64) float64 {
	return x / (1 + math.Abs(x))
}
`,
			"mulz": `// $mulz is the product v, or its limit 0 where v is infinite or NaN
// only because u = 0 made a factor infinite while a factor zs is 0 (and
// no divisor ds is 0 or infinite).
func $mulz(v, u float64, zs, ds []float64) float64 {
	if !math.IsInf(v, 0) && !math.IsNaN(v) || u != 0 {
		return v
	}
	zero := false
	for _, x := range zs {
		switch {
		case x == 0:
			zero = true
		case math.IsInf(x, 0) || math.IsNaN(x):
			return v
		}
	}
	for _, x := range ds {
		if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return v
		}
	}
	if zero {
		return 0
	}
	return v
}
`,
		},
		helperName: func(name, h string) string { return lowerFirst(name) + upperFirst(h) },
		list: func(ints bool, xs []string) string {
			if len(xs) == 0 {
				return "nil"
			}
			if ints {
				return "[]int{" + strings.Join(xs, ", ") + "}"
			}
			return "[]float64{" + strings.Join(xs, ", ") + "}"
		},
		frame: goFrame,
		keywords: words(`break case chan const continue default defer else fallthrough for func go goto if
		import interface map package range return select struct switch type var
		bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string
		uint uint8 uint16 uint32 uint64 uintptr true false iota nil append cap clear close complex copy delete
		imag len make max min new panic print println real recover`),
	}
	for name, src := range intpowHelpers() {
		d.helpers[name] = src
	}
	return d
}

func goFrame(e *emitter, sig signature) string {
	h := header(sig, e.opt, false)
	var b strings.Builder
	b.WriteString(comment(h[:1], "// "))
	fmt.Fprintf(&b, "\npackage %s\n\n", e.opt.Package)
	body := e.bodyC("", "")
	var hs strings.Builder
	for _, name := range e.helperList() {
		hs.WriteString("\n" + e.helperSource(name))
	}
	if strings.Contains(body, "math.") || strings.Contains(hs.String(), "math.") {
		b.WriteString("import \"math\"\n\n")
	}
	b.WriteString(comment(h[2:], "// "))
	fmt.Fprintf(&b, "func %s(in, out []float64) {\n", e.opt.Name)
	if n := len(sig.Vars); n > 0 {
		fmt.Fprintf(&b, "_, _ = in[%d], out[%d]\n", n-1, len(e.t.Outs)-1)
	} else {
		fmt.Fprintf(&b, "_ = out[%d]\n", len(e.t.Outs)-1)
	}
	for i, v := range sig.Vars {
		fmt.Fprintf(&b, "r%d := in[%d] // %s\n", i, i, v)
	}
	declare(&b, "var ", " float64\n", e.temps(), e.useT, e.useS)
	for _, k := range e.unread() {
		fmt.Fprintf(&b, "_ = r%d\n", k)
	}
	b.WriteString(body)
	for i, o := range e.t.Outs {
		fmt.Fprintf(&b, "out[%d] = %s\n", i, e.reg(o))
	}
	b.WriteString("}\n")
	b.WriteString(hs.String())
	return b.String()
}

// declare writes the declarations of the temporaries, ten a line.
func declare(b *strings.Builder, prefix, suffix string, temps []int, t, s bool) {
	var names []string
	for _, k := range temps {
		names = append(names, fmt.Sprintf("r%d", k))
	}
	if t {
		names = append(names, "t")
	}
	if s {
		names = append(names, "s")
	}
	for len(names) > 0 {
		n := min(10, len(names))
		b.WriteString(prefix + strings.Join(names[:n], ", ") + suffix)
		names = names[n:]
	}
}

// bodyC returns the statements, each after indent and before end.
func (e *emitter) bodyC(indent, end string) string {
	var b strings.Builder
	for _, s := range e.stmts {
		b.WriteString(indent + s + end + "\n")
	}
	return b.String()
}

// cWords are C's words of the helpers of cFamily.
var cWords = []string{"double", "double", "int", "int", "n", "nx", "ldexp", "ldexp", "isfinite", "isfinite",
	"signbit", "signbit", "nan", "NAN", "inf", "INFINITY", "zero", "copysign(0.0, sign)"}

func cDialect() *dialect {
	return &dialect{
		lit:   litWith("INFINITY", "NAN", "-0.0"),
		funcs: funcTable(func(f string) string { return f }, map[string]string{"abs": "fabs(%s)"}),
		helpers: map[string]string{
			"sigmoid": `/* 1/(1 + exp(-x)) without overflow: exp is taken of -|x|. */
static double $sigmoid(double x)
{
	if (x >= 0) {
		return 1 / (1 + exp(-x));
	}
	double e = exp(x);
	return e / (1 + e);
}
`,
			"softplus": `/* log(1 + exp(x)) without overflow or cancellation. */
static double $softplus(double x)
{
	return fmax(x, 0.0) + log1p(exp(-fabs(x)));
}
`,
			"step": `/* 1 for x > 0, 0 for x <= 0, NaN for NaN. */
static double $step(double x)
{
	return x > 0 ? 1.0 : (x != x ? x : 0.0);
}
`,
			"relu": `/* max(x, 0), NaN for NaN. */
static double $relu(double x)
{
	return x * $step(x);
}
`,
			"sign": `/* 1, -1 or x itself (0, -0, NaN). */
static double $sign(double x)
{
	return x > 0 ? 1.0 : (x < 0 ? -1.0 : x);
}
`,
			"gelu": `/* x*(1 + erf(x/sqrt(2)))/2, through erfc (accurate for x < 0). */
static double $gelu(double x)
{
	return 0.5 * x * erfc(-x / 1.4142135623730951);
}
`,
			"silu": `/* x*sigmoid(x). */
static double $silu(double x)
{
	return x * $sigmoid(x);
}
`,
			"mish": `/* x*tanh(softplus(x)). */
static double $mish(double x)
{
	return x * tanh($softplus(x));
}
`,
			"softsign": `/* x/(1 + |x|). */
static double $softsign(double x)
{
	return x / (1 + fabs(x));
}
`,
			"mulz": `/* The product v, or its limit 0 where v is infinite or NaN only because
   u = 0 made a factor infinite while a factor zs is 0 (and no divisor ds
   is 0 or infinite). */
static double $mulz(double v, double u, int nz, const double *zs, int nd, const double *ds)
{
	if (isfinite(v) || u != 0) {
		return v;
	}
	int zero = 0;
	for (int i = 0; i < nz; i++) {
		if (zs[i] == 0) {
			zero = 1;
		} else if (!isfinite(zs[i])) {
			return v;
		}
	}
	for (int i = 0; i < nd; i++) {
		if (ds[i] == 0 || !isfinite(ds[i])) {
			return v;
		}
	}
	return zero ? 0.0 : v;
}
`,
			"normal": `/* Whether v is a normal double. */
static int $normal(double v)
{
	double a = fabs(v);
	return a >= 0x1p-1022 && a <= 0x1.fffffffffffffp+1023;
}
`,
			"powscaled": `/* (f*2^fe)^n as *pm * 2^(*pe), *pm in [0.5, 1), for f in [0.5, 1) and
   n > 0: binary powering with the exponent kept apart. */
static void $powscaled(double f, int fe, int n, double *pm, int *pe)
{
	double rm = 1, bm = f;
	int re = 0, be = fe, t;
	for (;;) {
		if (n & 1) {
			rm = frexp(rm * bm, &t);
			re += be + t;
		}
		n >>= 1;
		if (n == 0) {
			break;
		}
		bm = frexp(bm * bm, &t);
		be = 2 * be + t;
	}
	*pm = rm;
	*pe = re;
}
`,
			"scale": `/* m * 2^e * prod xs[k]^ks[k] without spurious overflow or underflow: by
   products while every step is normal, else with the mantissas and
   exponents apart. */
static double $scale(double m, int e, int nx, const double *xs, int nk, const int *ks)
{
	(void)nk;
` + cFamily(scaleBody, "\t", cWords, "apart", `	double sm = m, dm = 1, pm;
	int se = e, de = 0, pe, fe, u;
	for (int k = 0; k < nx; k++) {
		double f = frexp(xs[k], &fe);
		if (ks[k] > 0) {
			$powscaled(f, fe, ks[k], &pm, &pe);
			sm = frexp(sm * pm, &u);
			se += pe + u;
		} else {
			$powscaled(f, fe, -ks[k], &pm, &pe);
			dm = frexp(dm * pm, &u);
			de += pe + u;
		}
	}
	return ldexp(sm / dm, se - de);
`) + "}\n",
			"powi": "/* x^n by binary powering. */\nstatic double $powi(double x, int n)\n{\n" + cFamily(powiBody, "\t", cWords) + "}\n",
		},
		helperName: func(name, h string) string { return name + "_" + h },
		list: func(ints bool, xs []string) string {
			if len(xs) == 0 {
				return "0, 0"
			}
			t := "double"
			if ints {
				t = "int"
			}
			return fmt.Sprintf("%d, (const %s[]){%s}", len(xs), t, strings.Join(xs, ", "))
		},
		frame: cFrame,
		keywords: words(`auto break case char const continue default do double else enum extern float for goto if
		inline int long register restrict return short signed sizeof static struct switch typedef union
		unsigned void volatile while _Bool _Complex _Imaginary main
		sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp log log2 log10 cbrt fabs erf sqrt pow
		log1p fmax NAN INFINITY`),
	}
}

func cFrame(e *emitter, sig signature) string {
	h := header(sig, e.opt, false)
	var b strings.Builder
	b.WriteString(comment(h, "// "))
	b.WriteString("\n#include <math.h>\n")
	body := e.bodyC("\t", ";")
	for _, name := range e.helperList() {
		b.WriteString("\n" + e.helperSource(name))
	}
	fmt.Fprintf(&b, "\nvoid %s(const double *in, double *out)\n{\n", e.opt.Name)
	for i, v := range sig.Vars {
		fmt.Fprintf(&b, "\tconst double r%d = in[%d]; /* %s */\n", i, i, strings.ReplaceAll(v, "*/", "* /"))
	}
	declare(&b, "\tdouble ", ";\n", e.temps(), e.useT, e.useS)
	for _, k := range e.unread() {
		if k < len(sig.Vars) {
			fmt.Fprintf(&b, "\t(void)r%d; /* unused */\n", k)
		}
	}
	b.WriteString(body)
	for i, o := range e.t.Outs {
		fmt.Fprintf(&b, "\tout[%d] = %s;\n", i, e.reg(o))
	}
	b.WriteString("}\n")
	return b.String()
}
