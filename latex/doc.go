// Package latex prints symbolic expressions as LaTeX math.
//
// Format returns one line of LaTeX without delimiters, ready for $...$ in
// Markdown with MathJax or KaTeX, or for a LaTeX document with amsmath:
//
//	1/(1 + exp(-x))        \frac{1}{e^{-x} + 1}
//	sin(x)^2               \sin^{2}(x)
//	sigmoid(x)*(1 - ...)   \sigma(x) (1 - \sigma(x))
//	w_1*x + b              w_{1} x + b
//
// The printer reads the canonical form of package symbolic and decides how
// to show it: sums in reading order (symbolic.SumDisplayOrder) with
// subtraction, products with a negative power as \frac{}{}
// (symbolic.SplitFraction), x^(1/2) as \sqrt{}, cbrt as \sqrt[3]{}, abs as
// \left|x\right|, exp as e^{u} for a short exponent and
// \exp\left(u\right) for a long one, positive integer powers of named
// functions as \sin^{2}(x). Parentheses appear only where precedence
// (symbolic.Precedence) needs them, as \left( \right) around tall material
// and as plain ( ) elsewhere. Factors stand side by side, with \cdot where
// juxtaposition would mislead (2 \cdot 3^{x}).
//
// Names follow the usual conventions (see Name): Greek letters by name or
// as Unicode letters, subscripts after an underscore or before trailing
// digits, longer names in \mathit{}. Functions print with the LaTeX of
// their row in the function table (Func.TeX, and Func.TeXClose for those
// written between delimiters: abs, cbrt); abstract functions print as
// f'(x).
//
// Besides Format, the package exports Name, the LaTeX of a variable's
// name, Paren, parentheses that grow with their content, and IsFraction,
// whether Format writes an expression as one \frac{}{}, for callers that
// write LaTeX of their own around expressions (package derive).
//
// Every string the tests produce is rendered by KaTeX in strict mode when
// the environment variable SYMDIFF_KATEX names a folder where katex is
// installed (see TestKaTeX and testdata/katex_check.js).
package latex
