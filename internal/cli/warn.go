package cli

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the checks of legal input that is probably not what was
// meant: the answer is printed, with a warning on standard error.

// warnf writes a warning to standard error, or with --json keeps it for
// the result's warnings.
func (c *cli) warnf(format string, v ...any) {
	if c.format == jsonFormat {
		c.warnings = append(c.warnings, fmt.Sprintf(format, v...))
		return
	}
	fmt.Fprintf(c.stderr, "symdiff: warning: "+format+"\n", v...)
}

// checkVars warns about the variables of a derivative that are probably
// not meant: a variable that does not occur in e (its derivative is 0), a
// multi-letter symbol of e that holds a one-letter variable (xy is one
// symbol, not x*y), and symbols that differ from a variable or from each
// other only in look-alike letters of another script (Cyrillic х, U+0445,
// for the Latin x). exprOperand is the expression as typed: one that looks
// like a flag (-L) and does not hold the variable is a usage error, since
// a flag was meant.
func (c *cli) checkVars(exprOperand string, e symbolic.Expr, vars []*symbolic.Symbol) error {
	// The variables of e in the order of a walk, not sorted: a long sum
	// has 200 000 of them, and sorting them cost as much as parsing it.
	// Those that a warning names are sorted below.
	syms := c.inputVars(e)
	// occurs: whether each variable (named once or more: x x is the
	// second derivative) occurs in e.
	occurs := make(map[*symbolic.Symbol]bool, len(vars))
	for _, v := range vars {
		occurs[v] = false
	}
	for _, s := range syms {
		if _, ok := occurs[s]; ok {
			occurs[s] = true
		}
	}
	warnedAbsent := map[*symbolic.Symbol]bool{}
	for _, v := range vars {
		if occurs[v] || warnedAbsent[v] {
			continue
		}
		warnedAbsent[v] = true
		if looksLikeFlag(exprOperand) {
			return unknownFlag(exprOperand)
		}
		c.warnf("%s does not occur in %s, so the derivative with respect to it is 0", v.Name(), short(e))
	}
	warned := map[*symbolic.Symbol]bool{}
	for _, v := range vars {
		if utf8.RuneCountInString(v.Name()) != 1 {
			continue
		}
		var named []*symbolic.Symbol
		for _, s := range syms {
			if s == v || warned[s] || !strings.Contains(s.Name(), v.Name()) || !allLetters(s.Name()) || isGreekName(s.Name()) {
				continue
			}
			warned[s] = true
			named = append(named, s)
		}
		slices.SortFunc(named, func(a, b *symbolic.Symbol) int { return symbolic.Compare(a, b) })
		for _, s := range named {
			c.warnf("%s is one variable named %s, not a product with %s; write products with * or a space (%s)", s.Name(), s.Name(), v.Name(), spelledProduct(s.Name()))
		}
	}
	// Confusable letters: compare each name's skeleton (look-alikes
	// replaced by the Latin letter) with the others'. Only a name with a
	// letter outside ASCII can have a skeleton other than itself, so where
	// there is none (most inputs, and a long sum of 100 000 variables)
	// nothing is compared.
	var foreign []string // the names with a letter outside ASCII
	seen := map[string]bool{}
	for _, v := range vars {
		if n := v.Name(); !isASCII(n) && !seen[n] {
			seen[n] = true
			foreign = append(foreign, n)
		}
	}
	for _, s := range syms {
		if n := s.Name(); !isASCII(n) && !seen[n] {
			seen[n] = true
			foreign = append(foreign, n)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	// The names of a skeleton: the foreign names with it, and the ASCII
	// name that is the skeleton itself, if there is one.
	named := map[string]bool{}
	for _, v := range vars {
		named[v.Name()] = true
	}
	for _, s := range syms {
		named[s.Name()] = true
	}
	bySkeleton := map[string]int{}
	for _, n := range foreign {
		sk := skeleton(n)
		if bySkeleton[sk] == 0 && isASCII(sk) && named[sk] {
			bySkeleton[sk] = 1
		}
		bySkeleton[sk]++
	}
	slices.Sort(foreign)
	for _, n := range foreign {
		if bySkeleton[skeleton(n)] < 2 {
			continue
		}
		for _, r := range n {
			if l, ok := confusables()[r]; ok {
				c.warnf("%s has the letter %c, U+%04X %s, which looks like the Latin %c (U+%04X) but is another letter: %s and %s are different variables",
					n, r, r, l.name, l.latin, l.latin, n, skeleton(n))
				break
			}
		}
	}
	return nil
}

// unknownFlag is the usage error for an expression operand that was meant
// as a flag.
func unknownFlag(op string) error {
	return usagef("unknown flag %s%s (to differentiate the expression %s, write it as -(%s))", op, didYouMean(op[1:], flagNames(slices.Concat(diffFlags, outputFlags, commonFlags))), op, op[1:])
}

// looksLikeFlag reports whether an operand reads as a mistyped flag: a
// dash and a word (-L, -latx).
func looksLikeFlag(s string) bool {
	return len(s) >= 2 && s[0] == '-' && s[1] != '-' && isFlagName(strings.ToLower(s[1:])) && allLetters(s[1:2])
}

func allLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && !strings.ContainsRune("_0123456789", r)) {
			return false
		}
	}
	return s != ""
}

// isGreekName reports whether s names a Greek letter (theta, α).
func isGreekName(s string) bool {
	n := latex.Name(s)
	return strings.HasPrefix(n, `\`) && !strings.HasPrefix(n, `\mathit`) && !strings.HasPrefix(n, `\text`)
}

// spelledProduct writes xy as "x*y"; longer names as a generic example.
func spelledProduct(s string) string {
	if utf8.RuneCountInString(s) > 4 {
		return "a*b or a b"
	}
	var parts []string
	for _, r := range s {
		parts = append(parts, string(r))
	}
	return strings.Join(parts, "*") + " or " + strings.Join(parts, " ")
}

// skeleton replaces the look-alike letters of s by the Latin letters they
// look like.
func skeleton(s string) string {
	if isASCII(s) {
		return s // confusables holds no ASCII letter
	}
	var b strings.Builder
	for _, r := range s {
		if l, ok := confusables()[r]; ok {
			r = l.latin
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A lookAlike is a letter of another script that looks like a Latin one.
type lookAlike struct {
	latin rune
	name  string // the Unicode character name
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// confusables are the Cyrillic and Greek letters that look like Latin
// ones in common fonts (a subset of Unicode's confusables.txt), and the
// fullwidth Latin letters.
var confusables = sync.OnceValue(func() map[rune]lookAlike {
	m := map[rune]lookAlike{
		'\u0430': {'a', "CYRILLIC SMALL LETTER A"}, '\u0435': {'e', "CYRILLIC SMALL LETTER IE"},
		'\u043E': {'o', "CYRILLIC SMALL LETTER O"}, '\u0440': {'p', "CYRILLIC SMALL LETTER ER"},
		'\u0441': {'c', "CYRILLIC SMALL LETTER ES"}, '\u0443': {'y', "CYRILLIC SMALL LETTER U"},
		'\u0445': {'x', "CYRILLIC SMALL LETTER HA"}, '\u0456': {'i', "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"},
		'\u0458': {'j', "CYRILLIC SMALL LETTER JE"}, '\u0455': {'s', "CYRILLIC SMALL LETTER DZE"},
		'\u04BB': {'h', "CYRILLIC SMALL LETTER SHHA"}, '\u0501': {'d', "CYRILLIC SMALL LETTER KOMI DE"},
		'\u051B': {'q', "CYRILLIC SMALL LETTER QA"}, '\u051D': {'w', "CYRILLIC SMALL LETTER WE"},
		'\u0410': {'A', "CYRILLIC CAPITAL LETTER A"}, '\u0412': {'B', "CYRILLIC CAPITAL LETTER VE"},
		'\u0415': {'E', "CYRILLIC CAPITAL LETTER IE"}, '\u041A': {'K', "CYRILLIC CAPITAL LETTER KA"},
		'\u041C': {'M', "CYRILLIC CAPITAL LETTER EM"}, '\u041D': {'H', "CYRILLIC CAPITAL LETTER EN"},
		'\u041E': {'O', "CYRILLIC CAPITAL LETTER O"}, '\u0420': {'P', "CYRILLIC CAPITAL LETTER ER"},
		'\u0421': {'C', "CYRILLIC CAPITAL LETTER ES"}, '\u0422': {'T', "CYRILLIC CAPITAL LETTER TE"},
		'\u0425': {'X', "CYRILLIC CAPITAL LETTER HA"}, '\u0406': {'I', "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"},
		'\u0408': {'J', "CYRILLIC CAPITAL LETTER JE"}, '\u0405': {'S', "CYRILLIC CAPITAL LETTER DZE"},
		'\u03BF': {'o', "GREEK SMALL LETTER OMICRON"}, '\u03BD': {'v', "GREEK SMALL LETTER NU"},
		'\u0391': {'A', "GREEK CAPITAL LETTER ALPHA"}, '\u0392': {'B', "GREEK CAPITAL LETTER BETA"},
		'\u0395': {'E', "GREEK CAPITAL LETTER EPSILON"}, '\u0396': {'Z', "GREEK CAPITAL LETTER ZETA"},
		'\u0397': {'H', "GREEK CAPITAL LETTER ETA"}, '\u0399': {'I', "GREEK CAPITAL LETTER IOTA"},
		'\u039A': {'K', "GREEK CAPITAL LETTER KAPPA"}, '\u039C': {'M', "GREEK CAPITAL LETTER MU"},
		'\u039D': {'N', "GREEK CAPITAL LETTER NU"}, '\u039F': {'O', "GREEK CAPITAL LETTER OMICRON"},
		'\u03A1': {'P', "GREEK CAPITAL LETTER RHO"}, '\u03A4': {'T', "GREEK CAPITAL LETTER TAU"},
		'\u03A5': {'Y', "GREEK CAPITAL LETTER UPSILON"}, '\u03A7': {'X', "GREEK CAPITAL LETTER CHI"},
	}
	for r := 'A'; r <= 'Z'; r++ {
		m[r-'A'+'\uFF21'] = lookAlike{r, "FULLWIDTH LATIN CAPITAL LETTER " + string(r)}
		m[r-'A'+'\uFF41'] = lookAlike{r - 'A' + 'a', "FULLWIDTH LATIN SMALL LETTER " + string(r)}
	}
	return m
})
