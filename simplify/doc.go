// Package simplify finds the cheapest expression it can that is equal to a
// given one: the smallest form of a derivative, such as
// sigmoid(x)*(1 - sigmoid(x)) for the raw chain-rule result
// exp(-x)/(exp(-x) + 1)^2.
//
// Its entry points are Simplify (with options such as CollectSteps for
// the rewrites of a derivation, CollectStats, MaxNodes and WithCache), All
// for several expressions that share work, Equal to decide whether two
// expressions are the same function, and Cost, the measure it minimises.
//
// # What "simpler" means
//
// Cost is a weighted count of the distinct nodes of the expression DAG: a
// subexpression used twice is paid for once, a function call costs more than
// an addition, a root more than a square. Simplify returns the cheapest form
// it finds, and never one that costs more than its input. Shapes that
// float64 evaluates badly cost extra (see Cost): a difference that can
// cancel, and more a division by one, so a simplified form is not
// numerically worse than its input. Ties go to fewer minus signs, then
// the smaller tree, then fewer fractions, then the canonical order of
// package symbolic, so the same input always gives the same output.
//
// # How it searches
//
// Simplify walks the DAG bottom-up (each distinct node once, memoised on the
// interned nodes), except where a final rule (see Rules) applies to a whole
// node. At each node, with its children already simplified, it
// runs a small beam search over rewrites of that node: every rule whose left
// side has the node's head (sum, product, power, or call of a given
// function) and calls no function that the node does not call (the
// built-in rules are made rule by rule, when a node first needs a rule,
// from their sides compiled at build time), plus the strategies below,
// keeping the cheapest forms found. The
// search may go uphill for one round, so that a rewrite that pays off only
// after another one is found. Each rewrite's new subexpressions are
// simplified in turn (by the rules and the rational normal form only), and
// both the rewrite as built and the rewrite with simplified children are
// candidates, since a child's cheapest form alone may lose a subexpression
// it shared with its siblings (1 - sigmoid(x) is cheaper alone as
// sigmoid(-x), but not next to sigmoid(x)). The whole is repeated until
// nothing changes (at most four passes). All simplifies several
// expressions on one engine, so what they share is searched once.
//
// The strategies are:
//
//   - The rational normal form: the node is read as a quotient of
//     polynomials over Q in its "kernels" (symbols, calls, roots), kept as a
//     coefficient times a monomial times powers of primitive polynomials; a
//     polynomial factor of the numerator that divides one of the
//     denominator exactly (or the other way round) is cancelled. It
//     collects terms, combines powers, cancels common factors, and offers
//     both the factored and the multiplied-out form: (x^2 - 1)/(x - 1)
//     becomes x + 1.
//   - The sigmoid kernel: where exp(k*a) or sigmoid(±a) occur, s = sigmoid(a)
//     is taken as a kernel, exp(k*a) is written (s/(1 - s))^k and
//     sigmoid(-a) is 1 - s, the node is put in rational normal form and
//     sigmoid(a) put back. exp(-x)/(1 + exp(-x))^2 = ((1 - s)/s)*s^2 becomes
//     s*(1 - s), and the derivative of nested sigmoids becomes a product of
//     s_i*(1 - s_i). Each argument is tried alone, and all at once. Where
//     the result divides by 1 - s, the form without that division is
//     offered too (s/(1 - s) = exp(a), 1/(1 - s) = 1 + exp(a)), so that
//     exp(x)*sigmoid(x)^2 is not turned into s^3/(1 - s), which is +Inf
//     from x = 37.
//   - The exp ratio (two or more exp arguments): with each argument a in
//     turn as the reference, every exp(u) is written E^d*exp(u - d*a) for a
//     placeholder E and a degree d (linear: exp(k*a) has degree k, exp(a +
//     b) degree 2; or 1 for every exp), and the node put in rational normal
//     form; where E cancels, the form has one exp argument fewer:
//     exp(a)/(exp(a) + exp(b)) becomes 1/(1 + exp(b - a)), which the rules
//     make sigmoid(a - b). At most 8 rational normal forms per node.
//   - The softplus reflection: softplus(-a) written softplus(a) - a (and
//     softplus(a) as softplus(-a) + a) before the rational normal form, so
//     the cross-entropy y*softplus(-z) + (1 - y)*softplus(z) becomes
//     softplus(z) - y*z. At most 8 rational normal forms per node.
//   - The tanh-sigmoid exchange: where tanh(u) is beside sigmoid(±2*u) or
//     a number, tanh(u) written 2*sigmoid(2*u) - 1 (and, beside
//     sigmoid(±2*u), sigmoid(v) written (1 + tanh(v/2))/2) before the
//     rational normal form: tanh(x) - 2*sigmoid(2*x) becomes -1. At most 2
//     rational normal forms per node with a tanh.
//   - The shared sum: at a sum with a call term, for each polynomial sum S
//     in the variables inside a call (at most 4), a pivot variable v of S is
//     written T - (S - v) (scaled by its coefficient) in the rational
//     skeleton, the node normalised, the terms linear in T collected and S
//     put back for T: softplus(w*x + b) - w*x*y - b*y becomes
//     softplus(w*x + b) - y*(w*x + b). At most 4 rational normal forms per
//     node, after a walk of at most 256 nodes inside its calls.
//   - The trigonometric kernel (after Fu, Zhong and Zeng, 2006, the method
//     of SymPy's fu): the calls of sin, cos, tan, cot, sec and csc are
//     grouped by argument up to a rational multiple, each group written in
//     s = sin(b) and c = cos(b) for the base b (the gcd of the multiples;
//     sin(k*b) and cos(k*b) from (c + i*s)^k, |k| <= 3; tan = s/c, sec =
//     1/c, ...), and the node put in rational normal form. It is read as
//     it is, reduced with s^2 + c^2 = 1 toward s or toward c and normalised
//     again, and each of these with the double angles contracted (s*c =
//     sin(2b)/2, c^2 = (1 + cos(2b))/2), mapped back both in sin and cos
//     and with quotients of their powers read as tan, cot, sec and csc; the
//     cheapest of these is offered if it costs at least 2 less than the
//     node (groups of one call are left to the rules). The
//     hyperbolic functions work the same way (cosh^2 - sinh^2 = 1), with
//     exp(k*b) as (cosh(b) + sinh(b))^k where exp(b) and exp(-b) meet:
//     (exp(x) + exp(-x))/(exp(x) - exp(-x)) is coth(x). Two groups of one
//     family are also read product to sum (cos(x)*cos(y) - sin(x)*sin(y)
//     is cos(x + y)), and a call of a sum of their arguments beside a
//     product of their calls is expanded by the addition formulas
//     (sin(x + y) - sin(x)*cos(y) - cos(x)*sin(y) is 0); a quotient with
//     1 +- cos(u) is read in the half angle with numerator and denominator
//     reduced in opposite directions ((1 - cos(x))/(1 + cos(x)) is
//     tan(x/2)^2). The work at a node is bounded by a constant: nodes whose rational skeleton has more than
//     80 nodes or 24 such calls, or more than 2 groups to rewrite, are
//     skipped, multiples beyond 3 (or any, in a node of more than 24) are
//     not expanded, and the normaliser has a fixed work budget.
//
// The rational normal form keeps the content (coefficient and monomial)
// outside the sums in both its factored and its multiplied-out form:
// 2*x/(log(2)*(x^2 + 4)), not 2*x/(x^2*log(2) + 4*log(2)).
//
// Equality saturation over an e-graph (egg, POPL 2021) was the other
// candidate; the beam search with these strategies reaches the forms
// this package is asked for with a small, predictable amount of work, and
// the rules stay plain data either way.
//
// # Rules
//
// Rules are data, written in the input syntax of package parser, in the
// embedded files rules/*.rules (algebra, exp, hyperbolic, inverse,
// sigmoid, trig) and in the rows of the function table (symbolic.Func.Rules,
// for the rules that belong to one function alone, such as gelu-reflect),
// one rule a line:
//
//	# comment
//	name: lhs => rhs
//	name: lhs => rhs  if var op 0, var op 0
//
// for example
//
//	sigmoid-deriv:  exp(-a)/(1 + exp(-a))^2 => sigmoid(a)*(1 - sigmoid(a))
//	exp-log:        exp(log(a)) => a                 if a > 0
//
// A rule may end with "; final" (and must then have one variable and no
// condition):
//
//	sigmoid-deriv:  exp(-a)/(1 + exp(-a))^2 => sigmoid(a)*(1 - sigmoid(a))  ; final
//
// It says that the right side is the simplest form of the left side. Where
// a final rule's left side is a whole node with its variable bound to a
// variable (the derivative of sigmoid(x) written out, for one), Simplify
// takes the right side at once instead of searching that node: the answer
// to the commonest inputs then costs a match instead of a search. The
// package's tests check every final built-in rule's claim by running the
// search on its left side, with the shortcut off, and comparing.
//
// The rule files stay the one source of the rules. go generate also writes
// compiled_rules.go: each built-in rule line with a program that builds its
// two sides with the constructors, so that a process does not run the
// parser on the rules it needs (see compiledRule). A line whose program was
// compiled from other text (the file not regenerated) is parsed instead,
// and the package's tests fail until go generate ./simplify is run; they
// also check that every program builds the very nodes that parsing gives.
//
// rules/inverse.rules is generated by gen_inverse.go (go generate): f(g(a))
// for each trigonometric f and inverse trigonometric g (and the hyperbolic
// ones), from sin and cos of g(a) on g's domain, so sin(acos(x)) is
// sqrt(1 - x^2); asin(sin(x)) is not x for all x and is not a rule.
//
// Names are unique within a file and appear in the Steps. Every variable of
// a rule is a pattern variable (rules never mention a particular variable;
// pi and e are constants). The right side may use only variables of the
// left. A condition is "var op 0" with op one of > >= < <= !=; the rule is
// applied only where a small sign analysis proves the condition for the
// matched expression, from its structure (exp(log(x^2 + 1)) becomes x^2 + 1)
// or from the input's own domain (exp(log(x)) becomes x: log(x) is defined
// only where x > 0).
// A rule must hold wherever both sides are defined and its condition holds;
// the package's tests evaluate both sides of every built-in rule at random
// points and fail on any difference. ParseRules reads rules of the same
// format, and WithRules adds them to a call.
//
// Matching is modulo the associativity and commutativity of the canonical
// n-ary sums and products of package symbolic:
//
//   - A sum or product pattern at the root of a left side matches any subset
//     of a sum's terms or a product's factors; the rest is kept beside the
//     rewritten part. sin(a)^2 + cos(a)^2 matches y + cos(x)^2 + sin(x)^2,
//     and 2*sin(a)*cos(a) matches 6*y*sin(x)*cos(x).
//   - Nested inside, a sum or product pattern must account for everything;
//     its last variable operand takes whatever is left over, numbers
//     included. So -a matches any expression (a is its negation): exp(-a)
//     matches exp(-x) with a = x, exp(-w*x - b) with a = w*x + b, and
//     exp(x) with a = -x.
//   - A power pattern p^k with an integer k also matches p^(j*k):
//     1/cos(a) rewrites cos(x)^-2 to sec(x)^2, and abs(a)^2 => a^2
//     rewrites 1/abs(x)^2 to 1/x^2 (j may be negative).
//
// # Budgets, cancellation and errors
//
// The search is bounded by counted budgets: the number of candidate
// expressions it builds (MaxNodes; by default it grows with the input) and
// the rounds of rewriting at each node (MaxIterations). Running out of a
// budget is not an error: the cheapest form found so far is returned, and
// CollectStats says so. There is no time budget, so results depend only on
// the input and the options, never on the machine. A cancelled or expired
// context is an error wrapping ErrCanceled, and the input comes back
// unsimplified.
//
// The work grows with the DAG, not with its square: candidates are
// measured only down to nodes measured before, wide sums and products are
// searched group by group, nodes whose calls nest deeper than three are
// searched through their shape (shared by the levels of a chain), and the
// strategies run only where they can change a node. docs/simplify.md gives
// the cost of each part.
//
// Rewrites preserve values wherever both forms are defined, but a form may
// be defined where the other is not: (x^2 - 1)/(x - 1) simplifies to x + 1,
// which also has a value at x = 1, and cancelling exp(-x)/(1 + exp(-x))^2
// divides by sigmoid(x), which is never 0. A rewrite may extend the domain
// only at isolated points, never over an interval, and never shrinks it:
// sign(u)/abs(u) becomes 1/u (both undefined at u = 0), log(sqrt(u)) becomes
// log(u)/2, and log(x^2) is not 2*log(x) (which is undefined for x < 0).
// The one exception is the input's own domain, taken as given: an input
// that calls log(u) is defined only where u > 0 (its square roots, where
// their bases are >= 0), so rules may assume it there, and exp(2*log(x))
// becomes x^2, defined on a larger set (see domainFacts).
//
// # Equality
//
// Equal decides whether two expressions are the same function: Proven when
// their difference simplifies to 0 or both simplify to one form, Numeric
// when they agree at random points, or Different with a witness point.
package simplify
