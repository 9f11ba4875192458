package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// An Engine runs one command of the API: command is the last element of
// the path (diff in /api/v1/diff) and body the request's JSON object. It
// returns the HTTP status and the JSON answer. symdiff's command line
// provides it: the same code as a line of symdiff batch.
type Engine func(ctx context.Context, command string, body []byte) (status int, answer []byte)

// Config holds the settings of a Handler. A zero field takes its default.
type Config struct {
	// Engine answers the API's requests. It is required.
	Engine Engine
	// MaxBody is the largest request body read, in bytes (default 256 KiB);
	// a longer one is answered 413.
	MaxBody int64
	// BodyTimeout bounds the time to read a request's body (default 10s);
	// a slower one is answered 408.
	BodyTimeout time.Duration
	// MaxConcurrent bounds the requests worked on at once (default 4);
	// the others wait their turn, for at most QueueTimeout (default 10s),
	// then are answered 503.
	MaxConcurrent int
	QueueTimeout  time.Duration
	// Log receives the panics recovered and the server's errors (default:
	// standard error).
	Log *log.Logger
}

func (c *Config) defaults() {
	if c.MaxBody <= 0 {
		c.MaxBody = 256 << 10
	}
	if c.BodyTimeout <= 0 {
		c.BodyTimeout = 10 * time.Second
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 4
	}
	if c.QueueTimeout <= 0 {
		c.QueueTimeout = 10 * time.Second
	}
	if c.Log == nil {
		c.Log = log.New(os.Stderr, "symdiff serve: ", log.LstdFlags)
	}
}

// handler serves the page and the API.
type handler struct {
	cfg    Config
	slots  chan struct{} // a token a request being worked on
	static http.Handler
}

// NewHandler returns the handler of symdiff serve: the page at /, its
// files under /static/, and the API at POST /api/v1/COMMAND.
func NewHandler(cfg Config) http.Handler {
	cfg.defaults()
	h := &handler{cfg: cfg, slots: make(chan struct{}, cfg.MaxConcurrent)}
	sub, _ := fs.Sub(assets, "static")
	h.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.page)
	mux.HandleFunc("GET /mode.js", h.mode)
	mux.Handle("GET /static/", h.static)
	mux.HandleFunc("POST /api/v1/{command}", h.api)
	mux.HandleFunc("/api/v1/{command}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "usage", "the API takes POST requests with a JSON object as the body")
	})
	return h.recoverer(securityHeaders(mux))
}

func (h *handler) page(w http.ResponseWriter, r *http.Request) {
	b, _ := assets.ReadFile("static/index.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

// mode tells the page to call the server's API.
func (h *handler) mode(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	io.WriteString(w, serverMode)
}

// The page's mode.js: the server's, and the static site's (the engine in
// WebAssembly).
const (
	serverMode = "window.SYMDIFF_MODE = \"server\";\n"
	siteMode   = "window.SYMDIFF_MODE = \"wasm\";\n"
)

// securityHeaders sets headers that keep the page to its own files: no
// script, style or font from elsewhere, no framing.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// recoverer answers a panic with 500 and a message, and logs it with its
// stack: no panic reaches the client as a dropped connection.
func (h *handler) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.cfg.Log.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				writeError(w, http.StatusInternalServerError, "internal", fmt.Sprintf("internal error: %v (please report it with the request)", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// api answers POST /api/v1/COMMAND: it reads the body (bounded in bytes
// and time), waits for a slot, and runs the engine.
func (h *handler) api(w http.ResponseWriter, r *http.Request) {
	// The body's own deadline: a client that sends it a byte at a time
	// is cut off, whatever the server's ReadTimeout.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(h.cfg.BodyTimeout))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
	if err != nil {
		// The rest of the body is not read: the connection closes after
		// the answer (the server would otherwise wait to drain it).
		w.Header().Set("Connection", "close")
		var mbe *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &mbe):
			writeError(w, http.StatusRequestEntityTooLarge, "limit", fmt.Sprintf("the body is longer than %d bytes", h.cfg.MaxBody))
		case errors.As(err, &ne) && ne.Timeout():
			writeError(w, http.StatusRequestTimeout, "timeout", fmt.Sprintf("the body took longer than %v to arrive", h.cfg.BodyTimeout))
		default:
			writeError(w, http.StatusBadRequest, "usage", "reading the body: "+err.Error())
		}
		return
	}
	_ = rc.SetReadDeadline(time.Time{})
	// Work waits for a slot only once its body is read: slow clients do
	// not hold the slots.
	queue := time.NewTimer(h.cfg.QueueTimeout)
	defer queue.Stop()
	select {
	case h.slots <- struct{}{}:
		defer func() { <-h.slots }()
	case <-queue.C:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "busy", "the server is busy; try again")
		return
	case <-r.Context().Done():
		return // the client has gone
	}
	status, answer := h.cfg.Engine(r.Context(), r.PathValue("command"), body)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(answer)
}

// writeError writes an error object {"error": {"message", "kind"}}, the
// shape of the engine's.
func writeError(w http.ResponseWriter, status int, kind, msg string) {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "line": 0, "column": 0, "kind": kind}})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// Serve serves h on l until ctx is done (symdiff serve cancels it on
// SIGINT and SIGTERM), then shuts down gracefully: it stops accepting,
// lets the requests in progress finish for up to grace, and returns.
// The server's timeouts bound every phase of a connection, so that slow
// clients (slowloris) cannot hold it.
func Serve(ctx context.Context, l net.Listener, h http.Handler, grace time.Duration, logger *log.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          logger,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// WriteSite writes the page's files into dir for the static site:
// index.html, mode.js set for the engine in WebAssembly, and static/;
// the caller adds symdiff.wasm and wasm_exec.js. Files already there are
// replaced.
func WriteSite(dir string) error {
	err := fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if p == "static/index.html" {
			dst = filepath.Join(dir, "index.html")
		}
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "mode.js"), []byte(siteMode), 0o644)
}
