package testkit

import "strings"

// An Identity is one of issue 13's identities: In, written with the
// placeholder U for its argument (and the variable q), equals Simple.
// CommandOnly marks those whose derivatives in context hold only through
// the symdiff command, which also differentiates a small input's
// simplified form: differentiated as written and simplified, 2*sigmoid(2*U)
// - 1 gives 4*sigmoid(2*U)*(1 - sigmoid(2*U)), not sech(U)^2.
type Identity struct {
	In, Simple  string
	CommandOnly bool
}

// Identities are the identities that IdentityCases puts in context.
// Left out: tanh(log(U)), whose derivative under x/2 prints x^2/4 where
// the simple side's prints x^2 (docs/benchmarks.md, "Session 21").
var Identities = []Identity{
	{"1/cos(U)^2 - tan(U)^2", "1", false},
	{"cos(2*U) + 2*sin(U)^2", "1", false},
	{"sin(acos(U))", "sqrt(1 - U^2)", false},
	{"tan(atan(U))", "U", false},
	{"cos(atan(U))", "1/sqrt(U^2 + 1)", false},
	{"U*tan(U)*cot(U)", "U", false},
	{"1 - 2*sin(U)^2", "cos(2*U)", false},
	{"cosh(U)^2 - sinh(U)^2", "1", false},
	{"sec(U)^2 - 1", "tan(U)^2", false},
	{"1 + tan(U)^2", "sec(U)^2", false},
	{"1 - tanh(U)^2", "sech(U)^2", false},
	{"coth(U)^2 - 1", "csch(U)^2", false},
	{"exp(2*log(U))", "U^2", false},
	{"log(exp(U) + exp(q))", "U + softplus(q - U)", false},
	{"(exp(U) + exp(-U))/(exp(U) - exp(-U))", "coth(U)", true},
	{"exp(U)/(exp(U) + exp(q))", "sigmoid(U - q)", true},
	{"2*sigmoid(2*U) - 1", "tanh(U)", true},
	{"(1 - exp(-2*U))/(1 + exp(-2*U))", "tanh(U)", true},
}

// IdentityArgs are the arguments put for U, and IdentityContexts the
// expressions, written with the placeholder B, that an identity is put in.
var (
	IdentityArgs     = []string{"x", "2*x + 1", "x^2 + 1", "exp(x)", "x/2", "sin(x)"}
	IdentityContexts = []string{"B", "B + log(x)", "x*B", "exp(B)", "(B)^2", "1/(2 + B)"}
)

// IdentityCases calls f with each identity of Identities (those with
// CommandOnly too if command is set) under each argument in each context:
// src holds the identity's left side, want its simple side.
func IdentityCases(command bool, f func(src, want string)) {
	for _, id := range Identities {
		if id.CommandOnly && !command {
			continue
		}
		for _, a := range IdentityArgs {
			in := strings.ReplaceAll(id.In, "U", "("+a+")")
			simple := strings.ReplaceAll(id.Simple, "U", "("+a+")")
			for _, ctx := range IdentityContexts {
				f(strings.ReplaceAll(ctx, "B", "("+in+")"), strings.ReplaceAll(ctx, "B", "("+simple+")"))
			}
		}
	}
}
