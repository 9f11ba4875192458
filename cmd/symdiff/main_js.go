//go:build js

package main

import (
	"context"
	"syscall/js"
)

// In the browser, symdiff is the engine of the web playground's static
// site (symdiff site): main registers symdiffCall(command, body), which
// answers as POST /api/v1/COMMAND does, and waits.
func main() {
	js.Global().Set("symdiffCall", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 {
			return map[string]any{"status": statusBadRequest, "body": string(apiError("usage", "symdiffCall(command, body)"))}
		}
		status, answer := apiItem(context.Background(), args[0].String(), []byte(args[1].String()), defaultAPILimits)
		return map[string]any{"status": status, "body": string(answer)}
	}))
	select {}
}

func runServe(c *cli, a args) error { return usagef("serve does not run in the browser") }
func runSite(c *cli, a args) error  { return usagef("site does not run in the browser") }

var serveFlags, siteFlags []flagSpec
