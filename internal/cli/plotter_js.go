//go:build js

package cli

import (
	"io"

	"github.com/symdiff/symdiff/plot"
	"github.com/symdiff/symdiff/plot/draw"
)

// In the browser there is no program to run: the WebAssembly engine draws
// its plots itself, with package plot/draw.
func (c *cli) drawPlot(fig *plot.Figure, file, format string, w io.Writer) error {
	if file != "" {
		return draw.Save(fig, file)
	}
	return draw.Write(fig, w, format)
}
