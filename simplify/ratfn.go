package simplify

import (
	"cmp"
	"github.com/symdiff/symdiff/internal/arith"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/symdiff/symdiff/symbolic"
)

// This file is the rational-function normaliser: it reads an expression as
// a quotient of polynomials over Q in "kernels" (symbols, calls and roots,
// which it treats as independent variables), keeps it as a coefficient
// times a monomial times powers of primitive polynomials, and cancels a
// polynomial factor of the numerator against one of the denominator when
// one divides the other exactly. It collects like terms, combines powers and
// cancels (x^2 - 1)/(x - 1) into x + 1; with the sigmoid kernel substitution
// (kernel.go) it turns exp(-x)/(1 + exp(-x))^2 into s*(1 - s).

// maxPolyTerms bounds every polynomial the normaliser builds (but see
// normalTerms); beyond it the
// normaliser gives up (errTooBig) and the expression is left as it was.
const maxPolyTerms = 256

// maxPolyPower bounds the integer powers the normaliser reads as powers of
// polynomials (beyond 64, only of polynomials with coefficient 1 or -1);
// higher powers are kernels of their own.
const maxPolyPower = 4096

type tooBig struct{}

// A vexp is one variable of a monomial and its exponent.
type vexp struct{ v, e int }

// A mono is a monomial: variables in increasing order, non-zero exponents.
type mono []vexp

// A pterm is a term of a polynomial.
type pterm struct {
	m mono
	c symbolic.Rat
}

// A poly is a sparse polynomial, terms in decreasing monomial order.
type poly []pterm

// A factor is a primitive polynomial (two or more terms) raised to a
// non-zero integer power.
type factor struct {
	p   poly
	key string
	e   int
}

// A ratfn is coef * mono * product of factors.
type ratfn struct {
	coef symbolic.Rat
	m    mono
	fs   []factor // sorted by key
}

// A normaliser holds the kernels met while reading one expression.
type normaliser struct {
	kernels []symbolic.Expr
	index   map[symbolic.Expr]int
	memo    map[symbolic.Expr]*ratfn
	work    int
	// terms bounds every polynomial it builds (maxPolyTerms if 0; see
	// normalTerms).
	terms int
	// opaque, where not nil, says which nodes are read as kernels rather
	// than looked into (see engine.rationalForm).
	opaque func(symbolic.Expr) bool
}

// maxTerms is the bound on the polynomials n builds.
func (n *normaliser) maxTerms() int {
	if n.terms > 0 {
		return n.terms
	}
	return maxPolyTerms
}

func newNormaliser() *normaliser {
	return &normaliser{index: map[symbolic.Expr]int{}, memo: map[symbolic.Expr]*ratfn{}}
}

// normalisers holds normalisers for rationalForm to reuse: the search
// calls it on many small sums, and a fresh normaliser's maps grow from
// empty each time.
var normalisers sync.Pool

// maxPooledMemo is the most entries of a normaliser's memo that
// putNormaliser keeps for reuse: clearing a map costs its capacity, which
// a large input would make every later small call pay.
const maxPooledMemo = 1024

// getNormaliser returns an empty normaliser, reused if one is pooled.
func getNormaliser() *normaliser {
	if n, ok := normalisers.Get().(*normaliser); ok {
		return n
	}
	return newNormaliser()
}

// putNormaliser empties n and pools it, unless its tables are large. A
// reused normaliser behaves as a new one: its kernels are numbered from 0
// and its memo is empty.
func putNormaliser(n *normaliser) {
	if len(n.memo) > maxPooledMemo || len(n.index) > maxPooledMemo {
		return
	}
	clear(n.kernels)
	n.kernels = n.kernels[:0]
	clear(n.index)
	clear(n.memo)
	n.work = 0
	n.opaque = nil
	normalisers.Put(n)
}

// maxNormaliserWork bounds the work of one normaliser, counted in terms
// collected.
const maxNormaliserWork = 2000000

func (n *normaliser) tick(k int) {
	n.work += k
	if n.work > maxNormaliserWork {
		panic(tooBig{})
	}
}

func (n *normaliser) kernel(e symbolic.Expr) int {
	if i, ok := n.index[e]; ok {
		return i
	}
	n.kernels = append(n.kernels, e)
	n.index[e] = len(n.kernels) - 1
	return len(n.kernels) - 1
}

// normalise returns the normal form of e and true, or false if e is too big
// to normalise within the limits.
func (n *normaliser) normalise(e symbolic.Expr) (r *ratfn, ok bool) {
	defer gaveUp(&r)
	return n.read(e), true
}

func (n *normaliser) read(e symbolic.Expr) *ratfn {
	if r, ok := n.memo[e]; ok {
		return r
	}
	if n.opaque != nil && n.opaque(e) {
		r := n.atom(e, 1)
		n.memo[e] = r
		return r
	}
	var r *ratfn
	switch x := e.(type) {
	case *symbolic.Number:
		r = &ratfn{coef: x.Exact()}
	case *symbolic.Sum:
		r = n.read(x.Terms()[0])
		for _, t := range x.Terms()[1:] {
			r = n.add(r, n.read(t))
		}
	case *symbolic.Product:
		r = n.read(x.Factors()[0])
		for _, f := range x.Factors()[1:] {
			r = n.mul(r, n.read(f))
		}
	case *symbolic.Power:
		k, isNum := x.Exp().(*symbolic.Number)
		switch {
		case isNum && k.IsInt():
			if ki, ok := k.Int64(); ok && ki >= -64 && ki <= 64 {
				r = n.pow(n.read(x.Base()), int(ki))
				break
			}
			// A high power of a base with a unit coefficient (the
			// (x^2 + 1)^66 of a high derivative) only scales exponents;
			// other coefficients would grow with the power.
			if ki, ok := k.Int64(); ok && ki >= -maxPolyPower && ki <= maxPolyPower {
				if b := n.read(x.Base()); b.coef.Is(1) || b.coef.Is(-1) {
					r = n.pow(b, int(ki))
					break
				}
			}
			r = n.atom(e, 1)
		case isNum:
			// b^(p/q) = (b^(1/q))^p with b^(1/q) the kernel.
			q := k.Exact()
			if !q.IsBig() && q.Num64() >= -64 && q.Num64() <= 64 {
				root := symbolic.Pow(x.Base(), symbolic.Frac(1, q.Den64()))
				r = n.atom(root, int(q.Num64()))
				break
			}
			r = n.atom(e, 1)
		default:
			// b^(u + k) for an integer k is b^u * b^k: the derivatives
			// of x^x hold x^(x - 1), x^(x - 2), ..., one kernel x^x
			// times powers of x, not a kernel each.
			if u, k, ok := splitIntTerm(x.Exp()); ok && k >= -maxPolyPower && k <= maxPolyPower {
				r = n.mul(n.atom(symbolic.Pow(x.Base(), u), 1), n.pow(n.read(x.Base()), int(k)))
				break
			}
			r = n.atom(e, 1)
		}
	default:
		r = n.atom(e, 1)
	}
	n.memo[e] = r
	return r
}

func (n *normaliser) atom(e symbolic.Expr, k int) *ratfn {
	return &ratfn{coef: qOne, m: mono{{n.kernel(e), k}}}
}

func (r *ratfn) isZero() bool { return r.coef.Is(0) }

// monoMul returns a*b^k.
func monoMul(a, b mono, k int) mono {
	out := make(mono, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].v < b[j].v):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].v < a[i].v:
			out = append(out, vexp{b[j].v, b[j].e * k})
			j++
		default:
			if e := a[i].e + b[j].e*k; e != 0 {
				out = append(out, vexp{a[i].v, e})
			}
			i++
			j++
		}
	}
	return out
}

func (n *normaliser) mul(a, b *ratfn) *ratfn {
	if a.isZero() || b.isZero() {
		return &ratfn{coef: qZero}
	}
	r := &ratfn{coef: a.coef.Mul(b.coef), m: monoMul(a.m, b.m, 1)}
	r.fs = mergeFactors(a.fs, b.fs, 1)
	return n.cancel(r)
}

func (n *normaliser) pow(a *ratfn, k int) *ratfn {
	if k == 0 {
		return &ratfn{coef: qOne}
	}
	if a.isZero() {
		if k < 0 {
			panic(tooBig{}) // division by zero: leave it alone
		}
		return a
	}
	r := &ratfn{coef: qpow(a.coef, k), m: monoMul(nil, a.m, k)}
	r.fs = mergeFactors(nil, a.fs, k)
	return r
}

// mergeFactors returns the factors of a times those of b raised to k.
func mergeFactors(a, b []factor, k int) []factor {
	out := make([]factor, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].key < b[j].key):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].key < a[i].key:
			f := b[j]
			f.e *= k
			out = append(out, f)
			j++
		default:
			if e := a[i].e + b[j].e*k; e != 0 {
				f := a[i]
				f.e = e
				out = append(out, f)
			}
			i++
			j++
		}
	}
	return out
}

// add returns a + b: the common part (lowest powers of the monomial and the
// factors) times the sum of the two polynomials left.
func (n *normaliser) add(a, b *ratfn) *ratfn {
	if a.isZero() {
		return b
	}
	if b.isZero() {
		return a
	}
	// Common monomial: the minimum exponent of each variable (absent = 0).
	var cm mono
	vars := monoMul(monoMul(nil, a.m, 1), b.m, 1) // union, for the variable list
	_ = vars
	for _, v := range unionVars(a.m, b.m) {
		e := min(expOf(a.m, v), expOf(b.m, v))
		if e != 0 {
			cm = append(cm, vexp{v, e})
		}
	}
	var cf []factor
	for _, key := range unionKeys(a.fs, b.fs) {
		fa, ea := findFactor(a.fs, key)
		fb, eb := findFactor(b.fs, key)
		e := min(ea, eb)
		if e != 0 {
			f := fa
			if f.p == nil {
				f = fb
			}
			f.e = e
			cf = append(cf, f)
		}
	}
	common := &ratfn{coef: qOne, m: cm, fs: cf}
	pa := n.expand(n.divPart(a, common))
	pb := n.expand(n.divPart(b, common))
	s := n.polyAdd(pa, pb)
	if len(s) == 0 {
		return &ratfn{coef: qZero}
	}
	return n.cancel(n.mul(common, n.fromPoly(s)))
}

func unionVars(a, b mono) []int {
	return sortedUnion(a, b, func(x vexp) int { return x.v })
}

func expOf(m mono, v int) int {
	for _, x := range m {
		if x.v == v {
			return x.e
		}
	}
	return 0
}

func unionKeys(a, b []factor) []string {
	return sortedUnion(a, b, func(f factor) string { return f.key })
}

// sortedUnion returns the keys of the elements of a and b, each once, in
// increasing order.
func sortedUnion[T any, K cmp.Ordered](a, b []T, key func(T) K) []K {
	ks := make([]K, 0, len(a)+len(b))
	for _, x := range a {
		ks = append(ks, key(x))
	}
	for _, x := range b {
		if k := key(x); !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

func findFactor(fs []factor, key string) (factor, int) {
	for _, f := range fs {
		if f.key == key {
			return f, f.e
		}
	}
	return factor{}, 0
}

// divPart returns a/common, which has no negative exponents left.
func (n *normaliser) divPart(a, common *ratfn) *ratfn {
	return &ratfn{coef: a.coef, m: monoMul(a.m, common.m, -1), fs: mergeFactors(a.fs, common.fs, -1)}
}

// expand multiplies out a ratfn without negative exponents into a polynomial.
func (n *normaliser) expand(a *ratfn) poly {
	p := poly{{m: a.m, c: a.coef}}
	for _, f := range a.fs {
		for k := 0; k < f.e; k++ {
			p = n.polyMul(p, f.p)
		}
	}
	return p
}

// monoCmp orders monomials: higher total degree first, then by variables.
func monoCmp(a, b mono) int {
	da, db := 0, 0
	for _, x := range a {
		da += x.e
	}
	for _, x := range b {
		db += x.e
	}
	if da != db {
		return db - da
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i].v != b[i].v {
			return a[i].v - b[i].v
		}
		if a[i].e != b[i].e {
			return b[i].e - a[i].e
		}
	}
	return len(b) - len(a)
}

func monoKey(m mono) string {
	var sb strings.Builder
	for _, x := range m {
		sb.WriteString(strconv.Itoa(x.v))
		sb.WriteByte('^')
		sb.WriteString(strconv.Itoa(x.e))
		sb.WriteByte(' ')
	}
	return sb.String()
}

// collect sums the coefficients of equal monomials and sorts the terms.
func (n *normaliser) collect(ts []pterm) poly {
	n.tick(len(ts))
	slices.SortStableFunc(ts, func(a, b pterm) int { return monoCmp(a.m, b.m) })
	// Like terms are merged in place: every caller hands over a slice of
	// its own, and out never passes the term being read.
	out := poly(ts[:0])
	for _, t := range ts {
		if len(out) > 0 && monoCmp(out[len(out)-1].m, t.m) == 0 {
			last := &out[len(out)-1]
			last.c = last.c.Add(t.c)
			continue
		}
		out = append(out, t)
	}
	res := out[:0]
	for _, t := range out {
		if !t.c.Is(0) {
			res = append(res, t)
		}
	}
	if len(res) > n.maxTerms() {
		panic(tooBig{})
	}
	return res
}

func (n *normaliser) polyAdd(a, b poly) poly {
	ts := make([]pterm, 0, len(a)+len(b))
	ts = append(append(ts, a...), b...)
	return n.collect(ts)
}

func (n *normaliser) polyMul(a, b poly) poly {
	if len(a)*len(b) > 4*n.maxTerms()*n.maxTerms() {
		panic(tooBig{})
	}
	ts := make([]pterm, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			ts = append(ts, pterm{m: monoMul(x.m, y.m, 1), c: x.c.Mul(y.c)})
		}
	}
	return n.collect(ts)
}

// fromPoly splits a non-zero polynomial into coefficient, monomial content
// and a primitive factor with a positive leading coefficient.
func (n *normaliser) fromPoly(p poly) *ratfn {
	// Monomial content: the minimum exponent of each variable over all terms.
	var cm mono
	if len(p) > 0 {
		for _, x := range p[0].m {
			e := x.e
			for _, t := range p[1:] {
				e = min(e, expOf(t.m, x.v))
			}
			if e != 0 {
				cm = append(cm, vexp{x.v, e})
			}
		}
		// Variables absent from the first term may have negative exponents
		// elsewhere; take those too.
		for _, t := range p[1:] {
			for _, x := range t.m {
				if x.e < 0 && expOf(cm, x.v) == 0 && expOf(p[0].m, x.v) == 0 {
					e := 0
					for _, u := range p {
						e = min(e, expOf(u.m, x.v))
					}
					cm = monoMul(cm, mono{{x.v, e}}, 1)
				}
			}
		}
	}
	// Numeric content: gcd of numerators over lcm of denominators, with the
	// sign of the leading coefficient.
	c := content(p)
	if p[0].c.Sign() < 0 {
		c = c.Neg()
	}
	q := make(poly, len(p))
	for i, t := range p {
		q[i] = pterm{m: monoMul(t.m, cm, -1), c: t.c.Quo(c)}
	}
	slices.SortStableFunc(q, func(a, b pterm) int { return monoCmp(a.m, b.m) })
	if len(q) == 1 {
		return &ratfn{coef: c.Mul(q[0].c), m: monoMul(cm, q[0].m, 1)}
	}
	// A primitive polynomial may still have a negative leading coefficient
	// after re-sorting; normalise the sign.
	if q[0].c.Sign() < 0 {
		c = c.Neg()
		for i := range q {
			q[i].c = q[i].c.Neg()
		}
	}
	return &ratfn{coef: c, m: cm, fs: []factor{{p: q, key: polyKey(q), e: 1}}}
}

// content returns the gcd of p's numerators over the lcm of its
// denominators (positive; p is not zero).
func content(p poly) symbolic.Rat {
	var g, l int64 = 0, 1
	small := true
	for _, t := range p {
		if t.c.IsBig() {
			small = false
			break
		}
		g = arith.GCD(g, t.c.Num64())
		d := t.c.Den64() / arith.GCD(l, t.c.Den64())
		var ok bool
		if l, ok = arith.Mul(l, d); !ok {
			small = false
			break
		}
	}
	if small {
		return symbolic.NewRat(g, l)
	}
	gb := new(big.Int)
	lb := big.NewInt(1)
	for _, t := range p {
		r := t.c.Big()
		gb.GCD(nil, nil, gb, new(big.Int).Abs(r.Num()))
		d := r.Denom()
		lb.Mul(lb, new(big.Int).Quo(d, new(big.Int).GCD(nil, nil, lb, d)))
	}
	return symbolic.RatFromBig(new(big.Rat).SetFrac(gb, lb))
}

func polyKey(p poly) string {
	var sb strings.Builder
	for _, t := range p {
		sb.WriteString(t.c.String())
		sb.WriteByte('*')
		sb.WriteString(monoKey(t.m))
		sb.WriteByte(';')
	}
	return sb.String()
}

// polyDiv returns a/b and true if b divides a exactly.
func (n *normaliser) polyDiv(a, b poly) (poly, bool) {
	if !mayDivideMod(a, b) {
		return nil, false
	}
	var q []pterm
	rem := slices.Clone(a)
	lt := b[0]
	for steps := 0; len(rem) > 0; steps++ {
		if steps > 4*n.maxTerms() {
			return nil, false
		}
		t := rem[0]
		m := monoMul(t.m, lt.m, -1)
		for _, x := range m {
			if x.e < 0 {
				return nil, false
			}
		}
		c := t.c.Quo(lt.c)
		q = append(q, pterm{m: m, c: c})
		sub := make([]pterm, len(b))
		for i, u := range b {
			sub[i] = pterm{m: monoMul(u.m, m, 1), c: u.c.Mul(c).Neg()}
		}
		rem = n.polyAdd(rem, sub)
	}
	return n.collect(q), true
}

// cancel divides numerator factors by denominator factors (and the other way
// round) where the division is exact.
func (n *normaliser) cancel(r *ratfn) *ratfn {
	for changed := true; changed; {
		changed = false
		for i := range r.fs {
			for j := range r.fs {
				fi, fj := r.fs[i], r.fs[j]
				if i == j || fi.e <= 0 || fj.e >= 0 || len(fi.p) < len(fj.p) && len(fi.p) < 2 {
					continue
				}
				var big, small factor
				switch {
				case len(fi.p) >= len(fj.p):
					big, small = fi, fj
				default:
					big, small = fj, fi
				}
				quo, ok := n.polyDiv(big.p, small.p)
				if !ok && len(big.p) == len(small.p) {
					// As many terms is no sign of which divides which: 2 - x
					// divides x^2 - 4, not the other way.
					big, small = small, big
					quo, ok = n.polyDiv(big.p, small.p)
				}
				if !ok {
					continue
				}
				// big^e = (small*quo)^e.
				rest := &ratfn{coef: r.coef, m: r.m}
				for k, f := range r.fs {
					if f.key != big.key {
						rest.fs = append(rest.fs, r.fs[k])
					}
				}
				qr := n.pow(n.fromPoly(quo), big.e)
				sr := &ratfn{coef: qOne, fs: []factor{{p: small.p, key: small.key, e: big.e}}}
				out := &ratfn{coef: rest.coef, m: rest.m, fs: rest.fs}
				out = n.mulRaw(out, sr)
				out = n.mulRaw(out, qr)
				r = out
				changed = true
				break
			}
			if changed {
				break
			}
		}
	}
	return r
}

func (n *normaliser) mulRaw(a, b *ratfn) *ratfn {
	return &ratfn{coef: a.coef.Mul(b.coef), m: monoMul(a.m, b.m, 1), fs: mergeFactors(a.fs, b.fs, 1)}
}

// toExpr converts r back into an expression, choosing the cheaper of the
// factored form and the form with numerator and denominator multiplied out.
func (n *normaliser) toExpr(r *ratfn) (out symbolic.Expr) {
	defer gaveUp(&out)
	if r.isZero() {
		return symbolic.Zero
	}
	// A factor with an odd exponent may carry its sign either way: (1 - s)
	// reads better than -(s - 1). Give each the sign with fewer negative
	// coefficients (then a positive constant term), and then flip single
	// factors where the whole reads better.
	coef := r.coef
	fs := slices.Clone(r.fs)
	for i, f := range fs {
		if f.e%2 != 0 && preferNegated(f.p) {
			fs[i] = factor{p: negPoly(f.p), key: f.key, e: f.e}
			coef = coef.Neg()
		}
	}
	factored := []symbolic.Expr{symbolic.NumberOf(coef), n.monoExpr(r.m)}
	for _, f := range fs {
		factored = append(factored, symbolic.Pow(n.polyExpr(f.p), symbolic.Int(int64(f.e))))
	}
	best := symbolic.Mul(factored...)
	// With a negative coefficient, each factor of odd exponent in turn
	// takes the sign instead; the flip that writes the fewest minus signs
	// is taken, then by the local cost. (By the cost alone,
	// -sec(x)^2*(2 - 3*sec(x)^2) beat sec(x)^2*(3*sec(x)^2 - 2), its 2
	// being shared with the exponent.) All flips compete: the first one no
	// worse than none wrote 2*(1 - 3*x)*(1 - 3*x*log(x) - 3*x), its -3*x
	// shared, where flipping the other factor writes 2*(3*x - 1)*(3*x*log(x)
	// + 3*x - 1).
	if coef.Sign() < 0 && len(fs) <= 8 {
		bestMinus := minuses(best)
		for i, f := range fs {
			if f.e%2 == 0 {
				continue
			}
			// factored with the coefficient and the i-th factor negated.
			fx := slices.Clone(factored)
			fx[0] = symbolic.NumberOf(coef.Neg())
			fx[2+i] = symbolic.Pow(n.polyExpr(negPoly(f.p)), symbolic.Int(int64(f.e)))
			x := symbolic.Mul(fx...)
			if mx := minuses(x); mx < bestMinus || mx == bestMinus && lessLocal(x, best) {
				best, bestMinus = x, mx
			}
		}
	}
	if exp := n.expanded(r); exp != nil && lessLocal(exp, best) {
		best = exp
	}
	return best
}

// expanded returns r with the polynomial factors of its numerator and of its
// denominator each multiplied out, and its content (coefficient and
// monomial) kept outside; nil if that is too big or is the factored form.
func (n *normaliser) expanded(r *ratfn) (out symbolic.Expr) {
	terms := 1
	for _, f := range r.fs {
		for k := 0; k < abs(f.e); k++ {
			terms *= len(f.p)
			if terms > n.maxTerms() {
				return nil
			}
		}
	}
	defer gaveUp(&out)
	// The content (coefficient and monomial) stays outside: multiplied
	// into a sum it would be paid for once per term, and a constant kernel
	// such as log(2) distributed over x^2 + 4 reads worse than
	// log(2)*(x^2 + 4).
	num, den := poly{{c: qOne}}, poly{{c: qOne}}
	nNum, nDen := 0, 0
	for _, f := range r.fs {
		for k := 0; k < abs(f.e); k++ {
			if f.e > 0 {
				num = n.polyMul(num, f.p)
				nNum++
			} else {
				den = n.polyMul(den, f.p)
				nDen++
			}
		}
	}
	if nNum < 2 && nDen < 2 {
		return nil // the factored form
	}
	return symbolic.Mul(symbolic.NumberOf(r.coef), n.monoExpr(r.m), n.polyExpr(num), symbolic.Pow(n.polyExpr(den), symbolic.MinusOne))
}

func negPoly(p poly) poly {
	neg := make(poly, len(p))
	for j, t := range p {
		neg[j] = pterm{m: t.m, c: t.c.Neg()}
	}
	return neg
}

// preferNegated reports whether -p reads better than p: fewer negative
// coefficients, or as many and a positive constant term.
func preferNegated(p poly) bool {
	negs, konst := 0, 0
	for _, t := range p {
		if t.c.Sign() < 0 {
			negs++
		}
		if len(t.m) == 0 {
			konst = t.c.Sign()
		}
	}
	pos := len(p) - negs
	if negs != pos {
		return negs > pos
	}
	return konst < 0
}

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// positivePart returns the part of m with exponents of sign s, made positive.
func positivePart(m mono, s int) mono {
	var out mono
	for _, x := range m {
		if x.e*s > 0 {
			out = append(out, vexp{x.v, x.e * s})
		}
	}
	return out
}

func (n *normaliser) monoExpr(m mono) symbolic.Expr {
	fs := make([]symbolic.Expr, len(m))
	for i, x := range m {
		fs[i] = symbolic.Pow(n.kernels[x.v], symbolic.Int(int64(x.e)))
	}
	return symbolic.Mul(fs...)
}

func (n *normaliser) polyExpr(p poly) symbolic.Expr {
	ts := make([]symbolic.Expr, len(p))
	for i, t := range p {
		ts[i] = symbolic.Mul(symbolic.NumberOf(t.c), n.monoExpr(t.m))
	}
	return symbolic.Add(ts...)
}

// splitIntTerm splits a sum u + k with an integer k != 0 into u and k.
func splitIntTerm(e symbolic.Expr) (symbolic.Expr, int64, bool) {
	s, ok := e.(*symbolic.Sum)
	if !ok {
		return nil, 0, false
	}
	ts := s.Terms()
	c, ok := ts[0].(*symbolic.Number)
	if !ok || !c.IsInt() {
		return nil, 0, false
	}
	k, ok := c.Int64()
	if !ok || k == 0 {
		return nil, 0, false
	}
	return symbolic.Add(ts[1:]...), k, true
}
