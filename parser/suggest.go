package parser

import (
	"strings"
	"unicode/utf8"

	"github.com/symdiff/symdiff/symbolic"
)

// suggest returns the function name that name is most likely a misspelling
// of, or "" when none is close. Names of one rune are never misspellings
// (a(x+1) is a product). Close means an edit distance (insertions,
// deletions, substitutions, transpositions) of 1, or 2 for names of five
// runes or more. Ties go to a name that is a prefix of the other (sinn ->
// sin, not sinh), then to the shorter, then alphabetically.
func suggest(name string, c *config) string {
	n := utf8.RuneCountInString(name)
	if n < 2 {
		return ""
	}
	limit := 1
	if n >= 5 {
		limit = 2
	}
	best, bestD := "", limit+1
	better := func(cand string, d int) bool {
		if d != bestD {
			return d < bestD
		}
		cp := strings.HasPrefix(name, cand) || strings.HasPrefix(cand, name)
		bp := strings.HasPrefix(name, best) || strings.HasPrefix(best, name)
		if cp != bp {
			return cp
		}
		if len(cand) != len(best) {
			return len(cand) < len(best)
		}
		return cand < best
	}
	consider := func(cand string) {
		if d := distance(name, cand, limit); d <= limit && better(cand, d) {
			best, bestD = cand, d
		}
	}
	for _, f := range symbolic.Builtins() {
		consider(f.Name)
		for _, a := range f.Aliases {
			consider(a)
		}
	}
	for a := range aliases {
		consider(a)
	}
	for f := range c.funcs {
		consider(f)
	}
	return best
}

// distance is the optimal string alignment distance between a and b, in
// runes; it returns limit+1 early when the lengths differ by more than
// limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	// Three rows suffice for transpositions.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
