package simplify

import (
	"errors"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// A compiledRule is a built-in rule line with the two sides of the rule
// compiled at build time (compiled_rules.go, written by go generate from
// the rule files and the function table): a process that needs the rule
// builds its sides from the program with the constructors, without the
// parser. The rule files stay the one source: the line is kept, a built-in
// rule uses its program only where the line is the same as the one read
// from the rule file (a stale program is never used, the line is parsed
// instead), and TestCompiledRules checks that the generated file is up to
// date and that every program builds the very nodes that parsing gives.
type compiledRule struct {
	text string // the rule's line, as in the rule file or Func.Rules
	prog string // the sides' program (see buildSides); "" to parse the line
	// needs are the functions called on the left side (scanFuncs of it),
	// numbered as funcBits numbers the function table: every process that
	// simplifies reads them for every rule, and reading them from the
	// line costs a quarter of simplifying the sigmoid's derivative.
	needs funcMask
}

// errProgram is returned for a program that buildSides cannot read; the
// generator never writes one.
var errProgram = errors.New("simplify: bad compiled rule program")

// buildSides builds the left and right sides of a rule from its program: a
// postfix program of space-separated tokens, the left side's then, after
// "|", the right side's:
//
//	$name    the symbol name (symbolic.Sym: pi and e are the constants)
//	#p #p/q  the number p or p/q (int64 numerator and denominator)
//	+k *k    the sum, the product of the top k values
//	^        the power: the value below the top raised to the top
//	@k:name  the built-in function name applied to the top k values
//
// Each token calls the constructor that parsing the side calls, so the
// sides are the same interned nodes (TestCompiledRules checks each rule).
func buildSides(prog string) (lhs, rhs symbolic.Expr, err error) {
	defer symbolic.Recover(&err)
	var buf [24]symbolic.Expr
	st := buf[:0]
	var sides [2]symbolic.Expr
	side := 0
	for prog != "" {
		var tok string
		tok, prog, _ = strings.Cut(prog, " ")
		if tok == "" {
			return nil, nil, errProgram
		}
		switch tok[0] {
		case '$':
			st = append(st, symbolic.Sym(tok[1:]))
		case '#':
			p, q, _ := strings.Cut(tok[1:], "/")
			n, err1 := strconv.ParseInt(p, 10, 64)
			d := int64(1)
			var err2 error
			if q != "" {
				d, err2 = strconv.ParseInt(q, 10, 64)
			}
			if err1 != nil || err2 != nil || d == 0 {
				return nil, nil, errProgram
			}
			st = append(st, symbolic.NumberOf(symbolic.NewRat(n, d)))
		case '+', '*', '@':
			k, name := tok[1:], ""
			if tok[0] == '@' {
				k, name, _ = strings.Cut(k, ":")
			}
			n, err := strconv.Atoi(k)
			if err != nil || n < 1 || n > len(st) {
				return nil, nil, errProgram
			}
			args := st[len(st)-n:]
			var e symbolic.Expr
			switch tok[0] {
			case '+':
				e = symbolic.Add(args...)
			case '*':
				e = symbolic.Mul(args...)
			default:
				f, ok := symbolic.Lookup(name)
				if !ok {
					return nil, nil, errProgram
				}
				e = symbolic.Apply(f, args...)
			}
			st = append(st[:len(st)-n], e)
		case '^':
			if len(tok) != 1 || len(st) < 2 {
				return nil, nil, errProgram
			}
			e := symbolic.Pow(st[len(st)-2], st[len(st)-1])
			st = append(st[:len(st)-2], e)
		case '|':
			if len(tok) != 1 || side != 0 || len(st) != 1 {
				return nil, nil, errProgram
			}
			sides[0], st, side = st[0], st[:0], 1
		default:
			return nil, nil, errProgram
		}
	}
	if side != 1 || len(st) != 1 {
		return nil, nil, errProgram
	}
	return sides[0], st[0], nil
}
