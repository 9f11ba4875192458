//go:build !unix

package main

// cpuTime returns 0 where the process CPU time is not available.
func cpuTime() float64 { return 0 }
