package latex

import "github.com/symdiff/symdiff/symbolic"

// Every test of the package, the fuzz target included, checks the
// printer's structural predictions (tallness, \frac, \cdot) against the
// text it writes.
func init() { checkStructure = true }

// SetCheckStructure turns the checks off for benchmarks (they rescan the
// text, which costs time quadratic in the nesting depth) and returns the
// previous setting.
func SetCheckStructure(on bool) (was bool) {
	was, checkStructure = checkStructure, on
	return was
}

// TreeVisit counts the nodes of e as a tree up to n+1, visiting no more.
func TreeVisit(e symbolic.Expr, n int) int { return treeVisit(e, n) }

// JoinFactors joins the LaTeX of the factors of a product (joinFactors).
func JoinFactors(parts []string) string { return joinFactors(parts) }
