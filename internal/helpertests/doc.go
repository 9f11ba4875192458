// Package helpertests holds the tests of the small internal packages
// arith, allocs, fmath, fntab, golden, hugeheap, imgdiff, prefault, randexpr, refeval,
// smallmap, testkit and workloads, one file per package (refeval has two), named
// after it. They test only what each package exports, so they can live
// outside it, and together they make one test binary: the default go test
// ./... links it once instead of once per package, and linking is most of
// what a small package's tests cost.
//
// The package has no code of its own.
package helpertests
