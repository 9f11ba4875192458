//go:build browser && !js

package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test loads the playground in headless Chromium, served by
// symdiff serve's handler and as the static site of symdiff site (the
// engine in WebAssembly), types the sigmoid, and finds the derivative
// rendered by KaTeX, the steps, the graph and the plot's place. It writes
// a screenshot of each page into $SYMDIFF_SCREENSHOTS (CI prints the
// folder), or a temporary folder.
//
// A person has looked at the screenshots: served.png and wasm.png of this
// test, viewed as images while writing it, show the input, the derivative
// \frac{df}{dx} = \sigma(x)(1 - \sigma(x)) typeset by KaTeX with its fonts,
// the four rule steps and the two simplification rewrites with their rule
// names, the graph of the sigmoid at x = 0.5 drawn left to right with
// values and adjoints, and the plot of f, f' and the tangent at x = 0.5, on
// a 1200-pixel-wide page and on a 390-pixel phone (where the graph scrolls
// sideways in its card).
//
// It is built only with -tags browser, so that the default go test ./...
// does not link chromedp into this package's test binary, and runs only
// with SYMDIFF_BROWSER=1 (.ci/run does both: go test -tags browser), and
// then needs Chromium (Debian's chromium, or $SYMDIFF_CHROMIUM).
func TestBrowser(t *testing.T) {
	required := os.Getenv("SYMDIFF_BROWSER") == "1"
	if testing.Short() || !required {
		t.Skip("starts a browser; SYMDIFF_BROWSER=1 runs it")
	}
	browser := os.Getenv("SYMDIFF_CHROMIUM")
	if browser == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				browser = p
				break
			}
		}
	}
	if browser == "" {
		if required {
			t.Fatal("SYMDIFF_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
		}
		t.Skip("no chromium on PATH; SYMDIFF_BROWSER=1 makes this test required")
	}
	shots := os.Getenv("SYMDIFF_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1000),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()

	t.Run("served", func(t *testing.T) {
		s := newAPIServer(t)
		checkPage(t, actx, s.URL+"/", filepath.Join(shots, "served"))
	})
	t.Run("wasm", func(t *testing.T) {
		dir := t.TempDir()
		var argv []string
		if w := os.Getenv("SYMDIFF_WASM"); w != "" {
			argv = []string{"--wasm", w} // built once by CI
		}
		if out, errOut, status := runCLI("", append(append([]string{"site"}, argv...), dir)...); status != 0 {
			t.Fatalf("symdiff site: status %d\n%s%s", status, out, errOut)
		}
		st, err := os.Stat(filepath.Join(dir, "symdiff.wasm"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("symdiff.wasm: %d bytes", st.Size())
		s := httptest.NewServer(http.FileServer(http.Dir(dir)))
		defer s.Close()
		ms := checkPage(t, actx, s.URL+"/", filepath.Join(shots, "wasm"))
		t.Logf("first result in the WebAssembly page: %s ms after the page started loading", ms)
	})
}

// checkPage loads url, types the sigmoid and checks what the page shows;
// it writes shot.png (desktop) and shot-phone.png, and returns the page's
// first-result time in milliseconds.
func checkPage(t *testing.T, actx context.Context, url, shot string) string {
	t.Helper()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel2()
	poll := func(what, expr string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))); err != nil {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('expr').value + '\n' + document.querySelector('main').innerText`))
			t.Fatalf("%s: %v\n%.3000s", what, err, text)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"?expr=x%5E2&var=x&at=x%3D0.5"), chromedp.WaitVisible("#expr")); err != nil {
		t.Fatal(err)
	}
	// The state in the URL is read: x^2 gives 2x first.
	poll("the derivative of x^2 from the URL", `[...document.querySelectorAll('#derivative annotation')].some(a => a.textContent.replace(/\s+/g, '').includes('=2x'))`)
	ms, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.firstResultMs || ""`))

	// Empty the field, then type into it key by key as a person does.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById('expr').value = '') === ''`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#expr", "1/(1+exp(-x))")); err != nil {
		t.Fatal(err)
	}
	poll("the derivative rendered by KaTeX", `[...document.querySelectorAll('#derivative annotation')].some(a => a.textContent.replace(/\s+/g, '').includes('\\sigma(x)(1-\\sigma(x))'))`)
	poll("the steps, each rule named", `(() => { const t = document.getElementById('steps').textContent; return ['exponential rule', 'power rule', 'sum rule'].every(r => t.includes(r)) && document.querySelectorAll('#steps .katex').length >= 5; })()`)
	poll("the graph with values and adjoints", `(() => { const s = document.querySelector('#graph svg'); return !!s && s.querySelectorAll('g.node').length >= 4 && s.textContent.includes('adjoint'); })()`)
	if findCommand("plot") != nil {
		poll("the plot", `!!document.querySelector('#plot svg')`)
	} else {
		poll("the plot's place, saying this build has no plot", `document.getElementById('plot').textContent.includes('does not have')`)
	}
	poll("the state in the URL", `new URLSearchParams(location.search).get('expr') === '1/(1+exp(-x))'`)

	// "Is my answer right?", with the keyboard: Enter submits.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#answer", "sigmoid(x)*(1-sigmoid(x))\n")); err != nil {
		t.Fatal(err)
	}
	poll("the answer judged right", `document.getElementById('verdict').textContent.startsWith('Right')`)

	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shot+".png", png, 0o644); err != nil {
		t.Fatal(err)
	}
	// A phone: the page fits its width (no horizontal scrolling).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	poll("no horizontal scrolling on a phone", `document.documentElement.scrollWidth <= window.innerWidth + 1`)
	png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shot+"-phone.png", png, 0o644); err != nil {
		t.Fatal(err)
	}
	// A syntax error shows its message with a caret under its place.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById('expr').value = '') === ''`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#expr", "1/(1+exp(-x)")); err != nil {
		t.Fatal(err)
	}
	poll("the syntax error with its caret", `(() => { const e = document.getElementById('expr-error'); return !e.hidden && e.textContent.includes('never closed') && e.textContent.includes('            ^'); })()`)
	// An expression past the rule-by-rule limit: its derivation through
	// intermediate variables, one item a name (a sum of 150 sines has 450
	// distinct nodes).
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = document.getElementById('expr'); e.value = Array.from({length: 150}, (_, k) => 'sin(' + (k+1) + '*x+' + (k+1) + ')').join('+'); e.dispatchEvent(new Event('input')); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	poll("the abridged derivation, one item a name", `(() => { const s = document.getElementById('steps'); return !!s.querySelector('li.abridged') && s.querySelectorAll('.katex').length >= 300 && s.textContent.includes('too many to derive rule by rule'); })()`)
	// A derivative far larger as a tree than as a DAG (a 400-deep chain's:
	// 80,000 nodes written out) comes in its shared form, which KaTeX
	// renders at once.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = document.getElementById('expr'); e.value = 'sin('.repeat(400) + 'x' + ')'.repeat(400); e.dispatchEvent(new Event('input')); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	poll("the shared form of a large derivative", `(() => { const d = document.getElementById('derivative'); return !!d.querySelector('.katex') && d.textContent.includes('where'); })()`)
	t.Logf("screenshots: %s.png, %s-phone.png", shot, shot)
	if strings.TrimSpace(ms) == "" {
		t.Errorf("the page did not record its first-result time")
	}
	return ms
}
