// Command symbench runs one workload of the peer benchmark (the anchors'
// workloads/<case>.json) through the symdiff library and prints result
// lines in the anchors' JSON format, as peer "go":
//
//	symbench [flags] WORKLOAD.json
//
// It uses the library as a user would: parser.Parse on the workload's
// expr_expanded (what every peer gets; -form sigmoid parses expr, with the
// built-in sigmoid, instead), symbolic.D (repeated for task.order > 1),
// symbolic.Gradient, symbolic.Hessian, simplify.Simplify for W1's
// simplified derivative, numeric.Compile with Program.EvalBatch and
// Program.Eval for the eval tasks, and numeric.CompileMany for the check
// value. Each phase is timed like the peers: one warm-up run and, if it
// took less than 1 s, up to 5 more within about 3 s; the median is
// reported, with the results of the previous run dropped and the garbage
// collector run (untimed) before each run.
//
// A partial line (with "partial": true) follows each phase and the last
// line is the final record, so the anchors' driver knows how far a run
// that timed out got. With -both (the default) the other input form is
// run too and reported under "other_form".
//
// Flags:
//
//	-form expanded|sigmoid   the input the main record parses (default expanded)
//	-both                    also run the other form (default true)
//	-reps                    time like the peers (default true; false: one run per phase)
//	-simplify-between        simplify between the steps of a derivative of order > 1
//	-issue13 NAME            print the symdiff command line of one of issue 13's --stats
//	                         workloads, an argument a line, and exit (see stats13.py)
//
// The exit status is 0 when the workload ran, 1 when it failed (the last
// line says why), 2 for wrong usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("symbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	form := fs.String("form", FormExpanded, "input parsed for the main record: expanded (expr_expanded) or sigmoid (expr)")
	both := fs.Bool("both", true, "also run the other input form, reported under other_form")
	reps := fs.Bool("reps", true, "time like the peers (warm-up, up to 5 reps within ~3 s, median); false: one run")
	between := fs.Bool("simplify-between", false, "simplify between the steps of a derivative of order > 1")
	issue13 := fs.String("issue13", "", "print the symdiff arguments of an issue 13 --stats workload ("+strings.Join(issue13Names, ", ")+"), one a line, and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: symbench [flags] WORKLOAD.json")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *issue13 != "" {
		a, err := issue13Args(*issue13)
		if err != nil {
			fmt.Fprintln(stderr, "symbench:", err)
			return 2
		}
		fmt.Fprintln(stdout, strings.Join(a, "\n"))
		return 0
	}
	if fs.NArg() != 1 || (*form != FormExpanded && *form != FormSigmoid) {
		fs.Usage()
		return 2
	}
	w, err := ReadWorkload(fs.Arg(0))
	if err != nil {
		writeLine(stdout, &Result{Peer: "go", PeerVersion: Version(), Phase: "parse", Error: err.Error()})
		fmt.Fprintln(stderr, "symbench:", err)
		return 1
	}
	r := Run(w, Config{Reps: *reps, Form: *form, Both: *both, SimplifyBetween: *between, Partial: stdout})
	writeLine(stdout, r)
	if !r.OK {
		fmt.Fprintf(stderr, "symbench: %s: %s: %s\n", w.ID, r.Phase, r.Error)
		return 1
	}
	return 0
}
