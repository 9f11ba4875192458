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
// while the total stays under 3 s; the median is reported (maxRuns runs at
// most).
//
// Every run must build its nodes afresh rather than find them in the
// intern table, as every rep of a peer does its work anew. So run i of a
// phase works on its own twin of the input (the input with its variables
// renamed, see twin), whose nodes no other run has built. A phase is timed
// two ways:
//
//   - "cold" (every phase; *_cold_s): symbolic.CollectUnused runs before
//     each run, so that no run collects the garbage of earlier ones or
//     waits for the intern table's sweep of their nodes (which would
//     otherwise run, after the collection, on another thread during the
//     timed run, charging it the earlier run's cost); the counterpart of
//     the SymPy runner clearing its cache before each rep.
//     A collection also empties the allocator's per-thread caches and
//     shrinks the stack, which for a phase of a few microseconds (W1)
//     costs more than its work;
//   - back to back, on other twins, with no collection between runs, as
//     GiNaC's runner times its reps, for the phases whose cold median is
//     below shortPhase: that median is then the phase's figure (*_s; the
//     phase is listed in hot_phases). For longer phases the cold median
//     is the figure, since back to back the garbage of earlier runs would
//     be collected inside later ones.
type timer struct {
	// reps is false to time a single run (tests).
	reps bool
}

// maxRuns is the number of runs a phase takes at most: the warm-up and 5.
const maxRuns = 6

// time times f(0) (the warm-up), f(1), ... as described on timer:
// setup(run) (if setup is not nil) and, if collect, symbolic.CollectUnused
// run untimed before each run.
func (tm timer) time(f func(run int), setup func(run int), collect bool) timing {
	runs := 0
	prepare := func() {
		if setup != nil {
			setup(runs)
		}
		if collect {
			symbolic.CollectUnused()
		}
	}
	run := func() (wall, cpu float64) {
		c0 := cpuTime()
		t0 := time.Now()
		f(runs)
		wall = time.Since(t0).Seconds()
		runs++
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
	for len(ws) < maxRuns-1 && total < 3 {
		prepare()
		w, c := run()
		ws = append(ws, w)
		cs = append(cs, c)
		total += w
	}
	t.Median, t.CPU, t.Reps = median(ws), median(cs), len(ws)
	return t
}

// shortPhase is the time below which a phase is also timed back to back
// on twins (see timer).
const shortPhase = 100e-6

// phase times a phase as described on timer: f(i) does its work on twin
// i, twins 0 to maxRuns-1 for the cold runs and maxRuns to 2*maxRuns-1
// for the back-to-back ones. hold (if not nil) makes the given twins, and
// only those, available to f, untimed: a cold run holds its own twin only,
// so that it starts in the heap a single input would leave (with every
// twin held, W3 n=300 started with 1 MB more live heap than one input
// makes, enough to set off a collection inside each run); the
// back-to-back series holds its twins from the start. It returns the
// phase's figure, whether it is the back-to-back one, and the cold timing.
func (tm timer) phase(f func(twin int), hold func(twins ...int)) (t timing, isHot bool, c timing) {
	var setup func(int)
	if hold != nil {
		setup = func(i int) { hold(i) }
	}
	c = tm.time(f, setup, true)
	if c.Median >= shortPhase {
		return c, false, c
	}
	if hold != nil {
		hot := make([]int, maxRuns)
		for i := range hot {
			hot[i] = maxRuns + i
		}
		hold(hot...)
	}
	return tm.time(func(i int) { f(maxRuns + i) }, nil, false), true, c
}

// holder returns a hold function for phase over slots: it fills the slots
// of the given twins with mk(i), unless filled already, and empties the
// others, so that their contents can be collected.
func holder[T any](slots []T, mk func(i int) T) func(twins ...int) {
	filled := make([]bool, len(slots))
	return func(twins ...int) {
		var zero T
		for j := range slots {
			if filled[j] && !slices.Contains(twins, j) {
				slots[j], filled[j] = zero, false
			}
		}
		for _, i := range twins {
			if !filled[i] {
				slots[i], filled[i] = mk(i), true
			}
		}
	}
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
