package cli

import (
	"os"
	"strings"

	"github.com/symdiff/symdiff/codegen"
	"github.com/symdiff/symdiff/symbolic"
)

// codegenResult is the source code of symdiff codegen.
type codegenResult struct {
	header
	// Lang is the language, Name the function's name, Mode what it
	// computes (value, grad, jacobian or hessian), Vars the variables in
	// the order of its input.
	Lang string   `json:"lang"`
	Name string   `json:"name"`
	Mode string   `json:"mode"`
	Vars []string `json:"vars"`
	// Code is the generated source (empty with --out).
	Code string `json:"code"`
}

func (r *codegenResult) blocks() []block {
	if r.Code == "" {
		return nil
	}
	return []block{{note: r.Code}}
}

// runCodegen writes source code: symdiff codegen --lang L EXPR VAR...
func runCodegen(c *cli, a args) error {
	lang := codegen.Lang(a.get("lang"))
	if !a.has("lang") {
		return usagef("missing --lang (go, c, js or numpy)")
	}
	known := false
	for _, l := range codegen.Langs {
		known = known || l == lang
	}
	if !known {
		return usagef("--lang %q is not go, c, js or numpy", a.get("lang"))
	}
	if a.has("package") && lang != codegen.Go {
		return usagef("--package is for --lang go")
	}
	mode := codegen.Value
	modes := 0
	for _, m := range []struct {
		flag string
		mode codegen.Mode
	}{{"grad", codegen.Grad}, {"jacobian", codegen.Jacobian}, {"hessian", codegen.Hessian}} {
		if a.has(m.flag) {
			mode, modes = m.mode, modes+1
		}
	}
	if modes > 1 {
		return usagef("--grad, --jacobian and --hessian cannot be used together; give one of them")
	}
	fs, src, err := c.functions(a, a.operands[0], true)
	if err != nil {
		return err
	}
	if len(fs) > 1 && (mode == codegen.Grad || mode == codegen.Hessian) {
		return usagef("--%s takes one expression, got %d (for several, --jacobian)", mode, len(fs))
	}
	vars, err := c.operandVars(a, symbolic.Add(fs...), gradVars)
	if err != nil {
		return err
	}
	v := buildVersion()
	version := v.Version
	if v.Revision != "" {
		version += " revision " + v.Revision
	}
	code, err := codegen.Generate(c.ctx, fs, vars, codegen.Options{
		Lang: lang, Name: a.get("name"), Package: a.get("package"), Mode: mode, Raw: a.has("raw"),
		Source: strings.TrimSpace(src), Version: version,
	})
	if err != nil {
		if strings.Contains(err.Error(), "cannot name") {
			return usagef("%s", strings.TrimPrefix(err.Error(), "codegen: "))
		}
		return err
	}
	name := a.get("name")
	if name == "" {
		name = "f"
	}
	r := &codegenResult{header: header{Command: "codegen", Input: src}, Lang: string(lang), Name: name, Mode: mode.String(), Vars: names(vars), Code: string(code)}
	if a.has("out") {
		if err := os.WriteFile(a.get("out"), code, 0o644); err != nil {
			return err
		}
		r.Code = ""
	}
	return c.emit(r, nil)
}
