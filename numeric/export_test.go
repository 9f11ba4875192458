package numeric

// DisableSIMD makes the batch interpreter run the portable Go loops
// instead of the assembly kernels, for benchmarks of the package's
// external tests to time both in the same run; restore undoes it.
func DisableSIMD() (restore func()) {
	old, old512 := useSIMD, useAVX512
	useSIMD, useAVX512 = false, false
	return func() { useSIMD, useAVX512 = old, old512 }
}
