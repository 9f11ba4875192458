package cli

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/symdiff/symdiff/numeric"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the evaluation of expressions at points for eval and
// --at: reading the point, and telling why a value is not a finite number.

// parsePoint reads "x=0.5,y=2" (commas or spaces between assignments). A
// value is a number or an expression of constants: x=1/3, x=pi/4, x=-2,
// x=sqrt(2). A name given twice is a usage error.
func parsePoint(s string) (map[string]float64, error) {
	env := map[string]float64{}
	var parts []string
	for _, part := range splitTopLevel(s) {
		// A piece without '=' continues the value before it: "x=1 / 3".
		if !strings.Contains(part, "=") && len(parts) > 0 {
			parts[len(parts)-1] += " " + part
			continue
		}
		parts = append(parts, part)
	}
	for _, part := range parts {
		name, val, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usagef("expected NAME=VALUE, got %q", part)
		}
		if !validName(name) {
			return nil, usagef("%q is not a variable name (in %q)", name, part)
		}
		if _, dup := env[name]; dup {
			return nil, usagef("%s is given two values; give each variable once", name)
		}
		v, err := constantValue(name, val)
		if err != nil {
			return nil, err
		}
		env[name] = v
	}
	return env, nil
}

// splitTopLevel splits s at commas and spaces outside parentheses, so that
// a value may be log(8, 2).
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case (r == ',' || r == ' ' || r == '\t') && depth <= 0:
			if i > start {
				parts = append(parts, s[start:i])
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		parts = append(parts, s[start:])
	}
	return parts
}

// constantValue reads the value of name: a number or an expression of
// constants.
func constantValue(name, val string) (float64, error) {
	e, err := parser.Parse(strings.TrimSpace(val))
	if err != nil {
		return 0, usagef("the value of %s is not a number or an expression of constants: %q (%v)", name, val, err)
	}
	if syms := symbolic.Symbols(e); len(syms) > 0 {
		return 0, usagef("the value of %s, %q, has the variable %s: give a number or an expression of constants such as 1/3 or pi/4", name, val, syms[0].Name())
	}
	if err := undefinedConstants(e); err != nil {
		return 0, fmt.Errorf("the value of %s: %w", name, err)
	}
	v, err := evalAt(e, nil)
	if err != nil {
		return 0, fmt.Errorf("the value of %s: %w", name, err)
	}
	return v, nil
}

// evalAt evaluates e with the variables bound by name. A value that is not
// a finite number is an error that says why: outside the domain, a pole,
// or an overflow of float64.
func evalAt(e symbolic.Expr, env map[string]float64) (float64, error) {
	syms := symbolic.Symbols(e)
	args := make([]float64, len(syms))
	var missing []string
	for i, s := range syms {
		v, ok := env[s.Name()]
		if !ok {
			missing = append(missing, s.Name())
		}
		args[i] = v
	}
	if len(missing) > 0 {
		return 0, fmt.Errorf("no value for %s (give it as %s=VALUE)", strings.Join(missing, ", "), missing[0])
	}
	p, err := numeric.Compile(e, syms...)
	if err != nil {
		return 0, err
	}
	v := p.Eval(args)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v, whyNotFinite(e, syms, args, v)
	}
	return v, nil
}

// inDomain reports an error if point is outside the domain of one of the
// functions fs (a function or root of it undefined there: a NaN), for
// each f whose variables point binds: a derivative at such a point does
// not exist, even where its simplified form has a value there (2*x, the
// derivative of exp(2*log(x)), at x = -2). A pole of f is an isolated
// point where a simplified form may have the value f's continuation has
// ((x^2 - 1)/(x - 1) at x = 1), and is let through.
func inDomain(fs []symbolic.Expr, point map[string]float64) error {
	for _, f := range fs {
		bound := true
		for _, s := range symbolic.Symbols(f) {
			if _, ok := point[s.Name()]; !ok {
				bound = false
				break
			}
		}
		if !bound {
			continue
		}
		if _, err := evalAt(f, point); err != nil {
			if ve := (valueError{}); errors.As(err, &ve) && !ve.outside {
				continue
			}
			return err
		}
	}
	return nil
}

// within returns eval, which computes derivatives at point, followed by
// the check that point is in the domain of the functions fs (inDomain):
// the derivatives' own error, where they have one, says more, so it is
// reported first.
func within(fs []symbolic.Expr, point map[string]float64, eval func() (any, error)) func() (any, error) {
	return func() (any, error) {
		v, err := eval()
		if err == nil {
			err = inDomain(fs, point)
		}
		return v, err
	}
}

// A valueError is a value that is not a finite number: exit status 1.
// outside is set where the point is outside the domain of a function or a
// root (a NaN), rather than at a pole or an overflow.
type valueError struct {
	msg     string
	outside bool
}

func (e valueError) Error() string { return e.msg }

// A nodeError is a valueError about one subexpression of the input, which
// the caller can show in the input's text (parser.Locate, placed).
type nodeError struct {
	valueError
	node symbolic.Expr
}

func (e nodeError) Unwrap() error { return e.valueError }

// placed returns e at its place in src: an error that is both the
// *parser.Error there (its line, column and caret) and e's valueError (a
// domain error, in --json's kind); e itself where src does not spell the
// subexpression.
func (e nodeError) placed(src string, opts ...parser.Option) error {
	off, ok := parser.Locate(src, e.node, opts...)
	if !ok {
		// An odd function's call at a negative argument is read as the
		// negated call (atanh(-1) is -atanh(1)): the input spells that.
		c, isCall := e.node.(*symbolic.Call)
		if !isCall || c.Func().Parity >= 0 || len(c.Args()) != 1 {
			return e
		}
		if off, ok = parser.Locate(src, symbolic.Neg(c), opts...); !ok {
			return e
		}
		spelled := c.Func().Name + "(" + symbolic.Neg(c.Arg()).String() + ")"
		e.msg = strings.Replace(e.msg, short(c), spelled, 1)
	}
	return placedError{parser.ErrorAt(src, off, e.msg), e.valueError}
}

// A placedError is a domain error with its place in the input.
type placedError struct {
	at *parser.Error
	valueError
}

func (e placedError) Error() string   { return e.at.Error() }
func (e placedError) Unwrap() []error { return []error{e.at, e.valueError} }

// whyNotFinite finds the first subexpression of e (children before
// parents) whose value is not finite though its operands' values are, and
// says what happened there: a NaN is a point outside the domain (log(-1),
// sqrt(-1)); an infinity is a pole or the edge of the domain (log(0), 1/0)
// when the function is undefined at its argument, and otherwise an
// overflow: a finite value beyond float64's range (exp(800)).
func whyNotFinite(e symbolic.Expr, syms []*symbolic.Symbol, args []float64, v float64) error {
	var nodes []symbolic.Expr
	index := map[symbolic.Expr]int{}
	symbolic.Walk(e, func(n symbolic.Expr) {
		index[n] = len(nodes)
		nodes = append(nodes, n)
	})
	generic := valueError{msg: fmt.Sprintf("the value is %s, not a finite number: the point is outside the domain or at a pole", formatFloat(v))}
	p, err := numeric.CompileMany(nodes, syms...)
	if err != nil {
		return generic
	}
	vals := make([]float64, len(nodes))
	p.EvalMany(args, vals)
	for i, n := range nodes {
		if isFinite(vals[i]) {
			continue
		}
		ok := true
		for _, ch := range symbolic.Children(n) {
			if !isFinite(vals[index[ch]]) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		return explainNotFinite(n, vals[i], func(ch symbolic.Expr) float64 { return vals[index[ch]] }, v)
	}
	return generic
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// explainNotFinite says why node n, whose operands are finite, has the
// value nv; v is the whole expression's value.
func explainNotFinite(n symbolic.Expr, nv float64, val func(symbolic.Expr) float64, v float64) error {
	what := short(n)
	head := fmt.Sprintf("the value is %s, not a finite number: ", formatFloat(v))
	if _, ok := n.(*symbolic.Number); ok {
		what = "the number " + what
	}
	overflow := valueError{msg: fmt.Sprintf("overflow: %s is beyond the largest float64 (about 1.8e308) at this point, though its exact value is finite; the value computed is %s", what, formatFloat(v))}
	switch n := n.(type) {
	case *symbolic.Power:
		b, x := val(n.Base()), val(n.Exp())
		switch {
		case math.IsNaN(nv):
			return valueError{msg: head + fmt.Sprintf("%s is not a real number here (base %s, exponent %s); the point is outside the domain", what, formatFloat(b), formatFloat(x)), outside: true}
		case b == 0 && x < 0:
			return valueError{msg: head + fmt.Sprintf("division by zero in %s (%s is 0 here); the point is a pole", what, short(n.Base()))}
		}
		return overflow
	case *symbolic.Call:
		f := n.Func()
		a := val(n.Arg())
		switch {
		case math.IsNaN(nv):
			return valueError{msg: head + fmt.Sprintf("%s is undefined at %s = %s; the point is outside the domain", f.Name, short(n.Arg()), formatFloat(a)), outside: true}
		case f.Domain != nil && !f.Domain(a):
			return valueError{msg: head + fmt.Sprintf("%s at %s = %s is a pole or the edge of its domain", f.Name, short(n.Arg()), formatFloat(a))}
		}
		return overflow
	}
	return overflow
}

// short formats e for a message, cut to about 60 characters; a long
// number shows its first digits and its length.
func short(e symbolic.Expr) string {
	if _, ok := e.(*symbolic.Number); ok {
		if s := symbolic.Format(e); len(s) > 20 {
			return fmt.Sprintf("%s... (%d characters)", s[:10], len(s))
		}
	}
	// Only the beginning of a long expression is written (a 1 MB input's
	// whole text took 100 ms).
	s, _ := symbolic.FormatAtMost(e, 4*60)
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:57]) + "..."
	}
	return s
}

// undefinedConstants returns a domain error if e holds a subexpression
// without variables that has no real value (log(0), log(-1), (-1)^(1/2),
// asin(2)), or a
// power 0^u whose exponent has variables: 0^u is 0 where u > 0 but
// undefined where u <= 0, so it cannot be differentiated or evaluated as
// a whole (its derivative would hold log(0)).
func undefinedConstants(e symbolic.Expr) error {
	_, err := inspectInput(e)
	return err
}

// inputFacts is what one walk of a parsed input finds besides its
// undefined constants: its variables, each once, in the order of a walk
// (symbolic.Walk's), and its number of distinct nodes (symbolic.Size).
// The checks after parsing use them instead of walking a large input again.
type inputFacts struct {
	e    symbolic.Expr
	vars []*symbolic.Symbol
	size int
}

// inspectInput is undefinedConstants, with the facts of e its walk finds.
func inspectInput(e symbolic.Expr) (inputFacts, error) {
	facts := inputFacts{e: e}
	var consts []symbolic.Expr
	var zeroPow symbolic.Expr
	// Whether each node holds a variable, folded bottom-up.
	symbolic.Fold(e, func(n symbolic.Expr, kids []bool) bool {
		facts.size++
		v := false
		if s, ok := n.(*symbolic.Symbol); ok {
			v = !s.IsConstant()
			if v {
				facts.vars = append(facts.vars, s)
			}
		}
		for _, k := range kids {
			v = v || k
		}
		if !v {
			switch n.(type) {
			case *symbolic.Call, *symbolic.Power:
				consts = append(consts, n)
			}
		}
		if p, ok := n.(*symbolic.Power); ok && v && zeroPow == nil {
			if b, ok := p.Base().(*symbolic.Number); ok && b.Sign() == 0 {
				zeroPow = n
			}
		}
		return v
	})
	if zeroPow != nil {
		u := zeroPow.(*symbolic.Power).Exp()
		return facts, nodeError{valueError{msg: fmt.Sprintf("domain error: %s is 0 where %s > 0 but undefined where %s <= 0 (0^0, and 1/0 below); write 0 if %s > 0 is meant", short(zeroPow), short(u), short(u), short(u))}, zeroPow}
	}
	if len(consts) == 0 {
		return facts, nil
	}
	p, err := numeric.CompileMany(consts)
	if err != nil {
		return facts, nil
	}
	vals := make([]float64, len(consts))
	p.EvalMany(nil, vals)
	for i, n := range consts {
		if c, ok := n.(*symbolic.Call); ok && c.AtPole() {
			// sec(pi/2) is finite in float64 (cos(pi/2) is not 0 there).
			return facts, nodeError{valueError{msg: fmt.Sprintf("domain error: %s is undefined", short(n))}, n}
		}
		nv := vals[i]
		if isFinite(nv) {
			continue
		}
		undefined := false
		if c, ok := n.(*symbolic.Call); ok && !math.IsNaN(nv) {
			// An infinity: a pole (log(0)) or a finite constant beyond
			// float64 (exp(1000)), which is fine.
			if a, err := evalConst(c.Arg()); err == nil && isFinite(a) && c.Func().Domain != nil && !c.Func().Domain(a) {
				undefined = true
			}
		}
		switch {
		case math.IsNaN(nv):
			return facts, nodeError{valueError{msg: fmt.Sprintf("domain error: %s is not a real number", short(n))}, n}
		case undefined:
			return facts, nodeError{valueError{msg: fmt.Sprintf("domain error: %s is undefined", short(n))}, n}
		}
	}
	return facts, nil
}

// evalConst evaluates an expression without variables.
func evalConst(e symbolic.Expr) (float64, error) {
	p, err := numeric.Compile(e)
	if err != nil {
		return 0, err
	}
	return p.Eval(nil), nil
}
