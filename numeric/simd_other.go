//go:build !amd64 || purego

package numeric

// useSIMD and useAVX512 are false: there are no assembly kernels for this architecture
// (or the purego tag is set), and the batch interpreter runs the portable
// Go loops.
var useSIMD, useAVX512 = false, false

// expBatch sets dst[p] = expfast(a[p]), or expfast(-a[p]) if neg, for
// every p < len(dst).
func expBatch(dst, a []float64, neg bool) { expBatchGo(dst, a, neg) }

// sincosBatch sets s[p], c[p] = sincosfast(x) for every p < len(a), where
// x = a[p], or ac + aw*a[p] if affine; s or c may be nil (not computed),
// else as long as a.
func sincosBatch(s, c, a []float64, ac, aw float64, affine bool) {
	sincosBatchGo(s, c, a, ac, aw, affine)
}

// divSqVec does none of batchDivSq's points (there is no vector kernel):
// it returns 0.
func divSqVec(dst, u, a []float64, c, ac, aw float64, mode int) int { return 0 }

// mul2Vec does none of the points of dst = c*a*b: it returns 0.
func mul2Vec(dst, a, b []float64, c float64) int { return 0 }

// looVec does none of opLOO's points: it returns 0.
func looVec(in *instr, r [][]float64, m int) int { return 0 }

// linVec does none of opLin's points: it returns 0.
func linVec(in *instr, r [][]float64, m int) int { return 0 }
