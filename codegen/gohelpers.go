package codegen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strings"

	"github.com/symdiff/symdiff/internal/intpow"
)

// intpowHelpers returns the Go dialect's helpers of package intpow (powi,
// scale and the functions scale calls), taken from its source so that
// the generated code computes a power or a scaled product as the compiled
// program does: each function with its doc comment, instantiated at
// float64 (its type parameters dropped, their uses written float64), and
// every name of a function of the file, in the code and in the comments,
// written $name with the name's first letter lowered.
func intpowHelpers() map[string]string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "intpow.go", intpow.Source, parser.ParseComments)
	if err != nil {
		panic("codegen: package intpow's source: " + err.Error()) // it compiled, so it parses
	}
	file := fset.File(f.Pos())
	off := func(p token.Pos) int { return file.Offset(p) }
	var names []string
	isFunc := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			names = append(names, fd.Name.Name)
			isFunc[fd.Name.Name] = true
		}
	}
	ref := regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
	helper := func(name string) string { return "$" + lowerFirst(name) }
	out := map[string]string{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		start := fd.Pos()
		if fd.Doc != nil {
			start = fd.Doc.Pos()
		}
		// The edits, each replacing the text from..to: the type
		// parameters, their uses and the functions' names in the code,
		// then the names in the comments.
		type edit struct {
			from, to int
			text     string
		}
		var edits []edit
		params := map[string]bool{}
		if tp := fd.Type.TypeParams; tp != nil {
			for _, field := range tp.List {
				for _, n := range field.Names {
					params[n.Name] = true
				}
			}
			edits = append(edits, edit{off(tp.Opening), off(tp.Closing) + 1, ""})
		}
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FieldList:
				return n != fd.Type.TypeParams
			case *ast.SelectorExpr:
				ast.Inspect(n.X, visit) // not n.Sel: math.Frexp is not the file's
				return false
			case *ast.Ident:
				switch {
				case params[n.Name]:
					edits = append(edits, edit{off(n.Pos()), off(n.End()), "float64"})
				case isFunc[n.Name]:
					edits = append(edits, edit{off(n.Pos()), off(n.End()), helper(n.Name)})
				}
			}
			return true
		}
		ast.Inspect(fd, visit)
		for _, cg := range f.Comments {
			if cg.Pos() < start || cg.End() > fd.End() {
				continue
			}
			for _, c := range cg.List {
				for _, m := range ref.FindAllStringIndex(c.Text, -1) {
					at := off(c.Pos())
					edits = append(edits, edit{at + m[0], at + m[1], helper(c.Text[m[0]:m[1]])})
				}
			}
		}
		sort.Slice(edits, func(i, j int) bool { return edits[i].from > edits[j].from })
		src := intpow.Source[off(start):off(fd.End())]
		for _, e := range edits {
			src = src[:e.from-off(start)] + e.text + src[e.to-off(start):]
		}
		out[lowerFirst(fd.Name.Name)] = src + "\n"
	}
	return out
}
