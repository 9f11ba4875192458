package cli

import (
	"context"
	"io"
)

// Main runs the symdiff command line argv (without the program's name)
// with the given streams and returns the exit status.
func Main(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(argv, stdin, stdout, stderr)
}

// API answers a request of the playground's JSON API, POST
// /api/v1/COMMAND with body, with symdiff serve's limits: it returns the
// HTTP status and the answer, the object of --json or an error object.
func API(ctx context.Context, command string, body []byte) (status int, answer []byte) {
	return apiItem(ctx, command, body, defaultAPILimits)
}

// APIUsageError returns the status and error object of a request that is
// malformed in a way only its caller can see, with message msg.
func APIUsageError(msg string) (status int, answer []byte) {
	return statusBadRequest, apiError("usage", msg)
}

// serveName is the program that serves the playground and writes its site.
const serveName = "symdiff-serve"

// A Server is what symdiff serve and symdiff site need of package web.
// The program symdiff-serve sets it with SetServer; without one, serve
// and site run symdiff-serve with the same command line.
type Server struct {
	// Serve serves the playground as cfg says until SIGINT or SIGTERM,
	// after which it stops gracefully and returns nil.
	Serve func(cfg ServeConfig) error
	// WriteSite writes the playground's static files into dir.
	WriteSite func(dir string) error
}

// ServeConfig is what symdiff serve's flags ask of the server.
type ServeConfig struct {
	Addr string // HOST:PORT to listen on
	// Engine answers POST /api/v1/COMMAND with body: the HTTP status
	// and the object of --json or an error object.
	Engine  func(ctx context.Context, command string, body []byte) (status int, answer []byte)
	MaxBody int64     // the largest request body
	Workers int       // requests worked on at once
	Stderr  io.Writer // where the address, the log and the stop go
}

// server is the Server of this program; nil in symdiff.
var server *Server

// SetServer makes serve and site run in this process with s, rather than
// run symdiff-serve.
func SetServer(s Server) { server = &s }
