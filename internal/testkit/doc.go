// Package testkit holds helpers that the tests of several packages share,
// so that each is written once: rendering LaTeX with KaTeX, comparing two
// values that carry error bounds, the sweep of issue 13's identities under
// other arguments and contexts (IdentityCases). It is imported by tests only.
package testkit
