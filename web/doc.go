// Package web is symdiff's playground in the browser: a page where one
// types an expression and a variable and sees, as one types, the
// derivative rendered as mathematics, the derivation step by step, the
// computational graph with forward values and adjoints at a point, and an
// "is my answer right?" box.
//
// The page is served two ways. NewHandler and Serve are symdiff serve: the
// page at / and a JSON API at POST /api/v1/COMMAND, whose body is a line
// of symdiff batch as a JSON object and whose answer is the object of
// symdiff --json; the Engine that answers is the command line's own code.
// WriteSite writes the same page as a static site, where the engine runs
// in the browser as WebAssembly (symdiff site).
//
// The page needs no network: KaTeX (MIT licence, in static/katex) renders
// the mathematics and is embedded in the binary with the page; the graph
// is drawn as SVG by package graph's LayeredSVG, without Graphviz.
package web

import "embed"

// assets are the page's files.
//
//go:embed static
var assets embed.FS
