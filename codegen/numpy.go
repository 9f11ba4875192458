package codegen

import (
	"fmt"
	"strings"
)

func numpyDialect() *dialect {
	return &dialect{
		lit: litWith("np.inf", "np.nan", "-0.0"),
		funcs: funcTable(func(f string) string {
			if strings.HasPrefix(f, "a") && f != "abs" {
				return "np.arc" + f[1:] // asin, ..., atanh
			}
			return "np." + f
		}, map[string]string{"pow": "np.power(%s, %s)", "sign": "np.sign(%s)", "erf": "$erf(%s)"}),
		helpers: map[string]string{
			"sigmoid": `def $sigmoid(x):
    """1/(1 + exp(-x)) without overflow: exp is taken of -|x|."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
`,
			"softplus": `def $softplus(x):
    """log(1 + exp(x)) without overflow or cancellation."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))
`,
			"step": `def $step(x):
    """1 for x > 0, 0 for x <= 0, NaN for NaN."""
    return np.where(x > 0, 1.0, np.where(np.isnan(x), x, 0.0))
`,
			"relu": `def $relu(x):
    """max(x, 0), NaN for NaN."""
    return x * $step(x)
`,
			"powi": `def $powi(x, n):
    """x^n by binary powering."""
    if n < 0:
        return 1 / $powi(x, -n)
    r = 1.0
    while n > 0:
        if n & 1:
            r = r * x
        x = x * x
        n >>= 1
    return r
`,
			"mulz": `def $mulz(v, u, zs, ds):
    """The product v, or its limit 0 where v is infinite or NaN only because
    u = 0 made a factor infinite while a factor zs is 0 (and no divisor ds
    is 0 or infinite)."""
    keep = np.isfinite(v) | (u != 0)
    zero = np.zeros(np.shape(v), dtype=bool)
    for x in zs:
        keep = keep | ~np.isfinite(x)
        zero = zero | (x == 0)
    for x in ds:
        keep = keep | (x == 0) | ~np.isfinite(x)
    return np.where(keep | ~zero, v, 0.0)
`,
			"normal": `def $normal(v):
    """Whether v is a normal float64, element by element."""
    a = np.abs(v)
    return (a >= 2.0 ** -1022) & (a <= np.finfo(np.float64).max)
`,
			"scale1": `def $scale1(m, e, xs, ks, v):
    """$scale's slow path at one point: mantissas and exponents apart."""
    zero, pole, sign = False, False, -1.0 if math.copysign(1.0, m) < 0 else 1.0
    for b, n in zip(xs, ks):
        if math.isinf(b) or math.isnan(b):
            return v
        if n & 1 and math.copysign(1.0, b) < 0:
            sign = -sign
        if b == 0:
            if n > 0:
                zero = True
            else:
                pole = True
    if zero and pole:
        return math.nan
    if zero:
        return math.copysign(0.0, sign)
    if pole:
        return sign * math.inf

    def powscaled(f, fe, n):
        rm, re, bm, be = 1.0, 0, f, fe
        while True:
            if n & 1:
                rm, t = math.frexp(rm * bm)
                re += be + t
            n >>= 1
            if n == 0:
                return rm, re
            bm, t = math.frexp(bm * bm)
            be = 2 * be + t

    sm, se, dm, de = m, e, 1.0, 0
    for b, n in zip(xs, ks):
        f, fe = math.frexp(b)
        if n > 0:
            pm, pe = powscaled(f, fe, n)
            sm, t = math.frexp(sm * pm)
            se += pe + t
        else:
            pm, pe = powscaled(f, fe, -n)
            dm, t = math.frexp(dm * pm)
            de += pe + t
    try:
        return math.ldexp(sm / dm, se - de)
    except OverflowError:
        return math.copysign(math.inf, sm / dm)
`,
			"scale": `def $scale(m, e, xs, ks):
    """m * 2^e * prod xs[k]^ks[k] without spurious overflow or underflow: by
    products while every step (the quotient too) is normal, else (point by point) with the
    mantissas and exponents apart."""
    xs = [np.asarray(x, dtype=np.float64) for x in xs]
    shape = np.broadcast_shapes(*(x.shape for x in xs))
    xs = [np.broadcast_to(x, shape) for x in xs]
    v, d, normal = np.full(shape, m), np.ones(shape), np.ones(shape, dtype=bool)
    for x, n in zip(xs, ks):
        if n > 0:
            t = $powi(x, n)
            v = v * t
        else:
            t = $powi(x, -n)
            d = d * t
        normal = normal & $normal(t) & $normal(v) & $normal(d)
    v = v / d
    normal = normal & $normal(v)
    if e != 0:
        v = np.ldexp(v, e)
    slow = ~(normal & $normal(v))
    if slow.any():
        v = np.array(v)
        for i in np.ndindex(*shape):
            if slow[i]:
                v[i] = $scale1(m, e, [float(x[i]) for x in xs], ks, float(v[i]))
    return v
`,
			"erf": `# The error function (NumPy has none): the C library's, point by point.
$erf = np.vectorize(math.erf, otypes=[np.float64])
`,
			"erfc": `# The complementary error function: the C library's, point by point.
$erfc = np.vectorize(math.erfc, otypes=[np.float64])
`,
			"gelu": `def $gelu(x):
    """x*(1 + erf(x/sqrt(2)))/2, through erfc (accurate for x < 0)."""
    return 0.5 * x * $erfc(-x / 1.4142135623730951)
`,
			"silu": `def $silu(x):
    """x*sigmoid(x)."""
    return x * $sigmoid(x)
`,
			"mish": `def $mish(x):
    """x*tanh(softplus(x))."""
    return x * np.tanh($softplus(x))
`,
			"softsign": `def $softsign(x):
    """x/(1 + |x|)."""
    return x / (1 + np.abs(x))
`,
		},
		helperName: func(name, h string) string { return "_" + name + "_" + h },
		list:       func(ints bool, xs []string) string { return "[" + strings.Join(xs, ", ") + "]" },
		frame:      numpyFrame,
		keywords: words(`False None True and as assert async await break class continue def del elif else except
		finally for from global if import in is lambda nonlocal not or pass raise return try while with yield
		math`),
	}
}

func numpyFrame(e *emitter, sig signature) string {
	h := header(sig, e.opt, true)
	var b strings.Builder
	b.WriteString(comment(h[:1], "# "))
	b.WriteString("\n")
	body := e.bodyC("        ", "")
	if e.helpers["erf"] || e.helpers["erfc"] || e.helpers["scale"] {
		b.WriteString("import math\n\n")
	}
	b.WriteString("import numpy as np\n")
	for _, name := range e.helperList() {
		b.WriteString("\n\n" + e.helperSource(name))
	}
	n, m := len(sig.Vars), sig.Values
	fmt.Fprintf(&b, "\n\ndef %s(*args):\n    \"\"\"", e.opt.Name)
	for i, l := range h[2:] {
		if i > 0 && l != "" {
			b.WriteString("    ")
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(l, `\`, `\\`), `"""`, `\"\"\"`) + "\n")
	}
	b.WriteString("    \"\"\"\n")
	fmt.Fprintf(&b, "    if len(args) != %d:\n        raise TypeError(\"%s takes %d argument(s), got %%d\" %% len(args))\n", n, e.opt.Name, n)
	b.WriteString("    args = [np.asarray(a, dtype=np.float64) for a in args]\n")
	for i := range sig.Vars {
		fmt.Fprintf(&b, "    r%d = args[%d]\n", i, i)
	}
	b.WriteString("    shape = np.broadcast_shapes(*(a.shape for a in args))\n")
	b.WriteString("    with np.errstate(all=\"ignore\"):\n")
	b.WriteString(body)
	fmt.Fprintf(&b, "        out = np.empty((%d,) + shape)\n", len(e.t.Outs))
	for i, o := range e.t.Outs {
		fmt.Fprintf(&b, "        out[%d] = %s\n", i, e.reg(o))
	}
	switch sig.Mode {
	case Value:
		if m == 1 {
			b.WriteString("    return out[0]\n")
		} else {
			b.WriteString("    return out\n")
		}
	case Grad:
		b.WriteString("    return out[0], out[1:]\n")
	case Jacobian:
		fmt.Fprintf(&b, "    return out[:%d], out[%d:].reshape((%d, %d) + shape)\n", m, m, m, n)
	case Hessian:
		fmt.Fprintf(&b, "    return out[0], out[1:].reshape((%d, %d) + shape)\n", n, n)
	}
	return b.String()
}
