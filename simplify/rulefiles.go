package simplify

import _ "embed" // the rule files as strings

// The rule files, each embedded in a string as well as in ruleFiles: a
// string is read in place, where ruleFiles.ReadFile copies the file to
// fresh heap memory in every process that simplifies. A file added to
// rules/ is read from ruleFiles until it is listed here too
// (TestRuleFileStrings says which); one removed is removed here as well.

//go:embed rules/algebra.rules
var ruleFileAlgebra string

//go:embed rules/exp.rules
var ruleFileExp string

//go:embed rules/hyperbolic.rules
var ruleFileHyperbolic string

//go:embed rules/inverse.rules
var ruleFileInverse string

//go:embed rules/sigmoid.rules
var ruleFileSigmoid string

//go:embed rules/trig.rules
var ruleFileTrig string

// embeddedRuleFile returns the rule file name ("rules/exp.rules") as
// embedded in a string, or false for a file not listed above.
func embeddedRuleFile(name string) (string, bool) {
	switch name {
	case "rules/algebra.rules":
		return ruleFileAlgebra, true
	case "rules/exp.rules":
		return ruleFileExp, true
	case "rules/hyperbolic.rules":
		return ruleFileHyperbolic, true
	case "rules/inverse.rules":
		return ruleFileInverse, true
	case "rules/sigmoid.rules":
		return ruleFileSigmoid, true
	case "rules/trig.rules":
		return ruleFileTrig, true
	}
	return "", false
}
