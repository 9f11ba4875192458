package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// dotSVG renders DOT text (such as graph.Graph.DOT's) as SVG by running
// Graphviz's dot program: running programs is the command line's business,
// not the graph library's. It returns an error that says how to install
// Graphviz if dot is not on the PATH, and dot's own message if it fails.
func dotSVG(dot string) ([]byte, error) {
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, errors.New("graph: Graphviz's dot program is not installed; install it with " +
			"\"apt-get install graphviz\" (Debian, Ubuntu), \"brew install graphviz\" (macOS) or from https://graphviz.org/download/")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin = strings.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("graph: dot failed: %s", msg)
	}
	return stdout.Bytes(), nil
}
