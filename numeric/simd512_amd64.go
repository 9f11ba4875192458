//go:build amd64 && !purego

package numeric

// sincosBatchAVX512 is sincosBatchAVX2 eight points at a time: it does
// the first n&^7 points, up to the first block of eight with a point
// outside the fast range, and returns the number of points done.
//
//go:noescape
func sincosBatchAVX512(s, c, a *float64, n int, ac, aw float64, affine bool) (done int)

// expBatchAVX512 is expBatchAVX2 eight points at a time: it does the
// first len(dst)&^7 points, up to the first block of eight with a point
// outside the fast range, and returns the number of points done.
//
//go:noescape
func expBatchAVX512(dst, a []float64, neg bool) (done int)
