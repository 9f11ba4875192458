//go:build js

package main

import (
	"context"
	"syscall/js"

	"github.com/symdiff/symdiff/internal/cli"
)

// In the browser, symdiff is the engine of the web playground's static
// site (symdiff site): main registers symdiffCall(command, body), which
// answers as POST /api/v1/COMMAND does, and waits.
func main() {
	js.Global().Set("symdiffCall", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 {
			status, answer := cli.APIUsageError("symdiffCall(command, body)")
			return map[string]any{"status": status, "body": string(answer)}
		}
		status, answer := cli.API(context.Background(), args[0].String(), []byte(args[1].String()))
		return map[string]any{"status": status, "body": string(answer)}
	}))
	select {}
}
