//go:build !js

package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/internal/oneproc"
)

// This file holds symdiff serve and symdiff site: the web playground of
// package web, answered by apiItem (the code of a line of symdiff batch).
// Package web links net/http and crypto/tls, whose initialisation every
// command would pay for, so package cli does not import it: the program
// symdiff-serve (cmd/symdiff-serve) is this command line with a Server
// set, and symdiff runs it for serve and site, as it runs symdiff-plot.

var serveFlags = []flagSpec{
	{name: "addr", arg: "HOST:PORT", help: "listen on this address (default 127.0.0.1:8080; :8080 listens on every interface)"},
	{name: "workers", arg: "N", help: "work on at most N requests at once (default: the number of cores)"},
}

var siteFlags = []flagSpec{
	{name: "wasm", arg: "FILE", help: "use this symdiff.wasm instead of building one with go"},
}

// runServe is symdiff serve [--addr 127.0.0.1:8080].
func runServe(c *cli, a args) error {
	oneproc.Release()
	if len(a.operands) != 0 {
		return usagef("serve takes no operands, got %q", a.operands)
	}
	addr := "127.0.0.1:8080"
	if a.has("addr") {
		addr = a.get("addr")
	}
	lim := defaultAPILimits
	if a.has("timeout") {
		lim.timeout = c.timeout
	}
	for name, p := range map[string]*int{"max-bytes": &lim.maxBytes, "max-depth": &lim.maxDepth, "max-nodes": &lim.maxNodes, "max-number-bits": &lim.maxNumberBits} {
		if n, err := strconv.Atoi(a.get(name)); err == nil && a.has(name) {
			*p = n
		}
	}
	workers := max(2, runtime.GOMAXPROCS(0))
	if a.has("workers") {
		n, err := strconv.Atoi(a.get("workers"))
		if err != nil || n <= 0 {
			return usagef("--workers wants a positive integer, got %q", a.get("workers"))
		}
		workers = n
	}
	if server == nil {
		return c.runHelper(serveName, "the web playground is served")
	}
	return server.Serve(ServeConfig{
		Addr: addr,
		Engine: func(ctx context.Context, command string, body []byte) (int, []byte) {
			return apiItem(ctx, command, body, lim)
		},
		MaxBody: int64(lim.maxBytes) + 4<<10, // the expression and the item's other fields
		Workers: workers,
		Stderr:  c.stderr,
	})
}

// runSite is symdiff site DIR: the playground as a static site whose
// engine is symdiff built with GOOS=js GOARCH=wasm.
func runSite(c *cli, a args) error {
	if len(a.operands) != 1 {
		return usagef("site takes one folder: symdiff site DIR")
	}
	if server == nil {
		return c.runHelper(serveName, "the web playground's site is written")
	}
	dir := a.operands[0]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := server.WriteSite(dir); err != nil {
		return err
	}
	wasm := filepath.Join(dir, "symdiff.wasm")
	if a.has("wasm") {
		b, err := os.ReadFile(a.get("wasm"))
		if err != nil {
			return err
		}
		if err := os.WriteFile(wasm, b, 0o644); err != nil {
			return err
		}
	} else if err := buildWASM(wasm); err != nil {
		return err
	}
	root, err := goEnv("GOROOT")
	if err != nil {
		return err
	}
	js, err := wasmExecJS(root)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), js, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "symdiff: wrote the site to %s; serve it with: python3 -m http.server -d %s\n", dir, dir)
	return nil
}

// buildWASM builds symdiff's command line for GOOS=js GOARCH=wasm into
// out, from the module that holds the working directory: symdiff site is
// run in a clone of symdiff, with Go installed.
func buildWASM(out string) error {
	mod, err := goEnv("GOMOD")
	if err != nil {
		return err
	}
	if mod == "" || mod == os.DevNull {
		return fmt.Errorf("symdiff site builds the WebAssembly engine with go from a clone of symdiff: run it inside the clone, or give a built one with --wasm FILE")
	}
	dir := filepath.Dir(mod)
	if b, err := exec.Command("go", "list", "-C", dir, "-m").Output(); err != nil || strings.TrimSpace(string(b)) != "github.com/symdiff/symdiff" {
		return fmt.Errorf("symdiff site builds the WebAssembly engine with go from a clone of symdiff, but %s is the module %s: run it inside the clone, or give a built one with --wasm FILE", dir, strings.TrimSpace(string(b)))
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", abs, "./cmd/symdiff")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the WebAssembly engine (GOOS=js GOARCH=wasm go build ./cmd/symdiff in %s): %v\n%s", cmd.Dir, err, b)
	}
	return nil
}

// goEnv returns go env NAME.
func goEnv(name string) (string, error) {
	b, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("symdiff site needs Go (go env %s: %v)", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// wasmExecJS returns the JavaScript support file of Go's WebAssembly port,
// from lib/wasm (Go 1.24 and later) or misc/wasm.
func wasmExecJS(root string) ([]byte, error) {
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if b, err := os.ReadFile(filepath.Join(root, p)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("wasm_exec.js is in neither lib/wasm nor misc/wasm of %s", root)
}
