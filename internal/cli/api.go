package cli

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the JSON API of symdiff serve and of the web page's
// WebAssembly engine: POST /api/v1/COMMAND with a batch item as the body
// is run as symdiff batch runs a line (itemArgv, runItem), and answers
// with the object of --json.

// apiCommands are the commands of the API. steps is diff --steps; plot
// is answered when the build has symdiff plot (the page says so when it
// does not).
var apiCommands = []string{"diff", "simplify", "eval", "grad", "jacobian", "hessian", "equal", "steps", "graph", "plot"}

// availableAPICommands returns the commands of the API that this build
// has.
func availableAPICommands() []string {
	var cs []string
	for _, c := range apiCommands {
		if c == "steps" || findCommand(c) != nil {
			cs = append(cs, c)
		}
	}
	return cs
}

// apiLimits bound the work of one request: the limits of the command
// line's flags, set for every request.
type apiLimits struct {
	timeout                                     time.Duration
	maxBytes, maxDepth, maxNodes, maxNumberBits int
}

// defaultAPILimits are the limits of symdiff serve and of the page's
// WebAssembly engine: an expression a person types, not a batch job.
var defaultAPILimits = apiLimits{timeout: 10 * time.Second, maxBytes: 64 << 10, maxDepth: 1000, maxNodes: 1_000_000, maxNumberBits: symbolic.MaxNumberBits}

// apiItem runs command on the batch item body and returns the HTTP status
// and the answer: the object of --json, or an error object.
func apiItem(ctx context.Context, command string, body []byte, lim apiLimits) (status int, answer []byte) {
	if !slices.Contains(availableAPICommands(), command) {
		return statusNotFound, apiError("usage", fmt.Sprintf("unknown command %q; the commands are %s", command, strings.Join(availableAPICommands(), ", ")))
	}
	if !utf8.Valid(body) {
		return statusBadRequest, apiError("usage", "the body is not valid UTF-8")
	}
	text := strings.TrimSpace(string(body))
	if !strings.HasPrefix(text, "{") {
		return statusBadRequest, apiError("usage", `the body is a JSON object such as {"expr": "x^2", "vars": ["x"]}`)
	}
	it, err := decodeItem(text)
	var argv []string
	if err == nil {
		it.Command = command
		if command == "steps" {
			it.Command = "diff"
		}
		a := args{set: map[string]string{
			"timeout":   lim.timeout.String(),
			"max-bytes": strconv.Itoa(lim.maxBytes),
			"max-depth": strconv.Itoa(lim.maxDepth),
			"max-nodes": strconv.Itoa(lim.maxNodes),
			// Every request sets the process's number limit (as every
			// run does), to the same value.
			"max-number-bits": strconv.Itoa(lim.maxNumberBits),
		}}
		argv, err = itemArgv(a, it)
		if command == "steps" {
			argv = append([]string{argv[0], "--steps"}, argv[1:]...)
		}
	}
	b, e, _ := runItem(itemOptions{ctx: ctx, figures: true}, argv, err, "", 0)
	return apiStatus(e), b
}

// HTTP statuses of the API, written out so that the WebAssembly engine,
// which has no server, does not link net/http.
const (
	statusOK            = 200
	statusBadRequest    = 400
	statusNotFound      = 404
	statusUnprocessable = 422
	statusInternal      = 500
)

// apiStatus returns the HTTP status of a result (nil) or an error object:
// 400 for a request that cannot be read, 422 for one that can but is
// beyond a limit, outside the domain or out of time, and 500 only for a
// bug (a panic) or a failed write.
func apiStatus(e *errorBody) int {
	if e == nil {
		return statusOK
	}
	switch e.Kind {
	case "usage", "syntax":
		return statusBadRequest
	case "internal", "output":
		return statusInternal
	}
	return statusUnprocessable
}

// apiError returns an error object.
func apiError(kind, msg string) []byte {
	return marshalLine(errorJSON{Error: errorBody{Message: msg, Kind: kind}})
}
