// Command symdiff-plot draws the pictures of symdiff plot and of symdiff's
// --plot: symdiff samples the figure (package plot) and runs symdiff-plot
// with the figure as JSON on standard input (plot.Figure.Encode), and
// symdiff-plot draws it (package plot/draw, on gonum.org/v1/plot):
//
//	symdiff-plot -o FILE        the picture to FILE, SVG, PNG or PDF by its extension
//	symdiff-plot --format F     the picture in format F (svg, png, pdf) to standard output
//
// It is a program of its own so that the symdiff binary does not link
// gonum, whose packages parse fonts whenever a program starts. symdiff
// finds it next to its own executable, then in PATH; install both with
//
//	go install github.com/symdiff/symdiff/cmd/...
//
// The exit status is 0 on success, 1 when the figure cannot be read or
// the picture cannot be written, 2 for wrong usage.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/symdiff/symdiff/plot"
	"github.com/symdiff/symdiff/plot/draw"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: symdiff-plot (-o FILE | --format svg|png|pdf) < FIGURE.json
symdiff-plot draws a figure that symdiff sampled; to draw a function, run
symdiff plot EXPR VAR (symdiff plot --help).
`

// run draws the figure read from stdin as argv asks and returns the exit
// status.
func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	file, format, err := parseArgs(argv)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "symdiff-plot: %v\n%s", err, usage)
		return 2
	}
	fig, err := plot.Decode(bufio.NewReader(stdin))
	if err == nil {
		if file != "" {
			err = draw.Save(fig, file)
		} else {
			err = draw.Write(fig, stdout, format)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "symdiff-plot: %v\n", strings.TrimPrefix(err.Error(), "plot: "))
		return 1
	}
	return 0
}

var errHelp = errors.New("help")

// parseArgs reads -o FILE or --format FORMAT (also -o=FILE, --format=F).
func parseArgs(argv []string) (file, format string, err error) {
	for i := 0; i < len(argv); i++ {
		name, val, hasVal := strings.Cut(argv[i], "=")
		switch name {
		case "-o", "--output", "-format", "--format":
		case "-h", "-help", "--help":
			return "", "", errHelp
		default:
			return "", "", fmt.Errorf("unknown argument %q", argv[i])
		}
		if !hasVal {
			if i+1 == len(argv) {
				return "", "", fmt.Errorf("%s wants a value", name)
			}
			i++
			val = argv[i]
		}
		if strings.HasSuffix(name, "format") {
			format = val
		} else {
			file = val
		}
	}
	switch {
	case file != "" && format != "":
		return "", "", errors.New("give -o FILE or --format, not both")
	case file != "":
		if _, err := plot.FormatOf(file); err != nil {
			return "", "", err
		}
	case format == "svg", format == "png", format == "pdf":
	case format == "":
		return "", "", errors.New("give -o FILE or --format svg|png|pdf")
	default:
		return "", "", fmt.Errorf("--format %s: the format is svg, png or pdf", format)
	}
	return file, format, nil
}
