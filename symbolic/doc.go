// Package symbolic is the expression core of symdiff: the expression DAG,
// its canonical constructors, the table of functions, differentiation and
// the text printer.
//
// Its entry points are the constructors (Sym, Int, Add, Mul, Pow, Apply,
// ...), D and Diff for a derivative, Gradient, Jacobian and Hessian for
// partial derivatives, and String and Format for the text of an
// expression.
//
// # Expressions
//
// An Expr is one of *Number (an exact rational), *Symbol (a variable, or the
// constants Pi and E), *Sum, *Product, *Power and *Call (a function of the
// table applied to arguments). Nodes are immutable and interned: building
// the same expression twice gives the same pointer, so == is structural
// equality, maps keyed by Expr are memo tables, and an expression is a DAG
// whose size (Size) is its number of distinct nodes. The intern table is
// safe for concurrent use and holds nodes weakly, so expressions no longer
// referenced are collected.
//
// # Canonical forms
//
// The constructors (Add, Mul, Pow, Apply, Sub, Div, Neg, Sqrt, Int, Frac,
// Sym) return canonical forms: nested sums and products are flattened,
// numbers folded exactly, like terms and like factors collected (x + x is
// 2*x, x*x is x^2), 0+ and 1* dropped, operands sorted by Compare; a - b is
// a + (-1)*b and a/b is a*b^-1; e^x is exp(x) and sqrt(x) is x^(1/2).
// Apply evaluates functions exactly where the value is short: sin(pi/6)
// is 1/2, atan(1) is pi/4, and a shift of a circular function by a
// multiple of pi/2 is the function it turns into (cos(x + pi/2) is
// -sin(x)). An odd or even function takes a negative sign out of its
// argument (sin(-x) is -sin(x), cosh(-x) is cosh(x)), and abs and sign a
// number factor: abs(-3*x) is 3*abs(x), sign(x/2) is sign(x).
//
// Numbers and powers of positive rationals with rational exponents
// (numeric radicals) have one form for one value: the rational
// coefficient takes the integer part of each prime's exponent, rounded
// down, and each prime keeps the fraction; primes whose fractions have the
// same denominator share one power, with the smallest base; and a power
// whose primes divide the coefficient's denominator is written as a
// denominator. So sqrt(12) is 2*sqrt(3), 2^(3/2) is 2*sqrt(2),
// sqrt(2)*sqrt(3) is sqrt(6), sqrt(6)/sqrt(3) is sqrt(2), sqrt(2)*sqrt(8)
// is 4, sqrt(2)/2 and sqrt(1/2) are 1/sqrt(2) (the node 2^(-1/2)),
// 3*sqrt(2)/2 is 3/sqrt(2), sqrt(6)/4 stays, (1/4)^(1/3) is 1/2^(2/3),
// 4^(1/3) is 2^(2/3) and 2^(1/3)*3^(2/3) is 18^(1/3). Bases are factored
// by trial division by the primes below 1000 only; a base or exponent
// beyond 64 bits, and a form that would need a number beyond the bound,
// are left as they are.
//
// Nothing more: expansion, factoring and identities between functions are
// the simplify package's work. A constructor that meets a division by zero
// or an exact number beyond MaxNumberBits panics with an *Error; Recover
// turns that into an error value at an API boundary.
//
// # Functions
//
// Every function is one row of the table (Func): its derivative, its
// float64 and complex128 implementations, its domain and its LaTeX name.
// The differentiator, the printers, the evaluator and the tests all read the
// same row. Abstract returns functions known only by name, for f(g(x)).
//
// # Differentiation
//
// D is a memoised walk over the DAG: an input of n distinct nodes takes O(n)
// node operations, and chain-rule products stay pending until needed so that
// deep compositions do not rebuild long products at every level. D does not
// simplify. Diff is D with a context and errors, and options: Order(n) for
// the n-th derivative, MaxNodes(n) for a bound on the result, and
// Trace(&steps), which applies the same rules with the constant multiple
// and quotient rules a textbook shows and records the steps (rule, parts,
// their derivatives) that package derive prints. Gradient gives every
// partial derivative in one reverse sweep; Jacobian and Hessian give the
// matrices, under a context. Local states the local partial
// derivative of each node kind once; D's rules, Gradient's backward sweep
// and package graph's numeric edges all take it from there.
package symbolic
