package plot_test

import (
	"fmt"

	"github.com/symdiff/symdiff/parser"
	"github.com/symdiff/symdiff/plot"
)

func ExampleDerivatives() {
	// The sigmoid, its derivative and the tangent at 0, sampled (package
	// plot/draw writes the picture).
	f := parser.MustParse("1/(1 + exp(-x))")
	fig, err := plot.Derivatives(f, "x", plot.Options{Order: 1, Tangent: true, At: 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range fig.Legend() {
		fmt.Println(l)
	}

	// tan(x): four poles, no line across them, y clipped.
	fig, _ = plot.Derivatives(parser.MustParse("tan(x)"), "x", plot.Options{From: -6.3, To: 6.3})
	fmt.Println(len(fig.Curves[0].Segments), "branches; clipped:", fig.Clipped)
	fmt.Printf("jumps at %.4f\n", fig.Curves[0].Jumps)
	// Output:
	// f(x) = 1/(exp(-x) + 1)
	// f'(x) = sigmoid(x)*(1 - sigmoid(x))
	// tangent at x = 0: y = 0.5 + 0.25*x
	// 5 branches; clipped: true
	// jumps at [-4.7124 -1.5708 1.5708 4.7124]
}
