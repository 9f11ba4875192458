package simplify

import (
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// parseExpr reads one side of a rule. Rule sides are short, and the
// built-in ones are read at the first Simplify of a process, so they go
// through the parser's hand-written engine (parser.Direct), which builds the
// same syntax tree as its participle grammar without the grammar's
// start-up and per-token costs.
func parseExpr(src string) (symbolic.Expr, error) { return parser.Parse(src, parser.Direct()) }
