package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/webtest"
)

// echo is an engine that answers with the command and the body's length,
// and panics for the command "panic".
func echo(ctx context.Context, command string, body []byte) (int, []byte) {
	if command == "panic" {
		panic("the engine broke")
	}
	return 200, []byte(fmt.Sprintf(`{"command":%q,"bytes":%d}`+"\n", command, len(body)))
}

// gated returns an engine that answers as echo does, except that the
// command "slow" says it has started on started and then waits for
// release, which the test calls (and its cleanup calls again, in case the
// test ended first): a request that is in progress for as long as the test
// needs, without sleeping.
func gated(t *testing.T) (engine Engine, started <-chan struct{}, release func()) {
	start := make(chan struct{}, 1)
	released := make(chan struct{})
	release = sync.OnceFunc(func() { close(released) })
	t.Cleanup(release)
	engine = func(ctx context.Context, command string, body []byte) (int, []byte) {
		if command == "slow" {
			start <- struct{}{}
			<-released
		}
		return echo(ctx, command, body)
	}
	return engine, start, release
}

func newServer(t *testing.T, cfg Config) (*httptest.Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	cfg.Log = log.New(&logs, "", 0)
	s := httptest.NewServer(NewHandler(cfg))
	t.Cleanup(s.Close)
	return s, &logs
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	code, b, err := webtest.Post(http.DefaultClient, url, body)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: not JSON: %s", url, b)
	}
	return code, v
}

// status posts body to url and returns the status, or -1 if the request
// failed (for other goroutines than the test's).
func status(url, body string) int {
	code, _, err := webtest.Post(http.DefaultClient, url, body)
	if err != nil {
		return -1
	}
	return code
}

func errorMessage(v map[string]any) string {
	e, _ := v["error"].(map[string]any)
	s, _ := e["message"].(string)
	return s
}

func TestHandler(t *testing.T) {
	t.Parallel()
	s, logs := newServer(t, Config{Engine: echo, MaxBody: 100})
	if st, v := post(t, s.URL+"/api/v1/diff", `{"expr":"x"}`); st != 200 || v["command"] != "diff" {
		t.Errorf("diff: %d %v", st, v)
	}
	// A panic is a 500 with a message, and is logged with its stack.
	if st, v := post(t, s.URL+"/api/v1/panic", `{}`); st != 500 || !strings.Contains(errorMessage(v), "the engine broke") {
		t.Errorf("panic: %d %v", st, v)
	}
	if !strings.Contains(logs.String(), "the engine broke") || !strings.Contains(logs.String(), "goroutine") {
		t.Errorf("the panic is not logged with its stack:\n%s", logs)
	}
	// A body over MaxBody is a 413 with a message. The answer closes the
	// connection without reading the rest, and net/http's server lingers
	// on such a connection before closing it (rstAvoidanceDelay), which
	// httptest's Close would wait for: the request goes to the handler
	// directly.
	rec := httptest.NewRecorder()
	NewHandler(Config{Engine: echo, MaxBody: 100}).ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/diff", strings.NewReader(strings.Repeat("x", 101))))
	var long map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &long); rec.Code != 413 || err != nil || errorMessage(long) == "" {
		t.Errorf("long body: %d %s", rec.Code, rec.Body)
	}
	resp, err := http.Get(s.URL + "/api/v1/diff")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("GET of the API: %d, want 405", resp.StatusCode)
	}
	for path, want := range map[string]string{"/": "<title>symdiff playground", "/mode.js": `"server"`, "/static/katex/katex.min.js": "katex", "/static/app.js": "symdiff playground"} {
		resp, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s: %d, lacks %q", path, resp.StatusCode, want)
		}
		if resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
	}
}

// A body that arrives a byte at a time (slowloris) is cut off with 408
// and a message when its deadline passes.
func TestSlowBody(t *testing.T) {
	t.Parallel()
	s, _ := newServer(t, Config{Engine: echo, BodyTimeout: 100 * time.Millisecond})
	// A body of 1000 bytes, a byte every 20ms: the server gives up first.
	code, b, err := webtest.SlowPost(s.Listener.Addr().String(), "/api/v1/diff", "{"+strings.Repeat(" ", 999), 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if code != 408 || !strings.Contains(string(b), "took longer") {
		t.Errorf("slow body: %d %s", code, b)
	}
}

// At most MaxConcurrent requests are worked on at once; the others wait,
// and one that waits longer than QueueTimeout is answered 503.
func TestConcurrencyBound(t *testing.T) {
	t.Parallel()
	var now, peak atomic.Int32
	two := make(chan struct{}) // closed when two requests are worked on at once
	var closeTwo sync.Once
	engine := func(ctx context.Context, command string, body []byte) (int, []byte) {
		n := now.Add(1)
		defer now.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if n >= 2 {
			closeTwo.Do(func() { close(two) })
		}
		// Every request stays until two have been in at once (so the
		// bound is reached), then a little longer, for the requests
		// beyond the bound to come in if they are let in.
		select {
		case <-two:
		case <-time.After(5 * time.Second):
		}
		time.Sleep(10 * time.Millisecond)
		return 200, []byte("{}\n")
	}
	s, _ := newServer(t, Config{Engine: engine, MaxConcurrent: 2, QueueTimeout: 20 * time.Second})
	done := make(chan int)
	for range 8 {
		go func() { done <- status(s.URL+"/api/v1/diff", "{}") }()
	}
	for range 8 {
		if st := <-done; st != 200 {
			t.Errorf("status %d", st)
		}
	}
	if p := peak.Load(); p != 2 {
		t.Errorf("%d requests worked on at once, want 2", p)
	}
	slow, started, release := gated(t)
	s2, _ := newServer(t, Config{Engine: slow, MaxConcurrent: 1, QueueTimeout: 50 * time.Millisecond})
	t.Cleanup(release) // before s2 closes: cleanups run last first
	go status(s2.URL+"/api/v1/slow", "{}")
	<-started // the one slot is taken
	// Without the queue's timeout the request would wait for the slot: it
	// gets it (and a 200) when the slow one is let go, 5 s on.
	defer time.AfterFunc(5*time.Second, release).Stop()
	if st, v := post(t, s2.URL+"/api/v1/diff", "{}"); st != 503 || errorMessage(v) == "" {
		t.Errorf("queue timeout: %d %v", st, v)
	}
	release()
}

// Serve shuts down gracefully when its context ends: the request in
// progress finishes, then Serve returns.
func TestServeShutdown(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error)
	slow, started, release := gated(t)
	go func() {
		served <- Serve(ctx, l, NewHandler(Config{Engine: slow}), 5*time.Second, log.New(io.Discard, "", 0))
	}()
	got := make(chan int)
	go func() {
		resp, err := http.Post("http://"+l.Addr().String()+"/api/v1/slow", "application/json", strings.NewReader("{}"))
		if err != nil {
			got <- -1
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	<-started // the request is in progress
	cancel()
	// Shutdown closes the listener, then waits for the request: it is let
	// finish only once a new connection is refused.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("Serve still accepts connections 5 s after its context ended")
		}
	}
	release()
	if st := <-got; st != 200 {
		t.Errorf("the request in progress got %d, want 200", st)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func TestWriteSite(t *testing.T) {
	dir := t.TempDir()
	if err := WriteSite(dir); err != nil {
		t.Fatal(err)
	}
	if err := WriteSite(dir); err != nil { // again, over the first
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "mode.js", "static/app.js", "static/worker.js", "static/katex/katex.min.js", "static/katex/LICENSE", "static/katex/fonts/KaTeX_Main-Regular.woff2"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "mode.js")); !strings.Contains(string(b), `"wasm"`) {
		t.Errorf("mode.js: %s", b)
	}
}

// LimitListener holds at most n connections: the n+1-th is accepted only
// once one of the first is closed.
func TestLimitListener(t *testing.T) {
	t.Parallel()
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := LimitListener(inner, 2)
	defer l.Close()
	accepted := make(chan net.Conn, 3)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	for range 3 {
		c, err := net.Dial("tcp", inner.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	first := <-accepted
	<-accepted
	select {
	case <-accepted:
		t.Fatal("a third connection was accepted while two were open")
	case <-time.After(100 * time.Millisecond):
	}
	first.Close()
	select {
	case c := <-accepted:
		c.Close()
	case <-time.After(2 * time.Second):
		t.Fatal("the third connection was not accepted after the first closed")
	}
	l.Close()
	if _, ok := <-accepted; ok {
		t.Error("Accept went on after Close")
	}
}
