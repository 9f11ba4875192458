// Package stress holds end-to-end hardening tests of symdiff and nothing
// else: it has no API. The tests drive the packages together (parser,
// symbolic, simplify, numeric, latex) the way a server or a notebook would:
//
//   - concurrency_test.go: eight goroutines parse, differentiate, simplify,
//     compile and evaluate the same inputs at once and must get identical
//     pointers and values (run it under -race too);
//   - memory_test.go: a long loop that builds and drops expressions returns
//     to its baseline heap after garbage collection;
//   - pathological_test.go: inputs that make the library work hard (deep
//     nesting, huge inputs and numbers, very long names, many variables,
//     points outside every domain) give a result or a clear error naming
//     the limit, never a crash or a hang (cmd/symdiff's
//     pathological_test.go runs the same inputs through the built binary).
//
// The default run shortens the largest of them; SYMDIFF_LONG=1 runs them
// at full size (see internal/long).
//
// The fuzz targets live next to the code they test (symbolic, simplify,
// latex, numeric and parser each have a fuzz_test.go).
package stress
