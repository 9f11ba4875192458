package simplify

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/symdiff/symdiff/symbolic"
)

// A Kind is the outcome of Equal.
type Kind int

const (
	// Unknown: no proof, and no point where both sides could be evaluated.
	Unknown Kind = iota
	// Proven: the simplifier brought a - b to 0, or a and b to the same form.
	Proven
	// Numeric: no proof, but the two sides agree at every sample point.
	Numeric
	// Different: the two sides differ at the witness point.
	Different
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Proven:
		return "proven equal"
	case Numeric:
		return "numerically equal"
	case Different:
		return "different"
	}
	return "unknown"
}

// A Verdict is the result of Equal.
type Verdict struct {
	Kind Kind
	// Points is the number of sample points at which both sides were
	// evaluated (for Numeric and Different).
	Points int
	// Witness is a point where the sides differ (for Different), a value for
	// each variable; A and B are the two values there.
	Witness map[*symbolic.Symbol]float64
	A, B    float64
}

// String describes the verdict, with the witness point of a difference.
func (v Verdict) String() string {
	switch v.Kind {
	case Numeric:
		return fmt.Sprintf("numerically equal at %d random points", v.Points)
	case Different:
		var parts []string
		for _, s := range sortedSyms(v.Witness) {
			parts = append(parts, fmt.Sprintf("%s=%g", s.Name(), v.Witness[s]))
		}
		return fmt.Sprintf("different: at %s the sides are %g and %g", strings.Join(parts, ", "), v.A, v.B)
	}
	return v.Kind.String()
}

func sortedSyms(m map[*symbolic.Symbol]float64) []*symbolic.Symbol {
	var ss []*symbolic.Symbol
	for s := range m {
		ss = append(ss, s)
	}
	// Sort by name so that the text is the same in every run.
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j].Name() < ss[j-1].Name(); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
	return ss
}

// Points sets the number of random points Equal samples (default 20).
func Points(n int) Option { return func(c *config) { c.points = n } }

// Seed sets the seed of Equal's random points (default 1), which are
// otherwise the same in every run.
func Seed(s uint64) Option { return func(c *config) { c.seed = s } }

// Equal decides whether a and b are the same function. It first tries a
// proof: Simplify(a - b) is 0, or a and b simplify to the same expression.
// Failing that, it evaluates both at random points (each variable uniform
// in [-3, 3], points where either side is undefined skipped) and reports
// Numeric if they agree to a relative tolerance of 1e-9 everywhere, or
// Different with the first point where they do not. Options are those of
// Simplify, plus Points and Seed.
func Equal(ctx context.Context, a, b symbolic.Expr, opts ...Option) (Verdict, error) {
	if a == nil || b == nil {
		return Verdict{}, errors.New("simplify: nil expression")
	}
	if a == b {
		return Verdict{Kind: Proven}, nil
	}
	diff, err := subSafe(a, b)
	if err != nil {
		return Verdict{}, err
	}
	if d, err := Simplify(ctx, diff, opts...); err == nil && d == symbolic.Zero {
		return Verdict{Kind: Proven}, nil
	}
	sa, errA := Simplify(ctx, a, opts...)
	sb, errB := Simplify(ctx, b, opts...)
	if errA == nil && errB == nil && sa == sb {
		return Verdict{Kind: Proven}, nil
	}
	cfg := newConfig(opts)
	vars := symbolic.Symbols(symbolic.Add(a, b))
	rng := rand.New(rand.NewPCG(cfg.seed, 0x5eed))
	v := Verdict{Kind: Unknown}
	for try := 0; try < 20*cfg.points && v.Points < cfg.points; try++ {
		env := make(map[*symbolic.Symbol]float64, len(vars))
		for _, s := range vars {
			env[s] = math.Round((rng.Float64()*6-3)*1e6) / 1e6
		}
		ev := symbolic.Evaluator{Env: env}
		x, y := ev.Eval(a), ev.Eval(b)
		if !finite(x) || !finite(y) {
			continue
		}
		v.Points++
		if !closeTo(x, y, 1e-9) {
			return Verdict{Kind: Different, Points: v.Points, Witness: env, A: x, B: y}, nil
		}
	}
	if v.Points > 0 {
		v.Kind = Numeric
	}
	return v, nil
}

func subSafe(a, b symbolic.Expr) (d symbolic.Expr, err error) {
	defer symbolic.Recover(&err)
	return symbolic.Sub(a, b), nil
}
