// Package testkit holds helpers that the tests of several packages share,
// so that each is written once: rendering LaTeX with KaTeX, comparing two
// values that carry error bounds. It is imported by tests only.
package testkit
