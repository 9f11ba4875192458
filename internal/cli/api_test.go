package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/symdiff/symdiff/internal/webtest"
	"github.com/symdiff/symdiff/web"
)

// newAPIServer serves the playground with the command line's engine, as
// symdiff serve does.
func newAPIServer(t *testing.T) *httptest.Server {
	t.Helper()
	h := web.NewHandler(web.Config{
		Engine: func(ctx context.Context, command string, body []byte) (int, []byte) {
			return apiItem(ctx, command, body, defaultAPILimits)
		},
		MaxBody: int64(defaultAPILimits.maxBytes) + 4<<10,
	})
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// apiPost posts body to the API's command on s and returns the status and
// the answer.
func apiPost(t *testing.T, s *httptest.Server, command, body string) (int, []byte) {
	t.Helper()
	code, b, err := webtest.Post(http.DefaultClient, s.URL+"/api/v1/"+command, body)
	if err != nil {
		t.Fatal(err)
	}
	return code, b
}

// The API answers a batch item with the object of --json, and every
// error with a 4xx and a message (with its place for a syntax error).
func TestAPI(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	tests := []struct {
		name, command, body string
		status              int
		want                []string // substrings of the answer
	}{
		{"sigmoid", "diff", `{"expr": "1/(1+exp(-x))"}`, 200, []string{`"latex":"\\sigma(x) (1 - \\sigma(x))"`, `"command":"diff"`}},
		{"partials", "diff", `{"expr": "x^2*y^3", "vars": ["x", "y"]}`, 200, []string{`"text":"6*x*y^2"`}},
		{"grad", "grad", `{"expr": "w*x + b", "vars": ["w", "b"], "at": {"w": -2, "x": 5, "b": 3}}`, 200, []string{`"value":[5,1]`}},
		{"hessian", "hessian", `{"expr": "x^2*y"}`, 200, []string{`"command":"hessian"`}},
		{"jacobian", "jacobian", `{"expr": "x*y; x+y"}`, 200, []string{`"command":"jacobian"`}},
		{"simplify", "simplify", `{"expr": "sin(x)^2 + cos(x)^2"}`, 200, []string{`"text":"1"`}},
		{"equal", "equal", `{"expr": "sin(2*x)", "b": "2*sin(x)*cos(x)"}`, 200, []string{`"equal":true`}},
		{"answer right", "diff", `{"expr": "x^3", "answer": "3x^2"}`, 200, []string{`"verdict":"proven"`}},
		{"answer wrong", "diff", `{"expr": "x^3", "answer": "3x"}`, 200, []string{`"verdict":"different"`, `"witness"`}},
		{"steps", "steps", `{"expr": "1/(1+exp(-x))", "vars": ["x"]}`, 200, []string{`"command":"steps"`, `"rule":"exponential rule"`, `"rule":"power rule"`}},
		{"graph", "graph", `{"expr": "w*x + b", "at": "w=-2,x=5,b=3"}`, 200, []string{`"value":-7`, `"svg":"\u003csvg`}},
		{"syntax", "diff", `{"expr": "1/(1+exp(-x)"}`, 400, []string{`"kind":"syntax"`, `"column":13`, `never closed`}},
		{"unknown field", "diff", `{"expr": "x", "bogus": 1}`, 400, []string{`"kind":"usage"`, `bogus`}},
		{"not an object", "diff", `"x^2"`, 400, []string{`JSON object`}},
		{"bare expression", "diff", `x^2`, 400, []string{`JSON object`}},
		{"unknown command", "frobnicate", `{"expr": "x"}`, 404, []string{`unknown command`}},
		{"batch is no API command", "batch", `{"expr": "x"}`, 404, []string{`unknown command`}},
		{"huge number", "diff", `{"expr": "x^10^10^10"}`, 422, []string{`"kind":"limit"`, `too large`}},
		{"deep", "diff", `{"expr": "` + strings.Repeat("(", 2000) + "x" + strings.Repeat(")", 2000) + `"}`, 422, []string{`"kind":"limit"`}},
		{"domain", "diff", `{"expr": "log(0)*x"}`, 422, []string{`"kind":"domain"`}},
		{"invalid UTF-8", "diff", "{\"expr\": \"x\xff\"}", 400, []string{`not valid UTF-8`}},
		{"too long", "diff", `{"expr": "` + strings.Repeat("x+", 40<<10) + `x"}`, 413, []string{`longer than`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, b := apiPost(t, s, tt.command, tt.body)
			if code != tt.status {
				t.Errorf("status %d, want %d: %s", code, tt.status, b)
			}
			var v map[string]any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("not a JSON object: %v: %s", err, b)
			}
			if e, ok := v["error"].(map[string]any); (code >= 400) != ok || (ok && e["message"] == "") {
				t.Errorf("status %d with answer %s: an error status needs an error object with a message, and only it", code, b)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("answer lacks %s:\n%s", w, b)
				}
			}
		})
	}
}

// plot is answered when the build has symdiff plot, and is an unknown
// command (404, which the page shows as a gap) when it does not.
func TestAPIPlot(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	code, b := apiPost(t, s, "plot", `{"expr": "1/(1+exp(-x))", "vars": ["x"], "at": "x=0.5"}`)
	if findCommand("plot") == nil {
		if code != 404 || !strings.Contains(string(b), "unknown command") || strings.Contains(string(b), "graph, plot") {
			t.Errorf("without plot: %d %s", code, b)
		}
		return
	}
	if code != 200 || !strings.Contains(string(b), `"svg":"`) || !strings.Contains(string(b), `\u003csvg`) {
		t.Errorf("plot: %d %.500s", code, b)
	}
}

// The API's object is the object of symdiff --json for the same item.
func TestAPIMatchesCLI(t *testing.T) {
	s := newAPIServer(t)
	_, got := apiPost(t, s, "diff", `{"expr": "x^x", "vars": ["x"], "at": "x=2"}`)
	want, _, status := runCLI("", "--json", "--at", "x=2", "x^x", "x")
	if status != 0 || string(got) != want {
		t.Errorf("API:\n%s\nCLI (status %d):\n%s", got, status, want)
	}
}

// Requests at once share nothing but the interned DAG: each runs on a cli
// of its own (go test -race checks it).
func TestAPIConcurrent(t *testing.T) {
	s := newAPIServer(t)
	items := []struct{ command, body, want string }{
		{"diff", `{"expr": "1/(1+exp(-x))"}`, `sigmoid(x)*(1 - sigmoid(x))`},
		{"steps", `{"expr": "x^x"}`, `"command":"steps"`},
		{"graph", `{"expr": "w*x + b", "at": "w=-2,x=5,b=3"}`, `"value":-7`},
		{"grad", `{"expr": "(w*x + b - y)^2", "vars": ["w", "b"]}`, `"command":"grad"`},
		{"diff", `{"expr": "x^10^10^10"}`, `"kind":"limit"`},
	}
	errs := make(chan string, 40)
	for i := range 40 {
		go func() {
			it := items[i%len(items)]
			_, b, err := webtest.Post(http.DefaultClient, s.URL+"/api/v1/"+it.command, it.body)
			if err != nil {
				errs <- err.Error()
				return
			}
			if !strings.Contains(string(b), it.want) {
				errs <- it.command + ": " + string(b)
				return
			}
			errs <- ""
		}()
	}
	for range 40 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// The limits of symdiff serve's flags hold for every request; a body
// cannot raise them.
func TestAPILimits(t *testing.T) {
	small := apiLimits{timeout: time.Second, maxBytes: 100, maxDepth: 5, maxNodes: 50, maxNumberBits: 64}
	tests := []struct {
		name, command, body string
		lim                 apiLimits
		status              int
		want                string
	}{
		{"bytes", "diff", `{"expr": "` + strings.Repeat("x+", 60) + `x"}`, small, 422, "--max-bytes"},
		{"depth", "diff", `{"expr": "((((((((x))))))))"}`, small, 422, "--max-depth"},
		{"number bits", "diff", `{"expr": "2^100*x"}`, small, 422, "more than 64 bits"},
		{"nodes", "diff", `{"expr": "sin(cos(tan(exp(x^x))))*x^x^x", "n": 4}`, small, 422, "node"},
		{"time", "diff", `{"expr": "sin(x)^30*cos(x)^30", "n": 12}`, apiLimits{timeout: time.Millisecond, maxBytes: 1000, maxDepth: 100, maxNodes: 1_000_000, maxNumberBits: 65536}, 422, "time limit"},
		{"defaults hold", "diff", `{"expr": "2^100*x"}`, defaultAPILimits, 200, `"text":"1267650600228229401496703205376"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, b := apiItem(context.Background(), tt.command, []byte(tt.body), tt.lim)
			if status != tt.status || !strings.Contains(string(b), tt.want) {
				t.Errorf("status %d, want %d with %q: %s", status, tt.status, tt.want, b)
			}
		})
	}
}
