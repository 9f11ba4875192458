package codegen

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/intpow"
)

// TestIntpowHelpers checks the Go helpers taken from package intpow: one
// a function of its source, each holding the function's doc comment, no
// type parameter and no name of the file but as a $helper, and all of
// them, with their $names resolved, a file that type-checks.
func TestIntpowHelpers(t *testing.T) {
	fset := token.NewFileSet()
	src, err := parser.ParseFile(fset, "intpow.go", intpow.Source, 0)
	if err != nil {
		t.Fatal(err)
	}
	hs := intpowHelpers()
	var names []string
	for _, d := range src.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			names = append(names, fd.Name.Name)
		}
	}
	if len(hs) != len(names) || len(names) < 2 {
		t.Fatalf("%d helpers for the %d functions %v", len(hs), len(names), names)
	}
	file := "package p\n\nimport \"math\"\n"
	for _, name := range names {
		h, ok := hs[lowerFirst(name)]
		switch {
		case !ok:
			t.Errorf("no helper %s", lowerFirst(name))
		case !strings.HasPrefix(h, "// $"+lowerFirst(name)+" "):
			t.Errorf("helper %s does not start with its doc comment:\n%s", name, h)
		case strings.Contains(h, "[T"):
			t.Errorf("helper %s keeps a type parameter:\n%s", name, h)
		}
		for _, other := range names {
			if strings.Contains(strings.ReplaceAll(h, "$"+lowerFirst(other), ""), other+"(") {
				t.Errorf("helper %s calls %s by its name in intpow:\n%s", name, other, h)
			}
		}
		file += "\n" + helperRef().ReplaceAllString(h, "h_$1")
	}
	f, err := parser.ParseFile(fset, "helpers.go", file, 0)
	if err != nil {
		t.Fatalf("%v\n%s", err, file)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, nil); err != nil {
		t.Fatalf("%v\n%s", err, file)
	}
}
