//go:build !js

// Command symdiff differentiates, simplifies and evaluates mathematical
// expressions.
//
//	symdiff "1/(1+exp(-x))" x        sigmoid(x)*(1 - sigmoid(x))
//
// Run symdiff --help for the commands and flags. Only the result goes to
// standard output; errors and warnings go to standard error, with a caret
// under the place in the input. The exit status is 0 on success, 1 for an
// error in the input or the mathematics or a failed write to standard
// output, 2 for wrong usage.
//
// The command line is package internal/cli. symdiff serve and symdiff
// site run the program symdiff-serve (cmd/symdiff-serve), and the
// drawings of symdiff plot are symdiff-plot's (cmd/symdiff-plot), so that
// symdiff links neither net/http nor gonum.
package main

import (
	"os"

	"github.com/symdiff/symdiff/internal/cli"
	_ "github.com/symdiff/symdiff/internal/gcpolicy"   // fewer collections: GOGC=400 under a 1 GiB soft limit
	_ "github.com/symdiff/symdiff/internal/prefault"   // the heap the command will allocate populated at once
	_ "github.com/symdiff/symdiff/internal/startstack" // the main goroutine's stack grown once, at start
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
