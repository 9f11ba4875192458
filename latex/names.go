package latex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// greek maps the names of Greek letters, spelled out or as Unicode letters,
// to their LaTeX commands. Capitals that look like Latin letters map to the
// Latin letter, as LaTeX has no command for them.
var greek = map[string]string{
	"alpha": `\alpha`, "beta": `\beta`, "gamma": `\gamma`, "delta": `\delta`,
	"epsilon": `\epsilon`, "varepsilon": `\varepsilon`, "zeta": `\zeta`,
	"eta": `\eta`, "theta": `\theta`, "vartheta": `\vartheta`, "iota": `\iota`,
	"kappa": `\kappa`, "lambda": `\lambda`, "mu": `\mu`, "nu": `\nu`, "xi": `\xi`,
	"omicron": `o`, "pi": `\pi`, "varpi": `\varpi`, "rho": `\rho`, "varrho": `\varrho`,
	"sigma": `\sigma`, "varsigma": `\varsigma`, "tau": `\tau`, "upsilon": `\upsilon`,
	"phi": `\phi`, "varphi": `\varphi`, "chi": `\chi`, "psi": `\psi`, "omega": `\omega`,
	"Gamma": `\Gamma`, "Delta": `\Delta`, "Theta": `\Theta`, "Lambda": `\Lambda`,
	"Xi": `\Xi`, "Pi": `\Pi`, "Sigma": `\Sigma`, "Upsilon": `\Upsilon`, "Phi": `\Phi`,
	"Psi": `\Psi`, "Omega": `\Omega`,

	"α": `\alpha`, "β": `\beta`, "γ": `\gamma`, "δ": `\delta`, "ε": `\varepsilon`,
	"ϵ": `\epsilon`, "ζ": `\zeta`, "η": `\eta`, "θ": `\theta`, "ϑ": `\vartheta`,
	"ι": `\iota`, "κ": `\kappa`, "λ": `\lambda`, "μ": `\mu`, "ν": `\nu`, "ξ": `\xi`,
	"ο": `o`, "π": `\pi`, "ϖ": `\varpi`, "ρ": `\rho`, "ϱ": `\varrho`, "σ": `\sigma`,
	"ς": `\varsigma`, "τ": `\tau`, "υ": `\upsilon`, "φ": `\varphi`, "ϕ": `\phi`,
	"χ": `\chi`, "ψ": `\psi`, "ω": `\omega`,
	"Γ": `\Gamma`, "Δ": `\Delta`, "Θ": `\Theta`, "Λ": `\Lambda`, "Ξ": `\Xi`,
	"Π": `\Pi`, "Σ": `\Sigma`, "Υ": `\Upsilon`, "Φ": `\Phi`, "Ψ": `\Psi`, "Ω": `\Omega`,
	"Α": `A`, "Β": `B`, "Ε": `E`, "Ζ": `Z`, "Η": `H`, "Ι": `I`, "Κ": `K`, "Μ": `M`,
	"Ν": `N`, "Ο": `O`, "Ρ": `P`, "Τ": `T`, "Χ": `X`,
}

// Name returns the LaTeX for a variable name: one letter as itself (x),
// a Greek letter's name or the letter itself as its command (theta and θ
// give \theta), a longer name in \mathit{} so that it does not read as a
// product (\mathit{rate}), and what follows an underscore, or trailing
// digits, as a subscript (w_1 and w1 give w_{1}, x_ij gives x_{ij}).
func Name(name string) string {
	base, sub := splitSubscript(name)
	s := baseName(base)
	if sub != "" {
		parts := strings.Split(sub, "_")
		for i, part := range parts {
			parts[i] = subscript(part)
		}
		s += `_{` + strings.Join(parts, ",") + `}`
	}
	return s
}

// splitSubscript splits a name at its first underscore or, failing that,
// before its trailing digits (x1 -> x, 1; theta12 -> theta, 12).
func splitSubscript(name string) (base, sub string) {
	if i := strings.IndexByte(name, '_'); i > 0 && i < len(name)-1 {
		return name[:i], name[i+1:]
	}
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i > 0 && i < len(name) && letters(name[:i]) {
		return name[:i], name[i:]
	}
	return name, ""
}

// baseName writes the part of a name before its subscript.
func baseName(s string) string {
	if g, ok := greek[s]; ok {
		return g
	}
	if utf8.RuneCountInString(s) == 1 {
		r, _ := utf8.DecodeRuneInString(s)
		if r <= unicode.MaxASCII && unicode.IsLetter(r) {
			return s
		}
	}
	if isASCIILetters(s) || asciiWord(s) {
		return `\mathit{` + s + `}`
	}
	return `\text{` + escape(s) + `}`
}

// subscript writes one part of a subscript: numbers and short indices as
// they are (1, ij), Greek letters as commands, longer words upright
// (x_{\mathrm{max}}).
func subscript(s string) string {
	switch {
	case s == "":
		return ""
	case greek[s] != "":
		return greek[s]
	case digits(s):
		return s
	case isASCIILetters(s) && len(s) <= 2:
		return s
	case asciiWord(s):
		return `\mathrm{` + s + `}`
	}
	return `\text{` + escape(s) + `}`
}

// escape protects the characters that LaTeX treats specially, for use in
// \text{}; names made of letters, digits and primes need none.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '_', '#', '$', '%', '&', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// letters reports whether s is a name without digits: ASCII letters or a
// Greek letter's name.
func letters(s string) bool {
	if _, ok := greek[s]; ok {
		return true
	}
	return isASCIILetters(s)
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// asciiWord reports whether s is made of ASCII letters, digits and
// primes, as an identifier is.
func asciiWord(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'') {
			return false
		}
	}
	return s != ""
}
