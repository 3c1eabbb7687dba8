// Command patchdesk is a self-hosted portal for helpdesk staff who work with ManageEngine
// Patch Manager Plus. Run it with -demo to try it against the built-in PMP simulator.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"patchdesk/web"
)

// gcPercent is the garbage collector's target when GOGC is not set. Go's default of 100
// lets the heap reach twice its live size. 50 keeps a CSV export within its memory
// budget in BENCHMARKS.md, for a little more collector work.
const gcPercent = 50

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := web.Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "patchdesk:", err)
		os.Exit(1)
	}
}
