//go:build !js

package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
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
