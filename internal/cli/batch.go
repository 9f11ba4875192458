package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/symdiff/symdiff/internal/oneproc"
)

// This file holds symdiff batch: standard input one item a line, one JSON
// object a line out, in order, worked on by a bounded pool of workers.

// A batchItem is a line of symdiff batch given as a JSON object. Only
// Expr is required; the others default to the flags and VARs of the
// command line, and Command to diff.
type batchItem struct {
	Expr    string          `json:"expr"`
	Vars    []string        `json:"vars"`
	N       *int            `json:"n"`
	At      json.RawMessage `json:"at"` // "x=1,y=2" or {"x": 1, "y": "pi/4"}
	Answer  string          `json:"answer"`
	B       string          `json:"b"` // equal's second expression
	Command string          `json:"command"`
}

// A batchJob is one line of input and, once done, its output.
type batchJob struct {
	line int
	text string
	long bool // the line was longer than --max-bytes
	done chan batchOut
}

// batchOut is the output line of a job, and whether the line failed (an
// error object, a failed check, a wrong answer).
type batchOut struct {
	b      []byte
	failed bool
}

// runBatch is symdiff batch [flags] [VAR...].
func runBatch(c *cli, a args) error {
	oneproc.Release()
	workers := runtime.GOMAXPROCS(0)
	if a.has("workers") {
		n, err := strconv.Atoi(a.get("workers"))
		if err != nil || n <= 0 {
			return usagef("--workers wants a positive integer, got %q", a.get("workers"))
		}
		workers = n
	}
	// The work queue holds a few jobs a worker and the order queue a few
	// more: at most about 6 lines a worker are held at once, however long
	// the input.
	jobs := make(chan *batchJob, workers)
	order := make(chan *batchJob, 4*workers)
	for range workers {
		go func() {
			for j := range jobs {
				j.done <- c.batchLine(a, j)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		r := bufio.NewReaderSize(c.stdin, 64<<10)
		for n := 1; ; n++ {
			text, long, err := readLine(r, c.maxBytes)
			if err != nil {
				if err != io.EOF {
					readErr = fmt.Errorf("reading standard input: %v", err)
				}
				return
			}
			if !long && strings.TrimSpace(text) == "" {
				continue
			}
			j := &batchJob{line: n, text: text, long: long, done: make(chan batchOut, 1)}
			order <- j
			jobs <- j
		}
	}()
	failed := 0
	var werr error
	for j := range order {
		out := <-j.done
		if out.failed {
			failed++
		}
		if werr == nil {
			_, werr = c.stdout.Write(out.b)
		}
	}
	switch {
	case werr != nil:
		return werr
	case readErr != nil:
		return readErr
	case failed > 0:
		// Every line has its object; the status says that some failed.
		return verdictError{fmt.Sprintf("lines failed: %d (see their objects)", failed)}
	}
	return nil
}

// batchLine runs the command of one line with --json and returns its
// object, with the line number first.
func (c *cli) batchLine(a args, j *batchJob) batchOut {
	var argv []string
	var err error
	if j.long {
		err = fmt.Errorf("the line is longer than %d bytes (raise the limit with --max-bytes)", c.maxBytes)
	} else {
		argv, err = batchArgv(a, j.text)
	}
	b, body, verdict := runItem(itemOptions{}, argv, err, j.text, j.line)
	prefix := `{"line":` + strconv.Itoa(j.line) + `,`
	return batchOut{append([]byte(prefix), b[1:]...), body != nil || verdict}
}

// itemOptions are the settings of runItem that symdiff serve sets.
type itemOptions struct {
	ctx     context.Context // bounds the run besides --timeout; nil for none
	figures bool            // draw figures into the results (graph's svg)
}

// runItem runs argv (a command line with --json) on a fresh cli, as one
// item of symdiff batch or one request of symdiff serve, and returns its
// JSON object (with a line ending). argErr is an error found before the
// run (the item could not be read): it becomes the object. body is the
// error object's body when the object is an error, nil for a result;
// verdict is set when the result is a judgement that failed (a failed
// --check, a wrong --answer, equal's "different").
func runItem(o itemOptions, argv []string, argErr error, input string, line int) (b []byte, body *errorBody, verdict bool) {
	var out bytes.Buffer
	lc := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard, format: jsonFormat, parent: o.ctx, figures: o.figures}
	err := argErr
	if err == nil {
		err = lc.dispatch(argv)
	}
	if err != nil && !errors.As(err, new(verdictError)) {
		e := lc.describe(err)
		if line > 0 {
			e.Line = line
		}
		return marshalLine(errorJSON{Input: input, Error: e}), &e, false
	}
	b = out.Bytes()
	if len(b) == 0 || b[0] != '{' {
		e := errorBody{Message: "no result", Line: line, Kind: "internal"}
		return marshalLine(errorJSON{Input: input, Error: e}), &e, false
	}
	return b, nil, err != nil
}

// batchArgv returns the command line that one batch line stands for: the
// batch's flags and VARs, overridden by the line's JSON fields.
func batchArgv(a args, text string) ([]string, error) {
	it := batchItem{Expr: text}
	if strings.HasPrefix(strings.TrimSpace(text), "{") {
		var err error
		if it, err = decodeItem(text); err != nil {
			return nil, err
		}
	}
	return itemArgv(a, it)
}

// decodeItem reads a batch item given as a JSON object.
func decodeItem(text string) (batchItem, error) {
	var it batchItem
	d := json.NewDecoder(strings.NewReader(text))
	d.DisallowUnknownFields()
	if err := d.Decode(&it); err != nil {
		return it, usagef("the line is not a JSON item {\"expr\", \"vars\", \"n\", \"at\", \"answer\", \"b\", \"command\"}: %v", err)
	}
	return it, nil
}

// itemArgv returns the command line of a batch item: the batch's flags
// and VARs, overridden by the item's fields.
func itemArgv(a args, it batchItem) ([]string, error) {
	cmd := it.Command
	if cmd == "" {
		cmd = "diff"
	}
	if k := findCommand(cmd); k == nil || cmd == "batch" {
		return nil, usagef("unknown command %q%s", cmd, didYouMeanCommand(cmd))
	}
	argv := []string{cmd, "--json"}
	for _, name := range []string{"raw", "check", "func", "stats", "timeout", "max-bytes", "max-depth", "max-nodes", "max-number-bits"} {
		if !a.has(name) {
			continue
		}
		argv = append(argv, "--"+name)
		if v := a.get(name); v != "" {
			argv = append(argv, v)
		}
	}
	switch {
	case it.N != nil:
		argv = append(argv, "-n", strconv.Itoa(*it.N))
	case a.has("n"):
		argv = append(argv, "-n", a.get("n"))
	}
	at, err := itemPoint(it.At)
	if err != nil {
		return nil, err
	}
	switch {
	case at != "":
		argv = append(argv, "--at", at)
	case a.has("at"):
		argv = append(argv, "--at", a.get("at"))
	}
	if it.Answer != "" {
		argv = append(argv, "--answer", it.Answer)
	}
	argv = append(argv, "--", it.Expr)
	switch cmd {
	case "equal":
		argv = append(argv, it.B)
	case "diff", "grad", "jacobian", "hessian", "plot":
		if it.Vars != nil {
			argv = append(argv, it.Vars...)
		} else {
			argv = append(argv, a.operands...)
		}
	}
	return argv, nil
}

// itemPoint reads the "at" of a batch item: a string such as "x=1,y=2",
// or an object whose values are numbers or strings ("pi/4").
func itemPoint(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", usagef(`"at" is a string "x=1,y=2" or an object {"x": 1}, got %s`, raw)
	}
	var parts []string
	for k, v := range m {
		switch v := v.(type) {
		case float64:
			parts = append(parts, k+"="+formatFloat(v))
		case string:
			parts = append(parts, k+"="+v)
		default:
			return "", usagef(`the value of %s in "at" is a number or a string, got %v`, k, v)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ","), nil
}

// readLine reads a line of at most max bytes (without its line ending).
// A longer line is skipped to its end and reported as long.
func readLine(r *bufio.Reader, max int) (line string, long bool, err error) {
	var buf []byte
	read := false
	for {
		chunk, err := r.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !long {
			if len(buf)+len(chunk) > max+2 {
				long, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && read:
			err = nil
		case err != nil:
			return "", false, err
		}
		return strings.TrimRight(string(buf), "\r\n"), long, nil
	}
}
