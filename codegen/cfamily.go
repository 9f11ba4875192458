package codegen

import "strings"

// The helpers that C and JavaScript write alike are one text each, in C's
// syntax with words left open as {{word}}, that cFamily fills in with a
// language's words (cWords, jsWords): {{double}} and {{int}} declare a
// variable of that C type, {{n}} is the number of factors of scale,
// {{ldexp}}, {{isfinite}} and {{signbit}} are C's functions, {{nan}} and
// {{inf}} its constants, {{zero}} the zero with the sign of sign, and
// {{apart}} the language's own code.

// powiBody is the body of $powi(x, n): x^n by binary powering, as
// intpow.Powi (whose cases n = 2, 3, -1, -2 give the same values).
const powiBody = `	if (n < 0) {
		return 1 / $powi(x, -n);
	}
	{{double}} r = 1;
	while (n > 0) {
		if (n & 1) {
			r *= x;
		}
		x *= x;
		n >>= 1;
	}
	return r;
`

// scaleBody is the body of $scale(m, e, xs, ks), the value of a scale
// instruction, m * 2^e * prod xs[k]^ks[k] (intpow.Scale, Go's $scale): by
// products while every step (the quotient too) is normal, else the sign,
// zero, pole or NaN that a zero or infinite factor makes, else {{apart}},
// with the mantissas and exponents apart.
const scaleBody = `	{{double}} v = m, d = 1, t;
	{{int}} normal = 1;
	for ({{int}} k = 0; k < {{n}}; k++) {
		if (ks[k] > 0) {
			t = $powi(xs[k], ks[k]);
			v *= t;
		} else {
			t = $powi(xs[k], -ks[k]);
			d *= t;
		}
		normal = normal && $normal(t) && $normal(v) && $normal(d);
	}
	if (d != 1) {
		v /= d;
		normal = normal && $normal(v);
	}
	if (e != 0) {
		v = {{ldexp}}(v, e);
	}
	if (normal && $normal(v)) {
		return v;
	}
	{{int}} zero = 0, pole = 0;
	{{double}} sign = {{signbit}}(m) ? -1 : 1;
	for ({{int}} k = 0; k < {{n}}; k++) {
		{{double}} b = xs[k];
		if (!{{isfinite}}(b)) {
			return v;
		}
		if ((ks[k] & 1) && {{signbit}}(b)) {
			sign = -sign;
		}
		if (b == 0) {
			if (ks[k] > 0) {
				zero = 1;
			} else {
				pole = 1;
			}
		}
	}
	if (zero && pole) {
		return {{nan}};
	}
	if (zero) {
		return {{zero}};
	}
	if (pole) {
		return sign * {{inf}};
	}
{{apart}}`

// cFamily fills the words of src, a text of C's syntax indented with
// tabs, with a language's words and the words more (pairs of a word and
// its spelling), and indents it with indent.
func cFamily(src, indent string, words []string, more ...string) string {
	var pairs []string
	for _, ws := range [][]string{words, more} {
		for i := 0; i < len(ws); i += 2 {
			pairs = append(pairs, "{{"+ws[i]+"}}", ws[i+1])
		}
	}
	s := strings.NewReplacer(pairs...).Replace(src)
	return strings.ReplaceAll(s, "\t", indent)
}
