// Command symdiff-serve serves the web playground of symdiff serve and
// writes the static site of symdiff site (docs/web.md). It is symdiff's
// command line (package internal/cli) with the server of package web,
// which links net/http and crypto/tls: a program of its own so that the
// symdiff binary does not pay for their initialisation on every command.
// symdiff runs it for serve and site, found next to its own executable,
// then in PATH; install both with
//
//	go install github.com/symdiff/symdiff/cmd/...
//
// It takes symdiff's command lines: symdiff-serve serve --addr :8080 is
// symdiff serve --addr :8080.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/symdiff/symdiff/internal/cli"
	"github.com/symdiff/symdiff/web"
)

func main() {
	cli.SetServer(cli.Server{Serve: serve, WriteSite: web.WriteSite})
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// serve serves the playground as cfg says until SIGINT or SIGTERM, then
// stops gracefully.
func serve(cfg cli.ServeConfig) error {
	logger := log.New(cfg.Stderr, "symdiff serve: ", log.LstdFlags)
	h := web.NewHandler(web.Config{
		Engine:        cfg.Engine,
		MaxBody:       cfg.MaxBody,
		MaxConcurrent: cfg.Workers,
		Log:           logger,
	})
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	// Connections held open at once: with the body and header limits,
	// a bound on the memory clients can make the server hold.
	l = web.LimitListener(l, web.MaxConnections)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(cfg.Stderr, "symdiff: serving the playground on http://%s/ (Ctrl-C stops)\n", l.Addr())
	err = web.Serve(ctx, l, h, 10*time.Second, logger)
	if err == nil {
		fmt.Fprintln(cfg.Stderr, "symdiff: stopped")
	}
	return err
}
