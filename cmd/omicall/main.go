// Command omicall is an operator's command line for the OMICall REST API
// and a standalone OMICall simulator for apps in any language.
//
//	go install github.com/omicall-go/omicall/cmd/omicall@latest
//	omicall auth check
//	omicall calls export --from 2026-01-01 --to 2026-06-30 --out calls.csv
//	omicall sim --addr 127.0.0.1:8080
//
// Every command is a thin layer over package omicall. Exit codes: 0 ok,
// 1 an API or network error, 2 a usage error, 130 interrupted.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := newApp(stdout, stderr)
	root := a.rootCmd()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return a.report(ctx, err)
}
