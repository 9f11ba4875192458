// Package fntab names rows of symbolic's function table for code that
// knows at compile time which functions it wants: a missing row is a bug
// in the caller, so it panics instead of returning ok.
package fntab

import "github.com/symdiff/symdiff/symbolic"

// Must returns the function table's row for name and panics when there is
// none.
func Must(name string) *symbolic.Func {
	f, ok := symbolic.Lookup(name)
	if !ok {
		panic("fntab: no function " + name)
	}
	return f
}

// Call applies the function named name to u (Must(name) applied to u).
func Call(name string, u symbolic.Expr) symbolic.Expr {
	return symbolic.Apply(Must(name), u)
}
