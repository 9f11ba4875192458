// Package intpow computes products of integer powers of float64 and
// complex128 values: x^n by binary powering (Powi), and m*2^e times a
// product of integer powers without spurious overflow or underflow
// (Scale).
//
// The compiled programs of package numeric evaluate their powi and scale
// instructions with these functions, and the Go code that package codegen
// generates holds the same functions: codegen takes their text from
// Source, the embedded intpow.go, so that generated code and the compiled
// program compute a power or a scaled product alike, to the last bit.
package intpow

import _ "embed" // Source

// Source is the text of intpow.go, the file of the functions that codegen
// writes into generated Go code. It holds nothing but those functions.
//
//go:embed intpow.go
var Source string

// Num is the type of the values the generic functions take: float64 or
// complex128.
type Num interface{ float64 | complex128 }
