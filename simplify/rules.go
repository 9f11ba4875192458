package simplify

import (
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

//go:embed rules/*.rules
var ruleFiles embed.FS

// A Rule is one rewrite rule, LHS => RHS, applied where its condition holds.
// Every variable of a rule is a pattern variable (the constants pi and e are
// not variables).
type Rule struct {
	// Name identifies the rule in steps and error messages.
	Name string
	// LHS and RHS are the two sides, parsed and in canonical form.
	LHS, RHS symbolic.Expr
	// Conds are the conditions under which the rule holds, such as a > 0;
	// empty when it holds wherever both sides are defined.
	Conds []Cond
	// Source is where the rule was read ("exp.rules:12"), for messages.
	Source string
	// Final marks a rule whose right side is the simplest form of its left
	// side ("; final" in a rule file): where the left side matches a whole
	// node with its one variable bound to a variable, Simplify takes the
	// right side without searching that node further. For the built-in
	// rules the claim is tested: the search, run on such an instance,
	// returns the right side.
	Final bool

	vars  []*symbolic.Symbol
	pat   *pattern
	head  head // the head of LHS, by which rules are indexed
	rhs   symbolic.Expr
	needs funcMask // the functions called in LHS (see funcsOf)
}

// A Cond is a condition on a pattern variable: Var Op 0, with Op one of
// ">", ">=", "<", "<=", "!=".
type Cond struct {
	Var *symbolic.Symbol
	Op  string
}

// String returns the condition as written in a rule file.
func (c Cond) String() string { return c.Var.Name() + " " + c.Op + " 0" }

// String returns the rule as written in a rule file.
func (r *Rule) String() string {
	s := r.Name + ": " + r.LHS.String() + " => " + r.RHS.String()
	for i, c := range r.Conds {
		if i == 0 {
			s += "  if "
		} else {
			s += ", "
		}
		s += c.String()
	}
	if r.Final {
		s += "; final"
	}
	return s
}

// Vars returns the rule's pattern variables, sorted by name.
func (r *Rule) Vars() []*symbolic.Symbol { return slices.Clone(r.vars) }

// ParseRules reads rules in the rule-file format (see the package
// documentation): one rule a line, "name: lhs => rhs" with an optional
// "if cond, cond" suffix and an optional "; final" marker; blank lines and lines starting with # are
// ignored. file names the source in error messages.
func ParseRules(file, text string) ([]*Rule, error) {
	var rules []*Rule
	seen := map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		src := fmt.Sprintf("%s:%d", file, i+1)
		r, err := parseRule(line)
		if err != nil {
			return nil, fmt.Errorf("simplify: %s: %w", src, err)
		}
		if j, dup := seen[r.Name]; dup {
			return nil, fmt.Errorf("simplify: %s: rule %q already defined on line %d", src, r.Name, j)
		}
		seen[r.Name] = i + 1
		r.Source = src
		rules = append(rules, r)
	}
	return rules, nil
}

// MustParseRules is ParseRules that panics on an error, for rules written in
// the program.
func MustParseRules(file, text string) []*Rule {
	rs, err := ParseRules(file, text)
	if err != nil {
		panic(err)
	}
	return rs
}

func parseRule(line string) (r *Rule, err error) { return parseRuleWith(line, "") }

// parseRuleWith is parseRule with the two sides built from prog, a
// compiled rule's program (see buildSides), instead of parsed, where prog
// is not empty; the name, the conditions and the final marker are read from
// the line either way.
func parseRuleWith(line, prog string) (r *Rule, err error) {
	defer symbolic.Recover(&err)
	name, body, ok := strings.Cut(line, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t()=") {
		return nil, fmt.Errorf("want \"name: lhs => rhs\", got %q", line)
	}
	lhsText, rest, ok := strings.Cut(body, "=>")
	if !ok {
		return nil, fmt.Errorf("rule %s: missing =>", name)
	}
	rest, final := cutFinal(rest)
	rhsText, condText, _ := strings.Cut(rest, " if ")
	var lhs, rhs symbolic.Expr
	if prog != "" {
		if lhs, rhs, err = buildSides(prog); err != nil {
			return nil, fmt.Errorf("rule %s: %w", name, err)
		}
	} else {
		if lhs, err = parseExpr(strings.TrimSpace(lhsText)); err != nil {
			return nil, fmt.Errorf("rule %s: left side: %w", name, err)
		}
		if rhs, err = parseExpr(strings.TrimSpace(rhsText)); err != nil {
			return nil, fmt.Errorf("rule %s: right side: %w", name, err)
		}
	}
	r = &Rule{Name: name, LHS: lhs, RHS: rhs, Final: final}
	if strings.TrimSpace(condText) != "" {
		for _, c := range strings.Split(condText, ",") {
			f := strings.Fields(c)
			if len(f) != 3 || f[2] != "0" || !validOp(f[1]) {
				return nil, fmt.Errorf("rule %s: condition %q: want \"var op 0\" with op one of > >= < <= !=", name, strings.TrimSpace(c))
			}
			r.Conds = append(r.Conds, Cond{Var: symbolic.Sym(f[0]), Op: f[1]})
		}
	}
	if err := r.prepare(); err != nil {
		return nil, fmt.Errorf("rule %s: %w", name, err)
	}
	return r, nil
}

// cutFinal removes a trailing "; final" marker from the text after "=>".
func cutFinal(s string) (string, bool) {
	body, opt, ok := strings.Cut(s, ";")
	if ok && strings.TrimSpace(opt) == "final" {
		return body, true
	}
	return s, false
}

func validOp(op string) bool {
	switch op {
	case ">", ">=", "<", "<=", "!=":
		return true
	}
	return false
}

// prepare compiles the rule's pattern and checks that its variables are
// consistent.
func (r *Rule) prepare() error {
	r.vars = symbolic.Symbols(r.LHS)
	for _, v := range symbolic.Symbols(r.RHS) {
		if !slices.Contains(r.vars, v) {
			return fmt.Errorf("variable %s of the right side does not occur on the left", v.Name())
		}
	}
	for _, c := range r.Conds {
		if !slices.Contains(r.vars, c.Var) {
			return fmt.Errorf("condition on %s, which does not occur on the left", c.Var.Name())
		}
	}
	if len(r.vars) == 0 {
		return fmt.Errorf("the left side has no variables")
	}
	if _, ok := r.LHS.(*symbolic.Symbol); ok {
		return fmt.Errorf("the left side is a bare variable, which would match everything")
	}
	if r.Final && (len(r.vars) != 1 || len(r.Conds) > 0) {
		return fmt.Errorf("a final rule must have one variable and no condition")
	}
	r.pat = compile(r.LHS, r.vars)
	r.head = head{kind: r.pat.kind, fn: r.pat.fn}
	if r.pat.kind == pLit {
		r.head = headOf(r.pat.lit)
	}
	r.rhs = r.RHS
	r.needs = funcsOf(r.LHS, nil)
	return nil
}

// An applier is the state of Rule.apply, kept by an engine between calls
// so that trying a rule allocates nothing until it matches: the matcher,
// its bindings, and the callbacks the matcher calls, made once.
type applier struct {
	facts domainFacts // the signs the input's domain gives, or nil
	m     matcher
	r     *Rule
	s     symbolic.Expr
	ac    bool
	n     int
	limit int
	f     func(rule string, n symbolic.Expr)
	emit  func(rest symbolic.Rat, left []symbolic.Expr) bool
	emit0 func() bool
}

func newApplier() *applier {
	a := &applier{}
	a.emit = func(rest symbolic.Rat, left []symbolic.Expr) bool {
		if !a.r.condsHold(a.m.b, a.facts) {
			return false
		}
		out, ok := a.r.instantiate(a.m.b, a.ac, rest, left)
		if ok && out != a.s {
			a.f(a.r.Name, out)
			a.n++
		}
		return a.n >= a.limit
	}
	a.emit0 = func() bool { return a.emit(qZero, nil) }
	return a
}

// apply calls f with the rule's name and each rewrite of s by r at s's
// root (at most limit of them, in a deterministic order). a is the state
// it works in (nil: a new one); f must not call apply with the same a.
func (r *Rule) apply(a *applier, s symbolic.Expr, limit, work int, f func(rule string, n symbolic.Expr)) (spent int) {
	if a == nil {
		a = newApplier()
	}
	m := &a.m
	m.b = m.b[:0]
	for range r.vars {
		m.b = append(m.b, nil)
	}
	m.steps, m.limit = 0, work
	a.r, a.s, a.ac, a.n, a.limit, a.f = r, s, r.pat.kind == pSum || r.pat.kind == pProd, 0, limit, f
	defer func() { a.r, a.s, a.f = nil, nil, nil }()
	switch r.pat.kind {
	case pSum:
		num, xs := splitSum(s)
		if _, isSum := s.(*symbolic.Sum); isSum {
			m.matchAC(r.pat, num, xs, true, a.emit)
		}
	case pProd:
		num, xs := splitProduct(s)
		if _, isProd := s.(*symbolic.Product); isProd {
			m.matchAC(r.pat, num, xs, true, a.emit)
		}
	default:
		m.match(r.pat, s, a.emit0)
		if j, base := r.powerMultiple(s); j != 0 {
			// A power pattern p^k also rewrites s = b^(j*k) as (b^k)^j.
			m.match(r.pat, base, func() bool {
				if !r.condsHold(m.b, a.facts) {
					return false
				}
				if out, ok := r.instantiate(m.b, false, qZero, nil); ok {
					if out, ok = powSafe(out, j); ok && out != s {
						f(r.Name, out)
						a.n++
					}
				}
				return a.n >= limit
			})
		}
	}
	return m.steps
}

// applyFinal returns the right side of a final rule if s is its left side
// with the variable renamed to a variable (a non-constant symbol): the
// instances of the rule that its test checks. Renaming one variable to
// another can only reorder the operands of sums and products, so s is such
// an instance if it has the left side's shape up to that order.
//
// With calls set, the variable may also be bound to a call: where the call
// is simplified already and so are the other children of s, the rules and
// strategies at s see it as they see a variable (an opaque kernel), and
// the right side is the simplest form there too.
func (r *Rule) applyFinal(s symbolic.Expr, calls bool) (symbolic.Expr, bool) {
	in := instance{a: r.vars[0], calls: calls}
	if !in.match(r.LHS, s) {
		return nil, false
	}
	return r.instantiate([]symbolic.Expr{in.v}, false, qZero, nil)
}

// instance matches a single-variable left side against an expression
// without building anything: the variable a binds a variable v.
type instance struct {
	a     *symbolic.Symbol
	calls bool          // a may bind a call, not only a variable
	v     symbolic.Expr // a's binding, nil until bound
}

func (in *instance) match(p, s symbolic.Expr) bool {
	switch p := p.(type) {
	case *symbolic.Symbol:
		if p != in.a {
			return p == s
		}
		if in.v == nil {
			switch v := s.(type) {
			case *symbolic.Symbol:
				if v.IsConstant() {
					return false
				}
			case *symbolic.Call:
				if !in.calls {
					return false
				}
			default:
				return false
			}
			in.v = s
			return true
		}
		return s == in.v
	case *symbolic.Call:
		c, ok := s.(*symbolic.Call)
		if !ok || c.Func() != p.Func() || len(c.Args()) != len(p.Args()) {
			return false
		}
		for i, a := range p.Args() {
			if !in.match(a, c.Args()[i]) {
				return false
			}
		}
		return true
	case *symbolic.Power:
		w, ok := s.(*symbolic.Power)
		return ok && in.match(p.Base(), w.Base()) && in.match(p.Exp(), w.Exp())
	case *symbolic.Sum:
		t, ok := s.(*symbolic.Sum)
		return ok && len(t.Terms()) == len(p.Terms()) && len(p.Terms()) <= 64 && in.operands(p.Terms(), t.Terms(), 0)
	case *symbolic.Product:
		t, ok := s.(*symbolic.Product)
		return ok && len(t.Factors()) == len(p.Factors()) && len(p.Factors()) <= 64 && in.operands(p.Factors(), t.Factors(), 0)
	}
	return p == s // a number
}

// operands matches ps to xs in some order, xs already taken marked in used.
func (in *instance) operands(ps, xs []symbolic.Expr, used uint64) bool {
	if len(ps) == 0 {
		return true
	}
	for j, x := range xs {
		if used&(1<<j) != 0 {
			continue
		}
		saved := in.v
		if in.match(ps[0], x) && in.operands(ps[1:], xs, used|1<<j) {
			return true
		}
		in.v = saved
	}
	return false
}

// powerMultiple reports, for a rule whose left side is p^k with an integer
// k, whether s is b^(j*k) for an integer j > 1; it returns j and b^k.
func (r *Rule) powerMultiple(s symbolic.Expr) (int64, symbolic.Expr) {
	if r.pat.kind != pPow || r.pat.args[1].kind != pLit {
		return 0, nil
	}
	k, ok := r.pat.args[1].lit.(*symbolic.Number)
	w, ok2 := s.(*symbolic.Power)
	if !ok || !ok2 || !k.IsInt() {
		return 0, nil
	}
	m, ok := w.Exp().(*symbolic.Number)
	if !ok || !m.IsInt() {
		return 0, nil
	}
	if k.Sign() == 0 {
		return 0, nil
	}
	q := m.Exact().Quo(k.Exact())
	if q.IsBig() || q.Den64() != 1 || q.Num64() == 0 || q.Num64() == 1 {
		// j = -1 included: abs(a)^2 => a^2 rewrites 1/abs(x)^2 to 1/x^2.
		return 0, nil
	}
	b, ok := powSafe(w.Base(), 0, k)
	if !ok {
		return 0, nil
	}
	if _, isPow := b.(*symbolic.Power); !isPow {
		return 0, nil
	}
	return q.Num64(), b
}

// powSafe returns x^j (or x^k when k is given), or false if a constructor
// refuses it.
func powSafe(x symbolic.Expr, j int64, k ...*symbolic.Number) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	if len(k) > 0 {
		return symbolic.Pow(x, k[0]), true
	}
	return symbolic.Pow(x, symbolic.Int(j)), true
}

// instantiate builds the right side under the bindings b, combined (when
// ac is set: the rule's left side is a sum or product that matched part of
// one) with the rest of the matched sum or product.
func (r *Rule) instantiate(b []symbolic.Expr, ac bool, rest symbolic.Rat, left []symbolic.Expr) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	sub := binding{vars: r.vars, vals: b}
	out = sub.apply(r.rhs)
	if !ac {
		return out, true
	}
	switch r.pat.kind {
	case pSum:
		return symbolic.Add(append(append([]symbolic.Expr{out}, left...), symbolic.NumberOf(rest))...), true
	case pProd:
		return symbolic.Mul(append(append([]symbolic.Expr{out}, left...), symbolic.NumberOf(rest))...), true
	}
	return out, true
}

// condsHold reports whether the conditions are proved for the bindings,
// with facts (nil for none) known of the input's domain.
func (r *Rule) condsHold(b []symbolic.Expr, facts domainFacts) bool {
	for _, c := range r.Conds {
		i := slices.Index(r.vars, c.Var)
		if !provesSignIn(b[i], c.Op, facts) {
			return false
		}
	}
	return true
}

// Builtin returns the built-in rules, in the order of the rule files (sorted
// by file name) and of the lines in each file, then the rules that the rows
// of the function table carry (symbolic.Func.Rules), by function name.
func Builtin() ([]*Rule, error) {
	return builtinAll()
}

var builtinAll = sync.OnceValues(func() ([]*Rule, error) {
	lines, err := builtinLines()
	if err != nil {
		return nil, err
	}
	rules := make([]*Rule, len(lines))
	for i, l := range lines {
		if rules[i], err = l.get(); err != nil {
			return nil, err
		}
	}
	return rules, nil
})

// A lazyRule is a line of a built-in rule file, made into a rule on first
// use (its sides built from its compiled program, or parsed). A process's
// first Simplify needs only the rules whose functions occur in its input
// (a dozen of the 135 for the sigmoid's derivative), and making the others
// would cost that first call far more than simplifying a small input does.
type lazyRule struct {
	file  string   // "exp.rules", or the function's name for a Func.Rules line
	line  int      // the line's number in the file, or the rule's in Func.Rules
	text  string   // the line
	needs funcMask // the functions called on the left side, read from text
	final bool     // the line ends with "; final"
	index int      // the line's place in Builtin's order: compiledRules[index] is its program
	once  sync.Once
	r     *Rule
	err   error
}

// source says where the rule is written: "exp.rules:12", or "function
// gelu rule 1" for a rule of the function table.
func (l *lazyRule) source() string {
	if strings.HasSuffix(l.file, ".rules") {
		return l.file + ":" + strconv.Itoa(l.line)
	}
	return "function " + l.file + " rule " + strconv.Itoa(l.line)
}

func (l *lazyRule) get() (*Rule, error) {
	l.once.Do(func() {
		l.r, l.err = parseRuleWith(l.text, l.compiled())
		if l.err != nil {
			l.err = fmt.Errorf("simplify: %s: %w", l.source(), l.err)
			return
		}
		l.r.Source = l.source()
	})
	return l.r, l.err
}

// compiled returns the program of the line's compiled rule, or "" where
// there is none or it was compiled from another line (compiled_rules.go is
// stale: go generate ./simplify writes it anew).
func (l *lazyRule) compiled() string {
	if l.index < len(compiledRules) && compiledRules[l.index].text == l.text {
		return compiledRules[l.index].prog
	}
	return ""
}

// builtinLines returns the lines of the embedded rule files, split once.
var builtinLines = sync.OnceValues(splitBuiltin)

// splitBuiltin splits the embedded rule files into rule lines, in the order
// of Builtin, without parsing them. Every process that simplifies runs it,
// so it allocates little: one array of lines, no string per line. (That
// no two rules share a name is checked by TestBuiltin, not here.)
func splitBuiltin() ([]*lazyRule, error) {
	entries, err := ruleFiles.ReadDir("rules")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".rules") {
			names = append(names, "rules/"+e.Name())
		}
	}
	slices.Sort(names)
	texts := make([]string, len(names))
	for i, name := range names {
		text, err := readRuleFile(name)
		if err != nil {
			return nil, err
		}
		texts[i] = text
	}
	funcs := symbolic.Builtins()
	// As many rules as compiled_rules.go has, unless it is stale.
	rules := make([]lazyRule, 0, len(compiledRules))
	add := func(file string, line int, text string) {
		_, body, _ := strings.Cut(text, ":")
		lhs, rhs, _ := strings.Cut(body, "=>")
		_, final := cutFinal(rhs)
		rules = append(rules, lazyRule{file: file, line: line, text: text, final: final, index: len(rules)})
		l := &rules[len(rules)-1]
		if l.index < len(compiledRules) && compiledRules[l.index].text == text {
			l.needs = compiledRules[l.index].needs
		} else {
			l.needs = scanFuncs(lhs) // compiled_rules.go is stale
		}
	}
	for i, name := range names {
		file := strings.TrimPrefix(name, "rules/")
		rest := texts[i]
		for line := 1; rest != ""; line++ {
			var text string
			text, rest, _ = strings.Cut(rest, "\n")
			if text, ok := ruleLine(text); ok {
				add(file, line, text)
			}
		}
	}
	// Then the rules that rows of the function table carry (Func.Rules),
	// by function name.
	for _, f := range funcs {
		for i, text := range f.Rules {
			add(f.Name, i+1, strings.TrimSpace(text))
		}
	}
	out := make([]*lazyRule, len(rules))
	for i := range rules {
		out[i] = &rules[i]
	}
	return out, nil
}

// ruleLine returns a line of a rule file without its surrounding space,
// and whether it holds a rule (it is not blank or a comment).
func ruleLine(line string) (string, bool) {
	line = strings.TrimSpace(line)
	return line, line != "" && !strings.HasPrefix(line, "#")
}

// readRuleFile returns the text of the rule file name ("rules/exp.rules"):
// as embedded in a string (rulefiles.go), read in place, or else copied
// out of ruleFiles.
func readRuleFile(name string) (string, error) {
	if text, ok := embeddedRuleFile(name); ok {
		return text, nil
	}
	data, err := ruleFiles.ReadFile(name)
	return string(data), err
}

// scanFuncs returns the built-in functions that src calls, read from the
// text alone: each name directly followed by "(" that names a built-in
// function under any of its names (ln is log; sqrt is a power, not a call). It may miss a
// function (e^a is exp(a)), which only makes a rule tried more often; it
// never adds one that parsing would not find, which TestScanFuncs checks
// for every built-in rule.
func scanFuncs(src string) funcMask {
	var m funcMask
	for i := 0; i < len(src); {
		c := src[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			if '0' <= c && c <= '9' {
				for i < len(src) && '0' <= src[i] && src[i] <= '9' {
					i++
				}
				continue
			}
			i++
			continue
		}
		j := i
		for j < len(src) && (src[j] == '_' || 'a' <= src[j] && src[j] <= 'z' || 'A' <= src[j] && src[j] <= 'Z' || '0' <= src[j] && src[j] <= '9') {
			j++
		}
		name := src[i:j]
		k := j
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k < len(src) && src[k] == '(' {
			if f, ok := symbolic.Lookup(name); ok {
				m |= funcBit(f)
			}
		}
		i = j
	}
	return m
}

// A binding substitutes a rule's variables in its right side: Subs
// specialised to a few variables and a small template, with no map.
type binding struct {
	vars []*symbolic.Symbol
	vals []symbolic.Expr
	// done memoises the template's nodes (a template is a DAG: sigmoid(a)
	// occurs twice in sigmoid(a)*(1 - sigmoid(a))); past its size, shared
	// nodes are rebuilt again, which costs time but gives the same node.
	done [16]struct{ from, to symbolic.Expr }
	n    int
}

func (s *binding) apply(e symbolic.Expr) symbolic.Expr {
	switch e := e.(type) {
	case *symbolic.Number:
		return e
	case *symbolic.Symbol:
		for i, v := range s.vars {
			if v == e {
				return s.vals[i]
			}
		}
		return e
	}
	for _, d := range s.done[:s.n] {
		if d.from == e {
			return d.to
		}
	}
	kids := symbolic.Children(e)
	out := make([]symbolic.Expr, len(kids))
	for i, k := range kids {
		out[i] = s.apply(k)
	}
	r := symbolic.Rebuild(e, out)
	if s.n < len(s.done) {
		s.done[s.n].from, s.done[s.n].to = e, r
		s.n++
	}
	return r
}
