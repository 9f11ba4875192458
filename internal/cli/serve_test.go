//go:build !js

package cli

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// symdiff serve, the built binary: it listens where --addr says, answers
// the page and the API, and on SIGTERM (and SIGINT) stops gracefully with
// status 0.
func TestServeBinary(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(binary(t), "serve", "--addr", "127.0.0.1:0")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			r := bufio.NewReader(stderr)
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("serve said %q, with no address", line)
			}
			base := "http://" + m[1]
			resp, err := http.Get(base + "/")
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(page), "symdiff playground") {
				t.Errorf("GET /: %d", resp.StatusCode)
			}
			resp, err = http.Post(base+"/api/v1/diff", "application/json", strings.NewReader(`{"expr": "x^2"}`))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(b), `"text":"2*x"`) {
				t.Errorf("POST /api/v1/diff: %d %s", resp.StatusCode, b)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(r)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil || !strings.Contains(string(rest), "stopped") {
					t.Errorf("after %v: %v, stderr %q", sig, err, rest)
				}
			case <-time.After(15 * time.Second):
				t.Fatalf("serve did not stop within 15 s of %v", sig)
			}
		})
	}
}

// symdiff site writes the page, wasm_exec.js and the given WebAssembly;
// outside a clone of symdiff, without --wasm, it says how to get one.
func TestSite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wasm := filepath.Join(t.TempDir(), "engine.wasm")
	if err := os.WriteFile(wasm, []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, status := runCLI("", "site", "--wasm", wasm, dir); status != 0 || !strings.Contains(errOut, "python3 -m http.server") {
		t.Fatalf("site: status %d\n%s%s", status, out, errOut)
	}
	for _, f := range []string{"index.html", "mode.js", "symdiff.wasm", "wasm_exec.js", "static/worker.js", "static/katex/LICENSE"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "wasm_exec.js")); !strings.Contains(string(b), "Go = class") {
		t.Errorf("wasm_exec.js is not Go's")
	}
	// Outside a clone of symdiff: a message, not a build of something else.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), "site", filepath.Join(other, "out"))
	cmd.Dir = other
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "--wasm FILE") {
		t.Errorf("site outside a clone: %v\n%s", err, out)
	}
}
