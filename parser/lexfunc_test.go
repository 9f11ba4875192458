package parser

import (
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestLexFunctionNames checks that the lexer's filter and index of the
// built-in functions find every name and alias, with the function
// symbolic.Lookup finds, and that names that are not functions lex as
// variables.
func TestLexFunctionNames(t *testing.T) {
	c := newConfig(nil)
	ft := functions()
	for _, f := range symbolic.Builtins() {
		for _, name := range append([]string{f.Name}, f.Aliases...) {
			toks, err := lex(name+"(x)", c)
			if err != nil {
				t.Fatalf("lex(%q): %v", name+"(x)", err)
			}
			if toks[0].typ != tFunc || toks[0].fn == 0 || ft.funcs[toks[0].fn-1] != f {
				t.Errorf("%q lexes as type %d, fn %d; want the function %s", name, toks[0].typ, toks[0].fn, f.Name)
			}
			if toks[2].fn != 0 {
				t.Errorf("the variable in %q has fn %d", name+"(x)", toks[2].fn)
			}
		}
	}
	for name := range aliases {
		if toks, err := lex(name+"(x)", c); err != nil || toks[0].typ != tFunc || toks[0].fn != 0 {
			t.Errorf("alias %q lexes as %+v, %v; want a function token without fn", name, toks, err)
		}
	}
	for _, name := range []string{"x", "a1", "sinx", "si", "logs", "atan3", "exp2", "sqr", "αβ"} {
		if toks, err := lex(name, c); err != nil || toks[0].typ != tIdent || toks[0].fn != 0 {
			t.Errorf("%q lexes as %+v, %v; want a variable", name, toks, err)
		}
	}
	fc := newConfig([]Option{Funcs("sinx")})
	if toks, err := lex("sinx(x)", fc); err != nil || toks[0].typ != tFunc || toks[0].fn != 0 {
		t.Errorf("declared sinx lexes as %+v, %v; want a function token without fn", toks, err)
	}
}
