// Package plot samples a function of one variable and its derivatives,
// with the tangent line at a point, for a picture: package plot/draw
// writes it as SVG, PNG or PDF on gonum.org/v1/plot. This package does not
// import gonum (whose packages parse fonts when a program starts), so that
// the symdiff command and the web playground can link it; symdiff runs the
// program symdiff-plot to draw.
//
// Its entry point is Derivatives, which returns a Figure (Encode and
// Decode write and read one as JSON); Clip, Colour and FormatOf are the
// pieces plot/draw and the command line share.
//
// Derivatives differentiates f symbolically, compiles f and each
// derivative once into a numeric.Program, and samples them: a uniform grid
// refined where the drawn curve would bend visibly or where it meets the
// edge of its domain, within a bound on the points a curve. The samples
// become a picture people can trust:
//
//   - a pole or a jump (tan(x), 1/x, sign(x), step(x)) is not joined
//     across: between two samples whose values differ by much of the
//     plot's height, bisection tells a jump (the rise stays) from a steep
//     but continuous stretch (the rise shrinks with the width);
//   - where the function is not finite (log(x) for x <= 0) the curve has
//     a gap, and its ends are found to within a billionth of the range;
//   - when the values near a pole would squeeze the rest of the picture
//     into a thin band, the range of y is clipped to the bulk of the
//     values (the quartiles widened by three interquartile ranges), and
//     the legend says so.
//
// Figure.Legend names every curve with its expression in symdiff's text
// syntax (plot/draw puts it in a strip below the plot): gonum's LaTeX text
// handler (on go-latex v0.2.0) panics on a superscript ("unknown ast node
// *ast.Sup" for e^{-x}), which nearly every derivative has.
package plot
