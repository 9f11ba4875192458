//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
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

// modulePath is the path of symdiff's module, whose cmd/symdiff-plot is
// run with go run when symdiff-plot is not installed.
const modulePath = "github.com/symdiff/symdiff"

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
	argv, err := findPlotter(exe, wd, exec.LookPath)
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

// findPlotter returns the command line that runs symdiff-plot, before its
// own arguments: the program next to exe (symdiff's executable), else the
// one in PATH, else, when the directory wd is inside symdiff's module and
// the go command is at hand, go run of the module's cmd/symdiff-plot (so
// that go run ./cmd/symdiff plot ... works in a clone). lookPath is
// exec.LookPath.
func findPlotter(exe, wd string, lookPath func(string) (string, error)) ([]string, error) {
	if exe != "" {
		if p, err := lookPath(filepath.Join(filepath.Dir(exe), plotterName)); err == nil {
			return []string{p}, nil
		}
	}
	if p, err := lookPath(plotterName); err == nil {
		return []string{p}, nil
	}
	if root := moduleRoot(wd); root != "" {
		if goCmd, err := lookPath("go"); err == nil {
			return []string{goCmd, "run", filepath.Join(root, "cmd", plotterName)}, nil
		}
	}
	return nil, fmt.Errorf("the plot is drawn by the program %s, found neither next to symdiff nor in PATH; install both with: go install %s/cmd/...", plotterName, modulePath)
}

// moduleRoot returns the root of symdiff's module if dir is inside it:
// the directory of the nearest go.mod above dir, when that go.mod is
// symdiff's; otherwise "".
func moduleRoot(dir string) string {
	if dir == "" {
		return ""
	}
	for {
		if f, err := os.Open(filepath.Join(dir, "go.mod")); err == nil {
			path := modulePathOf(f)
			f.Close()
			if path == modulePath {
				return dir
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// modulePathOf returns the module path of a go.mod file.
func modulePathOf(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}
