package main

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
}

// args are parsed command-line arguments.
type args struct {
	set      map[string]string // flag name -> value ("" for booleans)
	operands []string
}

func (a args) has(name string) bool   { _, ok := a.set[name]; return ok }
func (a args) get(name string) string { return a.set[name] }

// usageError is wrong usage of the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, v ...any) error { return usageError{fmt.Sprintf(format, v...)} }

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
		if spec == nil {
			if long && isFlagName(name) {
				return a, usagef("unknown flag --%s (see symdiff --help)", name)
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
		a.set[spec.name] = value
	}
	return a, nil
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
