package cli

import (
	"fmt"
	"strings"
)

// A flagSpec describes one command-line flag. Flags may appear anywhere
// among the arguments; an argument that starts with '-' but is no known flag
// is an operand (so symdiff "-x^2" x works), "--" ends the flags, and "-"
// alone is an operand (read the expression from standard input).
type flagSpec struct {
	name  string // long name, used as --name
	short string // optional one-letter name, used as -s
	arg   string // the value's name if the flag takes a value, else ""
	help  string
	// accumulates: a repeated flag adds to the earlier values (--at x=1
	// --at y=2 is --at x=1,y=2); other value flags may be given once.
	accumulates bool
}

// args are parsed command-line arguments.
type args struct {
	set      map[string]string // flag name -> value ("" for booleans)
	operands []string
}

func (a args) has(name string) bool   { _, ok := a.set[name]; return ok }
func (a args) get(name string) string { return a.set[name] }

func parseArgs(argv []string, specs []flagSpec) (args, error) {
	a := args{set: map[string]string{}}
	find := func(name string, long bool) *flagSpec {
		for i := range specs {
			if (long && specs[i].name == name) || (!long && specs[i].short == name && name != "") {
				return &specs[i]
			}
		}
		return nil
	}
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			a.operands = append(a.operands, argv[i+1:]...)
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			a.operands = append(a.operands, arg)
			continue
		}
		long := strings.HasPrefix(arg, "--")
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		spec := find(name, long)
		if spec == nil && !long && len(name) > 1 {
			if spec = find(name, true); spec == nil {
				// -n2: a one-letter flag with its value attached.
				if s := find(name[:1], false); s != nil && s.arg != "" && !hasValue {
					spec, value, hasValue = s, name[1:], true
				}
			}
			// Otherwise -help, -latex: a long flag with one dash, as
			// Go's flag package reads it.
		}
		if spec == nil {
			if long && isFlagName(name) {
				return a, usagef("unknown flag --%s%s (see symdiff --help)", name, didYouMean(name, flagNames(specs)))
			}
			a.operands = append(a.operands, arg) // an expression such as -x^2
			continue
		}
		switch {
		case spec.arg == "" && hasValue:
			return a, usagef("flag --%s takes no value", spec.name)
		case spec.arg != "" && !hasValue:
			if i+1 >= len(argv) {
				return a, usagef("flag --%s needs a value (%s)", spec.name, spec.arg)
			}
			i++
			value = argv[i]
		}
		if prev, ok := a.set[spec.name]; ok && spec.arg != "" {
			if !spec.accumulates {
				if prev != value {
					return a, usagef("flag --%s is given twice (%s and %s); give it once", spec.name, prev, value)
				}
				continue
			}
			value = prev + "," + value
		}
		a.set[spec.name] = value
	}
	return a, nil
}

// flagNames returns the long names of specs.
func flagNames(specs []flagSpec) []string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.name
	}
	return names
}

// conflicts returns a usage error if a holds both flags of a pair.
func (a args) conflicts(pairs ...[2]string) error {
	for _, p := range pairs {
		if a.has(p[0]) && a.has(p[1]) {
			return usagef("--%s and --%s cannot be used together; give one of them", p[0], p[1])
		}
	}
	return nil
}

// didYouMean returns "; did you mean --NAME?" for the flag name of names
// closest to s, or "" when none is close.
func didYouMean(s string, names []string) string {
	if best := closest(s, names); best != "" {
		return "; did you mean --" + best + "?"
	}
	return ""
}

// closest returns the name within a small edit distance of s (1, or 2 for
// names of five letters or more), the first one on ties, or "".
func closest(s string, names []string) string {
	if len(s) < 2 {
		return ""
	}
	best, bestD := "", 3
	for _, n := range names {
		limit := 1
		if len(n) >= 5 {
			limit = 2
		}
		if d := editDistance(s, n); d <= limit && d < bestD && d > 0 {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance of a and b
// (insertions, deletions, substitutions and transpositions), in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

func isFlagName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// flagHelp formats the flags for --help.
func flagHelp(specs []flagSpec) string {
	var b strings.Builder
	for _, s := range specs {
		name := "--" + s.name
		if s.short != "" {
			name = "-" + s.short + ", " + name
		}
		if s.arg != "" {
			name += " " + s.arg
		}
		fmt.Fprintf(&b, "  %-22s %s\n", name, s.help)
	}
	return b.String()
}
