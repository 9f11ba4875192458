package codegen

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"sync"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/simplify"
	"github.com/symdiff/symdiff/symbolic"
)

// A Lang is a target language.
type Lang string

// The target languages.
const (
	Go    Lang = "go"
	C     Lang = "c"
	JS    Lang = "js"
	NumPy Lang = "numpy"
)

// Langs lists the target languages.
var Langs = []Lang{Go, C, JS, NumPy}

// A Mode says what the generated function computes besides the value.
type Mode int

// The modes.
const (
	// Value computes the value of each expression.
	Value Mode = iota
	// Grad computes the value of one expression and its gradient.
	Grad
	// Jacobian computes the values of several expressions and their
	// Jacobian matrix, row-major.
	Jacobian
	// Hessian computes the value of one expression and its Hessian
	// matrix, row-major.
	Hessian
)

var modeNames = [...]string{Value: "value", Grad: "grad", Jacobian: "jacobian", Hessian: "hessian"}

// String returns the mode's name: value, grad, jacobian or hessian.
func (m Mode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Options are the choices of Generate.
type Options struct {
	// Lang is the target language.
	Lang Lang
	// Name is the name of the generated function (default "f"): an
	// identifier of letters, digits and underscores that is no keyword
	// of the target language.
	Name string
	// Package is the package clause of Go code (default "main").
	Package string
	// Mode says which derivatives to compute with the value.
	Mode Mode
	// Raw skips the simplifier: the derivatives are compiled as
	// differentiated (by reverse accumulation), which keeps the code of
	// a gradient within a small multiple of the function's; simplified
	// entries are sometimes shorter, sometimes longer, and more often
	// numerically stable.
	Raw bool
	// Source is the text of the expression(s) for the header comment;
	// by default the expressions as printed.
	Source string
	// Version is the symdiff version named in the header comment; by
	// default the symdiff module's version in the running binary
	// ("(devel)" for a build from a clone).
	Version string
}

// moduleVersion returns the version of the symdiff module in the running
// binary, "(devel)" for a build from a clone.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if bi.Main.Path == module {
		return bi.Main.Version
	}
	for _, d := range bi.Deps {
		if d.Path == module {
			return d.Version
		}
	}
	return "(devel)"
}

const module = "github.com/symdiff/symdiff"

// outputs returns the expressions whose values a function of the given
// mode writes, in the order of out: the values of fs, then the
// derivatives (see the package documentation). Unless raw, the outputs are
// simplified together, so that what they share stays shared.
func outputs(ctx context.Context, fs []symbolic.Expr, vars []*symbolic.Symbol, mode Mode, raw bool) ([]symbolic.Expr, error) {
	if len(fs) == 0 {
		return nil, errors.New("codegen: no expression")
	}
	if len(vars) == 0 && mode != Value {
		return nil, errors.New("codegen: no variable to differentiate by")
	}
	if len(fs) != 1 && (mode == Grad || mode == Hessian) {
		if mode == Grad {
			return nil, fmt.Errorf("codegen: the gradient is of one expression, got %d (use the Jacobian)", len(fs))
		}
		return nil, fmt.Errorf("codegen: the Hessian is of one expression, got %d", len(fs))
	}
	var rows [][]symbolic.Expr
	var err error
	switch mode {
	case Value:
	case Grad, Jacobian:
		// The gradient is the Jacobian of one function.
		rows, err = symbolic.Jacobian(ctx, fs, vars)
	case Hessian:
		rows, err = symbolic.Hessian(ctx, fs[0], vars)
	default:
		return nil, fmt.Errorf("codegen: unknown mode %v", mode)
	}
	if err != nil {
		return nil, err
	}
	outs := append([]symbolic.Expr(nil), fs...)
	for _, row := range rows {
		outs = append(outs, row...)
	}
	if raw {
		return outs, nil
	}
	return simplify.All(ctx, outs)
}

// Generate returns the source of one function that computes fs and the
// derivatives opt.Mode asks for at a point of vars (in that order), in
// the language opt.Lang.
func Generate(ctx context.Context, fs []symbolic.Expr, vars []*symbolic.Symbol, opt Options) ([]byte, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	outs, err := outputs(ctx, fs, vars, opt.Mode, opt.Raw)
	if err != nil {
		return nil, err
	}
	p, err := numeric.CompileMany(outs, vars...)
	if err != nil {
		return nil, err
	}
	if opt.Source == "" {
		for i, f := range fs {
			if i > 0 {
				opt.Source += "; "
			}
			opt.Source += f.String()
		}
	}
	return emit(p.Tape(), signature{Vars: names(vars), Values: len(fs), Mode: opt.Mode}, opt)
}

// A signature describes what a tape computes, for the comments of the
// generated code.
type signature struct {
	Vars   []string // the variables, in the order of in
	Values int      // the number of values before the derivatives
	Mode   Mode
}

func names(vars []*symbolic.Symbol) []string {
	ns := make([]string, len(vars))
	for i, v := range vars {
		ns[i] = v.Name()
	}
	return ns
}

// identifier and reservedName are compiled on first use, not when a
// program that links the package starts (symdiff's every command does).
var identifier = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })

// check fills in the defaults and validates the names.
func (opt *Options) check() error {
	if opt.Name == "" {
		opt.Name = "f"
	}
	if opt.Package == "" {
		opt.Package = "main"
	}
	if opt.Version == "" {
		opt.Version = moduleVersion()
	}
	d, ok := dialects()[opt.Lang]
	if !ok {
		return fmt.Errorf("codegen: unknown language %q (go, c, js or numpy)", opt.Lang)
	}
	if !identifier().MatchString(opt.Name) || d.keywords[opt.Name] || reservedName().MatchString(opt.Name) {
		return fmt.Errorf("codegen: %q cannot name a %s function (letters, digits and _, not a keyword, not r0, t, s, in, out)", opt.Name, opt.Lang)
	}
	if opt.Lang == Go && (!identifier().MatchString(opt.Package) || dialects()[Go].keywords[opt.Package]) {
		return fmt.Errorf("codegen: %q cannot name a Go package", opt.Package)
	}
	return nil
}

// reservedName matches the names the generated code uses for its own
// variables.
var reservedName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(r[0-9]+|t|s|in|out|inArray|outArray|args|np|math|shape)$`)
})
