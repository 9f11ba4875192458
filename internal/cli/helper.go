//go:build !js

package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

// symdiff runs helper programs, as git runs git-COMMAND, for the work
// whose packages would make every command start later: symdiff-plot
// draws plots (gonum), symdiff-serve serves the web playground
// (net/http). findHelper finds them, the same way for all.

// modulePath is the path of symdiff's module, whose cmd/NAME is run with
// go run when the helper program NAME is not installed.
const modulePath = "github.com/symdiff/symdiff"

// findHelper returns the command line that runs the helper program name,
// before its own arguments: the program next to exe (symdiff's
// executable), else the one in PATH, else, when the directory wd is
// inside symdiff's module and the go command is at hand, go run of the
// module's cmd/NAME (so that go run ./cmd/symdiff plot ... works in a
// clone). what says what the program does, for the error that says how
// to install it ("the plot is drawn"). lookPath is exec.LookPath.
func findHelper(name, what, exe, wd string, lookPath func(string) (string, error)) ([]string, error) {
	if exe != "" {
		if p, err := lookPath(filepath.Join(filepath.Dir(exe), name)); err == nil {
			return []string{p}, nil
		}
	}
	if p, err := lookPath(name); err == nil {
		return []string{p}, nil
	}
	if root := moduleRoot(wd); root != "" {
		if goCmd, err := lookPath("go"); err == nil {
			return []string{goCmd, "run", filepath.Join(root, "cmd", name)}, nil
		}
	}
	return nil, fmt.Errorf("%s by the program %s, found neither next to symdiff nor in PATH; install both with: go install %s/cmd/...", what, name, modulePath)
}

// runHelper runs the helper program name (found by findHelper) with
// symdiff's own command line, standard input, output and error, passes
// SIGINT and SIGTERM on to it, and returns its exit status as a
// helperExit: the program is symdiff for that command.
func (c *cli) runHelper(name, what string) error {
	exe, _ := os.Executable()
	wd, _ := os.Getwd()
	argv, err := findHelper(name, what, exe, wd, exec.LookPath)
	if err != nil {
		return err
	}
	cmd := exec.Command(argv[0], append(argv[1:], c.argv...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.stdin, c.stdout, c.stderr
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("running %s: %w", strings.Join(argv, " "), err)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() > 0 {
		return helperExit{status: ee.ExitCode()}
	}
	if err != nil {
		return fmt.Errorf("running %s: %w", strings.Join(argv, " "), err)
	}
	return nil
}

// moduleRoot returns the root of symdiff's module if dir is inside it:
// the directory of the nearest go.mod above dir, when that go.mod is
// symdiff's; otherwise "".
func moduleRoot(dir string) string {
	if dir == "" {
		return ""
	}
	for {
		if f, err := os.Open(filepath.Join(dir, "go.mod")); err == nil {
			path := modulePathOf(f)
			f.Close()
			if path == modulePath {
				return dir
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// modulePathOf returns the module path of a go.mod file.
func modulePathOf(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}
