package simplify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/symdiff/symdiff/symbolic"
)

// A Step is one rewrite of a simplification: the rule (or strategy) named
// Rule turned the whole expression Before into After.
type Step struct {
	Rule          string
	Before, After symbolic.Expr
}

// Default budgets.
const (
	// DefaultMaxNodes is the part of the default candidate budget that does
	// not grow with the input (see MaxNodes).
	DefaultMaxNodes = 20000
	// nodesPerInputNode is the part that does: candidates per distinct node
	// of the input.
	nodesPerInputNode    = 64
	DefaultMaxIterations = 8
	defaultBeam          = 4
	defaultMatches       = 8 // rewrites kept per rule and node
	maxUphill            = 1 // rounds without improvement before the search stops
	// maxOrigTree is the largest node (written out as a tree) whose form
	// before its children were simplified is searched too.
	maxOrigTree = 256
	// maxGlobal is the largest rational skeleton (in distinct nodes) on
	// which the global strategies run.
	maxGlobal = 2048
)

// An Option changes a budget or the rule set of Simplify and Equal.
type Option func(*config)

type config struct {
	maxNodes  int // 0: the default, which grows with the input
	maxRounds int
	rules     []*Rule
	builtin   bool
	steps     *[]Step
	stats     *Stats
	points    int
	seed      uint64
	cache     *Cache
	noFinal   bool // search even where a final rule applies (for its test)
	// of and vars: the expressions are derivatives of of in vars (see
	// DerivativeOf); of is nil if not said. varsKey is the variables'
	// names, each ended by a zero byte, for the cache's keys.
	of      symbolic.Expr
	vars    []*symbolic.Symbol
	varsKey string
}

func newConfig(opts []Option) *config {
	c := &config{maxRounds: DefaultMaxIterations, builtin: true, points: 20, seed: 1}
	for _, o := range opts {
		o(c)
	}
	return c
}

// DerivativeOf says that the expressions simplified are derivatives of f
// in the variables vs (each a partial in one of them, or a derivative in
// each in turn). It changes how the result is written, never its value:
// the result's polynomial factors keep the orientation the input gives
// them (see orient.go), and a sum that differentiates one of f's own
// polynomial sums and leads with a negative term is not the user's
// writing but the derivative's, so it is oriented as the simplification's
// own sums are: the derivative of 1/(1 + x - 6*x^2) is
// (12*x - 1)/(1 + x - 6*x^2)^2, not -(1 - 12*x)/(1 + x - 6*x^2)^2. The
// sums of f's derivative rules (1/(1 - x^2) of atanh) stay as the rules
// write them.
func DerivativeOf(f symbolic.Expr, vs ...*symbolic.Symbol) Option {
	var names strings.Builder
	for _, v := range vs {
		if v != nil {
			names.WriteString(v.Name())
		}
		names.WriteByte(0)
	}
	return func(c *config) { c.of, c.vars, c.varsKey = f, vs, names.String() }
}

// MaxNodes bounds the number of candidate expressions the search builds.
// By default the bound is DefaultMaxNodes plus 64 for each distinct node
// of the input, so that a large input is not cut short where a small one
// is not. When the bound is reached the search stops and the cheapest form
// found so far is returned (Stats.Stopped says so). The result then still
// depends only on the input and the options.
func MaxNodes(n int) Option { return func(c *config) { c.maxNodes = n } }

// MaxIterations bounds the rounds of rewriting at each node of the
// expression (default DefaultMaxIterations): the search looks that many
// rewrites deep, going uphill in cost for at most two of them.
func MaxIterations(n int) Option { return func(c *config) { c.maxRounds = n } }

// WithRules adds rules (from ParseRules) to the built-in ones; they are tried
// after the built-in rules.
func WithRules(rs ...*Rule) Option { return func(c *config) { c.rules = append(c.rules, rs...) } }

// WithoutBuiltinRules drops the built-in rule files, leaving the rules of
// WithRules and the strategies (rational normal form, sigmoid kernel).
func WithoutBuiltinRules() Option { return func(c *config) { c.builtin = false } }

// WithCache makes the call look results up in cache and store them there,
// so that calls sharing the cache do not simplify the same input twice
// (see Cache). Without it every call works from scratch.
func WithCache(cache *Cache) Option { return func(c *config) { c.cache = cache } }

// CollectSteps makes Simplify append the steps of the chosen derivation to
// *dst.
func CollectSteps(dst *[]Step) Option { return func(c *config) { c.steps = dst } }

// CollectStats makes Simplify and All add what the search did to *dst.
func CollectStats(dst *Stats) Option { return func(c *config) { c.stats = dst } }

// Stats is what a simplification did, counted.
type Stats struct {
	Candidates int // candidate expressions built
	Budget     int // the candidate budget (MaxNodes)
	Searches   int // nodes searched
	Shapes     int // nodes whose search was their shape's (see shape.go)
	Groups     int // wide sums and products simplified group by group
	// Stopped names the budget that stopped the search before it finished
	// ("MaxNodes"), or is empty.
	Stopped string
}

// ErrCanceled is returned (wrapped with the context's error) when the
// context ends a simplification before it finished; the expression
// returned with it is the input, not simplified.
var ErrCanceled = errors.New("simplify: canceled before the simplification finished")

// Simplify returns the cheapest expression (by Cost) equal to e that it finds
// within its budgets. It never returns something more expensive than e.
// The result depends only on e and the options: never on map order, the
// clock or the machine. Running out of the candidate budget is not an
// error (the best form found is returned, and CollectStats reports it); a
// context that ends first is: Simplify then returns e itself and an error
// wrapping ErrCanceled and ctx.Err().
//
// With WithCache, results with the default options are kept in the given
// Cache, keyed on the interned input; a result found there is returned at
// once, even if ctx has ended.
//
// Rewrites may remove removable singularities: (x^2 - 1)/(x - 1) becomes
// x + 1, which is also defined at x = 1. Where both forms are defined they
// are equal.
func Simplify(ctx context.Context, e symbolic.Expr, opts ...Option) (symbolic.Expr, error) {
	rs, err := run(ctx, []symbolic.Expr{e}, newConfig(opts))
	if err != nil {
		return e, err
	}
	return rs[0], nil
}

// All simplifies several expressions as Simplify does each, sharing the
// work on what they have in common: the partials of a gradient, the rows
// of a Jacobian. Each result is what Simplify gives for it alone, except
// where a budget runs out. If the context ends first, All returns es and
// an error wrapping ErrCanceled.
func All(ctx context.Context, es []symbolic.Expr, opts ...Option) ([]symbolic.Expr, error) {
	rs, err := run(ctx, es, newConfig(opts))
	if err != nil {
		return es, err
	}
	return rs, nil
}

func run(ctx context.Context, es []symbolic.Expr, cfg *config) (out []symbolic.Expr, err error) {
	for _, e := range es {
		if e == nil {
			return nil, errors.New("simplify: nil expression")
		}
	}
	out = make([]symbolic.Expr, len(es))
	cacheable := cfg.cacheable()
	todo := 0
	for i, e := range es {
		if cacheable {
			if r, ok := cfg.cache.get(cfg.key(e)); ok {
				out[i] = r
				continue
			}
		}
		todo++
	}
	if todo == 0 {
		if len(out) > 1 && cfg.steps == nil {
			alikePartials(out)
		}
		return out, nil
	}
	var builtin []*lazyRule
	if cfg.builtin {
		ls, err := builtinLines()
		if err != nil {
			return nil, err
		}
		builtin = ls
	}
	en := newEngine(ctx, cfg, builtin, cfg.rules)
	en.many = len(es) > 1
	size, several, domain := inputFacts(es)
	en.reserve(size)
	if domain {
		en.domain = inputDomain(es)
	}
	// Shapes that rename variables would hide the facts of the input's
	// domain, which name the variables' nodes (see domainFacts).
	en.renameSymbols = several && en.domain == nil
	en.anyLargeArg = en.anyLargeArgIn(es)
	en.size = size
	en.budget = cfg.maxNodes
	if en.budget <= 0 {
		en.budget = DefaultMaxNodes + nodesPerInputNode*en.size
	}
	// A context that has already ended stops the search before it starts
	// (spent polls the context only every 64 steps).
	en.stop = ctx.Err()
	defer func() {
		if x := recover(); x != nil {
			if se, ok := x.(*symbolic.Error); ok {
				out, err = nil, fmt.Errorf("simplify: %w", se)
				return
			}
			panic(x)
		}
	}()
	for i, e := range es {
		if out[i] != nil {
			continue
		}
		r, local := en.passes(e)
		if en.stop != nil {
			return nil, fmt.Errorf("%w: %w", ErrCanceled, en.stop)
		}
		if en.err != nil {
			return nil, en.err
		}
		// The orientation of the factors (orient.go) may move a sign to a
		// coefficient: taken where that costs no more than e. Where the
		// oriented result is preferred to e outright (most often), one
		// measure decides for both; otherwise r is decided first, then
		// its orientation.
		preferred := func(o symbolic.Expr) bool { return !en.dearer(o, e) && !en.newZeroCancel(o, e) }
		if o, ok := en.orient(r, es, preferred); ok {
			if r == e {
				local = nil
			}
			if en.trace {
				local = append(local, lstep{rule: "leading terms positive", before: r, after: o})
			}
			r = o
		} else {
			if r == e {
				local = nil
			} else if en.dearer(r, e) || en.newZeroCancel(r, e) {
				r, local = e, nil
				if !en.trace {
					r = en.partly(e)
				}
			}
			cheap := func(o symbolic.Expr) bool { return !en.costlier(o, e) }
			if o, ok := en.orient(r, es, cheap); ok {
				if en.trace {
					local = append(local, lstep{rule: "leading terms positive", before: r, after: o})
				}
				r = o
			}
		}
		if cfg.steps != nil {
			*cfg.steps = append(*cfg.steps, replay(e, r, local)...)
		}
		out[i] = r
		if cacheable && !en.exhausted {
			cfg.cache.put(cfg.key(e), r)
		}
	}
	if len(out) > 1 && cfg.steps == nil {
		alikePartials(out)
	}
	if cfg.stats != nil {
		st := cfg.stats
		st.Candidates += en.nodes
		st.Budget += en.budget
		st.Searches += en.searches
		st.Shapes += en.shapes
		st.Groups += en.groups
		if en.exhausted {
			st.Stopped = "MaxNodes"
		}
	}
	return out, nil
}

// passes simplifies e until nothing changes (at most four passes over it),
// returning the result and the local rewrites that led there.
func (en *engine) passes(e symbolic.Expr) (symbolic.Expr, []lstep) {
	r := e
	var local []lstep
	for pass := 0; pass < 4; pass++ {
		next := en.simp(r)
		if next == r {
			break
		}
		local = append(local, en.stepsOf(r)...)
		r = next
		if en.stop != nil {
			break
		}
	}
	return r, local
}

// partly returns e, a sum, product, power or call whose simplified whole is
// dearer than e itself or refused (see newZeroCancel), with those of its
// operands replaced by their simplified forms that make it cheaper, one at
// a time in order. The whole can be dearer where e's operands share a
// subexpression that their simplified forms do not: the derivative of
// tan(9*tanh(v)/10) holds 1 - tanh(v)^2 beside the tanh(v) of the
// tangent's argument, where sech(v)^2 would be a call more; its factor
// 1/(x^2 + 2) - 2*x^2/(x^2 + 2)^2 shares nothing, and is
// (2 - x^2)/(x^2 + 2)^2 all the same. And the whole of 1/(1 + (exp(-3*z) +
// exp(3*z))/(exp(-3*z) - exp(3*z))), (1 - exp(6*z))/2, is refused as a new
// difference that cancels at 0, but its base is 1 - coth(3*z). Operands past
// maxPartly are left as they are: each one tried costs a measure of the
// whole.
func (en *engine) partly(e symbolic.Expr) symbolic.Expr {
	switch e.(type) {
	case *symbolic.Sum, *symbolic.Product, *symbolic.Power, *symbolic.Call:
	default:
		return e
	}
	ops := symbolic.Children(e)
	nk := slices.Clone(ops)
	cur := e
	for i, c := range ops[:min(len(ops), maxPartly)] {
		s, ok := en.memo.Get(symbolic.KeyOf(c))
		if !ok || s == c {
			continue
		}
		nk[i] = s
		cand, ok := rebuildSafe(e, nk)
		if !ok || cand == cur || en.dearer(cand, cur) || en.newZeroCancel(cand, e) {
			nk[i] = c
			continue
		}
		cur = cand
	}
	return cur
}

// fractionTerms returns the sum e with its terms that divide (by a factor
// to a negative power) put over common denominators, those that share a
// divisor together, apart from the terms that do not; nil where that
// would be all of e's terms together (the rational normal form) or no
// two together. The derivative of x^2 + x/(x^2 + 1) is 2*x - 2*x^2/(x^2
// + 1)^2 + 1/(x^2 + 1): its normal form as one fraction, (2*x*(x^2 + 1)^2
// + 1 - x^2)/(x^2 + 1)^2 multiplied out, costs more than it does, and 2*x
// + (1 - x^2)/(x^2 + 1)^2, what a reader writes, costs less; that of
// log(x) + x/(x + 1) is 1/x + 1/(x + 1)^2. The work is a normal form of
// parts of e.
func fractionTerms(e symbolic.Expr, normal func(symbolic.Expr) symbolic.Expr) []symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || len(s.Terms()) < 3 || len(s.Terms()) > maxFractionTerms {
		return nil
	}
	ts := s.Terms()
	// group[i] is the group of term i: -1 for a term that does not
	// divide; terms whose divisors share a base are joined.
	group := make([]int, len(ts))
	divs := make([][]symbolic.Expr, len(ts))
	for i, t := range ts {
		divs[i] = divisors(t)
		group[i] = -1
		if len(divs[i]) > 0 {
			group[i] = i
		}
	}
	for i := range ts {
		for j := range i {
			if group[i] < 0 || group[j] < 0 || group[i] == group[j] {
				continue
			}
			if slices.ContainsFunc(divs[i], func(b symbolic.Expr) bool { return slices.Contains(divs[j], b) }) {
				from, to := group[i], group[j]
				for k := range group {
					if group[k] == from {
						group[k] = to
					}
				}
			}
		}
	}
	var rest []symbolic.Expr
	parts := map[int][]symbolic.Expr{}
	var order []int
	for i, t := range ts {
		if group[i] < 0 {
			rest = append(rest, t)
			continue
		}
		if _, ok := parts[group[i]]; !ok {
			order = append(order, group[i])
		}
		parts[group[i]] = append(parts[group[i]], t)
	}
	together := 0
	for _, g := range order {
		if len(parts[g]) > 1 {
			together++
		}
	}
	if together == 0 || len(order) == 1 && len(rest) == 0 {
		return nil
	}
	r, ok := try(func() symbolic.Expr {
		out := rest
		for _, g := range order {
			if len(parts[g]) == 1 {
				out = append(out, parts[g][0])
				continue
			}
			n := normal(symbolic.Add(parts[g]...))
			if n == nil {
				return nil
			}
			out = append(out, n)
		}
		return symbolic.Add(out...)
	})
	if !ok || r == nil || r == e {
		return nil
	}
	return []symbolic.Expr{r}
}

// maxFractionTerms bounds the sums fractionTerms groups: the grouping is
// quadratic in the terms.
const maxFractionTerms = 32

// divisors returns the bases of the term t's factors to a negative power
// (t's own, if it is such a power).
func divisors(t symbolic.Expr) []symbolic.Expr {
	var out []symbolic.Expr
	add := func(x symbolic.Expr) {
		if dividing(x) {
			out = append(out, x.(*symbolic.Power).Base())
		}
	}
	if p, ok := t.(*symbolic.Product); ok {
		for _, f := range p.Factors() {
			add(f)
		}
		return out
	}
	add(t)
	return out
}

// absOrientation returns the product e with a sum factor s whose negation
// t is the argument of an abs or sign factor written -1 times t, for the
// rules to see: (1 - x^2)/abs(x^2 - 1) is -(x^2 - 1)/abs(x^2 - 1), which
// abs-div makes -sign(x^2 - 1) (the derivative of asin(2*x/(x^2 + 1))).
// The canonical form orients abs's argument, not the sum beside it. Nil
// if there is no such factor.
func absOrientation(e symbolic.Expr) symbolic.Expr {
	p, ok := e.(*symbolic.Product)
	if !ok {
		return nil
	}
	fs := p.Factors()
	// The arguments of the abs and sign factors, then a sum factor whose
	// negation is one of them (each sum negated once).
	var args []symbolic.Expr
	for _, g := range fs {
		if c, ok := baseOf(g).(*symbolic.Call); ok && (c.Func() == absFn || c.Func() == signFn) && len(c.Args()) == 1 {
			args = append(args, c.Arg())
		}
	}
	if len(args) == 0 {
		return nil
	}
	for i, f := range fs {
		s, ok := f.(*symbolic.Sum)
		if !ok {
			continue
		}
		t, ok := try(func() symbolic.Expr { return symbolic.Neg(s) })
		if !ok || !slices.Contains(args, t) {
			continue
		}
		r, ok := try(func() symbolic.Expr {
			nf := slices.Clone(fs)
			nf[i] = t
			return symbolic.Mul(append(nf, symbolic.MinusOne)...)
		})
		if ok {
			return r
		}
	}
	return nil
}

// maxPartly bounds the operands partly tries.
const maxPartly = 64

// cacheable reports whether results under c may be shared between calls:
// a cache given, default budgets and rules, no steps wanted.
func (c *config) cacheable() bool {
	return c.cache != nil && !c.noFinal && c.builtin && len(c.rules) == 0 && c.steps == nil && c.maxNodes == 0 &&
		c.maxRounds == DefaultMaxIterations
}

// A Cache memoises Simplify with the default options on the interned input
// node, across the calls that pass it (WithCache): derivatives met again
// (the same sigmoid in many neurons, repeated commands of a session) cost
// one map look-up. Results cut short by the candidate budget are not stored
// (the budget depends on what else was simplified in the same call), so a
// cached result is the one a fresh run gives. A Cache is bounded; when full
// it starts again empty. Its zero value is an empty cache, ready to use; it
// is safe for concurrent use.
type Cache struct {
	mu sync.Mutex
	m  map[cacheKey]symbolic.Expr
}

// A cacheKey is an input node and what DerivativeOf said of it, on which
// the result's orientation depends: the variables' names, joined.
type cacheKey struct {
	e, of symbolic.Expr
	vars  string
}

const resultCacheSize = 4096

// key returns the cache key of e simplified under c.
func (c *config) key(e symbolic.Expr) cacheKey {
	return cacheKey{e: e, of: c.of, vars: c.varsKey}
}

func (c *Cache) get(k cacheKey) (symbolic.Expr, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[k]
	return r, ok
}

func (c *Cache) put(k cacheKey, r symbolic.Expr) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[cacheKey]symbolic.Expr)
	}
	if len(c.m) >= resultCacheSize {
		clear(c.m)
	}
	c.m[k] = r
}

// replay turns local rewrites into steps on the whole expression.
func replay(e, final symbolic.Expr, local []lstep) []Step {
	var steps []Step
	cur := e
	for _, s := range local {
		next, ok := subsSafe(cur, s.before, s.after)
		if !ok || next == cur {
			continue
		}
		steps = append(steps, Step{Rule: s.rule, Before: cur, After: next})
		cur = next
	}
	if cur != final {
		steps = append(steps, Step{Rule: "canonical form", Before: cur, After: final})
	}
	return steps
}

func subsSafe(e, old, new symbolic.Expr) (symbolic.Expr, bool) {
	return try(func() symbolic.Expr { return symbolic.Subs(e, map[symbolic.Expr]symbolic.Expr{old: new}) })
}

// try returns build's expression, or false where a constructor panicked
// with a *symbolic.Error (a number too large, a division by zero): a
// rewrite that cannot be built is no candidate. Other panics go on.
func try(build func() symbolic.Expr) (out symbolic.Expr, ok bool) {
	defer refused(&out, &ok)
	return build(), true
}

// refused, deferred in a function with results out and ok, turns a
// constructor's panic with a *symbolic.Error into the zero out and false.
// Other panics go on.
func refused[T any](out *T, ok *bool) {
	if x := recover(); x != nil {
		if _, isErr := x.(*symbolic.Error); !isErr {
			panic(x)
		}
		var zero T
		*out, *ok = zero, false
	}
}

// gaveUp, deferred in a function with result out, turns the normaliser's
// tooBig (a budget reached) and a constructor's *symbolic.Error into the
// zero out. Other panics go on.
func gaveUp[T any](out *T) {
	if x := recover(); x != nil {
		switch x.(type) {
		case tooBig, *symbolic.Error:
			var zero T
			*out = zero
		default:
			panic(x)
		}
	}
}

// lstep is a local rewrite: before became after, somewhere in the
// expression.
type lstep struct {
	rule          string
	before, after symbolic.Expr
}

type engine struct {
	ctx context.Context
	cfg *config
	// builtin are the built-in rules, tried first, parsed when a node
	// first needs them; byHead holds the rules of WithRules by the head of
	// their left side.
	builtin []*lazyRule
	finals  []*lazyRule // the final ones of builtin, in its order
	// ruleSets memoises builtinFor, ruleCache in front of it.
	ruleSets  map[ruleSel][]*Rule
	ruleCache [ruleCacheSlots]ruleCacheEntry
	byHead    map[head][]*Rule
	err       error // a built-in rule that does not parse
	// memo holds each node's result once simp has one (the node itself
	// while its simplification is under way), and steps the local
	// rewrites that led there, kept only when steps are wanted (trace).
	memo      keyTable[symbolic.Expr]
	lightMemo keyTable[symbolic.Expr] // simp's results in light mode (see memoTable)
	steps     keyTable[[]lstep]
	domain    domainFacts                       // what the inputs' own domain gives (see domainFacts)
	funcs     keyTable[funcMask]                // memo of funcsOf
	nbrs      [modes]map[symbolic.Key][]rewrite // memo of rewrites, by mode
	nodes     int                               // candidates built
	budget    int                               // the candidate budget
	exhausted bool                              // the budget ran out
	searches  int                               // nodes searched
	shapes    int                               // nodes searched through their shapes
	groups    int                               // wide nodes simplified group by group
	tick      int
	stop      error // the context's error once it has ended the search
	trace     bool
	orients   *orienter // see orient.go
	derivs    *orienter // the orienter of DerivativeOf's, nil without it
	// The measures of candidates (see measure.go): remembered costs of
	// settled nodes, memoised tree sizes and minus signs, and the visited
	// set of the cost walks, stamped with a generation per walk.
	measures entries[measEntry]
	trees    keyTable[treeInfo]
	fracs    keyTable[int64] // memo of treeFractions
	gen      uint32
	nsearch  int
	// For simpWide: the kernel keys of operands, numbered, and the
	// scratch arrays of partition.
	keys     keyTable[[]int32]
	keyIDs   keyTable[[4]int32] // by node, 1 + its keys' numbers (see keyID)
	polyOf   []int32            // by key: a poly key's plain key, -1 for others (see partition)
	owner    []int32
	ownerGen []uint32
	partGen  uint32
	stamp    []uint32 // by key: the operand that last saw it (see opKeys)
	stampGen uint32
	// partition's and simpGroups' scratch arrays (see wide.go).
	partParent, partGid, partSize, partPlace, partBuf []int32
	partPolys                                         [][2]int32
	nodeFacts                                         keyTable[nodeFacts] // memo of facts (shape.go)
	// heldOf holds the large arguments of each shape that has some: the
	// search of such a shape takes only results that keep them (see
	// keepsHeld).
	heldOf keyTable[heldArgs]
	// shape's tables, kept between calls (see shape).
	size    int                  // the input's distinct nodes
	walk    genTable[shapeVisit] // the current walk of shape's visits
	leafIDs entries[struct{}]    // the numbers of the leaves in shape keys
	filler  *filler              // fillKept's, kept between calls
	// shape's keys (see shapeKey): the shape of each key met, and the
	// buffers of the walk.
	shapeClasses map[string]shapeClass
	shapeEvents  []shapeEvent
	shapeSyms    []*symbolic.Symbol
	shapeKeyBuf  []byte
	funcIDs      map[*symbolic.Func]uint32
	argKeys      keyTable[symbolic.Expr] // memo of argKey
	splits       keyTable[split]         // memo of splitMultiple
	kernelSplits keyTable[split]         // memo of kernelSplit
	many         bool                    // simplifying several expressions (All)
	// renameSymbols: the input has several variables, so shapes rename
	// them (see shape.go).
	renameSymbols bool
	kept          map[symbolic.Key]bool // keepsHeld of each shape's result, by shape
	anyLargeArg   bool                  // a call of the input has a large argument
	skels         keyTable[skelInfo]
	distinct      keyTable[int] // memo of skelDistinct
	inCand        int           // > 0 while simplifying the new children of a candidate
	inShape       int           // > 0 while simplifying a shape (see viaShape)
	// scratch is a stack of expressions for the walks that rebuild nodes
	// (shape): each pushes a node's new children, builds the node and
	// pops them, so a walk allocates no slice per node. The constructors
	// keep none of their arguments.
	scratch []symbolic.Expr
	// valStack holds the values of the shapes whose fills are under way,
	// the innermost last (see keyedShape and viaShape).
	valStack   []symbolic.Expr
	reached    []symbolic.Expr // measureRel's buffer
	boundStack []symbolic.Expr // the settled nodes of the searches' baselines (see baseline)
	apply      *applier        // Rule.apply's state (see applier)
	// tied holds, for a call whose search kept it, a form of equal cost
	// that calls fewer functions (see recordTie), for the searches of the
	// nodes above.
	tied keyTable[tie]
}

// A tie is a form of a call of equal cost, and the rule that wrote it
// (see recordTie).
type tie struct {
	e    symbolic.Expr
	rule string
}

func newEngine(ctx context.Context, cfg *config, builtin []*lazyRule, rules []*Rule) *engine {
	en := &engine{ctx: ctx, cfg: cfg, builtin: builtin, trace: cfg.steps != nil}
	en.walk.fresh = shapeVisit{index: -1}
	for _, l := range builtin {
		if l.final {
			en.finals = append(en.finals, l)
		}
	}
	if len(rules) > 0 {
		en.byHead = map[head][]*Rule{}
		for _, r := range rules {
			en.byHead[r.head] = append(en.byHead[r.head], r)
		}
	}
	return en
}

// spent reports whether the candidate budget has run out or the context
// has ended.
func (en *engine) spent() bool {
	if en.stop != nil {
		return true
	}
	if en.nodes >= en.budget {
		en.exhausted = true
		return true
	}
	en.tick++
	if en.tick&63 == 0 {
		if err := en.ctx.Err(); err != nil {
			en.stop = err
			return true
		}
	}
	return false
}

// stepsOf returns the local rewrites that led from e to its result in
// the memo: none unless steps are wanted.
func (en *engine) stepsOf(e symbolic.Expr) []lstep {
	if !en.trace {
		return nil
	}
	st, _ := en.steps.Get(symbolic.KeyOf(e))
	return st
}

// record sets e's result in the memo to r, reached by steps.
func (en *engine) record(e, r symbolic.Expr, steps []lstep) {
	en.memoTable().Set(symbolic.KeyOf(e), r)
	if en.trace && len(steps) > 0 {
		en.steps.Set(symbolic.KeyOf(e), steps)
	}
}

// recordNew is record where the memo has no result for e yet.
func (en *engine) recordNew(e, r symbolic.Expr, steps []lstep) {
	if _, ok := en.remembered(e); !ok {
		en.record(e, r, steps)
	}
}

// memoTable returns the memo that simp records in: the engine's, or while
// the new children of a candidate are simplified (light mode, without the
// kernel strategies; see neighbors) the light one, so that a later pass
// in full mode searches such a node again where the result holds it:
// coth(x)*sech(x)^2, made in a candidate's child, is 2*csch(2*x) by the
// trigonometric kernel.
func (en *engine) memoTable() *keyTable[symbolic.Expr] {
	if en.inCand > 0 {
		return &en.lightMemo
	}
	return &en.memo
}

// remembered returns the result simp recorded for e: in full mode the
// engine's memo, in light mode that or the light one.
func (en *engine) remembered(e symbolic.Expr) (symbolic.Expr, bool) {
	if r, ok := en.memo.Get(symbolic.KeyOf(e)); ok {
		return r, true
	}
	if en.inCand > 0 {
		return en.lightMemo.Get(symbolic.KeyOf(e))
	}
	return nil, false
}

// simp returns the cheapest form found for e, simplifying children first.
func (en *engine) simp(e symbolic.Expr) symbolic.Expr {
	if r, ok := en.remembered(e); ok {
		return r
	}
	switch x := e.(type) {
	case *symbolic.Number, *symbolic.Symbol:
		en.memo.Set(symbolic.KeyOf(e), e)
		return e
	case *symbolic.Product:
		if monomial(x) && en.byHead[head{kind: pProd}] == nil {
			en.memo.Set(symbolic.KeyOf(e), e)
			return e
		}
	}
	if r, ok := en.simpFinal(e); ok {
		return r
	}
	en.memoTable().Set(symbolic.KeyOf(e), e) // guards against cycles while e is in progress
	r0, steps := en.simpChildren(e)
	r, steps := en.simpNode(e, r0, steps)
	en.record(e, r, steps)
	return r
}

// monomial reports whether p is a number times variables to integer
// powers (3*x, -w/4, x^2*y): the terms of a gradient's linear forms, which
// no built-in rule or strategy rewrites. It is its own cheapest form (no
// equal expression has fewer nodes), so simp takes it as it is, without
// the final rules, the shape and the search each node is otherwise given:
// of the logistic loss's 300-parameter gradient, 1500 such terms cost a
// fifth of its simplification. (Rules of WithRules on products may
// rewrite it still: simp goes the long way where there are any.)
func monomial(p *symbolic.Product) bool {
	for _, f := range p.Factors() {
		switch f := f.(type) {
		case *symbolic.Number, *symbolic.Symbol:
		case *symbolic.Power:
			if _, ok := f.Base().(*symbolic.Symbol); !ok {
				return false
			}
			if k, ok := f.Exp().(*symbolic.Number); !ok || !k.IsInt() {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// simpFinal is simp at e where a final rule applies to e as it is.
func (en *engine) simpFinal(e symbolic.Expr) (symbolic.Expr, bool) {
	r, rule, ok := en.final(e, false)
	if !ok {
		return nil, false
	}
	// A final rule's right side is what the search would find here (its
	// test checks it), and a fixed point of the search.
	var steps []lstep
	if en.trace {
		steps = []lstep{{rule: rule, before: e, after: r}}
	}
	en.record(e, r, steps)
	en.fixed(r)
	en.settle(r)
	return r, true
}

// simpNode finishes simp at e with r0, e with its children simplified by
// the given steps, and returns e's result and the steps to it. It is apart
// from simp so that simp's frame, one of the two on the stack for each
// level of a deep expression (simp, simpChildren, simp, ...), holds only
// what the descent needs.
func (en *engine) simpNode(e, r0 symbolic.Expr, steps []lstep) (symbolic.Expr, []lstep) {
	if r, _, ok := en.final(r0, true); ok {
		// As above, with the children simplified: the nested sigmoid's
		// 1/(1 + exp(-sigmoid(u))) is sigmoid(sigmoid(u)) at once.
		en.settle(r)
		en.fixed(r)
		return r, nil
	}
	if !en.trace && en.wantsShape(r0, e) {
		if r, ok := en.viaShape(e, r0); ok {
			return r, nil
		}
	}
	if en.spent() {
		// Out of budget: no search here, which would cost a walk of the
		// whole sub-DAG (Cost) for each node of a deep chain.
		return r0, steps
	}
	if w, more, ok := en.simpGroups(r0); ok {
		en.fixed(w)
		if en.trace {
			steps = append(steps, more...)
		}
		return w, steps
	}
	best, more, fromOrig := en.search(r0, e)
	if en.inShape > 0 {
		// See oneMinusSigmoid: in a shape, once for all its nodes.
		best = oneMinusSigmoid(best)
	}
	if r0 != e {
		en.recordNew(r0, best, more)
	}
	if en.trace {
		if fromOrig {
			// The path starts at e itself, not at r0: the children's
			// steps are not on it.
			steps = nil
		}
		steps = append(steps, more...)
	}
	return best, steps
}

// viaShape is simpNode's search of e's shape (see shape.go), memoised like
// any node, with r0 as in simpNode; false if the shape's result cannot be
// used. The shape's values live on the engine's stack (see keyedShape)
// until the fill is done.
func (en *engine) viaShape(e, r0 symbolic.Expr) (symbolic.Expr, bool) {
	mark := len(en.valStack)
	s, vals, held, ok := en.shape(r0)
	var r symbolic.Expr
	if ok && s != r0 {
		if len(held) > 0 {
			if _, ok := en.heldOf.Get(symbolic.KeyOf(s)); !ok {
				en.heldOf.Set(symbolic.KeyOf(s), held)
			}
		}
		en.inShape++
		rs := en.simp(s)
		en.inShape--
		r, ok = en.fillKept(s, rs, r0, vals, held)
	} else {
		ok = false
	}
	// Free the values. (A constructor's refusal in the search above
	// unwinds the whole run: nothing is left to free then.)
	clear(en.valStack[mark:])
	en.valStack = en.valStack[:mark]
	if !ok {
		return nil, false
	}
	en.shapes++
	en.settle(r)
	en.fixed(r)
	if r0 != e {
		en.recordNew(r0, r, nil)
	}
	return r, true
}

// fixed records r as its own result where the memo has none for it: r is
// what a final rule gave, or what simp found for a node through its
// shape or its groups, so a later pass meeting r again finds it there.
// Without this, the pass that checks a result (see passes) walks the new
// nodes a shape's fill or a wide node's groups built, once more, to find
// them again: for the nested sigmoid of depth 1000, 4000 of 10000 nodes.
// A filled shape holds the result of the shape's search (with simplified
// subexpressions in its placeholders, below any rule's reach), and the
// groups of a wide node have no kernel in common, so searching such a node
// again would find what its shape or groups found. (A search's own result
// is not recorded: it can be a rewrite whose new children were not
// simplified, which the next pass does.)
func (en *engine) fixed(r symbolic.Expr) { en.recordNew(r, r, nil) }

// simpChildren rebuilds e from its simplified children.
func (en *engine) simpChildren(e symbolic.Expr) (symbolic.Expr, []lstep) {
	kids := symbolic.Children(e)
	if len(kids) == 0 {
		return e, nil
	}
	var nk []symbolic.Expr
	for i, c := range kids {
		k := en.simp(c)
		if k != c && nk == nil {
			nk = make([]symbolic.Expr, len(kids))
			copy(nk, kids[:i])
		}
		if nk != nil {
			nk[i] = k
		}
	}
	return en.rebuildChildren(e, kids, nk)
}

// rebuildChildren finishes simpChildren: e with its children kids
// simplified to nk (nil where none changed). It is apart from
// simpChildren so that simpChildren's frame, one of the two on the stack
// for each level of a deep expression, holds only what the descent needs.
func (en *engine) rebuildChildren(e symbolic.Expr, kids, nk []symbolic.Expr) (symbolic.Expr, []lstep) {
	var steps []lstep
	if en.trace {
		for _, c := range kids {
			steps = append(steps, en.stepsOf(c)...)
		}
	}
	if nk == nil {
		return e, steps
	}
	r, ok := rebuildSafe(e, nk)
	if !ok {
		return e, nil
	}
	return r, steps
}

func rebuildSafe(e symbolic.Expr, kids []symbolic.Expr) (symbolic.Expr, bool) {
	return try(func() symbolic.Expr { return symbolic.Rebuild(e, kids) })
}

type cand struct {
	e     symbolic.Expr
	m     measure
	mode  mode // the rewrites its neighbors are found by
	prev  *cand
	rule  string
	raw   symbolic.Expr // the rewrite before its new children were simplified
	steps []lstep       // the simplification of raw's children
}

// search explores rewrites at the root of e (whose children are already
// simplified): a beam search by cost, a few rewrites deep, that may go
// uphill for two rounds. Candidates are measured against e (see
// measureRel), so a search costs what its candidates add, not the size of
// the DAG below them.
//
// The rewrites of orig, e before its children were simplified, are tried
// too: simplifying a child first can hide a rule that needed it whole
// (cos(x)/sin(x) is cot(x), though 1/sin(x) alone is csc(x)).
func (en *engine) search(e, orig symbolic.Expr) (symbolic.Expr, []lstep, bool) {
	en.searches++
	useOrig := orig != e && en.intrinsic(orig).tree <= maxOrigTree
	if !useOrig && !en.hasNeighbors(e) {
		// Nothing to compare: most nodes of a derivative. No measuring
		// beyond the cost that walks from the nodes above will need; a
		// wide node's is the sum of its operands' (see settleWide).
		if len(symbolic.Children(e)) >= wideMin {
			en.settleWide(e)
		} else {
			en.settle(e)
		}
		return e, nil, false
	}
	var base baseline
	en.newBaseline(&base, e)
	defer en.releaseBaseline(&base)
	root := &cand{e: e, m: en.baseMeasure(e)}
	best := root
	// The search of a shape with large arguments takes only a result that
	// keeps them whole (see keepsHeld); others stay in the beam, as steps.
	held, _ := en.heldOf.Get(symbolic.KeyOf(orig))
	takes := func(c *cand) bool { return len(held) == 0 || keepsHeld(c.e, held) }
	var seen nodeSet
	defer seen.release()
	seen.add(symbolic.KeyOf(e))
	frontier := []*cand{root}
	// orig only where it is small: on a large node whose children were
	// not simplified yet, the strategies cost the most (the raw partial of
	// a logistic loss is a sum of quotients with a long linear form in
	// each exp), and what they would find there the search of e finds too.
	if useOrig {
		seen.add(symbolic.KeyOf(orig))
		o := &cand{e: orig, m: en.measureRel(orig, &base)}
		frontier = append(frontier, o)
		if en.better(o.e, o.m, best.e, best.m) && takes(o) {
			best = o
		}
	}
	idle := 0
	for round := 0; round < en.cfg.maxRounds && len(frontier) > 0 && !en.spent(); round++ {
		var next []*cand
		for _, c := range frontier {
			en.neighbors(c.e, c.mode, func(rule string, n symbolic.Expr) {
				if seen.has(symbolic.KeyOf(n)) || en.spent() {
					return
				}
				en.nodes++
				seen.add(symbolic.KeyOf(n))
				// Both the rewrite as it is and with its new children
				// simplified are candidates: a child's cheapest form on its
				// own may lose a subexpression shared with its siblings.
				next = append(next, &cand{e: n, m: en.measureRel(n, &base), prev: c, rule: rule, raw: n})
				en.inCand++
				n2, steps := en.simpChildren(n)
				en.inCand--
				if n2 != n && seen.add(symbolic.KeyOf(n2)) {
					next = append(next, &cand{e: n2, m: en.measureRel(n2, &base), prev: c, rule: rule, raw: n, steps: steps})
				}
			})
		}
		slices.SortFunc(next, func(a, b *cand) int {
			if en.better(a.e, a.m, b.e, b.m) {
				return -1
			}
			if a.e == b.e {
				return 0
			}
			return 1
		})
		if round == 0 {
			en.recordTie(root, next)
		}
		improved := false
		for _, c := range next {
			if !takes(c) {
				continue
			}
			if en.better(c.e, c.m, best.e, best.m) {
				best = c
				improved = true
			}
			break
		}
		if improved {
			idle = 0
			frontier = []*cand{best}
			continue
		}
		idle++
		if idle > maxUphill {
			break
		}
		frontier = next[:min(len(next), defaultBeam)]
	}
	if !en.trace {
		return best.e, nil, false
	}
	var path []*cand
	start := best
	for ; start.prev != nil; start = start.prev {
		path = append(path, start)
	}
	var steps []lstep
	for i := len(path) - 1; i >= 0; i-- {
		c := path[i]
		steps = append(steps, lstep{rule: c.rule, before: c.prev.e, after: c.raw})
		steps = append(steps, c.steps...)
	}
	return best.e, steps, start != root
}

// recordTie remembers, for a call root, the first of the search's first
// candidates that costs exactly what the call does and calls fewer
// functions: sin(atan(u)) and u/sqrt(u^2 + 1), tanh(log(x)) and
// (x^2 - 1)/(x^2 + 1). The call stays (the search takes only what is
// cheaper, and the tie-breaks favour the smaller tree), but the node
// above may be cheaper with the other form, where it cancels with its
// neighbours: the derivative of cos(atan(exp(x))) holds
// sin(atan(exp(x)))*sech(x), which is exp(2*x)/(exp(2*x) + 1)^(3/2) over
// 2. The rewrites of a node above offer it (see tiedOperands).
func (en *engine) recordTie(root *cand, cands []*cand) {
	c, ok := root.e.(*symbolic.Call)
	if !ok {
		return
	}
	have := funcsOf(c, &en.funcs)
	for _, n := range cands {
		if n.m.rel != root.m.rel {
			continue
		}
		if f := funcsOf(n.e, &en.funcs); f&^have == 0 && f != have {
			en.tied.Set(symbolic.KeyOf(c), tie{n.e, n.rule})
			return
		}
	}
}

// tiedOperands returns the rewrites of e with, in turn, each operand that
// has a tied form (see recordTie) replaced by it, named by the rule that
// wrote the form.
func (en *engine) tiedOperands(e symbolic.Expr) []rewrite {
	var out []rewrite
	kids := symbolic.Children(e)
	for i, k := range kids {
		t, ok := en.tied.Get(symbolic.KeyOf(k))
		if !ok {
			continue
		}
		nk := slices.Clone(kids)
		nk[i] = t.e
		if r, ok := try(func() symbolic.Expr { return symbolic.Rebuild(e, nk) }); ok && r != e {
			out = append(out, rewrite{t.rule + ", in an operand", r})
		}
	}
	return out
}

// final applies the first final rule (see Rule.Final) whose left side is
// all of e, with its variable bound to a variable.
//
// With calls set (e's children simplified already), the rule's variable may
// be bound to a call as well (see Rule.applyFinal).
func (en *engine) final(e symbolic.Expr, calls bool) (symbolic.Expr, string, bool) {
	if en.cfg.noFinal || en.trace {
		// With steps wanted, the search runs anyway: its steps show how
		// the form is reached (the sigmoid kernel, say), which the
		// derivation printers explain; the result is the same.
		return nil, "", false
	}
	h := headOf(e)
	have := funcsOf(e, &en.funcs)
	for _, r := range en.builtinFor(h, have, true) {
		if out, ok := r.applyFinal(e, calls); ok {
			return out, r.Name, true
		}
	}
	for _, r := range en.byHead[h] {
		if r.Final && r.needs&^have == 0 {
			if out, ok := r.applyFinal(e, calls); ok {
				return out, r.Name, true
			}
		}
	}
	return nil, "", false
}

// A rewrite is a neighbor of an expression: the result of one rule or
// strategy at its root.
type rewrite struct {
	rule string
	e    symbolic.Expr
}

// neighbors calls f with each rewrite of e at its root: by each rule whose
// left side has e's head, and by the strategies. The rewrites of e depend
// only on e and the rules, so they are computed once per engine: the
// passes and the beams of neighboring nodes meet the same expressions
// again.
func (en *engine) neighbors(e symbolic.Expr, m mode, f func(rule string, n symbolic.Expr)) {
	if m == full && en.inCand > 0 {
		m = light
	}
	cache := &en.nbrs[m]
	rs, ok := (*cache)[symbolic.KeyOf(e)]
	if !ok {
		rs, ok = en.rewrites(e, m)
		if ok {
			if *cache == nil {
				*cache = map[symbolic.Key][]rewrite{}
			}
			(*cache)[symbolic.KeyOf(e)] = rs
		}
	}
	for _, r := range rs {
		f(r.rule, r.e)
	}
}

// hasNeighbors reports whether e has a rewrite (as neighbors finds them).
func (en *engine) hasNeighbors(e symbolic.Expr) bool {
	found := false
	en.neighbors(e, full, func(string, symbolic.Expr) { found = true })
	return found
}

// A mode says which rewrites neighbors tries.
type mode int

const (
	full  mode = iota // the rules and every strategy
	light             // the rules, the rational normal form and collecting terms (a candidate's new children)
	modes
)

// rewrites returns the rewrites of e at its root, and false if the budget
// ran out before all were found. In light mode (the search of a new child
// of a candidate), only the rules, the rational normal form, collecting
// terms and perfect powers are tried, not the kernel strategies: a
// candidate's new children are sums and products of nodes that have had
// the whole search.
func (en *engine) rewrites(e symbolic.Expr, m mode) ([]rewrite, bool) {
	var out []rewrite
	have := funcsOf(e, &en.funcs)
	if !en.applyRules(e, have, func(rule string, n symbolic.Expr) { out = append(out, rewrite{rule, n}) }) {
		return out, false
	}
	if r := signOut(e); r != nil {
		out = append(out, rewrite{"sign out of an odd or even function", r})
	}
	if s, ok := e.(*symbolic.Sum); ok && have != 0 {
		// A sum with a numeric content k (1/2 - tanh(u)^2/2, 3 - 3*cos(x)^2)
		// is k times its primitive part, which the canonical form
		// distributes away: the rules see k - k*tanh(u)^2, which no rule
		// spells, so they are also tried on the primitive part, and k put
		// back. Likewise for its negation (1 - sec(u)^2 is -(sec(u)^2 - 1)),
		// since a rule spells one sign of a sum: only on short sums, whose
		// negation costs little to build (a rule's sum has a few terms),
		// and only rewrites that change which functions e calls (an
		// identity between functions: 1 - 2*sigmoid(2*u) is -tanh(u)) or,
		// from the negation, leave fewer terms (a reflection: sigmoid(u) -
		// 1 is -sigmoid(-u), with no difference that cancels for large u),
		// so that a rewrite does not merely trade one sign for another;
		// and none that halves an argument
		// (1 - 2*sigmoid(x) is -tanh(x/2), which turned the sigmoid
		// polynomials of the higher derivatives of sigmoid(x) into
		// polynomials in tanh(x/2)).
		c := sumContent(s)
		var scales [2 + 2*maxPartScales]symbolic.Rat
		scales[0], scales[1] = c, c.Neg()
		ns := 2 + 2*partScales(s, c, scales[2:2:2+maxPartScales])
		for i := 2; i < ns; i += 2 {
			scales[i+1] = scales[i].Neg()
		}
		for i, k := range scales[:ns] {
			negated := i%2 == 1
			if k.Is(1) || negated && len(s.Terms()) > maxNegatedTerms {
				continue
			}
			// A part's scale, like a negation, must give an identity
			// between functions, not one that halves an argument.
			guarded := negated || i >= 2
			if p, ok := try(func() symbolic.Expr { return symbolic.Mul(symbolic.NumberOf(k.Inv()), e) }); ok {
				kk := symbolic.NumberOf(k)
				if !en.applyRules(p, have, func(rule string, n symbolic.Expr) {
					r, ok := try(func() symbolic.Expr { return symbolic.Mul(kk, n) })
					if ok && guarded {
						ok = (funcsOf(r, &en.funcs) != have || negated && termCount(r) < len(s.Terms())) && argDen(r) <= argDen(e)
					}
					if ok {
						out = append(out, rewrite{rule, r})
					}
				}) {
					return out, false
				}
			}
		}
	}
	out = appendRewrites(out, "sign of the parts", signParts(e))
	out = appendRewrites(out, "abs of the parts", absParts(e))
	out = appendRewrites(out, "term by term", termByTerm(e))
	out = appendRewrites(out, "parity pairs", parityPairs(e))
	out = appendRewrites(out, "sums multiplied out", expandSums(e))
	out = appendRewrites(out, "over a common denominator", overCommonDenominator(e))
	if have&funcBit(cbrtFn) != 0 {
		out = appendRewrites(out, "powers of cbrt", cbrtPowers(e))
	}
	if have&(funcBit(absFn)|funcBit(signFn)) != 0 {
		out = appendRewrites(out, "powers of abs", absPowers(e))
		out = appendRewrites(out, "abs as sign", absAsSign(e))
		if t := absOrientation(e); t != nil {
			en.applyRules(t, have, func(rule string, n symbolic.Expr) { out = append(out, rewrite{rule, n}) })
		}
	}
	if c, ok := e.(*symbolic.Call); ok && funcBit(c.Func())&hyperbolicMask() != 0 && have&funcBit(symbolic.Log) != 0 {
		// A call of a log alone: sigmoid(log(x)) is x/(x + 1), cheaper
		// (a hyperbolic function's rational form ties, and stays).
		out = appendRewrites(out, "hyperbolic of a log", hyperbolicOfLog(e))
	}
	switch e.(type) {
	case *symbolic.Sum, *symbolic.Product, *symbolic.Power:
		si := en.skel(e)
		// The strategies are global to the node: their cost grows faster
		// than the skeleton's size (polynomial products, one normal form
		// per kernel). Past maxGlobal distinct nodes they are not run; a
		// wide node whose operands are unrelated has been split into
		// groups before (see simpGroups), so this leaves out only nodes
		// whose operands are all related. (Written out as a tree, a
		// skeleton can be far larger: high derivatives share most of
		// theirs, and need the normal form to stay small.)
		if si.tree > maxGlobal && en.skelDistinct(e) > maxGlobal {
			return out, true
		}
		_, isSum := e.(*symbolic.Sum)
		hasKernel := si.hasKernel()
		// Without a sum in the skeleton the canonical constructors already
		// give the rational normal form.
		if (isSum || si.sumBelow) && en.rationalMayChange(e) {
			if n := en.rationalForm(e, si); n != nil && n != e {
				out = append(out, rewrite{"rational normal form", n})
			}
			if isSum {
				out = appendRewrites(out, "fractions together", fractionTerms(e, en.normalForm))
			}
		}
		// Collecting the terms by their calls (collect.go) is linear in a
		// short sum, and a perfect power of a polynomial in one variable
		// (perfectpower.go) a few products of degree 16 at most; the
		// product rule's new sums need them: tried in light mode too.
		if isSum && si.calls != 0 {
			if c := collect(e); c != nil {
				out = append(out, rewrite{"collecting terms", c})
			}
			out = appendRewrites(out, "common factor", commonCall(e))
			if si.calls&(pythagMask()|funcBit(sigmoidFn)) != 0 {
				if c := pythagTerms(e); c != nil {
					out = append(out, rewrite{"Pythagorean terms", c})
				}
			}
		}
		if isSum && si.calls == 0 {
			if p := perfectPower(e); p != nil {
				out = append(out, rewrite{"perfect power", p})
			}
		}
		if m == light {
			return out, true
		}
		out = append(out, en.tiedOperands(e)...)
		out = appendRewrites(out, "groups apart", en.groupForms(e))
		if isSum && si.calls&(funcBit(symbolic.Log)|funcBit(log2Fn)|funcBit(log10Fn)) != 0 {
			out = appendRewrites(out, "logarithms apart", logsApart(e, en.domain))
		}
		out = appendRewrites(out, "shared sum", sharedSum(e, en.normalForm))
		out = appendRewrites(out, "root content", rootContent(e))
		out = appendRewrites(out, "fraction content", fractionContent(e))
		out = appendRewrites(out, "negated bases", negatedBases(e))
		out = appendRewrites(out, "roots together", rootsTogether(e))
		out = appendRewrites(out, "a root's base", rootBase(e))
		out = appendRewrites(out, "squares under a root", rootSquares(e, en.normalForm))
		if isSum && si.calls&prodSumMask() != 0 {
			out = appendRewrites(out, "product to sum", productToSum(e))
		}
		// Each kernel strategy rewrites calls of its functions in the
		// skeleton, and gives nothing where there are none.
		if si.calls&funcBit(symbolic.Exp) != 0 {
			out = appendRewrites(out, "exp ratio", expRatio(e, en.splitMultiple))
		}
		if si.calls&funcBit(softplusFn) != 0 {
			out = appendRewrites(out, "softplus reflection", softplusReflect(e, en.splitMultiple))
		}
		if si.calls&funcBit(tanhFn) != 0 {
			out = appendRewrites(out, "tanh-sigmoid exchange", tanhSigmoid(e))
		}
		if have&hyperbolicMask() != 0 && have&funcBit(symbolic.Log) != 0 {
			out = appendRewrites(out, "hyperbolic of a log", hyperbolicOfLog(e))
		}
		if hasKernel && en.kernelMayChange(e) {
			for _, k := range sigmoidKernelWith(e, en.kernelSplit) {
				out = append(out, rewrite{"sigmoid kernel", k})
			}
		}
		out = append(out, trigKernel(e, have)...)
		// Where the kernel does not look (see trigCalls), the Pythagorean
		// identities alone, on a pair of functions of one argument.
		if si.tree > maxTrigNodes && pairCalled(si.calls) {
			out = appendRewrites(out, "Pythagorean identity", pythagorean(e))
		}
	}
	return out, true
}

// signOut returns f(-u) for e = f(u), f odd (negated) or even, where u is a
// sum whose terms all print with a minus sign, and nil otherwise: the
// constructor takes the sign out of a product (sin(-x) is -sin(x)), but a
// sum's sign is a choice, and a rewrite can write tanh(-x^2 - 1), which is
// -tanh(x^2 + 1). The two cost the same; the search takes the one with
// fewer minus signs.
func signOut(e symbolic.Expr) symbolic.Expr {
	c, ok := e.(*symbolic.Call)
	if !ok || c.Func().Parity == 0 || len(c.Args()) != 1 {
		return nil
	}
	s, ok := c.Arg().(*symbolic.Sum)
	if !ok {
		return nil
	}
	for _, t := range s.Terms() {
		if !symbolic.HasNegativeSign(t) {
			return nil
		}
	}
	r, ok := try(func() symbolic.Expr {
		r := symbolic.Apply(c.Func(), symbolic.Neg(s))
		if c.Func().Parity < 0 {
			r = symbolic.Neg(r)
		}
		return r
	})
	if !ok {
		return nil
	}
	return r
}

// termCount returns the number of terms of e as a sum: 1 if e is not one.
func termCount(e symbolic.Expr) int {
	if s, ok := e.(*symbolic.Sum); ok {
		return len(s.Terms())
	}
	return 1
}

// maxNegatedTerms bounds the sums whose negation the rules are tried on.
const maxNegatedTerms = 4

// partScales appends to out the coefficients by which part of s, rather
// than all of it, is a multiple of an identity the rules spell with a
// number: 3 - 3*tanh(x)^2 - log(z) holds 3*(1 - tanh(x)^2), which the
// rules see in (3 - 3*tanh(x)^2 - log(z))/3. A scale is, in a sum s with a
// number term n, |n| itself, or the coefficient k (taken positive) of a
// term with a call where n/k is a small rational; in a sum without one,
// a coefficient that two terms with calls share (3*cosh(x) + 3*sinh(x) +
// exp(y) holds 3*(cosh(x) + sinh(x))). Each is other than c (s's content)
// and a small rational (numerator and denominator at most maxStructural),
// as the identities' coefficients are. At most maxPartScales, and only in
// sums of at most maxPartScaleTerms terms; it returns how many it
// appended.
func partScales(s *symbolic.Sum, c symbolic.Rat, out []symbolic.Rat) int {
	ts := s.Terms()
	if len(ts) > maxPartScaleTerms {
		return 0
	}
	small := func(r symbolic.Rat) bool { return smallRat(r, maxStructural) }
	abs := absRat
	c = abs(c)
	n, ok := ts[0].(*symbolic.Number)
	if !ok {
		// The coefficients that two terms with calls share.
		var ks [maxPartScaleTerms]symbolic.Rat
		nk := 0
		for _, t := range ts {
			if !hasCallFactor(t) {
				continue
			}
			k, _ := splitProduct(t)
			k = abs(k)
			if k.Equal(c) || !small(k) {
				continue
			}
			if slices.ContainsFunc(ks[:nk], k.Equal) {
				if !slices.ContainsFunc(out, k.Equal) && len(out) < cap(out) {
					out = append(out, k)
				}
				continue
			}
			ks[nk] = k
			nk++
		}
		return len(out)
	}
	// The number itself first: most identities have a number 1 or -1
	// (1 - tanh^2, 2*sigmoid(2*a) - 1, 1 - 2*sin(a)^2).
	if k := abs(n.Exact()); !k.Equal(c) && small(k) && len(out) < cap(out) {
		out = append(out, k)
	}
	for _, t := range ts[1:] {
		if !hasCallFactor(t) {
			continue
		}
		k, _ := splitProduct(t)
		k = abs(k)
		if k.Equal(c) || !small(k) || !small(n.Exact().Quo(k)) || slices.ContainsFunc(out, k.Equal) {
			continue
		}
		if len(out) == cap(out) {
			break
		}
		out = append(out, k)
	}
	return len(out)
}

// maxPartScales and maxPartScaleTerms bound the work of partScales' scales:
// each is a run of the rules on the scaled sum.
const (
	maxPartScales     = 2
	maxPartScaleTerms = 8
)

// argDen is the largest denominator of the numeric coefficient of a call's
// argument in e's rational skeleton (2 for sin(x/2) + 1), looking at no
// more than 64 skeleton nodes.
func argDen(e symbolic.Expr) int64 {
	d, budget := int64(1), 64
	var walk func(n symbolic.Expr)
	walk = func(n symbolic.Expr) {
		if budget--; budget < 0 {
			return
		}
		if c, ok := n.(*symbolic.Call); ok {
			for _, a := range c.Args() {
				if k, _ := splitProduct(a); k.IsBig() {
					d = max(d, 1<<62)
				} else {
					d = max(d, k.Den64())
				}
			}
			return
		}
		if inSkeleton(n) {
			for _, c := range symbolic.Children(n) {
				walk(c)
			}
		}
	}
	walk(e)
	return d
}

// rationalForm returns e as a normalised rational function of its kernels,
// or nil.
func rationalForm(e symbolic.Expr) symbolic.Expr { return rationalFormWith(e, nil) }

// rationalFormWith is rationalForm with the nodes for which opaque (if not
// nil) reports true read as kernels.
func rationalFormWith(e symbolic.Expr, opaque func(symbolic.Expr) bool) symbolic.Expr {
	return rationalFormLimit(e, opaque, 0)
}

// rationalFormLimit is rationalFormWith with polynomials of up to terms
// terms (maxPolyTerms if 0).
func rationalFormLimit(e symbolic.Expr, opaque func(symbolic.Expr) bool, terms int) symbolic.Expr {
	n := getNormaliser()
	defer putNormaliser(n)
	n.opaque, n.terms = opaque, terms
	defer func() { n.terms = 0 }()
	r, ok := n.normalise(e)
	if !ok {
		return nil
	}
	return n.toExpr(r)
}

// maxNormalDepth is how many levels of sums the rational normal form of a
// searched node looks down its skeleton; sums nested deeper are read as
// kernels.
const maxNormalDepth = 4

// rationalForm is the rational normal form of e, whose skeleton is si, as
// a rewrite of the search: it looks at most maxNormalDepth levels of sums
// down, a node of e whose own sums nest at most si.sumDepth -
// maxNormalDepth deep being read as a kernel. The derivative of a chain
// that adds a term at each level (sin(u + x), tanh(w*u + x), an RNN's
// recurrence) nests a sum at every level, and the normal form of each
// level expanded the whole chain below it: a chain of 100 took 2.5-5 s,
// and the work grew as the cube of its length. With the window, a node's
// normal form costs what its top levels hold, and what it can collect or
// cancel lies there (the product rule's sums, a quotient's numerator and
// denominator, the polynomials of high derivatives, none nested so deep).
func (en *engine) rationalForm(e symbolic.Expr, si skelInfo) symbolic.Expr {
	terms := normalTerms(si)
	if si.sumDepth <= maxNormalDepth {
		return rationalFormLimit(e, nil, terms)
	}
	floor := si.sumDepth - maxNormalDepth
	return rationalFormLimit(e, func(x symbolic.Expr) bool {
		return inSkeleton(x) && en.skel(x).sumDepth <= floor
	}, terms)
}

// normalTerms is the largest polynomial the search's normal form of a node
// with skeleton si builds: maxPolyTerms, or a quarter of the skeleton
// written out as a tree where that is more, up to maxNormalTerms. A node
// that holds a large polynomial may need its normal form to hold one as
// large: the derivatives of x^x are x^x times a polynomial in log(x) and
// 1/x of about n^2/2 terms, and from order 24 on that outgrew 256 terms,
// the normal form gave up, and the derivatives swelled (-n 30 x^x took 19
// s and printed a DAG of 5008 nodes; now 4.6 s and 974). A bound fixed at
// 1024 did the same for x^x but let small nodes multiply out into large
// polynomials only to drop them (-n 8 tan(x)^x 2.0 -> 3.7 s).
func normalTerms(si skelInfo) int {
	return int(min(max(maxPolyTerms, si.tree/4), maxNormalTerms))
}

// maxNormalTerms bounds normalTerms.
const maxNormalTerms = 4096

// normalForm is rationalForm of e as the search takes it (see
// engine.rationalForm), for the strategies that normalise a rewritten e.
func (en *engine) normalForm(e symbolic.Expr) symbolic.Expr {
	return en.rationalForm(e, en.skel(e))
}

// applyRules passes to f each rewrite of e by a rule (built-in, then the
// caller's) whose head is e's and whose functions are all in have. It
// reports false if the budget ran out.
func (en *engine) applyRules(e symbolic.Expr, have funcMask, f func(rule string, n symbolic.Expr)) bool {
	h := headOf(e)
	for _, r := range en.builtinFor(h, have, false) {
		if en.spent() {
			return false
		}
		r.apply(en.applier(), e, defaultMatches, 20000, f)
	}
	for _, r := range en.byHead[h] {
		if r.needs&^have != 0 {
			continue // a function of the left side is not in e
		}
		if en.spent() {
			return false
		}
		r.apply(en.applier(), e, defaultMatches, 20000, f)
	}
	return true
}

// A ruleSel selects built-in rules: those with left sides of head h that
// call only functions of have, final ones only or all of them.
type ruleSel struct {
	h     head
	have  funcMask
	final bool
}

// builtinFor returns the built-in rules that sel selects, in their order,
// parsing those whose functions are in have on first use. The selections
// are memoised for the engine: a search tries the rules at every node it
// searches and final ones at every node it meets, which walked every rule
// each time to find the few of the node's head. A rule that does not parse
// is left out; the error is the engine's (run returns it), unless only
// final ones were asked for (the search's call reports it).
func (en *engine) builtinFor(h head, have funcMask, final bool) []*Rule {
	sel := ruleSel{h, have, final}
	// A look-up in a small direct-mapped cache first: the search asks at
	// every node, and the map's hash of the selection cost more than the
	// rest of the call (2,530 calls, 13 selections, on the XOR MLP's
	// gradient).
	c := &en.ruleCache[sel.slot()]
	if c.ok && c.sel == sel {
		return c.rs
	}
	if rs, ok := en.ruleSets[sel]; ok {
		*c = ruleCacheEntry{sel, rs, true}
		return rs
	}
	src := en.builtin
	if final {
		src = en.finals
	}
	var rs []*Rule
	for _, l := range src {
		if l.needs&^have != 0 {
			continue // a function of the left side is not in e
		}
		r, err := l.get()
		if err != nil {
			if !final && en.err == nil {
				en.err = err
			}
			continue
		}
		if r.head == h && r.needs&^have == 0 {
			rs = append(rs, r)
		}
	}
	if en.ruleSets == nil {
		en.ruleSets = map[ruleSel][]*Rule{}
	}
	en.ruleSets[sel] = rs
	*c = ruleCacheEntry{sel, rs, true}
	return rs
}

// ruleCacheSlots is the size of an engine's cache of rule selections,
// 1 << ruleCacheBits.
const (
	ruleCacheBits  = 6
	ruleCacheSlots = 1 << ruleCacheBits
)

// A ruleCacheEntry is a slot of the cache: a selection and its rules.
type ruleCacheEntry struct {
	sel ruleSel
	rs  []*Rule
	ok  bool
}

// slot returns sel's slot in the cache.
func (sel ruleSel) slot() int {
	h := uint64(sel.have) ^ uint64(uintptr(unsafe.Pointer(sel.h.fn)))>>3 ^ uint64(sel.h.kind)<<1
	if sel.final {
		h ^= 1
	}
	return int((h * fibonacci) >> (64 - ruleCacheBits))
}

// applier returns the engine's applier (see Rule.apply), made on first use.
func (en *engine) applier() *applier {
	if en.apply == nil {
		en.apply = newApplier()
		en.apply.facts = en.domain
	}
	return en.apply
}

// oneMinusSigmoid writes the factors sigmoid(u) - 1 of a product as
// 1 - sigmoid(u), the form the derivative of a sigmoid writes, with the
// sign on the coefficient (an odd number of them only where there is a
// coefficient to take it, so the cost is the same). The search's forms
// take the sign of a factor from the normal form's arithmetic, so that
// the terms of one gradient came out with either, and the orientation
// pass at the end (orient.go) turned them back at the cost of rebuilding
// the whole result (a tenth of the XOR MLP's simplification). They are
// turned where a shape's nodes are searched (simpNode under viaShape),
// before the shape's form is filled: one turn serves every node of that
// shape, the neurons of a layer and the samples of a loss.
func oneMinusSigmoid(n symbolic.Expr) symbolic.Expr {
	p, ok := n.(*symbolic.Product)
	if !ok {
		return n
	}
	fs := p.Factors()
	var out []symbolic.Expr
	flips := int64(0)
	for i, f := range fs {
		s, k := sumPower(f)
		if s == nil || !sigmoidOffOne(s, -1) {
			continue
		}
		if out == nil {
			out = slices.Clone(fs)
		}
		out[i] = symbolic.Pow(symbolic.Neg(s), symbolic.Int(k))
		flips += k
	}
	if out == nil {
		return n
	}
	if flips%2 != 0 {
		c, ok := fs[0].(*symbolic.Number)
		if !ok {
			return n // no coefficient to take the sign
		}
		out[0] = symbolic.Neg(c)
	}
	r, ok := try(func() symbolic.Expr { return symbolic.Mul(out...) })
	if !ok {
		return n
	}
	return r
}
