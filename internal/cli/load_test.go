//go:build !js

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/webtest"
	"github.com/symdiff/symdiff/web"
)

// TestLoad runs symdiff serve's handler on 127.0.0.1 and sends it 10,000
// requests, 32 at a time; a quarter are hostile (1 MB bodies, nesting of
// depth 100,000, x^10^10^10, invalid UTF-8, bodies sent a byte at a time).
// Every valid request must be answered 200, every hostile one 4xx with a
// message. It logs the p50 and p99 latency of the valid requests and the
// process's peak RSS (server and client together), the numbers of
// docs/web.md. It runs only with SYMDIFF_LOAD=1 (CI), and stops by itself:
// each request has a deadline, the slow bodies are cut off after a second.
func TestLoad(t *testing.T) {
	if os.Getenv("SYMDIFF_LOAD") != "1" {
		t.Skip("SYMDIFF_LOAD=1 runs the load test")
	}
	const (
		total       = 10_000
		concurrency = 32
		bodyTimeout = time.Second
	)
	lim := defaultAPILimits
	h := web.NewHandler(web.Config{
		Engine: func(ctx context.Context, command string, body []byte) (int, []byte) {
			return apiItem(ctx, command, body, lim)
		},
		MaxBody:     256 << 10,
		BodyTimeout: bodyTimeout,
		Log:         log.New(io.Discard, "", 0),
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l = web.LimitListener(l, web.MaxConnections) // as symdiff serve has it
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- web.Serve(ctx, l, h, 10*time.Second, log.New(io.Discard, "", 0)) }()
	base := "http://" + l.Addr().String() + "/api/v1/"

	valid := []struct{ command, body string }{
		{"diff", `{"expr": "1/(1+exp(-x))"}`},
		{"diff", `{"expr": "x^x", "at": "x=1.5"}`},
		{"diff", `{"expr": "sin(x)^2*cos(x)", "n": 2}`},
		{"grad", `{"expr": "(w*x + b - y)^2", "vars": ["w", "b"]}`},
		{"steps", `{"expr": "1/(1+exp(-x))"}`},
		{"graph", `{"expr": "w*x + b", "at": "w=-2,x=5,b=3"}`},
		{"simplify", `{"expr": "sin(x)^2 + cos(x)^2"}`},
		{"equal", `{"expr": "tanh(x)", "b": "2*sigmoid(2*x) - 1"}`},
		{"diff", `{"expr": "x^3", "answer": "3x^2"}`},
		{"hessian", `{"expr": "x^2*y^3 + exp(x*y)"}`},
	}
	deep := `{"expr": "` + strings.Repeat("(", 100_000) + "x" + strings.Repeat(")", 100_000) + `"}`
	huge := `{"expr": "` + strings.Repeat("x+", 512<<10) + `x"}`
	hostile := []struct {
		name, body string
		slow       bool
	}{
		{"1 MB body", huge, false},
		{"nesting of depth 100,000", deep, false},
		{"x^10^10^10", `{"expr": "x^10^10^10"}`, false},
		{"invalid UTF-8", "{\"expr\": \"sin(x\xff\xfe)\"}", false},
		{"slowloris body", `{"expr": "x^2"}`, true},
	}

	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	type outcome struct {
		hostile string // "" for a valid request
		status  int
		message string
		err     error
		latency time.Duration
	}
	outcomes := make([]outcome, total)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range concurrency {
		wg.Go(func() {
			for i := range jobs {
				o := &outcomes[i]
				t0 := time.Now()
				var body []byte
				if i%4 == 3 {
					hc := hostile[(i/4)%len(hostile)]
					o.hostile = hc.name
					if hc.slow {
						o.status, body, o.err = webtest.SlowPost(l.Addr().String(), "/api/v1/diff", hc.body, 100*time.Millisecond)
					} else {
						o.status, body, o.err = webtest.Post(client, base+"diff", hc.body)
					}
				} else {
					v := valid[i%len(valid)]
					o.status, body, o.err = webtest.Post(client, base+v.command, v.body)
				}
				o.latency = time.Since(t0)
				var e struct {
					Error struct{ Message string } `json:"error"`
				}
				if json.Unmarshal(body, &e) == nil {
					o.message = e.Error.Message
				}
			}
		})
	}
	for i := range total {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	stop()
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}

	var lat []time.Duration
	bad := 0
	for i, o := range outcomes {
		switch {
		case o.err != nil:
			t.Errorf("request %d (%q): %v", i, o.hostile, o.err)
		case o.hostile == "" && o.status != 200:
			t.Errorf("request %d, valid: status %d (%s)", i, o.status, o.message)
		case o.hostile != "" && (o.status < 400 || o.status > 499 || o.message == ""):
			t.Errorf("request %d, %s: status %d, message %q; want a 4xx with a message", i, o.hostile, o.status, o.message)
		default:
			if o.hostile == "" {
				lat = append(lat, o.latency)
			}
			continue
		}
		if bad++; bad > 20 {
			t.Fatal("too many failures")
		}
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	statusByKind := map[string]map[int]int{}
	for _, o := range outcomes {
		k := o.hostile
		if k == "" {
			k = "valid"
		}
		if statusByKind[k] == nil {
			statusByKind[k] = map[int]int{}
		}
		statusByKind[k][o.status]++
	}
	t.Logf("%d requests (%d valid) at %d concurrent in %v; valid latency p50 %v, p99 %v, max %v; peak RSS of the process (server and client) %s",
		total, len(lat), concurrency, elapsed.Round(time.Millisecond), q(0.50).Round(10*time.Microsecond), q(0.99).Round(10*time.Microsecond), q(1).Round(time.Millisecond), peakRSS())
	for k, m := range statusByKind {
		t.Logf("  %-26s statuses %v", k, m)
	}
}

// peakRSS returns the process's peak resident set size (VmHWM), or
// "unknown" where /proc is missing.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			return strings.TrimSpace(string(v))
		}
	}
	return "unknown"
}
