package main

import (
	"slices"
	"time"

	"github.com/symdiff/symdiff/symbolic"
)

// A timing is the outcome of timing one phase the way the peer runners do.
type timing struct {
	// Median is the median wall time of the runs after the warm-up, or the
	// warm-up's time when it took 1 s or more (or reps are off).
	Median float64
	// CPU is the median process CPU time of the same runs (all threads,
	// so the garbage collector's background work counts).
	CPU float64
	// Reps is the number of runs the median is of.
	Reps int
	// First is the warm-up run's wall time.
	First float64
}

// timer times phases: one warm-up run and, if it took < 1 s, up to 5 more
// while the total stays under 3 s; the median is reported. Before each run
// the previous run's results are dropped (fresh) and
// symbolic.CollectUnused runs the garbage collector until their nodes are
// gone from the intern table, outside the timed region, so that every run
// builds its nodes anew instead of finding them there: the counterpart of
// the SymPy runner clearing its cache before each rep.
//
// A collection also leaves the process cold in ways that no peer's rep
// sees: it empties the allocator's per-thread caches of free memory and
// shrinks the goroutine's stack, which the next run then grows again by
// copying it. For a phase of a few microseconds (W1) that costs more than
// the work. So after the collection, a warm function, if given, does the
// same work on a twin of the input whose variables have other names: the
// allocator and the stack are warm again, and no node of the result
// exists. Both figures are reported (the cold one as *_cold_s).
type timer struct {
	// reps is false to time a single run (tests).
	reps bool
}

// time runs f as described on timer; fresh, if not nil, runs untimed
// before each run, then the collector, then warm if not nil.
func (tm timer) time(f, fresh, warm func()) timing {
	prepare := func() {
		if fresh != nil {
			fresh()
		}
		symbolic.CollectUnused()
		if warm != nil {
			warm()
		}
	}
	run := func() (wall, cpu float64) {
		c0 := cpuTime()
		t0 := time.Now()
		f()
		wall = time.Since(t0).Seconds()
		return wall, cpuTime() - c0
	}
	prepare()
	w, c := run()
	t := timing{Median: w, CPU: c, Reps: 1, First: w}
	if !tm.reps || w >= 1 {
		return t
	}
	var ws, cs []float64
	total := w
	for len(ws) < 5 && total < 3 {
		prepare()
		w, c := run()
		ws = append(ws, w)
		cs = append(cs, c)
		total += w
	}
	t.Median, t.CPU, t.Reps = median(ws), median(cs), len(ws)
	return t
}

// median returns the median of xs (the mean of the middle two for an even
// count); xs is not modified.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
