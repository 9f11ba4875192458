//go:build !js

package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/symdiff/symdiff/plot"
)

// symdiff samples its plots (package plot) and runs the program
// symdiff-plot to draw them (package plot/draw, on gonum.org/v1/plot), as
// git runs git-COMMAND: linking gonum would make every symdiff command
// start some milliseconds later, since gonum's packages parse fonts in
// their init (docs/benchmarks.md).

// plotterName is the program that draws symdiff's plots.
const plotterName = "symdiff-plot"

// drawPlot draws fig with symdiff-plot: into file, by its extension, or
// when file is "" in format ("svg", "png" or "pdf") to w. What
// symdiff-plot writes on standard error is passed on; its failure is a
// plotterError.
func (c *cli) drawPlot(fig *plot.Figure, file, format string, w io.Writer) error {
	var in bytes.Buffer
	if err := fig.Encode(&in); err != nil {
		return err
	}
	args := []string{"--format", format}
	if file != "" {
		args = []string{"-o", file}
		w = c.stdout // nothing is written there
	}
	exe, _ := os.Executable()
	wd, _ := os.Getwd()
	argv, err := findHelper(plotterName, "the plot is drawn", exe, wd, exec.LookPath)
	if err != nil {
		return err
	}
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var errb bytes.Buffer
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, w, &errb
	err = cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	msg := strings.TrimSpace(errb.String())
	var ee *exec.ExitError
	switch {
	case err == nil:
		if msg != "" {
			fmt.Fprintln(c.stderr, msg)
		}
		return nil
	case errors.As(err, &ee) && ee.ExitCode() > 0:
		if msg == "" {
			msg = fmt.Sprintf("%s failed (%v)", plotterName, err)
		}
		return plotterError{msg: msg, status: ee.ExitCode()}
	}
	return fmt.Errorf("running %s: %w", strings.Join(argv, " "), err)
}
