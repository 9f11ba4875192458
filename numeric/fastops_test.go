package numeric

import (
	"strings"
	"testing"

	"github.com/symdiff/symdiff/symbolic"
)

// TestFastOpsFromTable checks that every row that names an opcode compiles
// to it, and that a row naming an opcode that is not a function opcode is
// rejected with the row's name.
func TestFastOpsFromTable(t *testing.T) {
	n := 0
	for _, f := range symbolic.Builtins() {
		if f.Op == "" {
			continue
		}
		n++
		p, err := Compile(symbolic.Apply(f, x), x)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, in := range p.code {
			found = found || in.op.String() == f.Op
		}
		if !found {
			t.Errorf("%s compiles to %v, without its opcode %s", f.Name, p.code, f.Op)
		}
	}
	if n == 0 {
		t.Fatal("no row names an opcode")
	}
	for _, name := range []string{"mul", "nosuch"} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, `"bad"`) || !strings.Contains(msg, name) {
					t.Errorf("a row naming the opcode %q: panic %q", name, msg)
				}
			}()
			opsOfTable([]*symbolic.Func{{Name: "bad", Op: name}})
		}()
	}
}
