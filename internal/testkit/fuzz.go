package testkit

import (
	"hash/fnv"
	"math/rand/v2"
)

// FuzzRand returns a random source seeded by the fuzzer's input src, so
// that an input checks the same points every time it runs; stream tells
// apart the sources of different checks.
func FuzzRand(src string, stream uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(src))
	return rand.New(rand.NewPCG(h.Sum64(), stream))
}

// FuzzPoint sets each of args to a random number in [-3, 3), the box where
// the fuzzers compare values.
func FuzzPoint(rng *rand.Rand, args []float64) {
	for i := range args {
		args[i] = -3 + 6*rng.Float64()
	}
}
