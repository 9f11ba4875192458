package cli

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/graph"
	"github.com/symdiff/symdiff/internal/workloads"
	"github.com/symdiff/symdiff/symbolic"
)

// TestDotSVG checks whichever case this machine has: with Graphviz installed
// the output is SVG, without it the error says how to install it.
func TestDotSVG(t *testing.T) {
	x := symbolic.Sym("x")
	g, err := graph.Build(workloads.Logistic(x), map[*symbolic.Symbol]float64{x: 0})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := dotSVG(g.DOT())
	if _, lookErr := exec.LookPath("dot"); lookErr != nil {
		if err == nil || !strings.Contains(err.Error(), "apt-get install graphviz") {
			t.Errorf("dotSVG without dot: error %v, want one that says how to install Graphviz", err)
		}
		return
	}
	if err != nil || !strings.Contains(string(svg), "<svg") {
		t.Errorf("dotSVG: %v, output starts %.80q", err, svg)
	}
	if _, err := dotSVG("digraph {"); err == nil || !strings.HasPrefix(err.Error(), "graph: dot failed") {
		t.Errorf("dotSVG of bad DOT: error %v", err)
	}
}
