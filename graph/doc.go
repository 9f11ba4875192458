// Package graph shows an expression as a computational graph with the
// values of backpropagation: a forward sweep computes the value of every
// node, a backward sweep the adjoint of every node (the derivative of the
// output with respect to that node), so that the textbook figures of
// backpropagation can be reproduced and checked exactly.
//
// Build takes an expression of package symbolic and a value for each of its
// variables. The graph's nodes are the distinct nodes of the expression's DAG
// that depend on a variable: the inputs first (named by their symbols), then
// the operations in evaluation order (named g1, g2, ..., the last one f).
// Parts that depend on no variable, such as the 1 in 1 + exp(-x), are not
// nodes: they are folded into the operation's label, which shows each operand
// as a dot ("1 + .", "1/.", "-.", "2*.", ".^3"), or as the function's name
// ("exp", "sigmoid") for a call.
//
// Each edge from an operand to an operation carries the local gradient (the
// partial derivative of the operation with respect to that operand:
// symbolic.Local's, evaluated at the point) and the
// backward gradient (the operation's adjoint times the local gradient); an
// operand's adjoint is the sum of the backward gradients of its edges. This
// is the chain rule run backwards, one edge at a time: for f = w*x + b at
// w = -2, x = 5, b = 3, the node g1 = w*x has value -10 and adjoint 1, and
// the edge from w to g1 has local gradient x = 5 and backward gradient 5.
//
// Table prints the nodes as an aligned table, DOT as a Graphviz graph
// (forward values on the nodes, local and backward gradients on the edges).
// The package runs no programs: rendering DOT (with Graphviz's dot, as
// symdiff graph --svg does) is the caller's.
//
// Values are float64 and computed numerically; the symbolic gradient is
// symbolic.Gradient, which runs the same backward sweep over expressions.
package graph
