package helpertests_test

import (
	"testing"

	"github.com/symdiff/symdiff/internal/fntab"
	"github.com/symdiff/symdiff/symbolic"
)

func TestFntabMustAndCall(t *testing.T) {
	sin, ok := symbolic.Lookup("sin")
	if !ok {
		t.Fatal("no sin in the table")
	}
	if got := fntab.Must("sin"); got != sin {
		t.Errorf("Must(sin) = %v, want the table's row %v", got, sin)
	}
	x := symbolic.Sym("x")
	if got, want := fntab.Call("sin", x), symbolic.Apply(sin, x); got != want {
		t.Errorf("Call(sin, x) = %v, want %v", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("Must of a name not in the table did not panic")
		}
	}()
	fntab.Must("no-such-function")
}
