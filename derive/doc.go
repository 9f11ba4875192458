// Package derive shows how a derivative is found, step by step, as a
// textbook does: each step names its rule, writes the rule with the
// derivatives of the parts still to be taken, works them out, and
// combines them.
//
//	Step 2: exponential rule, chain rule with u = -x
//	  d/dx[exp(-x)] = exp(-x) * d/dx[-x]
//	                = exp(-x) * (-1)
//	                = -exp(-x)
//
// New builds a Derivation of an expression with respect to a variable.
// It differentiates nothing itself: symbolic.Diff with Trace applies the rules
// (sum, product, power, chain rule through the function table) and
// records each step's rule, parts and their derivatives, and New renders
// that trace. The rules are named the way a reader knows them: a product
// with a factor of negative exponent is derived by the quotient rule,
// (v u' - u v')/v^2; a constant factor is taken out by the constant
// multiple rule; exp, log and the sigmoid have rules of their own, the
// other functions "derivative of sin" and so on (symbolic.Step.Name); the
// chain rule names its inner function u. Every step's result is checked
// against symbolic.D in the tests at random points.
//
// With WithSimplifier, the derivation goes on with the simplifier's
// rewrites, each with the rule that justifies it, to the final form
// (for the sigmoid, sigma(x) (1 - sigma(x))). Package simplify's steps
// convert directly: derive.Rewrite(step).
//
// A derivation also has a second view, Graph: the computational graph of
// backpropagation notes, with intermediate variables (u = -x, v = exp(u),
// w = v + 1, f = 1/w), their local derivatives (dv/du = exp(u), from
// symbolic.Gradient of each definition), and the chain rule along every
// path (df/dx = df/dw * dw/dv * dv/du * du/dx).
//
// An expression of more than DefaultMaxNodes distinct nodes is derived
// through intermediate variables only (Derivation.Abridged): its rule
// steps would write each subexpression out in full, so that their text
// grows with the square of a nesting's depth, while the graph's names
// (u_1, u_2, ...), local derivatives and chain rule grow with the number
// of distinct nodes. The 3000-deep sine chain's derivation is 320 KB.
//
// Four formats print a derivation: Text for a terminal, LaTeX for the
// body of an align* environment, Markdown for notes and blogs rendered by
// MathJax or KaTeX ($$ blocks with aligned environments), and Standalone
// for a complete document that pdflatex compiles. Package latex prints the
// expressions in the last three.
package derive
