package draw_test

import (
	"bytes"
	"fmt"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/plot"
	"github.com/symdiff/symdiff/plot/draw"
)

func ExampleWrite() {
	// The sigmoid, its derivative and the tangent at 0, as SVG.
	f := parser.MustParse("1/(1 + exp(-x))")
	fig, err := plot.Derivatives(f, "x", plot.Options{Order: 1, Tangent: true, At: 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	var svg bytes.Buffer
	if err := draw.Write(fig, &svg, "svg"); err != nil { // or draw.Save(fig, "sigmoid.png")
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(svg.Bytes(), []byte("<?xml")), bytes.Contains(svg.Bytes(), []byte("<svg")))
	// Output:
	// true true
}
