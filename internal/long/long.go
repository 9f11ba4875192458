// Package long tells tests whether the long runs are wanted.
//
// The default `go test ./...` stays short: stress and property tests run
// at reduced sizes that still exercise every check. Setting the environment
// variable SYMDIFF_LONG (to any non-empty value; .ci/run sets it to 1)
// runs them at their full sizes. No check is skipped by default, only
// shortened, but for two of the CLI's tests through the binary (README.md,
// Development): most cases of a table TestTraps also runs in-process, and
// the VCS revision of a go build binary.
package long

import "os"

// Enabled reports whether SYMDIFF_LONG is set.
func Enabled() bool { return os.Getenv("SYMDIFF_LONG") != "" }

// N returns full when the long runs are wanted and short otherwise.
func N[T any](short, full T) T {
	if Enabled() {
		return full
	}
	return short
}
