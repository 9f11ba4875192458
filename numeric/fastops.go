package numeric

import (
	"fmt"

	"github.com/symdiff/symdiff/symbolic"
)

// funcOps are the opcodes that compute a function of the table on one
// register (dst = f(a)): the ones a row may name in its Op field.
var funcOps = []opcode{opExp, opLog, opSin, opCos, opTanh, opSigmoid}

// fastOps maps the name of each function of the table evaluated without an
// indirect call to its opcode, read from the rows' Op field.
var fastOps = opsOfTable(symbolic.Builtins())

// opsOfTable maps the rows that name an opcode to it; it panics, naming
// the row, if a row names an opcode that is not one of funcOps.
func opsOfTable(fs []*symbolic.Func) map[string]opcode {
	m := map[string]opcode{}
	for _, f := range fs {
		if f.Op == "" {
			continue
		}
		op, ok := funcOp(f.Op)
		if !ok {
			panic(fmt.Sprintf("numeric: function table: row %q names the opcode %q, which is not a function opcode", f.Name, f.Op))
		}
		m[f.Name] = op
	}
	return m
}

// funcOp returns the function opcode with the given name.
func funcOp(name string) (opcode, bool) {
	for _, op := range funcOps {
		if op.String() == name {
			return op, true
		}
	}
	return 0, false
}
