package parser

import (
	"errors"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The syntax tree, one struct per precedence level (see doc.go for the
// EBNF). Binary operators are lists folded left in lower.go; ^ recurses
// into unary on its right, which makes it right-associative and lets a sign
// follow it.

// list is a first operand and the operators and operands that follow it,
// left to right.
type list[T, Op any] struct {
	Left *T    `parser:"@@"`
	Rest []*Op `parser:"@@*"`
}

// expr is a sum: term { ("+" | "-") term }.
type expr = list[term, addOp]

type addOp struct {
	Pos  lexer.Position
	Op   string `parser:"@('+' | '-')"`
	Term *term  `parser:"@@"`
}

// signed is a sign and a signed T, or a T: ("-" | "+") signed | T.
type signed[T any] struct {
	Pos     lexer.Position
	Sign    string     `parser:"( @('-' | '+')"`
	Operand *signed[T] `parser:"  @@"`
	Value   *T         `parser:"| @@ )"`
}

// term is a signed product: ("-" | "+") term | product. A leading sign
// applies to the whole product, as in mathematics: -a*b is -(a*b) and
// -x/2 is -(x/2).
type term = signed[product]

// product is power { ("*" | "/") unary | power }. A power right after an
// operand is an implicit product (2x, 2(x+1), x sin(x)); it takes no sign,
// so x -y is a difference. After * and / a sign applies to the next factor
// only: 2*-x*y is 2*(-x)*y.
type product = list[power, mulOp]

type mulOp struct {
	Pos      lexer.Position
	Op       string `parser:"( @('*' | '/')"`
	Operand  *unary `parser:"  @@"`
	Implicit *power `parser:"| @@ )"`
}

// unary is a signed factor after *, / or ^: ("-" | "+") unary | power.
type unary = signed[power]

// power is primary [ ("^" | "**") unary ].
type power struct {
	Base *primary `parser:"@@"`
	Exp  *powExp  `parser:"@@?"`
}

type powExp struct {
	Pos     lexer.Position
	Operand *unary `parser:"('^' | '**') @@"`
}

// primary is a number, a call, a name or an expression in parentheses.
type primary struct {
	Pos    lexer.Position
	Number *string `parser:"  @Number"`
	Call   *call   `parser:"| @@"`
	Ident  *string `parser:"| @Ident"`
	Paren  *expr   `parser:"| '(' @@ ')'"`
}

// call is a function applied to arguments: Func "(" expr { "," expr } ")".
type call struct {
	Pos  lexer.Position
	Name string  `parser:"@Func '('"`
	Args []*expr `parser:"@@ ( ',' @@ )* ')'"`
}

// grammar returns the participle parser of the grammar above, built on
// first use: building it reflects over all the structs, a cost that a
// process that only ever uses the hand-written engines (direct.go and
// fast.go; every process that does not ask for Participle) does not pay
// (its start-up time is in docs/benchmarks.md).
var grammar = sync.OnceValue(func() *participle.Parser[expr] {
	return participle.MustBuild[expr](participle.Lexer(lexDef{}))
})

func newPeeking(toks []lexer.Token) *lexer.PeekingLexer {
	p, err := lexer.Upgrade(&tokenStream{toks: toks})
	if err != nil { // tokenStream never fails
		panic(err)
	}
	return p
}

// translate turns a participle error into an *Error in the user's terms.
func translate(src string, err error) *Error {
	var ut *participle.UnexpectedTokenError
	if errors.As(err, &ut) {
		if ut.Unexpected.EOF() {
			return errorAt(src, ut.Unexpected.Pos.Offset, "unexpected end of input")
		}
		return errorAt(src, ut.Unexpected.Pos.Offset, "unexpected "+quote(ut.Unexpected.Value))
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		return errorAt(src, pe.Position().Offset, "cannot read the input here")
	}
	return errorAt(src, 0, "cannot read the input")
}
