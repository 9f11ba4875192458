package cli

import (
	"fmt"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// help returns the whole page of symdiff --help: the commands, the
// conventions they share, and the flags of the default command.
func help() string {
	var b strings.Builder
	b.WriteString("symdiff: symbolic differentiation, simplification and evaluation\n\nCommands:\n")
	for _, k := range commands() {
		fmt.Fprintf(&b, "  %-42s %s\n", k.usage, k.summary)
	}
	b.WriteString(`  symdiff help [COMMAND]                     this help, or one command's
  symdiff version                            the version and VCS revision

symdiff COMMAND --help shows one command's help.

EXPR "-" reads standard input, one expression a line (blank lines skipped),
and prints one result a line (diff, simplify, eval); a bad line stops the
run with its line number (symdiff batch goes on). grad, jacobian, hessian
and graph take one expression. An EXPR that starts with a minus works as
typed (-x^2); one that reads like a mistyped flag (-L) is a usage error.
"--" ends the flags; flags may be written with one dash (-help) and -n
with its value (-n2).

A point (eval, --at) is NAME=VALUE, separated by commas or spaces; a value
is a number or an expression of constants (x=1/3, x=pi/4, x=-2). --at may
be repeated to add variables; a variable given twice is an error. A value
that is not a finite number is an error that says why: outside the domain
(sqrt(x) at x=-1), a pole (log(x) at x=0) or an overflow (exp(x) at x=800).

Warnings on standard error, with the answer still printed: a VAR that does
not occur in EXPR; a name of several letters that holds VAR (xy is one
variable, not x*y); letters of other scripts that look like Latin ones
(Cyrillic х, U+0445, is not x). Undefined constants (log(0), 0^x) are
domain errors. Flags that ask for different outputs (--latex and --markdown,
--markdown and --standalone, --steps and --check or --at, --json and
--latex) are usage errors.

--json prints one JSON object a result: the input, the variables, the
result as text and LaTeX, --at and --check results, --stats timings and
the warnings; an error is {"error": {"message", "line", "column", "kind"}}.
The schema is in docs/cli.md.

Examples:
  symdiff "1/(1+exp(-x))" x          sigmoid(x)*(1 - sigmoid(x))
  symdiff "w*x + b" w                x
  symdiff -n 2 "sin(x)^2" x          second derivative
  symdiff "x^2*y^3" x y              d/dy d/dx
  symdiff --check "tanh(x)" x        prove the derivative against numbers
  symdiff --at x=0.5 "x^x" x         the derivative's value at x = 0.5
  symdiff "x^3" x --answer "3x^2"    is the answer the derivative?
  symdiff equal "sin(x)^2" "1 - cos(x)^2"
  symdiff --func f,g "f(g(x))" x     f'(g(x))*g'(x)
  symdiff --latex "x^2/2" x          x (LaTeX)
  symdiff --json "x^2" x             one JSON object
  symdiff --steps "x^x" x            the derivation, each rule named
  symdiff --markdown "1/(1+exp(-x))" x > sigmoid.md
  symdiff simplify "sin(x)^2 + cos(x)^2"
  symdiff eval "x^2 + y" x=3 y=1
  symdiff grad "(w*x + b - y)^2" w b
  symdiff hessian --latex "x^2*y + y^3" x y
  symdiff graph "w*x + b" --at w=-2,x=5,b=3
  symdiff plot "tan(x)" x --from -2*pi --to 2*pi -o tan.png
  symdiff codegen --lang c --grad "sigmoid(w*x + b)" w b x
  printf 'x^2\nsin(x)\n' | symdiff batch x

`)
	k := commands()[0]
	fmt.Fprintf(&b, "Flags of %s:\n%s", k.name, flagHelp(append(append([]flagSpec{}, k.flags...), commonFlags...)))
	b.WriteString(`
Functions: ` + functionNames() + `
Aliases: ` + functionAliases() + `sqrt(x) = x^(1/2), log(x, b) = log(x)/log(b), ** = ^.
Constants: pi (also π, always a name of its own: 2πx is 2*pi*x), e.
` + exitStatusHelp)
	return b.String()
}

const exitStatusHelp = `Exit status: 0 success; 1 an error in the input or the mathematics (a domain
error, a failed --check) or a failed write to standard output; 2 wrong usage.
equal and --answer: 0 equal (right), 1 different (wrong), 2 any trouble.
`

// commandHelp returns the help of one command: symdiff COMMAND --help.
func commandHelp(k *command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n", k.usage, k.doc)
	if len(k.flags) > 0 {
		fmt.Fprintf(&b, "\nFlags:\n%s", flagHelp(k.flags))
	}
	fmt.Fprintf(&b, "\nFlags of every command:\n%s", flagHelp(commonFlags))
	return b.String()
}

// functionAliases lists the other spellings of the table's functions, as
// "ln = log, swish = silu, ".
func functionAliases() string {
	var b strings.Builder
	for _, f := range symbolic.Builtins() {
		for _, a := range f.Aliases {
			b.WriteString(a + " = " + f.Name + ", ")
		}
	}
	return b.String()
}

func functionNames() string {
	var names []string
	for _, f := range symbolic.Builtins() {
		names = append(names, f.Name)
	}
	return strings.Join(names, " ")
}
