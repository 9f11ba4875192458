package simplify

import (
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// parseExpr reads one side of a rule.
func parseExpr(src string) (symbolic.Expr, error) { return parser.Parse(src) }
