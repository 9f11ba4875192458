package codegen

import (
	"fmt"
	"strings"
)

// jsWords are JavaScript's words of the helpers of cFamily.
var jsWords = []string{"double", "let", "int", "let", "n", "ks.length", "ldexp", "$ldexp", "isfinite", "Number.isFinite",
	"signbit", "$signbit", "nan", "NaN", "inf", "Infinity", "zero", "sign < 0 ? -0 : 0"}

func jsDialect() *dialect {
	return &dialect{
		lit: litWith("Infinity", "NaN", "-0"),
		funcs: funcTable(func(f string) string { return "Math." + f },
			map[string]string{"sign": "Math.sign(%s)", "erf": "$erf(%s)"}),
		helpers: map[string]string{
			"sigmoid": `// 1/(1 + exp(-x)) without overflow: exp is taken of -|x|.
function $sigmoid(x) {
  if (x >= 0) {
    return 1 / (1 + Math.exp(-x));
  }
  const e = Math.exp(x);
  return e / (1 + e);
}
`,
			"softplus": `// log(1 + exp(x)) without overflow or cancellation.
function $softplus(x) {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
`,
			"step": `// 1 for x > 0, 0 for x <= 0, NaN for NaN.
function $step(x) {
  return x > 0 ? 1 : (x !== x ? x : 0);
}
`,
			"relu": `// max(x, 0), NaN for NaN.
function $relu(x) {
  return x * $step(x);
}
`,
			"powi": "// x^n by binary powering.\nfunction $powi(x, n) {\n" + cFamily(powiBody, "  ", jsWords) + "}\n",
			"mulz": `// The product v, or its limit 0 where v is infinite or NaN only because
// u = 0 made a factor infinite while a factor zs is 0 (and no divisor ds
// is 0 or infinite).
function $mulz(v, u, zs, ds) {
  if (Number.isFinite(v) || u !== 0) {
    return v;
  }
  let zero = false;
  for (const x of zs) {
    if (x === 0) {
      zero = true;
    } else if (!Number.isFinite(x)) {
      return v;
    }
  }
  for (const x of ds) {
    if (x === 0 || !Number.isFinite(x)) {
      return v;
    }
  }
  return zero ? 0 : v;
}
`,
			"normal": `// Whether v is a normal double.
function $normal(v) {
  const a = Math.abs(v);
  return a >= 2 ** -1022 && a <= Number.MAX_VALUE;
}
`,
			"frexp": `// [m, e] with x = m * 2^e and |m| in [0.5, 1) (x itself and 0 for 0,
// infinities and NaN), as C's frexp.
const $frexpView = new DataView(new ArrayBuffer(8));
function $frexp(x) {
  if (x === 0 || !Number.isFinite(x)) {
    return [x, 0];
  }
  let e0 = 0;
  if (Math.abs(x) < 2 ** -1022) {
    x *= 2 ** 64;
    e0 = -64;
  }
  $frexpView.setFloat64(0, x);
  const hi = $frexpView.getUint32(0);
  $frexpView.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [$frexpView.getFloat64(0), ((hi >>> 20) & 0x7ff) - 1022 + e0];
}
`,
			"ldexp": `// x * 2^n rounded once, as C's ldexp (musl's scalbn).
function $ldexp(x, n) {
  if (n > 1023) {
    x *= 2 ** 1023;
    n -= 1023;
    if (n > 1023) {
      x *= 2 ** 1023;
      n = Math.min(n - 1023, 1023);
    }
  } else if (n < -1022) {
    x *= 2 ** -969;
    n += 969;
    if (n < -1022) {
      x *= 2 ** -969;
      n = Math.max(n + 969, -1022);
    }
  }
  return x * 2 ** n;
}
`,
			"powscaled": `// (f*2^fe)^n as [pm, pe], pm in [0.5, 1), for f in [0.5, 1) and n > 0:
// binary powering with the exponent kept apart.
function $powscaled(f, fe, n) {
  let rm = 1, re = 0, bm = f, be = fe;
  for (;;) {
    if (n & 1) {
      const [m, t] = $frexp(rm * bm);
      rm = m;
      re += be + t;
    }
    n >>= 1;
    if (n === 0) {
      break;
    }
    const [m, t] = $frexp(bm * bm);
    bm = m;
    be = 2 * be + t;
  }
  return [rm, re];
}
`,
			"scale": `// m * 2^e * prod xs[k]^ks[k] without spurious overflow or underflow: by
// products while every step is normal, else with the mantissas and
// exponents apart.
function $scale(m, e, xs, ks) {
` + cFamily(scaleBody, "  ", jsWords, "apart", `	let sm = m, se = e, dm = 1, de = 0;
	for (let k = 0; k < ks.length; k++) {
		const [f, fe] = $frexp(xs[k]);
		if (ks[k] > 0) {
			const [pm, pe] = $powscaled(f, fe, ks[k]);
			const [mm, t] = $frexp(sm * pm);
			sm = mm;
			se += pe + t;
		} else {
			const [pm, pe] = $powscaled(f, fe, -ks[k]);
			const [mm, t] = $frexp(dm * pm);
			dm = mm;
			de += pe + t;
		}
	}
	return $ldexp(sm / dm, se - de);
`) + "}\n",
			"signbit": `// Whether x has its sign bit set, -0 included, as C's signbit.
function $signbit(x) {
  return x < 0 || Object.is(x, -0);
}
`,
			"erf":      jsErf,
			"erfc":     jsErfc,
			"erfsmall": jsErfSmall,
			"erfmid":   jsErfMid,
			"erftail":  jsErfTail,
			"gelu": `// x*(1 + erf(x/sqrt(2)))/2, through erfc (accurate for x < 0).
function $gelu(x) {
  return 0.5 * x * $erfc(-x / Math.SQRT2);
}
`,
			"silu": `// x*sigmoid(x).
function $silu(x) {
  return x * $sigmoid(x);
}
`,
			"mish": `// x*tanh(softplus(x)).
function $mish(x) {
  return x * Math.tanh($softplus(x));
}
`,
			"softsign": `// x/(1 + |x|).
function $softsign(x) {
  return x / (1 + Math.abs(x));
}
`,
		},
		helperName: func(name, h string) string { return name + "_" + h },
		list:       func(ints bool, xs []string) string { return "[" + strings.Join(xs, ", ") + "]" },
		frame:      jsFrame,
		keywords: words(`break case catch class const continue debugger default delete do else export extends
		false finally for function if import in instanceof new null return super switch this throw true try
		typeof var void while with yield let static enum await implements package protected interface private
		public arguments eval undefined NaN Infinity Math`),
	}
}

// The error function and its complement, which JavaScript's Math lacks:
// the algorithm of FreeBSD's s_erf.c (fdlibm), as Go's math.Erf and
// math.Erfc compute them, with the same coefficients. $erf and $erfc
// share the rational approximations of its three ranges of |x|.
const (
	// jsErfSmall is erf(x)/x - 1 for |x| < 0.84375 (s_erf.c's r/s).
	jsErfSmall = `// erf(x)/x - 1 for |x| < 0.84375: fdlibm's s_erf.c.
function $erfsmall(x) {
  const pp0 = 1.28379167095512558561e-01, pp1 = -3.25042107247001499370e-01,
    pp2 = -2.84817495755985104766e-02, pp3 = -5.77027029648944159157e-03,
    pp4 = -2.37630166566501626084e-05;
  const qq1 = 3.97917223959155352819e-01, qq2 = 6.50222499887672944485e-02,
    qq3 = 5.08130628187576562776e-03, qq4 = 1.32494738004321644526e-04,
    qq5 = -3.96022827877536812320e-06;
  const z = x * x;
  const r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
  const s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
  return r / s;
}
`
	// jsErfMid is erf(x) - erx for 0.84375 <= x < 1.25 (s_erf.c's P/Q).
	jsErfMid = `// erf(x) - erx for 0.84375 <= x < 1.25: fdlibm's s_erf.c.
function $erfmid(x) {
  const pa0 = -2.36211856075265944077e-03, pa1 = 4.14856118683748331666e-01,
    pa2 = -3.72207876035701323847e-01, pa3 = 3.18346619901161753674e-01,
    pa4 = -1.10894694282396677476e-01, pa5 = 3.54783043256182359371e-02,
    pa6 = -2.16637559486879084300e-03;
  const qa1 = 1.06420880400844228286e-01, qa2 = 5.40397917702171048937e-01,
    qa3 = 7.18286544141962662868e-02, qa4 = 1.26171219808761642112e-01,
    qa5 = 1.36370839120290507362e-02, qa6 = 1.19844998467991074170e-02;
  const s = x - 1;
  const P = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
  const Q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
  return P / Q;
}
`
	// jsErfTail is erfc(x) for 1.25 <= x < 28.
	jsErfTail = `// erfc(x) for 1.25 <= x < 28: fdlibm's s_erf.c.
const $erftailView = new DataView(new ArrayBuffer(8));
function $erftail(x) {
  const ra0 = -9.86494403484714822705e-03, ra1 = -6.93858572707181764372e-01,
    ra2 = -1.05586262253232909814e+01, ra3 = -6.23753324503260060396e+01,
    ra4 = -1.62396669462573470355e+02, ra5 = -1.84605092906711035994e+02,
    ra6 = -8.12874355063065934246e+01, ra7 = -9.81432934416914548592e+00;
  const sa1 = 1.96512716674392571292e+01, sa2 = 1.37657754143519042600e+02,
    sa3 = 4.34565877475229228821e+02, sa4 = 6.45387271733267880336e+02,
    sa5 = 4.29008140027567833386e+02, sa6 = 1.08635005541779435134e+02,
    sa7 = 6.57024977031928170135e+00, sa8 = -6.04244152148580987438e-02;
  const rb0 = -9.86494292470009928597e-03, rb1 = -7.99283237680523006574e-01,
    rb2 = -1.77579549177547519889e+01, rb3 = -1.60636384855821916062e+02,
    rb4 = -6.37566443368389627722e+02, rb5 = -1.02509513161107724954e+03,
    rb6 = -4.83519191608651397019e+02;
  const sb1 = 3.03380607434824582924e+01, sb2 = 3.25792512996573918826e+02,
    sb3 = 1.53672958608443695994e+03, sb4 = 3.19985821950859553908e+03,
    sb5 = 2.55305040643316442583e+03, sb6 = 4.74528541206955367215e+02,
    sb7 = -2.24409524465858183362e+01;
  const s = 1 / (x * x);
  let R, S;
  if (x < 1 / 0.35) {
    R = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
    S = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
  } else {
    R = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
    S = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
  }
  // z is x with the low 32 bits of its significand cleared.
  $erftailView.setFloat64(0, x);
  $erftailView.setUint32(4, 0);
  const z = $erftailView.getFloat64(0);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + R / S) / x;
}
`
	jsErfc = `// The complementary error function (Math has none): fdlibm's s_erf.c, as Go's math.Erfc.
function $erfc(x) {
  const erx = 8.45062911510467529297e-01;
  if (x !== x) {
    return x;
  }
  // erfc is 2 - erfc(-x), and the infinities fall to the last return.
  const sign = x < 0;
  x = Math.abs(x);
  if (x < 0.84375) {
    let temp;
    if (x < 2 ** -56) {
      temp = x;
    } else {
      const y = $erfsmall(x);
      if (x < 0.25) {
        temp = x + x * y;
      } else {
        temp = 0.5 + (x * y + (x - 0.5));
      }
    }
    return sign ? 1 + temp : 1 - temp;
  }
  if (x < 1.25) {
    const pq = $erfmid(x);
    return sign ? 1 + erx + pq : 1 - erx - pq;
  }
  if (x < 28) {
    if (sign && x > 6) {
      return 2;
    }
    const r = $erftail(x);
    return sign ? 2 - r : r;
  }
  return sign ? 2 : 0;
}
`
	jsErf = `// The error function (Math has none): fdlibm's s_erf.c, as Go's math.Erf.
function $erf(x) {
  const erx = 8.45062911510467529297e-01;
  const efx = 1.28379167095512586316e-01, efx8 = 1.02703333676410069053e+00;
  if (x !== x) {
    return x;
  }
  // erf is odd (a negative x is negated: erf(-0) is -0), and the
  // infinities fall to x >= 6.
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x < 0.84375) {
    let temp;
    if (x < 1 / (1 << 28)) {
      if (x < 2.848094538889218e-306) {
        temp = 0.125 * (8.0 * x + efx8 * x);
      } else {
        temp = x + efx * x;
      }
    } else {
      temp = x + x * $erfsmall(x);
    }
    return sign ? -temp : temp;
  }
  if (x < 1.25) {
    const pq = $erfmid(x);
    return sign ? -erx - pq : erx + pq;
  }
  if (x >= 6) {
    return sign ? -1 : 1;
  }
  const r = $erftail(x);
  return sign ? r - 1 : 1 - r;
}
`
)

func jsFrame(e *emitter, sig signature) string {
	h := header(sig, e.opt, false)
	var b strings.Builder
	b.WriteString(comment(h, "// "))
	body := e.bodyC("  ", ";")
	for _, name := range e.helperList() {
		b.WriteString("\n" + e.helperSource(name))
	}
	fmt.Fprintf(&b, "\nexport function %s(inArray, outArray = new Float64Array(%d)) {\n", e.opt.Name, len(e.t.Outs))
	for i, v := range sig.Vars {
		fmt.Fprintf(&b, "  const r%d = inArray[%d]; // %s\n", i, i, v)
	}
	declare(&b, "  let ", ";\n", e.temps(), e.useT, e.useS)
	b.WriteString(body)
	for i, o := range e.t.Outs {
		fmt.Fprintf(&b, "  outArray[%d] = %s;\n", i, e.reg(o))
	}
	b.WriteString("  return outArray;\n}\n")
	return b.String()
}
