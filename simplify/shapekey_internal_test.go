package simplify

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/symbolic"
)

// referenceShape is shape as it was written before shapes were keyed: one
// walk that collects the variables to number by name, and one that builds
// the shape, rebuilding every node it passes. TestShapeKeys compares shape
// with it.
func referenceShape(en *engine, e symbolic.Expr) (s symbolic.Expr, vals []symbolic.Expr, held heldArgs, ok bool) {
	index := map[symbolic.Expr]int{}
	type at struct {
		n     symbolic.Expr
		depth int
	}
	memo := map[at]symbolic.Expr{}
	hold := func(n symbolic.Expr) symbolic.Expr {
		i, seen := index[n]
		if !seen {
			i = len(vals)
			if i == maxPlaceholders {
				return nil
			}
			index[n] = i
			vals = append(vals, n)
		}
		return placeholder(i)
	}
	if en.renameSymbols {
		syms, ok := referenceShapeSymbols(en, e)
		if !ok {
			return nil, nil, nil, false
		}
		for _, x := range syms {
			hold(x)
		}
	}
	steps := 0
	// Whether e is a sum whose shape holds its terms' data coefficients,
	// and whether the walk is entering one of its terms.
	coefTerms, entering := termCoefficients(e), false
	var walk func(n symbolic.Expr, depth int) symbolic.Expr
	walk = func(n symbolic.Expr, depth int) symbolic.Expr {
		term := entering
		entering = false
		switch n := n.(type) {
		case *symbolic.Number:
			if term && isData(n) {
				abs := n.Exact()
				if abs.Sign() < 0 {
					abs = abs.Neg()
				}
				k := hold(symbolic.NumberOf(abs))
				if k != nil && n.Sign() < 0 {
					k = symbolic.Neg(k)
				}
				return k
			}
			return n
		case *symbolic.Symbol:
			if !isPlaceholder(n) && (!en.renameSymbols || n.IsConstant()) {
				return n
			}
			return hold(n)
		}
		if depth >= shapeDepth || isPlaceholder(n) {
			return hold(n)
		}
		if r, ok := memo[at{n, depth}]; ok {
			return r
		}
		if steps++; steps > maxShapeWalk {
			return nil
		}
		d := depth
		_, isCall := n.(*symbolic.Call)
		if isCall {
			d++
		}
		kids := symbolic.Children(n)
		var nk []symbolic.Expr
		for i, c := range kids {
			var k symbolic.Expr
			if coef, ok := dataCoefficient(n); ok && (n == e || term) && i == 0 {
				// The node's own data coefficient: a placeholder with
				// its sign.
				abs := coef.Exact()
				if abs.Sign() < 0 {
					abs = abs.Neg()
				}
				if k = hold(symbolic.NumberOf(abs)); k != nil && coef.Exact().Sign() < 0 {
					k = symbolic.Neg(k)
				}
			} else if isCall && en.largeArg(c) {
				if k = en.holdArg(c, hold); k != nil {
					held = held.add(k, c)
				}
			} else {
				entering = n == e && coefTerms
				k = walk(c, d)
			}
			if k == nil {
				return nil
			}
			if k != c && nk == nil {
				nk = slices.Clone(kids)
			}
			if nk != nil {
				nk[i] = k
			}
		}
		r := n
		if nk != nil {
			var ok bool
			if r, ok = rebuildSafe(n, nk); !ok {
				return nil
			}
		}
		memo[at{n, depth}] = r
		return r
	}
	s = walk(e, 0)
	if s == nil || len(vals) == 0 {
		return nil, nil, nil, false
	}
	return s, vals, held, true
}

// referenceShapeSymbols returns the variables of e that its shape holds
// (not those below the levels of calls a shape keeps or inside a large
// argument), sorted by symbolic.Compare; false if there are more than a
// shape can hold or the walk would be longer than a shape's.
func referenceShapeSymbols(en *engine, e symbolic.Expr) ([]*symbolic.Symbol, bool) {
	var out []*symbolic.Symbol
	type at struct {
		n     symbolic.Expr
		depth int
	}
	seen := map[at]bool{}
	steps := 0
	ok := true
	var walk func(n symbolic.Expr, depth int)
	walk = func(n symbolic.Expr, depth int) {
		if !ok || depth >= shapeDepth {
			return
		}
		switch n := n.(type) {
		case *symbolic.Number:
			return
		case *symbolic.Symbol:
			if !n.IsConstant() && !isPlaceholder(n) && !slices.Contains(out, n) {
				out = append(out, n)
			}
			return
		}
		if seen[at{n, depth}] {
			return
		}
		seen[at{n, depth}] = true
		if steps++; steps > maxShapeWalk || len(out) > maxPlaceholders {
			ok = false
			return
		}
		_, isCall := n.(*symbolic.Call)
		d := depth
		if isCall {
			d++
		}
		for _, c := range symbolic.Children(n) {
			if isCall && en.largeArg(c) {
				continue
			}
			walk(c, d)
		}
	}
	walk(e, 0)
	if !ok || len(out) > maxPlaceholders {
		return nil, false
	}
	slices.SortFunc(out, func(a, b *symbolic.Symbol) int { return symbolic.Compare(a, b) })
	return out, true
}

// TestShapeKeys checks that shape, which builds a shape once per key,
// returns what referenceShape builds for every node that the search takes
// the shape of, in full simplifications of derivatives and gradients that
// take every path of a shape (calls nested deeper than a shape keeps, large
// arguments and their multiples, variables renamed or not, placeholders
// inside shapes, numbers small and large) and of the fuzz seed corpus; and
// that most of those shapes came from a key met before.
func TestShapeKeys(t *testing.T) {
	mlp := workloads.XOR(6)
	loss, ws := workloads.LogisticLoss(24)
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	u := symbolic.Add(symbolic.Mul(symbolic.Int(3), x), symbolic.Mul(symbolic.Int(5), y))
	for i := 2; i < 12; i++ {
		u = symbolic.Add(u, symbolic.Mul(symbolic.Int(int64(i)), symbolic.Sym("z"+strconv.Itoa(i))))
	}
	big, err := parser.Parse("123456789012345678901234567890*x*sigmoid(x*y) + sigmoid(-x*y)")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		es     []symbolic.Expr
		reused bool // most shapes come from a key met before
	}{
		{"nested sigmoid", []symbolic.Expr{symbolic.D(workloads.NestedSigmoid(12), workloads.X)}, true},
		{"sine chain", []symbolic.Expr{symbolic.D(workloads.SineChain(12), workloads.X)}, true},
		{"XOR MLP gradient", symbolic.Gradient(mlp.Loss, mlp.Params), true},
		{"logistic loss gradient", symbolic.Gradient(loss, ws), true},
		{"large multiples", symbolic.Gradient(symbolic.Add(
			symbolic.Apply(sigmoidFn, u),
			symbolic.Mul(x, symbolic.Apply(sigmoidFn, symbolic.Neg(u))),
			symbolic.Apply(symbolic.Exp, symbolic.Mul(symbolic.Int(2), u)),
			symbolic.Mul(symbolic.Pi, symbolic.Apply(softplusFn, symbolic.Mul(symbolic.Int(-3), u))),
		), []*symbolic.Symbol{x, y}), false},
		{"large number", symbolic.Gradient(big, []*symbolic.Symbol{x, y}), false},
		// Two nodes whose walks differ only in which node they meet again.
		{"shared nodes", []symbolic.Expr{
			symbolic.Mul(symbolic.Apply(symbolic.Exp, x), symbolic.Apply(symbolic.Exp, y), symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, x))),
			symbolic.Mul(symbolic.Apply(symbolic.Exp, x), symbolic.Apply(symbolic.Exp, y), symbolic.Add(symbolic.One, symbolic.Apply(symbolic.Exp, y))),
		}, false},
	}
	files, err := filepath.Glob("testdata/fuzz/FuzzSimplify/*")
	if err != nil {
		t.Fatal(err)
	}
	var seeds []symbolic.Expr
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, line, _ := strings.Cut(string(data), "\n")
		src, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(line, "string(")), ")"))
		if err != nil {
			continue
		}
		if e, err := parser.Parse(src); err == nil && symbolic.Size(e) <= 150 {
			seeds = append(seeds, e, symbolic.D(e, x))
		}
	}
	if len(seeds) < 50 {
		t.Fatalf("only %d fuzz seeds parsed", len(seeds))
	}
	tests = append(tests, struct {
		name   string
		es     []symbolic.Expr
		reused bool
	}{"fuzz seeds", seeds, false})
	defer func() { checkShape = nil }()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls, shapes := 0, 0
			var classes map[string]shapeClass
			checkShape = func(en *engine, e, s symbolic.Expr, vals []symbolic.Expr, held heldArgs, ok bool) {
				classes = en.shapeClasses
				calls++
				rs, rvals, rheld, rok := referenceShape(en, e)
				if ok != rok || ok && (s != rs || !slices.Equal(vals, rvals) || !slices.Equal(held, rheld)) {
					t.Errorf("shape(%v) = %v, %v, %v, %v; the reference builds %v, %v, %v, %v", e, s, vals, held, ok, rs, rvals, rheld, rok)
				}
				if ok {
					shapes++
				}
			}
			if _, err := All(context.Background(), tc.es); err != nil {
				t.Fatal(err)
			}
			if shapes == 0 {
				t.Fatalf("no shape taken (%d calls)", calls)
			}
			if tc.reused && 2*len(classes) > calls {
				t.Errorf("%d keys for %d shapes taken: keys are not reused", len(classes), calls)
			}
		})
	}
}

// TestTermCoefficients: which sums hold their terms' data coefficients in
// their shapes. Not where a relation between two coefficients, or one and
// the sum's number, could take part in an identity.
func TestTermCoefficients(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		// A partial of the logistic loss's gradient.
		{"33/100*sigmoid(u) - 47/100*sigmoid(v) + 71/100*sigmoid(w) - 13/10", true},
		// Equal up to sign: one placeholder, the relation kept.
		{"33/100*sigmoid(u) - 33/100", true},
		{"33/100*sigmoid(u) + 33/100*sigmoid(-u) + 47/100*exp(v)", true},
		// A ratio of 2 (2*sigmoid(2*u) - 1 is tanh(u)), of 3/4, of 4.
		{"66/100*sigmoid(2*u) - 33/100", false},
		{"33/100*cos(u) - 44/100*cos(u)^3", false},
		{"4*sigmoid(u) + 101/100*exp(v) + 404/100*exp(w)", false},
		// A structural coefficient beside a data one it is a multiple of.
		{"2*sin(u) + 33/50*cos(u)^2 + 33/100", false},
		// Nothing to hold: no data coefficient, or not a sum.
		{"2*sigmoid(u) - 1", false},
		{"33/100*sigmoid(u)", false},
	}
	for _, tc := range tests {
		e, err := parser.Parse(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := termCoefficients(e); got != tc.want {
			t.Errorf("termCoefficients(%v) = %v, want %v", e, got, tc.want)
		}
	}
}
